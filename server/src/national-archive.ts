// CMS's files as CMS ships them: a zip archive (the quarterly PFS release, the NCCI and MUE zips,
// the ASP zip) and Excel workbooks (the add-on code edits), turned into the text chunks the core's
// loaders read. National-file IO, used by national-io.ts only.
//
// Zip: yauzl (random access through the central directory, members streamed and inflated as they
// are read: a PTP member of hundreds of megabytes is never held whole). The member is found by the
// descriptor's patterns and formats (core/tables/national-files.ts, `members`). Checked before a
// byte is inflated: an empty archive, a member path with `..` or an absolute path, an encrypted
// member, and zip bombs (a member or an archive larger than any CMS file, or inflating more than
// MAX_RATIO times its compressed size); while reading: sizes and the CRC-32 against the directory.
//
// Excel: an .xlsx is itself a zip of XML parts, opened with yauzl and its sheets streamed through
// sax (isaacs's streaming XML parser: no DOM, no dependencies). exceljs was tried first; its
// streaming reader bundles unzipper 0.10 and some 100 packages, one (buffers) with no licence at
// all. Each row becomes one CSV (or tab-separated) line for the builder; with several sheets, the
// first whose first rows the builder reads is used.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import * as zlib from 'node:zlib';
import yauzl from 'yauzl';
import sax from 'sax';
import { chooseMembers, type MemberSpec } from './core/tables/national-files';

/** A file or member that cannot be read, with a code for the hosts (EZIP*, ENOMEMBER, EXLSX) and the reason shown. */
export class ArchiveProblem extends Error {
  constructor(
    readonly code: string,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'ArchiveProblem';
  }
}

/** One text the builder reads: a plain file, a zip member, or a workbook's sheet. */
export interface SourcePart {
  /** The builder's file name: the path, or `zip path/member` for a member (its base name is the member's). */
  name: string;
  /** The member read inside the archive (and the sheet of a workbook), for provenance; undefined for a plain text file. */
  member?: string;
  /** Bytes of text expected (0: unknown), for the builder's sizing. */
  size: number;
  chunks: AsyncIterable<string>;
}

export interface ArchiveLimits {
  /** The largest member read (inflated): CMS's largest, a PTP part, is a few hundred megabytes. */
  maxMemberBytes: number;
  /** The most an archive may declare in all (inflated). */
  maxTotalBytes: number;
  /** Inflated over compressed, for members over RATIO_FLOOR_BYTES: CMS's text inflates some 5-30 times; a bomb some 1,000. */
  maxRatio: number;
  /** The largest workbook read (it is held in memory to check its own members before it is parsed). */
  maxWorkbookBytes: number;
}

export const ARCHIVE_LIMITS: ArchiveLimits = { maxMemberBytes: 2 * 1024 ** 3, maxTotalBytes: 8 * 1024 ** 3, maxRatio: 200, maxWorkbookBytes: 64 * 1024 ** 2 };
const RATIO_FLOOR_BYTES = 1024 ** 2;
/** Rows of a sheet tried before the builder decides whether it holds the needed columns. */
const PROBE_ROWS = 40;
/** Cells kept per workbook row: CMS's widest file has some 35 columns. */
const MAX_ROW_CELLS = 512;

/** How a path is read: by its extension. */
export function containerOf(path: string): 'zip' | 'xlsx' | 'text' {
  const lower = path.toLowerCase();
  if (lower.endsWith('.zip')) return 'zip';
  if (lower.endsWith('.xlsx') || lower.endsWith('.xlsm')) return 'xlsx';
  return 'text';
}

export interface PartOptions {
  spec: MemberSpec;
  /** Characters per chunk. */
  chunkChars: number;
  /** Whether the builder reads rows from this text (the first rows of a sheet): picks the sheet. */
  probe: (text: string) => boolean;
  limits?: ArchiveLimits;
}

