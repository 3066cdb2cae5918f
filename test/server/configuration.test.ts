// The server's configuration handler on its own (no connection): a superseded national reload is
// aborted through the loader's signal and what it read is never used; settings problems are said
// once; an untrusted workspace reads no data files.
import assert from 'node:assert/strict';
import { loadDefaultTables, type Settings } from '../../server/src/core/languageService';
import type { NationalTables } from '../../server/src/core/tables';
import { emptyNationalData } from '../../server/src/core/tables/national-files';
import { Configuration, type ConfigurationHost } from '../../server/src/handlers/configuration';
import type { InitOptions } from '../../server/src/init';

interface LoadCall {
  data: Settings['data'];
  signal: AbortSignal;
  finish(problems?: string[]): void;
}

/** A configuration whose national loader waits until the test finishes each load. */
function setUp(init: Partial<InitOptions> = {}, pulled: unknown = {}) {
  const loads: LoadCall[] = [];
  const warnings: string[] = [];
  const notices: string[] = [];
  let revalidations = 0;
  const host: ConfigurationHost = {
    log: () => undefined,
    showWarning: (m) => warnings.push(m),
    showInformation: (m) => notices.push(m),
    revalidate: () => revalidations++,
    pullSettings: async () => pulled,
    registerForChanges: () => undefined,
    loadNational: (settings, _dir, opts = {}) =>
      new Promise((resolve) => {
        assert.ok(opts.signal, 'the loader is given a signal');
        const national: NationalTables = {};
        loads.push({ data: settings.data, signal: opts.signal, finish: (problems = []) => resolve({ national, problems }) });
      }),
  };
  const config = new Configuration(host);
  config.onInitialize({ configurationPull: false, dataBaseDir: '/base', workspaceTrusted: true, ...init });
  return { config, loads, warnings, notices, revalidations: () => revalidations };
}

const pushed = (data: Partial<Settings['data']>) => ({ haiClaims: { data } });

describe('server configuration', () => {
  it('aborts a superseded national reload and never applies what it read', async () => {
    const { config, loads, warnings } = setUp();
    await config.onInitialized();
    const first = config.onDidChangeConfiguration(pushed({ pfsRvu: ['first.csv'] }));
    const second = config.onDidChangeConfiguration(pushed({ pfsRvu: ['second.csv'] }));
    assert.deepEqual(loads.map((l) => l.data.pfsRvu), [['first.csv'], ['second.csv']]);
    assert.equal(loads[0]!.signal.aborted, true, 'the first load is told to stop reading');
    assert.equal(loads[1]!.signal.aborted, false);

    // The first load ends after it was superseded: its problems are not shown, its tables not used.
    loads[0]!.finish(['first.csv:3: a stale problem']);
    await first;
    assert.deepEqual(warnings, []);
    assert.equal(config.tables(), loadDefaultTables());

    loads[1]!.finish(['second.csv:7: a bad row']);
    await second;
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /second\.csv:7: a bad row/);
    assert.notEqual(config.tables(), loadDefaultTables(), 'the second load\'s tables are in use');
  });

  it('aborts a load under way when the settings stop naming files, and keeps the guide tables', async () => {
    const { config, loads, warnings } = setUp();
    await config.onInitialized();
    const first = config.onDidChangeConfiguration(pushed({ mue: ['mue.csv'] }));
    await config.onDidChangeConfiguration(pushed({}));
    assert.equal(loads.length, 1);
    assert.equal(loads[0]!.signal.aborted, true);
    loads[0]!.finish(['mue.csv: late']);
    await first;
    assert.deepEqual(warnings, []);
    assert.equal(config.tables(), loadDefaultTables());
  });

  it('says the problems of the initial settings once, though the pulled settings repeat them', async () => {
    const bad = { diagnostics: { debounceMs: 'soon' } };
    const { config, warnings } = setUp({ configurationPull: true, settings: bad }, bad);
    await config.onInitialized();
    await config.onDidChangeConfiguration({});
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /^HAI Claims settings: haiClaims\.diagnostics\.debounceMs: .*\. The defaults are used for those settings\.$/);
    assert.equal(config.settings.diagnostics.debounceMs, 150);
  });

  it('in an untrusted workspace loads no data file and says so once', async () => {
    const { config, loads, notices } = setUp({ workspaceTrusted: false, settings: { data: { icd10cm: ['icd.txt'] } } });
    await config.onInitialized();
    await config.onDidChangeConfiguration(pushed({ ncciPtp: ['ptp.txt'] }));
    assert.equal(loads.length, 0);
    // Every data key empty (the descriptor table's keys: the four of issue 16 included).
    assert.deepEqual(config.settings.data, { ...emptyNationalData(), ncciPtp: [], mue: [], pfsRvu: [], icd10cm: [] });
    assert.ok(Object.values(config.settings.data).every((paths) => paths.length === 0));
    assert.equal(notices.length, 1);
    assert.match(notices[0]!, /not trusted/);
  });

  it('watches the named data files: a change loads them again; other settings replace the watch (issue 25)', async () => {
    const watches: { paths: readonly string[]; changed: () => void; disposed: boolean }[] = [];
    const { config, loads } = setUp();
    (config as unknown as { host: ConfigurationHost }).host.watchFiles = (paths, changed) => {
      const w = { paths, changed, disposed: false };
      watches.push(w);
      return { dispose: () => void (w.disposed = true) };
    };
    await config.onInitialized();
    const first = config.onDidChangeConfiguration(pushed({ ncciPtp: ['ptp/ccipra.txt'], mue: ['/abs/mue.csv'] }));
    loads[0]!.finish();
    await first;
    assert.equal(watches.length, 1);
    assert.deepEqual([...watches[0]!.paths].sort(), ['/abs/mue.csv', '/base/ptp/ccipra.txt']);
    // the file changed on disk: the same settings are loaded again
    watches[0]!.changed();
    assert.equal(loads.length, 2);
    assert.deepEqual(loads[1]!.data.ncciPtp, ['ptp/ccipra.txt']);
    loads[1]!.finish();
    assert.equal(watches.length, 1, 'the same files: the same watch');
    const other = config.onDidChangeConfiguration(pushed({ mue: ['/abs/mue.csv'] }));
    loads[2]!.finish();
    await other;
    assert.equal(watches[0]!.disposed, true);
    assert.deepEqual(watches[1]!.paths, ['/abs/mue.csv']);
    await config.onDidChangeConfiguration(pushed({}));
    assert.equal(watches[1]!.disposed, true, 'no file named: nothing watched');
  });
});
