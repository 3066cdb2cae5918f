// Reads the national CMS files named by the haiClaims.data.* settings into the core's national
// tables: the one loading path of both hosts (the server through national-hook.ts, the CLI through
// cli/national.ts, which applies its stricter policy to the problems returned here). Which files
// exist, which builder reads them and where their table goes is the core's descriptor table
// (core/tables/national-files.ts); the IO lives here. Files are streamed in chunks with a turn of
// the event loop between chunks, so a server keeps answering while 1.5 million PTP rows load. The
// PTP index can be cached on disk (ptp-cache.ts). A zip or workbook as CMS ships it is opened by
// national-archive.ts, whose parts stream through the same builders. A release zip
// (data.pfsRelease) fills the settings it covers that name no file of their own (pathsFor).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { NationalTables } from './core/tables/national';
import { NATIONAL_FILE_LIST, pathsFor, type FileKey, type NationalData, type NationalFileDescriptor, type NationalSlot, type NationalTableOf, type ReleaseKey } from './core/tables/national-files';
import type { LoadProblem, TableBuilder } from './core/tables/loaders';
import { ArchiveProblem, containerOf, partsOf, type SourcePart } from './national-archive';
import { loadPtpFiles as loadPtpThroughCache } from './ptp-cache';

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
  /** The setting the files were named for. */
  key: FileKey;
  /** The release setting the files came from (data.pfsRelease), when the key named none of its own. */
  from?: ReleaseKey;
  /** As the settings name them. */
  files: string[];
  /** What was read inside each zip or workbook: the file as named and the member (and sheet). */
  members: { file: string; member: string }[];
  rows: number;
  ms: number;
  /** True when the index came from the on-disk cache. */
  fromCache: boolean;
  /** This setting's share of the result's `problems` (the same objects, in the same order). */
  problems: LoadProblem[];
  /** Files of this setting that could not be read, or not to the end: as named, with the system's code (ENOENT, EACCES, EISDIR...) or the archive's (EZIP*, ENOMEMBER, EXLSX, with its reason in `reason`). */
  unreadable: { file: string; code: string; reason?: string }[];
}

export interface NationalLoadResult {
  national: NationalTables;
  problems: LoadProblem[];
  stats: NationalLoadStats[];
}

const yieldToEventLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * The problems that say a file could not be read (rather than a bad row or layout), with the
 * system's code: kept aside so the problems themselves stay `{ file, line, reason }`.
 */
const readFailures = new WeakMap<LoadProblem, string>();
/** The archive problems' own reasons (the system's codes are worded by the hosts). */
const archiveReasons = new WeakMap<LoadProblem, string>();

function readFailure(problems: LoadProblem[], problem: LoadProblem, code: string): void {
  readFailures.set(problem, code);
  problems.push(problem);
}

/** How one setting's files are read: its descriptor's member spec, and where members read are noted. */
interface ReadContext {
  descriptor: NationalFileDescriptor;
  members: { path: string; member: string }[];
}

type TableLoad<S extends NationalSlot> = (paths: string[], opts: NationalLoadOptions, problems: LoadProblem[], ctx: ReadContext) => Promise<{ table?: NationalTableOf<S>; ms: number; fromCache: boolean }>;

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
    const { paths: named, from } = pathsFor(data, d.key);
    if (named.length > 0) stats.push({ ...(await loadSetting(d, named, baseDir, opts, problems, national)), ...(from ? { from } : {}) });
  }
  return { national, problems, stats };
}

async function loadSetting<S extends NationalSlot>(
  d: NationalFileDescriptor<S> & { key: FileKey },
  named: readonly string[],
  baseDir: string,
  opts: NationalLoadOptions,
  problems: LoadProblem[],
  national: NationalTables,
): Promise<NationalLoadStats> {
  const paths = named.map((p) => (isAbsolute(p) ? p : resolve(baseDir, p)));
  const first = problems.length;
  const load: TableLoad<S> = (OWN_LOADS[d.slot] as TableLoad<S> | undefined) ?? ((p, o, pr, c) => streamTable(d, p, o, pr, c));
  const ctx: ReadContext = { descriptor: d as unknown as NationalFileDescriptor, members: [] };
  const r = await load(paths, opts, problems, ctx);
  if (r.table && r.table.size > 0) national[d.slot] = r.table;
  const own = problems.slice(first);
  const asNamed = (file: string) => named[paths.indexOf(file)] ?? file;
  const unreadable = own.flatMap((p) => {
    const code = readFailures.get(p);
    const reason = archiveReasons.get(p);
    return code === undefined ? [] : [{ file: asNamed(p.file), code, ...(reason ? { reason } : {}) }];
  });
  const members = ctx.members.map((m) => ({ file: asNamed(m.path), member: m.member }));
  return { kind: d.slot, key: d.key, files: [...named], members, rows: r.table?.size ?? 0, ms: r.ms, fromCache: r.fromCache, problems: own, unreadable };
}

