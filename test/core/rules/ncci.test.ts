// NCCI family: procedure-to-procedure edits (ncci-ptp), the 77002 modifier rule (ncci-77002) and
// one nuclear medicine procedure per date (nucmed-one). Each rule: fires, does not fire, range,
// severity, related line, message, quick fix.
import assert from 'node:assert/strict';
import { claim, expectFindings, expectFixClears, expectNoRule, medicare, run } from '../../helpers/billing';

const GUIDE = /CY2026 HAI coding and billing guide/;

describe('ncci-ptp', () => {
  it('49000 with 36260 on the same date: fires on 49000, names 36260', () => {
    const src = medicare(claim`
      on 2026-03-02
        36260 dx A
        [[49000]] dx A
    `);
    const [f] = expectFindings(src, 'ncci-ptp', {
      severity: 'error',
      related: '36260',
      message: [/^49000 is not reimbursable when billed on the same date as 36260/, /NCCI/, GUIDE, /Remove 49000/],
    });
    assert.equal(f.data.other, '36260');
    assert.equal(f.deniesLine, f.line);
    const fixed = expectFixClears(src, f);
    assert.doesNotMatch(fixed, /49000/);
  });

  it('36260 is never the denied one: the edit is one-way', () => {
    const { analysis } = run(medicare(claim`
      on 2026-03-02
        49000 dx A
        36260 dx A
    `));
    assert.deepEqual(analysis.findings.filter((f) => f.rule === 'ncci-ptp').map((f) => f.data.code), ['49000']);
  });

  it('49000 and 36260 on different dates: does not fire', () => {
    expectNoRule(medicare(claim`
      on 2026-03-02
        36260 dx A
      on 2026-03-03
        49000 dx A
    `), 'ncci-ptp');
  });

  it('the same date written twice (a calendar date and day 0 with start) is one date of service', () => {
    const src = medicare(claim`
      on 2026-03-02
        36260 dx A
      on day 0
        [[49000]] dx A
    `, { start: '2026-03-02' });
    expectFindings(src, 'ncci-ptp', { severity: 'error', related: '36260' });
  });

  it('47562 with 47600 (a mutual edit): only the lower-paid 47562 is denied, in either order', () => {
    // Facility: 47562 $632, 47600 $1,010. Each edit denies the other; bill the higher one.
    for (const body of [
      claim`
        on 2026-03-02
          [[47562]] dx A
          47600 dx A
      `,
      claim`
        on 2026-03-02
          47600 dx A
          [[47562]] dx A
      `,
    ]) {
      const [f] = expectFindings(medicare(body), 'ncci-ptp', { severity: 'error', related: '47600', message: [/47562 is not reimbursable/, /47600/] });
      assert.equal(f.data.other, '47600');
    }
  });

  it('47564 with 47600: the open one ($1,010) is the lower-paid and is denied, not the laparoscopic one ($1,061)', () => {
    expectFindings(medicare(claim`
      on 2026-03-02
        47564 dx A
        [[47600]] dx A
    `), 'ncci-ptp', { severity: 'error', related: '47564' });
  });

  it('with no place of service, the mutual pair is still ranked by the amount the codes are priced at', () => {
    // No pos: both are NA in the office; the facility amounts ($632 < $1,010) decide.
    expectFindings(medicare(claim`
      on 2026-03-02
        [[47562]] dx A
        47600 dx A
    `, { pos: null }), 'ncci-ptp', { severity: 'error', related: '47600' });
  });

  it('47562 with 47562 on one line each is not an NCCI pair (duplicate-line says that)', () => {
    expectNoRule(medicare(claim`
      on 2026-03-02
        47562 dx A
        47562 dx A
    `), 'ncci-ptp');
  });

  it('the estimate prices the denied line at $0 and names the check', () => {
    const { analysis } = run(medicare(claim`
      on 2026-03-02
        36260 dx A
        49000 dx A
    `));
    const [line36260, line49000] = analysis.estimate()[0].dates[0].lines;
    assert.equal(line49000.status, 'denied');
    assert.equal(line49000.amount, 0);
    assert.match(line49000.adjustments[0].reason, /ncci-ptp/);
    assert.equal(line36260.amount, 633);
  });
});

