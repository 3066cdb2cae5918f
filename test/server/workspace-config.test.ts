// The workspace's .haiclaims.json in the server: read with the CLI's parser, under the user's own
// settings, its data files read only in a trusted workspace, read again when it changes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Settings } from '../../server/src/core/languageService';
import type { NationalTables } from '../../server/src/core/tables';
import { Configuration, type ConfigurationHost } from '../../server/src/handlers/configuration';
import { readWorkspaceFile } from '../../server/src/handlers/workspace-config';
import type { InitOptions } from '../../server/src/init';

function setUp(files: Record<string, string>, init: Partial<InitOptions> = {}, pulled: unknown = {}) {
  const loads: Settings['data'][] = [];
  const warnings: string[] = [];
  const notices: string[] = [];
  const host: ConfigurationHost = {
    log: () => undefined,
    showWarning: (m) => warnings.push(m),
    showInformation: (m) => notices.push(m),
    revalidate: () => undefined,
    pullSettings: async () => pulled,
    registerForChanges: () => undefined,
    readText: (path) => files[path],
    loadNational: async (settings) => {
      loads.push(settings.data);
      const national: NationalTables = {};
      return { national, problems: [] };
    },
  };
  const config = new Configuration(host);
  config.onInitialize({ configurationPull: true, dataBaseDir: '/ws', workspaceTrusted: true, ...init });
  return { config, loads, warnings, notices, files };
}

describe('server: the workspace .haiclaims.json', () => {
  it('applies the file (JSON with comments), the user settings winning key by key', async () => {
    const file = '// team settings\n{ "rules": { "ncci-ptp": "warning", "kd-required": "error", }, "data.mue": "cms/mue.csv", "defaultPos": "21" }';
    // What VS Code's client sends: every key (defaults too), and which ones the user set.
    const user = { rules: { 'kd-required': 'off' }, defaultPos: '11', data: { mue: [] }, $explicit: ['rules'] };
    const { config, loads, warnings } = setUp({ '/ws/.haiclaims.json': file }, {}, user);
    await config.onInitialized();
    assert.deepEqual(warnings, []);
    assert.deepEqual(config.settings.rules, { 'ncci-ptp': 'warning', 'kd-required': 'off' });
    assert.equal(config.settings.defaultPos, '21', 'the user did not set defaultPos: the file decides');
    assert.deepEqual(config.settings.data.mue, ['cms/mue.csv']);
    assert.deepEqual(loads.map((d) => d.mue), [['cms/mue.csv']]);
  });

  it('in an untrusted workspace the file\'s data files are not read, its rules still apply', async () => {
    const { config, loads, notices } = setUp({ '/ws/.haiclaims.json': '{ "rules": { "ncci-ptp": "off" }, "data.ncciPtp": "ptp.txt" }' }, { workspaceTrusted: false });
    await config.onInitialized();
    assert.equal(loads.length, 0);
    assert.deepEqual(config.settings.data.ncciPtp, []);
    assert.equal(config.settings.rules['ncci-ptp'], 'off');
    assert.match(notices[0] ?? '', /not trusted/);
  });

  it('bad values and a file that is not JSON are said once, with the key, never the text', async () => {
    const { config, warnings, files } = setUp({ '/ws/.haiclaims.json': '{ "rules": { "ncci-ptp": "loud" }, "maxFileBytes": "Jane Doe" }' });
    await config.onInitialized();
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /\.haiclaims\.json: rules\.ncci-ptp: .*\.haiclaims\.json: maxFileBytes: /);
    assert.doesNotMatch(warnings[0]!, /Jane/);
    files['/ws/.haiclaims.json'] = '{ "rules": ';
    await config.onWorkspaceFileChanged();
    assert.equal(warnings.length, 2);
    assert.match(warnings[1]!, /\.haiclaims\.json: not valid JSON \(line 1, column \d+\).*not used until it is fixed/);
  });

  it('a change to the file is applied; deleting it restores the user settings', async () => {
    const { config, files } = setUp({});
    await config.onInitialized();
    assert.deepEqual(config.settings.rules, {});
    files['/ws/.haiclaims.json'] = '{ "rules": { "dos-year": "off" } }';
    await config.onWorkspaceFileChanged();
    assert.deepEqual(config.settings.rules, { 'dos-year': 'off' });
    delete files['/ws/.haiclaims.json'];
    await config.onWorkspaceFileChanged();
    assert.deepEqual(config.settings.rules, {});
  });

  it('an unreadable file is a warning naming the reason, and the user settings apply', () => {
    const r = readWorkspaceFile('/ws', () => {
      throw Object.assign(new Error('x'), { code: 'EACCES' });
    });
    assert.deepEqual(r, { problems: ['.haiclaims.json: could not be read (EACCES); its settings are not used'] });
  });

  describe('bounded reads (issue 26)', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hai-ws-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('a link to /dev/zero, a FIFO or a directory is not read: a warning says why, the defaults apply', () => {
      symlinkSync('/dev/zero', join(dir, '.haiclaims.json'));
      assert.match(readWorkspaceFile(dir).problems[0], /^\.haiclaims\.json: not read \(skipped: it is a character device .*\); its settings are not used$/);
      rmSync(join(dir, '.haiclaims.json'));
      execFileSync('mkfifo', [join(dir, '.haiclaims.json')]);
      assert.match(readWorkspaceFile(dir).problems[0], /not read \(skipped: it is a FIFO/);
      rmSync(join(dir, '.haiclaims.json'));
      mkdirSync(join(dir, '.haiclaims.json'));
      assert.match(readWorkspaceFile(dir).problems[0], /not read \(skipped: it is a directory/);
    });

    it('20,000 nested [ and a __proto__ key: a warning, not a crash, and no check switched off unseen', () => {
      writeFileSync(join(dir, '.haiclaims.json'), '['.repeat(20_000));
      assert.match(readWorkspaceFile(dir).problems[0], /nested more than 64 levels deep \(line 1, column 65\)/);
      writeFileSync(join(dir, '.haiclaims.json'), '{ "__proto__": { "rules": { "ncci-ptp": "off" } } }');
      const r = readWorkspaceFile(dir);
      assert.equal(r.settings?.rules['ncci-ptp'], undefined);
      assert.deepEqual(r.problems, ['.haiclaims.json: __proto__: not a hai-claims setting (ignored)']);
    });
  });

  it('in an untrusted workspace, says what the file changes: the rules applied, the data files not', async () => {
    const { config, notices, loads } = setUp({ '/ws/.haiclaims.json': '{ "rules": { "ncci-ptp": "off" }, "data": { "mue": "cms/mue.csv" } }' }, { workspaceTrusted: false });
    await config.onInitialized();
    assert.equal(loads.length, 0);
    assert.ok(notices.some((n) => /its \.haiclaims\.json sets rules\.ncci-ptp, data\.mue\. Applied: rules\.ncci-ptp .* Not applied: data\.mue/.test(n)), notices.join('\n'));
  });
});
