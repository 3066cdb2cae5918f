// Long single claims for the benchmark and the tests (issue 17): one claim whose service lines all
// sit on one date, or spread over many dates, drawn from the guide's own codes (NCCI pairs, nuclear
// medicine, 77002, major surgeries and visits among them), so every rule has work to do.
import guideJson from '../server/src/core/tables/data/guide-2026.json';
import { generateClaims, rng } from './generate';

const CODES: string[] = [...new Set((guideJson as { procedures: { code: string }[] }).procedures.map((p) => p.code))];
const MODS = ['26', 'KD', 'XS', '59', '25', 'TC'];

export interface LongClaim {
  text: string;
  /** Line and column of the first character of each service's code, in order. */
  services: { line: number; character: number }[];
}

/**
 * One claim with `services` service lines spread evenly over `dates` dates (one date: every line on
 * it), codes drawn at random from the guide, a modifier on one line in four, units on one in eight.
 */
export function longClaim(services: number, dates = 1, seed = 1): LongClaim {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const out = ['# Generated long HAI claim (benchmark data, not patient data)', 'claim "long"', 'payer medicare', 'state GA', 'pos 21', 'start 2026-01-05', 'dx C78.7', 'dx C18.7'];
  const where: LongClaim['services'] = [];
  const perDate = Math.ceil(services / dates);
  for (let i = 0; i < services; i++) {
    if (i % perDate === 0) out.push(`on day ${Math.floor(i / perDate) % 300}`);
    const mod = r() < 0.25 ? `-${pick(MODS)}` : '';
    const units = r() < 0.125 ? ` x${1 + Math.floor(r() * 3)}` : '';
    where.push({ line: out.length, character: 2 });
    out.push(`  ${pick(CODES)}${mod}${units} dx A`);
  }
  out.push('');
  return { text: out.join('\n'), services: where };
}

/**
 * One claim of `dates` dates of `services / dates` lines each, drawn in order from the service
 * lines of `generateClaims` (the batch benchmark's realistic mix: pump refills, drugs, visits,
 * imaging, one claim in six flawed), a code at most once per date (a line whose code the date
 * already has waits for the next date). `day N` dates two weeks apart, no `start`.
 */
export function singleClaimOf(services: number, dates: number, seed = 1): LongClaim {
  const perDate = Math.ceil(services / dates);
  const stream = generateClaims(services * 2, seed).flatMap((c) => c.dates.flatMap((d) => d.services));
  const out = ['# Generated long HAI claim (benchmark data, not patient data)', 'claim "long"', 'payer medicare', 'state GA', 'pos 11', 'dx C78.7', 'dx C18.7', 'dx C22.8'];
  const where: LongClaim['services'] = [];
  // Lines put off to a later date (their code was already on the date), oldest first.
  let waiting: typeof stream = [];
  let next = 0;
  for (let d = 0; d < dates; d++) {
    out.push('', `on day ${d * 14}`);
    const codes = new Set<string>();
    const later: typeof stream = [];
    let w = 0;
    while (codes.size < perDate && (w < waiting.length || next < stream.length)) {
      const s = w < waiting.length ? waiting[w++] : stream[next++];
      if (codes.has(s.code)) {
        later.push(s);
        continue;
      }
      codes.add(s.code);
      where.push({ line: out.length, character: 2 });
      out.push(`  ${[s.code, ...s.mods].join('-')}${s.units ? ` x${s.units}` : ''} dx ${s.ptr.join(',')}`);
    }
    waiting = later.concat(waiting.slice(w));
  }
  out.push('');
  return { text: out.join('\n'), services: where };
}

/** What the long-claim rows need from the benchmark (bench/lsp.ts). */
export interface LongClaimBench {
  /** A fresh server of ours, warmed up. */
  start(): Promise<{
    open(uri: string, text: string): Promise<unknown>;
    change(uri: string, changes: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[]): Promise<unknown>;
    close(uri: string): Promise<unknown>;
    shutdown(): Promise<unknown>;
    waitForNotification<P>(method: string, pred?: (params: P) => boolean): Promise<P>;
    proc: { pid?: number };
  }>;
  within<T>(p: Promise<T>, ms: number, what: string): Promise<T>;
  rssMb(pid: number | undefined): number;
  runs: number;
  log(msg: string): void;
}

export interface LongClaimRow {
  measure: string;
  stat: 'median' | 'p95';
  budget?: number;
  unit: 'ms' | 'MB' | 's' | 'x';
  ours?: { values: number[] };
  note?: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];

/**
 * Issue 17's rows for the core, measured over LSP against the bundled server: one claim of 20,000
 * and 40,000 lines on one date opened to its diagnostics (and their ratio: linear is 2), 60,000
 * lines with the server's resident memory after, and one-character edits in a single claim of
 * 10,000 lines on 1,250 dates.
 */
