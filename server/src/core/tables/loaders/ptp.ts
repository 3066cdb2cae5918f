// CMS's NCCI practitioner procedure-to-procedure edits: tab-delimited text in parts (f1, f2, ...),
// 1.5 million rows in all. Rows live in typed arrays with codes interned to integer ids, and an
// open-addressing hash from the (column 1, column 2) pair to the pair's chain of date windows:
// constant-time look-up at about 35 bytes a row (hash included), and a byte image a server can cache.
import type { NationalSource, PtpEdit, PtpTable } from '../national';
import { baseName, dayOfYmd, detach, LineSplitter, loadWith, ProblemLog, quarterOfName, shown, type LoadResult, type LoaderFile, type TableBuilder } from './common';

/** No deletion date (`*`): in force. */
const OPEN = 0x7fffffff;
/** No effective date (`*` = no data): in force since before any date of service. */
const ALWAYS = -0x80000000;

const MOD_CODES = ['0', '1', '9'] as const;
const FLAG_MOD_MASK = 0b11;
const FLAG_PRIOR_1996 = 0b100;
const FILE_SHIFT = 3;
/** File index lives in the flag byte's top 5 bits. */
const MAX_FILES = 32;
/** Cells read per row; the file has seven. */
const MAX_CELLS = 16;

type Column = 'column1' | 'column2' | 'prior1996' | 'effective' | 'deletion' | 'modifier' | 'rationale';

const COLUMNS: { key: Column; name: string; pattern: RegExp; required: boolean }[] = [
  { key: 'column1', name: 'Column 1', pattern: /^column\s*(1|one)\b/, required: true },
  { key: 'column2', name: 'Column 2', pattern: /^column\s*(2|two)\b/, required: true },
  { key: 'prior1996', name: '*=in existence prior to 1996', pattern: /existence|1996/, required: false },
  { key: 'effective', name: 'Effective Date', pattern: /^effective/, required: true },
  { key: 'deletion', name: 'Deletion Date', pattern: /^deletion/, required: true },
  { key: 'modifier', name: 'Modifier', pattern: /^modifier/, required: true },
  { key: 'rationale', name: 'PTP Edit Rationale', pattern: /rationale/, required: false },
];

/** The NCCI version in CMS's file names (ccipra-v321r0-f1.txt is version 32.1): version 26.0 took effect 2020-01-01, one minor version a quarter. */
export function ptpPeriodOfName(name: string): string | undefined {
  const direct = quarterOfName(name);
  if (direct) return direct;
  const v = /v(\d\d)(\d)r\d/i.exec(name);
  if (v && +v[2] <= 3) return `${1994 + +v[1]}Q${+v[2] + 1}`;
  return undefined;
}

function labelOf(period: string | undefined, names: string[]): string {
  return `NCCI PTP practitioner edits${period ? ` ${period}` : ''} (${names.join(', ')})`;
}

