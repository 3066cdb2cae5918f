// Issue 24's rows: the built CLI on X12 837P interchanges generated here (never committed).
// - `hai-claims check` on a 100 MB interchange: wall time and the process's peak resident memory
//   (bounded: the file is read in chunks, one claim checked at a time);
// - `hai-claims import` of 10,000 claims to .claim files.
// The claims are test/helpers/x12.ts's 005010X222A1-shaped claims (invented people and numbers),
// one in six with an NCCI conflict (as bench/generate.ts has one claim in six with a problem).
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { interchange, type X12ClaimSpec } from '../test/helpers/x12';
import type { LongClaimRow } from './long-claim';

const CLAIMS: X12ClaimSpec[] = [
  { pos: '11', dx: ['C787', 'C187'], lines: [{ code: '96522', date: '20260316' }, { code: 'J9200', modifiers: ['KD'], units: '2', date: '20260316' }] },
  { pos: '21', dx: ['C787', 'C187'], lines: [{ code: '36260', date: '20260302' }, { code: '15860', date: '20260302' }, { code: '49000', date: '20260302' }, { code: '78830', modifiers: ['26'], pointers: [1, 2], date: '20260302' }] },
  { pos: '11', dx: ['C787'], lines: [{ code: '99215', modifiers: ['25'], date: '20260330' }, { code: '96522', date: '20260330' }, { code: 'J9200', modifiers: ['KD'], date: '20260330' }] },
  { pos: '11', dx: ['C787', 'C187'], lines: [{ code: '99214', date: '20260112' }, { code: '74170', modifiers: ['26'], date: '20260114' }] },
  { pos: '21', dx: ['C787', 'C187'], lines: [{ code: '36260', date: '20260402' }, { code: '15860', date: '20260402' }, { code: '78830', modifiers: ['26'], pointers: [1, 2], date: '20260402' }] },
  { pos: '11', dx: ['C787'], lines: [{ code: '96522', date: '20260420' }, { code: 'J9200', modifiers: ['KD'], units: '3', date: '20260420' }] },
];

/**
 * Writes one interchange of `transactions` ST/SE transactions of `perTransaction` claims each (by
 * segments, never the whole text in memory); returns the number of claims.
 */
export function writeInterchange(file: string, transactions: number, perTransaction: number, kinds: readonly X12ClaimSpec[] = CLAIMS): number {
  const claims = Array.from({ length: perTransaction }, (_, i) => kinds[i % kinds.length]);
  const whole = interchange({ subscribers: [{ filing: 'MB', claims }] }).split('\n');
  const st = whole.findIndex((l) => l.startsWith('ST*'));
  const se = whole.findIndex((l) => l.startsWith('SE*'));
  const header = whole.slice(0, st).join('\n');
  const body = whole.slice(st, se + 1).join('\n');
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, `${header}\n`);
    for (let t = 1; t <= transactions; t++) {
      const control = String(t).padStart(4, '0');
      writeSync(fd, `${body.replace('ST*837*0001', `ST*837*${control}`).replace(/SE\*(\d+)\*0001~$/, `SE*$1*${control}~`)}\n`);
    }
    writeSync(fd, `GE*${transactions}*905~\nIEA*1*000000905~\n`);
  } finally {
    closeSync(fd);
  }
  return transactions * perTransaction;
}

/** The V8 heap limit the 100 MB check runs under. */
const HEAP_MB = 64;

/** Runs the CLI; its wall time and peak resident set (from /proc while it runs). */
function runCli(cli: string, args: string[], rssMb: (pid: number | undefined) => number, nodeArgs: string[] = []): Promise<{ ms: number; peakMb: number; status: number | null }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...nodeArgs, cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let peak = 0;
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + String(d)).slice(-2000)));
    const poll = setInterval(() => (peak = Math.max(peak, rssMb(child.pid) || 0)), 20);
    child.on('error', reject);
    child.on('exit', (status) => {
      clearInterval(poll);
      if (status !== 0 && status !== 1) reject(new Error(`hai-claims ${args[0]} exited ${status}: ${stderr}`));
      else resolve({ ms: performance.now() - t0, peakMb: peak, status });
    });
  });
}

