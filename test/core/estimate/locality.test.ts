// The locality fee, the ASP drug price and the locality resolution (issue 16), each against a hand
// computation. The GPCIs and RVUs are the fixtures' made-up figures, not CMS's.
import assert from 'node:assert/strict';
import { drugPrice, localFee, productCents, resolveLocality, roundCents } from '../../../server/src/core/estimate/locality';
import { loadAsp, loadGpci, loadLocalities, loadPfsRvu } from '../../../server/src/core/tables/loaders';
import type { GpciEntry, RvuRow } from '../../../server/src/core/tables/national';
import { day, fixture, RVU } from '../../helpers/cms-fixtures';
import { ASP_Q1, ASP_Q2, GPCI, localFixture, LOCCO } from '../../helpers/local-fixtures';

const gpci = loadGpci(localFixture(GPCI)).table;
const localities = loadLocalities(localFixture(LOCCO)).table;
const rvu = loadPfsRvu(fixture(RVU)).table;
const asp = loadAsp([localFixture(ASP_Q1), localFixture(ASP_Q2)]).table;
const ok = (r: ReturnType<typeof localFee>) => {
  assert.ok('ok' in r, 'reason' in r ? r.reason : '');
  return r.ok;
};

describe('locality fee: (work x GPCIw + PE x GPCIpe + MP x GPCImp) x CF, rounded once to the cent', () => {
  const row99213 = rvu.lookup('99213')!; // work 1.30, NF PE 1.46, F PE 0.33, MP 0.09, CF 33.4009

  it('99213 non-facility, Atlanta (1.000, 0.997, 1.000)', () => {
    // 1.30 x 1.000 + 1.46 x 0.997 + 0.09 x 1.000 = 1.30 + 1.45562 + 0.09 = 2.84562
    // 2.84562 x 33.4009 = 95.046269... -> $95.05
    const f = ok(localFee(row99213, gpci.lookup('10212-01')!, 'nonFacility'));
    assert.equal(f.amount, 95.05);
    assert.equal(f.pe, 1.46);
    assert.equal(f.formula, '(1.30 x 1.000 + 1.46 x 0.997 + 0.09 x 1.000) x 33.4009 = $95.05');
  });

  it('99213 facility, Atlanta: the facility PE RVU', () => {
    // 1.30 + 0.33 x 0.997 + 0.09 = 1.30 + 0.32901 + 0.09 = 1.71901; x 33.4009 = 57.416481... -> $57.42
    assert.equal(ok(localFee(row99213, gpci.lookup('10212-01')!, 'facility')).amount, 57.42);
  });

  it('99213 non-facility, rest of Georgia (1.000, 0.877, 0.984)', () => {
    // 1.30 + 1.46 x 0.877 + 0.09 x 0.984 = 1.30 + 1.28042 + 0.08856 = 2.66898; x 33.4009 = 89.146334... -> $89.15
    assert.equal(ok(localFee(row99213, gpci.lookup('10212-99')!, 'nonFacility')).amount, 89.15);
  });

  it('99213 non-facility, Alaska (work floor 1.500)', () => {
    // 1.30 x 1.5 + 1.46 x 1.081 + 0.09 x 0.718 = 1.95 + 1.57826 + 0.06462 = 3.59288; x 33.4009 = 120.005425... -> $120.01
    assert.equal(ok(localFee(row99213, gpci.lookup('02102-01')!, 'nonFacility')).amount, 120.01);
  });

  it('44140 facility, Alabama; its non-facility PE is NA', () => {
    // 22.59 + 11.49 x 0.869 + 5.29 x 0.575 = 22.59 + 9.98481 + 3.04175 = 35.61656; x 33.4009 = 1189.625158... -> $1,189.63
    const row = rvu.lookup('44140')!;
    assert.equal(ok(localFee(row, gpci.lookup('10112-00')!, 'facility')).amount, 1189.63);
    const na = localFee(row, gpci.lookup('10112-00')!, 'nonFacility');
    assert.ok('reason' in na && na.notPayable);
  });

  it('76700-26, Virginia (1.000, 0.968, 0.638)', () => {
    // 0.81 + 0.28 x 0.968 + 0.05 x 0.638 = 0.81 + 0.27104 + 0.0319 = 1.11294; x 33.4009 = 37.173197... -> $37.17
    assert.equal(ok(localFee(rvu.lookup('76700', '26')!, gpci.lookup('12402-00')!, 'nonFacility')).amount, 37.17);
  });

  it('rounds a half cent up, exactly (binary floating point would give $1.00)', () => {
    const row: RvuRow = { ...rvu.lookup('99213')!, workRvu: 1, nonFacilityPeRvu: 0, mpRvu: 0, nonFacilityTotal: 1, conversionFactor: 1.005 };
    const g: GpciEntry = { ...gpci.lookup('10212-01')!, work: 1, pe: 1, mp: 1 };
    assert.equal(Math.round(1.005 * 100) / 100, 1);
    assert.equal(ok(localFee(row, g, 'nonFacility')).amount, 1.01);
    assert.equal(productCents(0.321, 3, 5, 0), 1.61); // 1.605 -> 1.61
    assert.equal(roundCents(1.005), 1.01);
  });

  it('refuses, with the reason, RVU parts that do not add up to the total (a file without PE or MP columns)', () => {
    const row: RvuRow = { ...rvu.lookup('99213')!, nonFacilityPeRvu: 0, mpRvu: 0 };
    const r = localFee(row, gpci.lookup('10212-01')!, 'nonFacility');
    assert.ok('reason' in r);
    assert.match(r.reason, /do not add up to its non-facility total 2\.85/);
  });
});

