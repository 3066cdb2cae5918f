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
  findDocumentSymbols,
  formatDocument,
  getCodeLenses,
  getFoldingRanges,
  loadDefaultTables,
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
      assert.equal(findDocumentSymbols(a).length, 200_000);
      assert.ok(Array.isArray(getFoldingRanges(a)));
      assert.ok(Array.isArray(getCodeLenses(a, URI)));
      assert.ok(Array.isArray(formatDocument(a)));
      const whole = { start: { line: 0, character: 0 }, end: { line: 200_000, character: 0 } };
      assert.ok(Array.isArray(doCodeActions(a, URI, whole)));
    }
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
