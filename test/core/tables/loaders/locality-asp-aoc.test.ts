// The locality, ASP and add-on code loaders (issue 16) on the published layouts (the samples of
// ../shared/cms-layouts, copied into test/fixtures/cms/local with bad rows added): title rows,
// footnote rows, quoted multi-line cells, `*` marks; bad rows reported with file, line and reason
// and the rest kept; missing columns named; chunked input reads as whole text; nothing throws.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  AocBuilder,
  AspBuilder,
  aspQuarterOf,
  GpciBuilder,
  loadAoc,
  loadAsp,
  loadGpci,
  loadLocalities,
  LocalityBuilder,
  OppsCapBuilder,
  type LoadProblem,
  type LoaderFile,
  type TableBuilder,
} from '../../../../server/src/core/tables/loaders';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CMS_DIR, day } from '../../../helpers/cms-fixtures';
import { AOC, ASP_Q1, ASP_Q2, GPCI, localFixture, LOCCO } from '../../../helpers/local-fixtures';

const brief = (ps: LoadProblem[]) => ps.map((p) => `${p.file}:${p.line}`);

function chunked<T>(make: () => TableBuilder<T>, f: LoaderFile, cuts: number[]) {
  const b = make();
  b.beginFile(f.name, f.text.length);
  let at = 0;
  for (const c of [...cuts, f.text.length]) {
    b.push(f.text.slice(at, c));
    at = c;
  }
  b.endFile();
  return b.finish();
}

/** Replaces the header cell `from` (exactly) with `to` in the file's header line. */
const renameHeader = (f: LoaderFile, from: string, to: string): LoaderFile => ({ name: f.name, text: f.text.replace(from, to) });

describe('GPCI loader', () => {
  const f = localFixture(GPCI);
  const { table, problems } = loadGpci(f);

  it('reads the localities past the title row, names the year and file, strips `*` marks', () => {
    assert.equal(table.size, 6);
    assert.equal(table.source.label, `CY2026 PFS GPCIs (${GPCI})`);
    const atl = table.lookup('10212-01')!;
    assert.deepEqual({ ...atl, source: undefined }, { mac: '10212', locality: '01', id: '10212-01', state: 'GA', name: 'ATLANTA', marked: false, work: 1, pe: 0.997, mp: 1, source: undefined });
    assert.equal(atl.source.label, `CY2026 PFS GPCIs (${GPCI})`);
    const ak = table.lookup('02102-01')!;
    assert.equal(ak.name, 'ALASKA');
    assert.equal(ak.marked, true);
    assert.equal(ak.work, 1.5);
    assert.deepEqual(table.byState('GA').map((e) => e.id), ['10212-01', '10212-99']);
    assert.deepEqual(table.byState('WY'), []);
  });

  it('reports each bad row with file, line and reason; footnote and blank rows are not errors', () => {
    assert.deepEqual(brief(problems), [`${GPCI}:9`, `${GPCI}:10`, `${GPCI}:11`]);
    assert.match(problems[0].reason, /MAC "1021" is not a five-digit/);
    assert.match(problems[1].reason, /locality number "7A"/);
    assert.match(problems[2].reason, /PE GPCI .* is not an index/);
  });

  it('finds columns by name in any order, and names a missing one', () => {
    const missing = loadGpci(renameHeader(f, '2026 MP GPCI', '2026 XX'));
    assert.equal(missing.table.size, 0);
    assert.deepEqual(brief(missing.problems), [`${GPCI}:2`]);
    assert.match(missing.problems[0].reason, /missing column "MP GPCI"/);
    const swapped = f.text
      .split('\r\n')
      .map((l) => {
        const c = l.split(',');
        return c.length === 7 ? [c[6], c[5], c[4], c[3], c[2], c[1], c[0]].join(',') : l;
      })
      .join('\r\n');
    const r = loadGpci({ name: GPCI, text: swapped });
    assert.equal(r.table.size, 6);
    assert.deepEqual(r.table.lookup('10212-99'), { ...table.lookup('10212-99')!, source: r.table.lookup('10212-99')!.source });
  });

  it('prefers the work GPCI with the 1.0 floor when the file prints both', () => {
    const text = f.text.replace('2026 PW GPCI (with 1.0 Floor)', '2026 PW GPCI (without 1.0 Floor),2026 PW GPCI (with 1.0 Floor)').replace('10212,GA,99,REST OF GEORGIA,1.000', '10212,GA,99,REST OF GEORGIA,0.970,1.000');
    assert.equal(loadGpci({ name: GPCI, text }).table.lookup('10212-99')?.work, 1);
  });

  it('says so when the file is not a GPCI file', () => {
    const r = loadGpci({ name: 'x.csv', text: 'a,b\n1,2\n' });
    assert.equal(r.table.size, 0);
    assert.match(r.problems[0].reason, /is this the PFS GPCI file/);
  });
});

