// The estimate, against hand computations from the guide's published allowables (CY2026, national,
// no geographic adjustment). Every figure below is worked out in the comment above it.
import assert from 'node:assert/strict';
import type { ClaimEstimate, DateEstimate } from '../../../server/src/core/estimate/estimate';
import { parseSettings } from '../../../server/src/core/settings';
import { claim, medicare, run } from '../../helpers/billing';

function estimate(src: string, rules: Record<string, string> = {}): { est: ClaimEstimate; findings: string[] } {
  const { settings } = parseSettings({ rules });
  const { analysis } = run(src, { settings });
  return { est: analysis.estimate()[0], findings: analysis.findings.map((f) => f.rule) };
}

/** [code, base, amount, status] per line: the breakdown a hover, lens or CLI shows. */
function rows(d: DateEstimate): [string, number, number, string][] {
  return d.lines.map((l) => [l.code + (l.modifiers.length ? `-${l.modifiers.join('-')}` : ''), l.base, l.amount, l.status]);
}

const EVALUATION = claim`
  on 2026-02-16 pos 11
    99214 dx A
    74160-26 dx A
    71260-26 dx A
    78815-26 dx A
`;

const IMPLANT = claim`
  on 2026-03-02
    47562 dx A
    36260 dx A
    15860 dx A
    78830-26 dx A,B
    77002-26-XS dx A
`;

const REFILL = claim`
  on 2026-03-16 pos 11
    96522 dx A
    J9200-KD dx A
    J1644-KD x5 dx A
    A4216-KD x2 dx A
`;

