// Properties of the core on generated documents: it never throws, every range it returns lies
// inside the document, the same text always gives the same answers, and formatting is stable.
// Short form in `npm test`; HAI_SOAK=1 (npm run test:soak) runs thousands of cases per property.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CompletionItem, Range } from 'vscode-languageserver-types';
import {
  analyze,
  DEFAULT_SETTINGS,
  doCodeActions,
  doComplete,
  doHover,
  estimateMarkdown,
  findDocumentSymbols,
  formatDocument,
  getCodeLenses,
  getFoldingRanges,
  LineCache,
  loadDefaultTables,
  parseSettings,
  RULE_IDS,
  toDiagnostics,
  type Analysis,
  type Settings,
} from '../../server/src/core/languageService';
import { toRange } from '../../server/src/core/features/locate';
import { claimDocument, rawText } from '../helpers/arbitraries';
import { applyTextEdits, assertRangeInside, linesOf } from '../helpers/text';

const SOAK = process.env.HAI_SOAK === '1';
const RUNS = SOAK ? 3000 : 200;
const tables = loadDefaultTables();
const URI = 'file:///prop.claim';

/** Documents from the language's pieces most of the time, raw random text some of the time. */
const anyDocument = fc.oneof({ weight: 4, arbitrary: claimDocument }, { weight: 1, arbitrary: rawText });

/** A handful of positions inside the document (every one a valid LSP position). */
function positionsIn(text: string) {
  const lines = linesOf(text);
  return fc.array(
    fc.integer({ min: 0, max: lines.length - 1 }).chain((line) => fc.integer({ min: 0, max: lines[line].length }).map((character) => ({ line, character }))),
    { minLength: 1, maxLength: 8 },
  );
}

const docWithPositions = anyDocument.chain((text) => positionsIn(text).map((positions) => ({ text, positions })));

const settingsVariants: Settings[] = [
  DEFAULT_SETTINGS,
  parseSettings({ rules: { 'ncci-ptp': 'off', syntax: 'hint', 'bad-code': 'error' }, defaultState: 'GA', defaultPos: '11' }, RULE_IDS).settings,
  parseSettings({ maxFileBytes: 1000 }, RULE_IDS).settings,
];

/** Every feature at the given positions; the results, as plain data. */
function runAll(analysis: Analysis, positions: { line: number; character: number }[]) {
  const lastLine = analysis.tree.texts.length - 1;
  const whole: Range = { start: { line: 0, character: 0 }, end: { line: lastLine, character: analysis.tree.texts[lastLine]?.length ?? 0 } };
  return {
    diagnostics: toDiagnostics(analysis.findings, URI),
    hovers: positions.map((p) => doHover(analysis, p.line, p.character)),
    completions: positions.map((p) => doComplete(analysis, p.line, p.character)),
    actions: [...positions.map((p) => doCodeActions(analysis, URI, { start: p, end: p })), doCodeActions(analysis, URI, whole)],
    symbols: findDocumentSymbols(analysis),
    folding: getFoldingRanges(analysis),
    formatting: [formatDocument(analysis, { tabSize: 2, insertSpaces: true }), formatDocument(analysis, { tabSize: 4, insertSpaces: false })],
    lenses: getCodeLenses(analysis, URI),
    estimate: estimateMarkdown(analysis),
  };
}

type Results = ReturnType<typeof runAll>;

function completionRanges(item: CompletionItem): Range[] {
  const e = item.textEdit;
  if (!e) return [];
  return 'range' in e ? [e.range] : [e.insert, e.replace];
}

function assertAllInside(text: string, analysis: Analysis, r: Results): void {
  const lines = linesOf(text);
  // A file over the size limit is not parsed (its tree is empty); any other has one entry per LSP line.
  const tooLarge = analysis.findings.some((f) => f.rule === 'file-too-large');
  assert.equal(analysis.tree.texts.length, tooLarge ? 0 : lines.length, 'the tree has one entry per LSP line');
  for (const f of analysis.findings) {
    assertRangeInside(lines, toRange(f), `finding ${f.rule}`);
    for (const rel of f.related ?? []) assertRangeInside(lines, toRange(rel), `related of ${f.rule}`);
    for (const fix of f.fixes ?? []) for (const e of fix.edits) assertRangeInside(lines, toRange(e), `fix "${fix.title}"`);
    if (f.deniesLine !== undefined) assert.ok(f.deniesLine >= 0 && f.deniesLine < lines.length, `${f.rule} denies a line outside the text`);
  }
  for (const d of r.diagnostics) {
    assertRangeInside(lines, d.range, `diagnostic ${d.code}`);
    for (const rel of d.relatedInformation ?? []) assertRangeInside(lines, rel.location.range, `related of ${d.code}`);
  }
  for (const h of r.hovers) if (h?.range) assertRangeInside(lines, h.range, 'hover');
  for (const list of r.completions) for (const item of list.items) for (const range of completionRanges(item)) assertRangeInside(lines, range, `completion ${item.label}`);
  for (const list of r.actions) for (const a of list) for (const edits of Object.values(a.edit?.changes ?? {})) for (const e of edits) assertRangeInside(lines, e.range, `action "${a.title}"`);
  const symbols = [...r.symbols];
  while (symbols.length) {
    const s = symbols.pop()!;
    assertRangeInside(lines, s.range, `symbol ${s.name}`);
    assertRangeInside(lines, s.selectionRange, `symbol ${s.name} selection`);
    // Editors reject a symbol whose selection is not inside its range.
    const contains = (a: Range, b: Range) =>
      (a.start.line < b.start.line || (a.start.line === b.start.line && a.start.character <= b.start.character)) &&
      (a.end.line > b.end.line || (a.end.line === b.end.line && a.end.character >= b.end.character));
    assert.ok(contains(s.range, s.selectionRange), `symbol ${s.name}: selection outside its range`);
    symbols.push(...(s.children ?? []));
  }
  for (const f of r.folding) assert.ok(f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < lines.length, 'folding range inside the text');
  for (const edits of r.formatting) for (const e of edits) assertRangeInside(lines, e.range, 'format edit');
  for (const l of r.lenses) assertRangeInside(lines, l.range, 'code lens');
}

