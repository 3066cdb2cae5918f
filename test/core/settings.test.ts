// Settings limits agree with what package.json shows the user (issue 17: debounceMs had two).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { MAX_DEBOUNCE_MS, parseSettings } from '../../server/src/core/settings';

describe('settings: limits', () => {
  it('diagnostics.debounceMs: one limit, the one package.json declares', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    assert.equal(pkg.contributes.configuration.properties['haiClaims.diagnostics.debounceMs'].maximum, MAX_DEBOUNCE_MS);
    assert.deepEqual(parseSettings({ diagnostics: { debounceMs: MAX_DEBOUNCE_MS } }).problems, []);
    const over = parseSettings({ diagnostics: { debounceMs: MAX_DEBOUNCE_MS + 1 } });
    assert.equal(over.problems.length, 1);
    assert.equal(over.problems[0].path, 'diagnostics.debounceMs');
    assert.equal(over.settings.diagnostics.debounceMs, 150);
  });
});

describe('settings: a quiet start (issue 25)', () => {
  it('an empty defaultLocality (what VS Code sends when nobody set it) is unset, not a problem', () => {
    const r = parseSettings({ defaultLocality: '', defaultState: 'GA', defaultPos: '11' });
    assert.deepEqual(r.problems, []);
    assert.equal(r.settings.defaultLocality, undefined);
    assert.equal(parseSettings({ defaultLocality: '  ' }).problems.length, 0);
    assert.equal(parseSettings({ defaultLocality: '1021201' }).problems[0]?.path, 'defaultLocality');
  });
  it("package.json's pattern accepts the empty value and a locality, and refuses anything else", () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    const setting = pkg.contributes.configuration.properties['haiClaims.defaultLocality'];
    const pattern = new RegExp(setting.pattern);
    assert.ok(pattern.test(''));
    assert.ok(pattern.test('10212-01'));
    assert.ok(!pattern.test('1021201'));
    assert.ok(pattern.test(setting.default ?? ''));
  });
});
