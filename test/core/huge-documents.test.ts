// Inputs of a size or a position no one types but anyone can paste or send (issue 17): 200,000
// `claim` lines overflow no stack in any feature, and a request far past the end of the document
// is answered as at its end, without walking to it.
import assert from 'node:assert/strict';
import {
  analyze,
  ClaimDocument,
  doCodeActions,
  doComplete,
  doHover,
  estimateMarkdown,
  estimatePage,
  findDocumentSymbols,
  formatDocument,
  getCodeLenses,
  getFoldingRanges,
  getInlayHints,
  loadDefaultTables,
  PLAN,
  type Analysis,
  toDiagnostics,
} from '../../server/src/core/languageService';
import { clampPosition } from '../../server/src/core/features/locate';

const tables = loadDefaultTables();
const URI = 'file:///huge.claim';

describe('200,000 claim lines (2 MB, under the size limit)', function () {
  this.timeout(300_000);
  const text = 'claim "x"\n'.repeat(200_000);

  it('are analysed, published and served without overflowing the stack', () => {
    assert.ok(text.length < 5_000_000);
    for (const a of [analyze(text, tables), new ClaimDocument(text).analyze(tables)]) {
      assert.deepEqual(a.internalErrors, []);
      assert.equal(a.model.claims.length, 200_000);
      // Each claim has no payer line: one unknown-payer note each, and nothing was skipped.
      assert.equal(a.findings.filter((f) => f.rule === 'unknown-payer').length, 200_000);
      assert.equal(toDiagnostics(a.findings, URI).length, a.findings.length);
      assert.equal(a.estimate().length, 200_000);
      assert.ok(estimateMarkdown(a).length > 0);
      assert.equal(findDocumentSymbols(a).length, PLAN.outlineClaims + 1);
      assert.ok(Array.isArray(getFoldingRanges(a)));
      assert.ok(Array.isArray(getCodeLenses(a, URI)));
      assert.ok(Array.isArray(formatDocument(a)));
      const whole = { start: { line: 0, character: 0 }, end: { line: 200_000, character: 0 } };
      assert.ok(Array.isArray(doCodeActions(a, URI, whole)));
    }
  });
});

