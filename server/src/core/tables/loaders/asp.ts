// CMS's quarterly Part B drug ASP pricing files: title rows ("April 2026 ASP Pricing File",
// "... effective April 1, 2026 through June 30, 2026"), the header, then one row per HCPCS code
// with its dosage (the billing unit) and payment limit per billing unit. Several files load at
// once, one per quarter; a date of service is priced by the file whose quarter covers it.
import type { AspEntry, AspQuarter, AspTable, NationalSource } from '../national';
import { baseName, CsvSplitter, detach, isHcpcs, loadWith, quarterOfName, shown, type LoadResult, type LoaderFile, HeaderThenRowsBuilder } from './common';
import { decimal, headerNames, type ColumnSpec } from './header';

type Column = 'code' | 'description' | 'dosage' | 'limit';

const COLUMNS: ColumnSpec<Column>[] = [
  { key: 'code', name: 'HCPCS Code', pattern: /^hcpcs( code)?$|^hcpcs\b/, not: /dosage|desc/, required: true },
  { key: 'description', name: 'Short Description', pattern: /description/, required: false },
  { key: 'dosage', name: 'HCPCS Code Dosage', pattern: /dosage/, required: true },
  { key: 'limit', name: 'Payment Limit', pattern: /^payment (allowance )?limit$/, required: true },
];

/** The cell at column `i` with its blanks collapsed (-1: the column is absent). No per-row closure. */
function cellOf(cells: readonly string[], i: number): string {
  const v = i >= 0 ? cells[i] ?? '' : '';
  return /\s\s|[\t\n\r]/.test(v) ? v.replace(/\s+/g, ' ').trim() : v.trim();
}

/** Above any Part B payment limit per billing unit (the costliest gene therapies are a few million dollars). */
const MAX_PLAUSIBLE_LIMIT = 10_000_000;

