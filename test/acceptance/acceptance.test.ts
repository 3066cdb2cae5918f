// Issue 13's acceptance corpus: realistic claims written as a certified coder writes them, each with
// the error and warning findings it must have (rule and 1-based line, as a complete set), the rules
// that must not fire anywhere in it, and its hand-computed estimated total (from the guide).
// Claims that need checks not implemented yet are listed in pending.json with the reason; they are
// skipped, and a pending claim that in fact passes fails the run, so the list only shrinks.
import assert from 'node:assert/strict';
import { differences, pending, readExpectation, slugs } from './corpus';

describe('acceptance corpus (issue 13)', () => {
  it('has at least 64 claims, each with its expectation, and pending.json names only claims that exist', () => {
    assert.ok(slugs.length >= 64, `${slugs.length} claims`);
    for (const slug of Object.keys(pending)) assert.ok(slugs.includes(slug), `pending.json names ${slug}, which is not in claims/`);
  });

  for (const slug of slugs) {
    const reason = pending[slug];
    it(`${slug}${reason ? ` [pending: ${reason}]` : ''}`, function () {
      const { text, expect } = readExpectation(slug);
      const diff = differences(text, expect);
      if (reason) {
        if (diff.length === 0) assert.fail(`${slug} is listed in pending.json ("${reason}") but now passes: remove it from the list`);
        this.skip();
      }
      if (diff.length) assert.fail(`${slug}: ${expect.about}\n  ${diff.join('\n  ')}`);
    });
  }
});
