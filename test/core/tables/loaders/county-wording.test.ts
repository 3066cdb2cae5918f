// CMS's county wording (issue 21): the as-shipped locality key (test/fixtures/cms/as-shipped,
// copied from ../shared/cms-layouts/as-shipped) read county by county; separators and real names
// with "and"; EXCEPT clauses; rows spanning states; name variants; and the file problems that
// leave a county unpriced rather than priced in the wrong locality (conflicts, stray quotes).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countyKey, loadLocalities, parseCountyWording, splitCountyList, statesOfCell } from '../../../../server/src/core/tables/loaders';
import { CMS_DIR } from '../../../helpers/cms-fixtures';

const LOCCO = '26LOCCO.csv';
const shipped = () => ({ name: LOCCO, text: readFileSync(join(CMS_DIR, 'as-shipped', LOCCO), 'utf8') });
const HEADER = '"Medicare Adminstrative Contractor","Locality Number","State","Fee Schedule Area","Counties"\n';

describe('county wording: separators and real names', () => {
  it('splits on ",", "AND" and ", AND"', () => {
    assert.deepEqual(splitCountyList('DADE AND MONROE'), ['DADE', 'MONROE']);
    assert.deepEqual(splitCountyList('BROWARD, COLLIER, PALM BEACH, AND ST. LUCIE'), ['BROWARD', 'COLLIER', 'PALM BEACH', 'ST. LUCIE']);
    assert.deepEqual(splitCountyList('COBB, ROCKDALE AND WALTON'), ['COBB', 'ROCKDALE', 'WALTON']);
  });

  it('keeps King and Queen (VA), Lewis and Clark (MT), Lake and Peninsula and the "City and Borough" names (AK)', () => {
    assert.deepEqual(splitCountyList('ESSEX, KING AND QUEEN AND KING WILLIAM'), ['ESSEX', 'KING AND QUEEN', 'KING WILLIAM']);
    assert.deepEqual(splitCountyList('CASCADE, LEWIS AND CLARK, AND JEFFERSON'), ['CASCADE', 'LEWIS AND CLARK', 'JEFFERSON']);
    assert.deepEqual(splitCountyList('LAKE AND PENINSULA BOROUGH AND JUNEAU CITY AND BOROUGH'), ['LAKE AND PENINSULA BOROUGH', 'JUNEAU CITY AND BOROUGH']);
  });

  it('name variants: DE KALB = DEKALB, ST. = SAINT, "COUNTY" dropped, CITY OF X = X CITY, but X CITY is not X', () => {
    assert.equal(countyKey('DE KALB'), countyKey('DeKalb County'));
    assert.equal(countyKey('ST. LUCIE'), countyKey('Saint Lucie'));
    assert.equal(countyKey("PRINCE GEORGE'S"), countyKey('Prince Georges County'));
    assert.equal(countyKey('CITY OF FAIRFAX'), countyKey('FAIRFAX CITY'));
    assert.notEqual(countyKey('BALTIMORE CITY'), countyKey('BALTIMORE'));
    assert.equal(countyKey('Miami-Dade'), countyKey('DADE'));
  });

  it('the State cell: one state, or HAWAII/GUAM', () => {
    assert.deepEqual(statesOfCell('GEORGIA'), ['GA']);
    assert.deepEqual(statesOfCell('HAWAII/GUAM'), ['HI', 'GU']);
    assert.equal(statesOfCell('GEORGIE'), undefined);
  });

  it('ALL COUNTIES, ALL COUNTY EQUIVALENTS, ALL OTHER COUNTIES [EXCEPT ...], ALL COUNTIES, EXCEPT ...', () => {
    assert.deepEqual(parseCountyWording('ALL COUNTY EQUIVALENTS', ['PR']).parts, [{ state: 'PR', covers: 'all', counties: [], except: [] }]);
    assert.deepEqual(parseCountyWording('ALL COUNTIES', ['HI', 'GU']).parts.map((p) => `${p.state}:${p.covers}`), ['HI:all', 'GU:all']);
    assert.deepEqual(parseCountyWording("ALL OTHER COUNTIES EXCEPT MONTGOMERY AND PRINCE GEORGE'S", ['MD']).parts, [{ state: 'MD', covers: 'rest', counties: [], except: ['MONTGOMERY', "PRINCE GEORGE'S"] }]);
    assert.deepEqual(parseCountyWording('ALL COUNTIES, EXCEPT ARLINGTON, AND FAIRFAX', ['VA']).parts, [{ state: 'VA', covers: 'rest', counties: [], except: ['ARLINGTON', 'FAIRFAX'] }]);
    assert.match(parseCountyWording('ALL THE GOOD ONES', ['VA']).problem!, /not one this tool reads/);
  });

  it('the DC row: the district, then counties "IN VIRGINIA" and "IN MARYLAND"', () => {
    const w = parseCountyWording("DISTRICT OF COLUMBIA; ALEXANDRIA CITY, ARLINGTON IN VIRGINIA; MONTGOMERY AND PRINCE GEORGE'S IN MARYLAND", ['DC']);
    assert.deepEqual(w.parts, [
      { state: 'DC', covers: 'all', counties: [], except: [] },
      { state: 'VA', covers: 'listed', counties: ['ALEXANDRIA CITY', 'ARLINGTON'], except: [] },
      { state: 'MD', covers: 'listed', counties: ['MONTGOMERY', "PRINCE GEORGE'S"], except: [] },
    ]);
  });
});

