// The PTP index cache on disk (server/src/ptp-cache.ts): a cache image is used only for the parts
// it was built from, never after a part changed while it was read, never when damaged; the
// temporary images a killed load leaves are removed.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, utimesSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadProblem, TableBuilder } from '../../server/src/core/tables/loaders';
import { loadNationalFiles } from '../../server/src/national-io';
import { loadPtpFiles, type StreamFiles } from '../../server/src/ptp-cache';
import { CMS_DIR, day, PTP_F1, PTP_F2 } from '../helpers/cms-fixtures';

/** Reads each file whole and feeds it in one chunk; `during` runs after the first file's first half. */
function streamWhole(during?: () => void): StreamFiles {
  return async (builder: TableBuilder<unknown>, paths: string[]) => {
    for (const [i, path] of paths.entries()) {
      const text = readFileSync(path, 'utf8');
      builder.beginFile(path, text.length);
      builder.push(text.slice(0, text.length >> 1));
      if (i === 0) during?.();
      builder.push(text.slice(text.length >> 1));
      builder.endFile();
    }
    return true;
  };
}

describe('PTP index cache', () => {
  let dir: string;
  let cacheDir: string;
  let paths: string[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hai-ptp-cache-'));
    cacheDir = join(dir, 'cache');
    paths = [PTP_F1, PTP_F2].map((f) => join(dir, f));
    for (const f of [PTP_F1, PTP_F2]) copyFileSync(join(CMS_DIR, f), join(dir, f));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const load = (stream: StreamFiles = streamWhole()) => {
    const problems: LoadProblem[] = [];
    return loadPtpFiles(paths, { cacheDir }, problems, stream).then((r) => ({ ...r, problems }));
  };
  const images = () => (existsSync(cacheDir) ? readdirSync(cacheDir).filter((n) => n.endsWith('.bin')) : []);

  it('does not cache a part truncated while it was read, and says so', async () => {
    const r = await load(streamWhole(() => truncateSync(paths[0], 300)));
    assert.equal(images().length, 0, 'nothing cached');
    const changed = r.problems.filter((p) => p.line === 0);
    assert.deepEqual(changed.map((p) => p.file), [paths[0]]);
    assert.match(changed[0].reason, /changed while it was read/);
    // The next load reads the text as it is now, and caches that.
    const next = await load();
    assert.equal(next.fromCache, false);
    assert.equal(images().length, 1);
    assert.equal((await load()).fromCache, true);
  });

  it('reads the text again when a part changes with its size and mtime restored', async () => {
    // A whole-second mtime, so that restoring it gives the very same mtimeMs.
    utimesSync(paths[1], 1_700_000_000, 1_700_000_000);
    await load();
    assert.equal((await load()).fromCache, true);
    // Same length, same mtime, another modifier indicator: only the ctime (and the content) tell.
    const text = readFileSync(paths[1], 'utf8');
    const edited = text.replace('\t1\t', '\t0\t');
    assert.notEqual(edited, text);
    writeFileSync(paths[1], edited);
    utimesSync(paths[1], 1_700_000_000, 1_700_000_000);
    assert.equal(statSync(paths[1]).mtimeMs, 1_700_000_000_000);
    const r = await load();
    assert.equal(r.fromCache, false);
    assert.equal(images().length, 1, 'the stale image is replaced');
  });

  it('rebuilds from text when a byte of the cached image is flipped', async () => {
    const first = await load();
    const [image] = images();
    const bytes = readFileSync(join(cacheDir, image));
    // A byte in the middle of the row arrays.
    bytes[bytes.length >> 1] ^= 0x04;
    writeFileSync(join(cacheDir, image), bytes);
    const r = await load();
    assert.equal(r.fromCache, false);
    assert.equal(r.table.size, first.table.size);
    assert.deepEqual(r.table.lookup('36260', '76937', day('2026-03-02')), first.table.lookup('36260', '76937', day('2026-03-02')));
    // ...and writes a good image again.
    assert.equal((await load()).fromCache, true);
  });

  it('removes temporary images a killed load left, not one being written now', async () => {
    mkdirSync(cacheDir, { recursive: true });
    const orphan = join(cacheDir, `ncci-ptp-${'a'.repeat(32)}.bin.4242.tmp`);
    const current = join(cacheDir, `ncci-ptp-${'b'.repeat(32)}.bin.4343.tmp`);
    const other = join(cacheDir, 'notes.tmp');
    for (const f of [orphan, current, other]) writeFileSync(f, 'partial image');
    const past = new Date(Date.now() - 60_000);
    utimesSync(orphan, past, past);
    utimesSync(other, past, past);
    // Written "after this load began" (another process's load in progress).
    const future = new Date(Date.now() + 60_000);
    utimesSync(current, future, future);
    await load();
    assert.equal(existsSync(orphan), false);
    assert.equal(existsSync(current), true);
    assert.equal(existsSync(other), true, 'files the cache does not own are left alone');
  });

  it('serves loadNationalFiles the same table from the cache as from the text', async () => {
    const data = { ncciPtp: [PTP_F1, PTP_F2], mue: [], pfsRvu: [], icd10cm: [] };
    const text = await loadNationalFiles(data, dir, { cacheDir });
    const cached = await loadNationalFiles(data, dir, { cacheDir });
    assert.deepEqual([text.stats[0].fromCache, cached.stats[0].fromCache], [false, true]);
    assert.deepEqual(cached.problems, text.problems);
    assert.deepEqual(cached.national.ptp?.windows?.('71260', '71046'), text.national.ptp?.windows?.('71260', '71046'));
  });
});