/** The parts a zip or workbook path holds for the descriptor, in order. Throws ArchiveProblem. */
export async function* partsOf(path: string, opts: PartOptions): AsyncGenerator<SourcePart> {
  const limits = opts.limits ?? ARCHIVE_LIMITS;
  if (containerOf(path) === 'xlsx') {
    yield* sheetParts(path, '', () => promisify<yauzl.ZipFile>((cb) => yauzl.open(path, ZIP_OPTIONS, cb)), opts);
    return;
  }
  const zip = await openZip(() => promisify<yauzl.ZipFile>((cb) => yauzl.open(path, ZIP_OPTIONS, cb)));
  try {
    const entries = await entriesOf(zip, limits, 'archive');
    const chosen = chooseMembers(
      entries.map((e) => e.name),
      opts.spec,
    );
    if (chosen.length === 0) throw noMember(entries.map((e) => e.name), opts.spec);
    for (const name of chosen) {
      const entry = entries.find((e) => e.name === name)!;
      checkMember(entry, limits);
      if (name.toLowerCase().endsWith('.xlsx') || name.toLowerCase().endsWith('.xlsm')) {
        const bytes = await memberBytes(zip, entry, limits);
        yield* sheetParts(`${path}/${name}`, name, () => promisify<yauzl.ZipFile>((cb) => yauzl.fromBuffer(bytes, ZIP_OPTIONS, cb)), opts);
      } else {
        yield { name: `${path}/${name}`, member: name, size: entry.entry.uncompressedSize, chunks: memberText(zip, entry, path) };
      }
    }
  } finally {
    zip.close();
  }
}

interface Member {
  name: string;
  entry: yauzl.Entry;
}

// Names are decoded here, not by yauzl: its check refuses a backslash outright, where a Windows
// zip tool may write one as the folder separator.
const ZIP_OPTIONS: yauzl.Options = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true };

function promisify<T>(start: (cb: (err: Error | null, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => start((err, value) => (err ? reject(err) : resolve(value))));
}

async function openZip(open: () => Promise<yauzl.ZipFile>): Promise<yauzl.ZipFile> {
  try {
    return await open();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException)?.code;
    // A file system error (ENOENT, EACCES) is the caller's to word.
    if (typeof code === 'string') throw err;
    throw new ArchiveProblem('EZIPDAMAGED', 'is not a zip archive CMS publishes (damaged, cut short by a download, or not a zip); download it again');
  }
}

/** Every entry of the central directory, checked: none, unsafe names, sizes beyond any CMS file. */
async function entriesOf(zip: yauzl.ZipFile, limits: ArchiveLimits, what: 'archive' | 'workbook'): Promise<Member[]> {
  const entries: Member[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push({ name: nameOf(entry), entry });
      zip.readEntry();
    });
    zip.once('end', () => resolve());
    zip.once('error', () => reject(new ArchiveProblem('EZIPDAMAGED', `is a damaged ${what === 'archive' ? 'zip archive' : 'workbook'} (its directory cannot be read); download it again`)));
    zip.readEntry();
  });
  const files = entries.filter((e) => !e.name.endsWith('/'));
  if (files.length === 0) throw new ArchiveProblem('EZIPEMPTY', what === 'archive' ? 'is an empty zip archive (it holds no file); download it again' : 'is an empty workbook (it holds no sheet); download it again');
  const unsafe = files.find((e) => isUnsafeName(e.name));
  if (unsafe) {
    throw new ArchiveProblem('EZIPPATH', `holds a member whose path leaves the archive (".." or an absolute path), which no CMS archive does; it was not read. Download the file again from CMS`);
  }
  const total = files.reduce((n, e) => n + e.entry.uncompressedSize, 0);
  if (total > limits.maxTotalBytes) {
    throw new ArchiveProblem('EZIPBOMB', `would inflate to ${gib(total)} in all, more than any CMS ${what} (at most ${gib(limits.maxTotalBytes)}): it was not read, as a zip bomb would not be`);
  }
  return files;
}

function nameOf(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer | string;
  const text = typeof raw === 'string' ? raw : raw.toString((entry.generalPurposeBitFlag & 0x800) !== 0 ? 'utf8' : 'latin1');
  return text.replace(/\\/g, '/');
}

function isUnsafeName(name: string): boolean {
  return name.startsWith('/') || /^[a-zA-Z]:/.test(name) || name.split('/').includes('..');
}

