// Visits (issue 13): em-multiple, consult-medicare, em-needs-25. Each cites its CMS source.
import assert from 'node:assert/strict';
import { claim, expectFindings, expectFixClears, expectNoRule, medicare, run } from '../../helpers/billing';
import { nationalTables } from '../../helpers/cms-fixtures';

const PUB = /Medicare Claims Processing Manual \(Pub\. 100-04\), Ch\. 12/;

describe('em-multiple', () => {
  it('two visits on one date: the higher is paid, the other is denied and says so (issue 22)', () => {
    // 99214 $136 and 99215 $192 (non-facility): 99215 is kept wherever it is written.
    const src = medicare(claim`
      on 2026-03-09
        [[99214]] dx A
        99215 dx A
    `, { pos: '11' });
    const [f] = expectFindings(src, 'em-multiple', { severity: 'warning', related: '99215', message: [/^99214 is another E\/M visit on this date/, PUB, /section 30\.6/, /the one paid is 99215 on line 8 \(the higher-priced\)/, /not paid/, /Bill one visit/] });
    assert.equal(f.deniesLine, f.line);
    const est = run(src).analysis.estimate()[0];
    assert.deepEqual(est.dates[0].lines.map((l) => [l.code, l.amount, l.status]), [['99214', 0, 'denied'], ['99215', 192, 'paid']]);
    assert.match(est.dates[0].lines[0].adjustments[0].reason, /em-multiple.*one E\/M visit per date/);
    assert.equal(est.total, 192);
    expectFixClears(src, f);
  });

  it('with a procedure on the date, the remedy names -25; across two on blocks of one date it fires too', () => {
    expectFindings(medicare(claim`
      on 2026-03-09
        [[99214]] dx A
        96522 dx A
      on 2026-03-09
        99215-25 dx A
    `, { pos: '11' }), 'em-multiple', { severity: 'warning', message: [/takes -25/] });
  });

  it('beside a procedure, the visit billed -25 is the one paid, even when the other is priced higher', () => {
    const src = medicare(claim`
      on 2026-03-02
        [[99215]] dx A
        99214-25 dx A
        96522 dx A
    `, { pos: '11' });
    expectFindings(src, 'em-multiple', { severity: 'warning', related: '99214', message: [/the one paid is 99214 on line 8 \(the higher-priced, or beside a procedure the one billed -25 or -57\)/] });
    assert.equal(run(src).analysis.estimate()[0].total, 136 + 125);
  });

  it('an E/M code no table lists (a prolonged-service add-on such as 99417) is not taken for a second visit; one the PFS file lists is', () => {
    expectNoRule(medicare(claim`
      on 2026-03-02
        99215 dx A
        99417 dx A
    `, { pos: '11' }), 'em-multiple');
    expectFindings(medicare(claim`
      on 2026-03-02
        [[99213]] dx A
        99215 dx A
    `, { pos: '11' }), 'em-multiple', { severity: 'warning', related: '99215', tables: nationalTables() });
  });

  it('a consultation code with a visit: consult-medicare denies it, em-multiple leaves the visit paid', () => {
    const src = medicare(claim`
      on 2026-03-09
        99214 dx A
        99245 dx A
    `, { pos: '11' });
    expectNoRule(src, 'em-multiple');
    assert.equal(run(src).analysis.estimate()[0].total, 136);
  });

  it('one visit per date, and the same visit repeated (a duplicate-line): does not fire', () => {
    expectNoRule(medicare(claim`
      on 2026-03-09
        99214 dx A
      on 2026-03-10
        99215 dx A
    `, { pos: '11' }), 'em-multiple');
    expectNoRule(medicare(claim`
      on 2026-03-09
        99214 dx A
        99214 dx A
    `, { pos: '11' }), 'em-multiple');
  });
});

