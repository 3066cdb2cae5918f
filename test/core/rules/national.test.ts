// Checks that read CMS's national files, with small in-memory tables standing in for the files:
// NCCI PTP edits (ncci-ptp beyond the guide's page) and medically unlikely edits (mue).
// Then the same checks and the estimate with the small CMS fixture files loaded (test/helpers/cms-fixtures):
// PTP edits only in the file, MUE units, codes priced from the RVU file, and ICD-10-CM validity.
import assert from 'node:assert/strict';
import { createTables, loadDefaultTables, type Tables } from '../../../server/src/core/tables';
import type { MueTable, NationalSource, PtpEdit, PtpTable } from '../../../server/src/core/tables/national';
import { claim, expectFindings, expectNoRule, medicare, run } from '../../helpers/billing';
import { analyze } from '../../../server/src/core/analysis';
import { messageOf } from '../../../server/src/core/rules/messages';
import * as fx from '../../helpers/fixture';
import { ICD, MUE, nationalTables, PTP_F1, RVU } from '../../helpers/cms-fixtures';

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

// With the CMS fixture files (parsed by the real loaders) rather than hand-built tables.
const fixtureTables = () => nationalTables();

const header = (pos = '11') => `claim "national"\npayer medicare\nstate GA\npos ${pos}\ndx C78.7\n`;

describe('ncci-ptp with the PTP file loaded', () => {
  it('flags a pair that is only in the PTP file, naming the file', () => {
    const [f] = fx.expectRule(
      header() +
        fx.claim`
        on 2026-03-02
          36260 dx A
          [[76937]] dx A
        `,
      'ncci-ptp',
      { tables: fixtureTables() },
    );
    assert.equal(f.data.code, '76937');
    assert.equal(f.data.other, '36260');
    assert.equal(f.data.modifierIndicator, '1');
    assert.equal(f.data.source, `NCCI PTP practitioner edits 2026Q2 (${PTP_F1})`);
    assert.equal(f.deniesLine, 7);
    assert.match(messageOf(f), /ccipra-v321r0-f1\.txt/);
    // Without the file the guide has no such edit.
    fx.expectNoRule(header() + 'on 2026-03-02\n  36260 dx A\n  76937 dx A\n', 'ncci-ptp', { tables: loadDefaultTables() });
  });

  it('is bypassed by -XS (or 59, XE, XP, XU) when the modifier indicator is 1', () => {
    for (const m of ['XS', '59', 'XE', 'XP', 'XU']) {
      fx.expectNoRule(header() + `on 2026-03-02\n  36260 dx A\n  76937-${m} dx A\n`, 'ncci-ptp', { tables: fixtureTables() });
    }
  });

  it('is not bypassed when the modifier indicator is 0', () => {
    const [f] = fx.expectRule(
      header() +
        fx.claim`
        on 2026-03-02
          99214 dx A
          [[36415]]-XS dx A
        `,
      'ncci-ptp',
      { tables: fixtureTables() },
    );
    assert.equal(f.data.modifierIndicator, '0');
    assert.doesNotMatch(messageOf(f), /add -59/);
  });

  it('ignores an edit whose modifier indicator is 9', () => {
    fx.expectNoRule(header() + 'on 2026-03-02\n  99215 dx A\n  36415 dx A\n', 'ncci-ptp', { tables: fixtureTables() });
  });

  it('uses the date window covering the date of service', () => {
    // 71260/71046: indicator 0 through 2026-03-31, 1 from 2026-04-01.
    fx.expectRule(header() + 'on 2026-03-31\n  71260 dx A\n  [[71046]]-XS dx A\n', 'ncci-ptp', { tables: fixtureTables() });
    fx.expectNoRule(header() + 'on 2026-04-01\n  71260 dx A\n  71046-XS dx A\n', 'ncci-ptp', { tables: fixtureTables() });
    fx.expectRule(header() + 'on 2026-04-01\n  71260 dx A\n  [[71046]] dx A\n', 'ncci-ptp', { tables: fixtureTables() });
    // 74170/74160 was deleted on 2026-03-01.
    fx.expectRule(header() + 'on 2026-02-27\n  74170 dx A\n  [[74160]] dx A\n', 'ncci-ptp', { tables: fixtureTables() });
    fx.expectNoRule(header() + 'on 2026-03-02\n  74170 dx A\n  74160 dx A\n', 'ncci-ptp', { tables: fixtureTables() });
  });

  it('applies only on the same date', () => {
    fx.expectNoRule(header() + 'on 2026-03-02\n  36260 dx A\non 2026-03-03\n  76937 dx A\n', 'ncci-ptp', { tables: fixtureTables() });
  });

  it('reads an edit from the second part of the file', () => {
    const [f] = fx.expectRule(header() + 'on 2026-03-02\n  96522 dx A\n  [[93000]] dx A\n', 'ncci-ptp', { tables: fixtureTables() });
    assert.match(String(f.data.source), /ccipra-v321r0-f2\.txt/);
  });

  it('prices the denied line at $0 in the estimate', () => {
    const { analysis } = fx.run(header() + 'on 2026-03-02\n  99214 dx A\n  36415 dx A\n', { tables: fixtureTables() });
    const line = analysis.estimate()[0].dates[0].lines.find((l) => l.code === '36415')!;
    assert.equal(line.status, 'denied');
    assert.equal(line.amount, 0);
  });
});

