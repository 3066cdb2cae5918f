// `hai-claims data` (issue 21): for every setting, the file and zip member read, rows, the years or
// quarters covered, the conversion factor and problems; exit 2 when a named file cannot be used.
// The as-shipped samples: the PFS release zip named once, the add-on code workbook in its zip.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli, hai, ROOT } from '../helpers/cli';

const SHIPPED = join(ROOT, 'test', 'fixtures', 'cms', 'as-shipped');

describe('hai-claims data (built CLI)', function () {
  this.timeout(120_000);
  before(() => buildCli());
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hai-cli-datacmd-'));
    for (const f of ['RVU26A-sample.zip', 'AOC_V2026Q2-MCR.zip']) copyFileSync(join(SHIPPED, f), join(dir, f));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const config = (data: Record<string, unknown>) => {
    writeFileSync(join(dir, 'cfg.json'), JSON.stringify({ data }));
    return join(dir, 'cfg.json');
  };

  it('lists every setting: the release zip\'s members, rows, periods, the conversion factor; exit 0', () => {
    const r = hai(['data', '--config', config({ pfsRelease: 'RVU26A-sample.zip', addOn: 'AOC_V2026Q2-MCR.zip' })], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^data\.pfsRvu: PFS relative value files \(PPRRVU\) \(from data\.pfsRelease\)\n {2}file: RVU26A-sample\.zip, read: PPRRVU2026_Jan_QPP\.csv, PPRRVU2026_Jan_nonQPP\.csv\n {2}rows: 3/m);
    assert.match(r.stdout, /conversion factor: \$\d+\.\d{4}/);
    assert.match(r.stdout, /^data\.oppsCap: .*\n {2}file: RVU26A-sample\.zip, read: OPPSCAP_JAN\.csv\n {2}rows: 4; covers 2026Q1$/m);
    assert.match(r.stdout, /^data\.addOn: .*\n {2}file: AOC_V2026Q2-MCR\.zip, read: AOC_V2026Q2-MCR\.xlsx \(sheet AOC_V2026Q2-MCR\)\n {2}rows: 5; covers 2026Q2$/m);
    assert.match(r.stdout, /^data\.ncciPtp: NCCI practitioner PTP edit files\n {2}not set$/m);
  });

  it('--format json; a file that cannot be used is named with its reason and the run exits 2', () => {
    writeFileSync(join(dir, 'empty.zip'), Buffer.from('504b0506000000000000000000000000000000000000', 'hex'));
    const r = hai(['data', '--format', 'json', '--config', config({ gpci: 'empty.zip', pfsRelease: 'RVU26A-sample.zip' })], { cwd: dir });
    assert.equal(r.status, 2);
    const json = JSON.parse(r.stdout) as { files: { setting: string; files: string[]; from?: string; rows: number; unusable: boolean; problems: string[]; members: unknown[] }[] };
    const gpci = json.files.find((f) => f.setting === 'data.gpci')!;
    assert.deepEqual([gpci.files, gpci.from, gpci.rows, gpci.unusable], [['empty.zip'], undefined, 0, true]);
    assert.match(gpci.problems[0], /empty\.zip: is an empty zip archive \(it holds no file\); download it again$/);
    assert.equal(json.files.find((f) => f.setting === 'data.localities')!.from, 'data.pfsRelease');
    // check stops on the same file with the same reason.
    writeFileSync(join(dir, 'a.claim'), 'claim "x"\npayer Medicare\nstate GA\npos 11\ndx C78.7\non 2026-03-03\n  99213 dx A\n');
    const check = hai(['check', '--config', join(dir, 'cfg.json'), join(dir, 'a.claim')], { cwd: dir });
    assert.equal(check.status, 2);
    assert.match(check.stderr, /data\.gpci: cannot read empty\.zip: is an empty zip archive/);
  });

  it('takes no files, and prints text or json only', () => {
    assert.equal(hai(['data', 'a.claim']).status, 2);
    assert.match(hai(['data', '--format', 'sarif']).stderr, /data prints text or json/);
  });
});
