// Issue 21: claims priced with CMS's locality key as shipped (test/fixtures/cms/as-shipped, copied
// from ../shared/cms-layouts/as-shipped: made-up figures), one claim per locality of the sample,
// each total against a hand computation; multi-state localities (DC + MD/VA, HAWAII/GUAM); the
// locality and county lines that disagree; a default locality in another state.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/core/analysis';
import { localityItems } from '../../../server/src/core/features/locality-completion';
import { messageOf } from '../../../server/src/core/rules/messages';
import { parseSettings } from '../../../server/src/core/settings';
import { createTables } from '../../../server/src/core/tables';
import { loadGuideTables, loadReferenceTables } from '../../../server/src/core/tables/load';
import { loadGpci, loadLocalities, loadPfsRvu } from '../../../server/src/core/tables/loaders';
import { CMS_DIR } from '../../helpers/cms-fixtures';
import { localFixture } from '../../helpers/local-fixtures';

const shipped = (name: string) => ({ name, text: readFileSync(join(CMS_DIR, 'as-shipped', name), 'utf8') });

export function shippedTables() {
  return createTables(loadGuideTables(), loadReferenceTables(), {
    rvu: loadPfsRvu(localFixture('PPRRVU2026_Apr_local.csv')).table,
    gpci: loadGpci(shipped('GPCI2026.csv')).table,
    localities: loadLocalities(shipped('26LOCCO.csv')).table,
  });
}

const claim = (state: string, where: string) =>
  ['claim "x"', 'payer medicare', `state ${state}`, where, 'pos 11', 'dx C78.7', '', 'on 2026-05-04', '  99213-25 dx A', '  96522 dx A', ''].join('\n');

const LOCALITY_RULES = ['unknown-locality', 'unknown-county', 'locality-state'];

describe('one claim per locality of the as-shipped key, priced to the cent', () => {
  const tables = shippedTables();
  // Non-facility (pos 11), CF 33.4009 (PPRRVU2026_Apr_local.csv):
  //   99213 = (1.30 x GPCIw + 1.46 x GPCIpe + 0.09 x GPCImp) x 33.4009
  //   96522 = (0.21 x GPCIw + 3.50 x GPCIpe + 0.04 x GPCImp) x 33.4009
  // each rounded once to the cent, half up; GPCIs from GPCI2026.csv.
  const cases: { state: string; line: string; id: string; lines: [number, number]; total: number; hand: string }[] = [
    { state: 'AL', line: 'county AL JEFFERSON', id: '10112-00', lines: [87.59, 109.49], total: 197.08, hand: '(1.30x1.000+1.46x0.870+0.09x0.580)=2.6224 x 33.4009=87.5905; (0.21x1.000+3.50x0.870+0.04x0.580)=3.2782 x 33.4009=109.4948' },
    { state: 'DC', line: 'county DC DISTRICT OF COLUMBIA', id: '12202-01', lines: [107.42, 149.12], total: 256.54, hand: '(1.30x1.050+1.46x1.200+0.09x1.100)=3.216 -> 107.4173; (0.21x1.050+3.50x1.200+0.04x1.100)=4.4645 -> 149.1183' },
    { state: 'VA', line: 'county VA ARLINGTON', id: '12202-01', lines: [107.42, 149.12], total: 256.54, hand: 'Arlington is in the DC row (IN VIRGINIA): the DC GPCIs' },
    { state: 'MD', line: "county MD PRINCE GEORGES", id: '12202-01', lines: [107.42, 149.12], total: 256.54, hand: "Prince George's is in the DC row (IN MARYLAND), excepted from rest of Maryland" },
    { state: 'FL', line: 'county FL MIAMI-DADE', id: '09102-04', lines: [102.57, 133.17], total: 235.74, hand: '(1.30x1.010+1.46x1.050+0.09x2.500)=3.071 -> 102.5742; (0.21x1.010+3.50x1.050+0.04x2.500)=3.9871 -> 133.1727' },
    { state: 'FL', line: 'county FL SAINT LUCIE', id: '09102-03', lines: [98.09, 127.49], total: 225.58, hand: '(1.30x1.000+1.46x1.010+0.09x1.800)=2.9366 -> 98.0851; (0.21+3.50x1.010+0.04x1.800)=3.817 -> 127.4912' },
    { state: 'FL', line: 'locality 09102-99', id: '09102-99', lines: [92.68, 117.47], total: 210.15, hand: '(1.30+1.46x0.930+0.09x1.300)=2.7748 -> 92.6808; (0.21+3.50x0.930+0.04x1.300)=3.517 -> 117.4710' },
    { state: 'GA', line: 'county GA DE KALB', id: '10212-01', lines: [95.19, 125.25], total: 220.44, hand: '(1.30+1.46+0.09)=2.85 -> 95.1926; (0.21+3.50+0.04)=3.75 -> 125.2534' },
    { state: 'GA', line: 'locality 10212-99', id: '10212-99', lines: [89.28, 111.2], total: 200.48, hand: '(1.30+1.46x0.880+0.09x0.980)=2.673 -> 89.2806; (0.21+3.50x0.880+0.04x0.980)=3.3292 -> 111.1983' },
    { state: 'HI', line: 'county HI HONOLULU', id: '01212-01', lines: [101.61, 142.39], total: 244.0, hand: '(1.30+1.46x1.150+0.09x0.700)=3.042 -> 101.6055; (0.21+3.50x1.150+0.04x0.700)=4.263 -> 142.3880' },
    { state: 'MD', line: 'county MD BALTIMORE CITY', id: '12302-01', lines: [99.89, 132.81], total: 232.7, hand: '(1.30x1.020+1.46x1.060+0.09x1.300)=2.9906 -> 99.8887; (0.21x1.020+3.50x1.060+0.04x1.300)=3.9762 -> 132.8087' },
    { state: 'MD', line: 'locality 12302-99', id: '12302-99', lines: [94.82, 123.18], total: 218.0, hand: '(1.30+1.46x0.980+0.09x1.200)=2.8388 -> 94.8185; (0.21+3.50x0.980+0.04x1.200)=3.688 -> 123.1825' },
    { state: 'PR', line: 'county PR SAN JUAN', id: '09202-20', lines: [81.8, 95.49], total: 177.29, hand: '(1.30+1.46x0.750+0.09x0.600)=2.449 -> 81.7988; (0.21+3.50x0.750+0.04x0.600)=2.859 -> 95.4932' },
    { state: 'VA', line: 'county VA KING AND QUEEN', id: '11302-00', lines: [92.16, 120.1], total: 212.26, hand: '(1.30+1.46x0.960+0.09x0.640)=2.7592 -> 92.1598; (0.21+3.50x0.960+0.04x0.640)=3.5956 -> 120.0963' },
  ];
  for (const c of cases) {
    it(`${c.line} (state ${c.state}) -> ${c.id}: $${c.total.toFixed(2)}  [${c.hand}]`, () => {
      const a = analyze(claim(c.state, c.line), tables);
      const est = a.estimate()[0];
      assert.equal(est.locality?.id, c.id);
      assert.deepEqual(est.dates[0].lines.map((l) => [l.amount, l.basis]), [
        [c.lines[0], 'locality'],
        [c.lines[1], 'locality'],
      ]);
      assert.equal(est.total, c.total);
      // A county the file lists (or a locality line) in the claim's state: no locality finding.
      const findings = a.findings.filter((f) => LOCALITY_RULES.includes(f.rule) && f.severity === 'warning');
      assert.deepEqual(findings.map((f) => f.rule), []);
    });
  }
});

