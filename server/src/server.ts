// The language server: wires an LSP connection (stdio or IPC) to the pure core. The parts live in
// init.ts (the handshake) and handlers/ (documents, configuration, requests); this file only builds
// them and connects them. The server owns the IO: documents, settings, debounce, national data
// files. It never logs document text.
import { CodeLensRefreshRequest, ProposedFeatures, type Connection, type ConsoleFeature } from 'vscode-languageserver/node';
import { setFlagsFromString } from 'node:v8';
import { registerConfiguration } from './handlers/configuration';
import { Documents, registerDocuments } from './handlers/documents';
import { registerRequests } from './handlers/requests';
import { safeLogLine } from './handlers/safety';
import { createServerConnection } from './handlers/transport';
import { CheckWorker, findingsGate } from './handlers/worker-checks';
import { registerInitialize } from './init';
import { CHECKING_NOTIFICATION, HOLD_FINDINGS_REQUEST, type CheckingParams } from './protocol';
import { installedRuleDocs } from './rule-docs';
import { X12Documents } from './handlers/x12-documents';

export { ESTIMATE_REQUEST, SKIPPED_CHECKS_REQUEST, STATS_REQUEST } from './protocol';

export function startServer(connection: Connection): void {
  const log = (msg: string) => connection.console.log(`[hai-claims] ${msg}`);
  let inlayHintRefresh = false;
  let codeLensRefresh = false;
  // Each needs the other: settings and tables changing re-check the documents, which read them.
  // Documents with a very long claim are checked off the main thread (the worker starts on first
  // use; HAI_CLAIMS_NO_WORKER=1 keeps every check on this thread, for comparison and as a way out).
  const worker = process.env.HAI_CLAIMS_NO_WORKER ? undefined : new CheckWorker(log);
  // The editor asks for inlay hints again by itself after an edit, but not after a settings or
  // tables change: it is told to.
  const configuration = registerConfiguration(connection, log, () => {
    documents.revalidateAll();
    x12.revalidateAll();
    if (inlayHintRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
  });
  const documents = new Documents({
    log,
    sendDiagnostics: (params) => void connection.sendDiagnostics(params),
    tables: () => configuration.tables(),
    settings: () => configuration.settings,
    ruleDocs: installedRuleDocs(),
    worker,
    nationalSource: () => configuration.nationalSource(),
    checking: (uri, c) => void connection.sendNotification(CHECKING_NOTIFICATION, { uri, checking: !!c, percent: c?.percent } satisfies CheckingParams),
    checkFailed: (uri, _version, failed) => void connection.sendNotification(CHECKING_NOTIFICATION, { uri, checking: false, failed } satisfies CheckingParams),
    // A request was answered in part while the worker checked (issue 23): the editor asks for lenses
    // and hints again (the estimate view follows haiClaims/checking's `checking: false`).
    findingsReady: () => {
      if (codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
      if (inlayHintRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
    },
    findingsWaitMs: testFindingsWait(),
  });
  const x12 = new X12Documents({ log, sendDiagnostics: (params) => void connection.sendDiagnostics(params), tables: () => configuration.tables(), settings: () => configuration.settings, ruleDocs: installedRuleDocs() });
  if (worker) {
    // HAI_CLAIMS_HOLD_FINDINGS=1: the tests hold the worker's findings back (findingsGate).
    const gate = findingsGate((chunk) => documents.fromWorker(chunk), !!process.env.HAI_CLAIMS_HOLD_FINDINGS);
    if (process.env.HAI_CLAIMS_HOLD_FINDINGS) connection.onRequest(HOLD_FINDINGS_REQUEST, (p: { hold?: boolean }) => void gate.setHold(p?.hold === true));
    worker.events = {
      findings: (chunk) => gate.findings(chunk),
      progress: (id, version, done, total) => documents.workerProgress(id, version, done, total),
      checkFailed: (id, version, error) => documents.workerCheckFailed(id, version, error),
      failed: () => documents.workerFailed(),
    };
  }
  registerInitialize(connection, {
    onInitialize: (init) => {
      inlayHintRefresh = init.inlayHintRefresh === true;
      codeLensRefresh = init.codeLensRefresh === true;
      configuration.onInitialize(init);
    },
    onInitialized: () => configuration.onInitialized(),
  });
  registerDocuments(connection, documents, x12);
  registerRequests(connection, { documents, x12, settings: () => configuration.settings, tables: () => configuration.tables(), log });
  connection.listen();
}

/** A test's bound on waiting for a worker-held document's findings (HAI_CLAIMS_FINDINGS_WAIT_MS), else the plan's. */
function testFindingsWait(): number | undefined {
  const ms = Number(process.env.HAI_CLAIMS_FINDINGS_WAIT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

/** The connection's console (window/logMessage), with what the LSP library logs made safe (safeLogLine). */
const safeConsole: ConsoleFeature<object> = (Base) =>
  class extends Base {
    override error(message: string) {
      super.error(safeLogLine(message));
    }
    override warn(message: string) {
      super.warn(safeLogLine(message));
    }
    override info(message: string) {
      super.info(safeLogLine(message));
    }
    override log(message: string) {
      super.log(safeLogLine(message));
    }
    override debug(message: string) {
      super.debug(safeLogLine(message));
    }
  };

if (require.main === module) {
  tuneHeap();
  startServer(createServerConnection({ ...ProposedFeatures.all, console: safeConsole }));
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
