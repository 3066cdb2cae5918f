// The CLI's pure helpers, without a process: globs, arguments, money, severities, colour choice.
import assert from 'node:assert/strict';
import { parseArgs } from '../../server/src/cli/args';
import { useColor } from '../../server/src/cli/color';
import { failsAt } from '../../server/src/cli/diagnostics';
import { money } from '../../server/src/cli/estimate';
import { globBase, globToRegExp } from '../../server/src/cli/glob';
import { unwrapSettings } from '../../server/src/cli/config';
import { RULE_IDS } from '../../server/src/core/rules';

describe('cli helpers', () => {
  it('globs: * and ? stay in one segment, ** crosses directories', () => {
    const star = globToRegExp('*.claim');
    assert.ok(star.test('a.claim'));
    assert.ok(!star.test('dir/a.claim'));
    const deep = globToRegExp('**/*.claim');
    for (const p of ['a.claim', 'x/a.claim', 'x/y/z/a.claim']) assert.ok(deep.test(p), p);
    assert.ok(!deep.test('a.claims'));
    assert.ok(globToRegExp('day?.claim').test('day1.claim'));
    assert.ok(globToRegExp('[12]-*.claim').test('2-x.claim'));
    assert.ok(!globToRegExp('[!12]-*.claim').test('2-x.claim'));
    assert.ok(globToRegExp('a.b(c).claim').test('a.b(c).claim'));
    assert.equal(globBase('examples/*.claim'), 'examples');
    assert.equal(globBase('claims/**/x/*.claim'), 'claims');
    assert.equal(globBase('**/*.claim'), '');
  });

  it('arguments: options anywhere, = forms, -- ends options', () => {
    const r = parseArgs(['--format=json', 'check', 'a.claim', '--fail-on', 'warning', '--rule', 'kd-required=off', '--', '--odd.claim'], RULE_IDS);
    assert.ok(r.ok);
    assert.deepEqual(
      r.ok && [r.options.command, r.options.inputs, r.options.format, r.options.failOn, r.options.rules],
      ['check', ['a.claim', '--odd.claim'], 'json', 'warning', [{ id: 'kd-required', level: 'off' }]],
    );
    const help = parseArgs(['check', '--help'], RULE_IDS);
    assert.ok(help.ok && help.options.command === 'help');
  });

  it('money: two decimals with thousands separators', () => {
    assert.equal(money(0), '0.00');
    assert.equal(money(46.5), '46.50');
    assert.equal(money(9152.5), '9,152.50');
    assert.equal(money(1234567.891), '1,234,567.89');
  });

  it('--fail-on thresholds', () => {
    assert.ok(failsAt('error', 'error'));
    assert.ok(!failsAt('warning', 'error'));
    assert.ok(failsAt('warning', 'information'));
    assert.ok(failsAt('hint', 'hint'));
    assert.ok(!failsAt('error', 'none'));
  });

  it('colour: a terminal only, never with NO_COLOR (any non-empty value) or --no-color', () => {
    assert.ok(useColor(true, {}, false));
    assert.ok(!useColor(false, {}, false));
    assert.ok(!useColor(undefined, {}, false));
    assert.ok(!useColor(true, { NO_COLOR: '0' }, false));
    assert.ok(useColor(true, { NO_COLOR: '' }, false));
    assert.ok(!useColor(true, {}, true));
  });

  it('config: plain, nested under haiClaims, or flat haiClaims.* keys', () => {
    const plain = { rules: { 'kd-required': 'off' } };
    assert.deepEqual(unwrapSettings(plain), plain);
    assert.deepEqual(unwrapSettings({ haiClaims: plain }), plain);
    assert.deepEqual(unwrapSettings({ 'haiClaims.rules': plain.rules, 'editor.tabSize': 2 }), { rules: plain.rules });
  });
});
