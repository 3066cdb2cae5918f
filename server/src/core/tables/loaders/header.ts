// Header handling shared by the CMS loaders: columns are found by their names (any order, extra
// columns ignored), and a missing column is named in the problem. Names are compared as normalised
// words (headerWords), so CMS's spellings across years and formats read alike: "Add-On Code",
// "ADD_ON_CODE" and "add on code"; "AOC Del Dt (Julian)"; CMS's own "Adminstrative" and
// "NON-FACILTY".

export interface ColumnSpec<K extends string> {
  key: K;
  /** The column's name as CMS prints it, for problems. */
  name: string;
  /** Tested against the header cell's normalised words (headerWords): lower case, no punctuation. */
  pattern: RegExp;
  /** When set, a cell matching this too is skipped (e.g. "HCPCS Code Dosage" is not "HCPCS Code"). */
  not?: RegExp;
  required: boolean;
}

/** CMS's misspellings in its own headers, read as the word meant. */
const MISSPELLED: Readonly<Record<string, string>> = { adminstrative: 'administrative', facilty: 'facility', administative: 'administrative' };

/**
 * A header cell as the patterns see it: lower case; "(Julian)" (a date's format, not its name)
 * dropped; punctuation, underscores and line breaks as one space; CMS's misspellings corrected.
 * "NON-FACILTY PRICE" -> "non facility price", "*=in existence" -> "in existence".
 */
export function headerWords(cell: string): string {
  return cell
    .toLowerCase()
    .replace(/\(\s*julian\s*\)/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .map((w) => MISSPELLED[w] ?? w)
    .join(' ');
}

/** Header cells as the patterns see them (headerWords of each). */
export function headerNames(cells: readonly string[]): string[] {
  return cells.map(headerWords);
}

/**
 * Finds each column by name, first match left to right, one column per spec. Returns the indexes
 * (-1 when absent) and the names of the required columns that are missing.
 */
export function findColumns<K extends string>(names: readonly string[], specs: readonly ColumnSpec<K>[]): { cols: Record<K, number>; missing: string[] } {
  const cols = {} as Record<K, number>;
  const used = new Set<number>();
  const missing: string[] = [];
  for (const spec of specs) {
    const i = names.findIndex((n, k) => !used.has(k) && spec.pattern.test(n) && !(spec.not && spec.not.test(n)));
    cols[spec.key] = i;
    if (i >= 0) used.add(i);
    else if (spec.required) missing.push(spec.name);
  }
  return { cols, missing };
}

export function missingColumnsReason(missing: readonly string[]): string {
  return `missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} in the header; the file was not loaded`;
}

/** A decimal written plainly (1.000, .869, 98.765); NaN for anything else. */
export function decimal(text: string): number {
  return /^\d*\.?\d+$/.test(text) ? Number(text) : Number.NaN;
}
