// CMS's ICD-10-CM order file (fixed width: order number, code, header flag, short and long
// descriptions), about 75,000 codes. Codes are kept sorted (dotless) in one array for prefix
// completion by binary search, with a Map for exact look-up. CMS's plainer code file
// (icd10cm_codes_YYYY.txt: code, spaces, description; every code billable) is read too.
import type { Icd10Entry, Icd10Table, NationalSource } from '../national';
import { baseName, detach, LineSplitter, loadWith, ProblemLog, shown, type LoadResult, type LoaderFile, type TableBuilder, feedChunk, endSplitter } from './common';

// Order-file columns (zero-based): order 0-4, code 6-12, header flag 14, short 16-75, long 77-.
const CODE_AT = 6;
const CODE_END = 13;
const FLAG_AT = 14;
const SHORT_AT = 16;
const SHORT_END = 76;
const LONG_AT = 77;

const CODE = /^[A-Z][0-9][0-9A-Z]{1,5}$/;

/** C787 -> C78.7; codes of three characters have no dot. */
export function dotted(code: string): string {
  return code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

/** Claims write C78.7, files C787: look-ups accept either, any case. */
export function dotless(code: string): string {
  return code.replace(/\./g, '').trim().toUpperCase();
}

function labelOf(names: string[]): string {
  const year = names.map((n) => /(20\d\d)/.exec(n)?.[1]).find(Boolean);
  return `ICD-10-CM${year ? ` FY${year}` : ''} code list (${names.join(', ')})`;
}

class Icd10Index implements Icd10Table {
  private readonly at: Map<string, number>;

  constructor(
    readonly source: NationalSource,
    private readonly codes: string[],
    private readonly longs: string[],
    private readonly shorts: string[],
    private readonly billable: Uint8Array,
  ) {
    this.at = new Map(codes.map((c, i) => [c, i]));
  }

  get size(): number {
    return this.codes.length;
  }

  lookup(code: string): Icd10Entry | undefined {
    const i = this.at.get(dotless(code));
    return i === undefined ? undefined : this.entry(i);
  }

  byPrefix(prefix: string, limit: number): Icd10Entry[] {
    const p = dotless(prefix);
    const out: Icd10Entry[] = [];
    // Lower bound: the first code >= prefix; codes with the prefix follow it contiguously.
    let lo = 0;
    let hi = this.codes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.codes[mid] < p) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.codes.length && out.length < limit && this.codes[i].startsWith(p); i++) out.push(this.entry(i));
    return out;
  }

  private entry(i: number): Icd10Entry {
    return { code: dotted(this.codes[i]), description: this.longs[i], shortDescription: this.shorts[i], billable: this.billable[i] === 1 };
  }
}

export class Icd10Builder implements TableBuilder<Icd10Table> {
  private readonly log = new ProblemLog();
  private readonly names: string[] = [];
  private codes: string[] = [];
  private longs: string[] = [];
  private shorts: string[] = [];
  private billable: number[] = [];
  private layout: 'unknown' | 'order' | 'codes' | 'skip' = 'unknown';
  private rows = 0;
  private readonly lines = new LineSplitter((text, start, end, no) => this.onLine(text.slice(start, end), no));

  beginFile(name: string): void {
    this.log.beginFile(name);
    this.names.push(baseName(name));
    this.layout = 'unknown';
    this.rows = 0;
  }

  push(chunk: string): void {
    if (!feedChunk(this.lines, chunk, this.log)) this.layout = 'skip';
  }

  skipsRest(): boolean {
    return this.layout === 'skip';
  }

  endFile(): void {
    endSplitter(this.lines, this.log);
    if (this.layout === 'unknown') this.log.addFileProblem(0, 'the file is empty');
    else if (this.layout !== 'skip' && this.rows === 0) this.log.addFileProblem(0, 'no ICD-10-CM codes were read');
    this.log.endFile();
  }

  finish(): LoadResult<Icd10Table> {
    const n = this.codes.length;
    let order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => (this.codes[a] < this.codes[b] ? -1 : this.codes[a] > this.codes[b] ? 1 : a - b));
    // A code listed twice (two files, or a repeat): the later row wins.
    order = order.filter((i, k) => k + 1 >= order.length || this.codes[order[k + 1]] !== this.codes[i]);
    const pick = <T>(a: T[]): T[] => order.map((i) => a[i]);
    const billable = Uint8Array.from(order.map((i) => this.billable[i]));
    const table = new Icd10Index({ kind: 'icd10cm', label: labelOf(this.names) }, pick(this.codes), pick(this.longs), pick(this.shorts), billable);
    this.codes = [];
    this.longs = [];
    this.shorts = [];
    this.billable = [];
    return { table, problems: this.log.problems };
  }

  private onLine(line: string, no: number): void {
    if (this.layout === 'skip' || line.trim() === '') return;
    if (this.layout === 'unknown') {
      if (/^\d{5} [A-Z0-9]/.test(line)) this.layout = 'order';
      else if (/^[A-Z][0-9][0-9A-Z]{1,5}\s+\S/.test(line)) this.layout = 'codes';
      else {
        this.layout = 'skip';
        this.log.addFileProblem(no, 'does not start like an ICD-10-CM order file (5-digit order number, code, header flag, descriptions); the file was not loaded');
        return;
      }
    }
    if (this.layout === 'codes') {
      const m = /^(\S+)\s+(.*)$/.exec(line);
      const code = m?.[1] ?? line.trim();
      if (!m || !CODE.test(code)) return this.log.add(no, `${shown(code)} is not an ICD-10-CM code`);
      this.add(code, m[2].trim(), '', 1);
      return;
    }
    if (!/^\d{5}$/.test(line.slice(0, 5))) return this.log.add(no, `order number ${shown(line.slice(0, 5))} is not 5 digits`);
    if (line.length <= SHORT_AT) return this.log.add(no, 'the line is too short for the order-file layout (no description)');
    const code = line.slice(CODE_AT, CODE_END).trim();
    if (!CODE.test(code)) return this.log.add(no, `${shown(code)} (columns 7-13) is not an ICD-10-CM code`);
    const flag = line[FLAG_AT];
    if (flag !== '0' && flag !== '1') return this.log.add(no, `header flag ${shown(flag)} (column 15) is not 0 or 1`);
    const short = line.slice(SHORT_AT, SHORT_END).trim();
    const long = line.length > LONG_AT ? line.slice(LONG_AT).trim() : short;
    this.add(code, long || short, short, flag === '1' ? 1 : 0);
  }

  private add(code: string, long: string, short: string, billable: number): void {
    this.codes.push(detach(code));
    this.longs.push(detach(long));
    // Where the short and long descriptions are the same, one string serves both.
    this.shorts.push(short === long ? this.longs[this.longs.length - 1] : detach(short));
    this.billable.push(billable);
    this.rows++;
  }
}

export function loadIcd10cm(files: LoaderFile | readonly LoaderFile[]): LoadResult<Icd10Table> {
  return loadWith(new Icd10Builder(), files);
}
