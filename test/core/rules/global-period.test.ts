// Global surgical period (endnote c): 1 day before and 90 days after a major surgery. E/M visits
// need 57 (day before / same day), 25 (same day) or 24 (after); a second major surgery inside
// the 90 days needs 58, 78 or 79. Procedures on the surgery's own date, drug administration and
// refills are not post-operative care.
import assert from 'node:assert/strict';
import { applyFix, claim, expectFindings, expectFixClears, expectNoRule, medicare, run } from '../../helpers/billing';
import { pfsTables } from '../../helpers/pfs';
import { messageOf } from '../../../server/src/core/rules/messages';

const GUIDE = /CY2026 HAI coding and billing guide/;

/** 36260 on 2026-03-02 in the hospital, then `visit` on `date` in the office. */
function afterSurgery(date: string, visit: string): string {
  return medicare(`on 2026-03-02\n  36260 dx A\non ${date} pos 11\n  ${visit} dx A\n`);
}

describe('global-period: E/M visits', () => {
  it('99214 the day before 36260 without 57: fires on the visit, related to the surgery; the fix adds -57', () => {
    const src = medicare(claim`
      on 2026-03-01 pos 11
        [[99214]] dx A
      on 2026-03-02
        36260 dx A
    `);
    const [f] = expectFindings(src, 'global-period', {
      severity: 'warning',
      related: '36260',
      message: [/^This visit \(99214\) is the day before 36260/, /1-day pre-operative and 90-day post-operative period/, GUIDE, /endnote c/, /add -57/],
    });
    assert.equal(f.data.when, 'before');
    assert.match(f.related![0].label, /36260 on 2026-03-02/);
    assert.match(expectFixClears(src, f), /99214-57 dx A/);
  });

  it('99214-57 the day before: does not fire; two days before: does not fire', () => {
    expectNoRule(medicare(claim`
      on 2026-03-01 pos 11
        99214-57 dx A
      on 2026-03-02
        36260 dx A
    `), 'global-period');
    expectNoRule(medicare(claim`
      on 2026-02-28 pos 11
        99214 dx A
      on 2026-03-02
        36260 dx A
    `), 'global-period');
  });

  it('an E/M on the day of surgery without 57 or 25: fires; fixes offer -57 (preferred) and -25', () => {
    const src = medicare(claim`
      on 2026-03-02
        [[99254]] dx A
        36260 dx A
    `);
    const [f] = expectFindings(src, 'global-period', { severity: 'warning', related: '36260', message: [/is the same day as 36260/, /Add -57 .* or -25/] });
    assert.deepEqual(f.fixes!.map((x) => [x.edits[0].newText, !!x.preferred]), [['-57', true], ['-25', false]]);
    expectFixClears(src, f);
    expectFixClears(src, f, /-25/);
  });

  it('an E/M on the day of surgery with 57 or with 25: does not fire', () => {
    for (const mod of ['57', '25']) {
      expectNoRule(medicare(claim`
        on 2026-03-02
          99254-${mod} dx A
          36260 dx A
      `), 'global-period');
    }
  });

  it('99214 30 days after without 24: fires; the fix adds -24', () => {
    const src = medicare(claim`
      on 2026-03-02
        36260 dx A
      on 2026-04-01 pos 11
        [[99214]] dx A
    `);
    const [f] = expectFindings(src, 'global-period', {
      severity: 'warning',
      related: '36260',
      message: [/^This visit \(99214\) is 30 days after 36260/, /endnote c/, /If the visit is unrelated to the surgery, add -24/],
    });
    assert.equal(f.data.days, 30);
    assert.equal(f.deniesLine, f.line);
    assert.match(expectFixClears(src, f), /99214-24 dx A/);
  });

  it('99214-24 30 days after: does not fire', () => {
    expectNoRule(afterSurgery('2026-04-01', '99214-24'), 'global-period');
  });

  it('day 90 is inside the period, day 91 is not', () => {
    // 2026-03-02 + 90 days = 2026-05-31 (29 days to 03-31, 30 to 04-30, 31 to 05-31).
    expectFindings(afterSurgery('2026-05-31', '[[99214]]'), 'global-period', { severity: 'warning', related: '36260' });
    expectNoRule(afterSurgery('2026-06-01', '99214'), 'global-period');
  });

  it('date arithmetic crosses months and years', () => {
    // 2025-12-15 + 30 days = 2026-01-14 (16 days to 12-31, 14 more).
    const src = medicare(claim`
      on 2025-12-15
        36260 dx A
      on 2026-01-14 pos 11
        [[99214]] dx A
    `);
    const [f] = expectFindings(src, 'global-period', { severity: 'warning', related: '36260' });
    assert.equal(f.data.days, 30);
  });

  it('with start and `day N`: the period is computed on the calendar and named by date', () => {
    const src = medicare(claim`
      on day 0
        36260 dx A
      on day 30 pos 11
        [[99214]] dx A
      on day 91 pos 11
        99215 dx A
    `, { start: '2026-03-02' });
    const [f] = expectFindings(src, 'global-period', { severity: 'warning', related: '36260' });
    assert.equal(f.data.surgeryDate, '2026-03-02');
    assert.equal(f.data.days, 30);
  });

  it('relative days without start still compute the period', () => {
    const src = medicare(claim`
      on day 0
        36260 dx A
      on day 30 pos 11
        [[99214]] dx A
      on day 91 pos 11
        99215 dx A
    `);
    const [f] = expectFindings(src, 'global-period', { severity: 'warning', related: '36260' });
    assert.equal(f.data.surgeryDate, 'day 0');
  });

  it('calendar dates mixed with `day N` and no start: bad-date says the day cannot be placed; no global-period guess', () => {
    const { analysis } = run(medicare(claim`
      on 2026-03-02
        36260 dx A
      on day 30 pos 11
        99214 dx A
    `));
    assert.deepEqual(analysis.findings.filter((f) => f.rule === 'bad-date' || f.rule === 'global-period').map((f) => [f.rule, f.data.reason]), [['bad-date', 'mixed-without-start']]);
  });

  // Issue 13 changed this case on purpose: the revision here is -79 (an unrelated procedure opens its
  // own global period); a -78 return to the operating room opens none (the next test).
  it('the most recent surgery decides: a visit the day before a -79 procedure needs 57, not 24', () => {
    const src = medicare(claim`
      on 2026-03-02
        36260 dx A
      on 2026-04-10 pos 11
        [[99214]] dx A
      on 2026-04-11
        36261-79 dx A
    `);
    const [f] = expectFindings(src, 'global-period', { severity: 'warning', related: '36261' });
    assert.deepEqual(f.data.needed, ['57']);
  });

  it('a -78 return to the operating room opens no global period: the visit the day before is in the implant\'s (24), and a visit after the implant\'s 90 days is clean', () => {
    const src = medicare(claim`
      on 2026-03-02
        36260 dx A
      on 2026-04-10 pos 11
        [[99214]] dx A
      on 2026-04-11
        36261-78 dx A
    `);
    const [f] = expectFindings(src, 'global-period', { severity: 'warning', related: '36260', message: [/Pub\. 100-04\), Ch\. 12, section 40\.2/] });
    assert.deepEqual(f.data.needed, ['24']);
    // 105 days after the implant, 31 after the -78 revision.
    expectNoRule(medicare(claim`
      on 2026-01-05
        36260 dx A
      on 2026-03-20
        36261-78 dx A
      on 2026-04-20 pos 11
        99214 dx A
    `), 'global-period');
  });

  it('-58 and -79 procedures open their own global period: a removal 40 days after a -58 revision, past the implant\'s 90 days, needs a modifier', () => {
    for (const mod of ['58', '79']) {
      const src = medicare(claim`
        on 2026-01-05
          36260 dx A
        on 2026-03-20
          36261-${mod} dx A
        on 2026-04-29
          [[36262]] dx A
      `);
      expectFindings(src, 'global-period', { severity: 'warning', related: '36261' });
    }
  });
});

