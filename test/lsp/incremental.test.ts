// The server keeps documents as lines updated by each change and re-checks only the claims a
// change touched. Over stdio, after each of many random range edits (line breaks of every kind,
// lines added and removed, claims split and joined), the diagnostics it publishes must be those of
// a fresh open of the same text.
import assert from 'node:assert/strict';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { generateClaims, renderClaims, rng } from '../../bench/generate';
import { parseText } from '../../server/src/core/syntax/incremental';
import { ensureBuilt } from '../helpers/build';
import { TestClient } from '../helpers/lsp-client';

const SNIPPETS = ['\n', '\r\n', ' ', '9', '-26', 'claim "x"\n', '  49000 dx A\n', 'on day 3\n', 'pos 21\n', '#', '\r', 'dx C49.A0\n'];

function applyToText(text: string, change: TextDocumentContentChangeEvent): string {
  if (!('range' in change)) return change.text;
  const { tree, starts = [] } = parseText(text);
  const offset = (p: { line: number; character: number }) =>
    p.line >= starts.length ? text.length : starts[p.line] + Math.max(0, Math.min(p.character, tree.texts[p.line].length));
  const a = offset(change.range.start);
  const b = offset(change.range.end);
  return text.slice(0, Math.min(a, b)) + change.text + text.slice(Math.max(a, b));
}

const shape = (ds: Diagnostic[]) => ds.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.severity, d.message]);

describe('language server: incremental edits', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());

  it('publishes after each range edit what a fresh open of the same text publishes', async () => {
    const client = new TestClient({ settings: { diagnostics: { debounceMs: 0 } }, initializationOptions: { haiClaims: { diagnostics: { debounceMs: 0 } } } });
    await client.initialize();
    await client.configured;
    const r = rng(5);
    let text = renderClaims(generateClaims(120, 5)).text;
    const uri = 'file:///incremental/edited.claim';
    await client.open(uri, text);
    for (let step = 0; step < 80; step++) {
      const { starts = [] } = parseText(text);
      const line = Math.floor(r() * starts.length);
      const start = { line, character: Math.floor(r() * 12) };
      const end = r() < 0.3 ? { line: Math.min(starts.length - 1, line + Math.floor(r() * 3)), character: Math.floor(r() * 6) } : start;
      const change = { range: { start, end }, text: SNIPPETS[Math.floor(r() * SNIPPETS.length)] };
      text = applyToText(text, change);
      const edited = await client.change(uri, [change]);
      const fresh = await client.open(`file:///incremental/fresh-${step}.claim`, text);
      await client.close(`file:///incremental/fresh-${step}.claim`);
      assert.deepStrictEqual(shape(edited), shape(fresh), `step ${step}`);
    }
    await client.shutdown();
  });
});
