// Issue 14 over LSP (the bundled server over stdio): inlay hints that follow edits and the
// setting, the haiClaims/status notification (guide only, a CMS file loading then in force, a
// file that fails, an untrusted workspace), and diagnostics linking to their check's row.
// Everything waits on notifications and responses, never on timers.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InlayHint } from 'vscode-languageserver-protocol';
import type { DataStatus } from '../../server/src/core/features/status';
import { STATUS_NOTIFICATION } from '../../server/src/protocol';
import { ensureBuilt } from '../helpers/build';
import { TestClient, type ClientOptions } from '../helpers/lsp-client';

const URI = 'file:///tmp/hai-claims-editor-features/example.claim';
const EXAMPLE = readFileSync(path.resolve(__dirname, '../../examples/language-page-example.claim'), 'utf8');
const PTP = path.resolve(__dirname, '../fixtures/cms/ccipra-v321r0-f1.txt');
const label = (h: InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));

/** A client that records haiClaims/status and resolves waits on it. */
class StatusClient extends TestClient {
  readonly statuses: DataStatus[] = [];
  private statusWaiters: { pred: (s: DataStatus) => boolean; resolve: (s: DataStatus) => void }[] = [];
  constructor(options: ClientOptions = {}) {
    super(options);
    this.conn.onNotification(STATUS_NOTIFICATION, (s: DataStatus) => {
      this.statuses.push(s);
      this.statusWaiters = this.statusWaiters.filter((w) => (w.pred(s) ? (w.resolve(s), false) : true));
    });
  }
  /** The first status, sent or to come, that `pred` accepts. */
  status(pred: (s: DataStatus) => boolean): Promise<DataStatus> {
    const seen = this.statuses.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.statusWaiters.push({ pred, resolve }));
  }
}

async function hints(c: TestClient, lines: number): Promise<InlayHint[]> {
  return c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: URI }, range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } } });
}