describe('consult-medicare', () => {
  it('99245 in the office: fires, cites section 30.6.10, fixes to 99214/99215, the line is $0 "Medicare does not pay consultation codes"', () => {
    const src = medicare(claim`
      on 2026-01-12
        [[99245]] dx A
    `, { pos: '11' });
    const [f] = expectFindings(src, 'consult-medicare', { severity: 'warning', message: [/^99245 is a consultation code/, /since 2010/, /status I/, /section 30\.6\.10/, /99214, 99215/] });
    assert.deepEqual(f.fixes!.map((x) => [x.edits[0].newText, !!x.preferred]), [['99214', true], ['99215', false]]);
    assert.match(expectFixClears(src, f), /^ {2}99214 dx A$/m);
    const line = run(src).analysis.estimate()[0].dates[0].lines[0];
    assert.equal(line.amount, 0);
    assert.match(line.adjustments[0].reason, /Medicare does not pay consultation codes/);
  });

  it('99255 in a hospital: the remedy is initial hospital care 99221-99223, which the guide does not price', () => {
    const [f] = expectFindings(medicare(claim`
      on 2026-03-01
        [[99255]] dx A
    `), 'consult-medicare', { severity: 'warning', message: [/initial hospital care \(99221, 99222, 99223\), which the guide does not price/] });
    assert.deepEqual(f.data.instead, ['99221', '99222', '99223']);
  });

  it('every consultation code fires; visit codes and a non-Medicare claim do not', () => {
    for (const code of ['99242', '99243', '99244', '99245', '99252', '99253', '99254', '99255']) {
      const { analysis } = run(medicare(`on 2026-01-12\n  ${code} dx A\n`));
      assert.equal(analysis.findings.filter((f) => f.rule === 'consult-medicare').length, 1, code);
    }
    expectNoRule(medicare(claim`
      on 2026-01-12
        99214 dx A
        99215 dx A
    `, { pos: '11' }), 'consult-medicare');
    expectNoRule('claim "t"\npayer aetna\npos 11\ndx C78.7\non 2026-01-12\n  99245 dx A\n', 'consult-medicare');
  });
});

describe('em-needs-25', () => {
  it('a visit on a refill date without -25: fires, cites the global surgery and NCCI policy; the fix adds -25', () => {
    const src = medicare(claim`
      on 2026-05-18
        [[99214]] dx A
        96522 dx A
        J9200-KD dx A
    `, { pos: '11' });
    const [f] = expectFindings(src, 'em-needs-25', { severity: 'warning', related: '96522', message: [/^This visit \(99214\) is on the same date as 96522/, PUB, /NCCI Policy Manual/, /without -25 the visit is not paid/, /add -25/] });
    assert.match(expectFixClears(src, f), /^ {2}99214-25 dx A$/m);
    // Issue 22: without -25 the visit is inside the refill's payment: denied, $0 with the check as its reason.
    const est = run(src).analysis.estimate()[0];
    assert.equal(est.total, 125 + 4128);
    assert.match(est.dates[0].lines[0].adjustments[0].reason, /em-needs-25/);
  });

  it('beside a surgery code whose global period no loaded table gives: warns, says so, and does not deny (inform, not deny)', () => {
    const src = medicare(claim`
      on 2026-03-02
        [[99214]] dx A
        36415 dx A
    `, { pos: '11' });
    const [f] = expectFindings(src, 'em-needs-25', { severity: 'warning', message: [/a procedure whose global period no loaded table gives/, /the estimate keeps the visit/] });
    assert.equal(f.deniesLine, undefined);
    assert.equal(run(src).analysis.estimate()[0].dates[0].lines[0].amount, 136);
  });

  it('with -25, with only imaging or drugs on the date, or beside a major surgery (global-period\'s): does not fire', () => {
    expectNoRule(medicare(claim`
      on 2026-05-18
        99214-25 dx A
        96522 dx A
    `, { pos: '11' }), 'em-needs-25');
    expectNoRule(medicare(claim`
      on 2026-01-14
        99214 dx A
        74175-26 dx A
        J9200-KD dx A
    `, { pos: '11' }), 'em-needs-25');
    expectNoRule(medicare(claim`
      on 2026-03-02
        99223 dx A
        36260 dx A
    `), 'em-needs-25');
  });
});
