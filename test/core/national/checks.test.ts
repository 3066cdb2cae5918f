// The checks and the estimate with CMS's national files loaded (the small fixtures): PTP edits only
// in the file, MUE units, codes priced from the RVU file, and ICD-10-CM validity.
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis';
import { messageOf } from '../../../server/src/core/rules/messages';
import { loadDefaultTables } from '../../../server/src/core/tables';
import { claim, expectNoRule, expectRule, run } from '../../helpers/fixture';
import { ICD, MUE, nationalTables, PTP_F1, RVU } from './cms-fixtures';

const tables = () => nationalTables();

const header = (pos = '11') => `claim "national"\npayer medicare\nstate GA\npos ${pos}\ndx C78.7\n`;

describe('ncci-ptp with the PTP file loaded', () => {
  it('flags a pair that is only in the PTP file, naming the file', () => {
    const [f] = expectRule(
      header() +
        claim`
        on 2026-03-02
          36260 dx A
          [[76937]] dx A
        `,
      'ncci-ptp',
      { tables: tables() },
    );
    assert.equal(f.data.code, '76937');
    assert.equal(f.data.other, '36260');
    assert.equal(f.data.modifierIndicator, '1');
    assert.equal(f.data.source, `NCCI PTP practitioner edits 2026Q2 (${PTP_F1})`);
    assert.equal(f.deniesLine, 7);
    assert.match(messageOf(f), /ccipra-v321r0-f1\.txt/);
    // Without the file the guide has no such edit.
    expectNoRule(header() + 'on 2026-03-02\n  36260 dx A\n  76937 dx A\n', 'ncci-ptp', { tables: loadDefaultTables() });
  });

  it('is bypassed by -XS (or 59, XE, XP, XU) when the modifier indicator is 1', () => {
    for (const m of ['XS', '59', 'XE', 'XP', 'XU']) {
      expectNoRule(header() + `on 2026-03-02\n  36260 dx A\n  76937-${m} dx A\n`, 'ncci-ptp', { tables: tables() });
    }
  });

  it('is not bypassed when the modifier indicator is 0', () => {
    const [f] = expectRule(
      header() +
        claim`
        on 2026-03-02
          99214 dx A
          [[36415]]-XS dx A
        `,
      'ncci-ptp',
      { tables: tables() },
    );
    assert.equal(f.data.modifierIndicator, '0');
    assert.doesNotMatch(messageOf(f), /add -59/);
  });

  it('ignores an edit whose modifier indicator is 9', () => {
    expectNoRule(header() + 'on 2026-03-02\n  99215 dx A\n  36415 dx A\n', 'ncci-ptp', { tables: tables() });
  });

  it('uses the date window covering the date of service', () => {
    // 71260/71046: indicator 0 through 2026-03-31, 1 from 2026-04-01.
    expectRule(header() + 'on 2026-03-31\n  71260 dx A\n  [[71046]]-XS dx A\n', 'ncci-ptp', { tables: tables() });
    expectNoRule(header() + 'on 2026-04-01\n  71260 dx A\n  71046-XS dx A\n', 'ncci-ptp', { tables: tables() });
    expectRule(header() + 'on 2026-04-01\n  71260 dx A\n  [[71046]] dx A\n', 'ncci-ptp', { tables: tables() });
    // 74170/74160 was deleted on 2026-03-01.
    expectRule(header() + 'on 2026-02-27\n  74170 dx A\n  [[74160]] dx A\n', 'ncci-ptp', { tables: tables() });
    expectNoRule(header() + 'on 2026-03-02\n  74170 dx A\n  74160 dx A\n', 'ncci-ptp', { tables: tables() });
  });

  it('applies only on the same date', () => {
    expectNoRule(header() + 'on 2026-03-02\n  36260 dx A\non 2026-03-03\n  76937 dx A\n', 'ncci-ptp', { tables: tables() });
  });

  it('reads an edit from the second part of the file', () => {
    const [f] = expectRule(header() + 'on 2026-03-02\n  96522 dx A\n  [[93000]] dx A\n', 'ncci-ptp', { tables: tables() });
    assert.match(String(f.data.source), /ccipra-v321r0-f2\.txt/);
  });

  it('prices the denied line at $0 in the estimate', () => {
    const { analysis } = run(header() + 'on 2026-03-02\n  99214 dx A\n  36415 dx A\n', { tables: tables() });
    const line = analysis.estimate()[0].dates[0].lines.find((l) => l.code === '36415')!;
    assert.equal(line.status, 'denied');
    assert.equal(line.amount, 0);
  });
});