describe('language server: inlay hints, status, diagnostic links', function () {
  let client: StatusClient | undefined;
  before(() => ensureBuilt());
  afterEach(() => {
    if (client && client.proc.exitCode === null) client.kill();
    client = undefined;
  });

  it('inlay hints: each service line its amount after reductions, or denied with its check; they follow an edit', async () => {
    client = new StatusClient({ settings: { diagnostics: { debounceMs: 0 } } });
    const init = await client.initialize();
    assert.ok(init.capabilities.inlayHintProvider, 'inlayHintProvider is not advertised');
    await client.open(URI, EXAMPLE);
    const before = await hints(client, 20);
    const at = (hs: InlayHint[], line: number) => hs.filter((h) => h.position.line === line).map(label);
    assert.deepEqual(at(before, 10), ['$633.00']);
    assert.match(at(before, 11)[0] ?? '', /^\$\d+\.\d\d, paid 50% \(MPPR\)$/);
    assert.deepEqual(at(before, 12), ['denied (ncci-ptp)']);
    // at the end of the code, before the line's comment
    assert.equal(before.find((h) => h.position.line === 10)!.position.character, EXAMPLE.split('\n')[10]!.replace(/#.*$/, '').trimEnd().length);
    assert.ok(init.capabilities.inlayHintProvider && typeof init.capabilities.inlayHintProvider === 'object' && init.capabilities.inlayHintProvider.resolveProvider);
    const resolved = await client.request<InlayHint>('inlayHint/resolve', before.find((h) => h.position.line === 11));
    assert.match(JSON.stringify(resolved.tooltip), /MPPR \(endnote a\)/);

    // delete the 49000 line: the line below moves up, and nothing is denied any more
    await client.change(URI, [{ range: { start: { line: 12, character: 0 }, end: { line: 13, character: 0 } }, text: '' }]);
    const after = await hints(client, 20);
    assert.ok(!after.map(label).some((l) => l.startsWith('denied')), 'a hint still says denied');
    assert.match(at(after, 12)[0] ?? '', /^\$\d+\.\d\d/, '78830-26, now on line 13, is priced');
    // a range: only its lines
    const some = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: URI }, range: { start: { line: 11, character: 0 }, end: { line: 11, character: 99 } } });
    assert.deepEqual(some.map((h) => h.position.line), [11]);
    await client.shutdown();
  });

  it('inlay hints: none with haiClaims.inlayHints.enabled off', async () => {
    client = new StatusClient({ settings: { inlayHints: { enabled: false } } });
    await client.initialize();
    await client.configured;
    await client.status(() => true);
    await client.open(URI, EXAMPLE);
    assert.deepEqual(await hints(client, 20), []);
    await client.shutdown();
  });

  it('status: the guide alone, with the checks limited for lack of national files', async () => {
    client = new StatusClient();
    await client.initialize();
    const s = await client.status((x) => x.state === 'ready');
    assert.deepEqual(s.tables.map((t) => t.name), ['CY2026 guide']);
    assert.match(s.tables[0]!.source, /CY2026 HAI coding and billing guide/);
    assert.ok(s.tables[0]!.rows > 0);
    assert.deepEqual(s.limited.map((l) => l.check).sort(), ['addon-aoc', 'icd10', 'mue', 'ncci-ptp', 'pfs-rvu']);
    await client.shutdown();
  });

  it('status: loading, then NCCI 2026Q2 in force with its file and rows; bad rows make it a warning', async () => {
    // the fixture has three bad rows on purpose: a copy without them loads clean
    const dir = mkdtempSync(path.join(tmpdir(), 'hai-claims-status-'));
    const clean = path.join(dir, 'ccipra-v321r0-f1.txt');
    writeFileSync(clean, readFileSync(PTP, 'utf8').split('\n').filter((_l, i) => ![11, 13, 14].includes(i)).join('\n'));
    client = new StatusClient({ settings: { data: { ncciPtp: [clean] } } });
    await client.initialize();
    await client.status((x) => x.state === 'loading');
    const s = await client.status((x) => x.state !== 'loading' && x.tables.length > 1);
    assert.deepEqual(s.problems, []);
    assert.equal(s.state, 'ready');
    assert.deepEqual(s.tables.map((t) => t.name), ['CY2026 guide', 'NCCI 2026Q2']);
    assert.match(s.tables[1]!.source, /ccipra-v321r0-f1\.txt/);
    assert.ok(s.tables[1]!.rows > 0);
    assert.ok(!s.limited.some((l) => l.check === 'ncci-ptp'));
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });

    client = new StatusClient({ settings: { data: { ncciPtp: [PTP] } } });
    await client.initialize();
    const partial = await client.status((x) => x.state !== 'loading' && x.tables.length > 1);
    assert.equal(partial.state, 'warning');
    assert.equal(partial.problems.length, 3, partial.problems.join('; '));
    await client.shutdown();
  });

  it('status: the data files read, as hai-claims data lists them (the PFS release zip\'s members): the tooltip and "Show Data Files"', async () => {
    const release = path.join(__dirname, '..', 'fixtures', 'cms', 'as-shipped', 'RVU26A-sample.zip');
    client = new StatusClient({ settings: { data: { pfsRelease: [release] } } });
    await client.initialize();
    const s = await client.status((x) => x.state !== 'loading' && x.tables.length > 1);
    const gpci = s.files.find((f) => f.setting === 'data.gpci')!;
    assert.deepEqual([gpci.from, gpci.members.map((m) => m.member), gpci.rows], ['data.pfsRelease', ['GPCI2026.csv'], 12]);
    assert.ok(s.filesText.includes('data.oppsCap: PFS OPPS imaging cap files (OPPSCAP) (from data.pfsRelease)'), s.filesText.join('\n'));
    assert.ok(s.filesText.some((l) => /^ {2}file: .*RVU26A-sample\.zip, read: OPPSCAP_JAN\.csv$/.test(l)));
    await client.shutdown();
  });

  it('status: a warning, with the problem, when a file cannot be read', async () => {
    client = new StatusClient({ settings: { data: { mue: ['/nonexistent/hai-claims-test/mue.csv'] } } });
    await client.initialize();
    const s = await client.status((x) => x.state === 'warning');
    assert.ok(s.problems.some((p) => p.includes('mue.csv')), `problems: ${s.problems.join('; ')}`);
    assert.deepEqual(s.tables.map((t) => t.name), ['CY2026 guide']);
    await client.shutdown();
  });

  it('status: a warning in an untrusted workspace whose settings name files', async () => {
    const settings = { data: { ncciPtp: [PTP] } };
    client = new StatusClient({ settings, initializationOptions: { workspaceTrusted: false, haiClaims: settings } });
    await client.initialize();
    const s = await client.status((x) => x.untrusted);
    assert.equal(s.state, 'warning');
    assert.deepEqual(s.tables.map((t) => t.name), ['CY2026 guide'], 'the file was read anyway');
    await client.shutdown();
  });

  it("diagnostics link to their check's row in the docs/checks.md installed with the server", async () => {
    client = new StatusClient();
    await client.initialize();
    const diagnostics = await client.open(URI, EXAMPLE);
    const ncci = diagnostics.find((d) => d.code === 'ncci-ptp');
    assert.ok(ncci?.codeDescription, 'no codeDescription');
    const [file, fragment] = ncci.codeDescription.href.split('#');
    assert.match(ncci.codeDescription.href, /^file:.*\/docs\/checks\.md#L\d+$/);
    const row = readFileSync(fileURLToPath(file!), 'utf8').split('\n')[Number(fragment!.slice(1)) - 1];
    assert.match(row ?? '', /<a id="ncci-ptp"><\/a>`ncci-ptp`/);
    await client.shutdown();
  });
});
