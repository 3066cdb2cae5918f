// Issue 21: the PFS release and conversion factor that price a date. From 2026 CMS ships two RVU
// files per release (QPP and nonQPP conversion factors; as-shipped samples: 33.5675 and 33.4009):
// haiClaims.qualifyingApmParticipant picks one, nonQPP by default. Several releases load at once;
// each prices its year from its effective date (A: 1 Jan, B: 1 Apr ...) until a later one takes
// over; a date none covers falls back and says so. Implausible values are refused. Fixtures:
// test/fixtures/cms/as-shipped (copied from ../shared/cms-layouts/as-shipped; made-up figures).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/core/analysis';
import { getInlayHints, resolveInlayHint } from '../../../server/src/core/features/inlayHints';
import { doHover } from '../../../server/src/core/languageService';
import { parseSettings } from '../../../server/src/core/settings';
import { createTables } from '../../../server/src/core/tables';
import { loadGuideTables, loadReferenceTables } from '../../../server/src/core/tables/load';
import { loadGpci, loadPfsRvu, type LoaderFile } from '../../../server/src/core/tables/loaders';
import { releaseOn, rvuFileRelease } from '../../../server/src/core/tables/loaders/pfs-releases';
import { CMS_DIR } from '../../helpers/cms-fixtures';

const shipped = (name: string): LoaderFile => ({ name, text: readFileSync(join(CMS_DIR, 'as-shipped', name), 'utf8') });
const QPP = 'PPRRVU2026_Jan_QPP.csv';
const NON_QPP = 'PPRRVU2026_Jan_nonQPP.csv';
const renamed = (f: LoaderFile, name: string, edit: (t: string) => string = (t) => t): LoaderFile => ({ name, text: edit(f.text) });

const tablesWith = (...rvu: LoaderFile[]) => {
  const r = loadPfsRvu(rvu);
  return { tables: createTables(loadGuideTables(), loadReferenceTables(), { rvu: r.table, gpci: loadGpci(shipped('GPCI2026.csv')).table }), problems: r.problems };
};
// Atlanta in the as-shipped GPCI file: 1.000, 1.000, 1.000, so 99213 non-facility = 2.85 RVUs x CF.
const claim = (date: string) => ['claim "x"', 'payer medicare', 'state GA', 'locality 10212-01', 'pos 11', 'dx C78.7', '', `on ${date}`, '  99213 dx A', ''].join('\n');
const line99213 = (t: ReturnType<typeof tablesWith>['tables'], date: string, qpp?: boolean) => {
  const settings = parseSettings(qpp === undefined ? {} : { qualifyingApmParticipant: qpp }).settings;
  return analyze(claim(date), t, { settings }).estimate()[0].dates[0].lines[0];
};

describe('the release a file belongs to', () => {
  it('from CMS names (member and zip) and the banner; QPP or nonQPP', () => {
    assert.deepEqual(rvuFileRelease('', 'PPRRVU2026_Jan_nonQPP.csv'), { year: 2026, quarter: 1, qpp: false });
    assert.deepEqual(rvuFileRelease('', 'PPRRVU2026_Oct_QPP.csv'), { year: 2026, quarter: 4, qpp: true });
    assert.deepEqual(rvuFileRelease('', 'RVU27B.zip'), { year: 2027, quarter: 2 });
    assert.deepEqual(rvuFileRelease('2026 National Physician Fee Schedule Relative Value File July Release', 'rvu.csv'), { year: 2026, quarter: 3 });
  });
});

