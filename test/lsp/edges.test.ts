// Privacy at the edges of the server (issue 17): the LSP library would copy two kinds of malformed
// message whole into window/logMessage (a message that is neither request, response nor
// notification; a response without an id, with its error); they are summarised, never copied.
import assert from 'node:assert/strict';
import { ensureBuilt } from '../helpers/build';
import { TestClient } from '../helpers/lsp-client';

const SENTINEL = 'ZZSENTINEL';

/** Writes one raw JSON-RPC message to the server's stdin, as a broken client would. */
function writeRaw(c: TestClient, body: unknown): void {
  const json = JSON.stringify(body);
  c.proc.stdin.write(`Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`);
}

describe('language server: malformed messages are not copied into the log', function () {
  this.timeout(60_000);
  const clients: TestClient[] = [];
  before(() => ensureBuilt());
  afterEach(() => {
    for (const c of clients.splice(0)) if (c.proc.exitCode === null) c.kill();
  });

  it('a message of no kind and a response without an id are logged as a summary, without their content', async () => {
    const c = new TestClient({ settings: { diagnostics: { debounceMs: 0 } } });
    clients.push(c);
    await c.initialize();
    writeRaw(c, { jsonrpc: '2.0', data: `${SENTINEL} Jane Roe DOB 1950-01-01` });
    writeRaw(c, { jsonrpc: '2.0', id: null, error: { code: -32000, message: `${SENTINEL} Jane Roe`, data: SENTINEL } });
    // A request after both: its answer arrives after the server has handled (and logged) them.
    await c.request('textDocument/hover', { textDocument: { uri: 'file:///none.claim' }, position: { line: 0, character: 0 } });
    await c.request('textDocument/hover', { textDocument: { uri: 'file:///none.claim' }, position: { line: 0, character: 0 } });
    const logs = c.logs.join('\n');
    assert.match(logs, /neither a request, a response nor a notification: ignored \(its content is not logged\)/);
    assert.match(logs, /a response without an id: ignored \(its content is not logged\)/);
    assert.ok(!logs.includes(SENTINEL), 'no content of the malformed messages in the log');
    assert.ok(!c.stderr.join('').includes(SENTINEL));
    assert.equal(await c.shutdown(), 0);
  });
});
