// The check worker (dist/check-worker.js; the main thread's side is handlers/worker-checks.ts): it
// keeps a copy of each huge document the server hands it, applies the same changes, and checks it
// with the same Documents as the main thread (steps, newer versions cancelling older checks, the
// debounce, the capped publish), off the main thread. It uses the guide's tables, loaded from the
// bundled JSON: the server hands it documents only while those are the tables in force, so what it
// publishes is what the main thread would. It never logs text: log lines are names and counts.
import { parentPort, type MessagePort } from 'node:worker_threads';
import { DEFAULT_SETTINGS, loadDefaultTables, type Settings } from './core/languageService';
import { Documents } from './handlers/documents';
import { errorName } from './handlers/safety';
import type { FromWorker, ToWorker } from './handlers/worker-checks';
import { installedRuleDocs } from './rule-docs';

/** The worker's slice of a check (ms): it answers no requests, so only a newer version waits on it. */
const WORKER_SLICE_MS = 50;

/** Serves the check protocol on `port`: exported so a test can run it on a MessageChannel. */
export function serveChecks(port: Pick<MessagePort, 'on' | 'postMessage'>): void {
  let settings: Settings = DEFAULT_SETTINGS;
  let epoch = 0;
  const post = (m: FromWorker) => port.postMessage(m);
  const documents = new Documents({
    log: (message) => post({ kind: 'log', message: `check worker: ${message}` }),
    sendDiagnostics: (params) => post({ kind: 'diagnostics', params, epoch }),
    tables: () => loadDefaultTables(),
    settings: () => settings,
    // The same links as the main thread's: the worker's bundle is beside the server's.
    ruleDocs: installedRuleDocs(),
    // Only a newer version or settings wait on a slice here (read between slices, and they cancel it).
    sliceMs: WORKER_SLICE_MS,
  });
  port.on('message', (m: ToWorker) => {
    try {
      if (m.kind === 'settings') {
        settings = m.settings;
        epoch = m.epoch;
        documents.revalidateAll();
      } else if (m.kind === 'open') documents.open(m.uri, m.version, m.text);
      else if (m.kind === 'change') documents.change(m.uri, m.version, m.changes);
      else if (m.kind === 'close') documents.close(m.uri);
    } catch (err) {
      // Documents never throws on a document; should it, the name is logged and the worker goes on.
      post({ kind: 'log', message: `check worker: ${m.kind} failed: ${errorName(err)}` });
    }
  });
}

if (parentPort) serveChecks(parentPort);
