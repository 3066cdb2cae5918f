// Shared pieces of the CMS file loaders: problems with file and line, incremental line and CSV
// splitters (text arrives in chunks so the server can stream big files without stalling), dates,
// and the quarter or year a file's name carries. Pure: text in, records out; nothing throws.

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
 * Feeds one chunk of a file to its splitter. A failure is reported once for the file and the
 * rows before it stay loaded; returns false so the builder can skip the rest of the file.
 */
export function feedChunk(splitter: { push(chunk: string): void }, chunk: string, log: ProblemLog): boolean {
  try {
    splitter.push(chunk);
    return true;
  } catch (err) {
    log.addFileProblem(0, `could not be read to the end (${err instanceof Error ? err.name : 'error'}); the rows before were loaded`);
    return false;
  }
}

/** Ends a splitter at the end of a file: only its last row could be lost there, so a failure is not reported. */
export function endSplitter(splitter: { end(): void }): void {
  try {
    splitter.end();
  } catch {
    // Only the last row could be lost here.
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
 * Each line is given as a range of the text, so a hot loop can read it without a copy.
 */
export class LineSplitter {
  private rest = '';
  private lineNo = 0;
  private first = true;

  constructor(private readonly onLine: (text: string, start: number, end: number, lineNo: number) => void) {}

  push(chunk: string): void {
    if (this.first && chunk.length > 0) {
      this.first = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    const text = this.rest.length > 0 ? this.rest + chunk : chunk;
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.onLine(text, start, end, ++this.lineNo);
      start = nl + 1;
    }
    // Copy the tail so it does not keep the whole chunk alive until the next push.
    this.rest = start < text.length ? detach(text.slice(start)) : '';
  }

  end(): void {
    if (this.rest.length > 0) {
      const line = this.rest;
      this.rest = '';
      this.onLine(line, 0, line.endsWith('\r') ? line.length - 1 : line.length, ++this.lineNo);
    }
    this.lineNo = 0;
    this.first = true;
  }
}

/**
 * An RFC 4180 CSV reader fed in chunks: quoted cells may hold commas, doubled quotes and line
 * breaks (CMS's banner and header cells do). Each record comes with the line it starts on. Rows
 * without a quote (nearly all) are split natively; a record cut by a chunk end waits for the next.
 */
export class CsvSplitter {
  private rest = '';
  private line = 1;
  private first = true;

  constructor(private readonly onRecord: (cells: string[], lineNo: number) => void) {}

  push(chunk: string): void {
    if (this.first && chunk.length > 0) {
      this.first = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    const text = this.rest.length > 0 ? this.rest + chunk : chunk;
    const pos = this.records(text, false);
    this.rest = pos < text.length ? detach(text.slice(pos)) : '';
  }

  end(): void {
    if (this.rest.length > 0) this.records(this.rest, true);
    this.rest = '';
    this.line = 1;
    this.first = true;
  }

  /** Emits the complete records of `text`; returns where the unfinished one starts. */
  private records(text: string, atEnd: boolean): number {
    let pos = 0;
    const n = text.length;
    // The next quote, found once and reused: searching from every line would be quadratic.
    let quote = -2;
    while (pos < n) {
      let nl = text.indexOf('\n', pos);
      if (nl < 0) {
        if (!atEnd) return pos;
        nl = n;
      }
      if (quote !== -1 && quote < pos) quote = text.indexOf('"', pos);
      if (quote < 0 || quote > nl) {
        const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        if (end > pos) this.onRecord(text.slice(pos, end).split(','), this.line);
        this.line++;
        pos = nl + 1;
        continue;
      }
      const next = this.quotedRecord(text, pos, atEnd);
      if (next < 0) return pos;
      pos = next;
    }
    return n;
  }

  /** Reads one record that has quotes; returns the position after it, or -1 if the text ends inside it. */
  private quotedRecord(text: string, pos: number, atEnd: boolean): number {
    const cells: string[] = [];
    const startLine = this.line;
    let lines = 0;
    let i = pos;
    const n = text.length;
    for (;;) {
      let cell = '';
      if (i < n && text.charCodeAt(i) === 34) {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            if (!atEnd) return -1;
            cell += text.slice(i);
            i = n;
            break;
          }
          cell += text.slice(i, q);
          if (q + 1 < n && text.charCodeAt(q + 1) === 34) {
            cell += '"';
            i = q + 2;
            continue;
          }
          if (q + 1 >= n && !atEnd) return -1;
          i = q + 1;
          break;
        }
        // Text after the closing quote, up to the delimiter, is kept as written.
        let j = i;
        while (j < n && text.charCodeAt(j) !== 44 && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
        cell += text.slice(i, j);
        i = j;
        for (let k = 0; k < cell.length; k++) if (cell.charCodeAt(k) === 10) lines++;
        cell = cell.replace(/\r\n?/g, '\n');
      } else {
        let j = i;
        while (j < n && text.charCodeAt(j) !== 44 && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
        cell = text.slice(i, j);
        i = j;
      }
      cells.push(cell);
      if (i >= n) {
        if (!atEnd) return -1;
        break;
      }
      const c = text.charCodeAt(i);
      if (c === 44) {
        i++;
        continue;
      }
      // End of the record: CRLF, LF or CR.
      if (c === 13 && i + 1 >= n && !atEnd) return -1;
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      break;
    }
    this.line += lines + 1;
    if (!(cells.length === 1 && cells[0] === '')) this.onRecord(cells, startLine);
    return i;
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
  const y = +s.slice(0, 4);
  const m = +s.slice(4, 6);
  const d = +s.slice(6, 8);
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const t = Date.UTC(y, m - 1, d);
  if (new Date(t).getUTCDate() !== d) return undefined;
  return t / MS_PER_DAY;
}

/** YYYY-MM-DD of a day number, for hovers and problems. */
export function ymdOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
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

/**
 * A copy of `s` that does not keep the chunk it was cut from alive: V8 substrings point into their
 * parent, so a kept code or description would otherwise pin the whole chunk of file text.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
