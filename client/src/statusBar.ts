// The status bar item shown while a .claim file is active: the tables in force (from the
// server's `haiClaims/status` notification), a spinner while national files load, a warning
// when a file failed or the workspace is untrusted. Its tooltip names the files and their row
// counts and the checks that cannot run; a click opens the output (warning) or the data settings.
// "HAI Claims: Show Data Files" shows what `hai-claims data` prints: every data setting's files, the
// zip members read, rows, periods, conversion factor and problems (the server's account).
import * as vscode from 'vscode';
import type { CheckingParams, StatusParams as DataStatus } from '../../server/src/protocol';
import { checkStatusText, checkTooltip, docCheckOf, escapeMarkdown as esc, type DocCheck } from './checkState';
import { LANGUAGE_ID } from './constants';

export function statusText(s: DataStatus | undefined): string {
  if (!s) return '$(sync~spin) HAI Claims';
  const names = s.tables.map((t) => t.name).join(' + ');
  if (s.state === 'loading') return `$(sync~spin) HAI: ${names}, loading CMS files`;
  if (s.state === 'warning') return `$(warning) HAI: ${names}`;
  return `$(check) HAI: ${names}`;
}

function tooltipOf(s: DataStatus | undefined, check: DocCheck | undefined): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: ['haiClaims.showOutput', 'haiClaims.showDataFiles', 'haiClaims.openDataSettings'] };
  if (check) md.appendMarkdown(checkTooltip(check));
  if (!s) return md.appendMarkdown('HAI Claims: the language server is starting.');
  md.appendMarkdown('**HAI Claims checks against**\n\n| table | source | rows |\n|---|---|---:|\n');
  for (const t of s.tables) md.appendMarkdown(`| ${esc(t.name)} | ${esc(t.source)} | ${t.rows.toLocaleString('en-US')} |\n`);
  const named = (s.files ?? []).filter((f) => f.files.length > 0);
  if (named.length) {
    md.appendMarkdown('\n**Data files read**\n\n');
    for (const f of named) {
      const read = f.members.length ? f.members.map((m) => m.member).join(', ') : f.files.join(', ');
      md.appendMarkdown(`- \`${f.setting}\`${f.from ? ` (from \`${f.from}\`)` : ''}: ${esc(read)}, ${f.rows.toLocaleString('en-US')} rows${f.covers.length ? `, ${esc(f.covers.join(', '))}` : ''}${f.conversionFactors ? `, CF ${f.conversionFactors.map((c) => `$${c.toFixed(4)}`).join(', ')}` : ''}${f.unusable ? ' $(warning) not usable' : ''}\n`);
    }
  }
  if (s.state === 'loading') md.appendMarkdown('\n$(sync~spin) Loading the national files named in `haiClaims.data`; the tables above are used until they are in.\n');
  if (s.untrusted) md.appendMarkdown('\n$(warning) This workspace is not trusted, so the files named in `haiClaims.data` were not read. Trust the workspace to use them.\n');
  if (s.problems.length) {
    md.appendMarkdown('\n$(warning) **Files that could not be used** (the valid rows of the others are used):\n\n');
    for (const p of s.problems) md.appendMarkdown(`- ${esc(p)}\n`);
  }
  if (s.limited.length) {
    md.appendMarkdown('\n**Not checked for lack of data**\n\n');
    for (const l of s.limited) md.appendMarkdown(`- \`${l.check}\`: ${esc(l.reason)} (setting \`haiClaims.data.${l.data}\`)\n`);
  }
  // haiClaims.openDataSettings: the Remote tab in a remote window, where the data settings show
  md.appendMarkdown('\n[Show Data Files](command:haiClaims.showDataFiles) · [Show Output](command:haiClaims.showOutput) · [Data Settings](command:haiClaims.openDataSettings)');
  return md;
}

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('haiClaims.status', vscode.StatusBarAlignment.Right, 100);
  private readonly changed = new vscode.EventEmitter<DataStatus>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private status: DataStatus | undefined;
  /** Documents being checked in the background, or whose check failed (the server's haiClaims/checking), by uri. */
  private readonly checking = new Map<string, DocCheck>();
  /** Fires with each status the server sends (for tests and other extensions). */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.item.name = 'HAI Claims: tables in force';
    this.subscriptions.push(
      this.item,
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.commands.registerCommand('haiClaims.showDataFiles', () => this.showDataFiles()),
    );
    this.render();
  }

  get text(): string {
    return this.item.text;
  }

  get current(): DataStatus | undefined {
    return this.status;
  }

  /** The data files' account in a read-only document beside the editor (nothing is written to disk). */
  async showDataFiles(): Promise<vscode.TextDocument> {
    const lines = this.status?.filesText ?? ['HAI Claims: the language server has not reported the data files yet.'];
    const doc = await vscode.workspace.openTextDocument({ content: `${lines.join('\n')}\n`, language: 'plaintext' });
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    return doc;
  }

  update(s: DataStatus): void {
    this.status = s;
    this.render();
    this.changed.fire(s);
  }

  /** A document is being checked in the background, or is checked, or its check failed. */
  setChecking(p: CheckingParams): void {
    const check = docCheckOf(p);
    if (check) this.checking.set(p.uri, check);
    else this.checking.delete(p.uri);
    this.render();
  }

  private render(): void {
    const s = this.status;
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const check = active === undefined ? undefined : this.checking.get(active);
    this.item.text = check ? checkStatusText(check) : statusText(s);
    this.item.tooltip = tooltipOf(s, check);
    const warn = s?.state === 'warning' || check?.state === 'failed';
    this.item.backgroundColor = warn ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.command = warn
      ? { title: 'Show Output', command: 'haiClaims.showOutput' }
      : { title: 'Data Settings', command: 'haiClaims.openDataSettings' };
    this.item.accessibilityInformation = { label: `HAI Claims: ${check?.state === 'failed' ? 'the checks of this file failed; ' : ''}${s ? s.tables.map((t) => t.name).join(', ') : 'starting'}${warn ? ', with a warning' : ''}` };
    if (vscode.window.activeTextEditor?.document.languageId === LANGUAGE_ID) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
