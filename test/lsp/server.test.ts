// The bundled server, spawned over stdio and driven as an editor drives it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type {
  CodeAction,
  CodeLens,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  MarkupContent,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { ensureBuilt } from '../helpers/build';
import { applyEdits } from '../helpers/fixture';
import { TestClient } from '../helpers/lsp-client';

const EXAMPLE = readFileSync('examples/language-page-example.claim', 'utf8');
const URI = 'file:///work/example.claim';

function hoverText(h: Hover | null): string {
  assert.ok(h, 'a hover');
  return (h.contents as MarkupContent).value;
}

function lspEdits(edits: TextEdit[]) {
  return edits.map((e) => ({ line: e.range.start.line, start: e.range.start.character, endLine: e.range.end.line, end: e.range.end.character, newText: e.newText }));
}

describe('language server over stdio', function () {
  let client: TestClient;
  before(() => ensureBuilt());
  beforeEach(async () => {
    client = new TestClient({ settings: { diagnostics: { debounceMs: 0 } } });
    await client.initialize();
  });
  afterEach(async () => {
    if (client.proc.exitCode === null) await client.shutdown();
  });

  it('answers initialize with the features it offers', async () => {
    const c = new TestClient();
    const r = await c.initialize();
    assert.equal(r.serverInfo?.name, 'hai-claims');
    assert.ok(r.capabilities.hoverProvider);
    assert.deepEqual((r.capabilities.completionProvider?.triggerCharacters ?? []).slice(0, 2), ['-', ' ']);
    assert.equal(await c.shutdown(), 0);
  });

  it('publishes the NCCI diagnostic for the language page example on open', async () => {
    const diags = await client.open(URI, EXAMPLE);
    assert.deepEqual(diags.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]), [['ncci-ptp', 12, 2, 7]]);
    const [d] = diags;
    assert.equal(d.source, 'hai-claims');
    assert.match(d.message, /49000 is not reimbursable .* 36260/);
    assert.equal(d.relatedInformation?.[0].location.range.start.line, 10);
  });

  it('re-publishes on incremental changes, for the new version only', async () => {
    await client.open(URI, EXAMPLE);
    // Delete the 49000 line (line 12): the NCCI finding goes away.
    const after = await client.change(URI, [{ range: { start: { line: 12, character: 0 }, end: { line: 13, character: 0 } }, text: '' }]);
    assert.deepEqual(after, []);
    // Type a J9200 without KD on the office date: kd-required appears.
    const lines = EXAMPLE.split('\n').length - 1;
    const withDrug = await client.change(URI, [{ range: { start: { line: lines - 1, character: 0 }, end: { line: lines - 1, character: 0 } }, text: '  J1644 dx A\n' }]);
    assert.deepEqual(withDrug.map((d) => d.code), ['kd-required']);
  });

  it('debounces typing and publishes only the latest text', async () => {
    const c = new TestClient({ settings: { diagnostics: { debounceMs: 50 } } });
    await c.initialize();
    await c.open(URI, EXAMPLE);
    let last = 0;
    for (const ch of ['4', '9', '0', '0', '0']) {
      last = await c.changeNoWait(URI, [{ range: { start: { line: 16, character: 0 }, end: { line: 16, character: 0 } }, text: ch }]);
    }
    const published = await c.diagnosticsFor(URI, last);
    assert.ok(Array.isArray(published));
    await c.shutdown();
  });

  it('clears diagnostics on close', async () => {
    await client.open(URI, EXAMPLE);
    assert.deepEqual(await client.close(URI), []);
  });

  it('hovers codes with RVUs and allowables, modifiers, pos, state, pointers, dates and claims', async () => {
    await client.open(URI, EXAMPLE);
    const at = (line: number, character: number) => client.request<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position: { line, character } });
    const code = hoverText(await at(10, 4));
    assert.match(code, /\*\*36260\*\*/);
    assert.match(code, /Work RVUs/);
    assert.match(code, /\$633/);
    assert.match(code, /49000/, 'names the NCCI edit that involves it');
    assert.match(hoverText(await at(13, 9)), /-26.*Professional/i);
    assert.match(hoverText(await at(4, 5)), /Inpatient Hospital[\s\S]*Facility/);
    assert.match(hoverText(await at(3, 7)), /Georgia[\s\S]*jurisdiction J/);
    assert.match(hoverText(await at(6, 4)), /C78\.7[\s\S]*Secondary malignant neoplasm of liver/);
    const pointers = EXAMPLE.split('\n')[13]!; // 78830-26  dx A,B
    assert.match(hoverText(await at(13, pointers.lastIndexOf('B'))), /Pointer B[\s\S]*C18\.7/);
    assert.match(hoverText(await at(9, 3)), /2026-03-02[\s\S]*\$771\.50/);
    assert.match(hoverText(await at(1, 2)), /\$9,152\.50/);
    assert.equal(await at(0, 3), null, 'comments have no hover');
  });

  it('completes codes, diagnoses, modifiers, pointers, keywords and places of service', async () => {
    await client.open(URI, `${EXAMPLE}  \n`);
    const complete = (line: number, character: number) => client.request<CompletionList>('textDocument/completion', { textDocument: { uri: URI }, position: { line, character } });
    await client.change(URI, [{ range: { start: { line: 19, character: 0 }, end: { line: 19, character: 2 } }, text: '  362' }]);
    const codes = await complete(19, 5);
    assert.ok(codes.items.some((i) => i.label === '36260' && /RVUs/.test(i.detail ?? '')));
    await client.change(URI, [{ range: { start: { line: 19, character: 0 }, end: { line: 19, character: 5 } }, text: '  chole' }]);
    const byWords = await complete(19, 7);
    assert.ok(byWords.items.some((i) => i.label === '47562'), 'matches words of the description');
    await client.change(URI, [{ range: { start: { line: 19, character: 0 }, end: { line: 19, character: 7 } }, text: '  74160-' }]);
    const mods = await complete(19, 8);
    assert.equal([...mods.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''))[0].label, '26');
    await client.change(URI, [{ range: { start: { line: 19, character: 0 }, end: { line: 19, character: 8 } }, text: '  74160-26 dx ' }]);
    const ptrs = await complete(19, 14);
    assert.deepEqual(ptrs.items.map((i) => i.label), ['A', 'B']);
    await client.change(URI, [{ range: { start: { line: 19, character: 0 }, end: { line: 19, character: 14 } }, text: 'dx C22' }]);
    const dx = await complete(19, 6);
    assert.ok(dx.items.some((i) => i.label === 'C22.0'));
    await client.change(URI, [{ range: { start: { line: 19, character: 0 }, end: { line: 19, character: 6 } }, text: 'pos ' }]);
    const pos = await complete(19, 4);
    assert.ok(pos.items.some((i) => i.label === '11' && /Office/.test(i.detail ?? '')));
    await client.change(URI, [{ range: { start: { line: 19, character: 0 }, end: { line: 19, character: 4 } }, text: 'st' }]);
    const kw = await complete(19, 2);
    assert.deepEqual(kw.items.filter((i) => i.kind === 14).map((i) => i.label), ['state', 'start']);
  });

  it('offers a quick fix that removes the line an NCCI edit denies, and applying it clears the diagnostic', async () => {
    const diags = await client.open(URI, EXAMPLE);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: URI }, range: diags[0].range, context: { diagnostics: diags } });
    const remove = actions.find((a) => /Remove 49000/.test(a.title));
    assert.ok(remove?.edit?.changes?.[URI]);
    const fixed = applyEdits(EXAMPLE, lspEdits(remove.edit.changes[URI]));
    assert.ok(!fixed.includes('49000          dx A'));
    const c = await client.change(URI, [{ text: fixed }]);
    assert.deepEqual(c, []);
  });

  it('adds -26 with a quick fix', async () => {
    const text = EXAMPLE.replace('78830-26', '78830');
    const diags = await client.open(URI, text);
    const d = diags.find((x: Diagnostic) => x.code === 'mod26-required');
    assert.ok(d);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: URI }, range: d.range, context: { diagnostics: [d] } });
    assert.equal(actions[0].title, 'Add -26 (professional component) to 78830');
    assert.ok(applyEdits(text, lspEdits(actions[0].edit!.changes![URI])).includes('78830-26'));
  });

  it('returns the outline, folding ranges, lenses and the estimate', async () => {
    await client.open(URI, EXAMPLE);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
    assert.equal(symbols[0].name, 'HAI pump implant');
    assert.deepEqual(symbols[0].children?.map((c) => c.name), ['on 2026-03-02', 'on 2026-03-16']);
    assert.equal(symbols[0].children?.[0].children?.length, 5);
    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: URI } });
    assert.ok(folds.some((f) => f.startLine === 1 && f.endLine === 18));
    assert.ok(folds.some((f) => f.startLine === 9 && f.endLine === 14));
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: URI } });
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title]), [
      [1, 'Claim estimate $9,152.50'],
      [9, 'Est. allowable $771.50 (MPPR -$46.50, denied -$729.00)'],
      [16, 'Est. allowable $8,381.00'],
    ]);
    const est = await client.request<{ markdown: string }>('haiClaims/estimate', { uri: URI });
    assert.match(est.markdown, /\$9,152\.50/);
  });

  it('formats a claim into aligned columns without changing its meaning', async () => {
    const messy = 'claim "x"\n  payer   medicare\npos 11\ndx C78.7\non day 0\n96522 dx A # refill\n      J9200-KD x2   dx A\n';
    await client.open(URI, messy);
    const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: URI }, options: { tabSize: 2, insertSpaces: true } });
    const out = applyEdits(messy, lspEdits(edits));
    assert.equal(out, 'claim "x"\npayer medicare\npos 11\ndx C78.7\non day 0\n  96522       dx A  # refill\n  J9200-KD x2 dx A\n');
    const after = await client.change(URI, [{ text: out }]);
    const before = await client.open('file:///work/messy.claim', messy);
    assert.deepEqual(after.map((d) => d.code), before.map((d) => d.code));
  });

  it('pulls settings with workspace/configuration: a rule turned off disappears, a bad value is reported once', async () => {
    await client.open(URI, EXAMPLE);
    client.settings = { rules: { 'ncci-ptp': 'off', 'not-a-rule': 'error' }, diagnostics: { debounceMs: 0 } };
    const wait = client.waitForDiagnostics(URI, (p) => p.diagnostics.length === 0);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    assert.deepEqual((await wait).diagnostics, []);
    await new Promise<void>((resolve) => {
      const check = () => (client.shown.some((m) => /not-a-rule/.test(m)) ? resolve() : setImmediate(check));
      check();
    });
  });

  it('serves a plain client (no workspace/configuration) given only the command line, with settings in initializationOptions', async () => {
    const c = new TestClient({ configuration: false, initializationOptions: { haiClaims: { diagnostics: { debounceMs: 0 }, rules: { 'ncci-ptp': 'warning' } } } });
    await c.initialize();
    const diags = await c.open(URI, EXAMPLE);
    assert.deepEqual(diags.map((d) => [d.code, d.severity]), [['ncci-ptp', 2]]);
    const hover = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 17, character: 4 } });
    assert.match(hoverText(hover), /96522[\s\S]*\$125/);
    const list = await c.request<CompletionList>('textDocument/completion', { textDocument: { uri: URI }, position: { line: 17, character: 2 } });
    assert.ok(list.items.length > 0);
    // Settings pushed with didChangeConfiguration (no pull) are applied too.
    const wait = c.waitForDiagnostics(URI, (p) => p.diagnostics.length === 0);
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { haiClaims: { rules: { 'ncci-ptp': 'off' }, diagnostics: { debounceMs: 0 } } } });
    assert.deepEqual((await wait).diagnostics, []);
    assert.equal(await c.shutdown(), 0);
  });

  it('answers requests for unknown documents with empty results', async () => {
    const uri = 'file:///nowhere.claim';
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
    assert.deepEqual(await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 0 } }).then((l) => l.items), []);
  });
});
