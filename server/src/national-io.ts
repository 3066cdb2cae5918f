// Reads the CMS files named by the haiClaims.data.* settings into the core's national tables, for
// the server and the CLI. The IO lives here, not in the core: files are streamed in chunks with a
// turn of the event loop between chunks, so a server keeps answering while 1.5 million PTP rows
// load. The PTP index can be cached on disk (ptp-cache.ts).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { Settings } from './core/settings';
import type { NationalTables } from './core/tables/national';
import { Icd10Builder, MueBuilder, RvuBuilder, type LoadProblem, type TableBuilder } from './core/tables/loaders';
import { loadPtpFiles } from './ptp-cache';

export type NationalKind = 'ptp' | 'mue' | 'rvu' | 'icd10';

export interface NationalLoadOptions {
  /** A directory for the prepared PTP index; none: always parse the text. */
  cacheDir?: string;
  /** Bytes read per chunk (default 256 KiB: a chunk is parsed between two turns of the event loop). */
  chunkBytes?: number;
  /** Stop early (settings changed while loading): what was read so far is returned. */
  signal?: AbortSignal;
}

export interface NationalLoadStats {
  kind: NationalKind;
  files: string[];
  rows: number;
  ms: number;
  /** True when the index came from the on-disk cache. */
  fromCache: boolean;
}

export interface NationalLoadResult {
  national: NationalTables;
  problems: LoadProblem[];
  stats: NationalLoadStats[];
}

const yieldToEventLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * Loads every file the settings name (paths relative to `baseDir`). Never rejects: an unreadable
 * path or a bad row is a problem with the file and the reason, and the rest still loads.
 */
export async function loadNationalFiles(data: Settings['data'], baseDir: string, opts: NationalLoadOptions = {}): Promise<NationalLoadResult> {
  const problems: LoadProblem[] = [];
  const stats: NationalLoadStats[] = [];
  const national: NationalTables = {};
  const abs = (paths: readonly string[]) => paths.map((p) => (isAbsolute(p) ? p : resolve(baseDir, p)));

  if (data.ncciPtp.length > 0) {
    const r = await loadPtpFiles(abs(data.ncciPtp), opts, problems, (builder, paths, into) => streamFiles(builder, paths, opts, into));
    if (r.table.size > 0) national.ptp = r.table;
    stats.push({ kind: 'ptp', files: data.ncciPtp, rows: r.table.size, ms: r.ms, fromCache: r.fromCache });
  }
  const loadSimple = async <T extends { size: number }>(kind: NationalKind, paths: readonly string[], builder: TableBuilder<T>): Promise<T | undefined> => {
    if (paths.length === 0) return undefined;
    const started = performance.now();
    await streamFiles(builder, abs(paths), opts, problems);
    const r = builder.finish();
    problems.push(...r.problems);
    stats.push({ kind, files: [...paths], rows: r.table.size, ms: performance.now() - started, fromCache: false });
    return r.table.size > 0 ? r.table : undefined;
  };
  const mue = await loadSimple('mue', data.mue, new MueBuilder());
  if (mue) national.mue = mue;
  const rvu = await loadSimple('rvu', data.pfsRvu, new RvuBuilder());
  if (rvu) national.rvu = rvu;
  const icd10 = await loadSimple('icd10', data.icd10cm, new Icd10Builder());
  if (icd10) national.icd10 = icd10;
  return { national, problems, stats };
}

/** Streams each file through the builder; false when a file could not be read (or loading was stopped). */
async function streamFiles(builder: TableBuilder<unknown>, paths: string[], opts: NationalLoadOptions, problems: LoadProblem[]): Promise<boolean> {
  let complete = true;
  for (const path of paths) {
    if (opts.signal?.aborted) return false;
    let size: number;
    try {
      const s = await stat(path);
      if (!s.isFile()) {
        problems.push({ file: path, line: 0, reason: 'is not a file' });
        complete = false;
        continue;
      }
      size = s.size;
    } catch (err) {
      problems.push({ file: path, line: 0, reason: `could not be read (${errorCode(err)})` });
      complete = false;
      continue;
    }
    builder.beginFile(path, size);
    try {
      const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: opts.chunkBytes ?? 1 << 18 });
      for await (const chunk of stream) {
        builder.push(chunk as string);
        // A file the builder rejected (a line too long, a wrong header) is not read further.
        if (builder.skipsRest()) {
          stream.destroy();
          break;
        }
        // Let requests queued meanwhile run before the next chunk.
        await yieldToEventLoop();
        if (opts.signal?.aborted) {
          stream.destroy();
          complete = false;
          break;
        }
      }
    } catch (err) {
      problems.push({ file: path, line: 0, reason: `could not be read to the end (${errorCode(err)}); the rows before were loaded` });
      complete = false;
    }
    builder.endFile();
  }
  return complete;
}

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' ? code : err instanceof Error ? err.name : 'error';
}
