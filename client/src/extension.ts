// The HAI Claims extension client: starts the bundled language server (dist/server.js) over
// IPC for `hai-claim` documents, restarts it with a visible notice when it crashes, and adds the
// "Show Claim Estimate" (client/src/estimateView.ts), "Restart Language Server" commands, and the
// phase snippets and new-claim commands (client/src/phases.ts).
import * as vscode from 'vscode';
import {
  CloseAction,
  type CloseHandlerResult,
  ErrorAction,
  type ErrorHandler,
  type ErrorHandlerResult,
  LanguageClient,
  type LanguageClientOptions,
  type Middleware,
  type ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import { SHOW_CHECK_COMMAND, showCheckDescription, withCheckLink } from './checkDocs';
import { EstimateViews } from './estimateView';
import { registerPhases, ticks } from './phases';
import { StatusBar } from './statusBar';
import { openAsClaim, X12_SELECTOR } from './x12';
import { CHECKING_NOTIFICATION, STATUS_NOTIFICATION, type CheckingParams, type StatusParams } from '../../server/src/protocol';

import { LANGUAGE_ID } from './constants';
export const CRASH_NOTICE = 'HAI Claims language server stopped unexpectedly and was restarted.';
const MAX_CRASHES = 5;
const CRASH_WINDOW_MS = 3 * 60_000;

/** What activate() returns: used by the editor tests, stable enough for other extensions. */
export interface HaiClaimsApi {
  readonly client: LanguageClient;
  /** Fires each time the server is running again after a crash (with the number of crashes so far). */
  readonly onDidRestartAfterCrash: vscode.Event<number>;
  /** The live estimate views (one per document). */
  readonly estimateViews: EstimateViews;
  /** Fires with the document's URI each time the server publishes its diagnostics (none included). */
  readonly onDidPublishDiagnostics: vscode.Event<vscode.Uri>;
  /** The status bar item with the tables in force (the server's haiClaims/status). */
  readonly statusBar: StatusBar;
}

let client: LanguageClient | undefined;

/** Restarts the server after a crash, at most MAX_CRASHES times in CRASH_WINDOW_MS. */
class RestartingErrorHandler implements ErrorHandler {
  private readonly crashes: number[] = [];
  total = 0;
  pendingRestart = false;

  constructor(private readonly output: vscode.OutputChannel) {}

  error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - this.crashes[0]! > CRASH_WINDOW_MS) this.crashes.shift();
    this.total++;
    if (this.crashes.length > MAX_CRASHES) {
      const message = `HAI Claims language server stopped unexpectedly ${this.crashes.length} times in 3 minutes and will not be restarted. Run "HAI Claims: Restart Language Server" to try again.`;
      this.output.appendLine(message);
      void vscode.window.showErrorMessage(message);
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    this.output.appendLine(`${CRASH_NOTICE} (crash ${this.total})`);
    this.pendingRestart = true;
    void vscode.window.showWarningMessage(CRASH_NOTICE, 'Show Output').then((choice) => {
      if (choice === 'Show Output') this.output.show(true);
    });
    return { action: CloseAction.Restart, handled: true };
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<HaiClaimsApi> {
  const output = vscode.window.createOutputChannel('HAI Claims');
  const restarted = new vscode.EventEmitter<number>();
  const errorHandler = new RestartingErrorHandler(output);
  context.subscriptions.push(output, restarted);

  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }, ...X12_SELECTOR],
    // The workspace's .haiclaims.json (the settings file the CLI reads too): the server reads it again when it changes.
    synchronize: { configurationSection: 'haiClaims', fileEvents: vscode.workspace.createFileSystemWatcher('**/.haiclaims.json') },
    outputChannel: output,
    errorHandler,
    initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted, cacheDir: vscode.Uri.joinPath(context.globalStorageUri, 'national-index').fsPath },
  };
  const published = new vscode.EventEmitter<vscode.Uri>();
  context.subscriptions.push(published);
  const trace = privacySafeTrace(output);
  clientOptions.middleware = {
    ...trace,
    workspace: { configuration: withExplicitKeys },
    handleDiagnostics: (uri, diagnostics, next) => {
      trace.handleDiagnostics!(uri, diagnostics.map(withCheckLink), next);
      published.fire(uri);
    },
  };
  // Not 'haiClaims': that id would make vscode-languageclient read `haiClaims.trace.server` and log
  // whole messages, document text included. Our own trace (privacySafeTrace) logs no text.
  const lc = new LanguageClient('haiClaimsLanguageServer', 'HAI Claims', serverOptions, clientOptions);
  client = lc;
  context.subscriptions.push(
    lc.onDidChangeState((e) => {
      if (e.newState === State.Running && errorHandler.pendingRestart) {
        errorHandler.pendingRestart = false;
        // Running is set before the documents are re-opened on the server: start() returns the
        // pending start, which settles once the client is fully initialized again.
        lc.start().then(
          () => restarted.fire(errorHandler.total),
          (err: unknown) => output.appendLine(`Restart after a crash failed: ${String(err)}`),
        );
      }
    }),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand('haiClaims.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('haiClaims.openDataSettings', () => openDataSettings()),
    vscode.commands.registerCommand(SHOW_CHECK_COMMAND, (id?: unknown) => showCheckDescription(context.extensionUri, id)),
    vscode.commands.registerCommand('haiClaims.restartServer', async () => {
      output.appendLine('Restarting the language server (command).');
      if (lc.state === State.Running) await lc.restart();
      else await lc.start();
    }),
  );
  const estimateViews = new EstimateViews(lc);
  context.subscriptions.push(
    estimateViews,
    // the walkthrough's "Read the estimate" step: ticked once an estimate was shown
    vscode.commands.registerCommand('haiClaims.showEstimate', (uri?: vscode.Uri) => ticks('haiClaims.walkthrough.estimateShown', estimateViews.show(uri))),
    vscode.commands.registerCommand('haiClaims.copyEstimateCsv', (uri?: vscode.Uri) => estimateViews.copyCsv(uri)),
    vscode.commands.registerCommand('haiClaims.openAsClaim', (uri?: vscode.Uri) => openAsClaim(lc, uri)),
  );
  await registerPhases(context, output);
  const statusBar = statusBarOf(context, lc, estimateViews);

  await lc.start();
  return { client: lc, onDidRestartAfterCrash: restarted.event, estimateViews, onDidPublishDiagnostics: published.event, statusBar };
}

