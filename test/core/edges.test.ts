// Privacy and trust at the edges (issue 17): completion offers back only valid dates; the
// debounce has one limit, the one package.json shows.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { doComplete } from '../../server/src/core/languageService';
import { MAX_DEBOUNCE_MS, parseSettings } from '../../server/src/core/settings';
import { run } from '../helpers/fixture';

describe('edges: completion and settings', () => {
  it('completion after `on` offers only valid dates as "a date already on this claim", never free text', () => {
    const text = 'claim "x"\npayer medicare\nstate GA\npos 11\nstart JANE_Q_PATIENT\ndx C78.7\non MARY_1950\n  96522 dx A\non 2026-02-30\n  96522 dx A\non 2026-03-16\n  96522 dx A\non |\n';
    const { analysis, marked } = run(text);
    const items = doComplete(analysis, marked.cursor!.line, marked.cursor!.character).items;
    const offered = items.filter((i) => i.detail === 'a date already on this claim').map((i) => i.label);
    assert.deepEqual(offered, ['2026-03-16']);
    assert.doesNotMatch(JSON.stringify(items), /JANE|MARY|02-30/);
  });

  it('a valid start date is offered, normalised', () => {
    const { analysis, marked } = run('claim "x"\npayer medicare\nstate GA\npos 11\nstart 2026-03-02\ndx C78.7\non |\n');
    const items = doComplete(analysis, marked.cursor!.line, marked.cursor!.character).items;
    assert.deepEqual(items.filter((i) => i.detail === 'a date already on this claim').map((i) => i.label), ['2026-03-02']);
  });

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