export async function longClaimRows(b: LongClaimBench): Promise<LongClaimRow[]> {
  const opens = async (lines: number): Promise<number[]> => {
    const doc = longClaim(lines, 1, lines).text;
    const client = await b.start();
    const values: number[] = [];
    for (let i = 0; i < b.runs; i++) {
      const uri = `file:///hai-bench/long-${lines}-${i}.claim`;
      const t0 = performance.now();
      await b.within(client.open(uri, doc), 600_000, `open ${lines} lines`);
      values.push(performance.now() - t0);
      await b.within(client.close(uri), 60_000, 'close');
    }
    await client.shutdown();
    return values;
  };
  b.log('long claims: 20,000 and 40,000 lines on one date ...');
  const o20 = await opens(20_000);
  const o40 = await opens(40_000);
  b.log('long claims: 60,000 lines on one date ...');
  const client = await b.start();
  const uri60 = 'file:///hai-bench/long-60000.claim';
  // The check has ended when the server says so (the worker's findings and estimates all in).
  const ended = client.waitForNotification<{ uri: string; checking: boolean }>('haiClaims/checking', (p) => p.uri === uri60 && !p.checking);
  const t0 = performance.now();
  await b.within(client.open(uri60, longClaim(60_000, 1, 60_000).text), 600_000, 'open 60,000 lines');
  const o60 = performance.now() - t0;
  const atDiagnostics = b.rssMb(client.proc.pid);
  await b.within(ended, 600_000, 'the check of 60,000 lines to end');
  const atEnd = b.rssMb(client.proc.pid);
  const rss60 = await settledRss(b, client.proc.pid);
  await client.shutdown();
  const edit = await singleClaimEditRow(b);
  return [
    { measure: 'one claim, 20,000 lines on one date (a mix of the guide\'s codes): open to diagnostics', stat: 'median', budget: 1000, unit: 'ms', ours: { values: o20 } },
    { measure: 'the same with 40,000 lines, as a ratio to 20,000 (linear: 2)', stat: 'median', budget: 2.5, unit: 'x', ours: { values: [median(o40) / median(o20)] }, note: `40,000 lines: ${median(o40).toFixed(0)} ms` },
    { measure: 'one claim, 60,000 lines on one date: open to diagnostics', stat: 'median', budget: 2000, unit: 'ms', ours: { values: [o60] } },
    {
      measure: 'resident memory after opening the 60,000-line claim (once its check has ended and the memory has settled)',
      stat: 'median',
      budget: 250,
      unit: 'MB',
      ours: { values: [rss60] },
      note: `${atDiagnostics.toFixed(0)} MB when the diagnostics came, ${atEnd.toFixed(0)} MB when the check ended (before the worker collected its sent result)`,
    },
    edit,
  ];
}

/**
 * The server's resident memory once it stops falling: read every 100 ms until four readings in a
 * row are within 1 MB of each other (at most 5 s). The worker collects a result it has sent once the last of it has gone,
 * and V8 hands pages back after that, so the reading at the end of the check is a passing peak.
 */
export async function settledRss(b: Pick<LongClaimBench, 'rssMb'>, pid: number | undefined): Promise<number> {
  let last = b.rssMb(pid);
  let steady = 0;
  for (let i = 0; i < 50 && steady < 3; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const now = b.rssMb(pid);
    steady = Math.abs(now - last) < 1 ? steady + 1 : 0;
    last = now;
  }
  return last;
}

/** One-character edits in a single claim of 10,000 lines on 1,250 dates, each to its fresh diagnostics. */
export async function singleClaimEditRow(b: LongClaimBench): Promise<LongClaimRow> {
  b.log('long claims: one-character edits in a 10,000-line claim of 1,250 dates ...');
  const single = singleClaimOf(10_000, 1_250, 5);
  const editor = await b.start();
  const uri = 'file:///hai-bench/single-10000.claim';
  await b.within(editor.open(uri, single.text), 600_000, 'open the single claim');
  const edits: number[] = [];
  for (let i = 0; i < Math.max(10, b.runs * 10); i++) {
    const s = single.services[Math.floor(((i + 0.5) / Math.max(10, b.runs * 10)) * single.services.length)];
    const e0 = performance.now();
    // The code's last digit (or letter) is retyped as another: a one-character change.
    await b.within(editor.change(uri, [{ range: { start: { line: s.line, character: s.character + 4 }, end: { line: s.line, character: s.character + 5 } }, text: String(i % 10) }]), 60_000, 'edit');
    edits.push(performance.now() - e0);
  }
  await editor.shutdown();
  return { measure: 'one-character edit in a single 10,000-line claim (1,250 dates) to fresh diagnostics', stat: 'median', budget: 15, unit: 'ms', ours: { values: edits } };
}
