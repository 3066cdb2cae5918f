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