function gib(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${Math.ceil(bytes / 1024 ** 2)} MiB`;
}

/** A member about to be read: not encrypted, not larger or more compressed than a CMS file. */
function checkMember(m: Member, limits: ArchiveLimits): void {
  const { entry } = m;
  if (entry.isEncrypted()) throw new ArchiveProblem('EZIPENCRYPTED', `member ${m.name} is encrypted (password protected), which CMS's files are not; download the file again from CMS`);
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    throw new ArchiveProblem('EZIPDAMAGED', `member ${m.name} is compressed with a method CMS does not use (${entry.compressionMethod}); download the file again from CMS`);
  }
  if (entry.uncompressedSize > limits.maxMemberBytes) {
    throw new ArchiveProblem('EZIPBOMB', `member ${m.name} would inflate to ${gib(entry.uncompressedSize)}, more than any CMS file (at most ${gib(limits.maxMemberBytes)}): it was not read, as a zip bomb would not be`);
  }
  const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
  if (entry.uncompressedSize > RATIO_FLOOR_BYTES && ratio > limits.maxRatio) {
    throw new ArchiveProblem('EZIPBOMB', `member ${m.name} would inflate ${Math.round(ratio)} times its size, far more than CMS's files (at most ${limits.maxRatio}): it was not read, as a zip bomb would not be`);
  }
}

function noMember(names: readonly string[], spec: MemberSpec): ArchiveProblem {
  const listed = names.slice(0, 12).join(', ') + (names.length > 12 ? `, and ${names.length - 12} more` : '');
  return new ArchiveProblem('ENOMEMBER', `holds no ${spec.shown} file (${spec.formats.join(', ')}) for this setting; it holds: ${listed}. Name the zip that CMS publishes for this file, or the file itself`);
}

/** A member whose data cannot be reached (its local header or stream cannot be read). */
function unreadable(m: Member): ArchiveProblem {
  return new ArchiveProblem('EZIPDAMAGED', `member ${m.name} cannot be read (the archive is damaged); download it again`);
}

function openMember(zip: yauzl.ZipFile, m: Member): Promise<Readable> {
  return promisify<Readable>((cb) => zip.openReadStream(m.entry, cb)).catch(() => {
    throw unreadable(m);
  });
}

// A member is read and inflated in large steps so the inflating, which runs on libuv's thread
// pool, keeps ahead of the parsing on the main thread: each step of compressed bytes read, and
// each step of output inflated, costs a round trip through the main thread, and zlib stops when
// its stream holds its high-water mark. With yauzl's 16 KiB reads and zlib's 16 KiB mark the two
// barely overlapped; a full-size PTP member loaded in some 1.2-1.5 times the extracted file's time,
// and 1.0-1.2 times with these (bench/national.ts --zip).
/** Compressed bytes read per step. */
const RAW_READ_BYTES = 1 << 18;
/** Bytes inflated per step. */
const INFLATE_CHUNK = 1 << 18;
/** Inflated bytes zlib may hold ahead of the parser. */
const INFLATE_AHEAD = 1 << 20;

/**
 * The member's raw bytes, read from the file in RAW_READ_BYTES steps (yauzl reads 16 KiB at a
 * time): yauzl finds and checks where they start, in the member's local header.
 */
async function rawBytes(zip: yauzl.ZipFile, m: Member, path: string): Promise<Readable> {
  const local = await promisify<{ fileDataStart: number }>((cb) => (zip as unknown as ZipWithLocalHeader).readLocalFileHeader(m.entry, { minimal: true }, cb)).catch(() => {
    throw unreadable(m);
  });
  if (m.entry.compressedSize === 0) return Readable.from([]);
  return createReadStream(path, { start: local.fileDataStart, end: local.fileDataStart + m.entry.compressedSize - 1, highWaterMark: RAW_READ_BYTES });
}

/** yauzl's readLocalFileHeader (documented in its README since 3.0; not in @types/yauzl). */
interface ZipWithLocalHeader {
  readLocalFileHeader(entry: yauzl.Entry, options: { minimal: true }, callback: (err: Error | null, header: { fileDataStart: number }) => void): void;
}

/**
 * The member's raw bytes inflated here rather than by yauzl, so the step sizes are ours and the
 * inflated size is held to the directory's as it is read (a member inflating past it is damaged,
 * or a bomb).
 */
async function openInflated(zip: yauzl.ZipFile, m: Member, path: string): Promise<Readable> {
  const raw = await rawBytes(zip, m, path);
  if (m.entry.compressionMethod === 0) return raw;
  const inflate = zlib.createInflateRaw({ chunkSize: INFLATE_CHUNK, readableHighWaterMark: INFLATE_AHEAD } as zlib.ZlibOptions);
  raw.on('error', (err) => inflate.destroy(err));
  raw.pipe(inflate);
  inflate.on('close', () => raw.destroy());
  return inflate;
}

