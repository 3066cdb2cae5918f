// Issue 13: never a silent pass from the CLI. `payer Medicare` is Medicare (an NCCI denial fails
// the run), a payer the tables do not cover is a warning and "not estimated", and the checks that
// could not run for lack of data are listed with the summary (text), as notes (json) and in the
// SARIF run's notifications.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli, hai } from '../helpers/cli';

const NCCI = (payer: string) => `claim "x"\n${payer}\nstate GA\npos 21\ndx C78.7\non 2026-03-03\n  47600 dx A\n  49000 dx A\n`;

describe('hai-claims: never a silent pass (issue 13)', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    buildCli();
    dir = mkdtempSync(join(tmpdir(), 'hai-not-run-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('check on payer Medicare (or PAYER MEDICARE) with an NCCI pair exits 1', () => {
    for (const payer of ['payer Medicare', 'PAYER MEDICARE', 'payer medicare']) {
      const r = hai(['check', file('ncci.claim', NCCI(payer))]);
      assert.equal(r.status, 1, payer);
      assert.match(r.stdout, /error ncci-ptp: 49000 is not reimbursable/, payer);
      assert.doesNotMatch(r.stdout, /unknown-payer/, payer);
    }
  });

  it('a payer the tables do not cover: a warning naming what was skipped, and the estimate says "not estimated", never $0.00', () => {
    const path = file('aetna.claim', NCCI('payer aetna'));
    const r = hai(['check', '--fail-on', 'warning', path]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /warning unknown-payer: .*every billing check .* and the estimate/);
    const est = hai(['estimate', path]);
    assert.match(est.stdout, /claim 1 \(line 1\): not estimated/);
    assert.match(est.stdout, /note: Not estimated: this claim's payer \(line \d+\) is not covered/);
    assert.match(est.stdout, /estimated Medicare allowable \$0\.00 \(1 claim not estimated: see the notes above\)\./);
    const [json] = JSON.parse(hai(['estimate', '--format', 'json', path]).stdout);
    assert.equal(json.total, null);
    assert.match(json.notEstimated, /^Not estimated/);
  });

  it('text: the summary is followed by the checks that did not run and why', () => {
    const r = hai(['check', file('ok.claim', NCCI('payer medicare'))]);
    const tail = r.stdout.slice(r.stdout.indexOf('\nNot run for lack of data') + 1).trimEnd().split('\n');
    assert.match(tail[0], /^Not run for lack of data \(name the CMS files under "data" in --config to run them\):$/);
    assert.deepEqual(tail.slice(1).map((l) => l.trim().split(':')[0]), ['ncci-ptp', 'mue', 'pfs-rvu', 'addon-aoc', 'icd10']);
    assert.ok(tail.includes('  mue: no data.mue file: medically unlikely edits (the most units per line or date) were not checked'));
  });

  it('a check turned off is not listed; json keeps its array and notes the rest on stderr; SARIF records them', () => {
    const path = file('ok.claim', NCCI('payer medicare'));
    const r = hai(['check', '--rule', 'mue=off', path]);
    assert.doesNotMatch(r.stdout, /^ {2}mue:/m);
    const json = hai(['check', '--format', 'json', path]);
    assert.ok(Array.isArray(JSON.parse(json.stdout)));
    assert.match(json.stderr, /^hai-claims: note: not run: mue: no data\.mue file/m);
    const sarif = JSON.parse(hai(['check', '--format', 'sarif', path]).stdout);
    const notes = sarif.runs[0].invocations[0].toolExecutionNotifications as { descriptor: { id: string }; message: { text: string } }[];
    assert.deepEqual(notes.map((n) => n.descriptor.id), ['ncci-ptp', 'mue', 'pfs-rvu', 'addon-aoc', 'icd10']);
    assert.match(notes[1].message.text, /^Not run: mue: no data\.mue file/);
  });

  it('estimate says which checks did not run: above the summary in text, as notes on stderr for json and csv', () => {
    const path = file('est.claim', NCCI('payer medicare'));
    const text = hai(['estimate', path]);
    assert.match(text.stdout, /\nNot run for lack of data[^\n]*\n {2}ncci-ptp: [^\n]*\n {2}mue: /);
    assert.match(text.stdout, /\n\n1 claim in 1 file: estimated Medicare allowable \$[\d,]+\.\d\d\.\n$/);
    for (const format of ['json', 'csv']) assert.match(hai(['estimate', '--format', format, path]).stderr, /^hai-claims: note: not run: mue: no data\.mue file/m);
  });
});
