// The language server: wires an LSP connection (stdio or IPC) to the pure core. It owns the IO:
// documents, settings, debounce, national data files. It never logs document text.
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  ErrorCodes,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { setFlagsFromString } from 'node:v8';
import {
  ClaimDocument,
  COMPLETION_TRIGGERS,
  createTables,
  DEFAULT_SETTINGS,
  doCodeActions,
  doComplete,
  doHover,
  estimateMarkdown,
  findDocumentSymbols,
  formatDocument,
  getCodeLenses,
  getFoldingRanges,
  loadDefaultTables,
  parseSettings,
  RULE_IDS,
  toDiagnostics,
  type Analysis,
  type Settings,
  type Tables,
} from './core/languageService';
import { fileURLToPath } from 'node:url';
import { loadNationalForServer } from './national-hook';

export const ESTIMATE_REQUEST = 'haiClaims/estimate';
/** Numbers about the server process (memory only; no document content), for the soak test. */
export const STATS_REQUEST = 'haiClaims/_stats';
const VERSION = '0.1.0';

// Test-only fault injection: HAI_CLAIMS_FAULT=hover,publish makes those handlers throw, so the
// fault tests can prove a failing handler costs one answer, not the server. Read once at start.
const FAULTS: ReadonlySet<string> = new Set((process.env.HAI_CLAIMS_FAULT ?? '').split(',').filter(Boolean));
function injectFault(name: string): void {
  if (FAULTS.has(name)) throw new Error(`injected fault in ${name}`);
}

const settingsPath = (path: string) => (path ? `haiClaims.${path}` : 'haiClaims');

interface DocState {
  uri: string;
  version: number;
  /** The document's lines, updated by each change, and its analyses, which reuse untouched claims. */
  doc: ClaimDocument;
  analysis?: Analysis;
  /** The version `analysis` is of. */
  analysed: number;
  timer?: NodeJS.Timeout;
}

