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
  type TextDocumentContentChangeEvent,
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
  version: number;
  analysis?: Analysis;
  lineCache: LineCache;
  timer?: NodeJS.Timeout;
}

/**
 * True when applying `change` puts a \r and a \n side by side (typing \n after a lone \r, \r before
 * a \n, or deleting what separated them): the two breaks become one \r\n. TextDocument's
 * incremental line table does not see that and would count a line too many from then on.
 */
function fusesLineBreak(doc: TextDocument, change: TextDocumentContentChangeEvent): boolean {
  if (!('range' in change)) return false;
  const text = doc.getText();
  let start = doc.offsetAt(change.range.start);
  let end = doc.offsetAt(change.range.end);
  if (start > end) [start, end] = [end, start];
  const inserted = change.text;
  const before = text[start - 1];
  const after = text[end];
  return (before === '\r' && (inserted ? inserted[0] === '\n' : after === '\n')) || (inserted.endsWith('\r') && after === '\n');
}

/** TextDocument.update, except that a change that fuses two breaks rebuilds the document's line table. */
function updateDocument(doc: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
  for (const change of changes) {
    if ('range' in change && fusesLineBreak(doc, change)) {
      doc = TextDocument.create(doc.uri, doc.languageId, version, TextDocument.applyEdits(doc, [{ range: change.range, newText: change.text }]));
    } else {
      TextDocument.update(doc, [change], version);
    }
  }
  return doc;
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments({ create: TextDocument.create, update: updateDocument });
  const docs = new Map<string, DocState>();
  let tables: Tables = loadDefaultTables();
  let settings: Settings = DEFAULT_SETTINGS;
  let hasConfigurationCapability = false;
  let lastSettingsProblems = '';
  let nationalGeneration = 0;
  let cacheDir: string | undefined;
  /** Relative haiClaims.data.* paths are read from the first workspace folder. */
  let dataBaseDir = process.cwd();
  /** False when the editor says the workspace is untrusted: data files named in settings are then not read. */
  let workspaceTrusted = true;
  let untrustedNoticeShown = false;

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
    // Runs from notifications and timers, where a throw would be logged with its message or end
    // the process: a failure here costs this one publication, never the server.
    try {
      injectFault('publish');
      const analysis = analysisOf(doc);
      void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: toDiagnostics(analysis.findings, uri) });
    } catch (err) {
      log(`diagnostics failed: ${err instanceof Error ? err.name : typeof err}`);
    }
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
        injectFault(name);
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
    const text = problems.map((p) => `${settingsPath(p.path)}: ${p.message}`).join('; ');
    if (text && text !== lastSettingsProblems) {
      void connection.window.showWarningMessage(`HAI Claims settings: ${text}. The defaults are used for those settings.`);
    }
    lastSettingsProblems = text;
    ignoreDataIfUntrusted(next);
    const dataChanged = JSON.stringify(next.data) !== JSON.stringify(settings.data);
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

  connection.onRequest(STATS_REQUEST, guard('stats', (p: { gc?: boolean } | undefined) => {
    // A soak test started with --expose-gc asks for a collection first, so it measures what is kept.
    const gc = (globalThis as { gc?: () => void }).gc;
    if (p?.gc && gc) gc();
    const m = process.memoryUsage();
    return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers, openDocuments: documents.all().length };
  }, null));

  documents.listen(connection);
  connection.listen();
}

if (require.main === module) startServer(createConnection(ProposedFeatures.all));
