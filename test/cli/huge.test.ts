// The command line on inputs far larger than anyone types (issue 17): 200,000 `claim` lines
// (2 MB, under the size limit) and a config naming many unknown rules overflowed the stack
// (spreads of unbounded arrays): a stack trace and exit 1, which means "findings".
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli, CLI, cleanEnv, fixture, ROOT } from '../helpers/cli';

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: cleanEnv(), encoding: 'utf8', timeout: 280_000, maxBuffer: 512 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}

/** No crash: no stack overflow, no stack trace, an exit code the CLI documents. */
function assertNoCrash(r: { status: number | null; stderr: string }): void {
  assert.doesNotMatch(r.stderr, /RangeError|Maximum call stack|\n\s+at /);
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}`);
}

describe('CLI on huge inputs', function () {
  this.timeout(300_000);
  let dir: string;
  let file: string;
  before(() => {
    buildCli();
    dir = mkdtempSync(join(tmpdir(), 'hai-huge-'));
    file = join(dir, 'many.claim');
    writeFileSync(file, 'claim "x"\n'.repeat(200_000));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('checks 200,000 claim lines and reports every claim', () => {
    const r = run(['check', file, '--no-color']);
    assertNoCrash(r);
    // Every claim lacks a payer line: one note each, all printed.
    assert.equal(r.stdout.split('\n').filter((l) => /unknown-payer/.test(l)).length, 200_000);
  });

  it('estimates 200,000 claims', () => {
    const r = run(['estimate', file, '--no-color']);
    assertNoCrash(r);
    assert.ok(r.stdout.length > 0);
  });

  it('reads a config naming 70,000 unknown rules (as many as fit its 1 MB limit), warning about them', () => {
    const rules: Record<string, string> = {};
    for (let i = 0; i < 70_000; i++) rules[`r${i.toString(36)}`] = 'off';
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ rules }));
    const r = run(['check', '--config', config, fixture('clean.claim')]);
    assertNoCrash(r);
    assert.match(r.stderr, new RegExp(`\\br${(69_999).toString(36)}\\b`));
  });
});