describe('the as-shipped locality key (26LOCCO.csv), county by county', () => {
  const { table, problems } = loadLocalities(shipped());
  const where = (state: string, county: string): string => {
    const m = table.matchCounty(state, county);
    return m.kind === 'listed' || m.kind === 'rest' || m.kind === 'excepted' ? `${m.kind} ${m.area.id}` : m.kind;
  };

  it('reads every row with no problem; the state printed once carries down', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(table.byState('FL').map((a) => a.id), ['09102-04', '09102-03', '09102-99']);
    assert.deepEqual(table.byState('GA').map((a) => a.id), ['10212-01', '10212-99']);
  });

  // The 20 counties of the trial, and more: each in the locality the file puts it in.
  const cases: [string, string, string][] = [
    ['VA', 'ARLINGTON', 'listed 12202-01'],
    ['VA', 'Arlington County', 'listed 12202-01'],
    ['VA', 'FAIRFAX', 'listed 12202-01'],
    ['VA', 'CITY OF FAIRFAX', 'listed 12202-01'],
    ['VA', 'ALEXANDRIA', 'listed 12202-01'],
    ['VA', 'FALLS CHURCH CITY', 'listed 12202-01'],
    ['VA', 'KING AND QUEEN', 'rest 11302-00'],
    ['VA', 'RICHMOND CITY', 'rest 11302-00'],
    ['MD', 'MONTGOMERY', 'listed 12202-01'],
    ['MD', "PRINCE GEORGE'S", 'listed 12202-01'],
    ['MD', 'PRINCE GEORGES COUNTY', 'listed 12202-01'],
    ['MD', 'BALTIMORE CITY', 'listed 12302-01'],
    ['MD', 'HOWARD', 'listed 12302-01'],
    ['MD', 'GARRETT', 'rest 12302-99'],
    ['DC', 'DISTRICT OF COLUMBIA', 'rest 12202-01'],
    ['GA', 'DE KALB', 'listed 10212-01'],
    ['GA', 'DEKALB', 'listed 10212-01'],
    ['GA', 'WALTON', 'listed 10212-01'],
    ['GA', 'ROCKDALE', 'listed 10212-01'],
    ['GA', 'FULTON', 'listed 10212-01'],
    ['GA', 'BIBB', 'rest 10212-99'],
    ['FL', 'MONROE', 'listed 09102-04'],
    ['FL', 'MIAMI-DADE', 'listed 09102-04'],
    ['FL', 'ST. LUCIE', 'listed 09102-03'],
    ['FL', 'SAINT LUCIE', 'listed 09102-03'],
    ['FL', 'PALM BEACH', 'listed 09102-03'],
    ['FL', 'LEON', 'rest 09102-99'],
    ['HI', 'HONOLULU', 'rest 01212-01'],
    ['GU', 'GUAM', 'rest 01212-01'],
    ['PR', 'SAN JUAN', 'rest 09202-20'],
    ['AL', 'JEFFERSON', 'rest 10112-00'],
    ['TX', 'HARRIS', 'none'],
  ];
  for (const [state, county, expected] of cases) {
    it(`${state} ${county} -> ${expected}`, () => assert.equal(where(state, county), expected));
  }

  it('the DC locality spans DC, VA and MD; HAWAII/GUAM spans HI and GU', () => {
    assert.deepEqual(table.areas('12202-01').map((a) => a.state), ['DC', 'VA', 'MD']);
    assert.deepEqual(table.areas('01212-01').map((a) => a.state), ['HI', 'GU']);
    assert.deepEqual([...table.areas('12202-01')[0].rowStates!], ['DC', 'VA', 'MD']);
  });

  it('an excepted county no row lists is not put in the rest of the state', () => {
    const text = `${HEADER}"11302","00","VIRGINIA","STATEWIDE","ALL COUNTIES, EXCEPT ARLINGTON"\n`;
    const r = loadLocalities({ name: LOCCO, text });
    assert.equal(r.table.matchCounty('VA', 'ARLINGTON').kind, 'excepted');
    assert.equal(r.table.resolveCounty('VA', 'ARLINGTON'), undefined);
    assert.equal(r.table.matchCounty('VA', 'HENRICO').kind, 'rest');
  });
});

