// Findings of issue 16: a locality not in the GPCI file, a county in no locality, a state that
// does not match the locality's; addon-without-primary by the AOC file's edit types, and by the
// guide without it.
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis';
import { messageOf } from '../../../server/src/core/rules/messages';
import { createTables, loadDefaultTables } from '../../../server/src/core/tables';
import { loadGuideTables, loadReferenceTables } from '../../../server/src/core/tables/load';
import { loadAoc, loadGpci, loadLocalities } from '../../../server/src/core/tables/loaders';
import { AOC, GPCI, localFixture, LOCCO } from '../../helpers/local-fixtures';

const tables = createTables(loadGuideTables(), loadReferenceTables(), {
  gpci: loadGpci(localFixture(GPCI)).table,
  localities: loadLocalities(localFixture(LOCCO)).table,
  addOn: loadAoc(localFixture(AOC)).table,
});
const head = (extra: string) => `claim "x"\npayer medicare\nstate GA\npos 11\ndx C78.7\n${extra}\non 2026-05-04\n  96522 dx A\n`;
const found = (text: string, t = tables) =>
  analyze(text, t)
    .findings.filter((f) => ['unknown-locality', 'unknown-county', 'locality-state', 'addon-without-primary'].includes(f.rule))
    .map((f) => ({ rule: f.rule, severity: f.severity, line: f.line, start: f.start, end: f.end, denies: f.deniesLine }));

