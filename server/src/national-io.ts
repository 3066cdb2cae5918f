// Reads the national CMS files named by the haiClaims.data.* settings into the core's national
// tables: the one loading path of both hosts (the server through national-hook.ts, the CLI through
// cli/national.ts, which applies its stricter policy to the problems returned here). Which files
// exist, which builder reads them and where their table goes is the core's descriptor table
// (core/tables/national-files.ts); the IO lives here. Files are streamed in chunks with a turn of
// the event loop between chunks, so a server keeps answering while 1.5 million PTP rows load. The
// PTP index can be cached on disk (keyed by path, size and mtime of every part).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { NationalTables } from './core/tables/national';
import { NATIONAL_FILE_LIST, type DataKey, type NationalData, type NationalFileDescriptor, type NationalSlot, type NationalTableOf } from './core/tables/national-files';
import { deserializePtp, PtpBuilder, serializePtp, type LoadProblem, type TableBuilder } from './core/tables/loaders';

/** The NationalTables slot a load filled (the stats' `kind`). */
export type NationalKind = NationalSlot;

export interface NationalLoadOptions {
  /** A directory for the prepared PTP index; none: always parse the text. */
  cacheDir?: string;
  /** Bytes read per chunk (default 256 KiB: a chunk is parsed between two turns of the event loop). */
  chunkBytes?: number;
  /** Stop early (settings changed while loading): no further chunk or file is read; what was read so far is returned. */
  signal?: AbortSignal;
}

/** The account of one setting's files (one `haiClaims.data.<key>` that names any). */
export interface NationalLoadStats {
  kind: NationalKind;
  /** The setting the files were named in. */
  key: DataKey;
  /** As the settings name them. */
  files: string[];
  rows: number;
  ms: number;
  /** True when the index came from the on-disk cache. */
  fromCache: boolean;
  /** This setting's share of the result's `problems` (the same objects, in the same order). */
  problems: LoadProblem[];
  /** Files of this setting that could not be read, or not to the end: as named, with the system's code (ENOENT, EACCES, EISDIR...). */
  unreadable: { file: string; code: string }[];
}

export interface NationalLoadResult {
  national: NationalTables;
  problems: LoadProblem[];
  stats: NationalLoadStats[];
}

/** Bumped when the cached image's layout or the loader's reading of the text changes. */
const CACHE_VERSION = 1;
const CACHE_MAGIC = 'HAINAT01';

const yieldToEventLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * The problems that say a file could not be read (rather than a bad row or layout), with the
 * system's code: kept aside so the problems themselves stay `{ file, line, reason }`.
 */
const readFailures = new WeakMap<LoadProblem, string>();

function readFailure(problems: LoadProblem[], problem: LoadProblem, code: string): void {
  readFailures.set(problem, code);
  problems.push(problem);
}

type TableLoad<S extends NationalSlot> = (paths: string[], opts: NationalLoadOptions, problems: LoadProblem[]) => Promise<{ table?: NationalTableOf<S>; ms: number; fromCache: boolean }>;

/** Slots whose files are not simply streamed through the descriptor's builder: the PTP index may come from the cache. */
const OWN_LOADS: { [S in NationalSlot]?: TableLoad<S> } = { ptp: loadPtpFiles };

/**
 * Loads every file the settings name (paths relative to `baseDir`), in the descriptors' order.
 * Never rejects: an unreadable path or a bad row is a problem with the file and the reason, and
 * the rest still loads. A key left out names no file.
 */
export async function loadNationalFiles(data: Readonly<Partial<NationalData>>, baseDir: string, opts: NationalLoadOptions = {}): Promise<NationalLoadResult> {
  const problems: LoadProblem[] = [];
  const stats: NationalLoadStats[] = [];
  const national: NationalTables = {};
  for (const d of NATIONAL_FILE_LIST) {
    // A superseded load opens no further file.
    if (opts.signal?.aborted) break;
    const named = data[d.key] ?? [];
    if (named.length > 0) stats.push(await loadSetting(d, named, baseDir, opts, problems, national));
  }
  return { national, problems, stats };
}

async function loadSetting<S extends NationalSlot>(
  d: NationalFileDescriptor<S> & { key: DataKey },
  named: readonly string[],
  baseDir: string,
  opts: NationalLoadOptions,
  problems: LoadProblem[],
  national: NationalTables,
): Promise<NationalLoadStats> {
  const paths = named.map((p) => (isAbsolute(p) ? p : resolve(baseDir, p)));
  const first = problems.length;
  const load: TableLoad<S> = (OWN_LOADS[d.slot] as TableLoad<S> | undefined) ?? ((p, o, pr) => streamTable(d, p, o, pr));
  const r = await load(paths, opts, problems);
  if (r.table && r.table.size > 0) national[d.slot] = r.table;
  const own = problems.slice(first);
  const unreadable = own.flatMap((p) => {
    const code = readFailures.get(p);
    return code === undefined ? [] : [{ file: named[paths.indexOf(p.file)] ?? p.file, code }];
  });
  return { kind: d.slot, key: d.key, files: [...named], rows: r.table?.size ?? 0, ms: r.ms, fromCache: r.fromCache, problems: own, unreadable };
}