describe('global-period: a second surgery', () => {
  it('36261 revision 40 days after 36260 without 58/78/79: fires; the -78 fix clears it', () => {
    const src = medicare(claim`
      on 2026-03-02
        36260 dx A
      on 2026-04-11
        [[36261]] dx A
    `);
    const [f] = expectFindings(src, 'global-period', {
      severity: 'warning',
      related: '36260',
      message: [/^36261 is 40 days after 36260, inside its global period/, /endnote c/, /Add -58 .*-78 .*-79/],
    });
    // Issue 13: the advice says what each modifier does to the global period, as CMS applies it.
    assert.match(messageOf(f), /-58 if it was staged or planned \(it starts its own global period\), -78 .*\(the original global period continues and Medicare pays only the intra-operative share\), or -79 .*\(it starts its own global period\)/);
    assert.equal(f.data.kind, 'surgery');
    assert.deepEqual(f.fixes!.map((x) => x.edits[0].newText), ['-58', '-78', '-79']);
    assert.match(expectFixClears(src, f, /-78/), /36261-78 dx A/);
  });

  it('36261-78 (and -58, -79) 40 days after: does not fire', () => {
    for (const mod of ['78', '58', '79']) {
      expectNoRule(medicare(claim`
        on 2026-03-02
          36260 dx A
        on 2026-04-11
          36261-${mod} dx A
      `), 'global-period');
    }
  });

  it('procedures on the surgery\'s own date are multiple procedures, not post-operative care', () => {
    expectNoRule(medicare(claim`
      on 2026-03-02
        47562 dx A
        36260 dx A
        15860 dx A
        78830-26 dx A
        77002-26-XS dx A
    `), 'global-period');
  });

  it('drug administration and refills 14 days after surgery (96522, J9200, 77002) are not post-operative care', () => {
    expectNoRule(medicare(claim`
      on 2026-03-02
        36260 dx A
      on 2026-03-16 pos 11
        96522 dx A
        J9200-KD x2 dx A
        J1644-KD dx A
        77002 dx A
    `), 'global-period');
  });

  it('a surgery without endnote c (15860) opens no global period', () => {
    expectNoRule(medicare(claim`
      on 2026-03-02
        15860 dx A
      on 2026-03-20 pos 11
        99214 dx A
    `), 'global-period');
  });
});

