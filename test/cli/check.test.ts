// `hai-claims check`: the text report, exit codes, --fail-on, inputs, settings and colour.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { version } from '../../package.json';
import { CLI, ROOT, buildCli, cleanEnv, fixture, hai, withoutNotRun } from '../helpers/cli';

const LINE = /^(?<file>[^:]+):(?<line>\d+):(?<col>\d+): (?<severity>error|warning|information|hint) (?<code>[a-z0-9-]+): (?<message>.+)$/;

describe('hai-claims check (built CLI)', function () {
  this.timeout(60_000);
  before(() => buildCli());

  describe('help and version', () => {
    it('--help prints the usage on stdout and exits 0', () => {
      const r = hai(['--help']);
      assert.equal(r.status, 0);
      assert.match(r.stdout, /hai-claims check \[options\] \[FILE\|DIR\|GLOB\.\.\.\]/);
      assert.match(r.stdout, /--fail-on LEVEL/);
      assert.equal(r.stderr, '');
    });

    it('--version prints the package version', () => {
      const r = hai(['--version']);
      assert.equal(r.status, 0);
      assert.equal(r.stdout, `${version}\n`);
    });

    it('dist/cli.js runs by itself (shebang, executable), as npx and the bin link run it', () => {
      const r = spawnSync(CLI, ['--version'], { encoding: 'utf8', env: cleanEnv() });
      assert.equal(r.status, 0, String(r.error ?? r.stderr));
      assert.equal(r.stdout, `${version}\n`);
    });

    it('rules lists every check id with its default severity', () => {
      const r = hai(['rules']);
      assert.equal(r.status, 0);
      assert.match(r.stdout, /^ncci-ptp\s+error\s+A code that an NCCI/m);
      assert.match(r.stdout, /^kd-required\s+warning\s+/m);
    });
  });

  describe('text output and exit codes', () => {
    it('a clean file: exit 0, only the summary line, nothing on stderr', () => {
      const r = hai(['check', fixture('clean.claim')]);
      assert.equal(r.status, 0);
      assert.equal(withoutNotRun(r.stdout), '1 file checked: no problems found.\n');
      assert.equal(r.stderr, '');
    });

    it('an error: file:line:col: severity code: message (1-based), a summary, exit 1', () => {
      const r = hai(['check', fixture('errors.claim')]);
      assert.equal(r.status, 1);
      assert.equal(r.stderr, '');
      const lines = withoutNotRun(r.stdout).trimEnd().split('\n');
      const summary = lines.pop();
      assert.equal(summary, '1 file checked, 1 file with findings: 1 error, 2 warnings.');
      const parsed = lines.map((l) => LINE.exec(l)?.groups);
      assert.ok(parsed.every(Boolean), `every line has the file:line:col form:\n${r.stdout}`);
      assert.deepEqual(
        parsed.map((g) => [g!.file, g!.line, g!.col, g!.severity, g!.code]),
        [
          ['test/fixtures/cli/errors.claim', '9', '3', 'error', 'ncci-ptp'],
          ['test/fixtures/cli/errors.claim', '10', '3', 'warning', 'kd-required'],
          ['test/fixtures/cli/errors.claim', '10', '3', 'warning', 'drug-hospital'],
        ],
      );
      assert.match(parsed[0]!.message, /^49000 is not reimbursable when billed on the same date as 36260/);
    });

    it('warnings only: exit 0 with the default --fail-on error', () => {
      const r = hai(['check', fixture('warnings.claim')]);
      assert.equal(r.status, 0);
      assert.match(r.stdout, /warnings\.claim:9:3: warning kd-required: /);
      assert.match(withoutNotRun(r.stdout), /1 warning\.\n$/);
    });
  });

  describe('--fail-on', () => {
    it('warning: warnings fail the run', () => {
      assert.equal(hai(['check', '--fail-on', 'warning', fixture('warnings.claim')]).status, 1);
      assert.equal(hai(['check', `--fail-on=warning`, fixture('warnings.claim')]).status, 1);
    });
    it('hint and information include warnings and errors', () => {
      assert.equal(hai(['check', '--fail-on', 'hint', fixture('warnings.claim')]).status, 1);
      assert.equal(hai(['check', '--fail-on', 'information', fixture('errors.claim')]).status, 1);
    });
    it('none: never fails on findings, still prints them', () => {
      const r = hai(['check', '--fail-on', 'none', fixture('errors.claim')]);
      assert.equal(r.status, 0);
      assert.match(r.stdout, /error ncci-ptp/);
    });
    it('error: a clean file passes', () => {
      assert.equal(hai(['check', '--fail-on', 'error', fixture('clean.claim')]).status, 0);
    });
    it('an unknown level is a usage error', () => {
      const r = hai(['check', '--fail-on', 'severe', fixture('clean.claim')]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /--fail-on needs one of error, warning, information, hint, none, not "severe"/);
      assert.equal(r.stdout, '');
    });
  });

  describe('inputs: files, directories, globs', () => {
    it('a directory is searched recursively for .claim files only', () => {
      const r = hai(['check', fixture('tree')]);
      assert.equal(r.status, 0);
      assert.match(r.stdout, /^test\/fixtures\/cli\/tree\/nested\/b\.claim:9:3: warning kd-required/m);
      assert.match(r.stdout, /2 files checked, 1 file with findings: 1 warning\./);
    });

    it('globs are expanded by hai-claims, ** across directories', () => {
      const star = hai(['check', 'test/fixtures/cli/tree/*.claim']);
      assert.equal(star.status, 0);
      assert.equal(withoutNotRun(star.stdout), '1 file checked: no problems found.\n');
      const deep = hai(['check', 'tree/**/*.claim'], { cwd: join(ROOT, 'test/fixtures/cli') });
      assert.match(deep.stdout, /^tree\/nested\/b\.claim:9:3: /m);
      assert.match(deep.stdout, /2 files checked/);
    });

    it('the same file named twice is checked once', () => {
      const r = hai(['check', fixture('warnings.claim'), 'test/fixtures/cli/warn*.claim']);
      assert.match(r.stdout, /^1 file checked/m);
    });

    it('a missing file: exit 2 with the reason on stderr', () => {
      const r = hai(['check', fixture('no-such.claim')]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /no-such\.claim: no such file or directory/);
    });

    it('a missing file among good ones: the good ones are reported, exit 2', () => {
      const r = hai(['check', fixture('errors.claim'), fixture('no-such.claim')]);
      assert.equal(r.status, 2);
      assert.match(r.stdout, /error ncci-ptp/);
      assert.match(r.stderr, /no-such\.claim/);
    });

    it('a glob that matches nothing and a directory without claims: exit 2', () => {
      assert.match(hai(['check', 'test/fixtures/cli/*.nothing']).stderr, /no \.claim files match/);
      assert.equal(hai(['check', 'test/fixtures/cli/*.nothing']).status, 2);
      const r = hai(['check', 'test/fixtures/sarif']);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /no \.claim files in this directory/);
    });

    describe('unreadable files', () => {
      let dir: string;
      before(() => {
        dir = mkdtempSync(join(tmpdir(), 'hai-cli-'));
        symlinkSync(join(dir, 'gone'), join(dir, 'broken.claim'));
        writeFileSync(join(dir, 'binary.claim'), Buffer.from([0x63, 0x00, 0x01, 0x02]));
        mkdirSync(join(dir, 'sub'));
        writeFileSync(join(dir, 'sub', 'ok.claim'), 'claim "x"\npayer medicare\n');
      });
      after(() => rmSync(dir, { recursive: true, force: true }));

      it('a dangling link and a binary file are input errors (exit 2); readable files are still checked', () => {
        const r = hai(['check', dir]);
        assert.equal(r.status, 2);
        assert.match(r.stderr, /broken\.claim: cannot read: no such file/);
        assert.match(r.stderr, /binary\.claim: cannot read: not a text file/);
        assert.match(r.stdout, /sub\/ok\.claim:/);
      });
    });
  });

  describe('usage errors (exit 2, reason on stderr, nothing on stdout)', () => {
    for (const [args, reason] of [
      [[], /no command/],
      [['lint', 'x'], /unknown command "lint"/],
      [['check', '--bogus', 'x'], /unknown option --bogus/],
      [['check', '--format', 'xml', 'x'], /--format needs one of text, json, sarif, github, gitlab, csv, not "xml"/],
      [['check', '--rule', 'no-such-rule=error', 'x'], /no rule has this id/],
      [['check', '--rule', 'kd-required=loud', 'x'], /the level must be one of off, hint, information, warning, error/],
      [['check', '--rule', 'kd-required', 'x'], /--rule needs ID=LEVEL/],
      [['estimate', '--format', 'sarif', 'x'], /sarif is for check/],
    ] as [string[], RegExp][]) {
      it(`hai-claims ${args.join(' ')}`, () => {
        const r = hai(args);
        assert.equal(r.status, 2);
        assert.match(r.stderr, reason);
        assert.match(r.stderr, /Run hai-claims --help/);
        assert.equal(r.stdout, '');
      });
    }
  });

  describe('settings: --config and --rule', () => {
    it('a bad value is reported with the file and key on stderr; the valid values still apply', () => {
      const r = hai(['check', '--config', fixture('config-bad-value.json'), fixture('errors.claim')]);
      assert.match(r.stderr, /config-bad-value\.json: rules\.kd-required: .*'loud'/);
      assert.match(r.stderr, /config-bad-value\.json: maxFileBytes: /);
      // ncci-ptp was lowered to a warning by the same file: no error left, exit 0.
      assert.match(r.stdout, /warning ncci-ptp/);
      assert.equal(r.status, 0);
    });

    it('a config that is not JSON: exit 2 with the file and the position', () => {
      const r = hai(['check', '--config', fixture('config-invalid.json'), fixture('errors.claim')]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /config-invalid\.json: not valid JSON \(line 1, column \d+\)/);
      assert.equal(r.stdout, '');
    });

    it('a missing config: exit 2', () => {
      const r = hai(['check', '--config', fixture('nope.json'), fixture('clean.claim')]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /nope\.json: cannot read the config file: no such file/);
    });

    it('VS Code settings.json keys (haiClaims.*) are accepted', () => {
      const r = hai(['check', '--config', fixture('config-vscode.json'), fixture('warnings.claim')]);
      assert.equal(r.stderr, '');
      assert.match(r.stdout, /error kd-required/);
      assert.equal(r.status, 1);
    });

    it('--rule wins over the config, and off removes the check', () => {
      const r = hai(['check', '--config', fixture('config-vscode.json'), '--rule', 'kd-required=off', fixture('warnings.claim')]);
      assert.equal(withoutNotRun(r.stdout), '1 file checked: no problems found.\n');
      assert.equal(r.status, 0);
      const up = hai(['check', '--rule', 'kd-required=error', fixture('warnings.claim')]);
      assert.equal(up.status, 1);
    });

    it('a data file that is missing: exit 2 naming the key and the file', () => {
      const r = hai(['check', '--config', fixture('config-data-missing.json'), fixture('clean.claim')]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /data\.ncciPtp: cannot read no-such-ptp-file\.txt: no such file/);
    });

    it('a data file that is not the CMS layout (resolved next to the config): exit 2 naming the key, the file and why', () => {
      const r = hai(['check', '--config', fixture('config-data.json'), fixture('clean.claim')]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /data\.pfsRvu: \S*clean\.claim: no header row with an "HCPCS" column: is this a PPRRVU file\?/);
    });

    it('CMS national files: PTP and MUE edits beyond the guide, RVU-only codes priced, bad rows noted with file and line', () => {
      const r = hai(['check', '--config', fixture('config-national.json'), fixture('national.claim')]);
      assert.equal(r.status, 1);
      const found = r.stdout.split('\n').map((l) => LINE.exec(l)?.groups).filter((g) => g !== undefined);
      assert.deepEqual(found.map((g) => [g.line, g.code]), [['9', 'ncci-ptp'], ['19', 'mue']]);
      assert.match(r.stdout, /NCCI PTP practitioner edits 2026Q2 \(ccipra-v321r0-f1\.txt\)/);
      assert.match(r.stderr, /note: data\.ncciPtp: \S*ccipra-v321r0-f1\.txt:12: column 1 "7426" is not a CPT\/HCPCS code/);
      const est = hai(['estimate', '--config', fixture('config-national.json'), fixture('national.claim')]);
      assert.match(est.stdout, /99213/);
      assert.match(est.stdout, /95\.19/);
    });
  });

  describe('colour', () => {
    const ESC = '\x1b[';
    const hasScript = existsSync('/usr/bin/script');

    it('none when stdout is not a terminal', () => {
      assert.ok(!hai(['check', fixture('errors.claim')]).stdout.includes(ESC));
    });

    /** Runs the CLI on a pseudo-terminal (util-linux `script`), as a user at a terminal would. */
    function onTty(env: Record<string, string>): string {
      const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} check ${fixture('errors.claim')}`;
      const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: ROOT, env: cleanEnv(env), encoding: 'utf8', timeout: 60_000 });
      return r.stdout;
    }

    it('on a terminal: coloured severities', function () {
      if (!hasScript) this.skip();
      assert.ok(onTty({}).includes(`${ESC}31merror`), 'error in red');
    });

    it('on a terminal with NO_COLOR: no colour at all', function () {
      if (!hasScript) this.skip();
      const out = onTty({ NO_COLOR: '1' });
      assert.match(out, /error ncci-ptp/);
      assert.ok(!out.includes(ESC));
    });

    it('--no-color on a terminal: no colour', function () {
      if (!hasScript) this.skip();
      const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} check --no-color ${fixture('errors.claim')}`;
      const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: ROOT, env: cleanEnv(), encoding: 'utf8' });
      assert.ok(!r.stdout.includes(ESC));
    });
  });

  describe('patient data', () => {
    it('no output format prints the claim text (names, comments)', () => {
      for (const args of [
        ['check', fixture('private.claim')],
        ['check', '--format', 'json', fixture('private.claim')],
        ['check', '--format', 'sarif', fixture('private.claim')],
        ['estimate', fixture('private.claim')],
        ['estimate', '--format', 'json', fixture('private.claim')],
      ]) {
        const r = hai(args);
        assert.ok(r.stdout.length > 0);
        assert.ok(!/PRIVATE|Jane|MRN/.test(r.stdout + r.stderr), `${args.join(' ')} leaks document text`);
      }
    });
  });
});
