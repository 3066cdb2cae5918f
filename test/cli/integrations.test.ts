// The CI integrations in the repository root: the GitHub Action and the pre-commit hooks.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT, buildCli, cleanEnv } from '../helpers/cli';

describe('CI integrations', function () {
  this.timeout(60_000);
  before(() => buildCli());

  it('action.yml: the action annotates, passes globs to hai-claims unexpanded, and fails on findings', () => {
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
    assert.equal(action.runs.using, 'node24');
    // Inputs arrive as INPUT_* variables and become arguments without a shell.
    const run = (files: string, failOn = 'error') =>
      spawnSync(process.execPath, [join(ROOT, action.runs.main)], {
        cwd: ROOT,
        encoding: 'utf8',
        env: cleanEnv({ INPUT_FILES: files, 'INPUT_FAIL-ON': failOn, INPUT_CONFIG: '', INPUT_FORMAT: 'github', 'INPUT_OUTPUT-FILE': '' }),
      });
    const r = run('test/fixtures/cli/errors.*\ntest/fixtures/cli/clean.claim');
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^::error file=test\/fixtures\/cli\/errors\.claim,line=9,/m);
    assert.match(r.stderr, /2 files checked/);
    assert.equal(run('test/fixtures/cli/clean.claim').status, 0);
    for (const name of ['files', 'fail-on', 'config', 'format', 'output-file']) assert.ok(action.inputs[name], name);
  });

  it('.pre-commit-hooks.yaml: node hooks on .claim files that run the package bin', () => {
    const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(hooks.map((h: any) => h.id), ['hai-claims', 'hai-claims-fix']);
    for (const h of hooks) {
      assert.equal(h.language, 'node');
      assert.ok(new RegExp(h.files).test('claims/a.claim') && !new RegExp(h.files).test('a.json'));
      assert.ok(pkg.bin[h.entry.split(' ')[0]], h.entry);
    }
    assert.match(hooks[1].entry, /--fix$/);
  });
});
