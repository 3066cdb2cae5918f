// The stdio writer's encoder (handlers/transport.ts): its JSON is JSON.stringify's, for a publish
// (diagnostics already written once are taken from its cache) and for any other message.
import assert from 'node:assert/strict';
import { analyze, DEFAULT_SETTINGS, loadDefaultTables, toPublishedDiagnostics } from '../../server/src/core/languageService';
import { encodeMessage as encodeBytes, frameMessage } from '../../server/src/handlers/transport';
import { longClaim } from '../../bench/long-claim';

const encodeMessage = (msg: object) => encodeBytes(msg as never).toString('utf8');

describe('stdio transport: the message encoder', () => {
  it('writes what JSON.stringify writes: a publish (twice, from its cache), an empty one, and other messages', () => {
    const uri = 'file:///work/a "quoted" \\ path/diagnostics":[].claim';
    const diagnostics = toPublishedDiagnostics(analyze(longClaim(3000, 40, 3).text, loadDefaultTables(), { settings: DEFAULT_SETTINGS }).findings, uri);
    assert.ok(diagnostics.length > 500);
    const publish = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: 7, diagnostics } };
    assert.equal(encodeMessage(publish), JSON.stringify(publish));
    assert.equal(encodeMessage(publish), JSON.stringify(publish), 'from the cache');
    // One diagnostic new, the others cached: still the same text, in order.
    const changed = { ...publish, params: { ...publish.params, diagnostics: [{ ...diagnostics[0], message: 'changed' }, ...diagnostics.slice(1)] } };
    assert.equal(encodeMessage(changed), JSON.stringify(changed));
    const empty = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, diagnostics: [] } };
    assert.equal(encodeMessage(empty), JSON.stringify(empty));
    const response = { jsonrpc: '2.0', id: 3, result: { contents: { kind: 'markdown', value: '"diagnostics":[]' } } };
    assert.equal(encodeMessage(response), JSON.stringify(response));
    const log = { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'x' } };
    assert.equal(encodeMessage(log), JSON.stringify(log));
    // Not ASCII (a path, a word in a message): UTF-8, as the header's length counts it.
    const accented = { ...publish, params: { ...publish.params, uri: 'file:///work/r\u00e9sum\u00e9/a.claim', diagnostics: [{ ...diagnostics[1], message: 'caf\u00e9 \u{1F600}' }, diagnostics[0]] } };
    assert.equal(encodeMessage(accented), JSON.stringify(accented));
    assert.equal(encodeBytes(accented as never).length, Buffer.byteLength(JSON.stringify(accented)));
  });

  it('frames a message as one buffer: the Content-Length header (in bytes), then the same bytes', () => {
    const uri = 'file:///work/r\u00e9sum\u00e9/a.claim';
    const diagnostics = toPublishedDiagnostics(analyze(longClaim(300, 40, 3).text, loadDefaultTables(), { settings: DEFAULT_SETTINGS }).findings, uri);
    const publish = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: 2, diagnostics } };
    const response = { jsonrpc: '2.0', id: 1, result: { contents: { kind: 'markdown', value: 'caf\u00e9 \u{1F600}' } } };
    for (const msg of [publish, response, { ...publish, params: { uri, diagnostics: [] } }]) {
      const body = Buffer.from(JSON.stringify(msg));
      assert.deepEqual(frameMessage(msg as never), Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
    }
  });
});
