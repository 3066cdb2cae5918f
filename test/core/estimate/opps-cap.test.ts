// Issue 21: the OPPS cap on non-facility imaging (Social Security Act section 1848(b)(4), DRA 2005
// section 5102(b)): global and -TC lines in an office are paid at the lesser of the PFS amount and
// the locality's OPPS cap, shown as a reduction with its reason; -26 and facility lines are not
// capped; rows that disagree leave the line unpriced. The as-shipped OPPSCAP_JAN.csv (copied from
// ../shared/cms-layouts/as-shipped; made-up figures) ends with a lone end-of-file character.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/core/analysis';
import { createTables } from '../../../server/src/core/tables';
import { loadGuideTables, loadReferenceTables } from '../../../server/src/core/tables/load';
import { loadGpci, loadOppsCap, loadPfsRvu, type LoaderFile } from '../../../server/src/core/tables/loaders';
import { CMS_DIR } from '../../helpers/cms-fixtures';

const shipped = (name: string): LoaderFile => ({ name, text: readFileSync(join(CMS_DIR, 'as-shipped', name), 'utf8') });
const CAP_HEADER = 'HCPCS,MOD,PROCSTAT,CARRIER,LOCALITY,FACILITY PRICE,NON-FACILTY PRICE\r\n';

// 76700 in the as-shipped RVU layout: global 0.81 + 2.79 + 0.05 = 3.65 (facility 1.16); TC 2.52; -26 1.13.
const rvuText = shipped('PPRRVU2026_Jan_nonQPP.csv').text.trimEnd() + '\r\n' + [
  '76700,,Us exam abdom complete,A,,0.81,2.79,,0.30,,0.05,3.65,1.16,1,XXX,0.00,0.00,0.00,4,0,0,0,0,9,,33.4009,09,0,88,0.00,0.00,0.00',
  '76700,TC,Us exam abdom complete,A,,0.00,2.51,,2.51,,0.01,2.52,2.52,1,XXX,0.00,0.00,0.00,4,0,0,0,0,9,,33.4009,09,0,88,0.00,0.00,0.00',
  '76700,26,Us exam abdom complete,A,,0.81,0.28,,0.28,,0.04,1.13,1.13,1,XXX,0.00,0.00,0.00,4,0,0,0,0,9,,33.4009,09,0,88,0.00,0.00,0.00',
].join('\r\n') + '\r\n';

const tablesWith = (capRows: string) =>
  createTables(loadGuideTables(), loadReferenceTables(), {
    rvu: loadPfsRvu({ name: 'PPRRVU2026_Jan_nonQPP.csv', text: rvuText }).table,
    gpci: loadGpci(shipped('GPCI2026.csv')).table,
    oppsCap: loadOppsCap({ name: 'OPPSCAP_JAN.csv', text: `${CAP_HEADER}${capRows}\x1a,,,,,,\r\n` }).table,
  });
const CAPS = '76700,,A,10212,01,40.00,100.00\r\n76700,TC,A,10212,01,0.00,60.00\r\n';
const claim = (code: string, pos = '11') => ['claim "x"', 'payer medicare', 'state GA', 'locality 10212-01', `pos ${pos}`, 'dx C78.7', '', 'on 2026-02-10', `  ${code} dx A`, ''].join('\n');
const lineOf = (t: ReturnType<typeof tablesWith>, code: string, pos?: string) => analyze(claim(code, pos), t).estimate()[0].dates[0].lines[0];

describe('OPPS cap file loader (as shipped)', () => {
  it('reads its rows past the lone end-of-file character, with CMS\'s "NON-FACILTY PRICE"', () => {
    const r = loadOppsCap(shipped('OPPSCAP_JAN.csv'));
    assert.deepEqual(r.problems, []);
    assert.equal(r.table.size, 4);
    const e = r.table.lookup('74175', 'TC', '10212-99')!;
    assert.deepEqual([e.facility, e.nonFacility], [0, 162]);
    assert.equal(r.table.lookup('74175', '', '10212-01')!.nonFacility, 250);
  });
});

describe('the OPPS cap on non-facility imaging', () => {
  const tables = tablesWith(CAPS);

  it('a global line above the cap is paid at the cap, shown as a reduction with its reason', () => {
    // Atlanta (1.000, 1.000, 1.000): 3.65 x 33.4009 = 121.913285 -> 121.91; cap 100.00; cut 21.91.
    const l = lineOf(tables, '76700');
    assert.deepEqual([l.unitAllowable, l.base, l.amount, l.status], [121.91, 121.91, 100, 'reduced']);
    assert.equal(l.adjustments[0].kind, 'opps-cap');
    assert.equal(l.adjustments[0].amount, 21.91);
    assert.match(l.adjustments[0].reason, /capped at \$100\.00 \(PFS OPPS cap \(OPPSCAP_JAN\.csv\); Social Security Act section 1848\(b\)\(4\) \(Deficit Reduction Act of 2005, section 5102\(b\)\)\)/);
  });

  it('a -TC line: its own cap (2.52 x 33.4009 = 84.17 -> 60.00)', () => {
    const l = lineOf(tables, '76700-TC');
    assert.deepEqual([l.base, l.amount], [84.17, 60]);
  });

  it('-26 and facility lines are not capped', () => {
    // -26: 1.13 x 33.4009 = 37.743017 -> 37.74; facility global: 1.16 x 33.4009 = 38.745044 -> 38.75.
    assert.deepEqual([lineOf(tables, '76700-26').amount, lineOf(tables, '76700-26').adjustments], [37.74, []]);
    assert.deepEqual([lineOf(tables, '76700', '22').amount, lineOf(tables, '76700', '22').adjustments], [38.75, []]);
  });

  it('a cap above the PFS amount changes nothing', () => {
    const l = lineOf(tablesWith('76700,,A,10212,01,40.00,500.00\r\n'), '76700');
    assert.deepEqual([l.amount, l.adjustments], [121.91, []]);
  });

  it('two cap rows of one key that disagree: reported, the line not priced', () => {
    const r = loadOppsCap({ name: 'OPPSCAP_JAN.csv', text: `${CAP_HEADER}76700,,A,10212,01,40.00,100.00\r\n76700,,A,10212,01,40.00,90.00\r\n` });
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0].reason, /76700 in 10212-01 has two rows that disagree/);
    const l = lineOf(tablesWith('76700,,A,10212,01,40.00,100.00\r\n76700,,A,10212,01,40.00,90.00\r\n'), '76700');
    assert.equal(l.status, 'unpriced');
    assert.equal(l.amount, 0);
    assert.match(l.adjustments[0].reason, /cannot be applied/);
  });
});
