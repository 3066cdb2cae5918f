// Issue 14 in a real VS Code, through the public vscode API: snippets with the user's settings,
// New Claim from Phase, the live estimate view, the walkthrough. (Runs after extension.test.ts,
// whose first test needs the extension inactive: files run in name order.)
// Everything waits on events; timers only bound the wait. Never log document text.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { HaiClaimsApi } from '../../../client/src/extension';
import type { EstimateUpdate } from '../../../client/src/estimateView';
import type { DataStatus } from '../../../server/src/core/features/status';

const EXTENSION_ID = 'hai-claims.hai-claims';
const WAIT_MS = 60_000;

/** Resolves when `event` fires with a value `accept` takes; rejects after WAIT_MS. */
function next<T>(event: vscode.Event<T>, what: string, accept: (v: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, WAIT_MS);
    const sub = event((v) => {
      if (!accept(v)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(v);
    });
  });
}

function label(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

describe('HAI Claims in VS Code: a first claim, the money, the estimate view', () => {
  let api: HaiClaimsApi;

  before(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the suite needs a workspace folder holding example.claim');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'example.claim'));
    await vscode.window.showTextDocument(doc);
    api = await vscode.extensions.getExtension<HaiClaimsApi>(EXTENSION_ID)!.activate();
  });

  afterEach(async () => {
    const cfg = vscode.workspace.getConfiguration('haiClaims');
    for (const key of ['defaultState', 'inlayHints.enabled', 'inlayHints.lines', 'data.ncciPtp']) {
      if (cfg.inspect(key)?.globalValue !== undefined) await cfg.update(key, undefined, vscode.ConfigurationTarget.Global);
    }
  });

  /** Changes a setting and resolves with the status the server sends once it has applied it. */
  async function setting(key: string, value: unknown, accept: (s: DataStatus) => boolean = () => true): Promise<DataStatus> {
    const applied = next(api.statusBar.onDidChange, `the server to apply ${key}`, accept);
    await vscode.workspace.getConfiguration('haiClaims').update(key, value, vscode.ConfigurationTarget.Global);
    return applied;
  }

  it('inlay hints: the amount at the end of each service line, denied with its check; off by the setting', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'example.claim'));
    await vscode.window.showTextDocument(doc);
    const all = new vscode.Range(0, 0, doc.lineCount, 0);
    const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, all);
    const text = (h: vscode.InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
    const at = (line: number) => hints.filter((h) => h.position.line === line).map(text);
    assert.deepEqual(at(10), ['$633.00'], '36260 paid in full');
    assert.match(at(11)[0] ?? '', /^\$\d+\.\d\d, paid 50% \(MPPR\)$/, '15860 reduced by MPPR: the share paid');
    assert.deepEqual(at(12), ['denied (ncci-ptp)'], '49000 denied by the NCCI edit');
    const codeEnd = (line: number) => doc.lineAt(line).text.replace(/#.*$/, '').trimEnd().length;
    assert.equal(hints.find((h) => h.position.line === 10)!.position.character, codeEnd(10), 'at the end of the code, before the comment');

    await setting('inlayHints.lines', 'reductions');
    const reduced = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, all);
    assert.deepEqual(reduced.filter((h) => h.position.line <= 12).map((h) => h.position.line), [11, 12], 'reductions: only the reduced and the denied line');
    await setting('inlayHints.lines', undefined);

    await setting('inlayHints.enabled', false);
    const none = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, all);
    assert.equal(none.length, 0, 'hints are shown with haiClaims.inlayHints.enabled off');
  });

  it('status bar: the guide alone, then NCCI 2026Q2 with a CMS PTP file', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'example.claim')));
    assert.ok(api.statusBar.current, 'no status from the server');
    assert.match(api.statusBar.text, /CY2026 guide/);
    assert.doesNotMatch(api.statusBar.text, /NCCI|MUE|PFS|ICD-10-CM/);
    assert.ok(api.statusBar.current.limited.some((l) => l.check === 'mue'), 'mue is not listed as unable to run');
    const ptp = vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'test', 'fixtures', 'cms', 'ccipra-v321r0-f1.txt').fsPath;
    const loaded = await setting('data.ncciPtp', [ptp], (s) => s.state !== 'loading' && s.tables.length > 1);
    assert.deepEqual(loaded.tables.map((t) => t.name), ['CY2026 guide', 'NCCI 2026Q2']);
    assert.match(api.statusBar.text, /CY2026 guide \+ NCCI 2026Q2/);
    assert.match(loaded.tables[1]!.source, /ccipra-v321r0-f1\.txt/);
    const back = await setting('data.ncciPtp', undefined, (s) => s.state !== 'loading' && s.tables.length === 1);
    assert.equal(back.state, 'ready');
  });

  it('a snippet uses a non-default haiClaims.defaultState (NY)', async () => {
    await vscode.workspace.getConfiguration('haiClaims').update('defaultState', 'NY', vscode.ConfigurationTarget.Global);
    const doc = await vscode.workspace.openTextDocument({ language: 'hai-claim', content: 'hai-eval' });
    const editor = await vscode.window.showTextDocument(doc);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, 8));
    const item = list.items.find((i) => label(i) === 'hai-eval' && i.kind === vscode.CompletionItemKind.Snippet);
    assert.ok(item, 'hai-eval is not offered');
    const snippet = item.insertText;
    assert.ok(snippet instanceof vscode.SnippetString, 'hai-eval does not insert a snippet');
    await editor.insertSnippet(snippet, new vscode.Range(0, 0, 0, 8));
    assert.match(doc.getText(), /^state NY$/m, 'the snippet did not use haiClaims.defaultState');
    assert.doesNotMatch(doc.getText(), /^state GA\b/m);
    // the next untitled document may get this one's name: wait until the server has closed it
    const closed = next(api.onDidPublishDiagnostics, 'the server to close the snippet document', (u) => u.toString() === doc.uri.toString());
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closed;
  });

  it('New Claim from Phase creates a clean claim in a new untitled document', async () => {
    // the server may publish the new claim's diagnostics before the command returns
    const published = new Set<string>();
    const listening = api.onDidPublishDiagnostics((u) => published.add(u.toString()));
    const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('haiClaims.newClaimFromPhase', 'hai-implant');
    assert.ok(doc, 'no document was created');
    assert.equal(doc.isUntitled, true);
    assert.equal(doc.languageId, 'hai-claim');
    assert.match(doc.getText(), /^claim "/);
    assert.match(doc.getText(), /36260/, 'the implant claim bills the pump insertion');
    // the server's diagnostics for the snippet's text: none of error or warning severity
    // (no event can come between the look at the set and the subscription: nothing is awaited)
    if (!published.has(doc.uri.toString())) await next(api.onDidPublishDiagnostics, 'diagnostics of the new claim', (u) => u.toString() === doc.uri.toString());
    listening.dispose();
    const bad = vscode.languages
      .getDiagnostics(doc.uri)
      .filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning)
      .map((d) => `${codeOf(d)}@${d.range.start.line}`);
    assert.deepEqual(bad, [], 'the new claim has problems');
    // Format Document leaves what the template inserted as it is (issue 25)
    const edits = (await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri, { tabSize: 2, insertSpaces: true })) ?? [];
    const changing = edits.filter((e) => doc.getText(e.range) !== e.newText).map((e) => `line ${e.range.start.line + 1}`);
    assert.deepEqual(changing, [], 'Format Document changes the new claim');
    // the next untitled document may get this one's name: wait until the server has closed it
    // (it clears the diagnostics), or its text could answer for the next one
    const closed = next(api.onDidPublishDiagnostics, 'the server to close the new claim', (u) => u.toString() === doc.uri.toString());
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closed;
  });

  it('the estimate view follows an edit (one view per document)', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'hai-claim',
      content: 'claim "estimate"\npayer medicare\nstate GA\npos 11\ndx C78.7\n\non 2026-03-16\n  96522  dx A\n',
    });
    await vscode.window.showTextDocument(doc);
    const first = next<EstimateUpdate>(api.estimateViews.onDidUpdate, 'the first estimate', (u) => u.uri.toString() === doc.uri.toString());
    const markdown = await vscode.commands.executeCommand<string | undefined>('haiClaims.showEstimate', doc.uri);
    assert.match(markdown ?? '', /\|.*\|/);
    const before = await first;
    assert.equal(before.claims[0]?.dates[0]?.lines.length, 1);
    const total = before.claims[0]!.total;

    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    assert.ok(editor, 'the document is not visible beside its estimate');
    const updated = next<EstimateUpdate>(api.estimateViews.onDidUpdate, 'the estimate after the edit', (u) => u.uri.toString() === doc.uri.toString() && u.version > before.version);
    await editor.edit((b) => b.insert(new vscode.Position(8, 0), '  J9200-KD  dx A\n'));
    const after = await updated;
    assert.equal(after.version, doc.version);
    assert.equal(after.claims[0]?.dates[0]?.lines.length, 2, 'the view does not show the added line');
    assert.ok(after.claims[0]!.total > total, 'the total did not grow with the added line');
    // Copy as CSV has the CLI's columns (one writer, server/src/estimate-csv.ts): no claim name, the file first.
    assert.match(api.estimateViews.csvOf(doc.uri) ?? '', /^file,claim,line,date,place of service,code,/);
    assert.match(api.estimateViews.csvOf(doc.uri) ?? '', /\r\n[^,\r\n]*,1,9,2026-03-16,11,J9200,KD,1,/);
    // Copy as CSV: the same table, on the clipboard
    const copied = await vscode.commands.executeCommand<string | undefined>('haiClaims.copyEstimateCsv', doc.uri);
    assert.equal(copied, api.estimateViews.csvOf(doc.uri));
    assert.equal(await vscode.env.clipboard.readText(), copied, 'the clipboard does not hold the CSV');

    // the command again reveals the same view rather than opening a second one
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.label.startsWith('Estimate:')).length;
    const count = tabs();
    await vscode.commands.executeCommand('haiClaims.showEstimate', doc.uri);
    assert.equal(tabs(), count, 'a second estimate tab was opened for the same document');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('the estimate view of a file still being checked says so, with no amount, then shows the estimate when the checks finish (issue 23)', async () => {
    // 200,000 one-line claims: checked in steps for seconds, far past the server's 500 ms bound on
    // the estimate request, which then answers that the checks are still running.
    const doc = await vscode.workspace.openTextDocument({ language: 'hai-claim', content: 'claim "x"\n'.repeat(200_000) });
    await vscode.window.showTextDocument(doc);
    const isDoc = (u: EstimateUpdate) => u.uri.toString() === doc.uri.toString();
    const pending = next<EstimateUpdate>(api.estimateViews.onDidUpdate, 'the pending estimate', (u) => isDoc(u) && u.pending);
    const full = next<EstimateUpdate>(api.estimateViews.onDidUpdate, 'the estimate once the checks finished', (u) => isDoc(u) && !u.pending);
    void vscode.commands.executeCommand('haiClaims.showEstimate', doc.uri);
    const shown = await pending;
    assert.deepEqual(shown.claims, [], 'no claims (no amount) while the checks run');
    const finished = await full;
    assert.ok(finished.claims.length > 0, 'the estimate is shown when the checks finish');
    assert.ok(!api.statusBar.text.includes('checking'), `the status bar still says "${api.statusBar.text}"`);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('opens the walkthrough', async () => {
    const opened = next(vscode.window.tabGroups.onDidChangeTabs, 'the walkthrough tab', (e) => e.opened.length > 0 || e.changed.length > 0);
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#firstClaim`, false);
    await opened;
    const active = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(active, 'no active tab');
    assert.match(active.label, /Welcome|Walkthrough|first HAI claim/i, `the active tab is "${active.label}"`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