/** The settings query that lists the eight haiClaims.data.* settings. */
export const DATA_SETTINGS_QUERY = 'haiClaims.data';

/**
 * The data settings are machine-overridable (a path names a file on the machine the server runs
 * on): in a remote window (code-server, Remote-SSH, WSL, Codespaces) the User tab hides them and
 * the Remote tab shows them, so open that one there; a local window opens the User tab.
 */
export async function openDataSettings(): Promise<void> {
  if (vscode.env.remoteName) {
    try {
      await vscode.commands.executeCommand('workbench.action.openRemoteSettings', { query: DATA_SETTINGS_QUERY });
      return;
    } catch {
      // a remote without its own settings (the command is missing): the workspace's tab shows them too
    }
    if (vscode.workspace.workspaceFolders?.length) {
      await vscode.commands.executeCommand('workbench.action.openWorkspaceSettings', { query: DATA_SETTINGS_QUERY });
      return;
    }
  }
  await vscode.commands.executeCommand('workbench.action.openSettings', DATA_SETTINGS_QUERY);
}

export async function deactivate(): Promise<void> {
  if (client && client.state !== State.Stopped) await client.stop();
  client = undefined;
}

/**
 * The haiClaims section as VS Code answers it holds every key, defaults included; the server
 * layers the user's settings over the workspace's .haiclaims.json key by key, so it is told which
 * keys the user actually set (`$explicit`), at any level. Only key names are added, no values.
 */
export const withExplicitKeys: NonNullable<NonNullable<Middleware['workspace']>['configuration']> = async (params, token, next) => {
  const result = await next(params, token);
  if (!Array.isArray(result)) return result;
  return result.map((value, i) => {
    if (params.items[i]?.section !== 'haiClaims' || !value || typeof value !== 'object') return value;
    const config = vscode.workspace.getConfiguration('haiClaims');
    const keys = Object.keys(vscode.extensions.getExtension('hai-claims.hai-claims')?.packageJSON?.contributes?.configuration?.properties ?? {}).map((k) => k.slice('haiClaims.'.length));
    const explicit = keys.filter((k) => {
      const v = config.inspect(k);
      return v && [v.globalValue, v.workspaceValue, v.workspaceFolderValue, v.globalLanguageValue, v.workspaceLanguageValue, v.workspaceFolderLanguageValue].some((x) => x !== undefined);
    });
    return { ...(value as object), $explicit: explicit };
  });
};

/**
 * The `haiClaims.trace.server` trace: method names, a per-session document number, versions,
 * positions, result counts and timings. Never text, never file names (either may name a patient).
 */