function check(text: string, positions: { line: number; character: number }[], settings: Settings): void {
  const analysis = analyze(text, tables, { settings });
  const results = runAll(analysis, positions);
  assert.deepEqual(analysis.internalErrors, [], 'no check, feature or estimate failed');
  assertAllInside(text, analysis, results);

  // Same text, fresh analysis and a line cache that has seen other documents: the same answers.
  const cache = new LineCache();
  analyze('claim "other"\non day 1\n  96522 dx A\n' + text.slice(0, text.length >> 1), tables, { settings, lineCache: cache });
  const again = analyze(text, tables, { settings, lineCache: cache });
  assert.deepEqual(again.findings, analysis.findings, 'findings are deterministic (and the line cache is not mutated)');
  assert.deepEqual(runAll(again, positions), results, 'features are deterministic');

  // Fixes apply cleanly and the result still analyses (the first 25: a line of 2000 modifiers
  // has 2000 fixes, and re-analysing each would test the clock, not the code).
  const fixes = analysis.findings.flatMap((f) => f.fixes ?? []).slice(0, 25);
  for (const fix of fixes) {
    const fixed = applyTextEdits(text, fix.edits.map((e) => ({ range: toRange(e), newText: e.newText })));
    const after = analyze(fixed, tables, { settings });
    assert.deepEqual(after.internalErrors, [], `after fix "${fix.title}"`);
  }
}

describe('core properties (fast-check)', function () {
  this.timeout(SOAK ? 600_000 : 60_000);

  it('analysis and every feature never throw, stay inside the document and are deterministic', () => {
    fc.assert(
      fc.property(docWithPositions, fc.constantFrom(...settingsVariants), ({ text, positions }, settings) => check(text, positions, settings)),
      { numRuns: RUNS },
    );
  });

  it('positions outside the document (a stale client) never throw', () => {
    fc.assert(
      fc.property(anyDocument, fc.integer({ min: -2, max: 200 }), fc.integer({ min: -2, max: 6000 }), (text, line, character) => {
        const a = analyze(text, tables);
        doHover(a, line, character);
        doComplete(a, line, character);
        const p = { line, character };
        doCodeActions(a, URI, { start: p, end: p });
      }),
      { numRuns: RUNS },
    );
  });

  it('formatting is idempotent and keeps the set of diagnostic codes (but for the spelling it normalises)', () => {
    fc.assert(
      fc.property(claimDocument, fc.boolean(), (text, insertSpaces) => {
        const a = analyze(text, tables);
        const once = applyTextEdits(text, formatDocument(a, { insertSpaces }));
        const b = analyze(once, tables);
        const twice = applyTextEdits(once, formatDocument(b, { insertSpaces }));
        assert.equal(twice, once, 'formatting a formatted document changes nothing');
        // The formatter writes keywords, values and codes in their canonical case (issue 13), so
        // the findings about case go; every other finding stays.
        const kept = (x: Analysis) => x.findings.filter((f) => f.rule !== 'spelling' && f.data.reason !== 'case');
        const codes = (x: Analysis) => [...new Set(kept(x).map((f) => f.rule))].sort();
        assert.deepEqual(codes(b), codes(a), 'formatting does not change the set of diagnostic codes');
        // Stronger: the same checks fire on the same lines, and the claims keep their names.
        const where = (x: Analysis) => kept(x).map((f) => `${f.line}:${f.rule}`).sort();
        assert.deepEqual(where(b), where(a), 'the same findings on the same lines');
        assert.deepEqual(b.model.claims.map((c) => c.name), a.model.claims.map((c) => c.name), 'claim names unchanged');
      }),
      { numRuns: RUNS },
    );
  });

  it('file-too-large fires exactly when the UTF-8 size is over maxFileBytes, and alone', () => {
    const settings = parseSettings({ maxFileBytes: 1000 }, RULE_IDS).settings;
    fc.assert(
      fc.property(rawText, fc.integer({ min: 1, max: 12 }), (text, times) => {
        const doc = text.repeat(times);
        const a = analyze(doc, tables, { settings });
        const over = Buffer.byteLength(doc, 'utf8') > 1000;
        assert.equal(a.findings.some((f) => f.rule === 'file-too-large'), over);
        if (over) assert.equal(a.findings.length, 1, 'one clear diagnostic, nothing else');
      }),
      { numRuns: RUNS },
    );
  });

  it('settings of any shape never throw and always yield usable settings', () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    const shaped = fc.record({ rules: fc.dictionary(fc.constantFrom(...RULE_IDS, 'nope'), json), diagnostics: fc.record({ debounceMs: json }), maxFileBytes: json, data: fc.record({ pfsRvu: json }) }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.oneof(json, shaped, fc.constantFrom(undefined, null, 'x', 3, [], [1])), (raw) => {
        const { settings } = parseSettings(raw, RULE_IDS);
        assert.equal(typeof settings.maxFileBytes, 'number');
        assert.ok(settings.diagnostics.debounceMs >= 0);
        for (const paths of Object.values(settings.data)) assert.ok(Array.isArray(paths));
        analyze('claim "x"\non day 0\n  96522 dx A\n', tables, { settings });
      }),
      { numRuns: RUNS },
    );
  });
});
