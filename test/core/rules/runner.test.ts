// The rule runner (rules/runner.ts): the user's severity per rule, the payer's gate on billing
// rules, and a rule that throws kept apart as an internal error while the others still run.
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { loadDefaultTables, type Tables } from '../../../server/src/core/tables';
import { RULES } from '../../../server/src/core/rules';
import { DATE_SCOPED_RULES, runRules, type DateGroup } from '../../../server/src/core/rules/runner';
import type { Finding } from '../../../server/src/core/rules/types';
import { longClaim } from '../../../bench/long-claim';
import { readExpectation, slugs } from '../../acceptance/corpus';

const tables = loadDefaultTables();
const PAIR = 'claim "t"\npayer medicare\nstate GA\npos 21\ndx C78.7\non 2026-03-02\n  36260 dx A\n  49000 dx A\n  99999 dx A\n';

describe('rule runner', () => {
  it('a rule that throws is an internal error (its id only); the other rules still report', () => {
    const broken: Tables = Object.create(tables, {
      guideNcciEdit: { value: () => { throw new Error('Jane Doe'); } },
    });
    const a = analyze(PAIR, broken);
    assert.ok(a.internalErrors.some((e) => e.rule === 'ncci-ptp'));
    assert.ok(a.internalErrors.every((e) => !e.error.includes('Jane Doe')));
    assert.ok(a.findings.some((f) => f.rule === 'unknown-code'));
    assert.ok(!a.findings.some((f) => f.rule === 'ncci-ptp'));
  });
  it("the user's level replaces a rule's severity; off removes its findings", () => {
    const warn = analyze(PAIR, tables, { settings: { ...DEFAULT_SETTINGS, rules: { 'ncci-ptp': 'warning', 'unknown-code': 'off' } } });
    assert.deepEqual(warn.findings.filter((f) => f.rule === 'ncci-ptp').map((f) => f.severity), ['warning']);
    assert.ok(!warn.findings.some((f) => f.rule === 'unknown-code'));
  });
  it('billing rules run for a payer whose entry says so, structure rules for any payer', () => {
    const other = analyze(PAIR.replace('payer medicare', 'payer aetna'), tables);
    assert.ok(!other.findings.some((f) => f.rule === 'ncci-ptp'));
    assert.ok(other.findings.some((f) => f.rule === 'unknown-code'));
    assert.ok(analyze(PAIR, tables).findings.some((f) => f.rule === 'ncci-ptp'));
  });
});

describe("date-scoped rules (Rule.scope: 'date')", () => {
  /** The lines a finding reports on or denies (not its related places: a claim index covers those). */
  const linesOf = (f: Finding): number[] => [f.line, f.endLine ?? f.line, ...(f.deniesLine === undefined ? [] : [f.deniesLine]), ...(f.deniesLines ?? [])];
  const inGroup = (g: DateGroup, line: number): boolean => g.dates.some((d) => d.line <= line && line <= d.endLine);

  it('DATE_SCOPED_RULES is derived from the rules that declare it; only a date-scoped rule has a claim index', () => {
    assert.deepEqual([...DATE_SCOPED_RULES], RULES.filter((r) => r.scope === 'date').map((r) => r.id));
    assert.ok(DATE_SCOPED_RULES.size >= 20, `${DATE_SCOPED_RULES.size} rules`);
    for (const r of RULES) if (r.claimIndex) assert.equal(r.scope, 'date', r.id);
  });

  it("across the acceptance corpus and a claim of 40 dates, a date-scoped rule run date by date reports only on its date's lines and the claim's header lines, and finds what it finds over the whole claim", () => {
    const texts = [...slugs.map((slug) => [slug, readExpectation(slug).text]), ['long claim', longClaim(3000, 40, 3).text]];
    const fired = new Set<string>();
    const bad: string[] = [];
    for (const [name, text] of texts) {
      const { tree, model } = analyze(text, tables);
      if (model.claims.length !== 1) continue;
      const claim = model.claims[0];
      const part = { tree, model, from: 0, to: tree.lines.length };
      const inClaim = (line: number) => claim.line <= line && line <= claim.endLine;
      const inSomeDate = (line: number) => claim.dates.some((d) => d.line <= line && line <= d.endLine);
      const byDate = runRules(part, tables, DEFAULT_SETTINGS, {
        reuse: () => undefined,
        keep: (group, results) => {
          for (const f of results.findings) {
            fired.add(f.rule);
            assert.ok(DATE_SCOPED_RULES.has(f.rule), `${f.rule} ran date by date`);
            for (const line of linesOf(f)) {
              // Its own date, or a header line of the claim (in the claim, in no date block).
              if (!inClaim(line) || (inSomeDate(line) && !inGroup(group, line))) bad.push(`${name}: ${f.rule} on line ${line + 1}, outside its date`);
            }
          }
        },
      });
      const whole = runRules(part, tables, DEFAULT_SETTINGS);
      assert.deepEqual(byDate.findings.map((f) => JSON.stringify(f)), whole.findings.map((f) => JSON.stringify(f)), `${name}: date by date or over the claim`);
    }
    assert.deepEqual(bad, []);
    // Not vacuous: most date-scoped rules report somewhere in these claims.
    assert.ok(fired.size >= DATE_SCOPED_RULES.size * 0.6, `only ${[...fired].join(', ')} reported`);
  });
});
