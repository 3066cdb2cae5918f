// Shared pieces of the CMS file loaders: problems with file and line, incremental line and CSV
// splitters (text arrives in chunks so the server can stream big files without stalling), dates,
// and the quarter or year a file's name carries. Pure: text in, records out; no builder throws (a
// splitter's LineTooLongError is caught by feedChunk and reported like any unreadable rest).
import { findColumns, missingColumnsReason, type ColumnSpec } from './header';
import { detach, thousands } from '../../strings';
import type { QuarterPeriod } from '../national';

export interface LoadProblem {
  /** The file as the user named it (path or name). */
  file: string;
  /** One-based line of the file; 0 when the problem is about the whole file. */
  line: number;
  reason: string;
}

/** "file:line: reason" (no line for whole-file problems): file paths and CMS cells only, never claim text. */
export function formatLoadProblem(p: LoadProblem): string {
  return p.line > 0 ? `${p.file}:${p.line}: ${p.reason}` : `${p.file}: ${p.reason}`;
}

export interface LoadResult<T> {
  /** Always a table, possibly empty (size 0) when no row could be read. */
  table: T;
  problems: LoadProblem[];
}

/** A loader fed one file at a time, in chunks; `finish` builds the index. */
export interface TableBuilder<T> {
  beginFile(name: string, sizeHint?: number): void;
  push(chunk: string): void;
  /**
   * True once nothing more of the current file will be read (a wrong header, a line too long):
   * a streaming caller can stop reading it and go on to `endFile`.
   */
  skipsRest(): boolean;
  endFile(): void;
  finish(): LoadResult<T>;
}

export interface LoaderFile {
  name: string;
  text: string;
}

/** Feeds whole texts through a builder: the simple path for tests and small files. */
export function loadWith<T>(builder: TableBuilder<T>, files: LoaderFile | readonly LoaderFile[]): LoadResult<T> {
  for (const f of Array.isArray(files) ? files : [files as LoaderFile]) {
    builder.beginFile(f.name, f.text.length);
    builder.push(f.text);
    builder.endFile();
  }
  return builder.finish();
}

/** More bad rows than this in one file are counted, not listed: a wrong file must not flood the UI. */
export const MAX_PROBLEMS_PER_FILE = 50;

/**
 * The longest line (or CSV record) read: CMS rows are a few hundred characters at most. A file with
 * a longer one is not in the layout expected (a binary file, a file with no line breaks), and it is
 * not read further: keeping an unbounded line would cost memory and time for nothing.
 */
export const MAX_LINE_CHARS = 65_536;

/** Thrown by a splitter at a line over MAX_LINE_CHARS; it reads nothing more until `end()`. */
export class LineTooLongError extends Error {
  constructor(readonly line: number) {
    super(`line ${line} is longer than ${MAX_LINE_CHARS} characters`);
    this.name = 'LineTooLongError';
  }
}

/**
 * Feeds one chunk of a file to its splitter. A failure is reported once for the file and the
 * rows before it stay loaded; returns false so the builder can skip the rest of the file.
 */
export function feedChunk(splitter: { push(chunk: string): void }, chunk: string, log: ProblemLog): boolean {
  try {
    splitter.push(chunk);
    return true;
  } catch (err) {
    if (err instanceof LineTooLongError) {
      log.addFileProblem(
        err.line,
        `a row longer than ${thousands(MAX_LINE_CHARS)} characters starts here (CMS rows are a few hundred at most), so this is not a CMS file in the expected layout; the file was not read further, the rows before were loaded`,
      );
    } else log.addFileProblem(0, `could not be read to the end (${err instanceof Error ? err.name : 'error'}); the rows before were loaded`);
    return false;
  }
}

/** Ends a splitter at the end of a file: only its last row could be lost there, and that is reported. */
export function endSplitter(splitter: { end(): void }, log: ProblemLog): void {
  try {
    splitter.end();
  } catch (err) {
    log.addFileProblem(0, `its last row could not be read (${err instanceof Error ? err.name : 'error'}); the rows before were loaded`);
  }
}

