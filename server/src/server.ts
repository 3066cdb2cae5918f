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
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  analyze,
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
  LineCache,
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
const VERSION = '0.1.0';

interface DocState {
  version: number;
  analysis?: Analysis;
  lineCache: LineCache;
  timer?: NodeJS.Timeout;
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const docs = new Map<string, DocState>();
  let tables: Tables = loadDefaultTables();
  let settings: Settings = DEFAULT_SETTINGS;
  let hasConfigurationCapability = false;
  let lastSettingsProblems = '';
  let nationalGeneration = 0;
  let cacheDir: string | undefined;
  /** Relative haiClaims.data.* paths are read from the first workspace folder. */
  let dataBaseDir = process.cwd();

  const log = (msg: string) => connection.console.log(`[hai-claims] ${msg}`);

  function stateOf(uri: string): DocState {
    let s = docs.get(uri);
    if (!s) {
      s = { version: -1, lineCache: new LineCache() };
      docs.set(uri, s);
    }
    return s;
  }

  /** The analysis of the document's current text; computed at most once per version. */
  function analysisOf(doc: TextDocument): Analysis {
    const s = stateOf(doc.uri);
    if (!s.analysis || s.version !== doc.version) {
      s.analysis = analyze(doc.getText(), tables, { settings, lineCache: s.lineCache });
      s.version = doc.version;
      for (const e of s.analysis.internalErrors) log(`check ${e.rule} failed: ${e.error}`);
    }
    return s.analysis;
  }

  function publish(uri: string): void {
    const doc = documents.get(uri);
    if (!doc) return;
    const analysis = analysisOf(doc);
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: toDiagnostics(analysis.findings, uri) });
  }

  function schedule(doc: TextDocument): void {
    const s = stateOf(doc.uri);
    if (s.timer) clearTimeout(s.timer);
    const delay = settings.diagnostics.debounceMs;
    if (delay <= 0) {
      s.timer = undefined;
      publish(doc.uri);
      return;
    }
    // Only the latest text is ever analysed when the timer fires, so a stale result is never published.
    s.timer = setTimeout(() => {
      s.timer = undefined;
      publish(doc.uri);
    }, delay);
  }

  function revalidateAll(): void {
    for (const s of docs.values()) s.analysis = undefined;
    for (const doc of documents.all()) publish(doc.uri);
  }

  /** Runs a request handler; a failure becomes an LSP error for that request, never a crash. */
  function guard<P, R>(name: string, handler: (params: P, token: CancellationToken) => R, empty: R) {
    return (params: P, token: CancellationToken): R | ResponseError<void> => {
      if (token?.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, "cancelled");
      try {
        return handler(params, token) ?? empty;
      } catch (err) {
        log(`${name} failed: ${err instanceof Error ? err.name : typeof err}`);
        return new ResponseError(ErrorCodes.InternalError, `HAI Claims could not answer ${name}; the server is still running.`);
      }
    };
  }

  function withDoc<R>(uri: string, empty: R, fn: (doc: TextDocument, analysis: Analysis) => R): R {
    const doc = documents.get(uri);
    if (!doc) return empty;
    return fn(doc, analysisOf(doc));
  }

  async function applySettings(raw: unknown): Promise<void> {
    const { settings: next, problems } = parseSettings(raw, RULE_IDS);
    const text = problems.map((p) => `haiClaims.${p.path}: ${p.message}`).join('; ');
    if (text && text !== lastSettingsProblems) {
      void connection.window.showWarningMessage(`HAI Claims settings: ${text}. The defaults are used for those settings.`);
    }
    lastSettingsProblems = text;
    const dataChanged = JSON.stringify(next.data) !== JSON.stringify(settings.data);
    settings = next;
    revalidateAll();
    if (dataChanged) await reloadNational();
  }

  async function reloadNational(): Promise<void> {
    const generation = ++nationalGeneration;
    const hasData = Object.values(settings.data).some((paths) => paths.length > 0);
    if (!hasData) {
      if (tables !== loadDefaultTables()) {
        tables = loadDefaultTables();
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
    tables = createTables(base.guide, base.reference, national);
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
      const { settings: initial, problems } = parseSettings(init.haiClaims ?? init, RULE_IDS);
      settings = initial;
      if (problems.length) lastSettingsProblems = problems.map((p) => `haiClaims.${p.path}: ${p.message}`).join('; ');
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

  documents.onDidOpen((e) => {
    const s = stateOf(e.document.uri);
    if (s.timer) clearTimeout(s.timer);
    s.timer = undefined;
    publish(e.document.uri);
  });
  documents.onDidChangeContent((e) => {
    // onDidOpen also fires a content change; the open handler already published.
    const s = stateOf(e.document.uri);
    if (s.version === e.document.version && s.analysis) return;
    schedule(e.document);
  });
  documents.onDidClose((e) => {
    const s = docs.get(e.document.uri);
    if (s?.timer) clearTimeout(s.timer);
    docs.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover(guard('hover', (p) => withDoc(p.textDocument.uri, null, (_d, a) => doHover(a, p.position.line, p.position.character)), null));
  connection.onCompletion(
    guard('completion', (p) => withDoc(p.textDocument.uri, { isIncomplete: false, items: [] }, (_d, a) => doComplete(a, p.position.line, p.position.character)), { isIncomplete: false, items: [] }),
  );
  connection.onCodeAction(guard('codeAction', (p) => withDoc(p.textDocument.uri, [], (_d, a) => doCodeActions(a, p.textDocument.uri, p.range, p.context.only)), []));
  connection.onDocumentSymbol(guard('documentSymbol', (p) => withDoc(p.textDocument.uri, [], (_d, a) => findDocumentSymbols(a)), []));
  connection.onFoldingRanges(guard('foldingRange', (p) => withDoc(p.textDocument.uri, [], (_d, a) => getFoldingRanges(a)), []));
  connection.onCodeLens(guard('codeLens', (p) => withDoc(p.textDocument.uri, [], (_d, a) => (settings.codeLens.enabled ? getCodeLenses(a, p.textDocument.uri) : [])), []));
  connection.onDocumentFormatting(guard('formatting', (p) => withDoc(p.textDocument.uri, [], (_d, a) => formatDocument(a, p.options)), []));
  connection.onRequest(
    ESTIMATE_REQUEST,
    guard('estimate', (p: { uri: string }) => withDoc(p?.uri, { markdown: '_This file is not open._', claims: [] }, (_d, a) => ({ markdown: estimateMarkdown(a), claims: a.estimate() })), { markdown: '', claims: [] }),
  );

  documents.listen(connection);
  connection.listen();
}

if (require.main === module) startServer(createConnection(ProposedFeatures.all));
