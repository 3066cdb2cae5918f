// Issue 25: the conventions of eslint and ruff. No path checks `.`; --quiet; --output-file;
// --print-config FILE; FORCE_COLOR; GitLab paths from the repository root; estimate says the
// checks that did not run once.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli, hai } from '../helpers/cli';

const CLEAN = 'claim "x"\npayer medicare\nstate GA\npos 21\ndx C78.7\n\non 2026-03-02\n  36260 dx A\n';
const NCCI = 'claim "y"\npayer medicare\nstate GA\npos 21\ndx C78.7\n\non 2026-03-03\n  47600 dx A\n  49000 dx A\n';

describe('hai-claims: conventions of eslint and ruff (issue 25)', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => buildCli());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hai-conventions-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const put = (name: string, text: string) => {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('with no path, check and estimate read the current folder', () => {
    put('a/clean.claim', CLEAN);
    put('b/ncci.claim', NCCI);
    const r = hai(['check'], { cwd: dir });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^b\/ncci\.claim:\d+:\d+: error ncci-ptp/m);
    assert.match(r.stdout, /2 files checked/);
    const e = hai(['estimate'], { cwd: dir });
    assert.equal(e.status, 0);
    assert.match(e.stdout, /2 claims in 2 files/);
  });

  it('--quiet: nothing at all when nothing is wrong; the findings (and what did not run) when something is', () => {
    put('clean.claim', CLEAN);
    const quiet = hai(['check', '--quiet', 'clean.claim'], { cwd: dir });
    assert.equal(quiet.status, 0);
    assert.equal(quiet.stdout, '');
    assert.equal(quiet.stderr, '');
    const json = hai(['check', '-q', '--format', 'json', 'clean.claim'], { cwd: dir });
    assert.deepEqual(JSON.parse(json.stdout), []);
    assert.equal(json.stderr, '', 'no "not run" notes');
    put('ncci.claim', NCCI);
    const found = hai(['check', '-q', 'ncci.claim'], { cwd: dir });
    assert.equal(found.status, 1);
    assert.match(found.stdout, /error ncci-ptp/);
    assert.match(found.stdout, /Not run for lack of data/);
    assert.equal(hai(['estimate', '-q', 'clean.claim'], { cwd: dir }).status, 2, '--quiet is for check');
  });

  it('--output-file: the report goes to the file (folders made), messages stay on stderr', () => {
    put('ncci.claim', NCCI);
    const r = hai(['check', '--format', 'sarif', '--output-file', 'reports/hai.sarif', 'ncci.claim'], { cwd: dir });
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    const sarif = JSON.parse(readFileSync(join(dir, 'reports', 'hai.sarif'), 'utf8'));
    assert.equal(sarif.runs[0].results[0].ruleId, 'ncci-ptp');
    const text = hai(['check', '-o', 'out.txt', 'ncci.claim'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    assert.equal(text.status, 1);
    assert.doesNotMatch(readFileSync(join(dir, 'out.txt'), 'utf8'), /\x1b\[/, 'no colour in a file');
    const none = hai(['check', '-o', 'none.txt', 'missing.claim'], { cwd: dir });
    assert.equal(none.status, 2);
    assert.ok(!existsSync(join(dir, 'none.txt')), 'no empty report when nothing was checked');
    const bad = hai(['check', '-o', 'ncci.claim/x', 'ncci.claim'], { cwd: dir });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--output-file ncci\.claim\/x: cannot write the report/);
  });

  it('--print-config FILE: the settings, the config file and where each setting came from', () => {
    put('.git/HEAD', '');
    put('.haiclaims.json', '{ "defaultState": "NY", "rules": { "kd-required": "warning", "mue": "error" } }');
    put('claims/a.claim', CLEAN);
    const r = hai(['--print-config', 'claims/a.claim', '--rule', 'mue=off'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    const printed = JSON.parse(r.stdout);
    assert.equal(printed.file, 'claims/a.claim');
    assert.equal(printed.config, '.haiclaims.json');
    assert.equal(printed.how, 'nearest .haiclaims.json');
    assert.equal(printed.settings.defaultState, 'NY');
    assert.equal(printed.sources.defaultState, '.haiclaims.json');
    assert.equal(printed.sources.defaultPos, 'default');
    assert.equal(printed.sources['rules.kd-required'], '.haiclaims.json');
    assert.equal(printed.settings.rules.mue, 'off');
    assert.equal(printed.sources['rules.mue'], '--rule');
    assert.doesNotMatch(r.stdout, /claim "x"/, 'the claim file is not read');
    const none = JSON.parse(hai(['check', '--no-config', '--print-config', 'claims/a.claim'], { cwd: dir }).stdout);
    assert.equal(none.config, null);
    assert.equal(none.sources.defaultState, 'default');
    assert.equal(hai(['rules', '--print-config', 'claims/a.claim'], { cwd: dir }).status, 2);
  });

  it('FORCE_COLOR forces colour off a terminal; FORCE_COLOR=0 and --no-color turn it off', () => {
    put('ncci.claim', NCCI);
    assert.match(hai(['check', 'ncci.claim'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout, /\x1b\[31m/);
    assert.match(hai(['check', 'ncci.claim'], { cwd: dir, env: { FORCE_COLOR: '' } }).stdout, /\x1b\[31m/);
    assert.doesNotMatch(hai(['check', 'ncci.claim'], { cwd: dir }).stdout, /\x1b\[/);
    assert.doesNotMatch(hai(['check', 'ncci.claim'], { cwd: dir, env: { FORCE_COLOR: '0' } }).stdout, /\x1b\[/);
    assert.doesNotMatch(hai(['check', '--no-color', 'ncci.claim'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout, /\x1b\[/);
  });

  it('gitlab: paths from the repository root (CI_PROJECT_DIR when set, else the folder with .git)', () => {
    put('.git/HEAD', '');
    put('claims/ncci.claim', NCCI);
    const sub = join(dir, 'claims');
    const byGit = JSON.parse(hai(['check', '--format', 'gitlab', 'ncci.claim'], { cwd: sub }).stdout);
    assert.equal(byGit[0].location.path, 'claims/ncci.claim');
    const byEnv = JSON.parse(hai(['check', '--format', 'gitlab', 'ncci.claim'], { cwd: sub, env: { CI_PROJECT_DIR: dir } }).stdout);
    assert.equal(byEnv[0].location.path, 'claims/ncci.claim');
  });

  it('estimate says the checks that did not run once, whatever the number of files and configs', () => {
    put('a/.haiclaims.json', '{ "defaultState": "GA" }');
    put('a/one.claim', CLEAN);
    put('b/two.claim', CLEAN);
    put('three.claim', CLEAN);
    for (const format of ['text', 'json', 'csv']) {
      const r = hai(['estimate', '--format', format, '.'], { cwd: dir });
      assert.equal(r.status, 0, format);
      const all = r.stdout + r.stderr;
      assert.equal(all.match(/^\s*(hai-claims: note: not run: )?mue: no data\.mue file/gm)?.length, 1, `${format}: the mue note once`);
    }
  });
});