describe('the conversion factor: QPP or nonQPP (haiClaims.qualifyingApmParticipant)', () => {
  const { tables, problems } = tablesWith(shipped(QPP), shipped(NON_QPP));

  it('both 2026 files load without a problem, as two releases', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(tables.national.rvu!.releases!.map((r) => [r.name, r.conversionFactor]), [
      ['RVU26A (2026 January release, nonQPP)', 33.4009],
      ['RVU26A (2026 January release, QPP)', 33.5675],
    ]);
  });

  it('unset or false: the nonQPP file; true: the QPP file; the CF shows in the line\'s source', () => {
    // nonQPP: 2.85 x 33.4009 = 95.192565 -> 95.19; QPP: 2.85 x 33.5675 = 95.667375 -> 95.67.
    for (const [qpp, amount, cf] of [[undefined, 95.19, '33.4009'], [false, 95.19, '33.4009'], [true, 95.67, '33.5675']] as const) {
      const l = line99213(tables, '2026-02-10', qpp);
      assert.equal(l.amount, amount, String(qpp));
      assert.match(l.source!, new RegExp(`x ${cf.replace('.', '\\.')} = \\$`));
      assert.match(l.source!, qpp ? /PPRRVU2026_Jan_QPP\.csv/ : /PPRRVU2026_Jan_nonQPP\.csv/);
    }
  });

  it('only the QPP file loaded and the provider not a participant: not priced locally, and says why', () => {
    const only = tablesWith(shipped(QPP)).tables;
    const l = line99213(only, '2026-02-10');
    assert.notEqual(l.basis, 'locality');
    assert.match(l.note ?? l.adjustments.map((a) => a.reason).join(' '), /loaded only with the QPP conversion factor, but haiClaims\.qualifyingApmParticipant is false/);
  });

  it('two files of one release that neither name nor banner tells apart, and disagree: an error, neither used', () => {
    const { tables: t, problems: p } = tablesWith(renamed(shipped(QPP), 'PPRRVU2026_Jan_a.csv'), renamed(shipped(NON_QPP), 'PPRRVU2026_Jan_b.csv'));
    assert.equal(p.length, 1);
    assert.match(p[0].reason, /PPRRVU2026_Jan_a\.csv and PPRRVU2026_Jan_b\.csv are both RVU26A .* disagree .* neither is used/);
    assert.equal(t.national.rvu!.lookup('99213'), undefined);
  });

  it('the same file loaded twice is harmless', () => {
    const { problems: p } = tablesWith(shipped(NON_QPP), renamed(shipped(NON_QPP), 'copy/PPRRVU2026_Jan_nonQPP.csv'));
    assert.deepEqual(p, []);
  });
});

