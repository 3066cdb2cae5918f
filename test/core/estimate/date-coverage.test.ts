// Issue 21: a data file whose year or quarter does not cover the date of service is never used for
// it, and the line says so. One slot at a time, each at its boundary day: the PFS release (RVU),
// the GPCI file, the locality-to-county file, the OPPS cap file and the ASP quarter. Fixtures:
// test/fixtures/cms/as-shipped (copied from ../shared/cms-layouts/as-shipped; made-up figures).
// The MUE file: its quarter (Eff_01-01-2026) from its first day to the end of its year.
// (The PTP and AOC rows carry their own effective and deletion dates: their boundary day is in
// test/core/tables/loaders/as-shipped.test.ts, loaders.test.ts and test/core/rules/addon-aoc.test.ts.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/core/analysis';
import { createTables } from '../../../server/src/core/tables';
import { loadGuideTables, loadReferenceTables } from '../../../server/src/core/tables/load';
import { loadAsp, loadGpci, loadLocalities, loadMue, loadOppsCap, loadPfsRvu, type LoaderFile } from '../../../server/src/core/tables/loaders';
import { messageOf } from '../../../server/src/core/rules/messages';
import { dataFileReports, dataFilesText } from '../../../server/src/core/features/data-files';
import type { NationalTables } from '../../../server/src/core/tables/national';
import { CMS_DIR } from '../../helpers/cms-fixtures';
import { localFixture } from '../../helpers/local-fixtures';

const shipped = (name: string): LoaderFile => ({ name, text: readFileSync(join(CMS_DIR, 'as-shipped', name), 'utf8') });
const NON_QPP = shipped('PPRRVU2026_Jan_nonQPP.csv');
/** The same rows as a 2025 and a 2027 January release: every date of 2025-2027 has a PFS release. */
const rvu = loadPfsRvu([NON_QPP, { name: 'PPRRVU2025_Jan_nonQPP.csv', text: NON_QPP.text.replace(/2026/g, '2025') }, { name: 'PPRRVU2027_Jan_nonQPP.csv', text: NON_QPP.text.replace(/2026/g, '2027') }]).table;
/** The as-shipped GPCI file with no year in its title, header or name: it serves any date. */
const undatedGpci = loadGpci({ name: 'GPCI.csv', text: shipped('GPCI2026.csv').text.replace(/(CY )?2026 ?/g, '') }).table;

const tablesWith = (national: Partial<NationalTables>) => createTables(loadGuideTables(), loadReferenceTables(), { rvu, gpci: undatedGpci, ...national });
const claim = (where: string, date: string, code = '99213') => ['claim "x"', 'payer medicare', 'state GA', where, 'pos 11', 'dx C78.7', '', `on ${date}`, `  ${code} dx A`, ''].join('\n');
const lineOn = (t: ReturnType<typeof tablesWith>, where: string, date: string, code?: string) => analyze(claim(where, date, code), t).estimate()[0].dates[0].lines[0];

// Atlanta (10212-01) in the as-shipped GPCI file: 1.000, 1.000, 1.000; 99213 non-facility 2.85 RVUs
// x 33.4009 = 95.192565 -> 95.19, the same in every release above (the rows are the same).
const ATLANTA_99213 = 95.19;