describe('ASP drug price: the quarter covering the date x billed units', () => {
  it('J9200 x2 on 2026-05-04: 2026Q2 limit 98.765 per 500 MG -> $197.53', () => {
    const p = drugPrice(asp, 'J9200', day('2026-05-04'), 2);
    assert.equal(p.status, 'priced');
    if (p.status !== 'priced') return;
    assert.equal(p.amount, 197.53);
    assert.equal(p.entry.dosage, '500 MG');
    assert.equal(p.entry.quarter.quarter, '2026Q2');
  });

  it('J9200 x2 on 2026-03-16: 2026Q1 limit 101.234 -> $202.47 (202.468)', () => {
    const p = drugPrice(asp, 'J9200', day('2026-03-16'), 2);
    assert.equal(p.status === 'priced' && p.amount, 202.47);
  });

  it('J1644 x5 on 2026-05-04: 0.321 per 1000 UNITS x 5 = 1.605 -> $1.61', () => {
    const p = drugPrice(asp, 'J1644', day('2026-05-04'), 5);
    assert.equal(p.status === 'priced' && p.amount, 1.61);
  });

  it('a blank limit, a code the quarter omits, a date no quarter covers', () => {
    assert.equal(drugPrice(asp, 'J9999', day('2026-05-04'), 1).status, 'no-limit');
    assert.equal(drugPrice(asp, 'J7999', day('2026-05-04'), 1).status, 'not-listed');
    const none = drugPrice(asp, 'J9200', day('2026-08-03'), 1);
    assert.equal(none.status, 'no-quarter');
    assert.deepEqual(none.status === 'no-quarter' && none.quarters.map((q) => q.quarter), ['2026Q1', '2026Q2']);
  });
});

describe('which locality a claim is priced in', () => {
  const national = { gpci, localities };

  it('a locality line, a county line, the default setting', () => {
    const a = resolveLocality({ locality: '10212-01', state: 'GA' }, national);
    assert.deepEqual([a.locality?.id, a.locality?.via, a.locality?.label, a.problems], ['10212-01', 'locality', 'ATLANTA, GA (MAC 10212, locality 01)', []]);
    const c = resolveLocality({ county: { state: 'GA', name: 'FULTON' }, state: 'GA' }, national);
    assert.deepEqual([c.locality?.id, c.locality?.via, c.locality?.county, c.problems], ['10212-01', 'county', 'FULTON', []]);
    assert.equal(resolveLocality({ county: { state: 'GA', name: 'WARE' } }, national).locality?.id, '10212-99');
    const d = resolveLocality({ defaultLocality: '10312-35', state: 'TN' }, national);
    assert.deepEqual([d.locality?.id, d.locality?.via], ['10312-35', 'default']);
    // The claim's own line wins over the default.
    assert.equal(resolveLocality({ locality: '10212-99', defaultLocality: '10312-35' }, national).locality?.id, '10212-99');
  });

  it('no locality: national amounts, and says why', () => {
    const r = resolveLocality({ state: 'GA' }, national);
    assert.equal(r.locality, undefined);
    assert.deepEqual(r.problems, []);
    assert.equal(r.national, 'no-locality');
  });

  it('a locality not in the file, a county in no locality, a state that does not match', () => {
    const u = resolveLocality({ locality: '10212-05', state: 'GA' }, national);
    assert.deepEqual(u.problems.map((p) => [p.kind, p.on]), [['unknown-locality', 'locality']]);
    // Kinds and data, no prose: messages.ts words them (test/core/model/locality.test.ts).
    assert.deepEqual(u.problems[0], { kind: 'unknown-locality', on: 'locality', locality: '10212-05' });
    assert.equal(u.national, 'unknown-locality');
    assert.equal(u.locality, undefined);
    const k = resolveLocality({ county: { state: 'WY', name: 'LARAMIE' } }, national);
    assert.deepEqual(k.problems.map((p) => p.kind), ['unknown-county']);
    const s = resolveLocality({ locality: '10212-01', state: 'TN' }, national);
    assert.deepEqual(s.problems.map((p) => p.kind), ['locality-state']);
    assert.deepEqual(s.problems[0], { kind: 'locality-state', on: 'locality', locality: '10212-01' });
    // A mismatch still prices in the named locality (the finding says to fix one of the two).
    assert.equal(s.locality?.id, '10212-01');
  });

  it('without the files: says which file is missing', () => {
    const g = resolveLocality({ locality: '10212-01' }, {});
    assert.deepEqual(g.problems.map((p) => p.kind), ['no-gpci-file']);
    const l = resolveLocality({ county: { state: 'GA', name: 'FULTON' } }, { gpci });
    assert.deepEqual(l.problems.map((p) => p.kind), ['no-county-file']);
    // A default with no file is not an error on every claim: the amounts say national and why.
    const d = resolveLocality({ defaultLocality: '10212-01' }, {});
    assert.deepEqual(d.problems, []);
    assert.equal(d.national, 'no-gpci-file');
  });
});