export function privacySafeTrace(output: vscode.OutputChannel): Middleware {
  const ids = new Map<string, number>();
  const docId = (uri: vscode.Uri) => {
    const key = uri.toString();
    if (!ids.has(key)) ids.set(key, ids.size + 1);
    return `doc#${ids.get(key)}`;
  };
  const level = () => vscode.workspace.getConfiguration('haiClaims').get<string>('trace.server', 'off');
  const log = (line: string) => {
    if (level() !== 'off') output.appendLine(`[trace ${new Date().toISOString()}] ${line}`);
  };
  const timed = async <T>(what: string, run: () => Thenable<T> | T, count: (r: T) => string): Promise<T> => {
    const start = Date.now();
    const result = await run();
    log(`${what} -> ${count(result)} in ${Date.now() - start} ms`);
    return result;
  };
  const n = (r: unknown) => (Array.isArray(r) ? `${r.length} items` : r ? 'a result' : 'nothing');
  const at = (d: vscode.TextDocument, p: vscode.Position) => `${docId(d.uri)} v${d.version} ${p.line + 1}:${p.character + 1}`;
  return {
    didOpen: (d, next) => (log(`didOpen ${docId(d.uri)} v${d.version} ${d.lineCount} lines`), next(d)),
    didChange: (e, next) => (log(`didChange ${docId(e.document.uri)} v${e.document.version} ${e.contentChanges.length} changes`), next(e)),
    didClose: (d, next) => (log(`didClose ${docId(d.uri)}`), next(d)),
    handleDiagnostics: (uri, diagnostics, next) => {
      const codes = [...new Set(diagnostics.map((d) => String(typeof d.code === 'object' ? d.code.value : d.code)))];
      if (level() === 'verbose') log(`publishDiagnostics ${docId(uri)} ${diagnostics.length} (${codes.join(', ')})`);
      else log(`publishDiagnostics ${docId(uri)} ${diagnostics.length}`);
      next(uri, diagnostics);
    },
    provideHover: (d, p, t, next) => timed(`hover ${at(d, p)}`, () => next(d, p, t), n),
    provideCompletionItem: (d, p, c, t, next) =>
      timed(`completion ${at(d, p)}`, () => next(d, p, c, t), (r) => (Array.isArray(r) ? `${r.length} items` : r ? `${r.items.length} items` : 'nothing')),
    provideCodeActions: (d, r, c, t, next) => timed(`codeAction ${docId(d.uri)} ${r.start.line + 1}`, () => next(d, r, c, t), n),
    provideDocumentSymbols: (d, t, next) => timed(`documentSymbol ${docId(d.uri)}`, () => next(d, t), n),
    provideCodeLenses: (d, t, next) => timed(`codeLens ${docId(d.uri)}`, () => next(d, t), n),
    provideFoldingRanges: (d, c, t, next) => timed(`foldingRange ${docId(d.uri)}`, () => next(d, c, t), n),
    provideDocumentFormattingEdits: (d, o, t, next) => timed(`formatting ${docId(d.uri)}`, () => next(d, o, t), n),
    provideInlayHints: (d, r, t, next) => timed(`inlayHint ${docId(d.uri)} ${r.start.line + 1}-${r.end.line + 1}`, () => next(d, r, t), n),
    provideDefinition: (d, p, t, next) => timed(`definition ${at(d, p)}`, () => next(d, p, t), n),
    provideDocumentRangeFormattingEdits: (d, r, o, t, next) => timed(`rangeFormatting ${docId(d.uri)} ${r.start.line + 1}-${r.end.line + 1}`, () => next(d, r, o, t), n),
  };
}

/** The status bar, fed by the server's status and checking notifications; the estimate views follow them too. */
function statusBarOf(context: vscode.ExtensionContext, lc: LanguageClient, estimateViews: EstimateViews): StatusBar {
  const statusBar = new StatusBar();
  context.subscriptions.push(statusBar, lc.onNotification(STATUS_NOTIFICATION, (status: StatusParams) => {
      statusBar.update(status);
      // prices and denials follow the tables and the rule settings the status reports on
      if (status.state !== 'loading') estimateViews.refreshAll();
    }));
  context.subscriptions.push(lc.onNotification(CHECKING_NOTIFICATION, (p: CheckingParams) => {
    statusBar.setChecking(p);
    // a view that showed "still being checked" (issue 23) is estimated again once the checks finish, or says they failed
    estimateViews.onChecking(p);
  }));
  return statusBar;
}
