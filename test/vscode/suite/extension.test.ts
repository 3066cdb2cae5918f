// The extension in a real VS Code, through the public vscode API only: activation on the
// language, language mode, diagnostics, hover, completion, snippets, a quick fix, the estimate
// command, restarts. Everything waits on events or promises; timers only bound the wait.
// Never log document text: failures name codes, rule ids and ranges.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { HaiClaimsApi } from '../../../client/src/extension';

const EXTENSION_ID = 'hai-claims.hai-claims';
const WAIT_MS = 60_000;

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs a workspace folder holding example.claim');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Resolves with the document's diagnostics once `accept` holds; waits on onDidChangeDiagnostics. */
function diagnostics(uri: vscode.Uri, accept: (d: readonly vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    let sub: vscode.Disposable | undefined;
    const timer = setTimeout(() => {
      sub?.dispose();
      const got = vscode.languages.getDiagnostics(uri).map((d) => `${String(codeOf(d))}@${d.range.start.line}`);
      reject(new Error(`timed out waiting for ${what}; diagnostics: ${got.join(', ') || 'none'}`));
    }, WAIT_MS);
    const check = (): boolean => {
      const d = vscode.languages.getDiagnostics(uri);
      if (!accept(d)) return false;
      clearTimeout(timer);
      sub?.dispose();
      resolve(d);
      return true;
    };
    sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    check();
  });
}

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

function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

