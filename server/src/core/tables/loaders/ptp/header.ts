// The PTP file's header: its preamble lines, then column headings that wrap over several lines
// ("*=in existence" over "prior to 1996"). Columns are found by their joined names, so another
// column order reads the same. Each column's pattern is written here once.
import { quarterOfName } from '../common';
import { headerWords } from '../header';

export type Column = 'column1' | 'column2' | 'prior1996' | 'effective' | 'deletion' | 'modifier' | 'rationale';

/** Cells read per row; the file has seven. A column past this is treated as missing. */
export const MAX_CELLS = 16;

/** Lines searched for the header before the file is taken for something else. */
export const MAX_PREAMBLE_LINES = 50;

/** Heading lines joined into one header at most (CMS's wrap over four). */
const MAX_HEADER_ROWS = 8;

const COLUMNS: { key: Column; name: string; pattern: RegExp; required: boolean }[] = [
  { key: 'column1', name: 'Column 1', pattern: /^column\s*(1|one)\b/, required: true },
  { key: 'column2', name: 'Column 2', pattern: /^column\s*(2|two)\b/, required: true },
  { key: 'prior1996', name: '*=in existence prior to 1996', pattern: /existence|1996/, required: false },
  { key: 'effective', name: 'Effective Date', pattern: /^effective/, required: true },
  { key: 'deletion', name: 'Deletion Date', pattern: /^deletion/, required: true },
  { key: 'modifier', name: 'Modifier', pattern: /^modifier/, required: true },
  { key: 'rationale', name: 'PTP Edit Rationale', pattern: /rationale/, required: false },
];

const COLUMN1 = COLUMNS[0].pattern;
const COLUMN2 = COLUMNS[1].pattern;

const heading = headerWords;

/** A line naming "Column 1" and "Column 2" starts the header. */
export function isHeaderStart(cells: readonly string[]): boolean {
  return cells.some((c) => COLUMN1.test(heading(c))) && cells.some((c) => COLUMN2.test(heading(c)));
}

/**
 * Header continuation lines (the headings wrap) are empty under Column 1 and Column 2; the first
 * line with a value there is data.
 */
export function isHeaderContinuation(headerRows: readonly (readonly string[])[], cells: readonly string[]): boolean {
  if (headerRows.length >= MAX_HEADER_ROWS) return false;
  const first = headerRows[0];
  const i1 = first.findIndex((c) => COLUMN1.test(heading(c)));
  const i2 = first.findIndex((c) => COLUMN2.test(heading(c)));
  return (cells[i1] ?? '').trim() === '' && (cells[i2] ?? '').trim() === '';
}

export type HeaderResult = { cols: Record<Column, number> } | { missing: string[] };

/** Each column's index (-1: an optional column the file lacks), or the required columns missing. */
export function resolveHeader(headerRows: readonly (readonly string[])[]): HeaderResult {
  const width = headerRows.reduce((w, r) => Math.max(w, r.length), 0);
  const names: string[] = [];
  for (let i = 0; i < width; i++) {
    names.push(
      headerWords(
        headerRows
          .map((r) => (r[i] ?? '').trim())
          .filter(Boolean)
          .join(' '),
      ),
    );
  }
  const cols = {} as Record<Column, number>;
  const used = new Set<number>();
  const missing: string[] = [];
  for (const col of COLUMNS) {
    const i = names.findIndex((name, k) => col.pattern.test(name) && !used.has(k));
    if (i >= 0 && i < MAX_CELLS) {
      cols[col.key] = i;
      used.add(i);
    } else {
      cols[col.key] = -1;
      if (col.required) missing.push(col.name);
    }
  }
  return missing.length > 0 ? { missing } : { cols };
}

/** The NCCI version in CMS's file names (ccipra-v321r0-f1.txt is version 32.1): version 26.0 took effect 2020-01-01, one minor version a quarter. */
export function ptpPeriodOfName(name: string): string | undefined {
  const direct = quarterOfName(name);
  if (direct) return direct;
  const v = /v(\d\d)(\d)r\d/i.exec(name);
  if (v && +v[2] <= 3) return `${1994 + +v[1]}Q${+v[2] + 1}`;
  return undefined;
}

export function labelOf(period: string | undefined, names: string[]): string {
  return `NCCI PTP practitioner edits${period ? ` ${period}` : ''} (${names.join(', ')})`;
}
