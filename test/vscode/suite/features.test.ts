// Issue 14 in a real VS Code, through the public vscode API: snippets with the user's settings,
// New Claim from Phase, the live estimate view, the walkthrough. (Runs after extension.test.ts,
// whose first test needs the extension inactive: files run in name order.)
// Everything waits on events; timers only bound the wait. Never log document text.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { HaiClaimsApi } from '../../../client/src/extension';
import type { EstimateUpdate } from '../../../client/src/estimateView';

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
    await vscode.workspace.getConfiguration('haiClaims').update('defaultState', undefined, vscode.ConfigurationTarget.Global);
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
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('New Claim from Phase creates a clean claim in a new untitled document', async () => {
    const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('haiClaims.newClaimFromPhase', 'hai-implant');
    assert.ok(doc, 'no document was created');
    assert.equal(doc.isUntitled, true);
    assert.equal(doc.languageId, 'hai-claim');
    assert.match(doc.getText(), /^claim "/);
    assert.match(doc.getText(), /36260/, 'the implant claim bills the pump insertion');
    // the server's diagnostics for the snippet's text: none of error or warning severity
    await next(api.onDidPublishDiagnostics, 'diagnostics of the new claim', (u) => u.toString() === doc.uri.toString());
    const bad = vscode.languages
      .getDiagnostics(doc.uri)
      .filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning)
      .map((d) => `${codeOf(d)}@${d.range.start.line}`);
    assert.deepEqual(bad, [], 'the new claim has problems');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
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
    assert.match(api.estimateViews.csvOf(doc.uri) ?? '', /^claim,claim name,date,/);
    assert.match(api.estimateViews.csvOf(doc.uri) ?? '', /\r\n1,estimate,2026-03-16,11,9,J9200,KD,1,/);

    // the command again reveals the same view rather than opening a second one
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.label.startsWith('Estimate:')).length;
    const count = tabs();
    await vscode.commands.executeCommand('haiClaims.showEstimate', doc.uri);
    assert.equal(tabs(), count, 'a second estimate tab was opened for the same document');
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