describe('global-period: a -78 line in the estimate', () => {
  const src = medicare(claim`
    on 2026-01-05
      36260 dx A
    on 2026-02-20
      36261-78 dx A
  `);

  it('without the PFS file: the guide figure, with a note that CMS pays only the intra-operative share', () => {
    const [c] = run(src).analysis.estimate();
    const l = c.dates[1].lines[0];
    assert.equal(l.amount, 407);
    assert.equal(l.adjustments.length, 1);
    assert.match(l.adjustments[0].reason, /intra-operative share/);
    assert.match(l.adjustments[0].reason, /Pub\. 100-04\), Ch\. 12, section 40\.2/);
    assert.match(l.adjustments[0].reason, /not loaded/);
    assert.equal(c.total, 633 + 407);
  });

  it('with the PFS file: the INTRA OP share of the guide figure (84% of $407 = $341.88)', () => {
    const tables = pfsTables([{ code: '36261', globalDays: '090', intraOp: 0.84 }]);
    const [c] = run(src, { tables }).analysis.estimate();
    const l = c.dates[1].lines[0];
    assert.equal(l.amount, 341.88);
    assert.equal(l.status, 'reduced');
    assert.match(l.adjustments[0].reason, /84% \(INTRA OP in PFS relative value file/);
    // A line without -78 keeps its figure.
    assert.equal(c.dates[0].lines[0].amount, 633);
  });
});

describe('global-period: 0- and 10-day global periods from the PFS file (issue 22)', () => {
  // 10060 (incision and drainage): GLOB DAYS 010; 20610 (joint injection): 000. Neither is in the guide.
  const tables = pfsTables([
    { code: '10060', globalDays: '010', total: 4 },
    { code: '20610', globalDays: '000', total: 2 },
    { code: '99213', total: 2.85 },
  ]);
  const text = (body: string) => medicare(`pos 11\n${body}`, { pos: '11' });

  it('a visit 1-10 days after a 010 procedure needs -24 and is denied without it; the message names the file', () => {
    const src = text('on 2026-03-02\n  10060 dx A\non 2026-03-07\n  [[99213]] dx A\n');
    const [f] = expectFindings(src, 'global-period', { severity: 'warning', tables, message: [/minor procedure with a 10-day global period \(GLOB DAYS 010 in PFS relative value file/, /add -24/] });
    assert.equal(f.data.minor, true);
    assert.equal(f.data.days, 5);
    assert.deepEqual(f.data.needed, ['24']);
    // Denied: the visit is $0 with the check as reason; the procedure is paid (4 x 33.4009 = 133.60).
    const est = run(src.replace(/\[\[|\]\]/g, ''), { tables }).analysis.estimate()[0];
    assert.deepEqual(est.dates.map((d) => d.total), [133.6, 0]);
    expectNoRule(applyFix(src, f), 'global-period', { tables });
  });

  it('boundary days: day 10 is inside, day 11 and the day before are outside; -24 clears it', () => {
    expectFindings(text('on 2026-03-02\n  10060 dx A\non 2026-03-12\n  [[99213]] dx A\n'), 'global-period', { severity: 'warning', tables });
    expectNoRule(text('on 2026-03-02\n  10060 dx A\non 2026-03-13\n  99213 dx A\n'), 'global-period', { tables });
    expectNoRule(text('on 2026-03-01\n  99213 dx A\non 2026-03-02\n  10060 dx A\n'), 'global-period', { tables });
    expectNoRule(text('on 2026-03-02\n  10060 dx A\non 2026-03-07\n  99213-24 dx A\n'), 'global-period', { tables });
  });

  it('the same day as a 010 or 000 procedure is em-needs-25 (not global-period); a 000 procedure has no days after', () => {
    const same = run(text('on 2026-03-02\n  10060 dx A\n  99213 dx A\n'), { tables }).analysis.findings.map((f) => f.rule);
    assert.ok(same.includes('em-needs-25') && !same.includes('global-period'), same.join());
    const zero = run(text('on 2026-03-02\n  20610 dx A\n  99213 dx A\non 2026-03-03\n  99213 dx A\n'), { tables }).analysis.findings;
    assert.deepEqual(zero.filter((f) => f.rule === 'em-needs-25' || f.rule === 'global-period').map((f) => [f.rule, f.line]), [['em-needs-25', 8]]);
  });

  it('a second 010 procedure inside the first one\'s 10 days needs -58/-78/-79', () => {
    expectFindings(text('on 2026-03-02\n  10060 dx A\non 2026-03-05\n  [[10060]] dx A\n'), 'global-period', { severity: 'warning', tables, message: [/Add -58/] });
    expectNoRule(text('on 2026-03-02\n  10060 dx A\non 2026-03-05\n  10060-79 dx A\n'), 'global-period', { tables });
  });
});