describe('ncci-77002', () => {
  it('77002 with a surgical procedure and no NCCI modifier: fires on 77002, names the surgery; fix adds -XS', () => {
    const src = medicare(claim`
      on 2026-03-02
        36260 dx A
        [[77002]]-26 dx A
    `);
    const [f] = expectFindings(src, 'ncci-77002', {
      severity: 'error',
      related: '36260',
      message: [/^77002 .* billed with 36260 on the same date without an NCCI modifier/, /NCCI/, GUIDE, /-59, -XE, -XS, -XP, -XU/, /Add/],
    });
    const fixed = expectFixClears(src, f);
    assert.match(fixed, /77002-26-XS dx A/);
    expectFixClears(src, f, /-59/);
  });

  it('77002 with an imaging procedure (78830) and no NCCI modifier: fires', () => {
    expectFindings(medicare(claim`
      on 2026-03-02
        78830-26 dx A
        [[77002]] -26 dx A
    `), 'ncci-77002', { severity: 'error', related: '78830' });
  });

  it('77002 with -XS or -59: does not fire', () => {
    for (const mod of ['XS', '59', 'XE', 'XP', 'XU']) {
      expectNoRule(medicare(claim`
        on 2026-03-02
          36260 dx A
          77002 -26 -${mod} dx A
      `), 'ncci-77002');
    }
  });

  it('77002 alone: does not fire', () => {
    expectNoRule(medicare(claim`
      on 2026-03-02
        77002-26 dx A
    `), 'ncci-77002');
  });

  it('77002 with a pump refill (96522, a Medicine code) in the office: does not fire', () => {
    expectNoRule(medicare(claim`
      on 2026-04-02
        96522 dx A
        77002 dx A
    `, { pos: '11' }), 'ncci-77002');
  });

  it('77002 and the surgery in two blocks of the same date: fires', () => {
    expectFindings(medicare(claim`
      on 2026-03-02
        36260 dx A
      on 2026-03-02
        [[77002]]-26 dx A
    `), 'ncci-77002', { severity: 'error', related: '36260' });
  });

  it('77002 and the surgery on different dates: does not fire', () => {
    expectNoRule(medicare(claim`
      on 2026-03-02
        36260 dx A
      on 2026-03-03
        77002-26 dx A
    `), 'ncci-77002');
  });
});

describe('nucmed-one', () => {
  it('two nuclear medicine procedures on one date: fires on the lower-paid one, names the kept one', () => {
    // Facility: 78830-26 $65, 78803-26 $49: 78830 is kept.
    const src = medicare(claim`
      on 2026-03-02
        [[78803]]-26 dx A
        78830-26 dx A
    `);
    const [f] = expectFindings(src, 'nucmed-one', {
      severity: 'error',
      related: '78830',
      message: [/Only 1 nuclear medicine procedure is reimbursable on one date/, GUIDE, /NCCI/, /Remove 78803/],
    });
    assert.equal(f.deniesLine, f.line);
    expectFixClears(src, f);
  });

  it('two nuclear medicine procedures in two blocks of the same relative day: fires', () => {
    expectFindings(medicare(claim`
      on day 3
        78830-26 dx A
      on day 3
        [[78803]]-26 dx A
    `), 'nucmed-one', { severity: 'error', related: '78830' });
  });

  it('one nuclear medicine procedure per date, on two dates: does not fire', () => {
    expectNoRule(medicare(claim`
      on 2026-03-02
        78830-26 dx A
      on 2026-03-03
        78803-26 dx A
    `), 'nucmed-one');
  });

  it('imaging that is not nuclear medicine (CT) with one nuclear code: does not fire', () => {
    expectNoRule(medicare(claim`
      on 2026-03-02
        74160-26 dx A
        78815-26 dx A
    `), 'nucmed-one');
  });

  it('one nuclear medicine code billed x2: fires on the units', () => {
    expectFindings(medicare(claim`
      on 2026-03-02
        78830-26 [[x2]] dx A
    `), 'nucmed-one', { severity: 'error', message: [/Bill x1/] });
  });
});

describe('nucmed-one: units over the limit', () => {
  it('denies only the extra units of the kept procedure, and offers x1', () => {

    const { analysis } = run('claim "n"\npayer medicare\nstate GA\npos 21\ndx C78.7\non 2026-03-02\n  78830-26 x2 dx A\n');
    const f = analysis.findings.find((x) => x.rule === 'nucmed-one');
    assert.ok(f);
    assert.equal(f.deniesUnits, 1);
    assert.equal(f.fixes?.[0].title, 'Bill 78830 x1');
    const line = analysis.estimate()[0].dates[0].lines[0];
    assert.equal(line.base, 130);
    assert.equal(line.amount, 65);
  });
});