describe('releases by date', () => {
  // RVU26B: the nonQPP file with 99213's work RVU 1.30 -> 1.40 (total 2.95): 2.95 x 33.4009 = 98.532655 -> 98.53.
  const b = renamed(shipped(NON_QPP), 'PPRRVU2026_Apr_nonQPP.csv', (t) => t.replace('99213,,Office o/p est low 20 min,A,,1.30,1.46,,0.33,,0.09,2.85,1.72', '99213,,Office o/p est low 20 min,A,,1.40,1.46,,0.33,,0.09,2.95,1.82'));
  // 2027 release: work 1.50 (total 3.05): 3.05 x 33.4009 = 101.872745 -> 101.87.
  const next = renamed(shipped(NON_QPP), 'PPRRVU2027_Jan_nonQPP.csv', (t) => t.replace('99213,,Office o/p est low 20 min,A,,1.30,1.46,,0.33,,0.09,2.85,1.72', '99213,,Office o/p est low 20 min,A,,1.50,1.46,,0.33,,0.09,3.05,1.92'));
  const { tables } = tablesWith(shipped(NON_QPP), b, next);

  it('RVU26A prices 1 January to 31 March; RVU26B from 1 April; the 2027 release from 1 January 2027', () => {
    assert.equal(line99213(tables, '2026-01-01').amount, 95.19);
    assert.equal(line99213(tables, '2026-03-31').amount, 95.19);
    assert.equal(line99213(tables, '2026-04-01').amount, 98.53);
    assert.equal(line99213(tables, '2026-12-31').amount, 98.53);
  });

  it('a date no loaded release covers falls back to the guide, and the line says so', () => {
    // 99213 is not in the guide: not priced, with the reason.
    const l = line99213(tables, '2025-12-15');
    assert.equal(l.status, 'unpriced');
    assert.match(l.adjustments[0].reason, /99213 is not in the guide, and no loaded PFS relative value release covers 2025-12-15/);
    // Only RVU26B loaded: a February date is not priced from it. 96522 falls back to the guide's $125.
    const onlyB = tablesWith(b).tables;
    assert.match(line99213(onlyB, '2026-02-10').adjustments[0].reason, /no loaded PFS relative value release covers 2026-02-10 \(loaded: RVU26B/);
    const text = claim('2026-02-10').replace('  99213 dx A', '  96522 dx A');
    const pump = analyze(text, onlyB).estimate()[0].dates[0].lines[0];
    assert.deepEqual([pump.amount, pump.basis], [125, undefined]);
    assert.match(pump.note!, /96522 is at its national amount: no loaded PFS relative value release covers 2026-02-10/);
  });

  it('a 2025 GPCI file never prices a 2026 date', () => {
    const gpci2025 = { name: 'GPCI2025.csv', text: shipped('GPCI2026.csv').text.replace(/2026/g, '2025') };
    const t = createTables(loadGuideTables(), loadReferenceTables(), { rvu: loadPfsRvu(shipped(NON_QPP)).table, gpci: loadGpci(gpci2025).table });
    const l = analyze(claim('2026-02-10'), t).estimate()[0].dates[0].lines[0];
    assert.notEqual(l.basis, 'locality');
    assert.match(l.note!, /holds the CY2025 GPCIs, which do not apply to 2026-02-10/);
  });

  it('releaseOn picks the latest release in force', () => {
    const rel = tables.national.rvu!.releases!;
    const day = (iso: string) => Date.parse(iso) / 86_400_000;
    const name = (iso: string) => {
      const c = releaseOn(rel, day(iso), false);
      return 'release' in c ? c.release.name : c.reason;
    };
    assert.equal(name('2026-03-31'), 'RVU26A (2026 January release, nonQPP)');
    assert.equal(name('2026-04-01'), 'RVU26B (2026 April release, nonQPP)');
    assert.equal(name('2027-06-01'), 'RVU27A (2027 January release, nonQPP)');
  });
});

describe('values no CMS file holds: refused, never priced', () => {
  const edit = (from: string, to: string) => tablesWith(renamed(shipped(NON_QPP), NON_QPP, (t) => t.replace(from, to)));

  it('a conversion factor of 0', () => {
    const { tables, problems } = edit(',33.4009,09,0,99,0.00,0.00,0.00', ',0,09,0,99,0.00,0.00,0.00');
    assert.equal(problems.length, 1);
    assert.match(problems[0].reason, /CONV FACTOR is a conversion factor of "0", which no PFS file holds.*99213 is not priced from this file/);
    assert.equal(tables.national.rvu!.lookup('99213'), undefined);
  });

  it('two rows of one code in one file that disagree: reported, that code not priced from the file', () => {
    const twice = (t: string) => t.replace(/(99213,,Office o\/p est low 20 min,A,,1\.30[^\r\n]*)/, '$1\r\n99213,,Office o/p est low 20 min,A,,1.90,1.46,,0.33,,0.09,3.45,2.32,0,XXX,0.00,0.00,0.00,0,0,0,0,0,9,,33.4009,09,0,99,0.00,0.00,0.00');
    const { tables, problems } = tablesWith(renamed(shipped(NON_QPP), NON_QPP, twice));
    assert.equal(problems.length, 1);
    assert.match(problems[0].reason, /99213 has two rows that disagree, so it is not priced from this file/);
    assert.equal(tables.national.rvu!.lookup('99213'), undefined);
    assert.ok(tables.national.rvu!.lookup('0075T', '26'));
  });

  it('a 308-digit RVU (Infinity once multiplied)', () => {
    const { tables, problems } = edit('1.30,1.46', `${'9'.repeat(308)},1.46`);
    assert.equal(problems.length, 1);
    assert.match(problems[0].reason, /WORK RVU is 308 digits, beyond any RVU in a PFS file/);
    const est = analyze(claim('2026-02-10'), tables).estimate()[0];
    assert.ok(Number.isFinite(est.total));
  });
});

describe('typed provenance: release, conversion factor, locality, payer (issue 21)', () => {
  const { tables } = tablesWith(shipped(QPP), shipped(NON_QPP));
  it('the estimate names what priced it, as data; the conversion factor shows in a note and in hover', () => {
    for (const [qpp, cf, file] of [[false, 33.4009, NON_QPP], [true, 33.5675, QPP]] as const) {
      const settings = parseSettings({ qualifyingApmParticipant: qpp }).settings;
      const a = analyze(claim('2026-02-10'), tables, { settings });
      const est = a.estimate()[0];
      assert.deepEqual(est.provenance, {
        payer: est.provenance!.payer,
        guide: 'CY2026 HAI coding and billing guide',
        locality: { id: '10212-01', label: 'ATLANTA, GA (MAC 10212, locality 01)', via: 'locality', gpciFile: 'CY2026 PFS GPCIs (GPCI2026.csv)', countyFile: undefined },
        national: undefined,
        nationalBecause: undefined,
        pfs: [{ release: `RVU26A (2026 January release, ${qpp ? 'QPP' : 'nonQPP'})`, conversionFactor: cf, qpp, files: [file] }],
        asp: [],
      });
      assert.match(est.provenance!.payer, /Medicare/);
      assert.ok(est.notes.includes(`PFS RVU26A (2026 January release, ${qpp ? 'QPP' : 'nonQPP'}): conversion factor ${cf} (${file}).`));
      const h = doHover(a, 3, 2);
      const text = typeof h?.contents === 'object' && 'value' in h.contents ? h.contents.value : JSON.stringify(h?.contents);
      assert.match(text, new RegExp(`Conversion factor: ${String(cf).replace('.', '\\.')}`));
    }
  });

  it('a locally priced line never reads "National Medicare allowable" in its inlay tooltip', () => {
    const a = analyze(claim('2026-02-10'), tables);
    const hint = resolveInlayHint(a, getInlayHints(a)[0]);
    const tip = typeof hint.tooltip === 'string' ? hint.tooltip : hint.tooltip!.value;
    assert.doesNotMatch(tip, /National Medicare allowable/);
    assert.match(tip, /GPCI-adjusted for locality 10212-01/);
  });
});
