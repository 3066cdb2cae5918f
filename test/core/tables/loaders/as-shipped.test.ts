// CMS's files as shipped (issue 21), the input layer: header cells matched by normalised words,
// dates in every form CMS uses, and the add-on code edits that must never go silent (deleted rows,
// nothing in force, an edit deleted before it took effect, the fixed-width text). The tidy
// samples and the as-shipped CSVs (test/fixtures/cms/as-shipped/extracted) read through them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cmsDay, loadAoc, loadGpci, loadLocalities, loadOppsCap, loadPfsRvu } from '../../../../server/src/core/tables/loaders';
import { findColumns, headerWords, missingColumnsReason } from '../../../../server/src/core/tables/loaders/header';
import { CMS_DIR, day } from '../../../helpers/cms-fixtures';

const extracted = (name: string) => ({ name, text: readFileSync(join(CMS_DIR, 'as-shipped', 'extracted', name), 'utf8') });
const AOC_HEADER = 'Add-on Code\tAdd-on Code Effective Date\tAdd-on Code Deletion Date\tPrimary Code\tPrimary Code Effective Date\tPrimary Code Deletion Date\tAOC Edit Type\tAOC Edit Effective Date\tAOC Edit Deletion Date\tSpecial Instruction Notes';
const aoc = (...rows: string[]) => loadAoc({ name: 'AOC_V2026Q2.txt', text: [AOC_HEADER, ...rows].join('\n') });

describe('headers by normalised words', () => {
  it('case, punctuation, underscores, "(Julian)" and CMS\'s misspellings read alike', () => {
    assert.equal(headerWords('Add-On Code'), 'add on code');
    assert.equal(headerWords('ADD_ON_CODE'), 'add on code');
    assert.equal(headerWords('AOC Edit Del Dt (Julian)'), 'aoc edit del dt');
    assert.equal(headerWords('NON-FACILTY PRICE'), 'non facility price');
    assert.equal(headerWords('Medicare Adminstrative Contractor'), 'medicare administrative contractor');
    assert.equal(headerWords(' *=in existence\nprior to 1996 '), 'in existence prior to 1996');
  });

  it('a missing column is named', () => {
    const { missing } = findColumns(['hcpcs', 'mod'], [{ key: 'cf', name: 'CONV FACTOR', pattern: /^conv factor$/, required: true }]);
    assert.equal(missingColumnsReason(missing), 'missing column "CONV FACTOR" in the header; the file was not loaded');
  });

  it('the add-on code edits with the workbook\'s headers, underscored headers, and a column it cannot find named', () => {
    const workbook = 'Primary Code,Add-On Code,AOC Edit Type,Special Instruction Notes,AOC Del Dt (Julian),Primary Code Del Dt (Julian),AOC Edit Eff Dt (Julian),AOC Edit Del Dt (Julian)';
    const r = loadAoc({ name: 'AOC_V2026Q2-MCR.xlsx', text: `${workbook}\n74300,74301,1,,,,2013001,\n` });
    assert.deepEqual(r.problems, []);
    assert.deepEqual([r.table.edits('74301')[0].primary, r.table.edits('74301')[0].effective], ['74300', day('2013-01-01')]);
    const underscored = 'ADD_ON_CODE,PRIMARY_CODE,AOC_EDIT_TYPE,AOC_EDIT_EFFECTIVE_DATE,AOC_EDIT_DELETION_DATE\n74301,74300,1,20130101,*\n';
    assert.equal(loadAoc({ name: 'aoc.csv', text: underscored }).table.size, 1);
    const noType = loadAoc({ name: 'aoc.csv', text: 'Add-on Code,Primary Code,AOC Edit Effective Date,AOC Edit Deletion Date\n74301,74300,20130101,*\n' });
    assert.equal(noType.table.size, 0);
    assert.match(noType.problems[0].reason, /missing column "AOC Edit Type"/);
  });

  it('the as-shipped release files: "Adminstrative", NON-FACILTY, the two conversion factors', () => {
    assert.equal(loadLocalities(extracted('26LOCCO.csv')).table.size > 0, true);
    assert.equal(loadGpci(extracted('GPCI2026.csv')).table.size, 12);
    const cap = loadOppsCap(extracted('OPPSCAP_JAN.csv'));
    assert.deepEqual(cap.problems, []);
    assert.equal(cap.table.size, 4);
    assert.equal(loadPfsRvu(extracted('PPRRVU2026_Jan_QPP.csv')).table.lookup('99213')?.conversionFactor, 33.5675);
    assert.equal(loadPfsRvu(extracted('PPRRVU2026_Jan_nonQPP.csv')).table.lookup('99213')?.conversionFactor, 33.4009);
    assert.deepEqual(loadPfsRvu(extracted('PPRRVU2026_Jan_nonQPP.csv')).table.conversionFactors?.(), [33.4009]);
  });
});