describe('mue with the MUE file loaded', () => {
  it('flags units over a per-line MUE (adjudication indicator 1) on the line', () => {
    const [f] = fx.expectRule(header() + 'on 2026-03-02\n  96522 [[x2]] dx A\n', 'mue', { tables: fixtureTables() });
    assert.deepEqual(
      { ...f.data },
      { code: '96522', units: 2, value: 1, perDate: false, lines: 1, source: `NCCI MUE practitioner values 2026Q1 (${MUE})`, rationale: 'Nature of Service/Procedure' },
    );
    assert.match(messageOf(f), /1 per line/);
    // Two lines of one unit each pass a per-line edit.
    fx.expectNoRule(header() + 'on 2026-03-02\n  96522 dx A\n  96522-59 dx A\n', 'mue', { tables: fixtureTables() });
  });

  it('adds up the units of the date for a per-date MUE (indicators 2 and 3)', () => {
    const [f] = fx.expectRule(header() + 'on 2026-03-02\n  36415 [[x2]] dx A\n  36415-91 [[x1]] dx A\n', 'mue', { tables: fixtureTables() });
    assert.equal(f.data.units, 3);
    assert.equal(f.data.perDate, true);
    assert.match(messageOf(f), /2 per date of service/);
    fx.expectNoRule(header() + 'on 2026-03-02\n  36415 x2 dx A\non 2026-03-03\n  36415 x1 dx A\n', 'mue', { tables: fixtureTables() });
    // A line without written units counts one.
    fx.expectRule(header() + 'on 2026-03-02\n  [[93000]] dx A\n  [[93000]]-59 dx A\n', 'mue', { tables: fixtureTables() });
  });

  it('stays silent at or under the MUE and without the file', () => {
    fx.expectNoRule(header() + 'on 2026-03-02\n  36415 x2 dx A\n', 'mue', { tables: fixtureTables() });
    fx.expectNoRule(header() + 'on 2026-03-02\n  96522 x2 dx A\n', 'mue', { tables: loadDefaultTables() });
  });
});

describe('codes priced from the RVU file', () => {
  // Priced dates fall on or after 2026-04-01: the fixture is the April release (RVU26B), which prices from its effective date (issue 21).
  it('prices a code that is only in the RVU file and does not call it unknown', () => {
    const text = header() + 'on 2026-04-06\n  99213 dx A\n';
    fx.expectNoRule(text, 'unknown-code', { tables: fixtureTables() });
    fx.expectRule(header() + 'on 2026-04-06\n  [[99213]] dx A\n', 'unknown-code', { tables: loadDefaultTables() });
    const { analysis } = fx.run(text, { tables: fixtureTables() });
    const line = analysis.estimate()[0].dates[0].lines[0];
    assert.equal(line.unitAllowable, Math.round(2.85 * 33.4009 * 100) / 100);
    assert.equal(line.status, 'paid');
    assert.match(line.source!, new RegExp(`PFS relative value file 2026 April release \\(${RVU}\\)`));
  });

  it('uses the facility total on a facility date and the -26 row for -26', () => {
    const { analysis } = fx.run(header('22') + 'on 2026-04-06\n  99213 dx A\n  76700-26 dx A\n', { tables: fixtureTables() });
    const [em, us] = analysis.estimate()[0].dates[0].lines;
    assert.equal(em.unitAllowable, Math.round(1.72 * 33.4009 * 100) / 100);
    assert.equal(us.unitAllowable, Math.round(1.14 * 33.4009 * 100) / 100);
  });

  it('leaves NA unpaid in that setting', () => {
    const { analysis } = fx.run(header('11') + 'on 2026-04-06\n  44140 dx A\n', { tables: fixtureTables() });
    assert.equal(analysis.estimate()[0].dates[0].lines[0].status, 'not-payable');
  });

  it('still flags a code in neither the guide nor the file', () => {
    const [f] = fx.expectRule(header() + 'on 2026-03-02\n  [[12345]] dx A\n', 'unknown-code', { tables: fixtureTables() });
    assert.equal(f.data.national, true);
  });

  it('opens a global period for a 090 code from the file', () => {
    fx.expectRule(header('22') + 'on 2026-03-02\n  44140 dx A\non 2026-03-12 pos 11\n  [[99214]] dx A\n', 'global-period', { tables: fixtureTables() });
    fx.expectNoRule(header('22') + 'on 2026-03-02\n  44140 dx A\non 2026-03-12 pos 11\n  99214 dx A\n', 'global-period', { tables: loadDefaultTables() });
  });
});