interface FileState {
  name: string;
  phase: 'preamble' | 'header' | 'data' | 'skip';
  headerRows: string[][];
  headerLine: number;
  cols: Record<Column, number>;
  fileIndex: number;
  rows: number;
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
  /** YYYYMMDD as a number -> day number (NaN: not a date); a file has a few hundred distinct dates. */
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
      this.file = { name, phase: 'skip', headerRows: [], headerLine: 0, cols: {} as Record<Column, number>, fileIndex: 0, rows: 0 };
      return;
    }
    this.names.push(base);
    this.sources.push({ kind: 'ncci-ptp', label: labelOf(period, [base]) });
    // CMS rows run about 60 bytes; reserving up front avoids repeated growth of the arrays.
    if (sizeHint) this.rows.reserve(Math.ceil(sizeHint / 55));
    this.file = { name, phase: 'preamble', headerRows: [], headerLine: 0, cols: {} as Record<Column, number>, fileIndex, rows: 0 };
  }

  push(chunk: string): void {
    try {
      this.lines.push(chunk);
    } catch (err) {
      this.internal(err);
    }
  }

  endFile(): void {
    try {
      this.lines.end();
    } catch (err) {
      this.internal(err);
    }
    const f = this.file;
    if (f && f.phase !== 'skip') {
      if (f.phase === 'preamble') this.log.addFileProblem(0, 'no header row naming "Column 1" and "Column 2": is this an NCCI PTP edit file?');
      else if (f.phase === 'header') this.resolveHeader();
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
    let size = 1024;
    while (size < n * 2) size *= 2;
    const hash = new Int32Array(size);
    const next = new Int32Array(n).fill(-1);
    const mask = size - 1;
    for (let i = 0; i < n; i++) {
      if (i > 0 && i % rowsPerStep === 0) yield;
      const a = col1[i];
      const b = col2[i];
      let slot = pairHash(a, b) & mask;
      for (;;) {
        const head = hash[slot];
        if (head === 0) {
          hash[slot] = i + 1;
          break;
        }
        if (col1[head - 1] === a && col2[head - 1] === b) {
          // Same pair, another date window: chain it.
          next[i] = head - 1;
          hash[slot] = i + 1;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
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

  private internal(err: unknown): void {
    this.log.addFileProblem(0, `could not be read to the end (${err instanceof Error ? err.name : 'error'}); the rows before were loaded`);
    if (this.file) this.file.phase = 'skip';
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
      const lower = cells.map((c) => c.trim().toLowerCase());
      if (lower.some((c) => /^column\s*(1|one)\b/.test(c)) && lower.some((c) => /^column\s*(2|two)\b/.test(c))) {
        f.phase = 'header';
        f.headerRows.push(cells);
        f.headerLine = no;
      } else if (no >= 50) {
        f.phase = 'skip';
        this.log.addFileProblem(0, 'no header row naming "Column 1" and "Column 2" in the first 50 lines: is this an NCCI PTP edit file?');
      }
      return;
    }
    // Header continuation lines (the headings wrap) are empty under Column 1 and Column 2; the
    // first row with a value there is data.
    const [i1, i2] = [/^column\s*(1|one)\b/, /^column\s*(2|two)\b/].map((re) => f.headerRows[0].findIndex((c) => re.test(c.trim().toLowerCase())));
    if ((cells[i1] ?? '').trim() === '' && (cells[i2] ?? '').trim() === '' && f.headerRows.length < 8) {
      f.headerRows.push(cells);
      return;
    }
    this.resolveHeader();
    // resolveHeader moved the phase on (to data, or skip when columns are missing).
    if ((f.phase as FileState['phase']) === 'data') this.onRow(text, start, end, no, f);
  }

  private resolveHeader(): void {
    const f = this.file!;
    const width = f.headerRows.reduce((w, r) => Math.max(w, r.length), 0);
    const names: string[] = [];
    for (let i = 0; i < width; i++) {
      names.push(
        f.headerRows
          .map((r) => (r[i] ?? '').trim())
          .filter(Boolean)
          .join(' ')
          .replace(/\s+/g, ' ')
          .toLowerCase(),
      );
    }
    const missing: string[] = [];
    for (const col of COLUMNS) {
      const i = names.findIndex((name, k) => col.pattern.test(name) && !Object.values(f.cols).includes(k));
      if (i >= 0 && i < MAX_CELLS) f.cols[col.key] = i;
      else {
        f.cols[col.key] = -1;
        if (col.required) missing.push(col.name);
      }
    }
    if (missing.length > 0) {
      f.phase = 'skip';
      this.log.addFileProblem(f.headerLine, `missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} in the header; the file was not loaded`);
      return;
    }
    f.phase = 'data';
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
    if (Number.isNaN(eff)) return this.log.add(no, `effective date ${shown(this.cut(text, n, c.effective))} is not a YYYYMMDD date`);
    const del = c.deletion < n ? this.dayAt(text, cs[c.deletion], ce[c.deletion], OPEN) : OPEN;
    if (Number.isNaN(del)) return this.log.add(no, `deletion date ${shown(this.cut(text, n, c.deletion))} is neither a YYYYMMDD date nor *`);
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

  /** `*` (or empty) is `none`; otherwise a YYYYMMDD day number, NaN when it is not one. */
  private dayAt(text: string, a: number, b: number, none: number): number {
    if (b === a || (b - a === 1 && text.charCodeAt(a) === 42)) return none;
    if (b - a !== 8) return Number.NaN;
    let v = 0;
    for (let k = a; k < b; k++) {
      const d = text.charCodeAt(k) - 48;
      if (d < 0 || d > 9) return Number.NaN;
      v = v * 10 + d;
    }
    let day = this.days.get(v);
    if (day === undefined) {
      day = dayOfYmd(String(v)) ?? Number.NaN;
      this.days.set(v, day);
    }
    return day;
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

function pairHash(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

interface PtpParts {
  codes: string[];
  rationales: string[];
  sources: NationalSource[];
  source: NationalSource;
  col1: Uint32Array;
  col2: Uint32Array;
  eff: Int32Array;
  del: Int32Array;
  rat: Uint16Array;
  flags: Uint8Array;
  next: Int32Array;
  hash: Int32Array;
}

class PtpIndex implements PtpTable {
  readonly source: NationalSource;
  readonly size: number;
  private readonly ids: Map<string, number>;

  constructor(readonly parts: PtpParts) {
    this.source = parts.source;
    this.size = parts.col1.length;
    this.ids = new Map(parts.codes.map((c, i) => [c, i]));
  }

  lookup(code1: string, code2: string, day: number | undefined): PtpEdit | undefined {
    const p = this.parts;
    // Date windows: effective <= day < deletion (the deletion date is the first day the edit no
    // longer applies). Overlapping windows: the latest effective wins. Without a calendar day,
    // the edit in force now: a window with no deletion date.
    let best = -1;
    for (let i = this.headRow(code1, code2); i >= 0; i = p.next[i]) {
      const covers = day === undefined ? p.del[i] === OPEN : p.eff[i] <= day && day < p.del[i];
      if (covers && (best < 0 || p.eff[i] > p.eff[best])) best = i;
    }
    return best < 0 ? undefined : this.edit(best);
  }

  /** Every date window of the pair, oldest first (hover, tests). */
  windows(code1: string, code2: string): PtpEdit[] {
    const out: PtpEdit[] = [];
    for (let i = this.headRow(code1, code2); i >= 0; i = this.parts.next[i]) out.push(this.edit(i));
    return out.sort((x, y) => x.effective - y.effective);
  }

  /** The pair's newest row (its other windows are chained by `next`), -1 when the pair has no edit. */
  private headRow(code1: string, code2: string): number {
    const a = this.ids.get(code1);
    const b = this.ids.get(code2);
    if (a === undefined || b === undefined) return -1;
    const p = this.parts;
    const mask = p.hash.length - 1;
    let slot = pairHash(a, b) & mask;
    // The table always has empty slots (load factor <= 0.5), so the probe ends.
    for (;;) {
      const head = p.hash[slot];
      if (head === 0) return -1;
      if (p.col1[head - 1] === a && p.col2[head - 1] === b) return head - 1;
      slot = (slot + 1) & mask;
    }
  }

  private edit(i: number): PtpEdit {
    const p = this.parts;
    const flags = p.flags[i];
    const del = p.del[i];
    return {
      column1: p.codes[p.col1[i]],
      column2: p.codes[p.col2[i]],
      modifierIndicator: MOD_CODES[flags & FLAG_MOD_MASK],
      effective: p.eff[i] === ALWAYS ? Number.NEGATIVE_INFINITY : p.eff[i],
      deleted: del === OPEN ? undefined : del,
      priorTo1996: (flags & FLAG_PRIOR_1996) !== 0,
      rationale: p.rationales[p.rat[i]] ?? '',
      source: p.sources[flags >>> FILE_SHIFT] ?? p.source,
    };
  }
}

/** Loads one or more PTP parts given as text. */
export function loadPtp(files: LoaderFile | readonly LoaderFile[]): LoadResult<PtpTable> {
  return loadWith(new PtpBuilder(), files);
}

// ---- Prepared-index cache: the typed arrays as bytes, so a server can skip parsing next time.

const MAGIC = 'HAIPTP01';

/** The index as bytes (the caller stores them). Only tables built by this module can be serialised. */
export function serializePtp(table: PtpTable): Uint8Array | undefined {
  if (!(table instanceof PtpIndex)) return undefined;
  const p = table.parts;
  const n = p.col1.length;
  const header = new TextEncoder().encode(
    JSON.stringify({ n, hashSize: p.hash.length, codes: p.codes, rationales: p.rationales, sources: p.sources, source: p.source }),
  );
  const headStart = 12;
  const dataStart = align8(headStart + header.length);
  const arrays: ArrayBufferView[] = [p.col1, p.col2, p.eff, p.del, p.next, p.hash, p.rat, p.flags];
  const total = arrays.reduce((sum, a) => sum + a.byteLength, dataStart);
  const out = new Uint8Array(total);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, header.length, true);
  out.set(header, headStart);
  let at = dataStart;
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  return out;
}

/** The index back from `serializePtp`'s bytes, without copying the rows; undefined when the bytes are not a valid image. */
export function deserializePtp(bytes: Uint8Array): PtpTable | undefined {
  try {
    if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) return undefined;
    // Typed-array views need aligned offsets: copy once if the buffer is not aligned.
    if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const headLen = view.getUint32(8, true);
    if (12 + headLen > bytes.length) return undefined;
    const head = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headLen))) as {
      n: number;
      hashSize: number;
      codes: string[];
      rationales: string[];
      sources: NationalSource[];
      source: NationalSource;
    };
    const { n, hashSize } = head;
    if (!Number.isInteger(n) || n < 0 || !Number.isInteger(hashSize) || hashSize < 1 || (hashSize & (hashSize - 1)) !== 0) return undefined;
    if (!Array.isArray(head.codes) || !Array.isArray(head.rationales) || !Array.isArray(head.sources) || !head.source) return undefined;
    let at = bytes.byteOffset + align8(12 + headLen);
    const need = align8(12 + headLen) + n * (4 * 5 + 2 + 1) + hashSize * 4;
    if (bytes.length !== need) return undefined;
    const take = <A>(make: (buf: ArrayBufferLike, off: number, len: number) => A, len: number, width: number): A => {
      const a = make(bytes.buffer, at, len);
      at += len * width;
      return a;
    };
    const col1 = take((b, o, l) => new Uint32Array(b, o, l), n, 4);
    const col2 = take((b, o, l) => new Uint32Array(b, o, l), n, 4);
    const eff = take((b, o, l) => new Int32Array(b, o, l), n, 4);
    const del = take((b, o, l) => new Int32Array(b, o, l), n, 4);
    const next = take((b, o, l) => new Int32Array(b, o, l), n, 4);
    const hash = take((b, o, l) => new Int32Array(b, o, l), hashSize, 4);
    const rat = take((b, o, l) => new Uint16Array(b, o, l), n, 2);
    const flags = take((b, o, l) => new Uint8Array(b, o, l), n, 1);
    if (!consistent({ codes: head.codes, rationales: head.rationales, sources: head.sources, col1, col2, rat, flags, next, hash })) return undefined;
    return new PtpIndex({ codes: head.codes, rationales: head.rationales, sources: head.sources, source: head.source, col1, col2, eff, del, rat, flags, next, hash });
  } catch {
    return undefined;
  }
}

/**
 * A damaged image must not hang or mislead a look-up: ids in range, chains that only point back
 * (no cycles), hash entries that are rows, and free slots so every probe ends. About 20 ms for the
 * full file.
 */
function consistent(p: Pick<PtpParts, 'codes' | 'rationales' | 'sources' | 'col1' | 'col2' | 'rat' | 'flags' | 'next' | 'hash'>): boolean {
  const n = p.col1.length;
  const codes = p.codes.length;
  if (!p.codes.every((c) => typeof c === 'string') || !p.rationales.every((r) => typeof r === 'string')) return false;
  if (!p.sources.every((s) => s && typeof s.label === 'string')) return false;
  for (let i = 0; i < n; i++) {
    if (p.col1[i] >= codes || p.col2[i] >= codes || p.rat[i] >= p.rationales.length) return false;
    if ((p.flags[i] & FLAG_MOD_MASK) > 2 || p.flags[i] >>> FILE_SHIFT >= Math.max(1, p.sources.length)) return false;
    if (p.next[i] >= i || p.next[i] < -1) return false;
  }
  if (p.hash.length < 2 * n) return false;
  let used = 0;
  for (let k = 0; k < p.hash.length; k++) {
    if (p.hash[k] < 0 || p.hash[k] > n) return false;
    if (p.hash[k] !== 0) used++;
  }
  // At most one slot per row: at least half the slots stay free.
  return used <= n;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
