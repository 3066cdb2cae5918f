// `--fix` never damages a file (issue 26): each failure the issue found, reproduced in process
// (cli/run.ts with its io object) on real files in a temporary folder.
import assert from 'node:assert/strict';
import { closeSync, existsSync, lstatSync, openSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli-in-process';
import { writeFixedFile } from '../../server/src/cli/write-fix';
import { readRegularFile, readStdinBounded } from '../../server/src/cli/read';
import { applyEditGroups, fixText } from '../../server/src/core/fixes';
import { analyze, loadDefaultTables } from '../../server/src/core/languageService';

const HEAD = ['claim "Refill"', 'payer medicare', 'state GA', 'pos 11', 'dx C78.7', '', 'on 2026-03-30'];

describe('--fix never damages a file (issue 26)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hai-fix-'));
    mkdirSync(join(dir, '.git'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a file that is not UTF-8 (Windows-1252 é, ñ) is left byte for byte, with a clear message and exit 2', async () => {
    const bytes = Buffer.concat([Buffer.from('claim "Refill"\nPAYER medicare\nstate GA\npos 11\ndx C78.7\n\non 2026-03-30\n  96522 dx A  # Jos'), Buffer.from([0xe9, 0x20, 0xf1]), Buffer.from('\n')]);
    writeFileSync(join(dir, 'a.claim'), bytes);
    const r = await runCli(['check', '--fix', 'a.claim'], dir);
    assert.deepEqual(readFileSync(join(dir, 'a.claim')), bytes);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /a\.claim: not fixed: it is not valid UTF-8 \(line 8;.*save it as UTF-8/);
    assert.doesNotMatch(r.stdout, /^Fixed/m);
    const dry = await runCli(['check', '--fix-dry-run', 'a.claim'], dir);
    assert.equal(dry.stdout, '');
    assert.match(dry.stderr, /not valid UTF-8/);
  });

  it('writes through a temporary file renamed over the original (a new inode, nothing left beside it)', async () => {
    const file = join(dir, 'a.claim');
    writeFileSync(file, [...HEAD.map((l) => l.replace('payer', 'PAYER')), '  96522 dx A', ''].join('\n'));
    const inode = statSync(file).ino;
    const r = await runCli(['check', '--fix', 'a.claim'], dir);
    assert.match(r.stdout, /^Fixed 1 problem in 1 file/m);
    assert.equal(readFileSync(file, 'utf8'), [...HEAD, '  96522 dx A', ''].join('\n'));
    assert.notEqual(statSync(file).ino, inode);
    assert.deepEqual(readdirSync(dir).sort(), ['.git', 'a.claim']);
  });

  it('a file changed since it was read is not written over (the save made during the run wins)', () => {
    const file = join(dir, 'a.claim');
    writeFileSync(file, 'PAYER medicare\n');
    const read = readRegularFile(file, 1_000_000);
    assert.ok(read.ok);
    writeFileSync(file, 'payer medicare\n# saved meanwhile\n');
    const refused = writeFixedFile(file, dir, 'payer medicare\n', read.text, read.identity, 1_000_000);
    assert.match(refused ?? '', /changed while hai-claims read it/);
    assert.equal(readFileSync(file, 'utf8'), 'payer medicare\n# saved meanwhile\n');
  });

  it('a write that fails leaves the original whole and no temporary file', () => {
    const file = join(dir, 'a.claim');
    writeFileSync(file, 'PAYER medicare\n');
    const read = readRegularFile(file, 1_000_000);
    assert.ok(read.ok);
    // A text that cannot be encoded into the temporary file's place: its folder is gone.
    const refused = writeFixedFile(join(dir, 'gone', 'a.claim'), dir, 'payer medicare\n', read.text, read.identity, 1_000_000);
    assert.match(refused ?? '', /^not fixed/);
    assert.equal(readFileSync(file, 'utf8'), 'PAYER medicare\n');
    assert.deepEqual(readdirSync(dir).sort(), ['.git', 'a.claim']);
  });

  it('never removes a commented line or a service: a second 99214 "separate visit" and a commented repeat header stay', async () => {
    const text = [...HEAD.slice(0, 2), 'payer medicare  # per the EOB', ...HEAD.slice(2), '  99214 dx A', '  99214 dx A    # separate visit', '  99214 dx A', ''].join('\n');
    writeFileSync(join(dir, 'a.claim'), text);
    const r = await runCli(['check', '--fix', 'a.claim'], dir);
    assert.equal(readFileSync(join(dir, 'a.claim'), 'utf8'), text);
    assert.match(r.stdout, /duplicate-line/);
    // Without a comment, an exact repeated header is still removed.
    writeFileSync(join(dir, 'b.claim'), [...HEAD.slice(0, 2), 'payer   medicare', ...HEAD.slice(2), '  96522 dx A', ''].join('\n'));
    await runCli(['check', '--fix', 'b.claim'], dir);
    assert.equal(readFileSync(join(dir, 'b.claim'), 'utf8'), [...HEAD, '  96522 dx A', ''].join('\n'));
  });

  it('a repeated diagnosis is removed only when its line has no comment', () => {
    const tables = loadDefaultTables();
    const analyse = (t: string) => analyze(t, tables);
    const commented = ['claim "x"', 'payer medicare', 'state GA', 'pos 11', 'dx C78.7', 'dx C78.7  # from the referral', 'on 2026-03-30', '  96522 dx B', ''].join('\n');
    assert.equal(fixText(commented, analyse).text, commented);
    const plain = commented.replace('  # from the referral', '');
    assert.doesNotMatch(fixText(plain, analyse).text, /dx C78\.7\ndx C78\.7/);
  });

  it('never follows a symbolic link, nor writes into a linked folder outside the folder given', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'hai-outside-'));
    try {
      const messy = 'claim "x"\nPAYER medicare\n';
      writeFileSync(join(outside, 'target.claim'), messy);
      mkdirSync(join(dir, 'claims'));
      symlinkSync(join(outside, 'target.claim'), join(dir, 'claims', 'link.claim'));
      symlinkSync(outside, join(dir, 'claims', 'linked'));
      const r = await runCli(['check', '--fix', 'claims'], dir);
      assert.equal(readFileSync(join(outside, 'target.claim'), 'utf8'), messy);
      assert.ok(lstatSync(join(dir, 'claims', 'link.claim')).isSymbolicLink());
      assert.match(r.stderr, /link\.claim: not fixed: it is a symbolic link/);
      if (/linked\/target\.claim/.test(r.stdout + r.stderr)) assert.match(r.stderr, /linked\/target\.claim: not fixed: it lies outside the folder given/);
      assert.equal(r.status, 2);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a run that does not settle reports the findings of the text as it is, and writes nothing', () => {
    const tables = loadDefaultTables();
    let n = 0;
    // A fix that never settles: every pass offers one more change.
    const r = fixText('payer medicare\n', (t) => ({ ...analyze(t, tables), findings: [{ rule: 'syntax', severity: 'error', line: 0, start: 0, end: 0, data: {}, fixes: [{ title: 'x', safe: true, edits: [{ line: 0, start: 0, end: 0, newText: String(n++ % 10) }] }] }] }));
    assert.equal(r.settled, false);
    assert.equal(r.text, 'payer medicare\n');
    assert.deepEqual(r.touched, []);
    assert.equal(r.analysis.findings[0].fixes?.[0].edits[0].newText, '0');
  });

  it('standard input over maxFileBytes with --fix: nothing on stdout (never an empty document), exit 2', async () => {
    writeFileSync(join(dir, '.haiclaims.json'), '{ "maxFileBytes": 1000 }');
    const r = await runCli(['check', '-', '--fix'], dir, 'payer medicare\n'.repeat(200));
    assert.equal(r.stdout, '');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /more than 1000 bytes/);
  });

  it('check - reads standard input only up to maxFileBytes (yes | hai-claims check - read 16.8 GB)', async () => {
    const big = join(dir, 'big.txt');
    writeFileSync(big, 'y\n'.repeat(2_000_000));
    const fd = openSync(big, 'r');
    try {
      const r = readStdinBounded(1000, fd);
      assert.ok('tooLarge' in r && r.tooLarge > 1000 && r.tooLarge <= 1000 + 64 * 1024);
    } finally {
      closeSync(fd);
    }
    writeFileSync(join(dir, '.haiclaims.json'), '{ "maxFileBytes": 1000 }');
    const c = await runCli(['check', '-', '--format', 'json'], dir, 'payer medicare\n'.repeat(200));
    assert.deepEqual(JSON.parse(c.stdout).map((d: { code: string }) => d.code), ['file-too-large']);
  });

  it('only the lines fixed change: CRLF, blanks and unknown lines elsewhere are byte for byte', async () => {
    const text = ['claim "x"', 'PAYER medicare', 'state GA', 'pos 11', 'dx C78.7', '', 'on 2026-03-30', '  96522 dx A   ', '\tsomething odd', ''].join('\r\n');
    writeFileSync(join(dir, 'a.claim'), text);
    await runCli(['check', '--fix', 'a.claim'], dir);
    const after = readFileSync(join(dir, 'a.claim'), 'utf8');
    assert.equal(after, text.replace('PAYER', 'payer').replace('96522 dx A   ', '96522 dx A'));
    assert.ok(existsSync(join(dir, 'a.claim')));
  });

  it('two fixes safe one by one never fuse a lone \\r with the next \\n (the CI fuzz of 2026-12-05, seed -693946138)', () => {
    // `#\r`, then a repeated header (removed) and a blank of spaces (trimmed): applied together they
    // would leave `#\r\n`, one CRLF, and the line after the comment would be gone.
    const text = '#\rpayer medicare\n \t\nx';
    const step = applyEditGroups(text, [[{ line: 1, start: 0, endLine: 2, end: 0, newText: '' }], [{ line: 2, start: 0, end: 2, newText: '' }]]);
    assert.equal(step.text, '#\r \t\nx', 'the removal goes; the trim waits for the next pass');
    assert.deepEqual(step.appliedGroups, [0]);
    const tables = loadDefaultTables();
    const claim = [...HEAD, '  96522 dx A', '#\rpayer medicare', ' \t', ''].join('\n');
    const fixed = fixText(claim, (t) => analyze(t, tables)).text;
    assert.ok(fixed.includes('#\r'), 'the comment keeps its own line break');
    assert.ok(!fixed.includes('#\r\n'), 'and it is not fused with the next line');
  });
});