describe('date coverage: a file is never used for a date it does not cover (issue 21)', () => {
  it('the undated GPCI file prices any date (nothing to check it against): the baseline', () => {
    for (const date of ['2025-12-31', '2026-01-01']) {
      const l = lineOn(tablesWith({}), 'locality 10212-01', date);
      assert.deepEqual([l.basis, l.amount], ['locality', ATLANTA_99213], date);
    }
  });

  it('GPCI: the CY2026 file prices 1 January 2026, not 31 December 2025 (national, with the note)', () => {
    const t = tablesWith({ gpci: loadGpci(shipped('GPCI2026.csv')).table });
    assert.equal(lineOn(t, 'locality 10212-01', '2026-01-01').basis, 'locality');
    const before = lineOn(t, 'locality 10212-01', '2025-12-31');
    assert.equal(before.basis, undefined);
    assert.match(before.note!, /CY2026 PFS GPCIs \(GPCI2026\.csv\) holds the CY2026 GPCIs, which do not apply to 2025-12-31: 99213 is at its national amount\. Load that year's GPCI file\./);
  });

  it("county file: 26LOCCO places a county line's locality on 2026 dates only; 25LOCCO none of 2026", () => {
    const t26 = tablesWith({ localities: loadLocalities(shipped('26LOCCO.csv')).table });
    const on = lineOn(t26, 'county GA FULTON', '2026-01-01');
    assert.deepEqual([on.basis, on.amount], ['locality', ATLANTA_99213]);
    const before = lineOn(t26, 'county GA FULTON', '2025-12-31');
    assert.equal(before.basis, undefined);
    assert.match(before.note!, /CY2026 PFS locality-to-county file \(26LOCCO\.csv\) places counties in localities for CY2026, which does not apply to 2025-12-31: 99213 is at its national amount\. Load that year's locality-to-county file, or write `locality MAC-NN`\./);
    const t25 = tablesWith({ localities: loadLocalities({ name: '25LOCCO.csv', text: shipped('26LOCCO.csv').text }).table });
    assert.equal(lineOn(t25, 'county GA FULTON', '2025-12-31').basis, 'locality');
    assert.match(lineOn(t25, 'county GA FULTON', '2026-01-01').note!, /CY2025 .* does not apply to 2026-01-01/);
  });

  it('county file: a claim with a locality line does not use the county file to price, so its year does not matter', () => {
    const t = tablesWith({ localities: loadLocalities(shipped('26LOCCO.csv')).table });
    assert.equal(lineOn(t, 'locality 10212-01', '2025-12-31').basis, 'locality');
  });

  it('the estimate says which lines stayed national and why, never a silent national figure', () => {
    const t = tablesWith({ localities: loadLocalities(shipped('26LOCCO.csv')).table });
    const est = analyze(claim('county GA FULTON', '2025-12-31'), t).estimate()[0];
    assert.ok(est.notes.some((n) => /Priced in locality ATLANTA, GA .*: 0 lines GPCI-adjusted .*; 1 at the national amount \(see why below\)/.test(n)), est.notes.join('\n'));
    assert.ok(est.notes.some((n) => /26LOCCO\.csv\) places counties in localities for CY2026, which does not apply to 2025-12-31/.test(n)));
  });
});

describe('date coverage: the OPPS cap file (issue 21)', () => {
  const CAP = 'HCPCS,MOD,PROCSTAT,CARRIER,LOCALITY,FACILITY PRICE,NON-FACILTY PRICE\r\n76700,,A,10212,01,40.00,100.00\r\n\x1a,,,,,,\r\n';
  // 76700 global, non-facility: 3.65 RVUs x 33.4009 = 121.913285 -> 121.91 in Atlanta; capped at 100.00.
  const rows = ['76700,,Us exam abdom complete,A,,0.81,2.79,,0.30,,0.05,3.65,1.16,1,XXX,0.00,0.00,0.00,4,0,0,0,0,9,,33.4009,09,0,88,0.00,0.00,0.00'];
  const withImaging = (year: string) => ({ name: `PPRRVU${year}_Jan_nonQPP.csv`, text: `${NON_QPP.text.replace(/2026/g, year).trimEnd()}\r\n${rows.join('\r\n')}\r\n` });
  const imagingRvu = loadPfsRvu(['2026', '2027'].map(withImaging)).table;
  const capTables = (name: string) => tablesWith({ rvu: imagingRvu, oppsCap: loadOppsCap({ name, text: CAP }).table });

  it('the April 2026 cap file caps from 1 April 2026: 31 March is not capped, and its line says so', () => {
    const t = capTables('OPPSCAP_APR_2026.csv');
    const capped = lineOn(t, 'locality 10212-01', '2026-04-01', '76700');
    assert.deepEqual([capped.base, capped.amount, capped.status], [121.91, 100, 'reduced']);
    const before = lineOn(t, 'locality 10212-01', '2026-03-31', '76700');
    assert.deepEqual([before.base, before.amount, before.status], [121.91, 121.91, 'paid']);
    assert.deepEqual(before.adjustments.map((a) => [a.kind, a.amount]), [['opps-cap', 0]]);
    assert.match(
      before.adjustments[0].reason,
      /^OPPS cap not applied: PFS OPPS cap 2026Q2 \(OPPSCAP_APR_2026\.csv\) caps 76700 from 1 April 2026 of its year, which does not cover 2026-03-31, so the PFS amount may be above what Medicare pays\. Load the OPPS cap file of the release in effect on that date \(Social Security Act section 1848\(b\)\(4\)/,
    );
  });

  it('a 2026 cap file never caps a 2027 date; the last day of 2026 is capped', () => {
    const t = capTables('OPPSCAP_JAN_2026.csv');
    assert.equal(lineOn(t, 'locality 10212-01', '2026-12-31', '76700').amount, 100);
    const next = lineOn(t, 'locality 10212-01', '2027-01-01', '76700');
    assert.equal(next.amount, 121.91);
    assert.match(next.adjustments[0].reason, /caps 76700 from 1 January 2026 of its year, which does not cover 2027-01-01/);
  });

  it("the release zip's quarter dates a member whose own name does not (RVU26B: from 1 April 2026)", () => {
    const t = capTables('downloads/RVU26B.zip/OPPSCAP_JAN.csv');
    assert.equal(t.national.oppsCap!.period?.quarter, 2);
    assert.equal(lineOn(t, 'locality 10212-01', '2026-03-31', '76700').amount, 121.91);
    assert.equal(lineOn(t, 'locality 10212-01', '2026-04-01', '76700').amount, 100);
  });
});

describe('date coverage: ASP quarters at their boundary days (issue 21)', () => {
  const t = createTables(loadGuideTables(), loadReferenceTables(), { asp: loadAsp([localFixture('asp-2026q1.csv'), localFixture('asp-2026q2.csv')]).table });
  const j9200 = (date: string) => lineOn(t, 'locality 10212-01', date, 'J9200 x1');

  it('31 March is priced by 2026Q1, 1 April by 2026Q2; a date no quarter covers keeps the guide figure and says so', () => {
    assert.equal(j9200('2026-03-31').aspQuarter?.quarter, '2026Q1');
    assert.equal(j9200('2026-04-01').aspQuarter?.quarter, '2026Q2');
    const after = j9200('2026-07-01');
    assert.equal(after.basis, undefined);
    assert.match(after.note ?? after.adjustments.map((a) => a.reason).join(' '), /No loaded ASP file covers 2026-07-01 \(loaded: 2026Q1, 2026Q2\)/);
  });
});

describe('date coverage: the MUE file (issue 21)', () => {
  const MUE = 'MCR_MUE_PractitionerServices_Eff_01-01-2026.csv';
  const t = createTables(loadGuideTables(), loadReferenceTables(), { mue: loadMue({ name: MUE, text: readFileSync(join(CMS_DIR, MUE), 'utf8') }).table });
  // 96522 (the pump refill): MUE 1 per line in the file; the guide bills it once per date too.
  const check = (date: string) => analyze(claim('locality 10212-01', date, '96522 x2'), t);

  it('1 January 2026 on: the file rules (warning, the line denied)', () => {
    const a = check('2026-01-01');
    assert.deepEqual(a.findings.filter((f) => f.rule === 'mue' || f.rule === 'units-impossible').map((f) => [f.rule, f.severity]), [['mue', 'warning']]);
    assert.equal(a.estimate()[0].dates[0].lines[0].status, 'denied');
  });

  it('31 December 2025: not denied on a 2026 file; said (information), and the guide\'s once-per-date limit applies instead', () => {
    const a = check('2025-12-31');
    const found = a.findings.filter((f) => f.rule === 'mue' || f.rule === 'units-impossible');
    assert.deepEqual(found.map((f) => [f.rule, f.severity]).sort(), [['mue', 'information'], ['units-impossible', 'error']]);
    const mue = found.find((f) => f.rule === 'mue')!;
    assert.equal(mue.deniesLine, undefined);
    assert.match(messageOf(mue), /^96522 is billed 2 units on this line, more than its medically unlikely edit in NCCI MUE practitioner values 2026Q1 \(MCR_MUE_PractitionerServices_Eff_01-01-2026\.csv\) \(1 per line\), but that file applies from 2026-01-01 to the end of its year, not on this date of service, so the line is not denied on it\. Load the MUE file in force on the date of service/);
  });
});

describe('date coverage: a file that does not say its period is said to be used for every date (issue 21)', () => {
  it('hai-claims data (and Show Data Files) say so for an undated GPCI file, not for a dated one', () => {
    const account = (name: string) => [{ key: 'gpci' as const, files: [name], members: [], rows: 12, problems: [], unreadable: [] }];
    const undated = dataFilesText(dataFileReports(account('GPCI.csv'), { gpci: undatedGpci }), 'Data files').join('\n');
    assert.match(undated, /^data\.gpci: .*\n {2}file: GPCI\.csv\n {2}rows: 12\n {2}period: not stated in the file or its name, so it is used for every date of service$/m);
    const dated = dataFilesText(dataFileReports(account('GPCI2026.csv'), { gpci: loadGpci(shipped('GPCI2026.csv')).table }), 'Data files').join('\n');
    assert.match(dated, /rows: 12; covers CY2026/);
    assert.doesNotMatch(dated, /period: not stated/);
  });
});