describe('PC/TC, status and MPPR from the RVU file', () => {
  it('flags -26 or -TC where the PC/TC indicator has no split, naming the file', () => {
    const [f] = fx.expectRule(header() + 'on 2026-03-02\n  99213-[[26]] dx A\n', 'mod-invalid', { tables: fixtureTables() });
    assert.deepEqual({ ...f.data }, { code: '99213', modifier: '26', pctc: '0', source: `PFS relative value file 2026 April release (${RVU})` });
    assert.match(messageOf(f), /PC\/TC indicator is 0/);
    fx.expectNoRule(header() + 'on 2026-03-02\n  76700-26 dx A\n  76700-TC dx A\n', 'mod-invalid', { tables: fixtureTables() });
    // Issue 13: without the file, -26 on an E/M code (no split) is mod-invalid too, from the CPT section.
    const [h] = fx.expectRule(header() + 'on 2026-03-02\n  99213-[[26]] dx A\n', 'mod-invalid', { tables: loadDefaultTables() });
    assert.equal(h.data.reason, 'no-split');
    // The guide's incident-to rule still speaks for its own codes.
    const [g] = fx.expectRule(header() + 'on 2026-03-02\n  96522-[[TC]] dx A\n', 'mod-invalid', { tables: fixtureTables() });
    assert.equal(g.data.endnote, 'd');
  });

  it('leaves a contractor-priced (status C) code unpriced rather than $0', () => {
    const { analysis } = fx.run(header() + 'on 2026-04-06\n  0075T-26 dx A\n', { tables: fixtureTables() });
    const line = analysis.estimate()[0].dates[0].lines[0];
    assert.equal(line.status, 'unpriced');
    assert.match(line.adjustments[0].reason, /contractor-priced/);
  });

  it('applies the surgical MPPR to a MULT PROC 2 code from the file', () => {
    // 44140 (facility 39.37 RVUs, ~$1315) and 47562 (guide, endnote a): the lower-priced one at 50%.
    const { analysis } = fx.run(header('22') + 'on 2026-04-06\n  44140 dx A\n  47562 dx A\n', { tables: fixtureTables() });
    const [colectomy, chole] = analysis.estimate()[0].dates[0].lines;
    assert.equal(colectomy.status, 'paid');
    assert.equal(chole.status, 'reduced');
    assert.equal(chole.adjustments[0].kind, 'mppr-surgery');
    assert.equal(chole.amount, Math.round(chole.base * 50) / 100);
  });

  it('applies the imaging MPPR to a MULT PROC 4 code, splitting it by its -26 row', () => {
    const { analysis } = fx.run(header() + 'on 2026-04-06\n  74160 dx A\n  76700 dx A\n', { tables: fixtureTables() });
    const [ct, us] = analysis.estimate()[0].dates[0].lines;
    // 74160 ($230 in the guide) ranks first; 76700 ($121.91 = 3.65 x 33.4009) is reduced:
    // 5% off its -26 part ($38.08 = 1.14 x 33.4009; CMS since 2017, CR 9647) and 50% off the rest.
    assert.equal(ct.status, 'paid');
    assert.equal(us.unitAllowable, 121.91);
    assert.equal(us.adjustments[0].kind, 'mppr-imaging');
    assert.equal(us.adjustments[0].amount, Math.round((38.08 * 0.05 + (121.91 - 38.08) * 0.5) * 100) / 100);
    assert.match(us.adjustments[0].reason, /-26 row/);
  });
});

describe('diagnoses checked against the ICD-10-CM file', () => {
  it('flags a category heading as not billable, suggesting a full code', () => {
    const [f] = fx.expectRule(header() + 'dx [[E11]]\non 2026-03-02\n  99214 dx A,B\n', 'unknown-dx', { tables: fixtureTables() });
    assert.equal(f.data.billable, false);
    assert.equal(f.data.example, 'E11.65');
    assert.match(messageOf(f), /heading in ICD-10-CM FY2026 code list .* not a billable code.*E11\.65/);
  });

  it('accepts a valid code the guide does not list', () => {
    fx.expectNoRule(header() + 'dx E11.65\non 2026-03-02\n  99214 dx A,B\n', 'unknown-dx', { tables: fixtureTables() });
  });

  it('flags a code the file does not have, naming the file', () => {
    const [f] = fx.expectRule(header() + 'dx [[E11.99]]\non 2026-03-02\n  99214 dx A,B\n', 'unknown-dx', { tables: fixtureTables(), severity: 'warning' });
    assert.equal(f.data.source, `ICD-10-CM FY2026 code list (${ICD})`);
    assert.match(messageOf(f), /icd10cm_order_2026\.txt/);
  });
});

describe('the language page example with the national fixtures loaded', () => {
  it('still reports only the guide edit on 49000', () => {
    const text = require('node:fs').readFileSync('examples/language-page-example.claim', 'utf8') as string;
    const analysis = analyze(text, fixtureTables());
    assert.deepEqual(
      analysis.findings.map((f) => [f.rule, f.line]),
      [['ncci-ptp', 12]],
    );
  });
});
