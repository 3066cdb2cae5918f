// The check worker (dist/check-worker.js; the main thread's side is handlers/worker-checks.ts): it
// keeps a copy of each huge document the server hands it, applies the same changes, and runs the
// checks on it with the same Documents as the main thread (steps, newer versions cancelling older
// checks, the debounce), off the main thread, sending back the findings (before suppressions).
// Its tables are those in force on the main thread: the guide's, plus, when the main thread has
// national tables, the same files loaded through the same descriptors (national-hook.ts; the PTP
// file from its on-disk cache). Findings are tagged with the epoch of the settings and tables they
// were computed under; the main thread drops those of an older epoch. It never logs text: log
// lines are names and counts.
import { parentPort, type MessagePort } from 'node:worker_threads';
import { DEFAULT_SETTINGS, getLanguageService, type Settings, type Tables } from './core/languageService';
import { Documents } from './handlers/documents';
import { errorName } from './handlers/safety';
import type { FromWorker, NationalSource, ToWorker } from './handlers/worker-checks';
import { loadNationalForServer } from './national-hook';

const ls = getLanguageService();

/** The worker's slice of a check (ms): it answers no requests, so only a newer version waits on it. */
const WORKER_SLICE_MS = 50;
/**
 * Findings per message: reading one on the main thread is then a few milliseconds. One message at
 * a time, the next when the main thread acknowledges the last (after a turn of its event loop).
 */
const FINDINGS_CHUNK = 1000;

/** The national tables the worker loaded, by the settings' data paths and source they were loaded for. */
interface Loaded {
  key: string;
  tables: Tables;
}

/** Serves the check protocol on `port`: exported so a test can run it on a MessageChannel. */
export function serveChecks(port: Pick<MessagePort, 'on' | 'postMessage'>, load: typeof loadNationalForServer = loadNationalForServer): void {
  let settings: Settings = DEFAULT_SETTINGS;
  let tables: Tables = ls.loadDefaultTables();
  let epoch = 0;
  let loaded: Loaded | undefined;
  let reload: AbortController | undefined;
  const post = (m: FromWorker) => port.postMessage(m);
  // Chunks of findings waiting for the main thread to take the one sent before them.
  let queue: Extract<FromWorker, { kind: 'findings' }>[] = [];
  let waiting = false;
  const sendNext = () => {
    const next = queue.shift();
    waiting = !!next;
    if (next) post(next);
  };
  const documents = new Documents({
    log: (message) => post({ kind: 'log', message: `check worker: ${message}` }),
    sendDiagnostics: () => undefined,
    sendFindings: (uri, version, analysis) => {
      const id = Number(uri);
      const all = analysis.checked ?? analysis.findings;
      // A newer result of the same document replaces what is still queued of an older one.
      queue = queue.filter((c) => c.id !== id);
      for (let at = 0; at < all.length || at === 0; at += FINDINGS_CHUNK) {
        const last = at + FINDINGS_CHUNK >= all.length;
        queue.push({ kind: 'findings', id, version, epoch, findings: all.slice(at, at + FINDINGS_CHUNK), internalErrors: last ? analysis.internalErrors : undefined, first: at === 0, last });
      }
      if (!waiting) sendNext();
    },
    progress: (uri, version, done, total) => post({ kind: 'progress', id: Number(uri), version, done, total }),
    tables: () => tables,
    settings: () => settings,
    // Only a newer version or settings wait on a slice here (read between slices, and they cancel it).
    sliceMs: WORKER_SLICE_MS,
  });
  /** The new settings and tables apply, and every document is checked again under the epoch. */
  const apply = (next: Settings, nextTables: Tables, nextEpoch: number) => {
    settings = next;
    tables = nextTables;
    epoch = nextEpoch;
    documents.revalidateAll();
  };
  const onSettings = (next: Settings, nextEpoch: number, national: NationalSource | undefined) => {
    reload?.abort();
    reload = undefined;
    if (!national) return apply(next, ls.loadDefaultTables(), nextEpoch);
    const key = JSON.stringify([next.data, national]);
    if (loaded?.key === key) return apply(next, loaded.tables, nextEpoch);
    const controller = (reload = new AbortController());
    void load(next, national.baseDir, { cacheDir: national.cacheDir, signal: controller.signal }).then(
      (result) => {
        if (controller.signal.aborted) return;
        reload = undefined;
        const base = ls.loadDefaultTables();
        loaded = { key, tables: ls.createTables(base.guide, base.reference, result.national) };
        apply(next, loaded.tables, nextEpoch);
      },
      // Its findings would be of other tables than the main thread's: the main thread takes its documents back.
      (err: unknown) => post({ kind: 'unusable', reason: `national data load failed: ${errorName(err)}` }),
    );
  };
  port.on('message', (m: ToWorker) => {
    try {
      if (m.kind === 'ack') sendNext();
      else if (m.kind === 'settings') onSettings(m.settings, m.epoch, m.national);
      else if (m.kind === 'open') documents.open(String(m.id), m.version, m.text);
      else if (m.kind === 'change') documents.change(String(m.id), m.version, m.changes);
      else if (m.kind === 'close') {
        queue = queue.filter((c) => c.id !== m.id);
        documents.close(String(m.id));
      }
    } catch (err) {
      // Documents never throws on a document; should it, the name is logged and the worker goes on.
      post({ kind: 'log', message: `check worker: ${m.kind} failed: ${errorName(err)}` });
    }
  });
}

if (parentPort) serveChecks(parentPort);