describe('CMS dates', () => {
  it('YYYYMMDD, Julian YYYYDDD, MM/DD/YYYY and Excel serial numbers; blank or * is none', () => {
    for (const t of ['20260401', '2026091', '04/01/2026', '4/1/2026', '46113', '46113.5']) assert.equal(cmsDay(t), day('2026-04-01'), t);
    assert.equal(cmsDay('2024366'), day('2024-12-31'), 'a leap year\'s day 366');
    assert.equal(cmsDay('1900-01-01'), undefined);
    for (const t of ['', ' ', '*']) assert.equal(cmsDay(t), null, JSON.stringify(t));
    for (const t of ['2025366', '2026000', '20260230', '13/01/2026', '202604', 'soon', '0']) assert.equal(cmsDay(t), undefined, t);
  });
});

describe('add-on code edits never go silent', () => {
  it('one meaning of a deletion date: the first day the edit no longer applies (the boundary day)', () => {
    const { table } = aoc('99999\t*\t*\t36260\t*\t*\t3\t20260101\t20260401\t', '74301\t*\t*\t74300\t*\t*\t1\t20130101\t*\t');
    assert.equal(table.editsOn('99999', day('2026-03-31')).length, 1);
    assert.equal(table.editsOn('99999', day('2026-04-01')).length, 0);
  });

  it('blank dates are none, as in CMS\'s workbook', () => {
    const { table, problems } = aoc('74301\t\t\t74300\t\t\t1\t20130101\t\t');
    assert.deepEqual(problems, []);
    assert.equal(table.edits('74301')[0].deleted, undefined);
  });

  it('an edit whose effective date is after its deletion date is a reported problem, not accepted', () => {
    const { table, problems } = aoc('74301\t*\t*\t74300\t*\t*\t1\t20130101\t*\t', '74301\t*\t*\t74000\t*\t*\t1\t20260401\t20250101\t');
    assert.equal(table.size, 1);
    assert.deepEqual(problems.map((p) => [p.line, p.reason]), [[3, 'the edit takes effect after its deletion date, which no CMS file holds; the row was not loaded (the other rows of the code still apply)']]);
  });

  it('a file with no edit in force is an error: its rows are not loaded', () => {
    const { table, problems } = aoc('74301\t*\t*\t74300\t*\t*\t1\t20130101\t20200101\t', '77002\t*\t*\t36260\t*\t*\t3\t20130101\t20200101\t');
    assert.equal(table.size, 0);
    assert.match(problems[0].reason, /^none of its 2 edits is in force \(every row has a deletion date\), so it is not a current add-on code edit file and was not loaded/);
  });

  it('the fixed-width text is refused with what to load instead; positions are never guessed', () => {
    const fixed = '7430174300 1 2013001       \n76937CCCCC 2 2013001       \n';
    const { table, problems } = loadAoc({ name: 'AOC_V2026Q2-MCR.txt', text: fixed });
    assert.equal(table.size, 0);
    assert.equal(problems.length, 1);
    assert.match(problems[0].reason, /^this is CMS's fixed-width add-on code text .* cannot be read here\. CMS publishes the add-on code edits as an Excel workbook \(AOC_\*\.xlsx, in the quarter's zip\)/);
  });
});
