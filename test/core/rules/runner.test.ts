// The rule runner (rules/runner.ts): the user's severity per rule, the payer's gate on billing
// rules, and a rule that throws kept apart as an internal error while the others still run.
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { loadDefaultTables, type Tables } from '../../../server/src/core/tables';

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