describe('locality-to-county loader', () => {
  const f = localFixture(LOCCO);
  const { table, problems } = loadLocalities(f);

  it('resolves a listed county, a county of the "ALL OTHER COUNTIES" row, and a statewide locality', () => {
    assert.equal(table.resolveCounty('GA', 'FULTON')?.id, '10212-01');
    assert.equal(table.resolveCounty('GA', 'Fulton County')?.id, '10212-01');
    assert.equal(table.resolveCounty('GA', 'ware')?.id, '10212-99');
    assert.equal(table.resolveCounty('GA', 'ware')?.covers, 'rest');
    assert.equal(table.resolveCounty('TN', 'DAVIDSON')?.id, '10312-35');
    assert.equal(table.resolveCounty('WY', 'LARAMIE'), undefined);
    assert.equal(table.source.label, `CY2026 PFS locality-to-county file (${LOCCO})`);
    const atl = table.areas('10212-01')[0];
    assert.equal(atl.state, 'GA');
    assert.equal(atl.area, 'ATLANTA');
    assert.equal(atl.counties.length, 14);
    assert.deepEqual(table.byState('GA').map((a) => a.id), ['10212-01', '10212-99']);
  });

  it('reports each bad row (an unknown state name, a bad MAC) with file, line and reason; notes are skipped', () => {
    assert.deepEqual(brief(problems), [`${LOCCO}:8`, `${LOCCO}:9`]);
    assert.match(problems[0].reason, /state .* is not a state or territory name/);
    assert.match(problems[1].reason, /MAC "1O212"/);
  });

  it('names a missing column', () => {
    const r = loadLocalities(renameHeader(f, '"Counties"', '"Places"'));
    assert.equal(r.table.size, 0);
    assert.match(r.problems[0].reason, /is this the locality-to-county file/);
    const r2 = loadLocalities(renameHeader(f, '"State"', '"Region"'));
    assert.match(r2.problems[0].reason, /missing column "State"/);
  });
});

