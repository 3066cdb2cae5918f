// Streams CMS's NCCI practitioner PTP parts (tab-delimited text, 1.5 million rows in all) into
// typed arrays: the per-row loop reads cells by character codes and interns codes to integer ids,
// so no string is cut unless a row is bad or new. `finish` builds the hash index over every part.
import { missingColumnsReason } from '../header';
import type { NationalSource, PtpTable } from '../../national';
import { baseName, cmsDay, DATE_FORMS, detach, endSplitter, feedChunk, LineSplitter, loadWith, ProblemLog, shown, type LoadResult, type LoaderFile, type TableBuilder } from '../common';
import { buildHash, FILE_SHIFT, FLAG_PRIOR_1996, MAX_FILES, OPEN, ALWAYS, PtpIndex } from './hash-index';
import { isHeaderContinuation, isHeaderStart, labelOf, MAX_CELLS, MAX_PREAMBLE_LINES, ptpPeriodOfName, resolveHeader, type Column } from './header';

interface FileState {
  name: string;
  phase: 'preamble' | 'header' | 'data' | 'skip';
  headerRows: string[][];
  headerLine: number;
  cols: Record<Column, number>;
  fileIndex: number;
  rows: number;
  /** The file's size as the caller knows it (0: unknown). */
  sizeHint: number;
}

class Rows {
  n = 0;
  col1: Uint32Array;
  col2: Uint32Array;
  eff: Int32Array;
  del: Int32Array;
  rat: Uint16Array;
  flags: Uint8Array;

  constructor(private cap: number) {
    this.col1 = new Uint32Array(cap);
    this.col2 = new Uint32Array(cap);
    this.eff = new Int32Array(cap);
    this.del = new Int32Array(cap);
    this.rat = new Uint16Array(cap);
    this.flags = new Uint8Array(cap);
  }

  reserve(extra: number): void {
    const need = this.n + extra;
    if (need <= this.cap) return;
    let cap = this.cap;
    while (cap < need) cap = Math.ceil(cap * 1.5) + 1024;
    const grow = <A extends Uint32Array | Int32Array | Uint16Array | Uint8Array>(a: A, make: (n: number) => A): A => {
      const b = make(cap);
      b.set(a.subarray(0, this.n));
      return b;
    };
    this.col1 = grow(this.col1, (k) => new Uint32Array(k));
    this.col2 = grow(this.col2, (k) => new Uint32Array(k));
    this.eff = grow(this.eff, (k) => new Int32Array(k));
    this.del = grow(this.del, (k) => new Int32Array(k));
    this.rat = grow(this.rat, (k) => new Uint16Array(k));
    this.flags = grow(this.flags, (k) => new Uint8Array(k));
    this.cap = cap;
  }
}

/** Streams PTP parts in; `finish` builds the index over all of them. */
export class PtpBuilder implements TableBuilder<PtpTable> {
  private readonly log = new ProblemLog();
  private readonly codes: string[] = [];
  private readonly rationales: string[] = [];
  private readonly sources: NationalSource[] = [];
  private readonly names: string[] = [];
  private period: string | undefined;
  private rows = new Rows(1 << 16);
  private file: FileState | undefined;
  private readonly lines = new LineSplitter((text, start, end, no) => this.onLine(text, start, end, no));
  /** Packed code (base 36) -> id, so a row's codes are found without cutting strings. */
  private readonly packedIds = new Map<number, number>();
  /** A date cell of digits as a number -> day number (NaN: not a date); a file has a few hundred distinct dates. */
  private readonly days = new Map<number, number>();
  /** Rationale key (length and three characters) -> ids with that key. */
  private readonly rationaleHash = new Map<number, number[]>();
  private readonly cellStart = new Int32Array(MAX_CELLS);
  private readonly cellEnd = new Int32Array(MAX_CELLS);

  beginFile(name: string, sizeHint?: number): void {
    this.log.beginFile(name);
    const base = baseName(name);
    const period = ptpPeriodOfName(base);
    this.period ??= period;
    const fileIndex = this.sources.length;
    if (fileIndex >= MAX_FILES) {
      this.log.addFileProblem(0, `more than ${MAX_FILES} PTP files; this one was not loaded`);
      this.file = { name, phase: 'skip', headerRows: [], headerLine: 0, cols: {} as Record<Column, number>, fileIndex: 0, rows: 0, sizeHint: 0 };
      return;
    }
    this.names.push(base);
    this.sources.push({ kind: 'ncci-ptp', label: labelOf(period, [base]) });
    this.file = { name, phase: 'preamble', headerRows: [], headerLine: 0, cols: {} as Record<Column, number>, fileIndex, rows: 0, sizeHint: sizeHint ?? 0 };
  }

  push(chunk: string): void {
    const f = this.file;
    if (f && f.phase !== 'skip' && !feedChunk(this.lines, chunk, this.log)) f.phase = 'skip';
  }

