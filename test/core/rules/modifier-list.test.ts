// Issue 13: CMS's published modifiers are not findings (GC, GE, GA, GY, GZ, Q-modifiers), and
// contradicting ones on one line are (mod-conflict: GA with GZ).
import assert from 'node:assert/strict';
import { messageOf } from '../../../server/src/core/rules/messages';
import { claim, expectFindings, expectFixClears, expectNoRule, medicare, run } from '../../helpers/billing';

describe('the CMS modifier list', () => {
  it('valid CMS modifiers are not bad-modifier', () => {
    const src = medicare(claim`
      on 2026-03-02
        36260-GC dx A
        15860-GE dx A
        99214-GA dx A
        74175-26-Q6 dx A
        96522-GY-Q5 dx A
    `);
    expectNoRule(src, 'bad-modifier');
  });

  it('a modifier that does not exist is still bad-modifier', () => {
    expectFindings(medicare('on 2026-03-02\n  36260-[[00]] dx A\n'), 'bad-modifier', { severity: 'warning' });
  });
});

describe('mod-conflict', () => {
  const src = medicare('on 2026-07-14\n  36262[[-GA-GZ]] dx A\n', { pos: '22' });

  it('GA with GZ on one line: a warning citing the modifier list and the ABN rules, with fixes removing either', () => {
    const [f] = expectFindings(src, 'mod-conflict', {
      severity: 'warning',
      message: [/^-GA and -GZ contradict each other on 36262/, /CMS HCPCS Level II modifiers/, /chapter 30/, /Keep the one that is true/],
    });
    assert.deepEqual(f.fixes?.map((x) => x.title), ['Remove -GZ (keep -GA)', 'Remove -GA (keep -GZ)']);
    assert.match(expectFixClears(src, f, /keep -GA/), /36262-GA dx A/);
    assert.match(expectFixClears(src, f, /keep -GZ/), /36262-GZ dx A/);
  });

  it('does not fire on GA or GZ alone, nor on the two on different lines', () => {
    expectNoRule(medicare('on 2026-07-14\n  36262-GA dx A\n  36261-GZ dx A\n', { pos: '22' }), 'mod-conflict');
  });

  it('is off for a payer the tables do not cover (a billing rule)', () => {
    const aetna = 'claim "T"\npayer aetna\npos 22\ndx C78.7\non 2026-07-14\n  36262-GA-GZ dx A\n';
    assert.deepEqual(run(aetna).analysis.findings.filter((f) => f.rule === 'mod-conflict'), []);
    assert.ok(messageOf(run(src).analysis.findings.find((f) => f.rule === 'mod-conflict')!).length > 0);
  });
});
