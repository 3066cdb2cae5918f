// The pair rules (ncci-ptp, ncci-77002, nucmed-one, duplicate-line, mue) and the global period,
// indexed for near-linear time (issue 17), against the plain line-against-line versions they
// replaced (test/helpers/reference-rules.ts) on small claims of random shape: few or many dates,
// the same date written twice, many repeats of paired codes, modifiers that bypass edits, and a
// random CMS PTP and MUE table over the same codes (mutual pairs, indicators 0, 1 and 9).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, type Analysis } from '../../server/src/core/analysis';
import { ruleById } from '../../server/src/core/rules';
import { runRules } from '../../server/src/core/rules/runner';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import type { Finding, RuleContext } from '../../server/src/core/rules/types';
import { createTables, loadDefaultTables, type Tables } from '../../server/src/core/tables';
import type { MueTable, NationalSource, PtpEdit, PtpTable } from '../../server/src/core/tables/national';
import { REFERENCE_RULES } from '../helpers/reference-rules';

const SOAK = process.env.HAI_SOAK === '1';
const RUNS = SOAK ? 3000 : 150;
const base = loadDefaultTables();

/** Guide codes that pair (NCCI edits, 77002, nuclear medicine, surgeries and visits) and two it does not list. */
const CODES = ['36260', '49000', '47562', '47600', '47120', '36261', '77002', '78803', '78830', '78811', '74160', '99214', '99215', 'A4220', '96522', 'J9200', '15860', '37242', '12345', '0042T'];
const MODS = ['59', 'XS', 'XU', '26', 'TC', '25', '57', '24', '58', '79', 'LT', 'KD'];

const PTP_SOURCE: NationalSource = { kind: 'ncci-ptp', label: 'NCCI PTP (property test)' };
const MUE_SOURCE: NationalSource = { kind: 'mue', label: 'MUE (property test)' };

const edit = fc.record({ column1: fc.constantFrom(...CODES), column2: fc.constantFrom(...CODES), modifierIndicator: fc.constantFrom('0', '1', '9') as fc.Arbitrary<'0' | '1' | '9'> });
const mueEntry = fc.record({ code: fc.constantFrom(...CODES), value: fc.integer({ min: 1, max: 4 }), adjudication: fc.constantFrom(1, 2, 3) as fc.Arbitrary<1 | 2 | 3> });

function tablesWith(edits: { column1: string; column2: string; modifierIndicator: '0' | '1' | '9' }[], mues: { code: string; value: number; adjudication: 1 | 2 | 3 }[]): Tables {
  const byPair = new Map<string, PtpEdit>();
  for (const e of edits) byPair.set(`${e.column1}|${e.column2}`, { ...e, effective: -Infinity, rationale: `edit ${e.column1}/${e.column2}`, source: PTP_SOURCE });
  const ptp: PtpTable = { source: PTP_SOURCE, size: byPair.size, lookup: (c1, c2) => byPair.get(`${c1}|${c2}`) };
  const byCode = new Map(mues.map((m) => [m.code, { ...m, rationale: 'property test', source: MUE_SOURCE }]));
  const mue: MueTable = { source: MUE_SOURCE, size: byCode.size, lookup: (code) => byCode.get(code) };
  return createTables(base.guide, base.reference, { ptp, mue });
}

const serviceLine = fc
  .record({ code: fc.constantFrom(...CODES), mods: fc.array(fc.constantFrom(...MODS), { maxLength: 2 }), units: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }) })
  .map((s) => `  ${[s.code, ...s.mods].join('-')}${s.units ? ` x${s.units}` : ''} dx A`);

/** A date line: calendar dates close together (windows overlap, the same date recurs), or `day N`. */
const onLine = fc.oneof(
  fc.record({ day: fc.integer({ min: 0, max: 6 }).map((d) => d * 30), pos: fc.constantFrom('', ' pos 11', ' pos 21') }).map((d) => `on day ${d.day}${d.pos}`),
  fc.record({ day: fc.integer({ min: 1, max: 28 }), pos: fc.constantFrom('', ' pos 11') }).map((d) => `on 2026-03-${String(d.day).padStart(2, '0')}${d.pos}`),
);

/** A claim of random shape: one date with many lines, or many dates with few; repeats of a pair. */
const claimText = fc
  .record({
    pos: fc.constantFrom('pos 21', 'pos 11', ''),
    start: fc.boolean(),
    dates: fc.array(fc.tuple(onLine, fc.array(serviceLine, { maxLength: 12 })), { minLength: 1, maxLength: 6 }),
    repeats: fc.option(fc.tuple(fc.constantFrom(...CODES), fc.constantFrom(...CODES), fc.integer({ min: 2, max: 15 })), { nil: undefined }),
  })
  .map((c) => {
    const lines = ['claim "P"', 'payer medicare', 'state GA'];
    if (c.pos) lines.push(c.pos);
    if (c.start) lines.push('start 2026-01-05');
    lines.push('dx C78.7');
    for (const [on, services] of c.dates) lines.push(on, ...services);
    if (c.repeats) {
      const [a, b, n] = c.repeats;
      for (let i = 0; i < n; i++) lines.push(`  ${a} dx A`, `  ${b}${i % 3 === 0 ? '-59' : ''} dx A`);
    }
    return `${lines.join('\n')}\n`;
  });

