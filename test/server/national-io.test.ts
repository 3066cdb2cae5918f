// loadNationalFiles: reads the files the settings name (relative to a base dir), reports
// unreadable paths and bad rows with file and line, and caches the PTP index on disk.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync, appendFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadNationalFiles } from '../../server/src/national-io';
import { CMS_DIR, day, ICD, MUE, PTP_F1, PTP_F2, RVU } from '../helpers/cms-fixtures';

describe('loadNationalFiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hai-national-io-'));
    for (const f of [PTP_F1, PTP_F2, MUE, RVU, ICD]) copyFileSync(join(CMS_DIR, f), join(dir, f));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const data = () => ({ ncciPtp: [PTP_F1, PTP_F2], mue: [MUE], pfsRvu: [RVU], icd10cm: [ICD] });

  it('loads every kind from paths relative to the base dir, with the files\' problems', async () => {
    const { national, problems, stats } = await loadNationalFiles(data(), dir);
    assert.equal(national.ptp?.size, 8);
    assert.equal(national.mue?.size, 4);
    assert.equal(national.rvu?.size, 7);
    assert.equal(national.icd10?.size, 12);
    assert.deepEqual(stats.map((s) => [s.kind, s.rows, s.fromCache]), [['ptp', 8, false], ['mue', 4, false], ['rvu', 7, false], ['icd10', 12, false]]);
    // Problems name the file as read (absolute) and the line.
    assert.deepEqual(
      problems.map((p) => `${p.file.slice(dir.length + 1)}:${p.line}`),
      [`${PTP_F1}:12`, `${PTP_F1}:14`, `${PTP_F1}:15`, `${MUE}:9`, `${MUE}:10`, `${MUE}:11`, `${RVU}:14`, `${RVU}:15`, `${ICD}:10`, `${ICD}:12`],
    );
  });

  it('reports an unreadable path with the reason and loads the rest', async () => {
    const { national, problems } = await loadNationalFiles({ ...data(), ncciPtp: [PTP_F1, 'missing-f2.txt'], mue: [dir] }, dir);
    assert.equal(national.ptp?.size, 6);
    assert.equal(national.mue, undefined);
    assert.ok(national.rvu && national.icd10);
    assert.deepEqual(
      problems.filter((p) => p.line === 0),
      [
        { file: join(dir, 'missing-f2.txt'), line: 0, reason: 'could not be read (ENOENT)' },
        { file: dir, line: 0, reason: 'is not a file' },
      ],
    );
  });

  it('reads in small chunks the same as in one', async () => {
    const small = await loadNationalFiles(data(), dir, { chunkBytes: 7 });
    const whole = await loadNationalFiles(data(), dir);
    assert.deepEqual(small.problems, whole.problems);
    assert.deepEqual(small.national.ptp?.lookup('71260', '71046', day('2026-03-31')), whole.national.ptp?.lookup('71260', '71046', day('2026-03-31')));
    assert.deepEqual(small.national.mue?.lookup('77002'), whole.national.mue?.lookup('77002'));
    assert.deepEqual(small.national.icd10?.byPrefix('', 100), whole.national.icd10?.byPrefix('', 100));
  });

  it('caches the PTP index and rebuilds it when a part changes', async () => {
    const cacheDir = join(dir, 'cache');
    const first = await loadNationalFiles(data(), dir, { cacheDir });
    assert.equal(first.stats[0].fromCache, false);
    assert.equal(readdirSync(cacheDir).length, 1);

    const second = await loadNationalFiles(data(), dir, { cacheDir });
    assert.equal(second.stats[0].fromCache, true);
    assert.equal(second.national.ptp?.size, 8);
    // The cached index answers, and keeps the problems of the text it was built from.
    assert.deepEqual(second.national.ptp?.lookup('36260', '76937', day('2026-03-02')), first.national.ptp?.lookup('36260', '76937', day('2026-03-02')));
    assert.deepEqual(second.problems, first.problems);

    // A new row in part 2: size and mtime change, so the text is read again.
    appendFileSync(join(dir, PTP_F2), '99214\t93000\t\t20250101\t*\t0\tStandard preparation/monitoring services\r\n');
    utimesSync(join(dir, PTP_F2), new Date(), new Date(Date.now() + 5000));
    const third = await loadNationalFiles(data(), dir, { cacheDir });
    assert.equal(third.stats[0].fromCache, false);
    assert.equal(third.national.ptp?.size, 9);
    assert.equal(readdirSync(cacheDir).length, 1, 'the stale image is replaced');
  });

  it('ignores a damaged cache file and reads the text', async () => {
    const cacheDir = join(dir, 'cache');
    await loadNationalFiles(data(), dir, { cacheDir });
    const [image] = readdirSync(cacheDir);
    const bytes = readFileSync(join(cacheDir, image));
    writeFileSync(join(cacheDir, image), bytes.subarray(0, bytes.length - 10));
    const r = await loadNationalFiles(data(), dir, { cacheDir });
    assert.equal(r.stats[0].fromCache, false);
    assert.equal(r.national.ptp?.size, 8);
  });

  it('stops when aborted and returns what it has', async () => {
    const controller = new AbortController();
    controller.abort();
    const r = await loadNationalFiles(data(), dir, { signal: controller.signal });
    assert.equal(r.national.ptp, undefined);
    assert.ok(Array.isArray(r.problems));
  });

  it('stops reading mid-file when aborted, and opens none of the other settings\' files', async () => {
    // A signal that turns aborted at its fourth look: deterministic, wherever the reader looks.
    let looks = 0;
    const signal = { get aborted() { return ++looks > 3; } } as AbortSignal;
    const r = await loadNationalFiles(data(), dir, { signal, chunkBytes: 64 });
    assert.deepEqual(r.stats.map((s) => s.kind), ['ptp']);
    assert.ok((r.national.ptp?.size ?? 0) < 8, 'the PTP files were not read to the end');
    assert.equal(r.national.mue, undefined);
    assert.ok(looks <= 6, `looked ${looks} times`);
  });

  it('does nothing when no files are named', async () => {
    const r = await loadNationalFiles({ ncciPtp: [], mue: [], pfsRvu: [], icd10cm: [] }, dir);
    assert.deepEqual(r, { national: {}, problems: [], stats: [] });
  });
});
