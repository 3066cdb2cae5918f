// Loads the NCCI PTP parts for national-io, through an on-disk cache of the prepared index: the
// IO side of the cache (the bytes' format is core/tables/loaders/ptp/image.ts). A cached image is
// used only for the exact parts it was built from: the key is each part's path, size, mtime,
// ctime and inode, taken before the read and checked again after it, so a part that changed
// while it was read is never cached under its old key; the image carries a checksum, so a damaged
// cache file is a miss and the text is read again.
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PtpTable } from './core/tables/national';
import { decodePtpCacheInSteps, encodePtpCacheInSteps, PtpBuilder, type LoadProblem, type PtpCacheContents, type TableBuilder } from './core/tables/loaders';

/** Streams each file through the builder; false when a file could not be read to the end (or loading was stopped). */
export type StreamFiles = (builder: TableBuilder<unknown>, paths: string[], problems: LoadProblem[]) => Promise<boolean>;

export interface PtpLoad {
  table: PtpTable;
  ms: number;
  /** True when the index came from the on-disk cache. */
  fromCache: boolean;
}

/** Bumped when the loader's reading of the text changes (the image's layout is versioned by its magic). */
const CACHE_VERSION = 2;
const IMAGE_NAME = /^ncci-ptp-[0-9a-f]{32}\.bin$/;
const TEMP_NAME = /^ncci-ptp-[0-9a-f]{32}\.bin\.\d+\.tmp$/;
/** Far above the full file's image (about 50 MB): anything larger in the cache is not ours. */
const MAX_IMAGE_BYTES = 1 << 30;

const yieldToEventLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Runs a stepwise computation, letting requests queued meanwhile run between its steps. */
async function stepwise<T>(steps: Generator<void, T, void>): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await yieldToEventLoop();
  }
}

/**
 * Loads the parts at `paths` (absolute), from the cache in `cacheDir` when it holds an image of
 * exactly these parts. Never rejects; problems are pushed to `problems`.
 */
export async function loadPtpFiles(paths: string[], opts: { cacheDir?: string }, problems: LoadProblem[], streamFiles: StreamFiles): Promise<PtpLoad> {
  const started = performance.now();
  const startedAt = Date.now();
  const before = await identify(paths);
  const key = before && JSON.stringify({ v: CACHE_VERSION, parts: before });
  const cacheFile = opts.cacheDir && key ? join(opts.cacheDir, `ncci-ptp-${createHash('sha256').update(key).digest('hex').slice(0, 32)}.bin`) : undefined;
  if (opts.cacheDir) await removeOrphans(opts.cacheDir, startedAt);
  if (cacheFile && key) {
    const cached = await readCache(cacheFile, key);
    if (cached) {
      for (const p of cached.problems) problems.push(p);
      return { table: cached.table, ms: performance.now() - started, fromCache: true };
    }
  }
  const builder = new PtpBuilder();
  const ownProblems: LoadProblem[] = [];
  const complete = await streamFiles(builder, paths, ownProblems);
  const r = await stepwise(builder.finishInSteps());
  for (const p of r.problems) ownProblems.push(p);
  // A part that changed while it was read may have given a mix of two versions (or lost its
  // tail to a truncation): say so, and do not cache what was read.
  const changed = before ? await changedParts(before) : [];
  for (const path of changed) {
    ownProblems.push({
      file: path,
      line: 0,
      reason: `changed while it was read (its size or times differ after the read), so its rows may be incomplete or from two versions of the file${opts.cacheDir ? '; they were not cached' : ''}: load the data again once the file is complete (restart, or change the data settings)`,
    });
  }
  for (const p of ownProblems) problems.push(p);
  // Only a complete, clean read of every part, unchanged throughout, is worth caching.
  if (cacheFile && key && complete && changed.length === 0 && !ownProblems.some((p) => p.line === 0)) await writeCache(cacheFile, key, r.table, ownProblems);
  return { table: r.table, ms: performance.now() - started, fromCache: false };
}

interface PartIdentity {
  path: string;
  size: number;
  mtimeMs: number;
  /** Changes on every write, even when a tool restores the mtime. */
  ctimeMs: number;
  ino: number;
  dev: number;
}

/** Each part's identity; undefined when one cannot be read (the text load reports it; such a set is not cached). */
async function identify(paths: string[]): Promise<PartIdentity[] | undefined> {
  const parts: PartIdentity[] = [];
  for (const path of paths) {
    try {
      const s = await stat(path);
      parts.push({ path, size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino, dev: s.dev });
    } catch {
      return undefined;
    }
  }
  return parts;
}

/** The parts whose identity differs now from `before` (or that are gone). */
async function changedParts(before: PartIdentity[]): Promise<string[]> {
  const now = await Promise.all(before.map((p) => identify([p.path])));
  return before.filter((p, i) => JSON.stringify(now[i]?.[0]) !== JSON.stringify(p)).map((p) => p.path);
}

async function readCache(file: string, key: string): Promise<PtpCacheContents | undefined> {
  try {
    const s = await stat(file);
    if (!s.isFile() || s.size > MAX_IMAGE_BYTES) return undefined;
    return await stepwise(decodePtpCacheInSteps(await readFile(file), key));
  } catch {
    return undefined;
  }
}

async function writeCache(file: string, key: string, table: PtpTable, problems: LoadProblem[]): Promise<void> {
  const bytes = await stepwise(encodePtpCacheInSteps(table, problems, key));
  if (!bytes) return;
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const dir = dirname(file);
    await mkdir(dir, { recursive: true });
    const fh = await open(tmp, 'w');
    try {
      await fh.write(bytes);
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
    // One PTP image per cache directory: drop the images of files that have since changed.
    for (const name of await readdir(dir)) {
      if (IMAGE_NAME.test(name) && join(dir, name) !== file) await unlink(join(dir, name)).catch(() => undefined);
    }
  } catch {
    // The cache only saves time: a read-only or full disk just means parsing next time too.
    await unlink(tmp).catch(() => undefined);
  }
}

/**
 * Removes the temporary images a killed load left behind (about 30 MB each): those last written
 * before this load began. A load running now in another process writes its own, newer one.
 */
async function removeOrphans(dir: string, startedAt: number): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!TEMP_NAME.test(name)) continue;
    const path = join(dir, name);
    try {
      if ((await stat(path)).mtimeMs < startedAt) await unlink(path);
    } catch {
      // Gone already, or not ours to remove: the next load tries again.
    }
  }
}
