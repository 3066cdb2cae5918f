// "HAI Claims: Show Claim Estimate": one live view per document, beside the editor.
//
// A webview rather than a virtual document: the view is a table a coder reads (columns, money
// right-aligned, reductions with reasons under each other), a click on a line must reveal it in
// the editor, and Copy as CSV is a button. A virtual markdown document would need the preview
// to render it, could not take a click back to the claim line, and would open a second tab for
// the preview. The webview loads nothing: its content security policy allows only its own inline
// style and one script with a fresh nonce (default-src 'none', no remote content, no local
// resource roots), and it is themed with VS Code's CSS variables.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ESTIMATE_REQUEST, type CheckingParams, type EstimateParams, type EstimateResult } from '../../server/src/protocol';
import { copyRefusal, estimateOnChecking, estimateViewOf, type EstimateViewState } from './checkState';
import { estimateCsv, escapeHtml, type ClaimEstimate } from './estimateTable';

import { LANGUAGE_ID } from './constants';

export interface EstimateUpdate {
  uri: vscode.Uri;
  /** The document version the estimate is of. */
  version: number;
  claims: readonly ClaimEstimate[];
  /** The server answered that the checks are still running (issue 23): the view says so, with no claims. */
  pending: boolean;
}

interface View {
  doc: vscode.TextDocument;
  panel: vscode.WebviewPanel;
  claims: readonly ClaimEstimate[];
  timer?: NodeJS.Timeout;
  /** Bumped per request: an older answer arriving late is dropped. */
  generation: number;
  /** What it shows (pending, failed: nothing to copy). */
  state?: EstimateViewState;
}

export class EstimateViews implements vscode.Disposable {
  private readonly views = new Map<string, View>();
  private readonly updated = new vscode.EventEmitter<EstimateUpdate>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Fires each time a view shows a new estimate (for tests and other extensions). */
  readonly onDidUpdate = this.updated.event;