/** Streams the files through a fresh builder of the descriptor's. */
async function streamTable<S extends NationalSlot>(d: NationalFileDescriptor<S>, paths: string[], opts: NationalLoadOptions, problems: LoadProblem[]) {
  const started = performance.now();
  const builder = d.builder();
  await streamFiles(builder, paths, opts, problems);
  const r = builder.finish();
  for (const p of r.problems) problems.push(p);
  return { table: r.table, ms: performance.now() - started, fromCache: false };
}

async function loadPtpFiles(paths: string[], opts: NationalLoadOptions, problems: LoadProblem[]) {
  const started = performance.now();
  const cacheFile = opts.cacheDir ? await cacheFileFor(paths, opts.cacheDir) : undefined;
  if (cacheFile) {
    const cached = await readCache(cacheFile);
    if (cached) {
      for (const p of cached.problems) problems.push(p);
      return { table: cached.table, ms: performance.now() - started, fromCache: true };
    }
  }
  const builder = new PtpBuilder();
  const ownProblems: LoadProblem[] = [];
  const complete = await streamFiles(builder, paths, opts, ownProblems);
  const steps = builder.finishInSteps();
  let step = steps.next();
  while (!step.done) {
    await yieldToEventLoop();
    step = steps.next();
  }
  const r = step.value;
  for (const p of r.problems) ownProblems.push(p);
  for (const p of ownProblems) problems.push(p);
  // Only a complete, clean read of every part is worth caching.
  if (cacheFile && complete && !ownProblems.some((p) => p.line === 0)) await writeCache(cacheFile, r.table, ownProblems);
  return { table: r.table, ms: performance.now() - started, fromCache: false };
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
        readFailure(problems, { file: path, line: 0, reason: 'is not a file' }, s.isDirectory() ? 'EISDIR' : 'ENOTREG');
        complete = false;
        continue;
      }
      size = s.size;
    } catch (err) {
      readFailure(problems, { file: path, line: 0, reason: `could not be read (${errorCode(err)})` }, errorCode(err));
      complete = false;
      continue;
    }
    builder.beginFile(path, size);
    try {
      const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: opts.chunkBytes ?? 1 << 18 });
      for await (const chunk of stream) {
        builder.push(chunk as string);
        // Let requests queued meanwhile run before the next chunk.
        await yieldToEventLoop();
        if (opts.signal?.aborted) {
          stream.destroy();
          complete = false;
          break;
        }
      }
    } catch (err) {
      readFailure(problems, { file: path, line: 0, reason: `could not be read to the end (${errorCode(err)}); the rows before were loaded` }, errorCode(err));
      complete = false;
    }
    builder.endFile();
  }
  return complete;
}

async function cacheFileFor(paths: string[], cacheDir: string): Promise<string | undefined> {
  const parts: [string, number, number][] = [];
  for (const p of paths) {
    try {
      const s = await stat(p);
      parts.push([p, s.size, s.mtimeMs]);
    } catch {
      // An unreadable part is reported by the text load; such a set is not cached.
      return undefined;
    }
  }
  const key = createHash('sha256').update(JSON.stringify({ v: CACHE_VERSION, parts })).digest('hex').slice(0, 32);
  return join(cacheDir, `ncci-ptp-${key}.bin`);
}

async function readCache(file: string) {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return undefined;
  }
  try {
    if (bytes.length < 16 || bytes.toString('latin1', 0, 8) !== CACHE_MAGIC) return undefined;
    const len = bytes.readUInt32LE(8);
    const problems = JSON.parse(bytes.toString('utf8', 12, 12 + len)) as LoadProblem[];
    const table = deserializePtp(bytes.subarray(align8(12 + len)));
    if (!table || !Array.isArray(problems)) return undefined;
    return { table, problems };
  } catch {
    return undefined;
  }
}

async function writeCache(file: string, table: NonNullable<NationalTables['ptp']>, problems: LoadProblem[]): Promise<void> {
  const image = serializePtp(table);
  if (!image) return;
  const head = Buffer.from(JSON.stringify(problems), 'utf8');
  const prefix = Buffer.alloc(align8(12 + head.length));
  prefix.write(CACHE_MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(head.length, 8);
  head.copy(prefix, 12);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const dir = dirname(file);
    await mkdir(dir, { recursive: true });
    const fh = await open(tmp, 'w');
    try {
      await fh.write(prefix);
      await fh.write(image);
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
    // One PTP image per cache directory: drop the images of files that have since changed.
    for (const name of await readdir(dir)) {
      if (/^ncci-ptp-[0-9a-f]{32}\.bin$/.test(name) && join(dir, name) !== file) await unlink(join(dir, name)).catch(() => undefined);
    }
  } catch {
    // The cache only saves time: a read-only or full disk just means parsing next time too.
    await unlink(tmp).catch(() => undefined);
  }
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' ? code : err instanceof Error ? err.name : 'error';
}