/** About `bytes` of claims of `kinds`, in transactions of 1,000 claims; returns the claims and the size in MB. */
function writeAbout(file: string, bytes: number, kinds: readonly X12ClaimSpec[]): { claims: number; mb: number } {
  writeInterchange(file, 1, 1000, kinds);
  const claims = writeInterchange(file, Math.ceil(bytes / statSync(file).size), 1000, kinds);
  return { claims, mb: statSync(file).size / 1e6 };
}

export async function x12Rows(b: { cli: string; out: string; runs: number; rssMb: (pid: number | undefined) => number; log(msg: string): void }): Promise<LongClaimRow[]> {
  if (!existsSync(b.cli)) return [{ measure: 'X12 837P rows', stat: 'median', unit: 'ms', note: 'n/a (CLI not built)' }];
  const dir = path.join(b.out, 'x12');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const big = path.join(dir, 'big.837');
  const check = ['check', '--no-config', '--fail-on', 'none', big];
  // One in six claims with an NCCI conflict: every finding is kept for the report (about 1 KB each).
  const mixed = writeAbout(big, 100e6, CLAIMS);
  b.log(`X12: check ${mixed.mb.toFixed(0)} MB (${mixed.claims.toLocaleString('en-US')} claims, one in six with a finding) ...`);
  const withFindings = await runCli(b.cli, check, b.rssMb);
  // No findings, and the V8 heap capped: the run completing shows the file is read in bounded memory.
  const clean = writeAbout(big, 100e6, CLAIMS.filter((_, i) => i !== 1));
  b.log(`X12: check ${clean.mb.toFixed(0)} MB (${clean.claims.toLocaleString('en-US')} claims without findings) under a ${HEAP_MB} MB heap ...`);
  const bounded = await runCli(b.cli, check, b.rssMb, [`--max-old-space-size=${HEAP_MB}`]);
  rmSync(big, { force: true });
  const small = path.join(dir, 'import.837');
  writeInterchange(small, 10, 1000);
  b.log('X12: import 10,000 claims ...');
  // One untimed run first (the first import reads the interchange cold), and each run writes a
  // folder of its own, all removed after the timed runs: deleting 10,000 files just before a run
  // left the kernel freeing them during it (3.7 s of system time in that run, 0.4 s without).
  await runCli(b.cli, ['import', small, '-o', path.join(dir, 'import-warm')], b.rssMb);
  const imports: number[] = [];
  for (let i = 0; i < b.runs; i++) {
    const to = path.join(dir, `import-${i}`);
    imports.push((await runCli(b.cli, ['import', small, '-o', to], b.rssMb)).ms);
  }
  for (let i = 0; i < b.runs; i++) rmSync(path.join(dir, `import-${i}`), { recursive: true, force: true });
  rmSync(path.join(dir, 'import-warm'), { recursive: true, force: true });
  const n = (c: { claims: number; mb: number }) => `${c.mb.toFixed(0)} MB X12 837P interchange (${c.claims.toLocaleString('en-US')} claims`;
  return [
    { measure: `CLI check of a ${n(mixed)}, one in six with a finding), read in chunks (peak resident memory ${withFindings.peakMb.toFixed(0)} MB, holding its findings)`, stat: 'median', unit: 's', ours: { values: [withFindings.ms] } },
    { measure: `CLI check of a ${n(clean)} without findings) with the V8 heap capped at ${HEAP_MB} MB (${(bounded.ms / 1000).toFixed(1)} s): peak resident memory`, stat: 'median', budget: 160, unit: 'MB', ours: { values: [bounded.peakMb] } },
    { measure: 'CLI import of 10,000 X12 837P claims to .claim files', stat: 'median', budget: 2000, unit: 'ms', ours: { values: imports } },
  ];
}
