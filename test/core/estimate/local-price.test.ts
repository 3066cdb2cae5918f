// End to end (issue 16): a claim in Fulton County on 2026-05-04, priced from the GPCI, locality,
// PFS and ASP files to the cent, against a hand computation. The files are the made-up fixtures
// in test/fixtures/cms/local (not CMS's figures).
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis';
import { getCodeLenses } from '../../../server/src/core/features/lenses';
import { doHover } from '../../../server/src/core/languageService';
import { parseSettings } from '../../../server/src/core/settings';
import { createTables } from '../../../server/src/core/tables';
import { loadGuideTables, loadReferenceTables } from '../../../server/src/core/tables/load';
import { loadAoc, loadAsp, loadGpci, loadLocalities, loadPfsRvu } from '../../../server/src/core/tables/loaders';
import { fixture, RVU } from '../../helpers/cms-fixtures';
import { AOC, ASP_Q1, ASP_Q2, GPCI, localFixture, LOCCO } from '../../helpers/local-fixtures';
import { pfsTables } from '../../helpers/pfs';

export const LOCAL_RVU = 'PPRRVU2026_Apr_local.csv';

export function localTables() {
  return createTables(loadGuideTables(), loadReferenceTables(), {
    rvu: loadPfsRvu(localFixture(LOCAL_RVU)).table,
    gpci: loadGpci(localFixture(GPCI)).table,
    localities: loadLocalities(localFixture(LOCCO)).table,
    asp: loadAsp([localFixture(ASP_Q1), localFixture(ASP_Q2)]).table,
    addOn: loadAoc(localFixture(AOC)).table,
  });
}

export const FULTON_CLAIM = [
  'claim "HAI refill, Fulton County"',
  'payer medicare',
  'state GA',
  'county GA FULTON',
  'pos 11',
  'dx C78.7',
  '',
  'on 2026-05-04',
  '  99213-25 dx A',
  '  96522 dx A',
  '  J9200-KD x2 dx A',
  '  J1644-KD x5 dx A',
  '',
].join('\n');