/**
 * What the loaders of a table read as a header row, then data rows (MUE, GPCI, localities, ASP,
 * add-on codes) share: each file starts in its preamble, which is given up after 20 records with
 * no header; a header missing a required column gives the file up, naming the columns; a line too
 * long or a read error stops the file; and its end says when it had no header or no row after it.
 * A subclass reads the records (`splitter` calls it) and says what the table is.
 */
export abstract class HeaderThenRowsBuilder<T> implements TableBuilder<T> {
  protected readonly log = new ProblemLog();
  protected phase: 'preamble' | 'data' | 'skip' = 'preamble';
  /** Records of the current file read in its preamble. */
  protected records = 0;
  /** Data rows of the current file taken into the table. */
  protected rows = 0;
  /** What the file's text goes through: it calls the subclass's reader with each record or line. */
  protected abstract readonly splitter: { push(chunk: string): void; end(): void };
  /** The end of a file with no header row (`noHeader`), or none after it (`noRows`). */
  protected abstract readonly endProblems: { noHeader: string; noRows: string };

  abstract beginFile(name: string, sizeHint?: number): void;
  abstract finish(): LoadResult<T>;

  push(chunk: string): void {
    if (!feedChunk(this.splitter, chunk, this.log)) this.phase = 'skip';
  }

  skipsRest(): boolean {
    return this.phase === 'skip';
  }

  endFile(): void {
    endSplitter(this.splitter, this.log);
    if (this.phase === 'preamble') this.log.addFileProblem(0, this.endProblems.noHeader);
    else if (this.phase === 'data' && this.rowsRead() === 0) this.log.addFileProblem(0, this.endProblems.noRows);
    this.fileRead();
    this.log.endFile();
  }

  /** Starts a file: its problems, its preamble, its counts. The subclass's beginFile calls it first. */
  protected startFile(name: string): void {
    this.log.beginFile(name);
    this.phase = 'preamble';
    this.records = 0;
    this.rows = 0;
  }

  /** The rows the current file gave, for `noRows`. */
  protected rowsRead(): number {
    return this.rows;
  }

  /** After a file's end problems, before its log ends: what the subclass keeps per file. */
  protected fileRead(): void {}

  /** A preamble record that is not the header: after 20, the file is given up with `problem`. */
  protected notHeader(problem: string): void {
    if (this.records < 20) return;
    this.phase = 'skip';
    this.log.addFileProblem(0, problem);
  }

  /** The header's columns, found by name; undefined when a required one is missing (the file is given up, the columns named). */
  protected columnsOf<K extends string>(names: readonly string[], specs: readonly ColumnSpec<K>[], line: number): Record<K, number> | undefined {
    const { cols, missing } = findColumns(names, specs);
    if (missing.length === 0) return cols;
    this.phase = 'skip';
    this.log.addFileProblem(line, missingColumnsReason(missing));
    return undefined;
  }
}

export class ProblemLog {
  readonly problems: LoadProblem[] = [];
  private file = '';
  private count = 0;

  beginFile(file: string): void {
    this.file = file;
    this.count = 0;
  }

  add(line: number, reason: string): void {
    this.count++;
    if (this.count <= MAX_PROBLEMS_PER_FILE) this.problems.push({ file: this.file, line, reason });
  }

  /** Whole-file problems (a missing column, an unreadable file) are always listed. */
  addFileProblem(line: number, reason: string): void {
    this.problems.push({ file: this.file, line, reason });
  }

  endFile(): void {
    if (this.count > MAX_PROBLEMS_PER_FILE) {
      this.problems.push({ file: this.file, line: 0, reason: `${this.count - MAX_PROBLEMS_PER_FILE} more bad rows not listed (${this.count} in all); they were skipped` });
    }
    this.count = 0;
  }
}

/**
 * Splits streamed text into lines (LF or CRLF), numbering them from 1; a chunk may end mid-line.
 * Each line is given as a range of the text, so a hot loop can read it without a copy. Linear in
 * the text whatever its shape: each chunk is searched once, and a line cut by chunk ends is kept
 * as pieces joined once when it ends. A line over MAX_LINE_CHARS throws LineTooLongError and
 * nothing more is read until `end()`. With `mark`, each line also says whether it holds that
 * character (found with one search per chunk, not one per line).
 */