/** Streams the files through a fresh builder of the descriptor's. */
async function streamTable<S extends NationalSlot>(d: NationalFileDescriptor<S>, paths: string[], opts: NationalLoadOptions, problems: LoadProblem[], ctx: ReadContext) {
  const started = performance.now();
  const builder = d.builder();
  await streamFiles(builder, paths, opts, problems, ctx);
  const r = builder.finish();
  for (const p of r.problems) problems.push(p);
  return { table: r.table, ms: performance.now() - started, fromCache: false };
}

/** The PTP parts go through the on-disk cache of their prepared index (ptp-cache.ts). */
function loadPtpFiles(paths: string[], opts: NationalLoadOptions, problems: LoadProblem[], ctx: ReadContext) {
  return loadPtpThroughCache(paths, opts, problems, (builder, parts, into) => streamFiles(builder, parts, opts, into, ctx));
}

/** Streams each file through the builder; false when a file could not be read (or loading was stopped). */
async function streamFiles(builder: TableBuilder<unknown>, paths: string[], opts: NationalLoadOptions, problems: LoadProblem[], ctx: ReadContext): Promise<boolean> {
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
    const ok = containerOf(path) === 'text' ? await streamPart(builder, textPart(path, size, opts), opts, problems) : await streamArchive(builder, path, opts, problems, ctx);
    complete &&= ok;
  }
  return complete;
}

/** A plain text file as one part. */
function textPart(path: string, size: number, opts: NationalLoadOptions): SourcePart {
  return { name: path, size, chunks: createReadStream(path, { encoding: 'utf8', highWaterMark: opts.chunkBytes ?? 1 << 18 }) as AsyncIterable<string> };
}

/** Each part of a zip or workbook in turn; an archive problem is a read failure of the file as named. */
async function streamArchive(builder: TableBuilder<unknown>, path: string, opts: NationalLoadOptions, problems: LoadProblem[], ctx: ReadContext): Promise<boolean> {
  const d = ctx.descriptor;
  const probe = (text: string): boolean => {
    const b = d.builder();
    b.beginFile(path, text.length);
    b.push(text);
    b.endFile();
    return b.finish().table.size > 0;
  };
  const parts = partsOf(path, { spec: d.members, chunkChars: opts.chunkBytes ?? 1 << 18, probe });
  try {
    for await (const part of parts) {
      if (part.member) ctx.members.push({ path, member: part.member });
      if (!(await streamPart(builder, part, opts, problems))) return false;
    }
    return true;
  } catch (err) {
    if (!(err instanceof ArchiveProblem)) {
      readFailure(problems, { file: path, line: 0, reason: `could not be read (${errorCode(err)})` }, errorCode(err));
      return false;
    }
    const problem = { file: path, line: 0, reason: err.reason };
    archiveReasons.set(problem, err.reason);
    readFailure(problems, problem, err.code);
    return false;
  }
}

/** One part through the builder, between its beginFile and endFile; false when it could not be read to the end (or loading was stopped). */
async function streamPart(builder: TableBuilder<unknown>, part: SourcePart, opts: NationalLoadOptions, problems: LoadProblem[]): Promise<boolean> {
  builder.beginFile(part.name, part.size);
  let complete = true;
  const chunks = part.chunks[Symbol.asyncIterator]();
  try {
    for (let r = await chunks.next(); !r.done; r = await chunks.next()) {
      builder.push(r.value);
      // A file the builder rejected (a line too long, a wrong header) is not read further.
      if (builder.skipsRest()) break;
      // Let requests queued meanwhile run before the next chunk.
      await yieldToEventLoop();
      if (opts.signal?.aborted) {
        complete = false;
        break;
      }
    }
  } catch (err) {
    // An archive's own problem (a damaged member) is the file's, reported by streamArchive.
    if (err instanceof ArchiveProblem) throw err;
    readFailure(problems, { file: part.name, line: 0, reason: `could not be read to the end (${errorCode(err)}); the rows before were loaded` }, errorCode(err));
    complete = false;
  } finally {
    await chunks.return?.();
    builder.endFile();
  }
  return complete;
}

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' ? code : err instanceof Error ? err.name : 'error';
}