describe('requests on a file of 200,000 short claims answer part and say so (issue 23)', function () {
  this.timeout(300_000);
  // The hostile file: 2 MB of one-line claims.
  const a = analyze('claim "x"\n'.repeat(200_000), tables);
  /** Counts the claims priced by what `fn` does. */
  const priced = (fn: (x: Analysis) => void): number => {
    let n = 0;
    fn({ ...a, estimateOf: (i: number) => (n++, a.estimateOf(i)) });
    return n;
  };

  it('the outline lists the first PLAN.outlineClaims claims, then one entry that says how many more there are, pricing only those', () => {
    const symbols = findDocumentSymbols(a);
    assert.equal(symbols.length, PLAN.outlineClaims + 1);
    assert.equal(symbols.at(-1)!.name, `${200_000 - PLAN.outlineClaims} more claims not listed`);
    assert.equal(symbols.at(-1)!.range.start.line, PLAN.outlineClaims);
    assert.equal(priced((x) => findDocumentSymbols(x)), PLAN.outlineClaims);
  });

  it('the outline lists at most PLAN.outlineLines lines under a date, then one entry that says how many more', () => {
    const lines = ['claim "one date"', 'payer medicare', 'state GA', 'pos 11', 'dx C78.7', 'on 2026-03-02'];
    for (let i = 0; i < PLAN.outlineLines + 500; i++) lines.push('  96522 dx A');
    const [claim] = findDocumentSymbols(analyze(lines.join('\n'), tables));
    const services = claim.children![0].children!;
    assert.equal(services.length, PLAN.outlineLines + 1);
    assert.equal(services.at(-1)!.name, '500 more lines not listed');
    assert.equal(services.at(-1)!.range.start.line, 6 + PLAN.outlineLines);
  });

  it('the outline of a batch lists its claims, dates and lines up to PLAN.outlineSymbols entries, then says how many claims are not listed, pricing only those listed', () => {
    // 600 claims of 4 dates of 5 lines each: 25 entries a claim (itself, its dates, their lines).
    const claim = (i: number) => [`claim "c${i}"`, 'payer medicare', 'state GA', 'pos 11', 'dx C78.7', ...[2, 3, 4, 5].flatMap((d) => [`on 2026-03-0${d}`, ...Array.from({ length: 5 }, () => '  96522 dx A')])].join('\n');
    const batch = analyze(Array.from({ length: 600 }, (_, i) => claim(i)).join('\n\n'), tables);
    const symbols = findDocumentSymbols(batch);
    const listed = Math.floor(PLAN.outlineSymbols / 25);
    assert.equal(symbols.length, listed + 1);
    const entries = (list: typeof symbols): number => list.reduce((n, s) => n + 1 + entries(s.children ?? []), 0);
    assert.ok(entries(symbols.slice(0, -1)) <= PLAN.outlineSymbols);
    assert.equal(symbols.at(-1)!.name, `${600 - listed} more claims not listed`);
    assert.equal(symbols.at(-1)!.detail, `the outline lists the first ${listed} of 600 claims`);
    let n = 0;
    findDocumentSymbols({ ...batch, estimateOf: (i: number) => (n++, batch.estimateOf(i)) });
    assert.equal(n, listed);
    // One claim longer than the budget is still listed (its dates capped at PLAN.outlineLines lines each).
    const long = ['claim "long"', 'payer medicare', 'state GA', 'pos 11', 'dx C78.7', ...Array.from({ length: 12 }, (_, d) => [`on 2026-04-${String(d + 1).padStart(2, '0')}`, ...Array.from({ length: 1000 }, () => '  96522 dx A')]).flat()].join('\n');
    assert.equal(findDocumentSymbols(analyze(`${long}\n\n${claim(1)}`, tables)).map((s) => s.name).join(), 'long,1 more claims not listed');
  });

  it('code lenses for the first PLAN.lensClaims claims, then one lens that says so, pricing only those', () => {
    const lenses = getCodeLenses(a, URI);
    assert.match(lenses.at(-1)!.command!.title, new RegExp(`first ${PLAN.lensClaims} of 200000 claims`));
    assert.equal(lenses.at(-1)!.range.start.line, PLAN.lensClaims);
    assert.equal(priced((x) => getCodeLenses(x, URI)), PLAN.lensClaims);
  });

  it('the estimate request answers a page of claims, saying which, and prices only the page', () => {
    const page = estimatePage(a, 1000);
    assert.equal(page.claims.length, PLAN.estimatePage);
    assert.equal(page.first, 1000);
    assert.equal(page.total, 200_000);
    assert.equal(page.claims[0].line, 1000);
    assert.match(estimateMarkdown(a, page), /^_Claims 1001 to 1200 of 200000 are shown/);
    assert.equal(priced((x) => estimatePage(x, 199_990)), 10);
    assert.equal(estimatePage(a, 1e12).claims.length, 0);
    assert.equal(estimatePage(a, -5).first, 0);
  });

  it('the estimate request answers at most PLAN.estimateLines service lines, the totals of the whole claim, and says so', () => {
    const lines = ['claim "one date"', 'payer medicare', 'state GA', 'pos 11', 'dx C78.7', 'on 2026-03-02'];
    for (let i = 0; i < PLAN.estimateLines + 700; i++) lines.push('  96522 dx A');
    const long = analyze(`${lines.join('\n')}\nclaim "after"\npayer medicare\nstate GA\npos 11\ndx C78.7\non 2026-03-02\n  96522 dx A\n`, tables);
    const page = estimatePage(long);
    const [first, second] = page.claims;
    const whole = long.estimateOf(0)!;
    assert.equal(first.dates[0].lines.length, PLAN.estimateLines);
    assert.equal(first.total, whole.total);
    assert.equal(first.dates[0].total, whole.dates[0].total);
    assert.match(first.notes.at(-1)!, new RegExp(`^Only the first ${PLAN.estimateLines.toLocaleString('en-US')} of this claim's ${(PLAN.estimateLines + 700).toLocaleString('en-US')} service lines are shown; its totals are of every line`));
    assert.equal(whole.dates[0].lines.length, PLAN.estimateLines + 700, 'the analysis keeps every line');
    // The next claim has no room left on this page: its totals, no lines, and it says so.
    assert.equal(second.dates[0].lines.length, 0);
    assert.match(second.notes.at(-1)!, /^This claim's 1 service line is not shown; its totals are of every line/);
  });

  it('inlay hints for a visible range price only the claims in it', () => {
    const n = priced((x) => getInlayHints(x, { start: 100_000, end: 100_060 }, URI));
    assert.ok(n >= 61 && n <= 62, `${n} claims priced`);
  });
});

describe('positions outside the document', () => {
  const text = 'claim "a"\npayer medicare\nstate GA\npos 11\ndx C78.7\n\non 2026-03-02\n  96522 dx A\n  ';
  const a = analyze(text, tables);
  const last = a.tree.texts.length - 1;
  const end = { line: last, character: a.tree.texts[last].length };

  it('are clamped as LSP reads them: past the end is the end, negative is the start', () => {
    assert.deepEqual(clampPosition(a, 2147483647, 0), end);
    assert.deepEqual(clampPosition(a, 1e12, 5), end);
    assert.deepEqual(clampPosition(a, Infinity, 0), end);
    assert.deepEqual(clampPosition(a, -1, 3), { line: 0, character: 0 });
    assert.deepEqual(clampPosition(a, Number.NaN, 3), { line: 0, character: 0 });
    assert.deepEqual(clampPosition(a, 7, 1e12), { line: 7, character: a.tree.texts[7].length });
    assert.deepEqual(clampPosition(a, 7, -4), { line: 7, character: 0 });
    assert.deepEqual(clampPosition(a, 7.5, 2.5), { line: 7, character: 2 });
  });

  it('completion at line 2147483647 or 1e12 answers as at the end of the document (it walked up from the line: 10 s, hours)', () => {
    const atEnd = doComplete(a, end.line, end.character);
    assert.ok(atEnd.items.length > 0, 'codes are offered on a new line of the date');
    for (const line of [2147483647, 1e12, Number.MAX_SAFE_INTEGER]) assert.deepStrictEqual(doComplete(a, line, 0), atEnd);
    assert.deepStrictEqual(doComplete(a, -3, 0), doComplete(a, 0, 0));
  });

  it('a line below the last claim still completes in its date, found without walking line by line', () => {
    const blanks = `${text}${'\n'.repeat(50_000)}`;
    const b = analyze(blanks, tables);
    const items = doComplete(b, 50_000, 0).items.map((i) => i.label);
    assert.ok(items.includes('96522'), 'a procedure code of the date above');
  });

  it('hover and code actions clamp too', () => {
    assert.deepStrictEqual(doHover(a, 2147483647, 2147483647), doHover(a, end.line, end.character));
    assert.deepStrictEqual(doHover(a, 7, 1e12), doHover(a, 7, a.tree.texts[7].length));
    const far = { start: { line: 1e12, character: 0 }, end: { line: 1e12, character: 1e12 } };
    assert.deepStrictEqual(doCodeActions(a, URI, far), doCodeActions(a, URI, { start: end, end }));
  });
});