/** Characters per chunk of a member's text: each chunk is a large object to V8 (over 128 KiB), as a text file's 256 KiB reads are. */
const MEMBER_CHUNK = 1 << 18;

/**
 * The member's text, decoded as UTF-8 in chunks of MEMBER_CHUNK bytes; its size and CRC-32 checked
 * against the directory. The inflated steps are copied into one buffer, reused, and each full
 * buffer decoded once: no rope of joined strings (which the builder flattens, a second copy of
 * every chunk) and no string of each inflated step (strings that size fill V8's young generation,
 * which then grows by some 16 MB). On a full-size PTP member either made the zip's peak memory
 * some 5-10% above the extracted file's (bench/national.ts --zip).
 */
async function* memberText(zip: yauzl.ZipFile, m: Member, path: string): AsyncGenerator<string> {
  const stream = await openInflated(zip, m, path);
  // StringDecoder (as fs streams use): ASCII text becomes one-byte strings; a character cut at a buffer's end is kept for the next.
  const decoder = new StringDecoder('utf8');
  const window = Buffer.allocUnsafeSlow(MEMBER_CHUNK);
  let filled = 0;
  const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
  const expected = m.entry.uncompressedSize;
  let crc = 0;
  let bytes = 0;
  const damaged = (why: string) => new ArchiveProblem('EZIPDAMAGED', `member ${m.name} is damaged (${why}); the rows before were loaded. Download it again`);
  try {
    for await (const buf of stream as AsyncIterable<Buffer>) {
      bytes += buf.length;
      if (bytes > expected) throw damaged('it inflates past the size the archive states');
      if (crc32) crc = crc32(buf, crc);
      for (let at = 0; at < buf.length; ) {
        const n = Math.min(buf.length - at, MEMBER_CHUNK - filled);
        buf.copy(window, filled, at, at + n);
        filled += n;
        at += n;
        if (filled === MEMBER_CHUNK) {
          filled = 0;
          const text = decoder.write(window);
          if (text) yield text;
        }
      }
    }
  } catch (err) {
    if (err instanceof ArchiveProblem) throw err;
    throw damaged('it cannot be inflated to its stated size');
  } finally {
    stream.destroy();
  }
  const rest = decoder.write(window.subarray(0, filled)) + decoder.end();
  if (rest) yield rest;
  if (bytes !== expected) throw damaged('it inflates short of the size the archive states');
  if (crc32 && crc >>> 0 !== m.entry.crc32 >>> 0) throw damaged("its checksum does not match the archive's");
}

/** A workbook member's bytes (workbooks are small; checked against maxWorkbookBytes first). */
async function memberBytes(zip: yauzl.ZipFile, m: Member, limits: ArchiveLimits): Promise<Buffer> {
  if (m.entry.uncompressedSize > limits.maxWorkbookBytes) {
    throw new ArchiveProblem('EZIPBOMB', `member ${m.name} is a workbook of ${gib(m.entry.uncompressedSize)}, more than any CMS workbook (at most ${gib(limits.maxWorkbookBytes)}); it was not read`);
  }
  const stream = await openMember(zip, m);
  const parts: Buffer[] = [];
  try {
    for await (const buf of stream as AsyncIterable<Buffer>) parts.push(buf);
  } catch {
    throw new ArchiveProblem('EZIPDAMAGED', `member ${m.name} is damaged (it cannot be inflated to its stated size); download it again`);
  }
  return Buffer.concat(parts);
}

// ---- Workbooks ----
// An .xlsx is a zip of XML parts (ECMA-376): xl/workbook.xml lists the sheets in order,
// xl/_rels/workbook.xml.rels maps them to their parts, xl/sharedStrings.xml holds the text of
// cells of type "s", and each sheet's part holds <row><c r="B2" t=".."><v>..</v></c></row>. The
// sheets are streamed through sax (no DOM): memory holds the shared strings and one row.

/** A cell's value as the text a CMS text file would hold (a date cell is its Excel serial number, which cmsDay reads). */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    return `${v.getUTCFullYear()}${String(v.getUTCMonth() + 1).padStart(2, '0')}${String(v.getUTCDate()).padStart(2, '0')}`;
  }
  return String(v);
}

