// The estimate as the CLI shows it: one aligned table per claim (each line's base, reduction,
// reason and amount, date totals, the claim total) or JSON. Claims are named by number and line,
// never by their quoted name: that is document text and may hold patient details.
import type { Adjustment, ClaimEstimate, LineEstimate } from '../core/languageService';
import type { Style } from './color';
import { PLAIN } from './color';
import { printable } from './printable';

export interface FileEstimate {
  file: string;
  claims: ClaimEstimate[];
}

export interface EstimateLineJson {
  /** 1-based, as in the text output and the editor. */
  line: number;
  code: string;
  modifiers: string[];
  units: number;
  unitAllowable: number | null;
  base: number;
  reduction: number;
  reductions: Adjustment[];
  amount: number;
  status: LineEstimate['status'];
  source: string | null;
  /** 'locality': GPCI-adjusted for the claim's locality; 'asp': the drug's ASP limit for the date's quarter. */
  basis: 'national' | 'locality' | 'asp';
  /** The national unit price a local or ASP price replaced. */
  nationalUnitAllowable: number | null;
  /** A nonparticipating provider's limiting charge for the line (haiClaims.participating false, issue 22). */
  limitingCharge?: number;
}

export interface EstimateClaimJson {
  file: string;
  /** 1-based number of the claim in its file. */
  claim: number;
  line: number;
  dates: {
    date: string;
    line: number;
    pos: string | null;
    setting: 'facility' | 'nonFacility' | null;
    lines: EstimateLineJson[];
    total: number;
    /** 1-based `on` lines of this date of service (more than one when it is written in blocks). */
    blockLines: number[];
  }[];
  /** null when the claim is not estimated (never 0 for a claim that was not priced). */
  total: number | null;
  /** The reason the claim is not estimated (a payer the tables do not cover), else null. */
  notEstimated: string | null;
  /** The locality the claim is priced in; null: national amounts (the notes say why). */
  locality: ClaimEstimate['locality'] | null;
  notes: string[];
}

const cents = (n: number): number => Math.round(n * 100) / 100;
const reductionOf = (l: LineEstimate): number => cents(l.adjustments.reduce((n, a) => n + a.amount, 0));

export function estimateJson(files: readonly FileEstimate[]): EstimateClaimJson[] {
  return files.flatMap(({ file, claims }) =>
    claims.map((c) => ({
      file,
      claim: c.claim + 1,
      line: c.line + 1,
      dates: c.dates.map((d) => ({
        date: d.label,
        line: d.line + 1,
        pos: d.pos ?? null,
        setting: d.setting ?? null,
        lines: d.lines.map((l) => ({
          line: l.line + 1,
          code: l.code,
          modifiers: l.modifiers,
          units: l.units,
          unitAllowable: l.unitAllowable ?? null,
          base: l.base,
          reduction: reductionOf(l),
          reductions: l.adjustments,
          amount: l.amount,
          status: l.status,
          source: l.source ?? null,
          basis: l.basis ?? 'national',
          nationalUnitAllowable: l.nationalUnitAllowable ?? null,
          ...(l.limitingCharge !== undefined ? { limitingCharge: l.limitingCharge } : {}),
        })),
        total: d.total,
        blockLines: d.blockLines.map((l) => l + 1),
      })),
      total: c.notEstimated === undefined ? c.total : null,
      notEstimated: c.notEstimated ?? null,
      locality: c.locality ?? null,
      notes: c.notes,
    })),
  );
}

/** 1234.5 -> "1,234.50" (no locale data needed). */
export function money(n: number): string {
  const [whole, frac] = Math.abs(n).toFixed(2).split('.');
  return `${n < 0 ? '-' : ''}${whole.replace(/\B(?=(\d{3})+$)/g, ',')}.${frac}`;
}

type Align = 'left' | 'right';
const COLUMNS: { title: string; align: Align }[] = [
  { title: 'DATE', align: 'left' },
  { title: 'POS', align: 'left' },
  { title: 'LINE', align: 'right' },
  { title: 'CODE', align: 'left' },
  { title: 'UNITS', align: 'right' },
  { title: 'BASE', align: 'right' },
  { title: 'REDUCTION', align: 'right' },
  { title: 'AMOUNT', align: 'right' },
  { title: 'REASON', align: 'left' },
];

