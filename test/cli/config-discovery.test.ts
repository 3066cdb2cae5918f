// The CLI's .haiclaims.json discovery and globs (issue 26): the config that applied is named in
// every output; a special file where a config should be is refused with a reason (never passed
// over for the parent's); unknown keys, __proto__ included, are warnings; 6,000 nesting levels are
// exit 2 with a reason; discovery stops at the repository or the working folder; brace groups are
// bounded and backslash escapes work as the README says.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findConfig } from '../../server/src/cli/config';
import { runCli } from '../helpers/cli-in-process';

const CLAIM = readFileSync(join(__dirname, '../fixtures/cli/warnings.claim'), 'utf8');

describe('CLI config discovery and globs (issue 26)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hai-cfg-'));
    mkdirSync(join(dir, '.git'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'a.claim'), CLAIM);
    // The parent's config turns a check off: it must not be used in place of a refused one.
    writeFileSync(join(dir, '.haiclaims.json'), '{ "rules": { "kd-required": "off" } }');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the config that applied, and the checks it turns off, in every format', async () => {
    for (const format of ['text', 'json', 'sarif', 'github', 'gitlab']) {
      const r = await runCli(['check', '--format', format, 'sub'], dir);
      const out = format === 'text' ? r.stdout : format === 'sarif' ? JSON.stringify(JSON.parse(r.stdout).runs[0].invocations) : r.stderr;
      assert.match(out, /Settings: \.haiclaims\.json; turned off there, so not run: kd-required/, format);
    }
    const fix = await runCli(['check', '--fix-dry-run', 'sub'], dir);
    assert.match(fix.stderr, /note: Settings: \.haiclaims\.json/);
    const est = await runCli(['estimate', '--format', 'csv', 'sub'], dir);
    assert.match(est.stderr, /note: Settings: \.haiclaims\.json/);
  });

  for (const [kind, make] of [
    ['a FIFO', (p: string) => execFileSync('mkfifo', [p])],
    ['a directory', (p: string) => mkdirSync(p)],
    ['a broken link', (p: string) => symlinkSync(join(p, '..', 'nowhere.json'), p)],
  ] as const) {
    it(`a .haiclaims.json that is ${kind} is refused with a reason, exit 2, never the parent's`, async () => {
      make(join(dir, 'sub', '.haiclaims.json'));
      const r = await runCli(['check', 'sub'], dir);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /sub\/\.haiclaims\.json: cannot read the config file: /);
      assert.match(r.stderr, /sub\/a\.claim: not checked: its config/);
      assert.doesNotMatch(r.stdout, /Settings: \.haiclaims\.json/);
    });
  }

  it('unknown keys, __proto__ included, are warnings; nothing is switched off unseen', async () => {
    writeFileSync(join(dir, 'sub', '.haiclaims.json'), '{ "__proto__": { "rules": { "ncci-ptp": "off" } }, "rulez": {} }');
    const r = await runCli(['check', 'sub'], dir);
    assert.match(r.stderr, /warning: sub\/\.haiclaims\.json: __proto__: not a hai-claims setting \(ignored\)/);
    assert.match(r.stderr, /warning: sub\/\.haiclaims\.json: rulez: not a hai-claims setting/);
    assert.doesNotMatch(r.stdout, /turned off there/);
  });

  it('6,000 nesting levels: exit 2 with a reason, not a crash', async () => {
    writeFileSync(join(dir, 'sub', '.haiclaims.json'), `{ "rules": ${'['.repeat(6000)}${']'.repeat(6000)} }`);
    const r = await runCli(['check', 'sub'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /sub\/\.haiclaims\.json: nested more than 64 levels deep \(line 1, column \d+\)/);
  });

  it('stops at the repository root, or outside one at the working folder, never walking on to /', () => {
    rmSync(join(dir, '.git'), { recursive: true });
    mkdirSync(join(dir, 'work', 'deep'), { recursive: true });
    // Outside a repository, from the working folder `work`: the config above it is not used.
    assert.equal(findConfig(join(dir, 'work', 'deep'), undefined, join(dir, 'work')), undefined);
    writeFileSync(join(dir, 'work', '.haiclaims.json'), '{}');
    assert.equal(findConfig(join(dir, 'work', 'deep'), undefined, join(dir, 'work')), join(dir, 'work', '.haiclaims.json'));
    // A folder outside the working folder: its own config only.
    assert.equal(findConfig(join(dir, 'sub'), undefined, join(dir, 'work')), undefined);
    // In a repository: up to its root, wherever the working folder is.
    mkdirSync(join(dir, '.git'));
    assert.equal(findConfig(join(dir, 'sub'), undefined, join(dir, 'work')), join(dir, '.haiclaims.json'));
  });

  it('a glob whose brace groups would expand past the bound is refused at once with a reason', async () => {
    writeFileSync(join(dir, 'sub', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaax.claim', ), CLAIM);
    const r = await runCli(['check', `sub/${'{a,aa}*'.repeat(8)}b.claim`], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /not expanded: its \{\.\.\.\} groups make more than 64 patterns/);
  });

  it('backslash escapes name a file whose name holds [ ] { } (as the README says)', async () => {
    writeFileSync(join(dir, 'sub', 'a[1].claim'), CLAIM);
    writeFileSync(join(dir, 'sub', '{x}.claim'), CLAIM);
    for (const p of ['sub/a\\[1\\].claim', 'sub/\\{x\\}.claim', 'sub/*\\[1\\].claim']) {
      const r = await runCli(['check', '--no-config', '--format', 'json', p], dir);
      assert.notEqual(r.status, 2, `${p}: ${r.stderr}`);
      assert.ok(JSON.parse(r.stdout).length > 0, p);
    }
  });
});
