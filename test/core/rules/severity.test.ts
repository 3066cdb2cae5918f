// Per-rule severity from settings (parseSettings, as the server and CLI read them): a level
// replaces the default, `off` removes the rule's findings and with them its denials in the estimate.
import assert from 'node:assert/strict';
import { RULE_IDS, RULES } from '../../../server/src/core/rules';
import { hasMessage } from '../../../server/src/core/rules/messages';
import { parseSettings } from '../../../server/src/core/settings';
import { claim, expectFindings, expectNoRule, medicare, run } from '../../helpers/billing';

const BILLING_RULES = [
  'ncci-ptp', 'ncci-77002', 'nucmed-one', 'mod26-required', 'mod-invalid', 'incident-to-facility', 'a4220-bundled',
  'kd-required', 'drug-hospital', 'global-period', 'setting-na', 'dx-not-listed', 'dx-jurisdiction', 'dos-year',
];

const IMPLANT = medicare(claim`
  on 2026-03-02
    36260 dx A
    [[49000]] dx A
`);

function settings(input: unknown) {
  const { settings: s, problems } = parseSettings(input, RULE_IDS);
  return { s, problems };
}

describe('rule severity settings', () => {
  it('every billing rule of the language page exists, is a billing rule, and has a message', () => {
    for (const id of BILLING_RULES) {
      const rule = RULES.find((r) => r.id === id);
      assert.ok(rule, id);
      assert.equal(rule.billing, true, id);
      assert.ok(hasMessage(id), id);
    }
  });

  it('{"ncci-ptp": "off"} removes the finding, and the estimate no longer denies the line', () => {
    const { s, problems } = settings({ rules: { 'ncci-ptp': 'off' } });
    assert.deepEqual(problems, []);
    expectNoRule(IMPLANT, 'ncci-ptp', { settings: s });
    const date = run(IMPLANT, { settings: s }).analysis.estimate()[0].dates[0];
    // Both endnote a: 49000 $729 ranks first at 100%, 36260 $633 at 50% = $316.50; 729 + 316.50 = 1,045.50.
    assert.deepEqual(date.lines.map((l) => [l.code, l.status, l.amount]), [['36260', 'reduced', 316.5], ['49000', 'paid', 729]]);
    assert.equal(date.total, 1045.5);
  });

  it('by default ncci-ptp is an error and denies 49000: 36260 alone is paid, $633', () => {
    expectFindings(IMPLANT, 'ncci-ptp', { severity: 'error' });
    assert.equal(run(IMPLANT).analysis.estimate()[0].total, 633);
  });

  it('{"kd-required": "error"} changes the severity; "hint" too', () => {
    const src = medicare(claim`
      on 2026-03-16
        [[J9200]] dx A
    `, { pos: '11' });
    expectFindings(src, 'kd-required', { severity: 'warning' });
    expectFindings(src, 'kd-required', { severity: 'error', settings: settings({ rules: { 'kd-required': 'error' } }).s });
    expectFindings(src, 'kd-required', { severity: 'hint', settings: settings({ 'rules': { 'kd-required': 'hint' } }).s });
  });

  it('a configured level overrides a finding\'s own severity (dx-jurisdiction without a state is information)', () => {
    const src = medicare(claim`
      on 2026-03-16
        96522 dx A
    `, { pos: '11', state: null, dx: ['[[C49.A0]]'] });
    expectFindings(src, 'dx-jurisdiction', { severity: 'information' });
    expectFindings(src, 'dx-jurisdiction', { severity: 'warning', settings: settings({ rules: { 'dx-jurisdiction': 'warning' } }).s });
  });

  it('turning off global-period pays the visit it would have denied', () => {
    const src = medicare(claim`
      on 2026-03-02
        36260 dx A
      on 2026-04-01 pos 11
        99214 dx A
    `);
    assert.equal(run(src).analysis.estimate()[0].total, 633);
    assert.equal(run(src, { settings: settings({ rules: { 'global-period': 'off' } }).s }).analysis.estimate()[0].total, 633 + 136);
  });

  it('an unknown rule id or a bad level is reported with its path; the valid entries are kept', () => {
    const { s, problems } = settings({ rules: { 'ncci-ptp': 'off', 'no-such-rule': 'error', 'kd-required': 'loud' } });
    assert.deepEqual(problems.map((p) => p.path).sort(), ['rules.kd-required', 'rules.no-such-rule']);
    assert.deepEqual(s.rules, { 'ncci-ptp': 'off' });
  });
});