describe('end to end: Fulton County, 2026-05-04, priced from the files', () => {
  const tables = localTables();
  const est = analyze(FULTON_CLAIM, tables).estimate()[0];
  const line = (code: string) => est.dates[0].lines.find((l) => l.code === code)!;

  it('resolves the county to Atlanta (10212-01)', () => {
    assert.deepEqual(est.locality, { id: '10212-01', label: 'ATLANTA, GA (MAC 10212, locality 01)', via: 'county' });
    assert.match(est.notes.join('\n'), /Priced in locality ATLANTA, GA \(MAC 10212, locality 01\) \(county FULTON\): 2 lines GPCI-adjusted with CY2026 PFS GPCIs \(GPCI2026\.csv\)/);
  });

  it('prices each line to the cent', () => {
    // Atlanta GPCIs: work 1.000, PE 0.997, MP 1.000; CF 33.4009; office: non-facility PE.
    // 99213: (1.30 x 1.000 + 1.46 x 0.997 + 0.09 x 1.000) x 33.4009 = 2.84562 x 33.4009 = 95.046269 -> 95.05
    assert.deepEqual([line('99213').amount, line('99213').basis], [95.05, 'locality']);
    assert.match(line('99213').source!, /\(1\.30 x 1\.000 \+ 1\.46 x 0\.997 \+ 0\.09 x 1\.000\) x 33\.4009 = \$95\.05/);
    // 96522: (0.21 x 1.000 + 3.50 x 0.997 + 0.04 x 1.000) x 33.4009 = 3.7395 x 33.4009 = 124.902666 -> 124.90
    // (national: the guide's $125).
    assert.deepEqual([line('96522').amount, line('96522').basis, line('96522').nationalUnitAllowable], [124.9, 'locality', 125]);
    // J9200 x2: 2026Q2 limit 98.765 per 500 MG x 2 = 197.53 (national: the guide's $4,128 a unit).
    assert.deepEqual([line('J9200').amount, line('J9200').basis, line('J9200').nationalUnitAllowable], [197.53, 'asp', 4128]);
    assert.match(line('J9200').source!, /CMS ASP drug pricing 2026Q2 \(asp-2026q2\.csv\): \$98\.765 per 500 MG \(2026-04-01 to 2026-06-30\)/);
    // J1644 x5: 0.321 per 1000 UNITS x 5 = 1.605 -> 1.61
    assert.deepEqual([line('J1644').amount, line('J1644').basis], [1.61, 'asp']);
  });

  it('totals them: 95.05 + 124.90 + 197.53 + 1.61 = 419.09', () => {
    assert.equal(est.dates[0].total, 419.09);
    assert.equal(est.total, 419.09);
  });

  it('a date in the first quarter takes the Q1 limit; a date no file covers keeps the guide with a note', () => {
    const q1 = analyze(FULTON_CLAIM.replace('on 2026-05-04', 'on 2026-03-16'), tables).estimate()[0];
    // 101.234 x 2 = 202.468 -> 202.47
    assert.equal(q1.dates[0].lines.find((l) => l.code === 'J9200')!.amount, 202.47);
    const q3 = analyze(FULTON_CLAIM.replace('on 2026-05-04', 'on 2026-08-03'), tables).estimate()[0];
    const j = q3.dates[0].lines.find((l) => l.code === 'J9200')!;
    assert.deepEqual([j.amount, j.basis], [8256, undefined]);
    assert.match(q3.notes.join('\n'), /No loaded ASP file covers 2026-08-03 \(loaded: 2026Q1, 2026Q2\); for J9200 the guide's figure is used/);
  });

  it('without a locality: national amounts, and the estimate says why', () => {
    const national = analyze(FULTON_CLAIM.replace('county GA FULTON\n', ''), tables).estimate()[0];
    assert.equal(national.locality, undefined);
    assert.equal(national.dates[0].lines.find((l) => l.code === '96522')!.amount, 125);
    assert.match(national.notes.join('\n'), /National Medicare allowables \(no geographic adjustment\): no locality: the claim has no `locality` or `county` line and haiClaims\.defaultLocality is not set/);
  });

  it('the default locality prices claims that name none', () => {
    const { settings } = parseSettings({ defaultLocality: '10212-99' });
    const est99 = analyze(FULTON_CLAIM.replace('county GA FULTON\n', ''), tables, { settings }).estimate()[0];
    assert.equal(est99.locality?.via, 'default');
    // Rest of Georgia: (0.21 + 3.50 x 0.877 + 0.04 x 0.984) x 33.4009 = 3.31886 x 33.4009 = 110.852911 -> 110.85
    assert.equal(est99.dates[0].lines.find((l) => l.code === '96522')!.amount, 110.85);
  });

  it('a facility date: GPCI-adjusted facility PE, and MPPR on the local amounts', () => {
    const text = ['claim "implant"', 'payer medicare', 'state GA', 'locality 10212-01', 'pos 21', 'dx C78.7', 'on 2026-05-04', '  36260 dx A', '  77002-26 -XS dx A', ''].join('\n');
    const e = analyze(text, tables).estimate()[0];
    const l36260 = e.dates[0].lines.find((l) => l.code === '36260')!;
    // 36260 facility: (9.66 + 7.55 x 0.997 + 1.75) x 33.4009 = 18.93735 x 33.4009 = 632.524534 -> 632.52
    assert.deepEqual([l36260.unitAllowable, l36260.amount], [632.52, 632.52]);
    // 77002-26: (0.53 + 0.22 x 0.997 + 0.06) x 33.4009 = 0.80934 x 33.4009 = 27.032684 -> 27.03
    assert.equal(e.dates[0].lines.find((l) => l.code === '77002')!.unitAllowable, 27.03);
  });
});

describe('the editor shows the local, quarter-correct amounts with their provenance', () => {
  const tables = localTables();
  const analysis = analyze(FULTON_CLAIM, tables);
  const lines = FULTON_CLAIM.split('\n');
  const hoverOn = (code: string) => {
    const l = lines.findIndex((t) => t.trim().startsWith(code));
    return String((doHover(analysis, l, 3)?.contents as { value: string }).value);
  };

  it('hover on a procedure: national and local side by side, the locality named', () => {
    const h = hoverOn('96522');
    assert.match(h, /\| \| national \| ATLANTA, GA \(MAC 10212, locality 01\) \|/);
    assert.match(h, /\| per unit \| \$125\.00 \| \*\*\$124\.90\*\* \|/);
    assert.match(h, /\(0\.21 x 1\.000 \+ 3\.50 x 0\.997 \+ 0\.04 x 1\.000\) x 33\.4009 = \$124\.90/);
  });

  it('hover on a drug: the quarter\'s limit and dosage beside the guide\'s figure', () => {
    const h = hoverOn('J9200');
    assert.match(h, /\| \| guide \| ASP 2026Q2 \|/);
    assert.match(h, /\| per unit \| \$4,128\.00 \| \*\*\$98\.77\*\* \(98\.765\) \|/);
    assert.match(h, /\| x2 \| \$8,256\.00 \| \*\*\$197\.53\*\* \|/);
    assert.match(h, /\$98\.765 per 500 MG \(2026-04-01 to 2026-06-30\)/);
  });

  it('hover without a locality says the amount is national and why', () => {
    const text = FULTON_CLAIM.replace('county GA FULTON\n', '');
    const a = analyze(text, tables);
    const l = text.split('\n').findIndex((t) => t.trim().startsWith('96522'));
    assert.match(String((doHover(a, l, 3)?.contents as { value: string }).value), /National Medicare allowables \(no geographic adjustment\): no locality/);
  });

  it('the claim lens names the locality', () => {
    const lens = getCodeLenses(analysis, 'file:///x.claim')[0];
    assert.equal(lens.command?.title, 'Claim estimate $419.09 · ATLANTA, GA (MAC 10212, locality 01)');
  });
});

describe('hover on the locality and county lines', () => {
  const tables = localTables();
  const hoverAt = (text: string, line: number) => String((doHover(analyze(text, tables), line, 2)?.contents as { value: string }).value);

  it('names the locality, its GPCIs, its counties and the files', () => {
    const h = hoverAt(FULTON_CLAIM, 3);
    assert.match(h, /\*\*Locality 10212-01\*\* · ATLANTA, GA \(MAC 10212, locality 01\) · county FULTON/);
    assert.match(h, /GPCIs: work 1\.000 · PE 0\.997 · MP 1\.000/);
    assert.match(h, /Counties: BUTTS, CHEROKEE/);
    assert.match(h, /Source: CY2026 PFS GPCIs \(GPCI2026\.csv\); CY2026 PFS locality-to-county file \(26LOCCO\.csv\)/);
  });

  it('says why the claim is priced nationally when the locality is unknown', () => {
    const h = hoverAt(FULTON_CLAIM.replace('county GA FULTON', 'locality 10212-07'), 3);
    assert.match(h, /10212-07 is not in CY2026 PFS GPCIs/);
  });

  it('the claim lens says national once locality data is loaded and the claim names none', () => {
    const lens = getCodeLenses(analyze(FULTON_CLAIM.replace('county GA FULTON\n', ''), tables), 'file:///x.claim')[0];
    assert.match(String(lens.command?.title), / · national$/);
  });
});

describe('drugs the guide prices at $0 or not at all', () => {
  it('J1100 (guide $0) is priced from the date\'s quarter', () => {
    const text = FULTON_CLAIM.replace('  99213-25 dx A\n', '  J1100-KD x3 dx A\n');
    const j = analyze(text, localTables()).estimate()[0].dates[0].lines.find((l) => l.code === 'J1100')!;
    // 0.105 per 1 MG x 3 = 0.315 -> 0.32
    assert.deepEqual([j.basis, j.amount, j.nationalUnitAllowable], ['asp', 0.32, 0]);
  });

  it('a code only the ASP file lists is known (not unknown-code); J9999 (not otherwise classified) is priced by the contractor, not $0', () => {
    const text = FULTON_CLAIM.replace('  99213-25 dx A\n', '  J9999 dx A\n');
    const a = analyze(text, localTables());
    assert.ok(!a.findings.some((f) => f.rule === 'unknown-code'));
    const j = a.estimate()[0].dates[0].lines.find((l) => l.code === 'J9999')!;
    assert.equal(j.status, 'unpriced');
    assert.match(j.adjustments[0].reason, /J9999 is a not-otherwise-classified drug code, which the contractor prices from the invoice/);
  });
});

describe('imaging MPPR on locally priced lines', () => {
  it('splits a global service at the -26 row\'s local amount', () => {
    const tables = createTables(loadGuideTables(), loadReferenceTables(), { rvu: loadPfsRvu(fixture(RVU)).table, gpci: loadGpci(localFixture(GPCI)).table });
    const text = ['claim "us"', 'payer medicare', 'state VA', 'locality 12402-00', 'pos 11', 'dx C78.7', 'on 2026-05-04', '  76700 x2 dx A', ''].join('\n');
    const l = analyze(text, tables).estimate()[0].dates[0].lines[0];
    // Virginia (1.000, 0.968, 0.638): global (0.81 + 2.79 x 0.968 + 0.05 x 0.638) x 33.4009 = 118.3267... -> 118.33;
    // -26: (0.81 + 0.28 x 0.968 + 0.05 x 0.638) x 33.4009 = 37.1732 -> 37.17; TC = 81.16.
    // 2nd unit: 5% of 37.17 (CMS, CR 9647) + 50% of 81.16 = 1.8585 + 40.58 = 42.4385 -> 42.44; 2 x 118.33 - 42.44 = 194.22.
    assert.deepEqual([l.unitAllowable, l.basis, l.amount], [118.33, 'locality', 194.22]);
    assert.match(l.adjustments[0].reason, /professional part taken as the -26 row's \$37\.17 in VIRGINIA, VA/);
  });
});

describe('the default locality in another state than the claim\'s', () => {
  it('prices in the default and says the states differ', () => {
    const { settings } = parseSettings({ defaultLocality: '10312-35' });
    const est = analyze(FULTON_CLAIM.replace('county GA FULTON\n', ''), localTables(), { settings }).estimate()[0];
    assert.equal(est.locality?.id, '10312-35');
    assert.match(est.notes.join('\n'), /Locality 10312-35 \(TENNESSEE, TN \(MAC 10312, locality 35\)\) is in TN, but the claim's state is GA/);
  });
});

describe('-26 and -TC lines priced locally from their PFS rows, in every setting (issue 22)', () => {
  // Test rows: 1.00 work, 1.00 PE (both settings), 0.10 MP RVUs. Atlanta (10212-01): 1.000, 0.997, 1.000.
  // (1.00 x 1.000 + 1.00 x 0.997 + 0.10 x 1.000) x 33.4009 = 2.097 x 33.4009 = 70.0417 -> $70.04
  const rvu = pfsTables(['', '26', 'TC'].map((modifier) => ({ code: '74160', modifier, pctc: '1', multProc: '4', total: 2.1 }))).national.rvu!;
  const tables = createTables(loadGuideTables(), loadReferenceTables(), { rvu, gpci: loadGpci(localFixture(GPCI)).table });
  const line = (pos: string, code: string) =>
    analyze(['claim "t"', 'payer medicare', 'state GA', 'locality 10212-01', `pos ${pos}`, 'dx C78.7', 'on 2026-05-04', `  ${code} dx A`, ''].join('\n'), tables).estimate()[0].dates[0].lines[0];

  it('a -26 line in a facility is priced from the -26 row (not kept at the guide\'s setting-exception figure)', () => {
    const l = line('22', '74160-26');
    assert.deepEqual([l.basis, l.amount, l.nationalUnitAllowable], ['locality', 70.04, 58]);
    assert.match(l.source ?? '', /ATLANTA/);
    // In the office too.
    assert.deepEqual([line('11', '74160-26').basis, line('11', '74160-26').amount], ['locality', 70.04]);
  });

  it('a -TC line in the office is priced from the -TC row locally; its national figure is the -TC row\'s', () => {
    const l = line('11', '74160-TC');
    // National: 2.10 RVUs x 33.4009 = 70.1419 -> 70.14 (the -TC row), replaced by the local 70.04.
    assert.deepEqual([l.basis, l.amount, l.nationalUnitAllowable], ['locality', 70.04, 70.14]);
  });
});