function positionOf(doc: vscode.TextDocument, token: string): vscode.Position {
  const at = doc.getText().search(new RegExp(`(?<![\\w.-])${token.replace(/[.]/g, '\\.')}(?![\\w.])`));
  assert.ok(at >= 0, `token ${token} not in the document`);
  return doc.positionAt(at + 1);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

function label(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

const hasNcci = (d: readonly vscode.Diagnostic[]) => d.some((x) => codeOf(x) === 'ncci-ptp');

describe('HAI Claims in VS Code', () => {
  let doc: vscode.TextDocument;
  let api: HaiClaimsApi;
  const example = () => workspaceFile('example.claim');

  it('is installed and not active before a claim file is opened (activates on the claim language, or on an 837P file)', () => {
    const ext = vscode.extensions.getExtension<HaiClaimsApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
    assert.equal(ext.isActive, false, 'the extension activated before any .claim file was opened');
    // 837P files (issue 24) activate it too: they hold claims whatever language another extension gives them.
    assert.deepEqual(ext.packageJSON.activationEvents, ['onLanguage:hai-claim', 'onLanguage:x12', 'workspaceContains:**/*.837', 'workspaceContains:**/*.x12', 'workspaceContains:**/*.edi']);
  });

  it('opens a .claim file in the hai-claim language mode and activates', async () => {
    doc = await vscode.workspace.openTextDocument(example());
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'hai-claim');
    const ext = vscode.extensions.getExtension<HaiClaimsApi>(EXTENSION_ID)!;
    api = await ext.activate();
    assert.ok(ext.isActive);
    assert.ok(api.client, 'activate() returns the language client');
  });

  it('contributes the haiClaims settings with their defaults', () => {
    const cfg = vscode.workspace.getConfiguration('haiClaims');
    assert.equal(cfg.get('codeLens.enabled'), true);
    assert.equal(cfg.get('diagnostics.debounceMs'), 150);
    assert.equal(cfg.get('trace.server'), 'off');
    assert.deepEqual(cfg.get('data.ncciPtp'), []);
  });

  it('reports the NCCI edit of the language page example (ncci-ptp from hai-claims)', async () => {
    const d = await diagnostics(doc.uri, hasNcci, 'an ncci-ptp diagnostic');
    const ncci = d.find((x) => codeOf(x) === 'ncci-ptp')!;
    assert.equal(ncci.source, 'hai-claims');
    assert.equal(doc.getText(ncci.range), '49000', 'the NCCI diagnostic sits on the denied code');
    // its code opens the rendered description (issue 25), not the Markdown table's source
    const target = (ncci.code as { target: vscode.Uri }).target;
    assert.equal(target.scheme, 'command');
    assert.equal(target.path, 'haiClaims.showCheckDescription');
    assert.deepEqual(JSON.parse(decodeURIComponent(target.query)), ['ncci-ptp']);
  });

  it('hovers a code with its RVUs', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, '36260'));
    assert.ok(hovers.length > 0, 'no hover on 36260');
    assert.match(hoverText(hovers), /RVU/);
  });

  it('completes CPT codes on a service line', async () => {
    const untitled = await vscode.workspace.openTextDocument({
      language: 'hai-claim',
      content: 'claim "completion"\npayer medicare\nstate GA\npos 21\ndx C78.7\n\non 2026-03-02\n  3626',
    });
    const end = untitled.lineAt(untitled.lineCount - 1).range.end;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', untitled.uri, end);
    const labels = list.items.map(label);
    assert.ok(labels.some((l) => /^\d{4}[0-9FT]\b/.test(l)), `no CPT code among ${labels.length} completion items`);
    assert.ok(labels.some((l) => /^36260\b/.test(l)), 'the pump insertion 36260 is not offered');
  });

  it('lists the phase snippets: one suggestion per phase, templates first in an empty file', async () => {
    const contributed = JSON.parse(
      readFileSync(vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'snippets', 'hai-claim.json').fsPath, 'utf8'),
    ) as Record<string, { prefix: string | string[]; body: string[] }>;
    const prefixes = Object.values(contributed).map((s) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
    const untitled = await vscode.workspace.openTextDocument({ language: 'hai-claim', content: 'claim "x"\npayer medicare\n\nhai' });
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', untitled.uri, new vscode.Position(3, 3));
    const snippets = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet);
    assert.deepEqual(snippets.map(label).sort(), prefixes.map((p) => p[0]!).sort(), 'one suggestion per phase, named by its first prefix');
    for (const p of ['hai-eval', 'hai-chole', 'hai-implant', 'hai-revision', 'hai-refill', 'hai-refill-saline']) assert.ok(snippets.map(label).includes(p), `snippet ${p} is not offered`);
    const implant = snippets.find((i) => label(i) === 'hai-implant')!;
    assert.match(String(implant.filterText), /hai-pump-implant/, 'an alias is filter text');
    // an empty claim file: the claim templates first, before the language's keywords
    const empty = await vscode.workspace.openTextDocument({ language: 'hai-claim', content: '' });
    const first = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', empty.uri, new vscode.Position(0, 0));
    const key = (i: vscode.CompletionItem) => i.sortText ?? label(i);
    const sorted = [...first.items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    assert.equal(sorted[0]!.kind, vscode.CompletionItemKind.Snippet, `first suggestion in an empty file: ${label(sorted[0]!)}`);
  });

  it('shows the claim estimate (haiClaims/estimate) as a table', async () => {
    await vscode.window.showTextDocument(doc);
    const markdown = await vscode.commands.executeCommand<string | undefined>('haiClaims.showEstimate', doc.uri);
    assert.equal(typeof markdown, 'string');
    assert.match(markdown!, /\|.*\|/, 'the estimate has no table');
  });

  it('applies a quick fix for the NCCI edit', async () => {
    const d = await diagnostics(doc.uri, hasNcci, 'an ncci-ptp diagnostic');
    const ncci = d.find((x) => codeOf(x) === 'ncci-ptp')!;
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      ncci.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fixes = actions.filter((a): a is vscode.CodeAction => 'edit' in a && a.edit !== undefined);
    assert.ok(fixes.length > 0, `no quick fix with an edit (${actions.length} actions)`);
    const before = doc.getText();
    const version = doc.version;
    const changed = next(vscode.workspace.onDidChangeTextDocument, 'the quick fix edit', (e) => e.document === doc);
    assert.ok(await vscode.workspace.applyEdit(fixes[0]!.edit!), 'applyEdit refused the quick fix');
    await changed;
    assert.ok(doc.version > version);
    assert.notEqual(doc.getText(), before, 'the quick fix did not change the text');
    // back to the file's text for the tests below
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(doc.getText(), before);
    await diagnostics(doc.uri, hasNcci, 'ncci-ptp again after the revert');
  });

  it('restarts the server with the restart command', async () => {
    await vscode.commands.executeCommand('haiClaims.restartServer');
    assert.ok(api.client.isRunning(), 'the client is not running after the restart command');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, '36260'));
    assert.match(hoverText(hovers), /RVU/);
  });

  it('restarts the server after a crash', async function () {
    if (process.platform !== 'linux') this.skip();
    const pid = serverPid();
    assert.ok(pid, 'the language server process (dist/server.js, child of the extension host) was not found');
    const restarted = next(api.onDidRestartAfterCrash, 'the server to come back after a crash');
    process.kill(pid, 'SIGKILL');
    assert.ok((await restarted) >= 1);
    assert.notEqual(serverPid(), pid, 'the same server process is still there');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, '36260'));
    assert.match(hoverText(hovers), /RVU/, 'no hover after the restart');
  });
});

/** The pid of the language server: a child of this extension host running our dist/server.js. */
function serverPid(): number | undefined {
  const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
  const script = vscode.Uri.joinPath(ext.extensionUri, 'dist', 'server.js').fsPath;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmdline.includes(script)) return Number(entry);
    } catch {
      // the process ended while we looked
    }
  }
  return undefined;
}