describe('mue with the MUE file loaded', () => {
  it('flags units over a per-line MUE (adjudication indicator 1) on the line', () => {
    const [f] = expectRule(header() + 'on 2026-03-02\n  96522 [[x2]] dx A\n', 'mue', { tables: tables() });
    assert.deepEqual(
      { ...f.data },
      { code: '96522', units: 2, value: 1, perDate: false, lines: 1, source: `NCCI MUE practitioner values 2026Q1 (${MUE})`, rationale: 'Nature of Service/Procedure' },
    );
    assert.match(messageOf(f), /1 per line/);
    // Two lines of one unit each pass a per-line edit.
    expectNoRule(header() + 'on 2026-03-02\n  96522 dx A\n  96522-59 dx A\n', 'mue', { tables: tables() });
  });

  it('adds up the units of the date for a per-date MUE (indicators 2 and 3)', () => {
    const [f] = expectRule(header() + 'on 2026-03-02\n  36415 [[x2]] dx A\n  36415-91 [[x1]] dx A\n', 'mue', { tables: tables() });
    assert.equal(f.data.units, 3);
    assert.equal(f.data.perDate, true);
    assert.match(messageOf(f), /2 per date of service/);
    expectNoRule(header() + 'on 2026-03-02\n  36415 x2 dx A\non 2026-03-03\n  36415 x1 dx A\n', 'mue', { tables: tables() });
    // A line without written units counts one.
    expectRule(header() + 'on 2026-03-02\n  [[93000]] dx A\n  [[93000]]-59 dx A\n', 'mue', { tables: tables() });
  });

  it('stays silent at or under the MUE and without the file', () => {
    expectNoRule(header() + 'on 2026-03-02\n  36415 x2 dx A\n', 'mue', { tables: tables() });
    expectNoRule(header() + 'on 2026-03-02\n  96522 x2 dx A\n', 'mue', { tables: loadDefaultTables() });
  });
});

describe('codes priced from the RVU file', () => {
  it('prices a code that is only in the RVU file and does not call it unknown', () => {
    const text = header() + 'on 2026-03-02\n  99213 dx A\n';
    expectNoRule(text, 'unknown-code', { tables: tables() });
    expectRule(header() + 'on 2026-03-02\n  [[99213]] dx A\n', 'unknown-code', { tables: loadDefaultTables() });
    const { analysis } = run(text, { tables: tables() });
    const line = analysis.estimate()[0].dates[0].lines[0];
    assert.equal(line.unitAllowable, Math.round(2.85 * 33.4009 * 100) / 100);
    assert.equal(line.status, 'paid');
    assert.match(line.source!, new RegExp(`PFS relative value file 2026 April release \\(${RVU}\\)`));
  });

  it('uses the facility total on a facility date and the -26 row for -26', () => {
    const { analysis } = run(header('22') + 'on 2026-03-02\n  99213 dx A\n  76700-26 dx A\n', { tables: tables() });
    const [em, us] = analysis.estimate()[0].dates[0].lines;
    assert.equal(em.unitAllowable, Math.round(1.72 * 33.4009 * 100) / 100);
    assert.equal(us.unitAllowable, Math.round(1.14 * 33.4009 * 100) / 100);
  });

  it('leaves NA unpaid in that setting', () => {
    const { analysis } = run(header('11') + 'on 2026-03-02\n  44140 dx A\n', { tables: tables() });
    assert.equal(analysis.estimate()[0].dates[0].lines[0].status, 'not-payable');
  });

  it('still flags a code in neither the guide nor the file', () => {
    const [f] = expectRule(header() + 'on 2026-03-02\n  [[12345]] dx A\n', 'unknown-code', { tables: tables() });
    assert.equal(f.data.national, true);
  });

  it('opens a global period for a 090 code from the file', () => {
    expectRule(header('22') + 'on 2026-03-02\n  44140 dx A\non 2026-03-12 pos 11\n  [[99214]] dx A\n', 'global-period', { tables: tables() });
    expectNoRule(header('22') + 'on 2026-03-02\n  44140 dx A\non 2026-03-12 pos 11\n  99214 dx A\n', 'global-period', { tables: loadDefaultTables() });
  });
});