describe('ASP pricing loader', () => {
  const q1 = localFixture(ASP_Q1);
  const q2 = localFixture(ASP_Q2);
  const { table, problems } = loadAsp([q2, q1]);

  it('loads several quarters and prices a date by the quarter covering it', () => {
    assert.deepEqual(table.quarters.map((q) => q.quarter), ['2026Q1', '2026Q2']);
    assert.equal(table.source.label, `CMS ASP drug pricing 2026Q1, 2026Q2 (${ASP_Q2}, ${ASP_Q1})`);
    assert.equal(table.lookup('J9200', day('2026-03-31'))?.limit, 101.234);
    assert.equal(table.lookup('J9200', day('2026-04-01'))?.limit, 98.765);
    assert.equal(table.lookup('J9200', day('2026-06-30'))?.limit, 98.765);
    assert.equal(table.lookup('J9200', day('2026-07-01')), undefined);
    assert.equal(table.quarterOf(day('2026-07-01')), undefined);
    const e = table.lookup('J1644', day('2026-05-04'))!;
    assert.equal(e.dosage, '1000 UNITS');
    assert.equal(e.quarter.quarter, '2026Q2');
    assert.equal(e.source.label, `CMS ASP drug pricing 2026Q2 (${ASP_Q2})`);
  });

  it('keeps a blank limit as "not priced", reads a quoted multi-line cell, reports bad rows', () => {
    const j = table.lookup('J9999', day('2026-05-04'))!;
    assert.equal(j.limit, undefined);
    assert.equal(table.lookup('J1100', day('2026-05-04'))?.limit, 0.105);
    assert.equal(table.lookup('J1100', day('2026-05-04'))?.description, 'Dexamethasone sodium phos, multi-line cell');
    assert.deepEqual(brief(problems), [`${ASP_Q2}:10`, `${ASP_Q2}:11`]);
    assert.match(problems[0].reason, /HCPCS "J91" is not a HCPCS code/);
    assert.match(problems[1].reason, /payment limit .* is not an amount/);
  });

  it('reads the quarter from the title rows, else the name; never guesses', () => {
    assert.equal(aspQuarterOf(' effective April 1, 2026 through June 30, 2026', 'x.csv')?.quarter, '2026Q2');
    assert.equal(aspQuarterOf(' October 2026 ASP Pricing File', 'x.csv')?.quarter, '2026Q4');
    assert.equal(aspQuarterOf('', 'Jul 2026 ASP Pricing File.csv')?.quarter, '2026Q3');
    assert.equal(aspQuarterOf('', 'asp_2026Q1.csv')?.from, day('2026-01-01'));
    assert.equal(aspQuarterOf('', 'asp_2026Q1.csv')?.through, day('2026-03-31'));
    assert.equal(aspQuarterOf('', 'prices.csv'), undefined);
    const lines = q2.text.split('\r\n');
    const r = loadAsp({ name: 'prices.csv', text: lines.slice(3).join('\r\n') });
    assert.equal(r.table.size, 0);
    assert.deepEqual(brief(r.problems), ['prices.csv:1']);
    assert.match(r.problems[0].reason, /say which quarter/);
  });

  it('names a missing column', () => {
    const r = loadAsp(renameHeader(q2, 'Payment Limit', 'Price'));
    assert.equal(r.table.size, 0);
    assert.match(r.problems[0].reason, /is this a CMS ASP pricing file/);
    const r2 = loadAsp(renameHeader(q2, 'HCPCS Code Dosage', 'Unit'));
    assert.match(r2.problems[0].reason, /missing column "HCPCS Code Dosage"/);
    assert.equal(r2.problems[0].line, 4);
  });
});

