// Benchmark of the national CMS tables at full size: generates files in the published layouts in a
// temp dir (1.5M PTP rows in 4 parts, 20k MUE, 19k RVU, 75k ICD-10-CM), then, each in a fresh
// process so memory figures are clean: loads everything from text, builds the PTP cache, loads
// with the cache; prints load times, memory, and look-up and analysis latency (median / p95).
//   npm run bench:national            (node --expose-gc -r tsx/cjs bench/national.ts)
//   npm run bench:national -- --zip   CMS's zips: the PFS release zip and a full-size PTP file in its zip
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { analyze } from '../server/src/core/analysis';
import { doComplete, doHover } from '../server/src/core/languageService';
import type { Settings } from '../server/src/core/settings';
import { createTables } from '../server/src/core/tables';
import { loadGuideTables, loadReferenceTables } from '../server/src/core/tables/load';
import type { NationalTables } from '../server/src/core/tables/national';
import { emptyNationalData } from '../server/src/core/tables/national-files';
import { loadNationalFiles, type NationalLoadStats } from '../server/src/national-io';
import { makeZip } from '../test/helpers/zip';
import { generateCmsFiles, generateLocalFiles, KNOWN, KNOWN_LOCAL, type GeneratedFiles, type GeneratedLocalFiles } from './generate-cms';

interface Memory {
  heapMB: number;
  arrayBuffersMB: number;
  rssMB: number;
  peakRssMB: number;
}

interface Latency {
  name: string;
  median: number;
  p95: number;
  unit: 'us' | 'ms';
}

interface KindStats extends NationalLoadStats {
  cpuMs: number;
}

interface ChildReport {
  stats: KindStats[];
  totalMs: number;
  /** The longest the event loop waited while everything loaded. */
  maxStallMs: number;
  baseline: Memory;
  memory: Memory;
  latencies: Latency[];
  checks: string[];
  problems: number;
}

const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;

function memory(): Memory {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { heapMB: mb(m.heapUsed), arrayBuffersMB: mb(m.arrayBuffers), rssMB: mb(m.rss), peakRssMB: mb(process.resourceUsage().maxRSS * 1024) };
}

function percentiles(samples: number[]): { median: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p95: s[Math.floor(s.length * 0.95)] };
}

/** Times each call on its own (hrtime), in microseconds. */
function timeEach<T>(inputs: T[], fn: (x: T) => unknown): { median: number; p95: number } {
  const samples = new Array<number>(inputs.length);
  let sink = 0;
  for (let i = 0; i < inputs.length; i++) {
    const t = process.hrtime.bigint();
    const r = fn(inputs[i]);
    samples[i] = Number(process.hrtime.bigint() - t) / 1000;
    if (r) sink++;
  }
  if (sink < 0) console.log(sink);
  return percentiles(samples);
}

function settingsFor(files: GeneratedFiles): Settings['data'] {
  return { ...emptyNationalData(), ncciPtp: files.ptp, mue: [files.mue], pfsRvu: [files.rvu], icd10cm: [files.icd10] };
}

