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

  it('reports each difference plainly: a missing and an unexpected finding, a rule that must be absent, a wrong total', () => {
    const text = 'claim "t"\npayer medicare\nstate GA\npos 21\ndx C78.7\non 2026-03-02\n  47562 dx A\n  47600 dx A\n';
    const diff = differences(text, { about: 't', bullet: 't', findings: [{ rule: 'ncci-ptp', line: 8 }], absent: ['ncci-ptp'], total: '1642.00' });
    assert.deepEqual(diff.slice(0, 3), ['missing finding: ncci-ptp @ line 8', 'unexpected finding: ncci-ptp @ line 7', 'ncci-ptp must not fire, but fires (error) on line 7']);
    assert.match(diff[3], /^total: expected \$1642\.00, estimate says \$1010\.00\n {4}line 7 47562 x1: \$0\.00 \(denied; Denied by the ncci-ptp check\.\)/);
    assert.equal(diff.length, 4);
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
