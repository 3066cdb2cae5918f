// Each rule declares the severities it reports (docs/checks.md shows them): with default settings,
// no finding has a severity its rule does not declare. The types check this inside each rule
// (defineRule); this checks it on real documents, including the cases that report a second one.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { analyze } from '../../../server/src/core/analysis';
import { RULES } from '../../../server/src/core/rules';
import { loadDefaultTables } from '../../../server/src/core/tables';
import { claimDocument } from '../../helpers/arbitraries';

const tables = loadDefaultTables();

function undeclared(text: string): string[] {
  const out: string[] = [];
  for (const f of analyze(text, tables).findings) {
    const rule = RULES.find((r) => r.id === f.rule);
    if (rule && !rule.severities.includes(f.severity)) out.push(`${f.rule} ${f.severity}`);
  }
  return out;
}

describe('declared severities', () => {
  it('each rule declares its default severity first', () => {
    for (const r of RULES) assert.equal(r.severities[0], r.defaultSeverity, r.id);
  });
  it('the examples report only declared severities', () => {
    const dir = path.resolve(__dirname, '../../../examples');
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.claim'))) {
      assert.deepEqual(undeclared(readFileSync(path.join(dir, name), 'utf8')), [], name);
    }
  });
  it('the second severities: an unknown modifier, a case slip, a missing payer, a relative date', () => {
    const text = 'claim "t"\nstate GA\npos 11\ndx c78.7\non day 0\n  36260-QQ dx A\n  96522-kd dx A\n';
    assert.deepEqual(undeclared(text), []);
    const rules = new Set(analyze(text, tables).findings.map((f) => `${f.rule} ${f.severity}`));
    for (const expected of ['bad-modifier warning', 'bad-dx warning', 'unknown-payer information', 'dos-year hint']) assert.ok(rules.has(expected), expected);
  });
  it('generated documents report only declared severities', () => {
    fc.assert(fc.property(claimDocument, (text) => assert.deepEqual(undeclared(text), [])), { numRuns: 200 });
  });
});
