// Issue 13's diagnosis checks: the same diagnosis listed twice (dx-duplicate, with the fix that
// removes the repeat and re-points the lines), and dx-not-listed on a service line that cites only
// diagnoses outside the guide's list.
import assert from 'node:assert/strict';
import { messageOf } from '../../../server/src/core/rules/messages';
import { applyFix, claim, expectFindings, expectFixClears, expectNoRule, medicare, run } from '../../helpers/billing';

const GUIDE = /CY2026 HAI coding and billing guide/;

describe('dx-duplicate', () => {
  const src = claim`
    claim "T"
    payer medicare
    state GA
    pos 11
    dx C78.7
    dx C18.7
    dx [[C78.7]]
    dx Z45.2
    on 2026-06-01
      96522 dx A,B
      J9200-KD dx C
      A4220 dx C,A,D
  `;

  it('fires on the repeat, pointing at the first, with what to do', () => {
    const [f] = expectFindings(src, 'dx-duplicate', {
      severity: 'warning',
      related: 'C78.7',
      message: [/^C78\.7 is already listed as diagnosis A \(line 5\)/, /Remove this dx line and point its services at A/],
    });
    assert.deepEqual(f.data, { code: 'C78.7', letter: 'C', firstLetter: 'A', firstLine: 5 });
  });

  it('the fix removes the repeat, points its lines at the first and moves the later letters up', () => {
    const [f] = run(src).analysis.findings.filter((x) => x.rule === 'dx-duplicate');
    const fixed = applyFix(src, f);
    assert.equal(fixed, 'claim "T"\npayer medicare\nstate GA\npos 11\ndx C78.7\ndx C18.7\ndx Z45.2\non 2026-06-01\n  96522 dx A,B\n  J9200-KD dx A\n  A4220 dx A,C\n');
    expectFixClears(src, f);
    assert.deepEqual(run(fixed).analysis.findings.filter((x) => x.rule === 'bad-pointer' || x.rule === 'dx-duplicate'), []);
  });

  it('does not fire on different codes, nor on one code on two claims', () => {
    expectNoRule(medicare('on 2026-06-01\n  96522 dx A,B\n', { dx: ['C78.7', 'C78.00'] }), 'dx-duplicate');
    expectNoRule(medicare('on 2026-06-01\n  96522 dx A\n') + medicare('on 2026-06-01\n  96522 dx A\n'), 'dx-duplicate');
  });

  it('C787 and C78.7 are the same diagnosis (the dot-less one is read as meant)', () => {
    expectFindings(medicare('on 2026-06-01\n  96522 dx A\n', { dx: ['C78.7', '[[C787]]'] }), 'dx-duplicate', { severity: 'warning' });
  });
});

describe('dx-not-listed on a service line', () => {
  it('a line that points only at unlisted diagnoses: fires on its code, with a fix that adds a listed one', () => {
    const src = medicare(claim`
      on 2026-06-01
        [[96522]] dx B
        J9200-KD dx A
    `, { pos: '11', dx: ['C78.7', 'Z45.1'] });
    const found = run(src).analysis.findings.filter((f) => f.rule === 'dx-not-listed');
    // The diagnosis line (pointed, unlisted) and the service line.
    assert.deepEqual(found.map((f) => [f.line + 1, f.data.reason]), [[6, 'pointed'], [8, 'service']]);
    const f = found[1];
    assert.match(messageOf(f), /^96522 points only at diagnoses \(dx B\) that are not on CY2026 HAI coding and billing guide's ICD-10-CM list/);
    assert.match(messageOf(f), GUIDE);
    assert.equal(applyFix(src.replace('[[96522]]', '96522'), f), src.replace('[[96522]] dx B', '96522 dx B,A').replace(/\[\[|\]\]/g, ''));
  });

  it('does not fire on a line that also points at a listed diagnosis, nor when no diagnosis is listed (the claim-level finding)', () => {
    const both = medicare('on 2026-06-01\n  96522 dx B,A\n', { pos: '11', dx: ['C78.7', 'Z45.1'] });
    assert.deepEqual(run(both).analysis.findings.filter((f) => f.rule === 'dx-not-listed').map((f) => f.data.reason), ['pointed']);
    const none = medicare('on 2026-06-01\n  96522 dx A\n', { pos: '11', dx: ['Z45.1'] });
    assert.deepEqual(run(none).analysis.findings.filter((f) => f.rule === 'dx-not-listed').map((f) => f.data.reason), ['none-listed']);
  });
});