describe('localities that span states, and lines that disagree', () => {
  const tables = shippedTables();
  const found = (text: string, settings = parseSettings({}).settings) =>
    analyze(text, tables, { settings })
      .findings.filter((f) => LOCALITY_RULES.includes(f.rule))
      .map((f) => [f.rule, f.severity, f.line, messageOf(f)] as const);

  it('state VA (or MD) with locality 12202-01 is not a mismatch: the DC row spans DC, VA and MD', () => {
    assert.deepEqual(found(claim('VA', 'locality 12202-01')), []);
    assert.deepEqual(found(claim('MD', 'locality 12202-01')), []);
    assert.deepEqual(found(claim('DC', 'locality 12202-01')), []);
    const ga = found(claim('GA', 'locality 12202-01'));
    assert.deepEqual(ga.map((f) => f[0]), ['locality-state']);
    assert.match(ga[0][3], /is in DC, VA, MD, but the claim's state is GA/);
  });

  it('a locality line and a county naming another locality: a warning; the locality line prices', () => {
    const text = claim('VA', 'locality 11302-00\ncounty VA ARLINGTON');
    const f = found(text);
    assert.deepEqual(f.map((x) => [x[0], x[1], x[2]]), [['unknown-county', 'warning', 4]]);
    assert.match(f[0][3], /locality line \(11302-00\) prices the claim, but this county is in 12202-01/);
    assert.equal(analyze(text, tables).estimate()[0].locality?.id, '11302-00');
  });

  it('a default locality in another state than the claim\'s: a warning on the state line', () => {
    const settings = parseSettings({ defaultLocality: '10212-01' }).settings;
    const text = ['claim "x"', 'payer medicare', 'state VA', 'pos 11', 'dx C78.7', '', 'on 2026-05-04', '  99213 dx A', ''].join('\n');
    const f = found(text, settings);
    assert.deepEqual(f.map((x) => [x[0], x[1], x[2]]), [['locality-state', 'warning', 2]]);
    assert.match(f[0][3], /haiClaims\.defaultLocality 10212-01 .* is in GA, but the claim's state is VA/);
    // The same default in the claim's state: nothing.
    assert.deepEqual(found(text.replace('state VA', 'state GA'), settings), []);
    // Multi-state: a DC default for a Maryland claim is fine.
    assert.deepEqual(found(text.replace('state VA', 'state MD'), parseSettings({ defaultLocality: '12202-01' }).settings), []);
  });

  it('county GA DE KALB (docs/language.md) is Atlanta, not rest of Georgia', () => {
    assert.equal(analyze(claim('GA', 'county GA DE KALB'), tables).estimate()[0].locality?.id, '10212-01');
    assert.equal(analyze(claim('GA', 'county GA DEKALB'), tables).estimate()[0].locality?.id, '10212-01');
  });

  it('VA ARLINGTON with the county file is never silently priced as rest of Virginia', () => {
    const est = analyze(claim('VA', 'county VA ARLINGTON'), tables).estimate()[0];
    assert.equal(est.locality?.id, '12202-01');
  });

  it('an independent city by its bare name: priced in its locality, with information', () => {
    const f = found(claim('VA', 'county VA ALEXANDRIA'));
    assert.deepEqual(f.map((x) => [x[0], x[1]]), [['unknown-county', 'information']]);
    assert.match(f[0][3], /only the independent city of that name: the claim is priced in 12202-01/);
  });
});

describe('a locality key that cannot place a county: a warning, priced nationally, never in the wrong locality', () => {
  const HEADER = '"Medicare Adminstrative Contractor","Locality Number","State","Fee Schedule Area","Counties"\n';
  const withKey = (text: string) =>
    createTables(loadGuideTables(), loadReferenceTables(), {
      rvu: loadPfsRvu(localFixture('PPRRVU2026_Apr_local.csv')).table,
      gpci: loadGpci(shipped('GPCI2026.csv')).table,
      localities: loadLocalities({ name: '26LOCCO.csv', text: HEADER + text }).table,
    });
  const check = (t: ReturnType<typeof withKey>, reason: RegExp) => {
    const a = analyze(claim('GA', 'county GA FULTON'), t);
    const f = a.findings.filter((x) => x.rule === 'unknown-county');
    assert.deepEqual(f.map((x) => x.severity), ['warning']);
    assert.match(messageOf(f[0]), reason);
    const est = a.estimate()[0];
    assert.equal(est.locality, undefined);
    assert.ok(est.dates[0].lines.every((l) => l.basis === undefined));
  };

  it('FULTON listed in two localities of Georgia', () => {
    check(withKey('"10212","01","GEORGIA","ATLANTA","FULTON"\n"10212","99","","REST OF STATE","FULTON AND BIBB"\n'), /lists this county in two localities of GA \(10212-01, 10212-99\)/);
  });

  it('a stray quote in the Atlanta row: FULTON is not priced as rest of state', () => {
    check(withKey('"10212","01","GEORGIA","ATLANTA","COBB "DE KALB", FULTON"\n"10212","99","","REST OF STATE","ALL OTHER COUNTIES"\n'), /A row of GA .* could not be read/);
  });
});

describe('GPCI rows that disagree: reported, the locality unpriced (never the last row wins)', () => {
  const gpciText = readFileSync(join(CMS_DIR, 'as-shipped', 'GPCI2026.csv'), 'utf8');
  it('a second Atlanta row with other GPCIs, in the same file or a second file', () => {
    const second = '"10212","GA","01","ATLANTA","2.000","2.500","1.000"\n';
    for (const files of [[{ name: 'GPCI2026.csv', text: gpciText.replace('"10212","GA","99"', `${second}"10212","GA","99"`) }], [shipped('GPCI2026.csv'), { name: 'GPCI2026-b.csv', text: gpciText.split('\n').slice(0, 2).join('\n') + '\n' + second }]]) {
      const r = loadGpci(files);
      assert.equal(r.problems.length, 1);
      assert.match(r.problems[0].reason, /locality 10212-01 has two rows that disagree/);
      const tables = createTables(loadGuideTables(), loadReferenceTables(), { rvu: loadPfsRvu(localFixture('PPRRVU2026_Apr_local.csv')).table, gpci: r.table, localities: loadLocalities(shipped('26LOCCO.csv')).table });
      const a = analyze(claim('GA', 'locality 10212-01'), tables);
      const f = a.findings.filter((x) => x.rule === 'unknown-locality');
      assert.deepEqual(f.map((x) => x.severity), ['warning']);
      assert.match(messageOf(f[0]), /Locality 10212-01 has two rows in .* whose GPCIs disagree/);
      const est = a.estimate()[0];
      assert.equal(est.locality, undefined);
      assert.ok(est.dates[0].lines.every((l) => l.basis === undefined));
      // Rest of Georgia is unaffected.
      assert.equal(analyze(claim('GA', 'locality 10212-99'), tables).estimate()[0].total, 200.48);
    }
  });
});

describe('completion offers the localities whose row spans the state', () => {
  it('state VA: 11302-00 and the DC row 12202-01', () => {
    const items = localityItems(shippedTables(), 'VA', undefined, { line: 0, start: 9, character: 9 });
    assert.deepEqual(items.map((i) => i.label).sort(), ['11302-00', '12202-01']);
  });
});