interface Row {
  cells: string[];
  emphasis?: boolean;
}

function layout(rows: Row[], style: Style): string[] {
  // Loops, not spreads: a claim may have tens of thousands of rows (issue 17).
  const widths = COLUMNS.map((c, i) => rows.reduce((w, r) => Math.max(w, r.cells[i].length), c.title.length));
  const render = (cells: string[]) =>
    cells
      .map((cell, i) => (COLUMNS[i].align === 'right' ? cell.padStart(widths[i]) : i === cells.length - 1 ? cell : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const out = [`  ${style.bold(render(COLUMNS.map((c) => c.title)))}`];
  for (const r of rows) out.push(`  ${r.emphasis ? style.bold(render(r.cells)) : render(r.cells)}`);
  return out;
}

const codeWithModifiers = (l: LineEstimate): string => [l.code, ...l.modifiers].join('-');

export function claimTable(file: string, c: ClaimEstimate, style: Style = PLAIN): string[] {
  const out = [style.bold(`${printable(file)}: claim ${c.claim + 1} (line ${c.line + 1})${c.notEstimated !== undefined ? ': not estimated' : ''}`)];
  if (c.dates.length > 0) {
    const rows: Row[] = [];
    for (const d of c.dates) {
      const pos = d.pos ? `${d.pos} ${d.setting === 'facility' ? 'facility' : d.setting === 'nonFacility' ? 'non-facility' : '(unknown)'}` : '-';
      for (const l of d.lines) {
        const reduction = reductionOf(l);
        rows.push({
          cells: [
            d.label,
            pos,
            String(l.line + 1),
            codeWithModifiers(l),
            String(l.units),
            // A line that could not be priced is not a $0.00 line (issue 13): it says so, and its reason why.
            l.status === 'unpriced' ? '-' : money(l.base),
            reduction ? money(reduction) : '',
            l.status === 'unpriced' ? 'not priced' : money(l.amount),
            l.adjustments.map((a) => a.reason).join(' '),
          ],
        });
      }
      rows.push({ cells: [d.label, pos, '', 'date total', '', '', '', money(d.total), ''], emphasis: true });
    }
    rows.push({ cells: ['', '', '', 'claim total', '', '', '', money(c.total), ''], emphasis: true });
    for (const line of layout(rows, style)) out.push(line);
  }
  for (const note of c.notes) out.push(`  ${style.dim(`note: ${note}`)}`);
  return out;
}

export function estimateText(files: readonly FileEstimate[], style: Style = PLAIN): string[] {
  const out: string[] = [];
  let total = 0;
  let claims = 0;
  let notEstimated = 0;
  let unpriced = 0;
  for (const { file, claims: list } of files) {
    for (const c of list) {
      if (out.length) out.push('');
      for (const line of claimTable(file, c, style)) out.push(line);
      if (c.notEstimated !== undefined) notEstimated++;
      else total += c.total;
      unpriced += c.dates.flatMap((d) => d.lines).filter((l) => l.status === 'unpriced').length;
      claims++;
    }
  }
  if (out.length) out.push('');
  // A claim that was not priced is counted apart, never as $0.00 (issue 13); so are lines left out of the total.
  const apartParts = [
    notEstimated ? `${notEstimated} claim${notEstimated === 1 ? '' : 's'} not estimated` : '',
    unpriced ? `${unpriced} line${unpriced === 1 ? '' : 's'} not priced and left out` : '',
  ].filter(Boolean);
  const apart = apartParts.length ? ` (${apartParts.join('; ')}: see the notes above)` : '';
  out.push(`${claims} claim${claims === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}: estimated Medicare allowable ${style.bold(`$${money(cents(total))}`)}${apart}.`);
  return out;
}

// The CSV is written by the one writer the extension's Copy as CSV uses too (issue 26).
export { csvCell as csvField, ESTIMATE_CSV_HEADER as CSV_HEADER, estimateCsv } from '../estimate-csv';