describe('locality findings', () => {
  it('none for a locality or county the files know in the claim\'s state', () => {
    assert.deepEqual(found(head('locality 10212-01')), []);
    assert.deepEqual(found(head('county GA FULTON')), []);
  });

  it('a locality not in the file', () => {
    assert.deepEqual(found(head('locality 10212-05')), [{ rule: 'unknown-locality', severity: 'warning', line: 5, start: 9, end: 17, denies: undefined }]);
    const f = analyze(head('locality 10212-05'), tables).findings.find((x) => x.rule === 'unknown-locality')!;
    assert.match(messageOf(f), /Locality 10212-05 is not in CY2026 PFS GPCIs \(GPCI2026\.csv\), so the claim is priced nationally/);
  });

  it('a county in no locality, without quoting the name', () => {
    const text = head('county WY Zzroe Jane').replace('state GA', 'state WY');
    assert.deepEqual(found(text), [{ rule: 'unknown-county', severity: 'warning', line: 5, start: 7, end: 20, denies: undefined }]);
    const m = messageOf(analyze(text, tables).findings.find((x) => x.rule === 'unknown-county')!);
    assert.ok(!/zzroe/i.test(m));
    assert.match(m, /in no locality of WY in CY2026 PFS locality-to-county file/);
  });

  it('a county the file does not name, put in "all other counties": information, naming where', () => {
    const text = head('county GA Zzroe');
    assert.deepEqual(found(text), [{ rule: 'unknown-county', severity: 'information', line: 5, start: 7, end: 15, denies: undefined }]);
    const m = messageOf(analyze(text, tables).findings.find((x) => x.rule === 'unknown-county')!);
    assert.ok(!/zzroe/i.test(m));
    assert.match(m, /priced in 10212-99 \(REST OF GEORGIA: all other counties of GA\)/);
  });

  it('a state that does not match the locality\'s', () => {
    const text = head('locality 10312-35');
    assert.deepEqual(found(text), [{ rule: 'locality-state', severity: 'warning', line: 5, start: 9, end: 17, denies: undefined }]);
    const f = analyze(text, tables).findings.find((x) => x.rule === 'locality-state')!;
    assert.match(messageOf(f), /Locality 10312-35 \(TENNESSEE, TN \(MAC 10312, locality 35\)\) is in TN, but the claim's state is GA/);
    assert.equal(f.related?.[0].line, 2);
    assert.deepEqual(found(head('county TN DAVIDSON')).map((x) => x.rule), ['locality-state']);
  });

  it('without the files: information that the check could not run, never silence', () => {
    const none = loadDefaultTables();
    assert.deepEqual(found(head('locality 10212-01'), none), [{ rule: 'unknown-locality', severity: 'information', line: 5, start: 9, end: 17, denies: undefined }]);
    assert.deepEqual(found(head('county GA FULTON'), none).map((f) => [f.rule, f.severity]), [['unknown-locality', 'information']]);
  });
});

describe('addon-without-primary', () => {
  const claim = (lines: string[]) => `claim "x"\npayer medicare\nstate GA\npos 22\ndx C78.7\non 2026-05-04\n${lines.map((l) => `  ${l} dx A`).join('\n')}\n`;

  it('type 1: denied without a listed primary, fine with it', () => {
    assert.deepEqual(found(claim(['74300-26', '74301-26'])), []);
    assert.deepEqual(found(claim(['47562', '74301-26'])), [{ rule: 'addon-without-primary', severity: 'error', line: 7, start: 2, end: 7, denies: 7 }]);
    const f = analyze(claim(['47562', '74301-26']), tables).findings.find((x) => x.rule === 'addon-without-primary')!;
    assert.match(messageOf(f), /74301 is a type 1 add-on code in NCCI add-on code edits 2026Q2 .*listed primary procedures \(74300\)/);
  });

  it('type 2: only alone on its date', () => {
    assert.deepEqual(found(claim(['36260', '76937-26'])), []);
    assert.deepEqual(found(claim(['76937-26'])).map((f) => [f.rule, f.severity, f.denies]), [['addon-without-primary', 'error', 6]]);
  });

  it('type 3: information (not denied) with an unlisted primary', () => {
    assert.deepEqual(found(claim(['36260', '77002-26'])), []);
    assert.deepEqual(found(claim(['47562', '77002-26'])).map((f) => [f.rule, f.severity, f.denies]), [['addon-without-primary', 'information', undefined]]);
  });

  it('without the AOC file: the guide\'s add-on codes alone on their date', () => {
    const none = loadDefaultTables();
    assert.deepEqual(found(claim(['76937-26']), none).map((f) => [f.rule, f.severity, f.denies]), [['addon-without-primary', 'error', 6]]);
    assert.deepEqual(found(claim(['36260', '76937-26']), none), []);
    const m = messageOf(analyze(claim(['76937-26']), none).findings.find((x) => x.rule === 'addon-without-primary')!);
    assert.match(m, /76937 is an add-on code \(CY2026 HAI coding and billing guide: "List separately in addition to code for primary procedure"\)/);
  });
});

describe('a claim with both a locality and a county line', () => {
  it('the locality line prices; a county naming another locality is a warning on the county line (issue 21)', () => {
    const text = head('locality 10212-01\ncounty GA WARE');
    assert.deepEqual(found(text).map((f) => [f.rule, f.severity, f.line]), [['unknown-county', 'warning', 6]]);
    const m = messageOf(analyze(text, tables).findings.find((x) => x.rule === 'unknown-county')!);
    assert.match(m, /locality line \(10212-01\) prices the claim, but this county is in 10212-99/);
    assert.deepEqual(found(head('locality 10212-01\ncounty GA FULTON')), []);
  });
});

describe('locality lines and free text', () => {
  it('no message, estimate note or hover quotes a word typed on a locality or county line', () => {
    const name = 'Zzroe';
    for (const line of [`locality ${name}`, `locality 10212-0${name}`, `county ${name} Jane`, `county GA ${name} Jane`, `county WY ${name}`]) {
      const text = head(line);
      const a = analyze(text, tables);
      for (const f of a.findings) assert.ok(!messageOf(f).toLowerCase().includes(name.toLowerCase()), `${f.rule} quotes free text (${line})`);
      for (const n of a.estimate()[0].notes) assert.ok(!n.toLowerCase().includes(name.toLowerCase()), `a note quotes free text (${line})`);
    }
  });
});