/** One row (cells from column A) as a line: CSV (quoted where needed) or tab-separated; a cell's own line breaks become spaces. */
export function rowLine(cells: readonly unknown[], format: 'csv' | 'tab'): string {
  const out: string[] = [];
  for (let i = 0; i < Math.min(cells.length, MAX_ROW_CELLS); i++) {
    const text = cellText(cells[i]).replace(/[\r\n]+/g, ' ');
    if (format === 'tab') out.push(text.replace(/\t/g, ' '));
    else out.push(/[",]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  }
  return out.join(format === 'tab' ? '\t' : ',');
}

/** The most text the shared strings may hold (characters): a CMS workbook holds a few megabytes. */
const MAX_SHARED_CHARS = 64 * 1024 ** 2;

interface SheetRef {
  name: string;
  part: string;
}

/** The workbook's sheets in order, with their parts; and the shared strings' part. */
async function workbookParts(zip: yauzl.ZipFile, entries: readonly Member[]): Promise<{ sheets: SheetRef[]; shared?: Member }> {
  const find = (name: string) => entries.find((e) => e.name.toLowerCase() === name.toLowerCase());
  const workbook = find('xl/workbook.xml');
  if (!workbook) throw new ArchiveProblem('EXLSX', 'is not an Excel workbook (.xlsx): it has no xl/workbook.xml; download it again');
  const sheets: { name: string; rid: string }[] = [];
  await parseXml(zip, workbook, (tag, attrs) => {
    if (tag === 'sheet') sheets.push({ name: attrs.name ?? 'sheet', rid: attrs['r:id'] ?? '' });
  });
  const targets = new Map<string, string>();
  const rels = find('xl/_rels/workbook.xml.rels');
  if (rels) {
    await parseXml(zip, rels, (tag, attrs) => {
      if (tag === 'Relationship' && attrs.Id && attrs.Target) targets.set(attrs.Id, attrs.Target.startsWith('/') ? attrs.Target.slice(1) : `xl/${attrs.Target}`);
    });
  }
  const refs = sheets.map((sh, i) => ({ name: sh.name, part: targets.get(sh.rid) ?? `xl/worksheets/sheet${i + 1}.xml` })).filter((r) => find(r.part));
  return { sheets: refs, shared: find('xl/sharedStrings.xml') };
}

type OnOpen = (tag: string, attrs: Record<string, string>) => void;

/** Feeds a part to a sax parser chunk by chunk, yielding after each chunk; EXLSX when it is not well-formed XML. */
async function* feedXml(zip: yauzl.ZipFile, m: Member, parser: sax.SAXParser): AsyncGenerator<void> {
  let failed = false;
  parser.onerror = () => {
    failed = true;
  };
  const stream = await openMember(zip, m);
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const buf of stream as AsyncIterable<Buffer>) {
      parser.write(decoder.decode(buf, { stream: true }));
      if (failed) break;
      yield;
    }
    if (!failed) parser.close();
  } catch (err) {
    if (err instanceof ArchiveProblem) throw err;
    failed = true;
  } finally {
    stream.destroy();
  }
  if (failed) throw new ArchiveProblem('EXLSX', `is a damaged workbook (its part ${m.name} is not well-formed XML); the rows before were loaded. Download it again`);
}

/** Streams one XML part through sax, calling back on each element opened (and on text and closes, when given). */
async function parseXml(zip: yauzl.ZipFile, m: Member, onOpen: OnOpen, onText?: (text: string) => void, onClose?: (tag: string) => void): Promise<void> {
  const parser = sax.parser(true, { trim: false, normalize: false });
  parser.onopentag = (node) => onOpen(node.name, node.attributes as Record<string, string>);
  if (onText) parser.ontext = onText;
  if (onClose) parser.onclosetag = onClose;
  for await (const step of feedXml(zip, m, parser)) void step;
}

async function sharedStrings(zip: yauzl.ZipFile, m: Member | undefined): Promise<string[]> {
  const strings: string[] = [];
  if (!m) return strings;
  let current: string[] | undefined;
  let inT = false;
  let chars = 0;
  await parseXml(
    zip,
    m,
    (tag) => {
      if (tag === 'si') current = [];
      else if (tag === 't') inT = true;
      // Phonetic runs (<rPh>) are readings, not the cell's text.
      else if (tag === 'rPh') inT = false;
    },
    (text) => {
      if (inT && current) current.push(text);
    },
    (tag) => {
      if (tag === 't') inT = false;
      else if (tag === 'si' && current) {
        const s = current.join('');
        chars += s.length;
        if (chars > MAX_SHARED_CHARS) throw new ArchiveProblem('EZIPBOMB', `holds more text than any CMS workbook (over ${gib(MAX_SHARED_CHARS)}); it was not read`);
        strings.push(s);
        current = undefined;
      }
    },
  );
  return strings;
}

/** Column index (0-based) of a cell reference: "B12" -> 1. */
function columnOf(ref: string | undefined, fallback: number): number {
  if (!ref) return fallback;
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return i === 0 ? fallback : col - 1;
}

/** A sheet's rows, streamed: sax is fed the part chunk by chunk and the rows it closed are yielded between chunks. */
async function* sheetRows(zip: yauzl.ZipFile, m: Member, shared: readonly string[]): AsyncGenerator<string[]> {
  const parser = sax.parser(true, { trim: false, normalize: false });
  const done: string[][] = [];
  let row: string[] = [];
  let cell: { col: number; type: string; text: string[]; collect: boolean } | undefined;
  parser.onopentag = (node) => {
    const a = node.attributes as Record<string, string>;
    if (node.name === 'row') row = [];
    else if (node.name === 'c') cell = { col: Math.min(columnOf(a.r, row.length), MAX_ROW_CELLS), type: a.t ?? 'n', text: [], collect: false };
    else if (cell && (node.name === 'v' || node.name === 't')) cell.collect = true;
  };
  parser.ontext = (text) => {
    if (cell?.collect) cell.text.push(text);
  };
  parser.onclosetag = (name) => {
    if (name === 'v' || name === 't') {
      if (cell) cell.collect = false;
    } else if (name === 'c' && cell) {
      const raw = cell.text.join('');
      const value = cell.type === 's' ? (shared[Number(raw)] ?? '') : cell.type === 'b' ? (raw === '1' ? 'TRUE' : 'FALSE') : cell.type === 'e' ? '' : raw;
      while (row.length < cell.col) row.push('');
      row[cell.col] = value;
      cell = undefined;
    } else if (name === 'row') done.push(row);
  };
  for await (const step of feedXml(zip, m, parser)) {
    void step;
    while (done.length > 0) yield done.shift()!;
  }
  while (done.length > 0) yield done.shift()!;
}

/** The sheet whose rows the builder reads, as one part (the first sheet when none does: its header problem is reported). */
async function* sheetParts(name: string, member: string, open: () => Promise<yauzl.ZipFile>, opts: PartOptions): AsyncGenerator<SourcePart> {
  const limits = opts.limits ?? ARCHIVE_LIMITS;
  const zip = await openZip(open);
  try {
    const entries = await entriesOf(zip, limits, 'workbook');
    for (const e of entries) checkMember(e, limits);
    const { sheets, shared } = await workbookParts(zip, entries);
    if (sheets.length === 0) throw new ArchiveProblem('EXLSX', 'is a workbook with no sheet; download it again');
    const strings = await sharedStrings(zip, shared);
    const format = opts.spec.workbookRows;
    const label = (sheet: string) => (member ? `${member} (sheet ${sheet})` : `sheet ${sheet}`);
    let first: { sheet: string; lines: string[] } | undefined;
    for (const sheet of sheets) {
      const rows = sheetRows(zip, entries.find((e) => e.name.toLowerCase() === sheet.part.toLowerCase())!, strings);
      const lines: string[] = [];
      while (lines.length < PROBE_ROWS) {
        const r = await rows.next();
        if (r.done) break;
        lines.push(rowLine(r.value, format));
      }
      first ??= { sheet: sheet.name, lines };
      if (!opts.probe(lines.join('\n'))) {
        await rows.return(undefined);
        continue;
      }
      yield { name, member: label(sheet.name), size: 0, chunks: sheetChunks(lines, rows, format, opts.chunkChars) };
      return;
    }
    yield { name, member: label(first!.sheet), size: 0, chunks: sheetChunks(first!.lines, undefined, format, opts.chunkChars) };
  } finally {
    zip.close();
  }
}

async function* sheetChunks(head: string[], rows: AsyncGenerator<string[]> | undefined, format: 'csv' | 'tab', chunkChars: number): AsyncGenerator<string> {
  let pending = head.length > 0 ? `${head.join('\n')}\n` : '';
  if (rows) {
    for (let r = await rows.next(); !r.done; r = await rows.next()) {
      pending += `${rowLine(r.value, format)}\n`;
      if (pending.length >= chunkChars) {
        yield pending;
        pending = '';
      }
    }
  }
  if (pending) yield pending;
}
