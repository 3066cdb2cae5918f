// Reasoned exceptions in the editor: a suppressed finding is not published, a bad comment is, and
// the quick fix inserts the comment with a reason to fill in.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { ensureBuilt } from '../helpers/build';
import { applyEdits } from '../helpers/fixture';
import { TestClient } from '../helpers/lsp-client';

const EXAMPLE = readFileSync('examples/language-page-example.claim', 'utf8');
const URI = 'file:///work/suppress.claim';
const lspEdits = (edits: TextEdit[]) => edits.map((e) => ({ line: e.range.start.line, start: e.range.start.character, endLine: e.range.end.line, end: e.range.end.character, newText: e.newText }));

describe('language server: hai-claims-ignore comments', function () {
  let client: TestClient;
  before(() => ensureBuilt());
  beforeEach(async () => {
    client = new TestClient({ settings: { diagnostics: { debounceMs: 0 } } });
    await client.initialize();
  });
  afterEach(async () => {
    if (client.proc.exitCode === null) await client.shutdown();
  });

  it('the quick fix inserts a placeholder (still reported); with a reason the finding is gone', async () => {
    const diags: Diagnostic[] = await client.open(URI, EXAMPLE);
    const d = diags.find((x) => x.code === 'ncci-ptp')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: URI }, range: d.range, context: { diagnostics: [d] } });
    const suppress = actions.find((a) => a.title === 'Suppress ncci-ptp on this line (with a reason)');
    assert.ok(suppress?.edit?.changes?.[URI], actions.map((a) => a.title).join(' | '));
    // Listed after the checks' own remedies.
    assert.equal(actions[actions.length - 1], suppress);
    const placeholder = applyEdits(EXAMPLE, lspEdits(suppress.edit.changes[URI]));
    const pending: Diagnostic[] = await client.change(URI, [{ text: placeholder }]);
    assert.deepEqual(pending.map((x) => x.code).sort(), ['bad-suppression', 'ncci-ptp']);
    const reasoned = placeholder.replace('<reason>', 'distinct encounter, see op note');
    const after: Diagnostic[] = await client.change(URI, [{ text: reasoned }]);
    assert.deepEqual(after, []);
  });
});