describe('estimate: three realistic claims', () => {
  it('(1) evaluation day in the office: visit, CT abdomen and chest -26, PET -26 = $355.30', () => {
    // 99214 non-facility                       $136.00
    // 74160-26 professional component (b)       $58.00  1st imaging procedure: 100%
    // 71260-26 professional component (b)       $54.00  2nd: PC reduced 5% (CMS, CR 9647; the guide's 25% is an erratum) = 54 x 0.05 = 2.70 -> $51.30
    // 78815-26 PET professional component      $110.00  no endnote b: no imaging MPPR
    // total 136 + 58 + 51.30 + 110 = $355.30
    const { est, findings } = estimate(medicare(EVALUATION, { pos: '11', dx: ['C78.7', 'C18.7'] }));
    assert.deepEqual(findings, []);
    const [d] = est.dates;
    assert.equal(d.setting, 'nonFacility');
    assert.deepEqual(rows(d), [
      ['99214', 136, 136, 'paid'],
      ['74160-26', 58, 58, 'paid'],
      ['71260-26', 54, 51.3, 'reduced'],
      ['78815-26', 110, 110, 'paid'],
    ]);
    const cut = d.lines[2].adjustments[0];
    assert.equal(cut.kind, 'mppr-imaging');
    assert.equal(cut.amount, 2.7);
    assert.match(cut.reason, /endnote b/);
    assert.match(cut.reason, /5% off the professional component/);
    assert.match(cut.reason, /Guide erratum: endnote b's 25% PC reduction is outdated/);
    assert.equal(d.total, 355.3);
    assert.equal(est.total, 355.3);
  });

  it('(1b) the same evaluation on an on-campus outpatient date (facility) = $304.30', () => {
    // 99214 facility $85; the -26 lines are priced the same in both settings.
    // 85 + 58 + 51.30 + 110 = $304.30
    const { est } = estimate(medicare(EVALUATION.replace('pos 11', 'pos 22')));
    assert.deepEqual(rows(est.dates[0]).map((r) => r[2]), [85, 58, 51.3, 110]);
    assert.equal(est.total, 304.3);
  });

  it('(2) implant day in the hospital: 36260, 15860, 47562, 78830-26, 77002-26-XS = $1,087.50', () => {
    // Facility allowables. Endnote a (MPPR): rank the a-lines by amount, 100% then 50%.
    //   36260 $633.00 1st (100%)             633.00
    //   47562 $632.00 2nd (50%) 632 / 2 =    316.00   (written first, ranked by amount)
    //   15860  $93.00 3rd (50%)  93 / 2 =     46.50
    // 78830-26 $65.00 and 77002-26-XS $27.00: no endnote a or b, paid in full.
    // total 633 + 316 + 46.50 + 65 + 27 = $1,087.50
    const { est, findings } = estimate(medicare(IMPLANT, { dx: ['C78.7', 'C18.7'] }));
    assert.deepEqual(findings, []);
    const [d] = est.dates;
    assert.equal(d.setting, 'facility');
    assert.deepEqual(rows(d), [
      ['47562', 632, 316, 'reduced'],
      ['36260', 633, 633, 'paid'],
      ['15860', 93, 46.5, 'reduced'],
      ['78830-26', 65, 65, 'paid'],
      ['77002-26-XS', 27, 27, 'paid'],
    ]);
    assert.deepEqual(d.lines[0].adjustments.map((a) => [a.kind, a.amount]), [['mppr-surgery', 316]]);
    assert.match(d.lines[0].adjustments[0].reason, /endnote a.*50%/);
    assert.equal(d.total, 1087.5);
  });

  it('(3) refill day in the office: 96522, J9200-KD, J1644-KD x5, A4216-KD x2 = $4,253.00', () => {
    // 96522 non-facility $125.00; J9200 floxuridine 500 mg $4,128.00;
    // J1644 heparin $0 x 5 = $0; A4216 diluent $0 x 2 = $0. No MPPR flags.
    // total 125 + 4128 = $4,253.00
    const { est, findings } = estimate(medicare(REFILL));
    assert.deepEqual(findings, []);
    assert.deepEqual(rows(est.dates[0]), [
      ['96522', 125, 125, 'paid'],
      ['J9200-KD', 4128, 4128, 'paid'],
      ['J1644-KD', 0, 0, 'paid'],
      ['A4216-KD', 0, 0, 'paid'],
    ]);
    assert.equal(est.total, 4253);
  });

  it('the whole course on one claim: per-date totals and the claim total', () => {
    // evaluation 355.30 + implant 1,087.50 + refill 4,253.00 + visit 30 days later with -24 136.00
    // = $5,831.80
    const src = medicare(`${EVALUATION}${IMPLANT}${REFILL}on day 30 pos 11\n  99214-24 dx A\n`, { start: '2026-03-02', dx: ['C78.7', 'C18.7'] });
    const { est, findings } = estimate(src);
    assert.deepEqual(findings, []);
    assert.deepEqual(est.dates.map((d) => [d.label, d.total]), [
      ['2026-02-16', 355.3],
      ['2026-03-02', 1087.5],
      ['2026-03-16', 4253],
      ['2026-04-01', 136],
    ]);
    assert.equal(est.total, 5831.8);
    assert.ok(est.notes.some((n) => /National Medicare allowables/.test(n)));
  });
});

describe('estimate: the rules of the computation', () => {
  it('a -26 imaging line in the office is the professional component, not the global service', () => {
    // The guide's non-facility column for 74160 is the global service ($230 = 6.90 RVUs x 33.40);
    // -26 bills the professional component, $58 in every setting.
    const { est } = estimate(medicare(claim`
      on 2026-02-16
        74160-26 dx A
    `, { pos: '11' }));
    assert.deepEqual(rows(est.dates[0]), [['74160-26', 58, 58, 'paid']]);
    // The same holds where the guide prints NA in the office: 78830-26 is $65 (its -26 price).
    const spect = estimate(medicare(claim`
      on 2026-03-03
        78830-26 dx A
    `, { pos: '11' })).est;
    assert.deepEqual(rows(spect.dates[0]), [['78830-26', 65, 65, 'paid']]);
  });

  it('imaging MPPR ranks by amount, not by line order', () => {
    // 71260-26 $54 written first, 74160-26 $58 second: 74160 is 1st; 71260 loses 5% = $2.70.
    const { est } = estimate(medicare(claim`
      on 2026-02-16
        71260-26 dx A
        74160-26 dx A
    `, { pos: '22' }));
    assert.deepEqual(rows(est.dates[0]), [['71260-26', 54, 51.3, 'reduced'], ['74160-26', 58, 58, 'paid']]);
    assert.equal(est.total, 109.3);
  });

  it('imaging MPPR on global (unmodified) lines takes 50% of the technical and 5% of the professional part (CMS; the guide\'s 25% is an erratum)', () => {
    // Office, no -26 (mod26-required warns but does not deny):
    // 74160 $230 1st, 100%.
    // 71260 $167 2nd: professional part = the -26 price $54, technical part 167 - 54 = $113;
    //   cut 54 x 5% + 113 x 50% = 2.70 + 56.50 = 59.20 -> $107.80
    // total 230 + 107.80 = $337.80
    const { est, findings } = estimate(medicare(claim`
      on 2026-02-16
        74160 dx A
        71260 dx A
    `, { pos: '11' }));
    assert.deepEqual(findings, ['mod26-required', 'mod26-required']);
    assert.deepEqual(rows(est.dates[0]), [['74160', 230, 230, 'paid'], ['71260', 167, 107.8, 'reduced']]);
    assert.equal(est.total, 337.8);
  });

  it('units > 1 in surgical MPPR: each unit is a procedure', () => {
    // 36260 $633 and 37242 x2 ($413 each), facility:
    // units ranked 633, 413, 413 -> 633 + 413/2 + 413/2 = 633 + 206.50 + 206.50 = $1,046.00
    // 37242 line: base 826.00, cut 2 x 206.50 = 413.00, amount $413.00
    const { est } = estimate(medicare(claim`
      on 2026-03-02
        36260 dx A
        37242 x2 dx A
    `));
    assert.deepEqual(rows(est.dates[0]), [['36260', 633, 633, 'paid'], ['37242', 826, 413, 'reduced']]);
    assert.equal(est.dates[0].lines[1].adjustments[0].amount, 413);
    assert.equal(est.total, 1046);
  });

  it('units > 1 in imaging MPPR, to the cent', () => {
    // Facility, units ranked 74160 $58, 74160 $58, 71270 $57:
    // 58 + (58 - 58 x 5% = 58 - 2.90 = 55.10) + (57 - 57 x 5% = 57 - 2.85 = 54.15) = $167.25
    // 74160 x2 line: base 116.00, amount 113.10
    const { est } = estimate(medicare(claim`
      on 2026-03-02
        74160-26 x2 dx A
        71270-26 dx A
    `, { pos: '22' }));
    assert.deepEqual(rows(est.dates[0]), [['74160-26', 116, 113.1, 'reduced'], ['71270-26', 57, 54.15, 'reduced']]);
    assert.equal(est.total, 167.25);
  });

  it('a denied line is $0 and takes no rank in MPPR', () => {
    // 49000 ($729) is denied (NCCI, with 36260): 36260 $633 is 1st, 15860 $93 2nd at 50% = $46.50.
    // total 633 + 0 + 46.50 = $679.50
    const { est } = estimate(medicare(claim`
      on 2026-03-02
        36260 dx A
        49000 dx A
        15860 dx A
    `));
    assert.deepEqual(rows(est.dates[0]), [['36260', 633, 633, 'paid'], ['49000', 729, 0, 'denied'], ['15860', 93, 46.5, 'reduced']]);
    const denied = est.dates[0].lines[1].adjustments[0];
    assert.deepEqual([denied.kind, denied.amount], ['denied', 729]);
    assert.equal(est.total, 679.5);
  });

  it('A4220 on a refill day is denied at $0 (bundled into 96522)', () => {
    const { est } = estimate(medicare(claim`
      on 2026-03-16
        96522 dx A
        A4220 dx A
    `, { pos: '11' }));
    assert.deepEqual(rows(est.dates[0]), [['96522', 125, 125, 'paid'], ['A4220', 0, 0, 'denied']]);
    assert.match(est.dates[0].lines[1].adjustments[0].reason, /a4220-bundled/);
  });

  it('an NA line is not payable: denied by setting-na, or "not-payable" when that rule is off', () => {
    const src = medicare(claim`
      on 2026-02-16
        99214 dx A
        99254 dx A
    `, { pos: '11' });
    assert.deepEqual(rows(estimate(src).est.dates[0]), [['99214', 136, 136, 'paid'], ['99254', 0, 0, 'denied']]);
    // consult-medicare (issue 13) denies 99254 on a Medicare claim too: off here, to see the NA pricing.
    const off = estimate(src, { 'setting-na': 'off', 'consult-medicare': 'off' }).est.dates[0];
    assert.deepEqual(rows(off), [['99214', 136, 136, 'paid'], ['99254', 0, 0, 'not-payable']]);
    assert.match(off.lines[1].adjustments[0].reason, /NA for 99254 in the non-facility setting/);
    assert.equal(off.total, 136);
  });

  it('a date of service written in two blocks is one date for MPPR', () => {
    // 36260 $633 (calendar block) and 15860 $93 (day 0 = 2026-03-02): 15860 is 2nd, 50% = $46.50.
    const { est } = estimate(medicare(claim`
      on 2026-03-02
        36260 dx A
      on day 0
        15860 dx A
    `, { start: '2026-03-02' }));
    // Issue 13: one date of service is one DateEstimate with one total, listing both blocks.
    assert.deepEqual(est.dates.map((d) => [d.label, d.total, d.blockLines.length, d.lines.map((l) => l.amount)]), [['2026-03-02', 679.5, 2, [633, 46.5]]]);
    assert.equal(est.total, 679.5);
  });

  it('a code in no table is unpriced, and the claim says its total leaves it out', () => {
    const { est } = estimate(medicare(claim`
      on 2026-03-16
        96522 dx A
        96523 dx A
    `, { pos: '11' }));
    assert.deepEqual(rows(est.dates[0]), [['96522', 125, 125, 'paid'], ['96523', 0, 0, 'unpriced']]);
    assert.ok(est.notes.some((n) => /1 line could not be priced/.test(n)));
    assert.equal(est.total, 125);
  });

  it('a payer other than Medicare gets no estimate, and says so', () => {
    const { analysis } = run('claim "T"\npayer aetna\npos 11\ndx C78.7\non 2026-03-16\n  96522 dx A\n');
    const [est] = analysis.estimate();
    assert.deepEqual(est.dates, []);
    assert.equal(est.total, 0);
    // Issue 17: the payer is named by its line, never quoted (a value typed there may be a patient's name).
    assert.match(est.notes[0], /this claim's payer \(line 2\)/);
    assert.doesNotMatch(est.notes[0], /aetna/);
    // Issue 13: "not estimated" with the reason, never a $0.00 estimate.
    assert.match(est.notEstimated ?? '', /^Not estimated: this claim's payer \(line 2\) is not covered/);
  });

  it('a claim with no payer line is priced as Medicare and says it assumed so', () => {
    const { analysis } = run('claim "T"\npos 11\ndx C78.7\non 2026-03-16\n  96522 dx A\n');
    const [est] = analysis.estimate();
    assert.equal(est.notEstimated, undefined);
    assert.equal(est.total, 125);
    assert.ok(est.notes.some((n) => /no payer line: it is priced as a Medicare claim \(assumed\)/.test(n)));
  });

  it('every $0 line gives its reason: the guide prints $0, NA in this setting, denied by which check', () => {
    const { est } = estimate(medicare(claim`
      on 2026-03-30
        96522 dx A
        A4216-KD x2 dx A
        99254 dx A
        96522-TC dx A
    `, { pos: '11' }), { 'consult-medicare': 'off' });
    const why = (code: string) => est.dates[0].lines.find((l) => l.code === code)!.adjustments.map((a) => a.reason).join(' ');
    assert.match(why('A4216'), /^The guide prints \$0 for A4216 in the non-facility setting/);
    assert.match(why('99254'), /^Denied by the setting-na check/);
    for (const l of est.dates[0].lines) if (l.amount === 0) assert.ok(l.adjustments.some((a) => a.reason), l.code);
    // With the check off, the estimate still says why the line is $0.
    const off = estimate(medicare('on 2026-03-30\n  99254 dx A\n', { pos: '11' }), { 'setting-na': 'off', 'consult-medicare': 'off' }).est;
    // consult-medicare (on by default) denies the consultation code itself, and says so.
    const consult = estimate(medicare('on 2026-03-30\n  99254 dx A\n', { pos: '11' })).est;
    assert.match(consult.dates[0].lines[0].adjustments[0].reason, /^Medicare does not pay consultation codes/);
    assert.match(off.dates[0].lines[0].adjustments[0].reason, /^NA in this setting: the guide prints NA for 99254 in the non-facility setting/);
  });

  it('an impossible date denies the lines of its block, with the reason', () => {
    const { est } = estimate(medicare(claim`
      on 2026-02-30
        96522 dx A
      on 2026-03-16
        96522 dx A
    `, { pos: '11' }));
    assert.deepEqual(est.dates.map((d) => d.lines.map((l) => [l.amount, l.status])), [[[0, 'denied']], [[125, 'paid']]]);
    assert.match(est.dates[0].lines[0].adjustments[0].reason, /^Denied by the bad-date check: the date of service is not a valid date/);
    assert.equal(est.total, 125);
  });

  it('free text where a value is expected is never quoted, and a line under an `on` line with no date is not priced', () => {
    const text = 'claim "T"\npayer medicare\nstate GA\npos JOHN_SMITH_1950\ndx C78.7\non JANE_Q_PATIENT\n  96522 dx A\non 2026-02-30 pos 11\n  96522 dx A\non 2026-03-02 pos 11\n  96522 dx A\n';
    const { analysis } = run(text);
    const [est] = analysis.estimate();
    const shown = JSON.stringify(est);
    assert.doesNotMatch(shown, /JANE|JOHN/);
    assert.deepEqual(est.dates.map((d) => d.label), ['(no date)', '2026-02-30', '2026-03-02']);
    // bad-date denies both (issue 13); with it off, the estimate still never prices them (issue 17).
    assert.deepEqual(est.dates.map((d) => d.lines[0].status), ['denied', 'denied', 'paid']);
    assert.match(est.dates[0].lines[0].adjustments[0].reason, /bad-date/);
    const off = run(text, { settings: parseSettings({ rules: { 'bad-date': 'off' } }).settings }).analysis.estimate()[0];
    assert.deepEqual(off.dates.map((d) => d.lines[0].status), ['unpriced', 'unpriced', 'paid']);
    assert.match(off.dates[0].lines[0].adjustments[0].reason, /^Not priced: the `on` line \(line 6\) has no valid date/);
    assert.equal(est.dates[0].pos, undefined);
    assert.equal(est.total, est.dates[2].total);
  });
});
