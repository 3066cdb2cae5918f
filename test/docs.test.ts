// The docs users read match the code that runs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checksMarkdown, packageJsonWithRules } from '../scripts/gen-checks-doc';
import { RULES, RULE_IDS } from '../server/src/core/rules';
import { hasMessage } from '../server/src/core/rules/messages';

describe('docs', () => {
  it('docs/checks.md is up to date (run npm run docs)', () => {
    assert.equal(readFileSync('docs/checks.md', 'utf8'), checksMarkdown());
  });
  it("package.json's haiClaims.rules lists every rule id (run npm run docs)", () => {
    const text = readFileSync('package.json', 'utf8');
    assert.equal(text, packageJsonWithRules(text));
    const props = JSON.parse(text).contributes.configuration.properties['haiClaims.rules'].properties as Record<string, unknown>;
    assert.deepEqual(Object.keys(props).sort(), [...RULE_IDS].sort());
  });
  it('every rule has a message, and every check of the language page is a rule', () => {
    for (const r of RULES) assert.ok(hasMessage(r.id), r.id);
    const spec = ['syntax', 'missing-claim', 'missing-date', 'bad-date', 'bad-code', 'bad-modifier', 'bad-dx', 'unknown-payer', 'bad-pointer', 'no-pointer', 'too-many', 'duplicate-line', 'unknown-code', 'unknown-dx', 'unknown-pos', 'unknown-state', 'missing-pos', 'ncci-ptp', 'ncci-77002', 'nucmed-one', 'mod26-required', 'mod-invalid', 'incident-to-facility', 'a4220-bundled', 'kd-required', 'drug-hospital', 'global-period', 'setting-na', 'dx-not-listed', 'dx-jurisdiction', 'dos-year'];
    const ids = RULES.map((r) => r.id);
    for (const id of spec) assert.ok(ids.includes(id), id);
  });
});
