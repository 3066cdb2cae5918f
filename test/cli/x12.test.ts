// `hai-claims check|estimate|import` on X12 837P files (issue 24), through the built CLI:
// findings at X12 positions in every format, the estimate, import, and de-identification as a
// tested promise (every element that must not be copied is seeded with a sentinel and searched for
// in every output).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildCli, CLI, hai } from '../helpers/cli';
import { interchange, type Phi, type X12Spec } from '../helpers/x12';

const SENTINELS: Phi = {
  name: 'ZQXNAME',
  id: 'ZQXID4471',
  address: 'ZQX 12 ADDR',
  city: 'ZQXCITY',
  zip: '97531',
  dob: '19010203',
  account: 'ZQXACCT88',
  claimControl: 'ZQXCCN7',
  note: 'ZQX FREE TEXT NOTE',
  charge: '86420.13',
  phone: '5550009999',
};

const SPEC: X12Spec = {
  subscribers: [
    {
      filing: 'MB',
      claims: [
        { pos: '11', dx: ['C787', 'C187'], lines: [{ code: '96522', date: '20260316' }, { code: 'J9200', modifiers: ['KD'], units: '2', date: '20260316' }] },
        { pos: '21', dx: ['C787', 'C187'], lines: [{ code: '36260', date: '20260302' }, { code: '49000', date: '20260302' }, { code: '78830', date: '20260302', pointers: [1, 3] }] },
      ],
    },
    { filing: '16', claims: [{ pos: '11', lines: [{ code: '96522', date: '20260316' }] }] },
  ],
};

describe('hai-claims on X12 837P files (built CLI)', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    buildCli();
    dir = mkdtempSync(join(tmpdir(), 'hai-x12-'));
    writeFileSync(join(dir, 'claims.837'), interchange(SPEC, SENTINELS));
    writeFileSync(join(dir, 'oneline.x12'), interchange({ ...SPEC, lineBreak: '' }, SENTINELS));
    writeFileSync(join(dir, 'claims.txt'), interchange(SPEC, SENTINELS));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('check: each finding at its segment, line and column, in the text report', () => {
    const r = hai(['check', '--no-config', 'claims.837'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    const text = readFileSync(join(dir, 'claims.837'), 'utf8').split('\n');
    const ncci = /^claims\.837:(\d+):(\d+): error ncci-ptp: 837P SV1 segment (\d+): 49000 is not reimbursable/m.exec(r.stdout)!;
    assert.ok(ncci, r.stdout);
    assert.equal(text[Number(ncci[1]) - 1].slice(Number(ncci[2]) - 1).slice(0, 5), '49000');
    assert.match(r.stdout, /claims\.837:\d+:\d+: error x12: 837P CLM segment \d+: This claim has no HI segment/);
  });

  it('check: every format carries the X12 position (json, sarif, github, gitlab), also with no line breaks', () => {
    for (const file of ['claims.837', 'oneline.x12', 'claims.txt']) {
      const json = JSON.parse(hai(['check', '--no-config', '-f', 'json', file], { cwd: dir }).stdout) as { code: string; message: string; range: { start: { line: number } } }[];
      const ncci = json.find((d) => d.code === 'ncci-ptp')!;
      assert.match(ncci.message, /^837P SV1 segment \d+: /, file);
      if (file === 'oneline.x12') assert.ok(json.every((d) => d.range.start.line === 0));
      const sarif = hai(['check', '--no-config', '-f', 'sarif', file], { cwd: dir }).stdout;
      assert.match(sarif, /"text": "837P SV1 segment \d+: 49000 is not reimbursable/);
      const github = hai(['check', '--no-config', '-f', 'github', file], { cwd: dir }).stdout;
      assert.match(github, /::error file=[^,]+,line=\d+,.*837P SV1 segment \d+/);
      const gitlab = hai(['check', '--no-config', '-f', 'gitlab', file], { cwd: dir }).stdout;
      assert.match(gitlab, /837P SV1 segment \d+: 49000/);
    }
  });

  it('estimate: each claim priced as its .claim would be; 49000 denied by NCCI', () => {
    const r = hai(['estimate', '--no-config', '-f', 'json', 'claims.837'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    const claims = JSON.parse(r.stdout) as { claim: number; total: number | null; notEstimated: string | null; dates: { lines: { code: string; amount: number }[] }[] }[];
    assert.deepEqual(claims.map((c) => c.claim), [1, 2, 3]);
    assert.equal(claims[0].total, 8381);
    // 36260 633.00 + 49000 denied + 78830 65.00 (the guide's facility allowables).
    assert.equal(claims[1].total, 698);
    assert.equal(claims[1].dates[0].lines.find((l) => l.code === '49000')!.amount, 0);
  });

  it('import: one de-identified .claim per claim, named by interchange control number and ordinal; never overwrites', () => {
    const out = join(dir, 'templates');
    const r = hai(['import', 'claims.837', '-o', 'templates'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(readdirSync(out).sort(), ['000000905-001.claim', '000000905-002.claim', '000000905-003.claim']);
    const first = readFileSync(join(out, '000000905-001.claim'), 'utf8');
    assert.match(first, /^payer medicare\nstate GA\npos 11\ndx C78\.7\ndx C18\.7\n\non 2026-03-16\n {2}96522 dx A\n {2}J9200-KD x2 dx A\n$/m);
    // The imported claim checks clean and prices as the 837 did.
    const est = JSON.parse(hai(['estimate', '--no-config', '-f', 'json', 'templates/000000905-001.claim'], { cwd: dir }).stdout) as { total: number }[];
    assert.equal(est[0].total, 8381);
    const again = hai(['import', 'claims.837', '-o', 'templates'], { cwd: dir });
    assert.equal(again.status, 2);
    assert.match(again.stderr, /000000905-001\.claim exists: not overwritten/);
  });

  it('de-identification: no name, identifier, address, date of birth, account or claim control number, note or charge reaches any output', () => {
    const outputs: string[] = [];
    const run = (args: string[]) => {
      const r = hai(args, { cwd: dir });
      outputs.push(r.stdout, r.stderr);
    };
    for (const file of ['claims.837', 'oneline.x12', 'claims.txt']) {
      for (const f of ['text', 'json', 'sarif', 'github', 'gitlab']) run(['check', '--no-config', '-f', f, file]);
      for (const f of ['text', 'json', 'csv']) run(['estimate', '--no-config', '-f', f, file]);
      run(['import', file, '-o', `deid-${file}`]);
      for (const name of readdirSync(join(dir, `deid-${file}`))) outputs.push(name, readFileSync(join(dir, `deid-${file}`, name), 'utf8'));
    }
    const all = outputs.join('\n');
    assert.match(all, /ncci-ptp/);
    for (const [field, value] of Object.entries(SENTINELS)) assert.ok(!all.includes(value), `${field} (${value}) reached an output`);
    // The date of birth in any form.
    assert.ok(!all.includes('1901-02-03'));
  });
});

describe('hai-claims check - (standard input) holding an 837P', function () {
  this.timeout(60_000);
  before(() => buildCli());
  it('is read as an 837P, findings at X12 positions', () => {
    const r = spawnSync(process.execPath, [CLI, 'check', '--no-config', '-'], { input: interchange(SPEC, SENTINELS), encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^<stdin>:\d+:\d+: error ncci-ptp: 837P SV1 segment \d+: 49000/m);
    for (const value of Object.values(SENTINELS)) assert.ok(!r.stdout.includes(value) && !r.stderr.includes(value));
  });
});