export function startServer(connection: Connection): void {
  // Open documents, kept by the server itself rather than by vscode-languageserver's
  // TextDocuments: a change updates the lines it touches and the whole text is never rebuilt, so
  // a keystroke in a 10,000-line file costs what a keystroke in a 10-line file does. (Line breaks
  // that a change fuses, \r then \n, are read as the whole text would read them.)
  const docs = new Map<string, DocState>();
  // Loaded (validated and indexed) after `initialize` is answered, not before: off the start-up path.
  let loaded: Tables | undefined;
  const tables = (): Tables => (loaded ??= loadDefaultTables());
  let settings: Settings = DEFAULT_SETTINGS;
  let hasConfigurationCapability = false;
  let lastSettingsProblems = '';
  let nationalGeneration = 0;
  // The data files the tables were last loaded from (or are being loaded from): settings given
  // both in initializationOptions and by workspace/configuration must still load them once.
  let loadedData = JSON.stringify(DEFAULT_SETTINGS.data);
  let cacheDir: string | undefined;
  /** Relative haiClaims.data.* paths are read from the first workspace folder. */
  let dataBaseDir = process.cwd();
  /** False when the editor says the workspace is untrusted: data files named in settings are then not read. */
  let workspaceTrusted = true;
  let untrustedNoticeShown = false;

  const log = (msg: string) => connection.console.log(`[hai-claims] ${msg}`);

  /** The analysis of the document's current version; computed at most once per version. */
  function analysisOf(s: DocState): Analysis {
    if (!s.analysis || s.analysed !== s.version) {
      s.analysis = s.doc.analyze(tables(), settings);
      s.analysed = s.version;
      for (const e of s.analysis.internalErrors) log(`check ${e.rule} failed: ${e.error}`);
    }
    return s.analysis;
  }

  function publish(uri: string): void {
    const s = docs.get(uri);
    if (!s) return;
    // Runs from notifications and timers, where a throw would be logged with its message or end
    // the process: a failure here costs this one publication, never the server.
    try {
      injectFault('publish');
      const analysis = analysisOf(s);
      void connection.sendDiagnostics({ uri, version: s.version, diagnostics: toDiagnostics(analysis.findings, uri) });
    } catch (err) {
      log(`diagnostics failed: ${err instanceof Error ? err.name : typeof err}`);
    }
  }

  function schedule(s: DocState): void {
    if (s.timer) clearTimeout(s.timer);
    const delay = settings.diagnostics.debounceMs;
    if (delay <= 0) {
      s.timer = undefined;
      publish(s.uri);
      return;
    }
    // Only the latest version is ever analysed when the timer fires, so a stale result is never published.
    s.timer = setTimeout(() => {
      s.timer = undefined;
      publish(s.uri);
    }, delay);
  }

  function revalidateAll(): void {
    for (const s of docs.values()) s.analysis = undefined;
    for (const uri of docs.keys()) publish(uri);
  }

  /** Runs a request handler; a failure becomes an LSP error for that request, never a crash. */
  function guard<P, R>(name: string, handler: (params: P, token: CancellationToken) => R, empty: R) {
    return (params: P, token: CancellationToken): R | ResponseError<void> => {
      if (token?.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, "cancelled");
      try {
        injectFault(name);
        return handler(params, token) ?? empty;
      } catch (err) {
        log(`${name} failed: ${err instanceof Error ? err.name : typeof err}`);
        return new ResponseError(ErrorCodes.InternalError, `HAI Claims could not answer ${name}; the server is still running.`);
      }
    };
  }

  function withDoc<R>(uri: string, empty: R, fn: (analysis: Analysis) => R): R {
    const s = docs.get(uri);
    if (!s) return empty;
    return fn(analysisOf(s));
  }

  async function applySettings(raw: unknown): Promise<void> {
    const { settings: next, problems } = parseSettings(raw, RULE_IDS);
    const text = problems.map((p) => `${settingsPath(p.path)}: ${p.message}`).join('; ');
    if (text && text !== lastSettingsProblems) {
      void connection.window.showWarningMessage(`HAI Claims settings: ${text}. The defaults are used for those settings.`);
    }
    lastSettingsProblems = text;
    ignoreDataIfUntrusted(next);
    const dataChanged = JSON.stringify(next.data) !== loadedData;
    settings = next;
    revalidateAll();
    if (dataChanged) await reloadNational();
  }

  /** In an untrusted workspace the data files named in settings are not read (said once). */
  function ignoreDataIfUntrusted(next: Settings): void {
    if (workspaceTrusted || !Object.values(next.data).some((p) => p.length > 0)) return;
    next.data = { ncciPtp: [], mue: [], pfsRvu: [], icd10cm: [] };
    if (!untrustedNoticeShown) {
      untrustedNoticeShown = true;
      void connection.window.showInformationMessage('HAI Claims: this workspace is not trusted, so the data files named in haiClaims.data are not read; the built-in CY2026 guide tables are used.');
    }
  }

  async function reloadNational(): Promise<void> {
    const generation = ++nationalGeneration;
    loadedData = JSON.stringify(settings.data);
    const hasData = Object.values(settings.data).some((paths) => paths.length > 0);
    if (!hasData) {
      if (tables() !== loadDefaultTables()) {
        loaded = loadDefaultTables();
        revalidateAll();
      }
      return;
    }
    // Loading large CMS files is slow: do it off the request path and swap tables when done.
    const { national, problems } = await loadNationalForServer(settings, dataBaseDir, { cacheDir });
    if (generation !== nationalGeneration) return;
    for (const p of problems.slice(0, 20)) log(`data file problem: ${p}`);
    if (problems.length) {
      void connection.window.showWarningMessage(
        `HAI Claims could not use part of the national data files: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more; see the output)` : ''}. The valid rows are used.`,
      );
    }
    const base = loadDefaultTables();
    loaded = createTables(base.guide, base.reference, national);
    revalidateAll();
  }

  async function pullSettings(): Promise<void> {
    if (!hasConfigurationCapability) return;
    try {
      const raw = await connection.workspace.getConfiguration({ section: 'haiClaims' });
      await applySettings(raw);
    } catch (err) {
      log(`could not read settings: ${err instanceof Error ? err.name : typeof err}`);
    }
  }

  connection.onInitialize((params): InitializeResult => {
    hasConfigurationCapability = !!params.capabilities.workspace?.configuration;
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    if (folder?.startsWith('file:')) {
      try {
        dataBaseDir = fileURLToPath(folder);
      } catch {
        // Not a local folder: relative data paths stay relative to the server's directory.
      }
    }
    const init = params.initializationOptions as Record<string, unknown> | undefined;
    // The client names a folder of its own (VS Code's global storage) for the prepared PTP index.
    if (init && typeof init.cacheDir === 'string' && init.cacheDir) cacheDir = init.cacheDir;
    if (init && typeof init === 'object') {
      workspaceTrusted = init.workspaceTrusted !== false;
      const { settings: initial, problems } = parseSettings(init.haiClaims ?? init, RULE_IDS);
      settings = initial;
      // Shown once initialized (a plain client has no other way to learn its settings were bad).
      if (problems.length) lastSettingsProblems = problems.map((p) => `${settingsPath(p.path)}: ${p.message}`).join('; ');
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        codeLensProvider: { resolveProvider: false },
        documentFormattingProvider: true,
      },
      serverInfo: { name: 'hai-claims', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    tables();
    if (lastSettingsProblems) {
      void connection.window.showWarningMessage(`HAI Claims settings: ${lastSettingsProblems}. The defaults are used for those settings.`);
    }
    ignoreDataIfUntrusted(settings);
    if (hasConfigurationCapability) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'haiClaims' }).catch(() => undefined);
      void pullSettings();
    } else if (Object.values(settings.data).some((p) => p.length)) {
      void reloadNational();
    }
  });

  connection.onDidChangeConfiguration((change) => {
    if (hasConfigurationCapability) void pullSettings();
    else {
      const raw = (change.settings as Record<string, unknown> | undefined)?.haiClaims;
      void applySettings(raw);
    }
  });

  connection.onDidOpenTextDocument(({ textDocument: { uri, version, text } }) => {
    const previous = docs.get(uri);
    if (previous?.timer) clearTimeout(previous.timer);
    docs.set(uri, { uri, version, doc: new ClaimDocument(text), analysed: -1 });
    publish(uri);
  });
  connection.onDidChangeTextDocument(({ textDocument: { uri, version }, contentChanges }) => {
    const s = docs.get(uri);
    if (!s) return;
    try {
      s.doc.update(contentChanges);
    } catch (err) {
      // Never expected (positions are clamped, any text is a text); if it happens the lines no
      // longer match the editor's, so the document is dropped (reopening it checks it again)
      // rather than checked wrongly.
      log(`document update failed: ${err instanceof Error ? err.name : typeof err}; close and reopen the file to check it again`);
      if (s.timer) clearTimeout(s.timer);
      docs.delete(uri);
      void connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    s.version = version;
    schedule(s);
  });
  connection.onDidCloseTextDocument(({ textDocument: { uri } }) => {
    const s = docs.get(uri);
    if (s?.timer) clearTimeout(s.timer);
    docs.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onHover(guard('hover', (p) => withDoc(p.textDocument.uri, null, (a) => doHover(a, p.position.line, p.position.character)), null));
  connection.onCompletion(
    guard('completion', (p) => withDoc(p.textDocument.uri, { isIncomplete: false, items: [] }, (a) => doComplete(a, p.position.line, p.position.character)), { isIncomplete: false, items: [] }),
  );
  connection.onCodeAction(guard('codeAction', (p) => withDoc(p.textDocument.uri, [], (a) => doCodeActions(a, p.textDocument.uri, p.range, p.context.only)), []));
  connection.onDocumentSymbol(guard('documentSymbol', (p) => withDoc(p.textDocument.uri, [], (a) => findDocumentSymbols(a)), []));
  connection.onFoldingRanges(guard('foldingRange', (p) => withDoc(p.textDocument.uri, [], (a) => getFoldingRanges(a)), []));
  connection.onCodeLens(guard('codeLens', (p) => withDoc(p.textDocument.uri, [], (a) => (settings.codeLens.enabled ? getCodeLenses(a, p.textDocument.uri) : [])), []));
  connection.onDocumentFormatting(guard('formatting', (p) => withDoc(p.textDocument.uri, [], (a) => formatDocument(a, p.options)), []));
  connection.onRequest(
    ESTIMATE_REQUEST,
    guard('estimate', (p: { uri: string }) => withDoc(p?.uri, { markdown: '_This file is not open._', claims: [] }, (a) => ({ markdown: estimateMarkdown(a), claims: a.estimate() })), { markdown: '', claims: [] }),
  );

  connection.onRequest(STATS_REQUEST, guard('stats', (p: { gc?: boolean } | undefined) => {
    // A soak test started with --expose-gc asks for a collection first, so it measures what is kept.
    const gc = (globalThis as { gc?: () => void }).gc;
    if (p?.gc && gc) gc();
    const m = process.memoryUsage();
    return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers, openDocuments: docs.size };
  }, null));

  connection.listen();
}

if (require.main === module) {
  tuneHeap();
  startServer(createConnection(ProposedFeatures.all));
}

/**
 * A language server idles between keystrokes; V8's defaults suit throughput. Young generation:
 * stay at its initial size (it would grow to 32 MB under the allocation of a 10,000-line
 * analysis, and keep it); old generation: grow by 20% of what is live rather than V8's default
 * factor. Measured with the session `npm run bench` runs (the 1,000- and 10,000-line files open,
 * edited, hovered, completed): resident memory about 86 MB without, 73 MB with; edits no slower.
 * Set here, at start, because a client launching the server need not pass Node flags.
 */
function tuneHeap(): void {
  try {
    setFlagsFromString('--semi-space-growth-factor=1');
    setFlagsFromString('--heap-growing-percent=20');
  } catch {
    // Only a memory tuning: the server works without it.
  }
}
