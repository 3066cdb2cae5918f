// Issue 25: a release that installs. The GitHub Action runs on the runner's Node 24 without
// touching the job's Node, installs nothing and has an output-file input; the package has no
// lifecycle script that npm would print on pre-commit's `npm pack` stdout; scripts/release.sh
// tags a commit that carries the built CLI and nothing a build needs. (.ci/run runs the real
// `pre-commit try-repo` through scripts/pre-commit-try.sh.)
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli, ROOT } from '../helpers/cli';

const NCCI = 'claim "y"\npayer medicare\nstate GA\npos 21\ndx C78.7\n\non 2026-03-03\n  47600 dx A\n  49000 dx A\n';

describe('release, GitHub Action and pre-commit (issue 25)', function () {
  this.timeout(120_000);
  before(() => buildCli());

  it('action.yml: a node24 JavaScript action with an output-file input, using no other action', () => {
    const yml = readFileSync(join(ROOT, 'action.yml'), 'utf8');
    assert.match(yml, /^runs:\n {2}using: node24\n {2}main: action\/main\.cjs\n/m);
    assert.doesNotMatch(yml, /^\s*-?\s*uses:/m, 'no other action (none to pin, no setup-node changing the job\'s Node)');
    assert.match(yml, /^ {2}output-file:\n/m);
    assert.doesNotMatch(yml, /npm (ci|install)/, 'installs no package');
  });

  it("README: every other action is pinned by commit SHA; the action's example uses a release tag", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const uses = [...readme.matchAll(/uses: ([\w./-]+)@(\S+)/g)].map((m) => ({ action: m[1]!, ref: m[2]! }));
    assert.ok(uses.length >= 3);
    for (const u of uses.filter((x) => x.action !== 'hai-claims/hai-claims')) assert.match(u.ref, /^[0-9a-f]{40}$/, `${u.action} is not pinned by SHA`);
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
    for (const u of uses.filter((x) => x.action === 'hai-claims/hai-claims')) assert.equal(u.ref, `v${version}`);
    assert.match(readme, new RegExp(`rev: v${version.replace(/\./g, '\\.')}\\b`));
  });

  it('the action runs the built CLI with its inputs: the report into output-file, the exit code of the check', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hai-action-'));
    try {
      writeFileSync(join(dir, 'ncci.claim'), NCCI);
      const env = { ...process.env, 'INPUT_FILES': 'ncci.claim', 'INPUT_FORMAT': 'sarif', 'INPUT_FAIL-ON': 'error', 'INPUT_OUTPUT-FILE': 'out/hai.sarif', 'INPUT_CONFIG': '' };
      const r = spawnSync(process.execPath, [join(ROOT, 'action', 'main.cjs')], { cwd: dir, env, encoding: 'utf8' });
      assert.equal(r.status, 1, r.stderr);
      const sarif = JSON.parse(readFileSync(join(dir, 'out', 'hai.sarif'), 'utf8'));
      assert.equal(sarif.runs[0].results[0].ruleId, 'ncci-ptp');
      const none = spawnSync(process.execPath, [join(ROOT, 'action', 'main.cjs')], { cwd: dir, env: { ...env, 'INPUT_FAIL-ON': 'none', 'INPUT_FORMAT': 'github', 'INPUT_OUTPUT-FILE': '' }, encoding: 'utf8' });
      assert.equal(none.status, 0);
      assert.match(none.stdout, /^::error file=ncci\.claim,/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('package.json has no lifecycle script npm runs on pack (its banner would corrupt pre-commit\'s tarball name)', () => {
    const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
    for (const s of ['prepare', 'prepack', 'postpack', 'install', 'postinstall', 'preinstall']) assert.equal(scripts[s], undefined, s);
  });

  it('scripts/release.sh tags a commit above HEAD carrying dist/cli.js, without devDependencies or lock file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hai-release-'));
    try {
      const repo = join(dir, 'repo');
      execFileSync('git', ['clone', '-q', ROOT, repo]);
      symlinkSync(join(ROOT, 'node_modules'), join(repo, 'node_modules'));
      const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@localhost', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@localhost' };
      const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
      const r = spawnSync('bash', ['scripts/release.sh'], { cwd: repo, env, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const git = (...a: string[]) => execFileSync('git', a, { cwd: repo, encoding: 'utf8' });
      const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
      assert.equal(git('rev-parse', `v${version}^{commit}^`).trim(), head, 'the tag sits on top of HEAD');
      assert.equal(git('rev-parse', 'HEAD').trim(), head, 'the branch did not move');
      const files = git('ls-tree', '-r', '--name-only', `v${version}`).split('\n');
      assert.ok(files.includes('dist/cli.js') && files.includes('dist/cli.js.map'));
      assert.ok(!files.includes('package-lock.json'));
      const pkg = JSON.parse(git('show', `v${version}:package.json`));
      assert.equal(pkg.devDependencies, undefined);
      assert.equal(pkg.scripts, undefined);
      assert.equal(pkg.bin['hai-claims'], 'dist/cli.js');
      assert.equal(spawnSync('bash', ['scripts/release.sh'], { cwd: repo, env, encoding: 'utf8' }).status, 1, 'an existing tag is not replaced without --force');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
