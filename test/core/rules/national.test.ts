// Checks that read CMS's national files, with small in-memory tables standing in for the files:
// NCCI PTP edits (ncci-ptp beyond the guide's page) and medically unlikely edits (mue).
import assert from 'node:assert/strict';
import { createTables, loadDefaultTables, type Tables } from '../../../server/src/core/tables';
import type { MueTable, NationalSource, PtpEdit, PtpTable } from '../../../server/src/core/tables/national';
import { claim, expectFindings, expectNoRule, medicare, run } from '../../helpers/billing';

const PTP_SOURCE: NationalSource = { kind: 'ncci-ptp', label: 'NCCI PTP practitioner edits 2026Q1 (test)' };
const MUE_SOURCE: NationalSource = { kind: 'mue', label: 'MUE practitioner 2026Q1 (test)' };

// 2026-01-01 is day 20454 after 1970-01-01.
const JAN_1_2026 = 20454;

type Edit = Omit<PtpEdit, 'source'>;
type Mue = { code: string; value: number; adjudication: 1 | 2 | 3 };

function tablesWith(edits: Edit[], mues: Mue[] = []): Tables {
  const base = loadDefaultTables();
  const ptp: PtpTable = {
    source: PTP_SOURCE,
    size: edits.length,
    lookup(code1, code2, day) {
      const e = edits.find((x) => x.column1 === code1 && x.column2 === code2 && (day === undefined || (x.effective <= day && (x.deleted === undefined || day < x.deleted))));
      return e && { ...e, source: PTP_SOURCE };
    },
  };
  const mue: MueTable = {
    source: MUE_SOURCE,
    size: mues.length,
    lookup(code) {
      const m = mues.find((x) => x.code === code);
      return m && { ...m, rationale: 'Clinical: Data', source: MUE_SOURCE };
    },
  };
  return createTables(base.guide, base.reference, { ptp, mue });
}

const edit = (modifierIndicator: Edit['modifierIndicator'], deleted?: number): Edit => ({
  column1: '36260',
  column2: '15860',
  modifierIndicator,
  effective: JAN_1_2026,
  deleted,
  rationale: 'Standards of medical/surgical practice',
});

/** 36260 with 15860 on 2026-03-02; `mark` wraps 15860 in range markers. */
const pair = (mod = '', mark = true) => medicare(claim`
  on 2026-03-02
    36260 dx A
    ${mark ? '[[15860]]' : '15860'}${mod} dx A
`);

describe('ncci-ptp with a CMS PTP file', () => {
  it('indicator 1: fires on the column 2 code, names the file, and suggests an NCCI modifier', () => {
    const [f] = expectFindings(pair(), 'ncci-ptp', {
      tables: tablesWith([edit('1')]),
      severity: 'error',
      related: '36260',
      message: [/^15860 is not reimbursable when billed on the same date as 36260/, /NCCI PTP practitioner edits 2026Q1 \(test\)/, /add -59 or -XE\/-XS\/-XP\/-XU/],
    });
    assert.equal(f.data.modifierIndicator, '1');
    assert.equal(f.fixes?.[0].preferred, false, 'removing the line is not the obvious fix when a modifier may apply');
  });

  it('indicator 1 with -59 or -XS on either code: does not fire', () => {
    const tables = tablesWith([edit('1')]);
    expectNoRule(pair('-59', false), 'ncci-ptp', { tables });
    expectNoRule(medicare(claim`
      on 2026-03-02
        36260-XS dx A
        15860 dx A
    `), 'ncci-ptp', { tables });
  });

  it("indicator 1: CMS's NCCI-associated modifiers bypass it (anatomic, global surgery, 27, 91, 59, X{EPSU}); others do not", () => {
    const tables = tablesWith([edit('1')]);
    for (const m of ['-LT', '-F5', '-TA', '-LC', '-79', '-91', '-27', '-XU']) expectNoRule(pair(m, false), 'ncci-ptp', { tables });
    for (const m of ['-50', '-76', '-KD']) expectFindings(pair(m), 'ncci-ptp', { tables, severity: 'error' });
  });

  it('indicator 0: a modifier does not bypass it', () => {
    expectFindings(pair('-59'), 'ncci-ptp', { tables: tablesWith([edit('0')]), severity: 'error', message: [/Remove 15860/] });
  });

  it('indicator 9, or an edit deleted before the date of service: does not fire', () => {
    expectNoRule(pair('', false), 'ncci-ptp', { tables: tablesWith([edit('9')]) });
    expectNoRule(pair('', false), 'ncci-ptp', { tables: tablesWith([edit('0', JAN_1_2026 + 30)]) });
  });

  it('the CMS denial prices the line at $0', () => {
    const { analysis } = run(pair('', false), { tables: tablesWith([edit('0')]) });
    assert.deepEqual(analysis.estimate()[0].dates[0].lines.map((l) => [l.code, l.amount]), [['36260', 633], ['15860', 0]]);
  });
});

describe('mue', () => {
  it('per line (adjudication 1): fires on the units of the line over the limit', () => {
    expectFindings(medicare(claim`
      on 2026-03-02
        36260 dx A
        37242 [[x3]] dx A
    `), 'mue', { tables: tablesWith([], [{ code: '37242', value: 2, adjudication: 1 }]), severity: 'warning', message: [/^37242 is billed 3 units on this line/, /2 per line/, /MUE practitioner 2026Q1 \(test\)/, /Check the units/] });
  });

  it('per date (adjudication 3): adds up the lines of the date', () => {
    expectFindings(medicare(claim`
      on 2026-03-16
        J9200-KD [[x2]] dx A
        J9200-KD-JW [[x2]] dx A
    `, { pos: '11' }), 'mue', { tables: tablesWith([], [{ code: 'J9200', value: 3, adjudication: 3 }]), severity: 'warning', message: [/4 units on this date \(over 2 lines\)/, /denies every line of J9200 on the date/] });
  });

  it('denies the lines it flags: the estimate prices them at $0', () => {
    const { analysis } = run(medicare(claim`
      on 2026-03-16
        J9200-KD x2 dx A
        J9200-KD-JW x2 dx A
        96522 dx A
    `, { pos: '11' }), { tables: tablesWith([], [{ code: 'J9200', value: 3, adjudication: 3 }]) });
    const lines = analysis.estimate()[0].dates[0].lines;
    assert.deepEqual(lines.map((l) => [l.code, l.status, l.amount]), [['J9200', 'denied', 0], ['J9200', 'denied', 0], ['96522', 'paid', 125]]);
  });

  it('within the limit, or with no MUE file: does not fire', () => {
    const src = medicare(claim`
      on 2026-03-02
        37242 x2 dx A
    `);
    expectNoRule(src, 'mue', { tables: tablesWith([], [{ code: '37242', value: 2, adjudication: 1 }]) });
    expectNoRule(src, 'mue');
  });
});