describe('locality key problems leave the county unpriced, never in the wrong locality', () => {
  it('a county listed in two localities of one state: reported, and a conflict', () => {
    const text = `${HEADER}"10212","01","GEORGIA","ATLANTA","COBB AND FULTON"\n"10212","02","","MACON","BIBB AND FULTON"\n"10212","99","","REST OF STATE","ALL OTHER COUNTIES"\n`;
    const r = loadLocalities({ name: LOCCO, text });
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].line, 3);
    assert.match(r.problems[0].reason, /county "FULTON"|county \(6 characters, not shown\)/);
    assert.match(r.problems[0].reason, /listed in locality 10212-02 and in 10212-01 \(line 2\).*not priced/);
    assert.equal(r.table.matchCounty('GA', 'FULTON').kind, 'conflict');
    assert.equal(r.table.resolveCounty('GA', 'FULTON'), undefined);
    assert.equal(r.table.matchCounty('GA', 'COBB').kind, 'listed');
  });

  it('two rows covering the rest of one state: reported; unlisted counties are a conflict', () => {
    const text = `${HEADER}"10212","01","GEORGIA","ATLANTA","FULTON"\n"10212","98","","REST","ALL OTHER COUNTIES"\n"10212","99","","REST OF STATE","ALL OTHER COUNTIES"\n`;
    const r = loadLocalities({ name: LOCCO, text });
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0].reason, /two rows of GA cover its remaining counties/);
    assert.equal(r.table.matchCounty('GA', 'BIBB').kind, 'conflict');
  });

  it('a stray quote inside the Counties cell: the row is refused, and FULTON is not priced as rest of state', () => {
    const text = `${HEADER}"10212","01","GEORGIA","ATLANTA","BUTTS, COBB "DE KALB", FULTON, GWINNETT"\n"10212","99","","REST OF STATE","ALL OTHER COUNTIES"\n"10112","00","ALABAMA","STATEWIDE","ALL COUNTIES"\n`;
    const r = loadLocalities({ name: LOCCO, text });
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].line, 2);
    assert.match(r.problems[0].reason, /stray quote.*refused/);
    assert.equal(r.table.matchCounty('GA', 'FULTON').kind, 'incomplete');
    assert.equal(r.table.resolveCounty('GA', 'FULTON'), undefined);
    // Other states are unaffected.
    assert.equal(r.table.matchCounty('AL', 'JEFFERSON').kind, 'rest');
  });

  it('a quote left open to the end of the line: the row is refused the same way', () => {
    const text = `${HEADER}"10212","01","GEORGIA","ATLANTA","BUTTS, FULTON\n"10212","99","","REST OF STATE","ALL OTHER COUNTIES"\n`;
    const r = loadLocalities({ name: LOCCO, text });
    assert.ok(r.problems.some((p) => /stray quote|refused/.test(p.reason)), JSON.stringify(r.problems));
    assert.notEqual(r.table.matchCounty('GA', 'FULTON').kind, 'rest');
  });
});

describe('county wording on arbitrary input', () => {
  it('never throws, and every part has a state of the row or of an IN clause', () => {
    const words = fc.constantFrom('ALL', 'COUNTIES', 'OTHER', 'EXCEPT', 'AND', ',', ';', 'IN', 'VIRGINIA', 'KING', 'QUEEN', 'ST.', 'DE KALB', 'CITY', '"', 'COUNTY EQUIVALENTS', ' ');
    fc.assert(
      fc.property(fc.array(words, { maxLength: 30 }), fc.string({ maxLength: 40 }), (ws, junk) => {
        for (const text of [ws.join(' '), junk]) {
          const w = parseCountyWording(text, ['MD']);
          for (const p of w.parts) assert.ok(['MD', 'VA'].includes(p.state), text);
          countyKey(text);
          splitCountyList(text);
        }
      }),
      { numRuns: 500, seed: 2121 },
    );
  });
});