  skipsRest(): boolean {
    return this.file?.phase === 'skip';
  }

  endFile(): void {
    endSplitter(this.lines, this.log);
    const f = this.file;
    if (f && f.phase !== 'skip') {
      if (f.phase === 'preamble') this.log.addFileProblem(0, 'no header row naming "Column 1" and "Column 2": is this an NCCI PTP edit file?');
      else if (f.phase === 'header') this.endHeader(f);
      if (f.phase === 'data' && f.rows === 0) this.log.addFileProblem(0, 'no edit rows were read');
    }
    this.log.endFile();
    this.file = undefined;
  }

  finish(): LoadResult<PtpTable> {
    const steps = this.finishInSteps();
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
    }
  }

  /**
   * `finish` in slices of about `rowsPerStep` rows, so a server can yield to its event loop while
   * the 1.5-million-row index is built: call next() until done.
   */
  *finishInSteps(rowsPerStep = 200_000): Generator<void, LoadResult<PtpTable>, void> {
    const r = this.rows;
    const n = r.n;
    // Trim to size: the growth slack is not kept.
    const col1 = r.col1.slice(0, n);
    const col2 = r.col2.slice(0, n);
    const eff = r.eff.slice(0, n);
    const del = r.del.slice(0, n);
    const rat = r.rat.slice(0, n);
    const flags = r.flags.slice(0, n);
    this.rows = new Rows(0);
    yield;
    const { hash, next } = yield* buildHash(col1, col2, rowsPerStep);
    const table = new PtpIndex({
      codes: this.codes,
      rationales: this.rationales,
      sources: this.sources,
      source: { kind: 'ncci-ptp', label: labelOf(this.period, this.names) },
      col1,
      col2,
      eff,
      del,
      rat,
      flags,
      next,
      hash,
    });
    return { table, problems: this.log.problems };
  }

  private onLine(text: string, start: number, end: number, no: number): void {
    const f = this.file;
    if (!f || f.phase === 'skip') return;
    if (f.phase === 'data') {
      this.onRow(text, start, end, no, f);
      return;
    }
    const cells = text.slice(start, end).split('\t');
    if (f.phase === 'preamble') {
      if (isHeaderStart(cells)) {
        f.phase = 'header';
        f.headerRows.push(cells);
        f.headerLine = no;
      } else if (no >= MAX_PREAMBLE_LINES) {
        f.phase = 'skip';
        this.log.addFileProblem(0, `no header row naming "Column 1" and "Column 2" in the first ${MAX_PREAMBLE_LINES} lines: is this an NCCI PTP edit file?`);
      }
      return;
    }
    if (isHeaderContinuation(f.headerRows, cells)) {
      f.headerRows.push(cells);
      return;
    }
    this.endHeader(f);
    // endHeader moved the phase on (to data, or skip when columns are missing).
    if ((f.phase as FileState['phase']) === 'data') this.onRow(text, start, end, no, f);
  }

  private endHeader(f: FileState): void {
    const r = resolveHeader(f.headerRows);
    if ('missing' in r) {
      f.phase = 'skip';
      this.log.addFileProblem(f.headerLine, missingColumnsReason(r.missing));
      return;
    }
    f.cols = r.cols;
    f.phase = 'data';
    // CMS rows run about 60 bytes; reserving up front avoids repeated growth of the arrays. Only
    // once the header is found: a large file of something else must not cost memory.
    if (f.sizeHint) this.rows.reserve(Math.ceil(f.sizeHint / 55));
  }

  /** The hot loop: 1.5 million rows read by character codes, with no string cut unless a row is bad or new. */
  private onRow(text: string, start: number, end: number, no: number, f: FileState): void {
    // Cells, trimmed of spaces.
    const cs = this.cellStart;
    const ce = this.cellEnd;
    let n = 0;
    let at = start;
    for (;;) {
      let tab = text.indexOf('\t', at);
      if (tab < 0 || tab > end) tab = end;
      let a = at;
      let b = tab;
      while (a < b && text.charCodeAt(a) <= 32) a++;
      while (b > a && text.charCodeAt(b - 1) <= 32) b--;
      cs[n] = a;
      ce[n] = b;
      n++;
      if (tab >= end || n >= MAX_CELLS) break;
      at = tab + 1;
    }
    if (n === 1 && cs[0] === ce[0]) return; // blank line
    const c = f.cols;
    const p1 = c.column1 < n ? packCode(text, cs[c.column1], ce[c.column1]) : -1;
    if (p1 < 0) return this.log.add(no, `column 1 ${shown(this.cut(text, n, c.column1))} is not a CPT/HCPCS code`);
    const p2 = c.column2 < n ? packCode(text, cs[c.column2], ce[c.column2]) : -1;
    if (p2 < 0) return this.log.add(no, `column 2 ${shown(this.cut(text, n, c.column2))} is not a CPT/HCPCS code`);
    const eff = c.effective < n ? this.dayAt(text, cs[c.effective], ce[c.effective], ALWAYS) : Number.NaN;
    if (Number.isNaN(eff)) return this.log.add(no, `effective date ${shown(this.cut(text, n, c.effective))} is not ${DATE_FORMS}`);
    const del = c.deletion < n ? this.dayAt(text, cs[c.deletion], ce[c.deletion], OPEN) : OPEN;
    if (Number.isNaN(del)) return this.log.add(no, `deletion date ${shown(this.cut(text, n, c.deletion))} is neither ${DATE_FORMS} nor *`);
    const m = c.modifier < n && ce[c.modifier] - cs[c.modifier] === 1 ? text.charCodeAt(cs[c.modifier]) : 0;
    const mod = m === 48 ? 0 : m === 49 ? 1 : m === 57 ? 2 : -1;
    if (mod < 0) return this.log.add(no, `modifier indicator ${shown(this.cut(text, n, c.modifier))} is not 0, 1 or 9`);
    const prior = c.prior1996 >= 0 && c.prior1996 < n && ce[c.prior1996] - cs[c.prior1996] === 1 && text.charCodeAt(cs[c.prior1996]) === 42;
    const rat = c.rationale >= 0 && c.rationale < n ? this.rationaleAt(text, cs[c.rationale], ce[c.rationale]) : this.rationaleAt('', 0, 0);

    const r = this.rows;
    r.reserve(1);
    const i = r.n++;
    r.col1[i] = this.idOf(p1, text, cs[c.column1]);
    r.col2[i] = this.idOf(p2, text, cs[c.column2]);
    r.eff[i] = eff;
    r.del[i] = del;
    r.rat[i] = rat;
    r.flags[i] = mod | (prior ? FLAG_PRIOR_1996 : 0) | (f.fileIndex << FILE_SHIFT);
    f.rows++;
  }

  /** A cell of the current row as a string: only to quote it in a problem. */
  private cut(text: string, n: number, k: number): string {
    return k >= 0 && k < n ? text.slice(this.cellStart[k], this.cellEnd[k]) : '';
  }

  /**
   * `*` (or empty) is `none`; otherwise the cell's day number (cmsDay's forms), NaN when it is
   * no date. The hot path: a cell of digits is read as a number and its day cached (the digit
   * count tells YYYYMMDD, Julian and Excel numbers apart, so their numbers never collide).
   */
  private dayAt(text: string, a: number, b: number, none: number): number {
    if (b === a || (b - a === 1 && text.charCodeAt(a) === 42)) return none;
    let v = 0;
    for (let k = a; k < b && v >= 0; k++) {
      const d = text.charCodeAt(k) - 48;
      v = d < 0 || d > 9 || b - a > 8 ? -1 : v * 10 + d;
    }
    if (v < 0) return this.otherDay(text.slice(a, b), none);
    let day = this.days.get(v);
    if (day === undefined) {
      day = this.otherDay(text.slice(a, b), none);
      this.days.set(v, day);
    }
    return day;
  }

  private otherDay(cell: string, none: number): number {
    const day = cmsDay(cell);
    return day === null ? none : (day ?? Number.NaN);
  }

  private idOf(packed: number, text: string, at: number): number {
    let id = this.packedIds.get(packed);
    if (id === undefined) {
      id = this.codes.length;
      this.codes.push(text.slice(at, at + 5));
      this.packedIds.set(packed, id);
    }
    return id;
  }

  private rationaleAt(text: string, a: number, b: number): number {
    // A cheap key (length and three characters); startsWith settles it.
    const len = b - a;
    const h = len === 0 ? 0 : len * 2097152 + text.charCodeAt(a) * 16384 + text.charCodeAt(a + (len >> 1)) * 128 + (text.charCodeAt(b - 1) & 127);
    const ids = this.rationaleHash.get(h);
    if (ids) {
      for (const id of ids) {
        const r = this.rationales[id];
        if (r.length === b - a && text.startsWith(r, a)) return id;
      }
    }
    // The file has a few dozen rationales; past 65,535 distinct ones the rest share the first.
    if (this.rationales.length >= 0xffff) return 0;
    const id = this.rationales.length;
    this.rationales.push(detach(text.slice(a, b)));
    if (ids) ids.push(id);
    else this.rationaleHash.set(h, [id]);
    return id;
  }
}

/** A five-character HCPCS code read in place as a base-36 number; -1 when it is not one. */
function packCode(text: string, a: number, b: number): number {
  if (b - a !== 5) return -1;
  let v = 0;
  for (let k = a; k < b; k++) {
    const c = text.charCodeAt(k);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 90 ? c - 55 : -1;
    if (d < 0) return -1;
    v = v * 36 + d;
  }
  return v;
}

/** Loads one or more PTP parts given as text. */
export function loadPtp(files: LoaderFile | readonly LoaderFile[]): LoadResult<PtpTable> {
  return loadWith(new PtpBuilder(), files);
}
