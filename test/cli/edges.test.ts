// The CLI at its edges (issue 17): it reads only regular files, with the size limit checked before
// reading, and names each path it skipped (a symlink to /dev/zero or /dev/urandom, a FIFO,
// `--config /dev/zero`, a data file linking to /dev/zero); a bad glob and a full disk are exit 2
// with one clear line, never a stack trace (exit 1 only ever means findings); file names with
// ANSI escapes or line breaks are printed escaped; `estimate` quotes no free text.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, buildCli, cleanEnv, fixture, hai, ROOT } from '../helpers/cli';

const POSIX = process.platform !== 'win32';
const NO_STACK = /^\s+at |Error: |node:internal/m;

describe('hai-claims at its edges (built CLI)', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => buildCli());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hai-edges-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  (POSIX ? describe : describe.skip)('special files are never read', () => {
    for (const device of ['/dev/zero', '/dev/urandom']) {
      it(`a .claim symlink to ${device} in a checked folder is skipped and named; the other files are checked`, () => {
        copyFileSync(join(ROOT, fixture('clean.claim')), join(dir, 'clean.claim'));
        symlinkSync(device, join(dir, 'evil.claim'));
        const r = hai(['check', dir]);
        assert.equal(r.status, 2, r.stderr);
        assert.match(r.stderr, /evil\.claim: skipped: it is a character device \(such as \/dev\/zero\), not a regular file/);
        assert.match(r.stdout, /1 file checked/);
        assert.doesNotMatch(r.stderr, NO_STACK);
      });
    }

    it('a FIFO named on the command line is skipped at once (not waited on)', function () {
      const fifo = join(dir, 'pipe.claim');
      const made = spawnSync('mkfifo', [fifo]);
      if (made.status !== 0) this.skip();
      const r = hai(['check', fifo]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /pipe\.claim: skipped: it is a FIFO \(named pipe\), not a regular file/);
    });

    it('a FIFO named .claim in a checked folder is named as skipped, not passed over in silence', function () {
      const made = spawnSync('mkfifo', [join(dir, 'pipe.claim')]);
      if (made.status !== 0) this.skip();
      copyFileSync(join(ROOT, fixture('clean.claim')), join(dir, 'clean.claim'));
      const r = hai(['check', dir]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /pipe\.claim: skipped: it is a FIFO/);
      assert.match(r.stdout, /1 file checked/);
    });

    it('--config /dev/zero: exit 2, the config file is not a regular file', () => {
      const r = hai(['check', '--config', '/dev/zero', fixture('clean.claim')]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /\/dev\/zero: cannot read the config file: skipped: it is a character device/);
      assert.doesNotMatch(r.stderr, NO_STACK);
    });

    it('a data file that links to /dev/zero: exit 2 naming the setting and the file', () => {
      symlinkSync('/dev/zero', join(dir, 'ptp.txt'));
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ data: { ncciPtp: ['ptp.txt'] } }));
      const r = hai(['check', '--config', join(dir, 'config.json'), fixture('clean.claim')]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /data\.ncciPtp: cannot read \S*ptp\.txt/);
      assert.doesNotMatch(r.stderr, NO_STACK);
    });

    it('a claim file over maxFileBytes is not read: one file-too-large finding', () => {
      writeFileSync(join(dir, 'big.claim'), `# ${'x'.repeat(3000)}\n`);
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ maxFileBytes: 1000 }));
      const r = hai(['check', '--config', join(dir, 'config.json'), join(dir, 'big.claim')]);
      assert.match(r.stdout, /file-too-large/);
    });
  });

  describe('exit codes: 1 only ever means findings', () => {
    it("a bad glob ('[z-a].claim') is a usage error: exit 2, one clear line, no stack trace", () => {
      const r = hai(['check', '[z-a].claim'], { cwd: dir });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /\[z-a\]\.claim: not a valid pattern/);
      assert.doesNotMatch(r.stderr, NO_STACK);
    });

    (POSIX ? it : it.skip)('output to a full disk (> /dev/full): exit 2 and a clear message, no stack trace', () => {
      for (const args of [['check', fixture('warnings.claim')], ['estimate', '--format', 'json', fixture('clean.claim')]]) {
        const full = openSync('/dev/full', 'w');
        try {
          const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: cleanEnv(), stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
          assert.equal(r.status, 2, r.stderr);
          assert.match(r.stderr, /cannot write the output: the disk is full \(ENOSPC\)/);
          assert.doesNotMatch(r.stderr, NO_STACK);
        } finally {
          closeSync(full);
        }
      }
    });
  });

  describe('privacy in the output', () => {
    (POSIX ? it : it.skip)('file names with ANSI escapes and line breaks are printed escaped', () => {
      const name = 'a\u001b[2Jb\nhai-claims: forged.claim';
      copyFileSync(join(ROOT, fixture('warnings.claim')), join(dir, name));
      const r = hai(['check', '--no-color', dir]);
      assert.ok(!r.stdout.includes('\u001b') && !r.stderr.includes('\u001b'), 'no raw escape');
      assert.match(r.stdout, /a\\x1b\[2Jb\\nhai-claims: forged\.claim:\d+:\d+: /);
      assert.doesNotMatch(r.stdout, /^hai-claims: forged/m);
      const e = hai(['estimate', dir]);
      assert.ok(!e.stdout.includes('\u001b'));
      assert.match(e.stdout, /a\\x1b\[2Jb\\nhai-claims: forged\.claim: claim 1/);
    });

    it('estimate quotes no free text typed where a value is expected, and prices no line under an `on` with no date', () => {
      const file = join(dir, 'leak.claim');
      writeFileSync(
        file,
        'claim "x"\npayer JANE_Q_PATIENT_1937\nstate GA\npos 11\ndx C78.7\non 2026-03-02\n  96522 dx A\n\n' +
          'claim "y"\npayer medicare\nstate GA\npos JOHN_SMITH\ndx C78.7\non MARY_JONES_1950 pos 11\n  96522 dx A\n  36260 dx A\non 2026-03-02 pos 11\n  96522 dx A\n',
      );
      for (const format of ['text', 'json']) {
        const r = hai(['estimate', '--format', format, file]);
        assert.doesNotMatch(r.stdout + r.stderr, /JANE|JOHN|MARY/, format);
      }
      const r = hai(['estimate', file]);
      assert.match(r.stdout, /Not estimated: this claim's payer \(line 2\) is not covered/);
      assert.match(r.stdout, /bad-date/);
      // Only the dated refill is priced: $125 (the guide's 96522, non-facility).
      assert.match(r.stdout, /estimated Medicare allowable \$125\.00/);
    });
  });
});
