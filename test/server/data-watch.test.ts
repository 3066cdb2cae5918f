// Watching the named data files (issue 25): a file that appears or changes is reported once after
// a quiet period; other files of the folder are not; dispose stops it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { namedPaths, watchDataFiles } from '../../server/src/handlers/data-watch';

describe('data file watching', function () {
  this.timeout(20_000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hai-watch-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('namedPaths: absolute, relative to the base folder, each once', () => {
    assert.deepEqual(namedPaths({ a: ['x.csv', '/abs/y.csv'], b: ['x.csv'] }, '/base'), ['/base/x.csv', '/abs/y.csv']);
  });

  it('a named file that appears, then changes, is reported (a burst of writes once)', async () => {
    const file = join(dir, 'ccipra.txt');
    let calls = 0;
    let told: () => void = () => undefined;
    const w = watchDataFiles([file], () => {
      calls++;
      told();
    }, undefined, 50);
    try {
      const next = () => new Promise<void>((res) => (told = res));
      let seen = next();
      writeFileSync(file, 'a');
      writeFileSync(file, 'ab');
      await seen;
      assert.equal(calls, 1, 'a burst of writes is one change');
      seen = next();
      writeFileSync(join(dir, 'other.txt'), 'x');
      writeFileSync(file, 'abc');
      await seen;
      assert.equal(calls, 2);
    } finally {
      w.dispose();
    }
  });

  it('a folder that does not exist is skipped and named', () => {
    const failed: string[] = [];
    const w = watchDataFiles([join(dir, 'missing', 'f.csv')], () => undefined, (d) => failed.push(d));
    w.dispose();
    assert.deepEqual(failed, [join(dir, 'missing')]);
  });
});
