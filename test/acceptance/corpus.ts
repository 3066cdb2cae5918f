// Reads the acceptance corpus and compares one claim file with its expectation (used by
// acceptance.test.ts; kept apart so the comparison can also be run by hand on one file).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analysis';
import type { ClaimEstimate } from '../../server/src/core/estimate/estimate';
import { createTables, loadDefaultTables, type Tables } from '../../server/src/core/tables';
import { loadGuideTables, loadReferenceTables } from '../../server/src/core/tables/load';
import { loadPfsRvu } from '../../server/src/core/tables/loaders/pfs-rvu';
import { parseSettings } from '../../server/src/core/settings';

export interface Expectation {
  about: string;
  bullet: string;
  findings: { rule: string; line: number }[];
  absent?: string[];
  total: string | null;
  notEstimated?: boolean;
  /** 1-based service line -> what its $0 reason must say (a case-insensitive pattern). */
  reasons?: Record<string, string>;
  /** Date label -> its total: the estimate lists the date once, even when it is written in two `on` blocks. */
  dateTotals?: Record<string, string>;
  /** Settings the claim is checked and priced with (issue 22: `{ "participating": false }`); default: none. */
  settings?: Record<string, unknown>;
  work?: string;
  /** A PFS relative value file in test/fixtures/cms/ loaded for this claim (issue 22: the PFS indicators). */
  pfs?: string;
}

export const dir = join(__dirname, 'claims');
export const pending: Record<string, string> = JSON.parse(readFileSync(join(__dirname, 'pending.json'), 'utf8'));
export const slugs = readdirSync(dir)
  .filter((f) => f.endsWith('.claim'))
  .map((f) => f.slice(0, -'.claim'.length))
  .sort();

/** A claim the estimate refused: no date priced, and a note that says why (never a silent $0.00). */
function notEstimated(e: ClaimEstimate): boolean {
  const flagged = (e as { notEstimated?: unknown }).notEstimated;
  if (flagged !== undefined) return !!flagged;
  return e.dates.length === 0 && e.notes.some((n) => /estimat/i.test(n));
}

const key = (f: { rule: string; line: number }): string => `${f.rule} @ line ${f.line}`;

/** Every way the claim differs from its expectation, in plain words; empty when it passes. */
let cachedTables: ReturnType<typeof loadDefaultTables> | undefined;
const withPfs = new Map<string, Tables>();

/** The guide's tables, plus the claim's PFS file when it names one (loaded once per file). */
function tablesFor(expect: Expectation): Tables {
  if (!expect.pfs) return (cachedTables ??= loadDefaultTables());
  let t = withPfs.get(expect.pfs);
  if (!t) {
    const name = expect.pfs;
    const rvu = loadPfsRvu({ name, text: readFileSync(join(__dirname, '..', 'fixtures', 'cms', name), 'utf8') });
    if (rvu.problems.length) throw new Error(`${name}: ${JSON.stringify(rvu.problems)}`);
    withPfs.set(name, (t = createTables(loadGuideTables(), loadReferenceTables(), { rvu: rvu.table })));
  }
  return t;
}

export function differences(text: string, expect: Expectation): string[] {
  const tables = tablesFor(expect);
  const { settings, problems } = parseSettings(expect.settings ?? {});
  const analysis = analyze(text, tables, { settings });
  const out: string[] = problems.map((p) => `settings: ${p.path}: ${p.message}`);
  if (analysis.internalErrors.length) out.push(`internal errors: ${analysis.internalErrors.map((e) => `${e.rule}: ${e.error}`).join('; ')}`);
  const actual = new Set(analysis.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => key({ rule: f.rule, line: f.line + 1 })));
  const wanted = new Set(expect.findings.map(key));
  for (const k of wanted) if (!actual.has(k)) out.push(`missing finding: ${k}`);
  for (const k of actual) if (!wanted.has(k)) out.push(`unexpected finding: ${k}`);
  for (const rule of expect.absent ?? []) {
    const hits = analysis.findings.filter((f) => f.rule === rule);
    if (hits.length) out.push(`${rule} must not fire, but fires (${hits[0].severity}) on line ${hits.map((f) => f.line + 1).join(', ')}`);
  }
  const estimates = analysis.estimate();
  // Every $0 line says why (the guide prints $0, NA in the setting, denied by which check).
  for (const l of estimates.flatMap((e) => e.dates).flatMap((d) => d.lines)) {
    if (l.amount === 0 && l.adjustments.every((a) => !a.reason)) out.push(`line ${l.line + 1} ${l.code} is priced $0 without a reason`);
  }
  if (expect.notEstimated) {
    if (!estimates.some(notEstimated)) out.push('the estimate must refuse the claim ("not estimated" with its reason), but it priced it');
  }
  const allLines = estimates.flatMap((e) => e.dates).flatMap((d) => d.lines);
  for (const [line, pattern] of Object.entries(expect.reasons ?? {})) {
    const l = allLines.find((x) => x.line + 1 === Number(line));
    const said = l?.adjustments.map((a) => a.reason).join(' | ') ?? '';
    if (!l) out.push(`line ${line} is not in the estimate`);
    else if (l.amount !== 0) out.push(`line ${line} ${l.code} must be $0 (${pattern}), but is $${l.amount.toFixed(2)}`);
    else if (!new RegExp(pattern, 'i').test(said)) out.push(`line ${line} ${l.code}: its $0 reason must say /${pattern}/i, but says "${said}"`);
  }
  for (const [label, total] of Object.entries(expect.dateTotals ?? {})) {
    const dates = estimates.flatMap((e) => e.dates).filter((d) => d.label === label);
    if (dates.length !== 1) out.push(`date ${label}: the estimate lists it ${dates.length} times, expected once with one total`);
    else if (Math.round(dates[0].total * 100) !== Math.round(Number(total) * 100)) out.push(`date ${label}: expected $${total}, estimate says $${dates[0].total.toFixed(2)}`);
  }
  if (expect.total !== null) {
    const got = estimates.filter((e) => !notEstimated(e)).reduce((n, e) => n + Math.round(e.total * 100), 0);
    const want = Math.round(Number(expect.total) * 100);
    if (got !== want) {
      const lines = estimates
        .flatMap((e) => e.dates)
        .flatMap((d) => d.lines)
        .map((l) => `    line ${l.line + 1} ${l.code}${l.modifiers.map((m) => `-${m}`).join('')} x${l.units}: $${l.amount.toFixed(2)} (${l.status}${l.adjustments.length ? `; ${l.adjustments.map((a) => a.reason).join('; ')}` : ''})`);
      out.push(`total: expected $${(want / 100).toFixed(2)}, estimate says $${(got / 100).toFixed(2)}\n${lines.join('\n')}`);
    }
  }
  return out;
}


export function readExpectation(slug: string): { text: string; expect: Expectation } {
  return {
    text: readFileSync(join(dir, `${slug}.claim`), 'utf8'),
    expect: JSON.parse(readFileSync(join(dir, `${slug}.expect.json`), 'utf8')) as Expectation,
  };
}