async function child(mode: 'text' | 'cache', filesJson: string, cacheDir: string): Promise<void> {
  const files = JSON.parse(filesJson) as GeneratedFiles;
  loadGuideTables();
  loadReferenceTables();
  const baseline = memory();
  // Each kind on its own, for its wall and CPU time (the machine may be shared: CPU time is steadier).
  const all = settingsFor(files);
  const none: Settings['data'] = emptyNationalData();
  const national: NationalTables = {};
  const stats: KindStats[] = [];
  let problems = 0;
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const started = performance.now();
  for (const key of ['ncciPtp', 'mue', 'pfsRvu', 'icd10cm'] as const) {
    const cpu = process.cpuUsage();
    const r = await loadNationalFiles({ ...none, [key]: all[key] }, '/', mode === 'cache' ? { cacheDir } : {});
    const used = process.cpuUsage(cpu);
    Object.assign(national, r.national);
    problems += r.problems.length;
    stats.push({ ...r.stats[0], cpuMs: (used.user + used.system) / 1000 });
  }
  const totalMs = performance.now() - started;
  loop.disable();
  const mem = memory();
  const latencies: Latency[] = [];
  const checks: string[] = [];

  // PTP look-ups: half pairs that are in the file, half random pairs (mostly misses).
  const ptp = national.ptp!;
  const lines = readFileSync(files.ptp[1], 'utf8').split('\n').slice(6);
  const hits = lines.filter((_, i) => i % 40 === 0).map((l) => l.split('\t')).filter((c) => c.length > 5);
  const codes = [...new Set(hits.map((h) => h[0]).concat(hits.map((h) => h[1])))];
  const queries: [string, string, number | undefined][] = [];
  for (let i = 0; i < 100_000; i++) {
    const day = i % 10 === 0 ? undefined : 20_000 + (i % 600);
    if (i % 2 === 0) {
      const h = hits[i % hits.length];
      queries.push([h[0], h[1], day]);
    } else queries.push([codes[(i * 7919) % codes.length], codes[(i * 104729) % codes.length], day]);
  }
  for (let i = 0; i < 20_000; i++) ptp.lookup(...queries[i]); // warm up
  latencies.push({ name: 'PTP lookup (pair, date of service)', ...timeEach(queries, (q) => ptp.lookup(q[0], q[1], q[2])), unit: 'us' });

  const icd = national.icd10!;
  const icdCodes = icd.byPrefix('', 100_000).map((e) => e.code);
  const prefixes = Array.from({ length: 20_000 }, (_, i) => {
    const c = icdCodes[(i * 7919) % icdCodes.length];
    return c.slice(0, 1 + (i % Math.min(6, c.length)));
  });
  for (let i = 0; i < 5_000; i++) icd.byPrefix(prefixes[i], 50);
  latencies.push({ name: 'ICD-10-CM byPrefix (completion, 50 items)', ...timeEach(prefixes, (p) => icd.byPrefix(p, 50)), unit: 'us' });
  latencies.push({ name: 'ICD-10-CM lookup (hover)', ...timeEach(prefixes.map((_, i) => icdCodes[(i * 31) % icdCodes.length]), (c) => icd.lookup(c)), unit: 'us' });
  const rvu = national.rvu!;
  latencies.push({ name: 'RVU lookup (hover allowable)', ...timeEach(codes.slice(0, 20_000), (c) => rvu.lookup(c)), unit: 'us' });
  const mue = national.mue!;
  latencies.push({ name: 'MUE lookup', ...timeEach(codes.slice(0, 20_000), (c) => mue.lookup(c)), unit: 'us' });

  // Whole-document analysis with everything loaded: the diagnostics latency the editor sees.
  const tables = createTables(loadGuideTables(), loadReferenceTables(), national);
  const doc = [
    'claim "national bench"',
    'payer medicare',
    'state GA',
    'pos 11',
    'dx C78.7',
    'dx C18.7',
    'on 2026-04-06',
    ...hits.slice(0, 12).map((h) => `  ${h[0]} dx A`),
    `  ${KNOWN.ptpPair.column1} dx A`,
    `  ${KNOWN.ptpPair.column2} dx A`,
    `  ${KNOWN.mue.code} x2 dx A`,
    `  ${KNOWN.rvuOnly.code} dx A`,
    '',
  ].join('\n');
  const example = readFileSync(join(__dirname, '..', 'examples', 'language-page-example.claim'), 'utf8');
  for (let i = 0; i < 100; i++) analyze(i % 2 ? doc : example, tables).estimate();
  const runs = Array.from({ length: 300 }, (_, i) => (i % 2 ? doc : example));
  const ms = timeEach(runs, (t) => analyze(t, tables).estimate());
  latencies.push({ name: 'analyze + estimate (20-line claim / the example)', median: ms.median / 1000, p95: ms.p95 / 1000, unit: 'ms' });

  // Editor requests on an analysed document: hover on a code only in the RVU file, diagnosis completion.
  const analysed = analyze(doc, tables);
  const hoverLine = doc.split('\n').findIndex((l) => l.trim().startsWith(KNOWN.rvuOnly.code));
  const hovers = Array.from({ length: 2000 }, () => hoverLine);
  assert.match(JSON.stringify(doHover(analysed, hoverLine, 4)?.contents), /PFS relative value file/, 'hover shows the RVU row');
  for (let i = 0; i < 200; i++) doHover(analysed, hoverLine, 4);
  latencies.push({ name: 'hover, code only in the RVU file', ...timeEach(hovers, (l) => doHover(analysed, l, 4)), unit: 'us' });
  const dxDoc = doc.replace('dx C18.7', 'dx C7');
  const dxAnalysis = analyze(dxDoc, tables);
  const dxLine = dxDoc.split('\n').indexOf('dx C7');
  assert.ok(doComplete(dxAnalysis, dxLine, 5).items.some((i) => String(i.detail).includes('ICD-10-CM')), 'completion offers ICD-10-CM codes');
  for (let i = 0; i < 200; i++) doComplete(dxAnalysis, dxLine, 5);
  latencies.push({ name: 'completion, "dx C7" (guide + ICD-10-CM)', ...timeEach(hovers, () => doComplete(dxAnalysis, dxLine, 5)), unit: 'us' });

  // The "done when", against the full-size files.
  const findings = analyze(doc, tables).findings;
  const ptpHit = findings.find((f) => f.rule === 'ncci-ptp' && f.data.code === KNOWN.ptpPair.column2);
  assert.ok(ptpHit && String(ptpHit.data.source).includes('ccipra-v321r0-f'), 'PTP-only pair flagged, naming its file');
  checks.push(`ncci-ptp: ${KNOWN.ptpPair.column2} with ${KNOWN.ptpPair.column1} flagged (${ptpHit.data.source})`);
  const bypassed = analyze(doc.replace(`  ${KNOWN.ptpPair.column2} dx A`, `  ${KNOWN.ptpPair.column2}-XS dx A`), tables).findings;
  assert.ok(!bypassed.some((f) => f.rule === 'ncci-ptp' && f.data.code === KNOWN.ptpPair.column2), 'bypassed with XS');
  checks.push(`ncci-ptp: bypassed with -XS (modifier indicator ${KNOWN.ptpPair.indicator})`);
  assert.ok(findings.some((f) => f.rule === 'mue' && f.data.code === KNOWN.mue.code), 'MUE excess flagged');
  checks.push(`mue: ${KNOWN.mue.code} x2 over its MUE of ${KNOWN.mue.value} flagged`);
  assert.ok(!findings.some((f) => f.rule === 'unknown-code' && f.data.code === KNOWN.rvuOnly.code), 'RVU-only code known');
  const line = analyze(doc, tables)
    .estimate()[0]
    .dates[0].lines.find((l) => l.code === KNOWN.rvuOnly.code)!;
  assert.ok(line.unitAllowable && line.unitAllowable > 0, 'RVU-only code priced');
  checks.push(`estimate: ${KNOWN.rvuOnly.code} (only in the RVU file) priced at $${line.unitAllowable} (${line.source})`);

  const report: ChildReport = { stats, totalMs, maxStallMs: loop.max / 1e6, baseline, memory: mem, latencies, checks, problems };
  process.stdout.write(`\n@@REPORT ${JSON.stringify(report)}\n`);
}

