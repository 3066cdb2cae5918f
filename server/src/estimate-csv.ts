// The one CSV writer of the estimate (issue 26, issue 25): `hai-claims estimate --format csv` and the
// extension's Copy as CSV both write these columns through these cells. Pure, type imports only,
// so the client bundles it too (test/architecture/layers.test.ts allows the client this file and
// protocol.ts).
//
// A cell a spreadsheet would run as a formula (one starting with =, +, -, @, a tab or a carriage
// return: OWASP, "CSV Injection") is written as text: a single quote before it, the cell quoted.
// Amounts are numbers, written as plain decimals and never neutralised (a spreadsheet must read
// -12.50 as a number).
import type { ClaimEstimate, LineEstimate } from './core/languageService';

export interface CsvFileEstimate {
  /** The file as the user knows it (relative to the working or workspace folder). */
  file: string;
  claims: readonly ClaimEstimate[];
}

/** The columns, in order: one layout for the command line and the extension. */
export const ESTIMATE_CSV_HEADER = ['file', 'claim', 'line', 'date', 'place of service', 'code', 'modifiers', 'units', 'base', 'reductions', 'amount', 'status', 'reason'] as const;

const FORMULA_START = /^[=+\-@\t\r]/;
/** Control characters other than tab and line breaks, and bidirectional overrides (a file name may hold them): written escaped. */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** One RFC 4180 field: text that could start a formula neutralised; quoted when it holds a comma, a quote, a line break or was neutralised. */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? value.toFixed(2) : '';
  const visible = value.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const text = FORMULA_START.test(visible) ? `'${visible}` : visible;
  return text !== value || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const cents = (n: number): number => Math.round(n * 100) / 100;
const reductionOf = (l: LineEstimate): number => cents(l.adjustments.reduce((n, a) => n + a.amount, 0));

/** Rows under the header: one per service line; a claim with no line gets one row (never left out). */
function rowsOf({ file, claims }: CsvFileEstimate): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (const c of claims) {
    // Not priced is never $0.00 (issue 13): a claim not estimated, or a line not priced, has empty
    // amount cells, its status and the reason.
    const notEstimated = c.notEstimated !== undefined;
    const claimReason = [c.notEstimated, ...c.notes].filter((n): n is string => !!n).filter((n, i, all) => all.indexOf(n) === i).join('; ');
    if (!c.dates.some((d) => d.lines.length)) rows.push([file, String(c.claim + 1), String(c.line + 1), '', '', '', '', '', '', '', '', 'not-estimated', claimReason]);
    for (const d of c.dates) {
      for (const l of d.lines) {
        const priced = !notEstimated && l.status !== 'unpriced';
        rows.push([
          file,
          String(c.claim + 1),
          String(l.line + 1),
          d.label,
          d.pos ?? '',
          l.code,
          l.modifiers.join(' '),
          String(l.units),
          priced ? l.base : '',
          priced ? reductionOf(l) : '',
          priced ? l.amount : '',
          notEstimated ? 'not-estimated' : l.status,
          notEstimated ? claimReason : l.adjustments.map((a) => a.reason).join('; '),
        ]);
      }
    }
  }
  return rows;
}

/**
 * The estimate as RFC 4180 CSV: the header, then one row per service line, CRLF line ends (as the
 * RFC and spreadsheets expect). No claim names: only the file, numbers, codes and reasons.
 */
export function estimateCsv(files: readonly CsvFileEstimate[]): string {
  const out = [`${ESTIMATE_CSV_HEADER.map(csvCell).join(',')}\r\n`];
  for (const f of files) for (const r of rowsOf(f)) out.push(`${r.map(csvCell).join(',')}\r\n`);
  return out.join('');
}