describe('NCCI add-on code edit loader', () => {
  const f = localFixture(AOC);
  const { table, problems } = loadAoc(f);

  it('reads types 1, 2 (placeholder primary CCCCC) and 3 with their dates', () => {
    assert.equal(table.source.label, `NCCI add-on code edits 2026Q2 (${AOC})`);
    assert.equal(table.size, 4);
    const t1 = table.edits('74301')[0];
    assert.deepEqual([t1.type, t1.primary, t1.effective, t1.deleted], [1, '74300', day('2013-01-01'), undefined]);
    const t2 = table.edits('76937')[0];
    assert.deepEqual([t2.type, t2.primary, t2.primaryEffective], [2, undefined, -Infinity]);
    assert.equal(t2.notes, 'Contractor defines the primary procedures');
    assert.equal(table.isAddOn('77002'), true);
    assert.equal(table.isAddOn('36260'), false);
  });

  it('honours effective and deletion dates: in force from the effective day up to the day before the deletion date (the boundary day)', () => {
    assert.equal(table.editsOn('99999', day('2025-12-31')).length, 0);
    assert.equal(table.editsOn('99999', day('2026-01-01')).length, 1);
    assert.equal(table.editsOn('99999', day('2026-03-30')).length, 1);
    assert.equal(table.editsOn('99999', day('2026-03-31')).length, 0);
    assert.equal(table.editsOn('99999', day('2026-04-01')).length, 0);
    assert.equal(table.editsOn('74301', day('2012-12-31')).length, 0);
  });

  it('reports each bad row with file, line and reason', () => {
    assert.deepEqual(brief(problems), [`${AOC}:6`, `${AOC}:7`, `${AOC}:8`, `${AOC}:9`]);
    assert.match(problems[0].reason, /add-on code "7730"/);
    assert.match(problems[1].reason, /edit type "4"/);
    assert.match(problems[2].reason, /AOC Edit Effective Date "2013-01-01"/);
    assert.match(problems[3].reason, /type 2 edit names primary "36260"/);
  });

  it('names a missing column, and reads a comma-separated export', () => {
    const r = loadAoc(renameHeader(f, 'AOC Edit Type', 'Kind'));
    assert.equal(r.table.size, 0);
    assert.match(r.problems[0].reason, /missing column "AOC Edit Type"/);
    const csv = f.text.replace(/\t/g, ',');
    assert.equal(loadAoc({ name: AOC, text: csv }).table.size, 4);
  });
});

describe('locality, ASP and AOC loaders on arbitrary input', () => {
  const cases: [string, () => TableBuilder<{ size: number }>, LoaderFile][] = [
    ['gpci', () => new GpciBuilder(), localFixture(GPCI)],
    ['localities', () => new LocalityBuilder(), localFixture(LOCCO)],
    ['asp', () => new AspBuilder(), localFixture(ASP_Q2)],
    ['aoc', () => new AocBuilder(), localFixture(AOC)],
    ['opps-cap', () => new OppsCapBuilder(), { name: 'OPPSCAP_JAN.csv', text: readFileSync(join(CMS_DIR, 'as-shipped', 'extracted', 'OPPSCAP_JAN.csv'), 'utf8') }],
  ];
  for (const [name, make, f] of cases) {
    it(`${name}: reads the same whatever the chunk boundaries`, () => {
      const whole = chunked(make, f, []);
      fc.assert(
        fc.property(fc.uniqueArray(fc.integer({ min: 1, max: f.text.length - 1 }), { maxLength: 8 }), (cuts) => {
          const r = chunked(make, f, [...cuts].sort((a, b) => a - b));
          assert.equal(r.table.size, whole.table.size);
          assert.deepEqual(brief(r.problems), brief(whole.problems));
        }),
        { numRuns: 60 },
      );
    });
    it(`${name}: never throws, and every problem names the file and a line`, () => {
      const header = f.text.split('\r\n').slice(0, 4).join('\n') + '\n';
      fc.assert(
        fc.property(fc.string({ maxLength: 300 }), (junk) => {
          const r = chunked(make, { name: 'junk.csv', text: header + junk }, []);
          for (const p of r.problems) {
            assert.equal(p.file, 'junk.csv');
            assert.ok(Number.isInteger(p.line) && p.line >= 0);
            assert.ok(p.reason.length > 0);
          }
        }),
        { numRuns: 100 },
      );
    });
  }
});

describe('locality-to-county loader: a state printed once for its localities', () => {
  it('carries a blank state down from the row above', () => {
    const text = ['"Medicare Adminstrative Contractor","Locality Number","State","Fee Schedule Area","Counties"', '"10212","01","GEORGIA","ATLANTA","FULTON, COBB"', '"10212","99","","REST OF GEORGIA","ALL OTHER COUNTIES"', ''].join('\r\n');
    const r = loadLocalities({ name: '26LOCCO.csv', text });
    assert.deepEqual(r.problems, []);
    assert.equal(r.table.resolveCounty('GA', 'WARE')?.id, '10212-99');
  });
});
