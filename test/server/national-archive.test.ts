// CMS's files as CMS ships them (issue 21): the quarterly PFS release zip named once
// (data.pfsRelease), the add-on code edits as an Excel workbook inside CMS's zip, PTP parts inside
// a zip, and every archive that must be refused with a clear reason (zip bombs, unsafe paths,
// encrypted, damaged or empty archives). The samples are test/fixtures/cms/as-shipped (copied
// from the shared as-shipped samples; every number in them is invented).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadNationalFiles, type NationalLoadStats } from '../../server/src/national-io';
import { cellText, rowLine } from '../../server/src/national-archive';
import { aocVerdict } from '../../server/src/core/rules/addon-aoc';
import { CMS_DIR, day, PTP_F1, PTP_F2 } from '../helpers/cms-fixtures';
import { makeZip } from '../helpers/zip';

const SHIPPED = join(CMS_DIR, 'as-shipped');
const EXTRACTED = join(SHIPPED, 'extracted');
const RELEASE = 'RVU26A-sample.zip';
const AOC_ZIP = 'AOC_V2026Q2-MCR.zip';

const statOf = (stats: NationalLoadStats[], key: string) => stats.find((s) => s.key === key)!;

describe('national files as CMS ships them: zip and Excel', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hai-archive-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, bytes: Buffer | string) => {
    writeFileSync(join(dir, name), bytes);
    return name;
  };

  it('data.pfsRelease fills the RVU, GPCI, locality and OPPS cap slots from the release zip, the same rows as the extracted CSVs, and names each member read', async () => {
    const zipped = await loadNationalFiles({ pfsRelease: [RELEASE] }, SHIPPED);
    const extracted = await loadNationalFiles(
      { pfsRvu: ['PPRRVU2026_Jan_QPP.csv', 'PPRRVU2026_Jan_nonQPP.csv'], gpci: ['GPCI2026.csv'], localities: ['26LOCCO.csv'], oppsCap: ['OPPSCAP_JAN.csv'] },
      EXTRACTED,
    );
    assert.deepEqual(
      zipped.stats.map((s) => [s.key, s.from, s.rows]),
      extracted.stats.map((s) => [s.key, 'pfsRelease', s.rows]),
    );
    assert.deepEqual(zipped.stats.map((s) => s.rows), [3, 12, 15, 4]);
    assert.deepEqual(statOf(zipped.stats, 'pfsRvu').members, [
      { file: RELEASE, member: 'PPRRVU2026_Jan_QPP.csv' },
      { file: RELEASE, member: 'PPRRVU2026_Jan_nonQPP.csv' },
    ]);
    assert.deepEqual(statOf(zipped.stats, 'oppsCap').members, [{ file: RELEASE, member: 'OPPSCAP_JAN.csv' }]);
    // The member shows in the table's provenance, and a problem names the member inside the zip.
    assert.match(zipped.national.gpci!.source.label, /\(GPCI2026\.csv\)/);
    assert.equal(zipped.national.oppsCap!.source.label, 'PFS OPPS cap 2026Q1 (OPPSCAP_JAN.csv)');
    for (const p of zipped.problems) assert.ok(p.file.endsWith(`${RELEASE}/26LOCCO.csv`), p.file);
    // CMS's "NON-FACILTY PRICE" is read, and the closing end-of-file row is no row.
    const cap = zipped.national.oppsCap!.lookup('74175', 'TC', '10212-01');
    assert.deepEqual([cap?.facility, cap?.nonFacility], [0, 170]);
    assert.equal(zipped.national.oppsCap!.lookup('74175', '', '10212-99')?.nonFacility, 240);
  });

  it('a slot set on its own wins over data.pfsRelease', async () => {
    const { stats } = await loadNationalFiles({ pfsRelease: [join(SHIPPED, RELEASE)], gpci: [join(EXTRACTED, 'GPCI2026.csv')] }, dir);
    assert.deepEqual(statOf(stats, 'gpci').from, undefined);
    assert.deepEqual(statOf(stats, 'gpci').members, []);
    assert.equal(statOf(stats, 'pfsRvu').from, 'pfsRelease');
  });

  it('the add-on code workbook inside CMS\'s zip: Julian dates, primary before add-on, a deleted row never decides', async () => {
    const { national, stats, problems } = await loadNationalFiles({ addOn: [AOC_ZIP] }, SHIPPED);
    assert.deepEqual(problems, []);
    assert.equal(statOf(stats, 'addOn').rows, 5);
    assert.deepEqual(statOf(stats, 'addOn').members.map((m) => m.member), ['AOC_V2026Q2-MCR.xlsx (sheet AOC_V2026Q2-MCR)']);
    const aoc = national.addOn!;
    assert.equal(aoc.source.label, 'NCCI add-on code edits 2026Q2 (AOC_V2026Q2-MCR.xlsx)');
    const deleted = aoc.edits('74301').find((e) => e.primary === '74000')!;
    // AOC Edit Del Dt 2020001 (Julian): 2020-01-01 is the first day it no longer applies.
    assert.deepEqual([deleted.effective, deleted.deleted, deleted.primaryDeleted], [day('2013-01-01'), day('2020-01-01'), day('2019-12-31')]);
    assert.deepEqual(aoc.editsOn('74301', day('2019-12-30')).map((e) => e.primary).sort(), ['74000', '74300']);
    assert.deepEqual(aoc.editsOn('74301', day('2026-03-02')).map((e) => e.primary), ['74300']);
    // 74301 billed with 74000 in 2026: the deleted row does not make 74000 a listed primary.
    const v = aocVerdict(aoc, '74301', day('2026-03-02'), ['74301', '74000']);
    assert.ok(v && v !== 'not-listed' && v.reason === 'no-listed-primary' && v.denies);
    assert.deepEqual(v.primaries, ['74300']);
    assert.equal(aocVerdict(aoc, '74301', day('2026-03-02'), ['74301', '74300']), undefined);
    assert.deepEqual(aoc.edits('77002').map((e) => e.type), [3, 3]);
  });

  it('the same workbook named as an .xlsx file reads the same rows', async () => {
    const { national, stats } = await loadNationalFiles({ addOn: ['AOC_V2026Q2-MCR.xlsx'] }, EXTRACTED);
    assert.equal(national.addOn?.size, 5);
    assert.deepEqual(statOf(stats, 'addOn').members.map((m) => m.member), ['sheet AOC_V2026Q2-MCR']);
  });

  it('a workbook with several sheets: the one with the needed columns; Excel dates and serial numbers read as dates', async () => {
    // Two sheets, as Excel writes them: shared strings, inline strings, numbers (a date cell is its serial number).
    const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
    const shared = (ref: string, i: number) => `<c r="${ref}" t="s"><v>${i}</v></c>`;
    const num = (ref: string, v: number) => `<c r="${ref}"><v>${v}</v></c>`;
    const sheet = (rows: string[]) => `<worksheet><sheetData>${rows.map((r, i) => `<row r="${i + 1}">${r}</row>`).join('')}</sheetData></worksheet>`;
    write(
      'aoc.xlsx',
      makeZip([
        { name: 'xl/workbook.xml', data: '<workbook><sheets><sheet name="Read me" sheetId="1" r:id="rId1"/><sheet name="Edits" sheetId="2" r:id="rId2"/></sheets></workbook>' },
        { name: 'xl/_rels/workbook.xml.rels', data: '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="worksheets/sheet2.xml"/></Relationships>' },
        { name: 'xl/worksheets/sheet1.xml', data: sheet([inline('A1', 'About this file'), inline('A2', 'The edits are on the next sheet')]) },
        { name: 'xl/worksheets/sheet2.xml', data: sheet([
          [shared('A1', 0), inline('B1', 'Primary Code'), inline('C1', 'AOC Edit Type'), inline('D1', 'AOC Edit Eff Dt'), inline('E1', 'AOC Edit Del Dt')].join(''),
          [shared('A2', 1), shared('B2', 2), num('C2', 1), num('D2', 41275)].join(''),
          [inline('A3', '77002'), inline('B3', '36260'), num('C3', 3), num('D3', 41275)].join(''),
        ]) },
        { name: 'xl/sharedStrings.xml', data: '<sst><si><r><t>Add-On </t></r><r><t>Code</t></r></si><si><t>74301</t></si><si><t>74300</t></si></sst>' },
      ]),
    );
    const { national, stats, problems } = await loadNationalFiles({ addOn: ['aoc.xlsx'] }, dir);
    assert.deepEqual(problems, []);
    assert.deepEqual(statOf(stats, 'addOn').members.map((m) => m.member), ['sheet Edits']);
    assert.equal(national.addOn!.edits('74301')[0].effective, day('2013-01-01'));
    // Excel's serial 41275 is 2013-01-01; a rich-text shared string reads as its runs joined.
    assert.equal(national.addOn!.edits('77002')[0].effective, day('2013-01-01'));
  });

  it('cells become the text a CMS text file holds', () => {
    assert.equal(cellText(new Date(Date.UTC(2026, 2, 31))), '20260331');
    assert.equal(cellText(41275), '41275');
    assert.equal(rowLine(['a,b', 'say "x"', 'two\nlines', 3], 'csv'), '"a,b","say ""x""",two lines,3');
    assert.equal(rowLine(['a\tb', '', 'c'], 'tab'), 'a b\t\tc');
  });

  it('PTP parts inside a zip load the same edits as the text files, through the PTP cache too', async () => {
    const f1 = readFileSync(join(CMS_DIR, PTP_F1));
    const f2 = readFileSync(join(CMS_DIR, PTP_F2));
    write('ccipra-v321r0.zip', makeZip([{ name: PTP_F2, data: f2 }, { name: PTP_F1, data: f1 }, { name: 'PTP-Alert.pdf', data: '%PDF' }]));
    const zipped = await loadNationalFiles({ ncciPtp: ['ccipra-v321r0.zip'] }, dir, { cacheDir: join(dir, 'cache') });
    const text = await loadNationalFiles({ ncciPtp: [PTP_F1, PTP_F2] }, CMS_DIR);
    assert.equal(zipped.national.ptp?.size, text.national.ptp?.size);
    assert.deepEqual(statOf(zipped.stats, 'ncciPtp').members.map((m) => m.member), [PTP_F1, PTP_F2]);
    assert.deepEqual(zipped.national.ptp!.lookup('71260', '71046', day('2026-04-01')), text.national.ptp!.lookup('71260', '71046', day('2026-04-01')));
    const again = await loadNationalFiles({ ncciPtp: ['ccipra-v321r0.zip'] }, dir, { cacheDir: join(dir, 'cache') });
    assert.equal(statOf(again.stats, 'ncciPtp').fromCache, true);
    assert.equal(again.national.ptp?.size, text.national.ptp?.size);
  });

  it('a member of several 256 KiB pieces reads as its text file does, a character cut between two pieces included, deflated or stored', async () => {
    // ICD-10-CM order lines whose descriptions are all two-byte characters (é): whichever way the
    // 256 KiB pieces fall, one of the two texts (one byte apart) has a character cut in two. A
    // stored member is read as it lies in the file, in several 256 KiB reads.
    for (const [pad, method] of [['', 8], [' ', 8], ['', 0], [' ', 0]] as const) {
      const lines = Array.from({ length: 4000 }, (_, i) => {
        const code = `C00${String(i).padStart(4, '0')}`;
        const desc = `${i === 0 ? pad : ''}${'é'.repeat(20 + (i % 7))}`;
        return `${String(i + 1).padStart(5, '0')} ${code.padEnd(7)} 1 ${desc.padEnd(60)} ${desc}`;
      });
      const text = `${lines.join('\n')}\n`;
      assert.ok(Buffer.byteLength(text) > 2 * 262144);
      write('icd10cm_order_2026.txt', text);
      write('icd10cm-2026.zip', makeZip([{ name: 'README.txt', data: 'another member first, so the text starts past the archive\'s first bytes' }, { name: 'icd10cm_order_2026.txt', data: Buffer.from(text), method }]));
      const plain = await loadNationalFiles({ icd10cm: ['icd10cm_order_2026.txt'] }, dir);
      const zipped = await loadNationalFiles({ icd10cm: ['icd10cm-2026.zip'] }, dir);
      assert.deepEqual(zipped.problems, []);
      assert.equal(zipped.national.icd10?.size, 4000);
      for (let i = 0; i < 4000; i += 1) {
        const code = `C00${String(i).padStart(4, '0')}`;
        assert.equal(zipped.national.icd10!.lookup(code)?.description, plain.national.icd10!.lookup(code)?.description, code);
      }
    }
  });

  describe('archives that are refused, each with its reason', () => {
    const GPCI = () => readFileSync(join(EXTRACTED, 'GPCI2026.csv'));
    // `partly`: the damage shows only at the member's end (its checksum), after its rows were read (the CLI refuses the file; the server keeps the rows, with the problem).
    const refused = async (zip: Buffer | string, name = 'GPCI2026.zip', partly = false) => {
      write(name, zip);
      const { national, stats } = await loadNationalFiles({ gpci: [name] }, dir);
      if (!partly) assert.equal(national.gpci, undefined);
      const u = statOf(stats, 'gpci').unreadable;
      assert.equal(u.length, 1);
      assert.equal(u[0].file, name);
      return u[0];
    };

    it('an empty archive', async () => {
      const u = await refused(makeZip([]));
      assert.deepEqual([u.code, u.reason], ['EZIPEMPTY', 'is an empty zip archive (it holds no file); download it again']);
    });

    it('a member path with ".." or an absolute path', async () => {
      for (const name of ['../GPCI2026.csv', '/etc/GPCI2026.csv', 'C:/GPCI2026.csv', 'a\\..\\..\\GPCI2026.csv']) {
        const u = await refused(makeZip([{ name, data: GPCI() }]));
        assert.equal(u.code, 'EZIPPATH', name);
        assert.match(u.reason!, /leaves the archive/);
      }
    });

    it('an encrypted member', async () => {
      const u = await refused(makeZip([{ name: 'GPCI2026.csv', data: GPCI(), flags: 1 }]));
      assert.equal(u.code, 'EZIPENCRYPTED');
      assert.match(u.reason!, /member GPCI2026\.csv is encrypted \(password protected\)/);
    });

    it('a damaged member: bytes that do not inflate, or a checksum that does not match', async () => {
      const bad = await refused(makeZip([{ name: 'GPCI2026.csv', data: GPCI(), raw: Buffer.from('not deflate data at all, just text') }]));
      assert.equal(bad.code, 'EZIPDAMAGED');
      assert.match(bad.reason!, /member GPCI2026\.csv is damaged/);
      const crc = await refused(makeZip([{ name: 'GPCI2026.csv', data: GPCI(), crc: 12345 }]), 'GPCI2026.zip', true);
      assert.deepEqual([crc.code, /checksum does not match/.test(crc.reason!)], ['EZIPDAMAGED', true]);
    });

    it('not a zip at all, or cut short', async () => {
      assert.equal((await refused('this is not a zip')).code, 'EZIPDAMAGED');
      const whole = makeZip([{ name: 'GPCI2026.csv', data: GPCI() }]);
      assert.equal((await refused(whole.subarray(0, whole.length - 30))).code, 'EZIPDAMAGED');
    });

    it('zip bombs: a member inflating far beyond its size, or an archive declaring more than any CMS file', async () => {
      const ratio = await refused(makeZip([{ name: 'GPCI2026.csv', data: Buffer.alloc(2_000_000, 0x30), method: 8 }]));
      assert.equal(ratio.code, 'EZIPBOMB');
      assert.match(ratio.reason!, /member GPCI2026\.csv would inflate \d+ times its size, far more than CMS's files \(at most 200\): it was not read, as a zip bomb would not be/);
      const huge = await refused(makeZip([{ name: 'GPCI2026.csv', data: GPCI(), declaredSize: 0xfffffff0 }]));
      assert.deepEqual([huge.code, /would inflate to 4\.0 GiB/.test(huge.reason!)], ['EZIPBOMB', true]);
      const total = await refused(makeZip(Array.from({ length: 3 }, (_, i) => ({ name: `part${i}.bin`, data: 'x', declaredSize: 0xfffffff0 }))));
      assert.deepEqual([total.code, /in all, more than any CMS archive/.test(total.reason!)], ['EZIPBOMB', true]);
    });

    it('no member of this kind: the members it holds are listed', async () => {
      const u = await refused(makeZip([{ name: 'RVU26A.pdf', data: '%PDF' }, { name: 'ANES2026.csv', data: 'x' }]));
      assert.equal(u.code, 'ENOMEMBER');
      assert.equal(u.reason, 'holds no GPCI*.csv file (csv, xlsx) for this setting; it holds: RVU26A.pdf, ANES2026.csv. Name the zip that CMS publishes for this file, or the file itself');
    });

    it('a damaged workbook inside a zip; a workbook without its workbook part; a sheet that is not XML', async () => {
      write('AOC.zip', makeZip([{ name: 'AOC_V2026Q2-MCR.xlsx', data: 'PK not really a workbook' }]));
      const { stats } = await loadNationalFiles({ addOn: ['AOC.zip'] }, dir);
      assert.equal(statOf(stats, 'addOn').unreadable[0].code, 'EZIPDAMAGED');
      write('noparts.xlsx', makeZip([{ name: 'xl/worksheets/sheet1.xml', data: '<worksheet/>' }]));
      const noParts = await loadNationalFiles({ addOn: ['noparts.xlsx'] }, dir);
      assert.deepEqual(statOf(noParts.stats, 'addOn').unreadable.map((u) => u.code), ['EXLSX']);
      const workbook = '<workbook><sheets><sheet name="Edits" r:id="rId1"/></sheets></workbook>';
      const sheet = '<worksheet><sheetData><row><c t="inlineStr"><is><t>Add-on Code</t></is></c></row><row><c></sheetData>';
      write('bad.xlsx', makeZip([{ name: 'xl/workbook.xml', data: workbook }, { name: 'xl/worksheets/sheet1.xml', data: sheet }]));
      const bad = await loadNationalFiles({ addOn: ['bad.xlsx'] }, dir);
      assert.deepEqual(statOf(bad.stats, 'addOn').unreadable.map((u) => u.code), ['EXLSX']);
    });
  });
});