  constructor(private readonly client: LanguageClient) {
    rememberActiveClaim(vscode.window.activeTextEditor);
    this.subscriptions.push(
      this.updated,
      vscode.window.onDidChangeActiveTextEditor(rememberActiveClaim),
      vscode.workspace.onDidChangeTextDocument((e) => {
        const view = this.views.get(e.document.uri.toString());
        if (view && e.contentChanges.length) this.schedule(view);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.views.get(doc.uri.toString())?.panel.dispose()),
    );
  }

  /**
   * Opens (or reveals) the document's view; returns the markdown form of the estimate once the
   * view shows it (undefined when there is no claim document or nothing was shown).
   */
  async show(uri?: vscode.Uri): Promise<string | undefined> {
    const doc = await claimDocument(uri);
    if (!doc) {
      void vscode.window.showInformationMessage('HAI Claims: open a .claim file first, then run "HAI Claims: Show Claim Estimate" to see its estimate.');
      return undefined;
    }
    const key = doc.uri.toString();
    let view = this.views.get(key);
    if (view) view.panel.reveal(vscode.ViewColumn.Beside, true);
    else view = this.open(doc);
    return this.refresh(view);
  }

  /** Settings or tables changed (the server said so): every open view is estimated again. */
  refreshAll(): void {
    for (const view of this.views.values()) void this.refresh(view);
  }

  /**
   * The server's haiClaims/checking for a document: its view, if open, is estimated again when the
   * checks finished, or says that they failed.
   */
  onChecking(p: CheckingParams): void {
    const view = this.views.get(p.uri);
    const next = view && estimateOnChecking(p);
    if (!view || !next) return;
    if ('refresh' in next) {
      void this.refresh(view);
      return;
    }
    // An answer on its way is of the failed check: dropped.
    view.generation++;
    view.state = next.show;
    view.claims = [];
    void view.panel.webview.postMessage({ type: 'error', html: next.show.html });
  }

  /** The view's table as CSV (undefined when the document has no view). */
  csvOf(uri: vscode.Uri): string | undefined {
    const view = this.views.get(uri.toString());
    return view && estimateCsv([{ file: vscode.workspace.asRelativePath(uri, false), claims: view.claims }]);
  }

  /** Copies the estimate of `uri` (or the active document) to the clipboard as CSV. */
  async copyCsv(uri?: vscode.Uri): Promise<string | undefined> {
    const target = (await claimDocument(uri))?.uri;
    const view = target && this.views.get(target.toString());
    let state = view?.state;
    let claims = view?.claims;
    try {
      if (!view && target) {
        const result = await this.request(target);
        state = result && estimateViewOf(result);
        claims = result?.claims;
      }
    } catch {
      claims = undefined;
    }
    const refusal = copyRefusal(state);
    if (refusal) {
      void vscode.window.showInformationMessage(refusal);
      return undefined;
    }
    if (!claims) {
      void vscode.window.showInformationMessage('HAI Claims: open a .claim file first; its estimate is what is copied.');
      return undefined;
    }
    const csv = estimateCsv([{ file: vscode.workspace.asRelativePath(target!, false), claims }]);
    await vscode.env.clipboard.writeText(csv);
    void vscode.window.setStatusBarMessage('HAI Claims: estimate copied as CSV', 3000);
    return csv;
  }

  private open(doc: vscode.TextDocument): View {
    const panel = vscode.window.createWebviewPanel(
      'haiClaims.estimate',
      `Estimate: ${basename(doc.uri)}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [], enableFindWidget: true },
    );
    const view: View = { doc, panel, claims: [], generation: 0 };
    this.views.set(doc.uri.toString(), view);
    panel.webview.html = page(panel.webview.cspSource);
    panel.onDidDispose(() => {
      if (view.timer) clearTimeout(view.timer);
      if (this.views.get(doc.uri.toString()) === view) this.views.delete(doc.uri.toString());
    });
    panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(view, m));
    // a hidden webview is unloaded (no retainContextWhenHidden: it would keep a page per view in
    // memory); shown again, it is filled again
    panel.onDidChangeViewState((e) => {
      if (e.webviewPanel.visible) void this.refresh(view);
    });
    return view;
  }

  private schedule(view: View): void {
    if (view.timer) clearTimeout(view.timer);
    // the server checks after the same delay; the estimate follows the diagnostics
    const delay = vscode.workspace.getConfiguration('haiClaims', view.doc.uri).get<number>('diagnostics.debounceMs', 150);
    view.timer = setTimeout(() => {
      view.timer = undefined;
      void this.refresh(view);
    }, Math.max(50, delay));
  }

  private async request(uri: vscode.Uri): Promise<EstimateResult | undefined> {
    return this.client.sendRequest<EstimateResult>(ESTIMATE_REQUEST, { uri: uri.toString() } satisfies EstimateParams);
  }

  private async refresh(view: View): Promise<string | undefined> {
    const generation = ++view.generation;
    const version = view.doc.version;
    let result: EstimateResult | undefined;
    try {
      result = await this.request(view.doc.uri);
    } catch (err) {
      if (generation === view.generation) {
        void view.panel.webview.postMessage({
          type: 'error',
          html: `<p class="error">HAI Claims could not estimate this file: ${escapeHtml(err instanceof Error ? err.message : String(err))} Edit the file or run "HAI Claims: Restart Language Server" to try again.</p>`,
        });
      }
      return undefined;
    }
    if (generation !== view.generation || !result) return result?.markdown;
    view.state = estimateViewOf(result);
    view.claims = view.state.state === 'estimate' ? view.state.claims : [];
    // true once the page has the table (a view closed first answers false): only then was it shown
    const shown = await view.panel.webview.postMessage({ type: 'update', version, html: view.state.html });
    if (!shown) return undefined;
    this.updated.fire({ uri: view.doc.uri, version, claims: view.claims, pending: view.state.state === 'pending' });
    return result.markdown;
  }

  private async onMessage(view: View, m: unknown): Promise<void> {
    if (!m || typeof m !== 'object') return;
    const msg = m as { type?: unknown; line?: unknown };
    if (msg.type === 'copy') await this.copyCsv(view.doc.uri);
    else if (msg.type === 'reveal' && typeof msg.line === 'number') await reveal(view.doc, msg.line);
  }

  dispose(): void {
    for (const v of this.views.values()) v.panel.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** Shows the document (in the column it is already in, when visible) with the line selected. */
export async function reveal(doc: vscode.TextDocument, line: number): Promise<vscode.TextEditor> {
  const l = Math.min(Math.max(0, Math.trunc(line)), doc.lineCount - 1);
  const text = doc.lineAt(l);
  const range = new vscode.Range(l, text.firstNonWhitespaceCharacterIndex, l, text.range.end.character);
  const visible = vscode.window.visibleTextEditors.find((e) => e.document === doc);
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn, selection: range, preserveFocus: false });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

/** The claim document that was last the active editor (the walkthrough's tab is not one). */
let lastActiveClaim: string | undefined;
function rememberActiveClaim(editor: vscode.TextEditor | undefined): void {
  if (editor?.document.languageId === LANGUAGE_ID) lastActiveClaim = editor.document.uri.toString();
}

/**
 * The claim document a command is about: the one named, else the active editor's, else the most
 * recently active claim document, else a visible one, else one open in a tab (a command run from
 * the walkthrough or a webview has no active text editor).
 */
export async function claimDocument(uri?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  const isClaim = (d: vscode.TextDocument | undefined): d is vscode.TextDocument => d?.languageId === LANGUAGE_ID;
  const open = (key: string | undefined) => (key === undefined ? undefined : vscode.workspace.textDocuments.find((x) => x.uri.toString() === key));
  if (uri) {
    const d = open(uri.toString());
    return isClaim(d) ? d : undefined;
  }
  const active = vscode.window.activeTextEditor?.document;
  if (isClaim(active)) return active;
  const recent = open(lastActiveClaim);
  if (isClaim(recent)) return recent;
  const visible = vscode.window.visibleTextEditors.map((e) => e.document).find(isClaim);
  if (visible) return visible;
  // a tab restored with the window is not loaded until it is shown: load the first claim tab's
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
  const tab = tabs.find((t) => t.input instanceof vscode.TabInputText && t.input.uri.path.endsWith('.claim'));
  if (!tab) return undefined;
  try {
    const doc = await vscode.workspace.openTextDocument((tab.input as vscode.TabInputText).uri);
    return isClaim(doc) ? doc : undefined;
  } catch {
    return undefined;
  }
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.path;
}

/** The view's page: a toolbar and a table body the script replaces on each update. */
function page(cspSource: string): string {
  const nonce = randomBytes(16).toString('base64');
  // cspSource is allowed for styles only (none are loaded); scripts need the nonce.
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Claim estimate</title>
<style nonce="${nonce}">
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 1em 1em; }
  .toolbar { position: sticky; top: 0; background: var(--vscode-editor-background); padding: 6px 0; display: flex; gap: 1em; align-items: center; }
  button { white-space: nowrap; background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 4px 10px; cursor: pointer; }
  button:hover { background: var(--vscode-button-hoverBackground); }
  .state { color: var(--vscode-descriptionForeground); }
  h2 { font-size: 1.15em; margin: 1em 0 0.3em; }
  h3 { font-size: 1em; margin: 0.8em 0 0.3em; }
  h2, h3, tbody tr { cursor: pointer; }
  .where { color: var(--vscode-descriptionForeground); font-weight: normal; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border-bottom: 1px solid var(--vscode-panel-border, #8884); padding: 3px 8px; text-align: left; vertical-align: top; }
  th { color: var(--vscode-descriptionForeground); font-weight: 600; }
  .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  tbody tr:hover, tbody tr:focus { background: var(--vscode-list-hoverBackground); outline: none; }
  tr.denied td.status, tr.not-payable td.status { color: var(--vscode-errorForeground); }
  tr.unpriced td.status { color: var(--vscode-editorWarning-foreground); }
  td.status { white-space: nowrap; }
  tfoot td { font-weight: 600; }
  code { font-family: var(--vscode-editor-font-family); white-space: nowrap; }
  td.reductions { min-width: 10em; overflow-wrap: anywhere; }
  /* beside a claim (500 px and less): amount and status stay in sight; the line number and the
     base give way, and the reductions wrap under the other cells */
  @media (max-width: 560px) {
    body { padding: 0 0.4em 1em; }
    .line, .base { display: none; }
    th, td { padding: 3px 4px; }
    td.reductions { min-width: 0; }
    td.status { white-space: normal; }
    .toolbar { flex-wrap: wrap; gap: 0.4em; }
  }
  .notes, .empty { color: var(--vscode-descriptionForeground); }
  .error { color: var(--vscode-errorForeground); }
</style></head>
<body>
<div class="toolbar"><button id="copy" title="Copy the table as CSV (one row per service line)">Copy as CSV</button><span class="state" id="state">Estimating...</span></div>
<main id="table"></main>
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  const table = document.getElementById('table');
  const state = document.getElementById('state');
  document.getElementById('copy').addEventListener('click', () => vscode.postMessage({ type: 'copy' }));
  const go = (e) => {
    const row = e.target.closest('[data-line]');
    if (row) vscode.postMessage({ type: 'reveal', line: Number(row.dataset.line) });
  };
  table.addEventListener('click', go);
  table.addEventListener('keydown', (e) => { if (e.key === 'Enter') go(e); });
  window.addEventListener('message', (e) => {
    const m = e.data;
    if (m.type === 'update') {
      table.innerHTML = m.html;
      table.dataset.version = String(m.version);
      state.textContent = 'Follows the document; click a line to show it. Estimated Medicare allowables: each line says how it was priced.';
    } else if (m.type === 'error') {
      table.innerHTML = m.html;
      state.textContent = '';
    }
  });
</script>
</body></html>`;
}