describe('PC/TC, status and MPPR from the RVU file', () => {
  it('flags -26 or -TC where the PC/TC indicator has no split, naming the file', () => {
    const [f] = expectRule(header() + 'on 2026-03-02\n  99213-[[26]] dx A\n', 'mod-invalid', { tables: tables() });
    assert.deepEqual({ ...f.data }, { code: '99213', modifier: '26', pctc: '0', source: `PFS relative value file 2026 April release (${RVU})` });
    assert.match(messageOf(f), /PC\/TC indicator is 0/);
    expectNoRule(header() + 'on 2026-03-02\n  76700-26 dx A\n  76700-TC dx A\n', 'mod-invalid', { tables: tables() });
    // Issue 13: without the file, -26 on an E/M code (no split) is mod-invalid too, from the CPT section.
    const [h] = expectRule(header() + 'on 2026-03-02\n  99213-[[26]] dx A\n', 'mod-invalid', { tables: loadDefaultTables() });
    assert.equal(h.data.reason, 'no-split');
    // The guide's incident-to rule still speaks for its own codes.
    const [g] = expectRule(header() + 'on 2026-03-02\n  96522-[[TC]] dx A\n', 'mod-invalid', { tables: tables() });
    assert.equal(g.data.endnote, 'd');
  });

  it('leaves a contractor-priced (status C) code unpriced rather than $0', () => {
    const { analysis } = run(header() + 'on 2026-03-02\n  0075T-26 dx A\n', { tables: tables() });
    const line = analysis.estimate()[0].dates[0].lines[0];
    assert.equal(line.status, 'unpriced');
    assert.match(line.adjustments[0].reason, /contractor-priced/);
  });

  it('applies the surgical MPPR to a MULT PROC 2 code from the file', () => {
    // 44140 (facility 39.37 RVUs, ~$1315) and 47562 (guide, endnote a): the lower-priced one at 50%.
    const { analysis } = run(header('22') + 'on 2026-03-02\n  44140 dx A\n  47562 dx A\n', { tables: tables() });
    const [colectomy, chole] = analysis.estimate()[0].dates[0].lines;
    assert.equal(colectomy.status, 'paid');
    assert.equal(chole.status, 'reduced');
    assert.equal(chole.adjustments[0].kind, 'mppr-surgery');
    assert.equal(chole.amount, Math.round(chole.base * 50) / 100);
  });

  it('applies the imaging MPPR to a MULT PROC 4 code, splitting it by its -26 row', () => {
    const { analysis } = run(header() + 'on 2026-03-02\n  74160 dx A\n  76700 dx A\n', { tables: tables() });
    const [ct, us] = analysis.estimate()[0].dates[0].lines;
    // 74160 ($230 in the guide) ranks first; 76700 ($121.91 = 3.65 x 33.4009) is reduced:
    // 25% off its -26 part ($38.08 = 1.14 x 33.4009) and 50% off the rest.
    assert.equal(ct.status, 'paid');
    assert.equal(us.unitAllowable, 121.91);
    assert.equal(us.adjustments[0].kind, 'mppr-imaging');
    assert.equal(us.adjustments[0].amount, Math.round((38.08 * 0.25 + (121.91 - 38.08) * 0.5) * 100) / 100);
    assert.match(us.adjustments[0].reason, /-26 row/);
  });
});

describe('diagnoses checked against the ICD-10-CM file', () => {
  it('flags a category heading as not billable, suggesting a full code', () => {
    const [f] = expectRule(header() + 'dx [[E11]]\non 2026-03-02\n  99214 dx A,B\n', 'unknown-dx', { tables: tables() });
    assert.equal(f.data.billable, false);
    assert.equal(f.data.example, 'E11.65');
    assert.match(messageOf(f), /heading in ICD-10-CM FY2026 code list .* not a billable code.*E11\.65/);
  });

  it('accepts a valid code the guide does not list', () => {
    expectNoRule(header() + 'dx E11.65\non 2026-03-02\n  99214 dx A,B\n', 'unknown-dx', { tables: tables() });
  });

  it('flags a code the file does not have, naming the file', () => {
    const [f] = expectRule(header() + 'dx [[E11.99]]\non 2026-03-02\n  99214 dx A,B\n', 'unknown-dx', { tables: tables(), severity: 'warning' });
    assert.equal(f.data.source, `ICD-10-CM FY2026 code list (${ICD})`);
    assert.match(messageOf(f), /icd10cm_order_2026\.txt/);
  });
});

describe('the language page example with the national fixtures loaded', () => {
  it('still reports only the guide edit on 49000', () => {
    const text = require('node:fs').readFileSync('examples/language-page-example.claim', 'utf8') as string;
    const analysis = analyze(text, tables());
    assert.deepEqual(
      analysis.findings.map((f) => [f.rule, f.line]),
      [['ncci-ptp', 12]],
    );
  });
});
