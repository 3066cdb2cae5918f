// An 837P document in the editor (issue 24), over the bundled server: diagnostics on its
// segments whatever its language id, hover on SV1 as on the claim line, "Open as Claim", and no
// patient data in anything the server sends or logs.
import assert from 'node:assert/strict';
import type { Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { ensureBuilt } from '../helpers/build';
import { TestClient } from '../helpers/lsp-client';
import { interchange, type Phi, type X12Spec } from '../helpers/x12';

const PHI: Phi = {
  name: 'ZQXLSPNAME',
  id: 'ZQXLSPID',
  address: 'ZQX LSP ADDR',
  city: 'ZQXLSPCITY',
  zip: '97532',
  dob: '19020304',
  account: 'ZQXLSPACCT',
  claimControl: 'ZQXLSPCCN',
  note: 'ZQX LSP NOTE',
  charge: '75310.24',
  phone: '5550008888',
};

const SPEC: X12Spec = {
  subscribers: [{ filing: 'MB', claims: [{ pos: '21', dx: ['C787', 'C187'], lines: [{ code: '36260', date: '20260302' }, { code: '49000', date: '20260302' }] }] }],
};
const CLAIM = 'claim "x"\npayer medicare\nstate GA\npos 21\ndx C78.7\ndx C18.7\non 2026-03-02\n  36260 dx A\n  49000 dx A\n';
const URI = 'file:///work/claims.837';

describe('language server: X12 837P documents', function () {
  this.timeout(60_000);
  let client: TestClient;
  const text = interchange(SPEC, PHI);
  const lines = text.split('\n');
  const sv1 = lines.findIndex((l) => l.startsWith('SV1*HC:49000'));
  before(() => ensureBuilt());
  beforeEach(async () => {
    client = new TestClient({ settings: { diagnostics: { debounceMs: 0 } }, languageId: 'x12' });
    await client.initialize();
  });
  afterEach(async () => {
    if (client.proc.exitCode === null) await client.shutdown();
  });

  it('publishes the findings on their segments, whatever the language id, and hovers on SV1 as on the claim line', async () => {
    const diags: Diagnostic[] = await client.open(URI, text);
    const ncci = diags.find((d) => d.code === 'ncci-ptp')!;
    assert.ok(ncci, JSON.stringify(diags.map((d) => d.code)));
    assert.equal(ncci.range.start.line, sv1);
    assert.equal(lines[sv1].slice(ncci.range.start.character, ncci.range.end.character), '49000');
    assert.match(ncci.message, /^837P SV1 segment \d+: 49000 is not reimbursable/);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position: { line: sv1, character: 2 } });
    assert.ok(hover);
    assert.equal(hover.range?.start.line, sv1);
    // The same hover as on the claim line of the equivalent .claim.
    const claims = new TestClient({ settings: { diagnostics: { debounceMs: 0 } } });
    await claims.initialize();
    await claims.open('file:///work/x.claim', CLAIM);
    const expected = await claims.request<Hover | null>('textDocument/hover', { textDocument: { uri: 'file:///work/x.claim' }, position: { line: 8, character: 3 } });
    await claims.shutdown();
    assert.equal((hover.contents as MarkupContent).value, (expected!.contents as MarkupContent).value);
  });

  it('Open as Claim: the de-identified claim text; a change is checked again', async () => {
    await client.open(URI, text);
    const r = await client.request<{ text: string | null }>('haiClaims/x12Claim', { uri: URI });
    assert.match(r.text!, /^ {2}49000 dx A$/m);
    const estimate = await client.request<{ markdown: string; claims: { total: number }[] }>('haiClaims/estimate', { uri: URI });
    // 36260 633.00 + 49000 denied (NCCI), the guide's facility allowables.
    assert.deepEqual(estimate.claims.map((c) => c.total), [633]);
    assert.match(estimate.markdown, /633\.00/);
    const none = await client.request<{ text: string | null }>('haiClaims/x12Claim', { uri: 'file:///work/other.837' });
    assert.equal(none.text, null);
    // Remove the 49000 line: the NCCI finding goes.
    const diags = await client.change(URI, [{ range: { start: { line: sv1, character: 7 }, end: { line: sv1, character: 12 } }, text: '15860' }]);
    assert.ok(!diags.some((d) => d.code === 'ncci-ptp'));
  });

  it('a document over haiClaims.maxFileBytes is not checked: one file-too-large diagnostic', async () => {
    // In initializationOptions too, so the limit is in force before the first open.
    const settings = { diagnostics: { debounceMs: 0 }, maxFileBytes: 1000 };
    const small = new TestClient({ settings, initializationOptions: { haiClaims: settings }, languageId: 'x12' });
    await small.initialize();
    const diags = await small.open(URI, text);
    await small.shutdown();
    assert.deepEqual(diags.map((d) => d.code), ['file-too-large']);
  });

  it('no name, identifier, address, date of birth, account or control number, note or charge in anything it sends or logs', async () => {
    const sent: string[] = [];
    sent.push(JSON.stringify(await client.open(URI, text)));
    sent.push(JSON.stringify(await client.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: sv1, character: 2 } })));
    for (let line = 0; line < lines.length; line++) sent.push(JSON.stringify(await client.request('textDocument/hover', { textDocument: { uri: URI }, position: { line, character: 4 } })));
    sent.push(JSON.stringify(await client.request('haiClaims/x12Claim', { uri: URI })));
    sent.push(JSON.stringify(await client.request('textDocument/documentSymbol', { textDocument: { uri: URI } })));
    await client.shutdown();
    const all = [...sent, ...client.logs, ...client.stderr, ...client.shown, JSON.stringify(client.notifications)].join('\n');
    for (const [field, value] of Object.entries(PHI)) assert.ok(!all.includes(value), `${field} reached the client`);
  });
});
