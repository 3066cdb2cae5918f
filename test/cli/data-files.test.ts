// The built CLI with damaged CMS data files: a stray quote in one PPRRVU row costs that row (a
// note with file and line; the rest prices as before), and a PPRRVU file that loses most of its
// rows stops the run (exit 2) instead of pricing from what is left.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli, fixture, hai, ROOT } from '../helpers/cli';

describe('hai-claims with damaged data files (built CLI)', function () {
  this.timeout(120_000);
  before(() => buildCli());

  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hai-cli-data-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const rvu = readFileSync(join(ROOT, 'test', 'fixtures', 'cms', 'PPRRVU2026_Apr_nonQPP.csv'), 'utf8').split('\n');
  const run = (lines: string[]) => {
    writeFileSync(join(dir, 'rvu.csv'), lines.join('\n'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ data: { pfsRvu: 'rvu.csv' } }));
    return hai(['estimate', '--config', join(dir, 'config.json'), fixture('national.claim')]);
  };

  it('a stray quote before 99213 costs only its own row: 99213 is still priced from the file', () => {
    const clean = run(rvu);
    assert.match(clean.stdout, /95\.19/);
    // A row whose description opens a quote that never closes, just before 99213's row (line 7).
    const damaged = [...rvu.slice(0, 6), '99211,,"Office o/p est, minimal,A,,0.18,0.48,,0.07,,0.01,0.67,0.26,0,XXX', ...rvu.slice(6)];
    const r = run(damaged);
    assert.equal(r.status, clean.status);
    assert.match(r.stdout, /95\.19/);
    assert.match(r.stderr, /note: data\.pfsRvu: \S*rvu\.csv:7: a cell opens a quote \(".*the row was skipped/);
  });

  it('a file that loses most of its rows ends the run with exit 2, saying why', () => {
    // Every data row but one with its code damaged.
    const damaged = rvu.map((l, i) => (i > 6 && /^\w{5},/.test(l) ? `X${l.slice(1)}`.replace(/^X(\w{4}),/, 'X$1-,') : l));
    const r = run(damaged);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /data\.pfsRvu: \S*rvu\.csv: only 1 of its 9 data rows could be read, so none of its rows were loaded/);
    assert.equal(r.stdout, '');
  });
});