interface SparseReport {
  rows: { kind: string; ms: number; maxStallMs: number; problem: string }[];
  hoverP95Ms: number;
  peakRssMB: number;
}

/**
 * Rejecting a 256 MB data file with no line breaks (a sparse file), as each kind: wall time, the
 * longest event-loop stall, and the p95 of a hover asked every 2 ms meanwhile (from the moment it
 * is due to its answer).
 */
async function sparseChild(path: string): Promise<void> {
  const tables = createTables(loadGuideTables(), loadReferenceTables(), {});
  const doc = 'claim "sparse bench"\npayer medicare\ndx C78.7\non 2026-03-02\n  36260 dx A\n';
  const analysed = analyze(doc, tables);
  const none: Settings['data'] = emptyNationalData();
  const rows: SparseReport['rows'] = [];
  const hovers: number[] = [];
  // Warm-up (as in a running server, whose loaders and streams have run before): the first load
  // in a fresh process compiles the reading code, a one-off stall of up to about 100 ms.
  await loadNationalFiles({ ...none, mue: [path] }, '/');
  for (const kind of ['ncciPtp', 'mue', 'pfsRvu', 'icd10cm'] as const) {
    const loop = monitorEventLoopDelay({ resolution: 1 });
    let due = performance.now() + 2;
    const timer = setInterval(() => {
      doHover(analysed, 4, 3);
      hovers.push(performance.now() - due);
      due = performance.now() + 2;
    }, 2);
    loop.enable();
    const started = performance.now();
    const r = await loadNationalFiles({ ...none, [kind]: [path] }, '/');
    const ms = performance.now() - started;
    loop.disable();
    clearInterval(timer);
    assert.deepEqual(r.national, {}, 'nothing loaded from the sparse file');
    rows.push({ kind, ms, maxStallMs: loop.max / 1e6, problem: r.problems.map((p) => `line ${p.line}: ${p.reason.slice(0, 60)}...`).join('; ') });
  }
  const report: SparseReport = { rows, hoverP95Ms: percentiles(hovers.length ? hovers : [0]).p95, peakRssMB: mb(process.resourceUsage().maxRSS * 1024) };
  process.stdout.write(`\n@@REPORT ${JSON.stringify(report)}\n`);
}