/** Two rows of one code say the same: same dosage, same limit (or both refused for the same reason). */
function sameLimit(a: AspEntry, b: AspEntry): boolean {
  return a.dosage === b.dosage && a.limit === b.limit && a.refused === b.refused;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MS_PER_DAY = 86_400_000;

const dayOf = (y: number, m: number, d: number): number => Date.UTC(y, m, d) / MS_PER_DAY;

function monthIndex(word: string): number {
  const w = word.toLowerCase();
  return w.length >= 3 ? MONTHS.findIndex((m) => m.startsWith(w)) : -1;
}

/** The calendar quarter (Q1 = Jan-Mar ...) starting in the month of `from`. */
function quarterSpan(year: number, month: number): { from: number; through: number; quarter: string } {
  const q = Math.floor(month / 3);
  return { from: dayOf(year, q * 3, 1), through: dayOf(year, q * 3 + 3, 0), quarter: `${year}Q${q + 1}` };
}

/** A day that exists in its month (Date.UTC would roll "February 30" over into March). */
const realDay = (y: number, m: number, d: number): boolean => d >= 1 && d <= dayOf(y, m + 1, 1) - dayOf(y, m, 1);

/** The first impossible date of the title rows' effective range ("February 30, 2026"), as written there in words: for the file problem. */
export function impossibleBannerDate(banner: string): string | undefined {
  const re = /([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(20\d\d)/g;
  const at = banner.search(/effective\s/i);
  if (at < 0) return undefined;
  re.lastIndex = at;
  for (let m = re.exec(banner), n = 0; m && n < 2; m = re.exec(banner), n++) {
    const month = monthIndex(m[1]);
    if (month >= 0 && !realDay(+m[3], month, +m[2])) return `${MONTHS[month][0].toUpperCase()}${MONTHS[month].slice(1)} ${+m[2]}, ${m[3]}`;
  }
  return undefined;
}

/**
 * The dates a file prices: "effective April 1, 2026 through June 30, 2026" in its title rows, else
 * "April 2026 ASP Pricing File", else a quarter in its name (2026q2, Eff_04-01-2026, April_2026).
 */
export function aspQuarterOf(banner: string, name: string): { from: number; through: number; quarter: string } | undefined {
  const date = String.raw`([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(20\d\d)`;
  const range = new RegExp(`effective\\s+${date}\\s+(?:through|to|-)\\s+${date}`, 'i').exec(banner);
  if (range) {
    const m1 = monthIndex(range[1]);
    const m2 = monthIndex(range[4]);
    if (m1 >= 0 && m2 >= 0) {
      // "February 30" is not a date: never rolled over into March (issue 26); the caller reports it.
      if (!realDay(+range[3], m1, +range[2]) || !realDay(+range[6], m2, +range[5])) return undefined;
      const from = dayOf(+range[3], m1, +range[2]);
      const through = dayOf(+range[6], m2, +range[5]);
      if (through >= from) return { from, through, quarter: quarterSpan(+range[3], m1).quarter };
    }
  }
  const title = /\b([A-Za-z]+)\s+(20\d\d)\s+ASP\b/i.exec(banner);
  if (title && monthIndex(title[1]) >= 0) return quarterSpan(+title[2], monthIndex(title[1]));
  const q = quarterOfName(name);
  if (q) return quarterSpan(+q.slice(0, 4), (+q.slice(5) - 1) * 3);
  const named = /(?<![a-z])([a-z]{3,9})[ _-]?(20\d\d)(?![0-9])/i.exec(name);
  if (named && monthIndex(named[1]) >= 0) return quarterSpan(+named[2], monthIndex(named[1]));
  return undefined;
}

function labelOf(quarters: string[], names: string[]): string {
  return `CMS ASP drug pricing${quarters.length ? ` ${quarters.join(', ')}` : ''} (${names.join(', ')})`;
}

/** One file's quarter and rows (with the line each code was read on, to name both rows of a conflict). */
interface QuarterRows {
  quarter: AspQuarter;
  rows: Map<string, AspEntry>;
  lines: Map<string, number>;
  file: string;
}

class AspIndex implements AspTable {
  readonly quarters: readonly AspQuarter[];

  constructor(
    readonly source: NationalSource,
    private readonly byQuarter: { quarter: AspQuarter; rows: Map<string, AspEntry> }[],
    readonly size: number,
  ) {
    this.quarters = byQuarter.map((q) => q.quarter);
  }

  hasCode(code: string): boolean {
    return this.byQuarter.some((q) => q.rows.has(code));
  }

  quarterOf(day: number): AspQuarter | undefined {
    // Later files win where quarters overlap (a corrected file loaded after the original).
    for (let i = this.byQuarter.length - 1; i >= 0; i--) {
      const q = this.byQuarter[i].quarter;
      if (day >= q.from && day <= q.through) return q;
    }
    return undefined;
  }

  lookup(code: string, day: number): AspEntry | undefined {
    for (let i = this.byQuarter.length - 1; i >= 0; i--) {
      const q = this.byQuarter[i];
      if (day >= q.quarter.from && day <= q.quarter.through) return q.rows.get(code);
    }
    return undefined;
  }
}

export class AspBuilder extends HeaderThenRowsBuilder<AspTable> {
  private readonly files: QuarterRows[] = [];
  private readonly names: string[] = [];
  private current: QuarterRows | undefined;
  private fileName = '';
  private cols = {} as Record<Column, number>;
  private banner = '';
  private readonly dosages = new Map<string, string>();
  protected readonly endProblems = { noHeader: 'no header row with "HCPCS Code" and "Payment Limit": is this a CMS ASP pricing file?', noRows: 'no drug rows were read' };
  protected readonly splitter = new CsvSplitter((cells, line) => this.onRecord(cells, line));

  beginFile(name: string): void {
    this.startFile(name);
    this.fileName = baseName(name);
    this.names.push(this.fileName);
    this.banner = '';
    this.current = undefined;
  }

  // `current` is set whenever the phase is 'data' (a file whose quarter is unknown is skipped).
  protected override rowsRead(): number {
    return this.current?.rows.size ?? 0;
  }

  protected override fileRead(): void {
    if (this.current && this.current.rows.size > 0) this.files.push(this.current);
  }

  finish(): LoadResult<AspTable> {
    const sorted = this.withoutOverlaps([...this.files].sort((a, b) => a.quarter.from - b.quarter.from));
    const size = sorted.reduce((n, f) => n + f.rows.size, 0);
    const quarters = sorted.map((f) => f.quarter.quarter);
    return { table: new AspIndex({ kind: 'asp', label: labelOf(quarters, this.names) }, sorted, size), problems: this.log.problems };
  }

  /**
   * Files whose quarters overlap (issue 21): two files of one quarter merge, a code on which they
   * disagree priced by neither; quarters that overlap only in part price none of their dates.
   */
  private withoutOverlaps(files: QuarterRows[]): QuarterRows[] {
    const out: QuarterRows[] = [];
    for (const f of files) {
      const prev = out[out.length - 1];
      if (!prev || f.quarter.from > prev.quarter.through) {
        out.push(f);
        continue;
      }
      if (f.quarter.from === prev.quarter.from && f.quarter.through === prev.quarter.through) {
        for (const [code, e] of f.rows) {
          const seen = prev.rows.get(code);
          if (!seen) prev.rows.set(code, { ...e, quarter: prev.quarter, source: prev.quarter.source });
          else if (!sameLimit(seen, e)) {
            const why = `${prev.file} and ${f.file} both price ${prev.quarter.quarter} and disagree on ${code}, so it is not priced until one file is removed`;
            this.log.problems.push({ file: f.file, line: f.lines.get(code) ?? 0, reason: why });
            prev.rows.set(code, { ...seen, limit: undefined, refused: why });
          }
        }
        continue;
      }
      const why = `${f.file} (${f.quarter.quarter}, ${quarterDates(f.quarter)}) overlaps ${prev.file} (${prev.quarter.quarter}, ${quarterDates(prev.quarter)}), so neither prices its dates; load one file per quarter`;
      this.log.problems.push({ file: f.file, line: 0, reason: why });
      prev.quarter.conflict = why;
      f.quarter.conflict = why;
      out.push(f);
    }
    return out;
  }

  private onRecord(cells: string[], line: number): void {
    if (this.phase === 'skip') return;
    if (this.phase === 'preamble') return this.onPreamble(cells, line);
    if (cells.every((c) => c.trim() === '')) return;
    const c = this.cols;
    const code = cellOf(cells, c.code).toUpperCase();
    if (!isHcpcs(code)) {
      // Notes after the data start with words, not a code, and have no limit.
      if (cellOf(cells, c.limit) === '' && !/^[A-Z0-9]{5}$/i.test(code)) return;
      return this.log.add(line, `HCPCS ${shown(code)} is not a HCPCS code`);
    }
    const limitText = cellOf(cells, c.limit).replace(/^\$/, '').replace(/,/g, '');
    let limit: number | undefined;
    let refused: string | undefined;
    if (limitText !== '') {
      limit = decimal(limitText);
      if (!Number.isFinite(limit)) return this.log.add(line, `payment limit ${shown(limitText)} is not an amount`);
      // No CMS file holds these: a limit of 0 would price the drug at $0.00, an absurd one would swamp the total.
      if (limit <= 0) refused = `its payment limit is ${shown(limitText)}, which no ASP file holds (a blank limit means the contractor prices the drug), so ${code} is not priced from this file`;
      else if (limit > MAX_PLAUSIBLE_LIMIT) refused = `its payment limit (${limitText.length} characters) is beyond any ASP limit (the highest are a few million dollars per unit), so ${code} is not priced from this file`;
      if (refused) {
        this.log.add(line, refused);
        limit = undefined;
      }
    }
    const dosageText = cellOf(cells, c.dosage).toUpperCase();
    if (dosageText === '' && limit !== undefined) return this.log.add(line, 'the HCPCS Code Dosage cell is empty, so the billing unit of the payment limit is unknown');
    let dosage = this.dosages.get(dosageText);
    if (dosage === undefined) this.dosages.set(dosageText, (dosage = detach(dosageText)));
    const q = this.current!;
    const entry: AspEntry = { code: detach(code), description: detach(cellOf(cells, c.description)), dosage, limit, quarter: q.quarter, source: q.quarter.source, ...(refused ? { refused } : {}) };
    const seen = q.rows.get(code);
    if (seen && !sameLimit(seen, entry)) {
      // Two rows of one code that disagree: neither wins quietly (issue 21).
      const why = `${code} has two rows that disagree (line ${q.lines.get(code)} and line ${line}), so it is not priced from this file until one is removed`;
      this.log.add(line, why);
      q.rows.set(code, { ...seen, limit: undefined, refused: why });
      return;
    }
    if (seen) return;
    q.lines.set(code, line);
    q.rows.set(code, entry);
  }

  private onPreamble(cells: string[], line: number): void {
    this.records++;
    const names = headerNames(cells);
    if (!(names.some((n) => /^hcpcs/.test(n)) && names.some((n) => /payment (allowance )?limit/.test(n)))) {
      this.banner += ` ${cells.join(' ')}`;
      this.notHeader('no header row with "HCPCS Code" and "Payment Limit" in the first 20 rows: is this a CMS ASP pricing file?');
      return;
    }
    const cols = this.columnsOf(names, COLUMNS, line);
    if (!cols) return;
    const impossible = impossibleBannerDate(this.banner);
    if (impossible) {
      this.phase = 'skip';
      this.log.addFileProblem(line, `the title rows give ${impossible} as an effective date, which is not a day of that month; the quarter the file prices is not known, so the file was not loaded. Get the file again from CMS's ASP pricing page`);
      return;
    }
    const span = aspQuarterOf(this.banner, this.fileName);
    if (!span) {
      // Never guess a quarter: a limit applied to the wrong dates would be a wrong price.
      this.phase = 'skip';
      this.log.addFileProblem(line, 'neither the title rows ("effective April 1, 2026 through June 30, 2026") nor the file name (2026q2) say which quarter the file prices; rename it with its quarter (e.g. asp-2026q2.csv). The file was not loaded');
      return;
    }
    const source: NationalSource = { kind: 'asp', label: `CMS ASP drug pricing ${span.quarter} (${this.fileName})` };
    this.current = { quarter: { quarter: span.quarter, from: span.from, through: span.through, source }, rows: new Map(), lines: new Map(), file: this.fileName };
    this.cols = cols;
    this.phase = 'data';
  }
}

const ymdOfDay = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

/** "2026-04-01 to 2026-06-30", for hovers and notes. */
export function quarterDates(q: AspQuarter): string {
  return `${ymdOfDay(q.from)} to ${ymdOfDay(q.through)}`;
}

export function loadAsp(files: LoaderFile | readonly LoaderFile[]): LoadResult<AspTable> {
  return loadWith(new AspBuilder(), files);
}