/** What one rule reports on the document's only claim, in a canonical order. */
function findingsOf(rule: { checkClaim?: (claim: never, ctx: never) => void; defaultSeverity: string }, analysis: Analysis, tables: Tables): Finding[] {
  const claim = analysis.model.claims[0];
  const out: Finding[] = [];
  const ctx = {
    tree: analysis.tree,
    model: analysis.model,
    from: 0,
    to: analysis.tree.lines.length,
    tables,
    report: (f: Finding) => out.push({ ...f, severity: f.severity ?? rule.defaultSeverity } as Finding),
  } as unknown as RuleContext;
  (rule.checkClaim as (c: unknown, x: RuleContext) => void)(claim, ctx);
  return out.map((f) => JSON.stringify(f)).sort().map((s) => JSON.parse(s) as Finding);
}

const IDS = Object.keys(REFERENCE_RULES) as (keyof typeof REFERENCE_RULES)[];

function assertSame(text: string, tables: Tables): void {
  const analysis = analyze(text, tables);
  for (const id of IDS) {
    const actual = findingsOf(ruleById(id)! as never, analysis, tables);
    const expected = findingsOf(REFERENCE_RULES[id] as never, analysis, tables);
    assert.deepStrictEqual(actual, expected, `${id} differs from the reference`);
  }
}

describe('pair rules against a line-against-line reference', function () {
  this.timeout(SOAK ? 900_000 : 120_000);

  it('agree on random claims with the guide tables only', () => {
    fc.assert(fc.property(claimText, (text) => assertSame(text, base)), { numRuns: RUNS });
  });

  it('agree on random claims with a random CMS PTP and MUE table over the same codes', () => {
    fc.assert(
      fc.property(claimText, fc.array(edit, { maxLength: 40 }), fc.array(mueEntry, { maxLength: 10 }), (text, edits, mues) => assertSame(text, tablesWith(edits, mues))),
      { numRuns: RUNS },
    );
  });

  it('agree on a 150-line date where every pair of codes edits the other both ways', () => {
    const edits = CODES.flatMap((a) => CODES.filter((b) => b !== a).map((b, i) => ({ column1: a, column2: b, modifierIndicator: (['0', '1', '9'] as const)[i % 3] })));
    const tables = tablesWith(edits, CODES.map((code, i) => ({ code, value: 2, adjudication: ((i % 3) + 1) as 1 | 2 | 3 })));
    const lines = ['claim "P"', 'payer medicare', 'state GA', 'pos 21', 'dx C78.7', 'on 2026-03-02'];
    for (let i = 0; i < 150; i++) lines.push(`  ${CODES[(i * 7) % CODES.length]}${i % 5 === 0 ? '-59' : i % 7 === 0 ? '-26' : ''}${i % 4 === 0 ? ' x2' : ''} dx A`);
    assertSame(`${lines.join('\n')}\n`, tables);
  });
});

describe('the rule runner: date by date or over the whole claim', function () {
  this.timeout(SOAK ? 900_000 : 120_000);

  /** Every rule's findings on the document's only claim, date-scoped rules run date by date or not. */
  function runnerFindings(text: string, tables: Tables, dateByDate: boolean): string[] {
    const { tree, model } = analyze(text, tables);
    const part = { tree, model, from: 0, to: tree.lines.length };
    const results = dateByDate ? runRules(part, tables, DEFAULT_SETTINGS, { reuse: () => undefined, keep: () => undefined }) : runRules(part, tables, DEFAULT_SETTINGS);
    return results.findings.map((f) => JSON.stringify(f));
  }

  it('a claim shorter than the long-claim threshold gets the same findings, in the same order, either way', () => {
    fc.assert(
      fc.property(claimText, fc.array(edit, { maxLength: 40 }), fc.array(mueEntry, { maxLength: 10 }), (text, edits, mues) => {
        const tables = tablesWith(edits, mues);
        assert.deepStrictEqual(runnerFindings(text, tables, false), runnerFindings(text, tables, true));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('many repeats of a paired code on one date (issue 17)', () => {
  it('500 pairs of 36260/49000 on one date: each 49000 denied against the first 36260, found without comparing every line with every other', function () {
    this.timeout(60_000);
    const lines = ['claim "P"', 'payer medicare', 'state GA', 'pos 21', 'dx C78.7', 'on 2026-03-02'];
    for (let i = 0; i < 500; i++) lines.push('  36260 dx A', '  49000 dx A');
    const a = analyze(`${lines.join('\n')}\n`, base);
    const ptp = a.findings.filter((f) => f.rule === 'ncci-ptp');
    assert.equal(ptp.length, 500);
    assert.ok(ptp.every((f) => f.data.code === '49000' && f.related?.[0].line === 6));
    // Each code's later lines repeat its first: 499 duplicates of each.
    assert.equal(a.findings.filter((f) => f.rule === 'duplicate-line').length, 998);
    // Denied: every 49000 (NCCI), and every 36260 after the first (billed once per date).
    assert.equal(a.estimate()[0].dates[0].lines.filter((l) => l.status === 'denied').length, 999);
  });
});
