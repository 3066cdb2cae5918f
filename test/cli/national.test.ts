// The CLI and the server load national files through the one loader (national-io.ts): for the
// same files they build the same tables and see the same problems; only the policy differs (the
// CLI stops on a setting that is unreadable or yields no rows, the server uses what loaded).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadNationalData } from '../../server/src/cli/national';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/core/settings';
import { loadNationalForServer } from '../../server/src/national-hook';
import { CMS_DIR, ICD, MUE, PTP_F1, PTP_F2, RVU } from '../helpers/cms-fixtures';
import { buildCli, hai } from '../helpers/cli';

const CLI_FIXTURES = join(__dirname, '..', 'fixtures', 'cli');
const settingsWith = (data: Partial<Settings['data']>): Settings => ({ ...structuredClone(DEFAULT_SETTINGS), data: { ...DEFAULT_SETTINGS.data, ...data } });
/** The CLI's line without its `data.<key>: ` prefix: the server's line for the same problem. */
const unprefixed = (line: string) => line.replace(/^data\.[A-Za-z0-9]+: /, '');

describe('national files: the CLI and the server load the same', () => {
  it('every kind: the same tables, and the server\'s problems are the CLI\'s notes', async () => {
    const settings = settingsWith({ ncciPtp: [PTP_F1, PTP_F2], mue: [MUE], pfsRvu: [RVU], icd10cm: [ICD] });
    const cli = await loadNationalData(settings, CMS_DIR);
    const server = await loadNationalForServer(settings, CMS_DIR);
    assert.deepEqual(cli.errors, []);
    assert.deepEqual(Object.keys(cli.national), ['ptp', 'mue', 'rvu', 'icd10']);
    assert.deepStrictEqual(cli.national, server.national);
    assert.ok(server.problems.length > 0, 'the fixtures have bad rows');
    assert.deepEqual(cli.notices.map(unprefixed), server.problems);
    assert.ok(cli.notices.every((n) => n.startsWith('data.')));
  });

  it('a file in the wrong layout: the same problem, an error for the CLI', async () => {
    const settings = settingsWith({ pfsRvu: ['clean.claim'], icd10cm: [join(CMS_DIR, ICD)] });
    const cli = await loadNationalData(settings, CLI_FIXTURES);
    const server = await loadNationalForServer(settings, CLI_FIXTURES);
    assert.deepEqual(cli.errors.map(unprefixed), server.problems.filter((p) => p.includes('clean.claim')));
    assert.match(cli.errors[0], /^data\.pfsRvu: \S*clean\.claim: no header row with an "HCPCS" column/);
    assert.deepStrictEqual(cli.national, server.national);
    assert.deepEqual(Object.keys(server.national), ['icd10']);
  });

  it('a missing file: both name it; the CLI stops, the server loads the setting\'s other files', async () => {
    const settings = settingsWith({ ncciPtp: [PTP_F1, 'no-such-f2.txt'], mue: [CMS_DIR] });
    const cli = await loadNationalData(settings, CMS_DIR);
    const server = await loadNationalForServer(settings, CMS_DIR);
    assert.deepEqual(cli.errors, ['data.ncciPtp: cannot read no-such-f2.txt: no such file', `data.mue: cannot read ${CMS_DIR}: it is a directory`]);
    assert.deepEqual(
      server.problems.filter((p) => !/:\d+: /.test(p)),
      [`${join(CMS_DIR, 'no-such-f2.txt')}: could not be read (ENOENT)`, `${CMS_DIR}: is not a file`],
    );
    assert.equal(server.national.ptp?.size, 6);
    assert.deepEqual(cli.national, {});
  });

  it('nothing named: nothing loaded, nothing said', async () => {
    const cli = await loadNationalData(DEFAULT_SETTINGS, CMS_DIR);
    const server = await loadNationalForServer(DEFAULT_SETTINGS, CMS_DIR);
    assert.deepEqual(cli, { national: {}, errors: [], notices: [], stats: [] });
    assert.deepEqual({ national: server.national, problems: server.problems }, { national: {}, problems: [] });
    // The server's account lists every setting, none set.
    assert.ok(server.files?.every((f) => f.files.length === 0 && f.problems.length === 0));
  });

  it('the CLI imports no server module: the core, the shared loader and the shared bounded read only', () => {
    const cliDir = join(__dirname, '..', '..', 'server', 'src', 'cli');
    const files = [join(cliDir, '..', 'cli.ts'), ...readdirSync(cliDir).filter((f) => f.endsWith('.ts')).map((f) => join(cliDir, f))];
    for (const file of files) {
      const outside = [...readFileSync(file, 'utf8').matchAll(/from '(\.\.\/[^']+)'/g)].map((m) => m[1]).filter((m) => !/^(\.\.\/core\/|\.\.\/national-io$|\.\.\/regular-file$|\.\.\/estimate-csv$|(\.\.\/)+package\.json$)/.test(m));
      assert.deepEqual(outside, [], file);
    }
  });
});

describe('hai-claims estimate with the locality, ASP and add-on files (issue 16)', () => {
  before(() => buildCli());
  const config = 'test/fixtures/cms/local/local-config.json';
  const claim = 'test/fixtures/cms/local/fulton.claim';

  it('prices a claim in Fulton County on 2026-05-04 to the cent, naming the locality and the quarter', () => {
    const r = hai(['estimate', '--config', config, claim]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /96522 +1 +124\.90 +124\.90/);
    assert.match(r.stdout, /J9200-KD +2 +197\.53 +197\.53/);
    assert.match(r.stdout, /claim total +419\.09/);
    assert.match(r.stdout, /note: Priced in locality ATLANTA, GA \(MAC 10212, locality 01\) \(county FULTON\)/);
    assert.match(r.stdout, /note: 2 drug lines at the ASP payment limit of the date's quarter: CMS ASP drug pricing 2026Q2 \(asp-2026q2\.csv\)/);
    // Bad rows of the fixtures are notes on stderr, with file and line; the run goes on.
    assert.match(r.stderr, /note: data\.gpci: \S*GPCI2026\.csv:9: MAC "1021"/);
  });

  it('JSON carries the locality, each line\'s basis and its national unit price', () => {
    const r = hai(['estimate', '--format', 'json', '--config', config, claim]);
    const [c] = JSON.parse(r.stdout) as { locality: { id: string }; total: number; dates: { lines: { code: string; basis: string; nationalUnitAllowable: number | null; amount: number }[] }[] }[];
    assert.equal(c.locality.id, '10212-01');
    assert.equal(c.total, 419.09);
    assert.deepEqual(
      c.dates[0].lines.map((l) => [l.code, l.basis, l.nationalUnitAllowable, l.amount]),
      [['99213', 'locality', 95.19, 95.05], ['96522', 'locality', 125, 124.9], ['J9200', 'asp', 4128, 197.53], ['J1644', 'asp', 0, 1.61]],
    );
  });
});