export class LineSplitter {
  /** The unfinished line, in pieces (copies: a kept slice would pin its whole chunk). */
  private pieces: string[] = [];
  private restLength = 0;
  private lineNo = 0;
  private first = true;
  private stopped = false;

  constructor(
    private readonly onLine: (text: string, start: number, end: number, lineNo: number, marked: boolean) => void,
    private readonly mark?: string,
  ) {}

  push(chunk: string): void {
    if (this.stopped) return;
    if (this.first && chunk.length > 0) {
      this.first = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    let start = 0;
    let nl = chunk.indexOf('\n');
    if (this.restLength > 0 && nl >= 0) {
      this.pieces.push(chunk.slice(0, nl));
      const line = this.pieces.join('');
      this.pieces = [];
      this.restLength = 0;
      this.emit(line, 0, line.length, this.mark !== undefined && line.includes(this.mark));
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    // The next mark in the chunk, found once and reused: a search from every line would be quadratic.
    let markAt = this.mark === undefined ? -1 : -2;
    while (nl >= 0) {
      if (markAt !== -1 && markAt < start) markAt = chunk.indexOf(this.mark!, start);
      this.emit(chunk, start, nl, markAt >= 0 && markAt < nl);
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    if (start < chunk.length) {
      this.restLength += chunk.length - start;
      // One more than the limit: the line's CR may still be to come.
      if (this.restLength > MAX_LINE_CHARS + 1) this.stop();
      this.pieces.push(detach(chunk.slice(start)));
    }
  }

  end(): void {
    if (!this.stopped && this.restLength > 0) {
      const line = this.pieces.join('');
      this.pieces = [];
      this.restLength = 0;
      this.emit(line, 0, line.length, this.mark !== undefined && line.includes(this.mark));
    }
    this.discard();
  }

  /** Forgets the file read so far, emitting nothing: ready for the next file. */
  discard(): void {
    this.pieces = [];
    this.restLength = 0;
    this.lineNo = 0;
    this.first = true;
    this.stopped = false;
  }

  /** The line [start, nl) of `text`, without its CR. */
  private emit(text: string, start: number, nl: number, marked: boolean): void {
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    if (end - start > MAX_LINE_CHARS) this.stop();
    this.onLine(text, start, end, ++this.lineNo, marked);
  }

  private stop(): never {
    this.stopped = true;
    this.pieces = [];
    this.restLength = 0;
    throw new LineTooLongError(this.lineNo + 1);
  }
}

/**
 * An RFC 4180 CSV reader fed in chunks: quoted cells may hold commas, doubled quotes and line
 * breaks (CMS's banner and header cells do). Each record comes with the line it starts on. Lines
 * without a quote (nearly all) are split natively; a record whose quoted cell runs on past its line
 * gathers lines until the quote closes, each line scanned once. A record over MAX_LINE_CHARS
 * throws LineTooLongError.
 *
 * Once `quotedLineBreaks` is set to false (a file's data rows, whose cells never span lines), a
 * quoted cell not closed on its line ends there and its record comes flagged `unclosed`: one stray
 * quote costs its row, not the rest of the file. A quote still open at the end of the file is
 * flagged the same way.
 */
export class CsvSplitter {
  quotedLineBreaks = true;
  private readonly lines = new LineSplitter((text, start, end, no, quoted) => this.onLine(text, start, end, no, quoted), '"');
  /** The lines of a record whose quoted cell is still open. */
  private pending: string[] = [];
  private pendingLength = 0;
  private pendingLine = 0;
  private stopped = false;

  constructor(private readonly onRecord: (cells: string[], lineNo: number, unclosed: boolean) => void) {}

  push(chunk: string): void {
    if (this.stopped) return;
    try {
      this.lines.push(chunk);
    } catch (err) {
      this.stopped = true;
      throw err;
    }
  }

  end(): void {
    try {
      if (this.stopped) this.lines.discard();
      else {
        this.lines.end();
        if (this.pending.length > 0) this.emit(this.pending.join('\n'), this.pendingLine);
      }
    } finally {
      this.pending = [];
      this.pendingLength = 0;
      this.stopped = false;
      this.quotedLineBreaks = true;
    }
  }

  private onLine(text: string, start: number, end: number, no: number, quoted: boolean): void {
    if (this.pending.length === 0) {
      if (!quoted) {
        if (end > start) this.onRecord(text.slice(start, end).split(','), no, false);
        return;
      }
      if (this.quotedLineBreaks && opensQuote(text, start, end, false)) {
        this.pending.push(text.slice(start, end));
        this.pendingLength = end - start;
        this.pendingLine = no;
        return;
      }
      this.emit(text.slice(start, end), no);
      return;
    }
    this.pendingLength += end - start + 1;
    if (this.pendingLength > MAX_LINE_CHARS) throw new LineTooLongError(this.pendingLine);
    this.pending.push(text.slice(start, end));
    if (quoted && !opensQuote(text, start, end, true)) {
      const record = this.pending.join('\n');
      this.pending = [];
      this.emit(record, this.pendingLine);
    }
  }

  /** Parses one whole record that has quotes. */
  private emit(record: string, line: number): void {
    const cells: string[] = [];
    let unclosed = false;
    let i = 0;
    const n = record.length;
    for (;;) {
      let cell = '';
      if (i < n && record.charCodeAt(i) === 34) {
        i++;
        for (;;) {
          const q = record.indexOf('"', i);
          if (q < 0) {
            unclosed = true;
            cell += record.slice(i);
            i = n;
            break;
          }
          cell += record.slice(i, q);
          if (record.charCodeAt(q + 1) === 34) {
            cell += '"';
            i = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
      }
      // Text after a closing quote, up to the delimiter, is kept as written.
      let j = record.indexOf(',', i);
      if (j < 0) j = n;
      cell += record.slice(i, j);
      cells.push(cell);
      if (j >= n) break;
      i = j + 1;
    }
    // An empty record is no record, unless a quote was left open in it: that is reported.
    if (unclosed || !(cells.length === 1 && cells[0] === '')) this.onRecord(cells, line, unclosed);
  }
}

/**
 * Whether a quoted cell is still open at the end of text[start, end): the line starts inside one
 * when `inQuote`. A quote opens a cell only at its start; elsewhere it is kept as written.
 */
function opensQuote(text: string, start: number, end: number, inQuote: boolean): boolean {
  let i = start;
  if (!inQuote && i < end && text.charCodeAt(i) === 34) {
    inQuote = true;
    i++;
  }
  for (;;) {
    if (inQuote) {
      // Find the closing quote (a doubled quote is a quote in the cell).
      for (;;) {
        while (i < end && text.charCodeAt(i) !== 34) i++;
        if (i >= end) return true;
        if (i + 1 < end && text.charCodeAt(i + 1) === 34) i += 2;
        else break;
      }
      i++;
      inQuote = false;
    }
    while (i < end && text.charCodeAt(i) !== 44) i++;
    if (i >= end) return false;
    i++;
    if (i < end && text.charCodeAt(i) === 34) {
      inQuote = true;
      i++;
    }
  }
}

const MS_PER_DAY = 86_400_000;

/** YYYYMMDD to days since 1970-01-01 (the model's calendar day numbers); undefined if not a real date. */
export function dayOfYmd(s: string): number | undefined {
  if (s.length !== 8) return undefined;
  for (let i = 0; i < 8; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  return dayOfParts(+s.slice(0, 4), +s.slice(4, 6), +s.slice(6, 8));
}

/** The date forms a CMS date cell may take, for problems. */
export const DATE_FORMS = 'a date (YYYYMMDD, Julian YYYYDDD, MM/DD/YYYY or an Excel date number)';

/** Days from 1970-01-01 back to Excel's day 0 (1899-12-30, which absorbs Excel's phantom 1900-02-29). */
const EXCEL_EPOCH_DAY = -25_569;

/**
 * A date cell of any CMS file, in the forms CMS ships: YYYYMMDD (the text files), Julian YYYYDDD
 * (the add-on code workbook's "(Julian)" columns), MM/DD/YYYY, or an Excel date
 * number (a workbook cell formatted as a date; days since 1899-12-30). Returns the day number
 * (days since 1970-01-01), `null` for none (blank or `*`), undefined when it is no date.
 */
export function cmsDay(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '' || t === '*') return null;
  if (/^\d{8}$/.test(t)) return dayOfYmd(t);
  if (/^\d{7}$/.test(t)) return dayOfJulian(+t.slice(0, 4), +t.slice(4));
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (us) return dayOfParts(+us[3], +us[1], +us[2]);
  // An Excel serial: at most five digits (99999 is the year 2173), a time of day ignored.
  const serial = /^(\d{1,5})(\.\d+)?$/.exec(t);
  if (serial && +serial[1] > 0) return EXCEL_EPOCH_DAY + +serial[1];
  return undefined;
}

/** Year and day of the year (1-366) to a day number; undefined past the year's end. */
function dayOfJulian(year: number, dayOfYear: number): number | undefined {
  if (year < 1900 || dayOfYear < 1) return undefined;
  const first = Date.UTC(year, 0, 1) / MS_PER_DAY;
  const next = Date.UTC(year + 1, 0, 1) / MS_PER_DAY;
  return first + dayOfYear - 1 < next ? first + dayOfYear - 1 : undefined;
}

function dayOfParts(y: number, m: number, d: number): number | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const t = Date.UTC(y, m - 1, d);
  return new Date(t).getUTCDate() === d ? t / MS_PER_DAY : undefined;
}

/** The last path segment, whichever separator the user's OS uses. */
export function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i >= 0 ? path.slice(i + 1) : path;
}

/** A year and quarter written in a file name: "2026q1", "2026-Q1", "Eff_04-01-2026" (April -> Q2). */
export function quarterOfName(name: string): string | undefined {
  const q = /(20\d\d)[ _-]?q([1-4])(?![0-9])/i.exec(name) ?? /(?<![0-9])q([1-4])[ _-]?(20\d\d)/i.exec(name);
  if (q) return /^20/.test(q[1]) ? `${q[1]}Q${q[2]}` : `${q[2]}Q${q[1]}`;
  const eff = /(?<![0-9])(0[1-9]|1[0-2])[-_.](\d\d)[-_.](20\d\d)(?![0-9])/.exec(name);
  if (eff) return `${eff[3]}Q${Math.ceil(+eff[1] / 3)}`;
  return undefined;
}

/** "2026Q1" as its year and quarter. */
export function quarterParts(q: string | undefined): QuarterPeriod | undefined {
  const m = q ? /^(20\d\d)Q([1-4])$/.exec(q) : null;
  return m ? { year: Number(m[1]), quarter: Number(m[2]) as QuarterPeriod['quarter'] } : undefined;
}

/**
 * Whether a quarterly file prices `day` (days since 1970-01-01): the days of its year from its
 * quarter's first day on (a later file of the year takes over; another year's file never applies).
 */
export function periodCovers(p: QuarterPeriod, day: number): boolean {
  return day >= Date.UTC(p.year, (p.quarter - 1) * 3, 1) / MS_PER_DAY && day < Date.UTC(p.year + 1, 0, 1) / MS_PER_DAY;
}

/** HCPCS level I or II: five characters, digits and capitals (99213, 0075T, J9200). */
export function isHcpcs(s: string): boolean {
  if (s.length !== 5) return false;
  for (let i = 0; i < 5; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) return false;
  }
  return true;
}

/**
 * Quotes a cell in a problem only when it looks like a code, date or indicator (capitals, digits,
 * `*`, `.`, `-`, with a digit or `*`): a path set to the wrong file (a claim, say) must not put
 * its words, which may be a patient's name, into the editor's warnings or a CI log.
 */
export function shown(s: string): string {
  if (s === '') return '(empty)';
  if (/^[0-9A-Z.*-]{1,10}$/.test(s) && /[0-9*]/.test(s)) return `"${s}"`;
  return `(${s.length} character${s.length === 1 ? '' : 's'}, not shown)`;
}

// The loaders import detach from here; it lives in core/strings.ts, shared with the parser.
export { detach };