function runSparseChild(path: string): SparseReport {
  const r = spawnSync(process.execPath, [...process.execArgv, __filename, '--sparse', path], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = r.stdout.split('\n').find((l) => l.startsWith('@@REPORT '));
  if (r.status !== 0 || !line) {
    process.stderr.write(r.stderr);
    throw new Error('benchmark child (sparse) failed');
  }
  return JSON.parse(line.slice('@@REPORT '.length)) as SparseReport;
}

function runChild(mode: 'text' | 'cache', files: GeneratedFiles, cacheDir: string): ChildReport {
  const r = spawnSync(process.execPath, [...process.execArgv, __filename, '--child', mode, JSON.stringify(files), cacheDir], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = r.stdout.split('\n').find((l) => l.startsWith('@@REPORT '));
  if (r.status !== 0 || !line) {
    process.stderr.write(r.stderr);
    throw new Error(`benchmark child (${mode}) failed`);
  }
  return JSON.parse(line.slice('@@REPORT '.length)) as ChildReport;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`).join('\n');
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hai-national-bench-'));
  const cacheDir = join(dir, 'cache');
  try {
    const t = performance.now();
    const files = generateCmsFiles(dir, undefined, loadGuideTables().diagnoses.map((d) => d.code));
    const genMs = performance.now() - t;
    const size = (p: string) => statSync(p).size;
    const ptpBytes = files.ptp.reduce((n, p) => n + size(p), 0);
    console.log(`Generated in ${(genMs / 1000).toFixed(1)} s in ${dir}: PTP ${files.counts.ptp.toLocaleString()} rows in ${files.ptp.length} parts (${mb(ptpBytes)} MB), MUE ${files.counts.mue.toLocaleString()}, RVU ${files.counts.rvu.toLocaleString()}, ICD-10-CM ${files.counts.icd10.toLocaleString()}.`);
    console.log(`Node ${process.version}, ${process.platform}/${process.arch}; each column is a fresh process.\n`);

    const text = runChild('text', files, cacheDir);
    // The first cached run writes the PTP image; the second reads it.
    const cold = runChild('cache', files, cacheDir);
    const warm = runChild('cache', files, cacheDir);
    const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${Math.round(n)} ms`);
    const stat = (r: ChildReport, kind: string) => r.stats.find((s) => s.kind === kind)!;
    const timing = (r: ChildReport, kind: string) => `${ms(stat(r, kind).ms)} (cpu ${ms(stat(r, kind).cpuMs)})`;
    const counts: Record<string, number> = { ptp: files.counts.ptp, mue: files.counts.mue, rvu: files.counts.rvu, icd10: files.counts.icd10 };
    const names: Record<string, string> = { ptp: 'NCCI PTP (4 parts)', mue: 'MUE', rvu: 'PFS RVU', icd10: 'ICD-10-CM order' };
    console.log('Load time: wall (CPU)');
    console.log(
      table([
        ['file', 'rows', 'from text', 'from text + write PTP cache', 'PTP from cached index'],
        ...['ptp', 'mue', 'rvu', 'icd10'].map((k) => [
          names[k],
          counts[k].toLocaleString(),
          timing(text, k),
          k === 'ptp' ? timing(cold, k) : '-',
          k === 'ptp' && !stat(warm, k).fromCache ? `${timing(warm, k)} (NOT cached)` : timing(warm, k),
        ]),
        ['all', '', ms(text.totalMs), ms(cold.totalMs), ms(warm.totalMs)],
        ['longest event-loop stall', '', ms(text.maxStallMs), ms(cold.maxStallMs), ms(warm.maxStallMs)],
      ]),
    );
    console.log('\nMemory (after GC)');
    console.log(
      table([
        ['process', 'heap used', 'array buffers', 'RSS', 'peak RSS'],
        ...([['before loading (guide tables only)', text.baseline], ['all loaded from text', text.memory], ['all loaded, PTP from cache', warm.memory]] as const).map(([n, m]) => [n, `${m.heapMB} MB`, `${m.arrayBuffersMB} MB`, `${m.rssMB} MB`, `${m.peakRssMB} MB`]),
      ]),
    );
    console.log('\nLatency with everything loaded (per call)');
    const fmt = (l: Latency, v: number) => (l.unit === 'us' ? `${v.toFixed(2)} us` : `${v.toFixed(2)} ms`);
    console.log(
      table([
        ['operation', 'median (text)', 'p95 (text)', 'median (cached)', 'p95 (cached)'],
        ...text.latencies.map((l, i) => [l.name, fmt(l, l.median), fmt(l, l.p95), fmt(warm.latencies[i], warm.latencies[i].median), fmt(warm.latencies[i], warm.latencies[i].p95)]),
      ]),
    );
    console.log('\nChecks against the full-size files');
    for (const c of text.checks) console.log(`- ${c}`);
    if (text.problems + warm.problems > 0) console.log(`\n${text.problems} load problems (text), ${warm.problems} (cached)`);

    // A data file with no line breaks (issue 17): a sparse file costs no disk.
    const sparsePath = join(dir, 'sparse-256mb.dat');
    const fd = openSync(sparsePath, 'w');
    ftruncateSync(fd, 256 * 1048576);
    closeSync(fd);
    const sparse = runSparseChild(sparsePath);
    console.log('\nRejecting a 256 MB data file with no line breaks (budget: under 2 s, hover p95 under 50 ms meanwhile)');
    console.log(
      table([
        ['setting', 'rejected in', 'under 2 s', 'longest event-loop stall', 'problem'],
        ...sparse.rows.map((r) => [`data.${r.kind}`, ms(r.ms), r.ms < 2000 ? 'yes' : 'NO', ms(r.maxStallMs), r.problem]),
      ]),
    );
    console.log(`hover every 2 ms meanwhile: p95 ${sparse.hoverP95Ms.toFixed(2)} ms (${sparse.hoverP95Ms < 50 ? 'under' : 'OVER'} 50 ms); peak RSS ${sparse.peakRssMB} MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Issue 16's rows (npm run bench:national -- --local): what the GPCI, locality-to-county, a year of
// ASP quarters and the whole AOC file add to a national session (MUE, PFS and ICD-10-CM loaded; the
// PTP file is left out: it changes nothing these files add), and hover, completion and estimate
// latency with them. Budget (issue 16): under 200 ms and under 30 MB added.

interface LocalReport {
  stats: KindStats[];
  totalMs: number;
  before: Memory;
  after: Memory;
  latencies: Latency[];
  checks: string[];
  problems: number;
}

async function localChild(filesJson: string): Promise<void> {
  const { base, local } = JSON.parse(filesJson) as { base: GeneratedFiles; local: GeneratedLocalFiles };
  loadGuideTables();
  loadReferenceTables();
  const national: NationalTables = {};
  const session = await loadNationalFiles({ ...emptyNationalData(), mue: [base.mue], pfsRvu: [base.rvu], icd10cm: [base.icd10] }, '/');
  Object.assign(national, session.national);
  const before = memory();
  const stats: KindStats[] = [];
  let problems = 0;
  const keys = { gpci: [local.gpci], localities: [local.localities], asp: local.asp, addOn: [local.aoc] } as const;
  const started = performance.now();
  for (const [key, paths] of Object.entries(keys)) {
    const cpu = process.cpuUsage();
    const r = await loadNationalFiles({ ...emptyNationalData(), [key]: [...paths] }, '/');
    const used = process.cpuUsage(cpu);
    Object.assign(national, r.national);
    problems += r.problems.length;
    stats.push({ ...r.stats[0], cpuMs: (used.user + used.system) / 1000 });
  }
  const totalMs = performance.now() - started;
  const after = memory();
  const tables = createTables(loadGuideTables(), loadReferenceTables(), national);
  const doc = [
    'claim "local bench"',
    'payer medicare',
    'state GA',
    `county ${KNOWN_LOCAL.county.state} ${KNOWN_LOCAL.county.name}`,
    'pos 11',
    'dx C78.7',
    'locality ',
    'on 2026-05-04',
    `  ${KNOWN.rvuOnly.code} dx A`,
    '  96522 dx A',
    `  ${KNOWN_LOCAL.drug}-KD x2 dx A`,
    `  ${KNOWN_LOCAL.addOn.code}-26 dx A`,
    '',
  ].join('\n');
  const analysed = analyze(doc, tables);
  const lines = doc.split('\n');
  const at = (code: string) => lines.findIndex((l) => l.trim().startsWith(code));
  const latencies: Latency[] = [];
  const checks: string[] = [];
  const est = analysed.estimate()[0];
  const priced = est.dates[0].lines.find((l) => l.code === KNOWN.rvuOnly.code)!;
  assert.equal(priced.basis, 'locality', 'the RVU-only code is priced in the county\'s locality');
  checks.push(`estimate: ${KNOWN.rvuOnly.code} in ${est.locality?.label} at $${priced.unitAllowable} (national $${priced.nationalUnitAllowable})`);
  const drug = est.dates[0].lines.find((l) => l.code === KNOWN_LOCAL.drug)!;
  assert.equal(drug.basis, 'asp', 'the drug is priced from the date\'s ASP quarter');
  checks.push(`estimate: ${KNOWN_LOCAL.drug} x2 at $${drug.amount} (${drug.source})`);
  for (const code of [KNOWN.rvuOnly.code, KNOWN_LOCAL.drug]) {
    const l = at(code);
    assert.match(JSON.stringify(doHover(analysed, l, 3)?.contents), code === KNOWN_LOCAL.drug ? /ASP 2026Q2/ : /ATLANTA/, `hover on ${code}`);
    for (let i = 0; i < 200; i++) doHover(analysed, l, 3);
    latencies.push({ name: `hover, ${code === KNOWN_LOCAL.drug ? 'drug (ASP quarter beside the guide)' : 'code priced in the locality'}`, ...timeEach(Array.from({ length: 2000 }, () => l), (x) => doHover(analysed, x, 3)), unit: 'us' });
  }
  const locLine = lines.indexOf('locality ');
  assert.equal(doComplete(analysed, locLine, 9).items.length, national.gpci!.byState('GA').length, 'completion offers the localities of GA');
  for (let i = 0; i < 200; i++) doComplete(analysed, locLine, 9);
  latencies.push({ name: 'completion, "locality " (the state\'s localities)', ...timeEach(Array.from({ length: 2000 }, () => locLine), (l) => doComplete(analysed, l, 9)), unit: 'us' });
  const runs = Array.from({ length: 300 }, () => doc);
  for (let i = 0; i < 50; i++) analyze(doc, tables).estimate();
  const ms = timeEach(runs, (t) => analyze(t, tables).estimate());
  latencies.push({ name: 'analyze + estimate (claim with a county, a drug, an add-on)', median: ms.median / 1000, p95: ms.p95 / 1000, unit: 'ms' });
  const report: LocalReport = { stats, totalMs, before, after, latencies, checks, problems };
  process.stdout.write(`\n@@REPORT ${JSON.stringify(report)}\n`);
}

async function localMain(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hai-local-bench-'));
  try {
    const base = generateCmsFiles(dir, { ptp: 10, mue: 20_000, rvu: 19_000, icd10: 75_000 }, loadGuideTables().diagnoses.map((d) => d.code));
    const local = generateLocalFiles(dir);
    const bytes = (ps: string[]) => mb(ps.reduce((n, p) => n + statSync(p).size, 0));
    console.log(`Generated: GPCI ${local.counts.gpci} localities, locality-to-county ${local.counts.localities} rows (${local.counts.counties.toLocaleString()} counties), ASP ${local.asp.length} quarters (${local.counts.asp.toLocaleString()} rows, ${bytes(local.asp)} MB), AOC ${local.counts.aoc.toLocaleString()} edits (${bytes([local.aoc])} MB).`);
    console.log(`Node ${process.version}, ${process.platform}/${process.arch}; a fresh process with MUE, PFS and ICD-10-CM loaded first.\n`);
    const r = spawnSync(process.execPath, [...process.execArgv, __filename, '--local-child', JSON.stringify({ base, local })], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const line = r.stdout.split('\n').find((l) => l.startsWith('@@REPORT '));
    if (r.status !== 0 || !line) {
      process.stderr.write(r.stderr);
      throw new Error('benchmark child (local) failed');
    }
    const rep = JSON.parse(line.slice('@@REPORT '.length)) as LocalReport;
    const ms = (n: number) => `${Math.round(n)} ms`;
    const names: Record<string, string> = { gpci: 'GPCI', localities: 'locality-to-county', asp: 'ASP (4 quarters)', addOn: 'NCCI add-on code edits' };
    console.log('Load time added to the session: wall (CPU)');
    console.log(table([['file', 'rows', 'load'], ...rep.stats.map((s) => [names[s.kind] ?? s.kind, String(s.rows ?? ''), `${ms(s.ms)} (cpu ${ms(s.cpuMs)})`]), ['all four', '', ms(rep.totalMs)]]));
    console.log('\nMemory added (after GC)');
    const d = (k: keyof Memory) => `${Math.round((rep.after[k] - rep.before[k]) * 10) / 10} MB`;
    console.log(table([['', 'heap used', 'RSS'], ['before (MUE, PFS, ICD-10-CM)', `${rep.before.heapMB} MB`, `${rep.before.rssMB} MB`], ['after the four files', `${rep.after.heapMB} MB`, `${rep.after.rssMB} MB`], ['added', d('heapMB'), d('rssMB')]]));
    console.log('\nLatency with them loaded (per call)');
    console.log(table([['operation', 'median', 'p95'], ...rep.latencies.map((l) => [l.name, `${l.median.toFixed(2)} ${l.unit}`, `${l.p95.toFixed(2)} ${l.unit}`])]));
    console.log('\nChecks');
    for (const c of rep.checks) console.log(`- ${c}`);
    if (rep.problems > 0) console.log(`\n${rep.problems} load problems`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Issue 21's rows (npm run bench:national -- --zip): CMS's files as shipped. (1) The PFS release
// zip (PPRRVU, GPCI, locality key) named once in data.pfsRelease against the three extracted CSVs;
// (2) the full-size PTP file (1.5M rows, four parts) inside a zip against the extracted text, with
// no cache: the zip must load within 1.3 times the text's time and with no more memory. The zips
// are generated here (deflated by node:zlib), never committed. Each load runs in a fresh process.

interface ZipReport {
  ms: number;
  /** CPU time of the load, every thread (the inflater's too): steadier than wall time on a shared machine. */
  cpuMs: number;
  rows: number;
  peakRssMB: number;
  heapMB: number;
  problems: number;
}

async function zipChild(dataJson: string): Promise<void> {
  loadGuideTables();
  loadReferenceTables();
  const data = JSON.parse(dataJson) as Partial<Settings['data']>;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const r = await loadNationalFiles(data, '/');
  const used = process.cpuUsage(cpu);
  const ms = performance.now() - started;
  const m = memory();
  const report: ZipReport = { ms, cpuMs: (used.user + used.system) / 1000, rows: r.stats.reduce((n, x) => n + x.rows, 0), peakRssMB: m.peakRssMB, heapMB: m.heapMB + m.arrayBuffersMB, problems: r.problems.length };
  process.stdout.write(`\n@@REPORT ${JSON.stringify(report)}\n`);
}

function runZipChild(data: Partial<Settings['data']>): ZipReport {
  const r = spawnSync(process.execPath, [...process.execArgv, __filename, '--zip-child', JSON.stringify(data)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = r.stdout.split('\n').find((l) => l.startsWith('@@REPORT '));
  if (r.status !== 0 || !line) {
    process.stderr.write(r.stderr);
    throw new Error('benchmark child (zip) failed');
  }
  return JSON.parse(line.slice('@@REPORT '.length)) as ZipReport;
}

/** A zip of the files (deflated), as CMS ships them. */
function zipFiles(path: string, files: string[]): void {
  writeFileSync(path, makeZip(files.map((f) => ({ name: f.slice(f.lastIndexOf('/') + 1), data: readFileSync(f) }))));
}

const median = (xs: number[]): number => percentiles(xs).median;

/**
 * `runs` fresh-process loads of each of `data`, taken in turn (a, b, a, b ...: a busy machine
 * slows both alike), each figure the median of its own (time and peak RSS apart: the run of
 * median time need not be the run of median memory).
 */
function medianLoads(data: Partial<Settings['data']>[], runs: number): ZipReport[] {
  const all = data.map(() => [] as ZipReport[]);
  for (let i = 0; i < runs; i++) data.forEach((d, k) => all[k].push(runZipChild(d)));
  return all.map((rs) => ({ ms: median(rs.map((r) => r.ms)), cpuMs: median(rs.map((r) => r.cpuMs)), rows: rs[0].rows, peakRssMB: median(rs.map((r) => r.peakRssMB)), heapMB: median(rs.map((r) => r.heapMB)), problems: rs[0].problems }));
}

async function zipMain(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hai-zip-bench-'));
  const runs = process.argv.includes('--quick') ? 1 : 7;
  try {
    const base = generateCmsFiles(dir, { ptp: 1_500_000, mue: 10, rvu: 19_000, icd10: 10 });
    const local = generateLocalFiles(dir, { aoc: 10, aspPerQuarter: 10 });
    const release = join(dir, 'RVU26A.zip');
    zipFiles(release, [base.rvu, local.gpci, local.localities]);
    const ptpZip = join(dir, 'ccipra-v321r0.zip');
    zipFiles(ptpZip, base.ptp);
    const size = (ps: string[]) => mb(ps.reduce((n, p) => n + statSync(p).size, 0));
    console.log(`Generated: PTP ${base.counts.ptp.toLocaleString()} rows in ${base.ptp.length} parts (${size(base.ptp)} MB; zipped ${size([ptpZip])} MB); release RVU ${base.counts.rvu.toLocaleString()} rows, GPCI and locality key (${size([release])} MB zipped).`);
    console.log(`Node ${process.version}, ${process.platform}/${process.arch}; each load in a fresh process, extracted and zipped in turn, each figure the median of ${runs}; no PTP cache; load average ${loadavg()[0].toFixed(1)} at the start.\n`);
    const [extractedRelease, zippedRelease] = medianLoads([{ pfsRvu: [base.rvu], gpci: [local.gpci], localities: [local.localities] }, { pfsRelease: [release] }], runs);
    const [ptpText, ptpZipped] = medianLoads([{ ncciPtp: base.ptp }, { ncciPtp: [ptpZip] }], runs);
    assert.equal(zippedRelease.rows, extractedRelease.rows, 'the release zip loads the rows of its extracted CSVs');
    assert.equal(ptpZipped.rows, ptpText.rows, 'the PTP zip loads the rows of its extracted parts');
    const row = (name: string, r: ZipReport) => [name, r.rows.toLocaleString(), `${Math.round(r.ms)} ms`, `${Math.round(r.cpuMs)} ms`, `${r.peakRssMB} MB`, `${Math.round(r.heapMB)} MB`];
    console.log(table([['load', 'rows', 'time', 'CPU', 'peak RSS', 'heap + buffers after'], row('PFS release, extracted CSVs (3 settings)', extractedRelease), row('PFS release zip (data.pfsRelease)', zippedRelease), row('PTP, 4 extracted parts', ptpText), row('PTP, the parts in one zip', ptpZipped)]));
    const timeRatio = ptpZipped.ms / ptpText.ms;
    const cpuRatio = ptpZipped.cpuMs / ptpText.cpuMs;
    const memRatio = ptpZipped.peakRssMB / ptpText.peakRssMB;
    console.log(`\nPTP in its zip: ${timeRatio.toFixed(2)}x the extracted text's time, ${cpuRatio.toFixed(2)}x its CPU time (budget 1.30x: wall ${timeRatio <= 1.3 ? 'PASS' : 'FAIL'}, CPU ${cpuRatio <= 1.3 ? 'PASS' : 'FAIL'}), ${memRatio.toFixed(2)}x its peak RSS (budget: no more, 1.05x for noise: ${memRatio <= 1.05 ? 'PASS' : 'FAIL'})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--zip-child') {
  zipChild(process.argv[3]).catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else if (process.argv.includes('--zip')) {
  zipMain().catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else if (process.argv[2] === '--local-child') {
  localChild(process.argv[3]).catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else if (process.argv.includes('--local')) {
  localMain().catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else if (process.argv[2] === '--sparse') {
  sparseChild(process.argv[3]).catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else if (process.argv[2] === '--child') {
  child(process.argv[3] as 'text' | 'cache', process.argv[4], process.argv[5]).catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
