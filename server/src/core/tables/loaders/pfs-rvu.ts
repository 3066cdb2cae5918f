// CMS's physician fee schedule relative value file (PPRRVU CSV): banner rows, then column names
// split over the last header rows ("WORK" over "RVU"). Columns are found by their joined names,
// so the 2026 file's added PRIC IND column (or any other) does not shift anything.
import { headerWords, missingColumnsReason } from './header';
import type { NumberOrNA } from '../schema';
import type { NationalSource, RvuRelease, RvuRow, RvuTable } from '../national';
import { releaseFrom, releaseName, rvuFileRelease, sameRow, type RvuFileRelease } from './pfs-releases';
import { thousands } from '../../strings';
import { baseName, CsvSplitter, detach, isHcpcs, loadWith, ProblemLog, shown, type LoadResult, type LoaderFile, type TableBuilder, feedChunk, endSplitter } from './common';

type Column =
  | 'code'
  | 'modifier'
  | 'description'
  | 'status'
  | 'work'
  | 'nonFacPe'
  | 'nonFacNa'
  | 'facPe'
  | 'facNa'
  | 'mp'
  | 'nonFacTotal'
  | 'facTotal'
  | 'pctc'
  | 'globalDays'
  | 'intraOp'
  | 'multProc'
  | 'bilateral'
  | 'assistant'
  | 'coSurgeon'
  | 'teamSurgeon'
  | 'endoBase'
  | 'pricing'
  | 'imagingFamily'
  | 'cf';

const COLUMNS: { key: Column; name: string; pattern: RegExp; required: boolean; after?: Column }[] = [
  { key: 'code', name: 'HCPCS', pattern: /^hcpcs( code)?$/, required: true },
  { key: 'modifier', name: 'MOD', pattern: /^mod(ifier)?$/, required: true },
  { key: 'description', name: 'DESCRIPTION', pattern: /^description$/, required: false },
  { key: 'status', name: 'STATUS CODE', pattern: /^status( code)?$/, required: true },
  { key: 'work', name: 'WORK RVU', pattern: /^work rvu$/, required: true },
  { key: 'nonFacPe', name: 'NON-FAC PE RVU', pattern: /^non ?fac(ility)? pe rvu$/, required: false },
  { key: 'nonFacNa', name: 'NA INDICATOR (non-facility)', pattern: /^na indicator$/, required: false, after: 'nonFacPe' },
  { key: 'facPe', name: 'FACILITY PE RVU', pattern: /^facility pe rvu$/, required: false },
  { key: 'facNa', name: 'NA INDICATOR (facility)', pattern: /^na indicator$/, required: false, after: 'facPe' },
  { key: 'mp', name: 'MP RVU', pattern: /^mp rvu$/, required: false },
  { key: 'nonFacTotal', name: 'NON-FACILITY TOTAL', pattern: /^non ?fac(ility)? total$/, required: true },
  { key: 'facTotal', name: 'FACILITY TOTAL', pattern: /^facility total$/, required: true },
  { key: 'pctc', name: 'PCTC IND', pattern: /^pctc( ind(icator)?)?$/, required: true },
  { key: 'globalDays', name: 'GLOB DAYS', pattern: /^glob(al)? days$/, required: true },
  { key: 'intraOp', name: 'INTRA OP', pattern: /^intra op$/, required: false },
  { key: 'multProc', name: 'MULT PROC', pattern: /^mult proc$/, required: true },
  { key: 'bilateral', name: 'BILAT SURG', pattern: /^bilat surg$/, required: false },
  // ASST SURG, CO-SURG and TEAM SURG: the payment policy indicators for -80/-81/-82/-AS, -62 and -66.
  { key: 'assistant', name: 'ASST SURG', pattern: /^asst surg$/, required: false },
  { key: 'coSurgeon', name: 'CO-SURG', pattern: /^co ?-? ?surg$/, required: false },
  { key: 'teamSurgeon', name: 'TEAM SURG', pattern: /^team surg$/, required: false },
  { key: 'endoBase', name: 'ENDO BASE', pattern: /^endo base$/, required: false },
  { key: 'pricing', name: 'PRIC IND', pattern: /^pric(ing)? ind(icator)?$/, required: false },
  { key: 'imagingFamily', name: 'FAMILY INDICATOR', pattern: /^(diagnostic imaging )?family ind(icator)?$/, required: false },
  { key: 'cf', name: 'CONV FACTOR', pattern: /^conv(ersion)? factor$/, required: true },
];

const MONTHS: Record<string, string> = { jan: 'January', apr: 'April', jul: 'July', oct: 'October' };
/** Above any RVU CMS publishes (the largest totals are a few hundred) and any conversion factor (about 20 to 40 dollars). */
const MAX_PLAUSIBLE_RVU = 1_000;
const MAX_PLAUSIBLE_CF = 1_000;
const RELEASE_MONTHS = ['', 'January', 'April', 'July', 'October'];

/** "2026 ... Relative Value File April Release" in the banner, or PPRRVU2026_Apr / PPRRVU26_JAN in the name. */
function releaseOf(banner: string, name: string): string | undefined {
  const b = /(20\d\d)\b.*?relative value file\s+(\w+)\s+release/i.exec(banner);
  if (b) return `${b[1]} ${b[2][0].toUpperCase()}${b[2].slice(1).toLowerCase()} release`;
  const y = /(20\d\d)\b.*?relative value file/i.exec(banner);
  const n = /pprrvu(\d{2}|\d{4})(?:[_ -]?([a-z]{3}))?/i.exec(name);
  if (n) {
    const year = n[1].length === 2 ? `20${n[1]}` : n[1];
    const month = n[2] && MONTHS[n[2].toLowerCase()];
    return month ? `${year} ${month} release` : year;
  }
  return y?.[1];
}

function labelOf(release: string | undefined, names: string[]): string {
  return `PFS relative value file${release ? ` ${release}` : ''} (${names.join(', ')})`;
}

class RvuIndex implements RvuTable {
  readonly size: number;
  releases?: readonly RvuRelease[];

  constructor(
    readonly source: NationalSource,
    private readonly byCode: Map<string, RvuRow[]>,
    size: number,
  ) {
    this.size = size;
  }

  lookup(code: string, modifier?: string): RvuRow | undefined {
    const rows = this.byCode.get(code);
    if (!rows) return undefined;
    if (modifier) return rows.find((r) => r.modifier === modifier);
    return rows.find((r) => r.modifier === '') ?? rows[0];
  }

  rows(code: string): readonly RvuRow[] {
    return this.byCode.get(code) ?? [];
  }

  conversionFactors(): number[] {
    const cfs = new Set<number>();
    for (const rows of this.byCode.values()) for (const r of rows) cfs.add(r.conversionFactor);
    return [...cfs].sort((a, b) => a - b);
  }
  /** The rows by code, to share with the table that answers for the latest release. */
  codes(): Map<string, RvuRow[]> {
    return this.byCode;
  }
}

/** The rows of one release (year, quarter, QPP kind) as files add them. */
interface ReleaseRows {
  release: RvuFileRelease;
  byCode: Map<string, RvuRow[]>;
  count: number;
  files: string[];
  /** Which file gave each code|modifier, to tell a repeat in one file from two files that disagree. */
  fileOf: Map<string, string>;
  /** Two files of the release disagree: why it is not used. */
  conflict?: string;
  refusedKeys: Set<string>;
  cfs: Map<number, number>;
}

export class RvuBuilder implements TableBuilder<RvuTable> {
  private readonly log = new ProblemLog();
  private readonly releaseRows = new Map<string, ReleaseRows>();
  private fileRelease: RvuFileRelease = {};
  private readonly names: string[] = [];
  private release: string | undefined;
  private source: NationalSource = { kind: 'pfs-rvu', label: '' };
  private phase: 'preamble' | 'data' | 'skip' = 'preamble';
  private above: string[][] = [];
  private banner = '';
  private fileName = '';
  private cols = {} as Record<Column, number>;
  private rows = 0;
  /** Non-blank lines after the header: what `rows` is measured against. */
  private dataRows = 0;
  /** This file's rows, added to the table when the file ends (unless it lost most of its rows). */
  private pending: RvuRow[] = [];
  private readonly strings = new Map<string, string>();
  private readonly csv = new CsvSplitter((cells, line, unclosed) => this.onRecord(cells, line, unclosed));

  beginFile(name: string): void {
    this.log.beginFile(name);
    this.fileName = baseName(name);
    this.names.push(this.fileName);
    this.phase = 'preamble';
    this.above = [];
    this.banner = '';
    this.rows = 0;
    this.dataRows = 0;
    this.pending = [];
    this.cols = {} as Record<Column, number>;
  }

  push(chunk: string): void {
    if (!feedChunk(this.csv, chunk, this.log)) this.phase = 'skip';
  }

  skipsRest(): boolean {
    return this.phase === 'skip';
  }

  endFile(): void {
    endSplitter(this.csv, this.log);
    if (this.phase === 'preamble') this.log.addFileProblem(0, 'no header row with an "HCPCS" column: is this a PPRRVU file?');
    else if (this.phase === 'data' && this.rows === 0) this.log.addFileProblem(0, 'no RVU rows were read');
    else if (this.rows > 0 && this.rows * 2 < this.dataRows) {
      // Most rows lost (a damaged copy, another layout): the few that parsed are not trusted either.
      this.log.addFileProblem(
        0,
        `only ${thousands(this.rows)} of its ${thousands(this.dataRows)} data rows could be read, so none of its rows were loaded (a file that loses most of its rows is not trusted); check that it is CMS's PPRRVU file as published`,
      );
      this.pending = [];
    }
    this.commit();
    this.log.endFile();
  }

  /**
   * Adds the file's rows to its release (issue 21). A repeated row that agrees is harmless; rows of
   * one code and modifier that disagree are never settled by the last one read: within a file the
   * key is refused, across two files of one release (neither name nor banner tells QPP from
   * nonQPP) the release is.
   */
  private commit(): void {
    if (this.pending.length === 0) return;
    const r = this.fileRelease;
    const key = `${r.year ?? '?'}|${r.quarter ?? '?'}|${r.qpp ?? '?'}`;
    let rel = this.releaseRows.get(key);
    if (!rel) this.releaseRows.set(key, (rel = { release: r, byCode: new Map(), count: 0, files: [], fileOf: new Map(), refusedKeys: new Set(), cfs: new Map() }));
    rel.files.push(this.fileName);
    for (const row of this.pending) {
      const k = `${row.code}|${row.modifier}`;
      if (rel.refusedKeys.has(k)) continue;
      rel.cfs.set(row.conversionFactor, (rel.cfs.get(row.conversionFactor) ?? 0) + 1);
      const list = rel.byCode.get(row.code);
      const at = list ? list.findIndex((x) => x.modifier === row.modifier) : -1;
      if (at >= 0 && !sameRow(list![at], row)) {
        const first = rel.fileOf.get(k)!;
        if (first !== this.fileName) {
          rel.conflict ??= `${first} and ${this.fileName} are both ${releaseName(r)} and disagree (${row.code}${row.modifier ? `-${row.modifier}` : ''} first); neither name nor banner tells which is the QPP and which the nonQPP file, so neither is used: keep CMS's file names (..._QPP, ..._nonQPP) or load one`;
          continue;
        }
        rel.refusedKeys.add(k);
        list!.splice(at, 1);
        rel.count--;
        this.log.add(0, `${row.code}${row.modifier ? `-${row.modifier}` : ''} has two rows that disagree, so it is not priced from this file`);
        continue;
      }
      if (at >= 0) continue;
      if (!list) rel.byCode.set(row.code, [row]);
      else list.push(row);
      rel.fileOf.set(k, this.fileName);
      rel.count++;
    }
    this.pending = [];
  }

  finish(): LoadResult<RvuTable> {
    const releases: RvuRelease[] = [];
    for (const rel of this.releaseRows.values()) {
      if (rel.conflict) {
        this.log.problems.push({ file: rel.files[rel.files.length - 1], line: 0, reason: rel.conflict });
        continue;
      }
      const name = releaseName(rel.release);
      const r = rel.release;
      const when = r.year === undefined ? this.release : r.quarter ? `${r.year} ${RELEASE_MONTHS[r.quarter]} release` : String(r.year);
      const table = new RvuIndex({ kind: 'pfs-rvu', label: labelOf(when, rel.files) }, rel.byCode, rel.count);
      const cf = [...rel.cfs.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
      releases.push({ name, ...rel.release, from: releaseFrom(rel.release), conversionFactor: cf, files: rel.files, table });
    }
    releases.sort((a, b) => (a.from ?? -Infinity) - (b.from ?? -Infinity) || Number(a.qpp ?? false) - Number(b.qpp ?? false));
    // Without a date, the table answers for the latest release (its nonQPP or unmarked file).
    const latest = releases.filter((r) => r.from === releases[releases.length - 1]?.from);
    const primary = latest.find((r) => r.qpp !== true) ?? latest[0];
    if (!primary) return { table: new RvuIndex({ kind: 'pfs-rvu', label: labelOf(this.release, this.names) }, new Map(), 0), problems: this.log.problems };
    const table = releases.length === 1 ? (primary.table as RvuIndex) : new RvuIndex({ kind: 'pfs-rvu', label: labelOf(this.release, this.names) }, (primary.table as RvuIndex).codes(), primary.table.size);
    // Each release's table knows the others too: a date's table still answers which release it is.
    table.releases = releases;
    for (const r of releases) (r.table as RvuIndex).releases = releases;
    return { table, problems: this.log.problems };
  }

  private onRecord(cells: string[], line: number, unclosed: boolean): void {
    if (this.phase === 'skip') return;
    if (this.phase === 'preamble') return this.onPreamble(cells, line);
    if (cells.every((c) => c.trim() === '')) return;
    this.dataRows++;
    if (unclosed) return this.log.add(line, 'a cell opens a quote (") that is not closed on its line, so the row\'s cells cannot be told apart; the row was skipped');
    const row = this.row(cells, line);
    if (!row) return;
    this.pending.push(row);
    this.rows++;
  }

  private onPreamble(cells: string[], line: number): void {
    const trimmed = cells.map((c) => c.trim());
    if (!trimmed.some((c) => /^hcpcs( code)?$/.test(headerWords(c)))) {
      const text = trimmed.filter(Boolean).join(' ');
      if (text) this.banner += ` ${text}`;
      this.above.push(trimmed);
      if (this.above.length > 30) {
        this.phase = 'skip';
        this.log.addFileProblem(0, 'no header row with an "HCPCS" column in the first 30 rows: is this a PPRRVU file?');
      }
      return;
    }
    // A column's name is its cells in this row and the two rows above, top to bottom.
    const upper = this.above.slice(-2);
    const names = trimmed.map((c, i) =>
      [...upper.map((r) => r[i] ?? ''), c]
        .filter(Boolean)
        .join(' '),
    ).map(headerWords);
    const used = new Set<number>();
    const missing: string[] = [];
    for (const col of COLUMNS) {
      let i = -1;
      if (col.after) {
        // The two NA INDICATOR columns are told apart by the PE RVU column each follows.
        const prev = this.cols[col.after];
        if (prev !== undefined && prev >= 0 && col.pattern.test(names[prev + 1] ?? '')) i = prev + 1;
      } else i = names.findIndex((n, k) => !used.has(k) && col.pattern.test(n));
      this.cols[col.key] = i;
      if (i >= 0) used.add(i);
      else if (col.required) missing.push(col.name);
    }
    this.release = this.release ?? releaseOf(this.banner, this.fileName);
    this.fileRelease = rvuFileRelease(this.banner, this.fileName);
    this.source = { kind: 'pfs-rvu', label: labelOf(releaseOf(this.banner, this.fileName), [this.fileName]) };
    if (missing.length > 0) {
      this.phase = 'skip';
      this.log.addFileProblem(line, missingColumnsReason(missing));
      return;
    }
    this.above = [];
    this.phase = 'data';
    // The file's data cells never hold a line break: a stray quote must cost one row, not the rest.
    this.csv.quotedLineBreaks = false;
  }

  private row(cells: string[], line: number): RvuRow | undefined {
    const c = this.cols;
    const cell = (k: Column): string => (c[k] >= 0 ? (cells[c[k]] ?? '').trim() : '');
    const code = cell('code');
    if (!isHcpcs(code)) return void this.log.add(line, `HCPCS ${shown(code)} is not a CPT/HCPCS code`);
    const modifier = cell('modifier');
    if (!/^[0-9A-Z]{0,2}$/.test(modifier)) return void this.log.add(line, `modifier ${shown(modifier)} is not a modifier`);
    const nums: Partial<Record<Column, number>> = {};
    for (const k of ['work', 'nonFacPe', 'facPe', 'mp', 'nonFacTotal', 'facTotal', 'cf'] as const) {
      const text = cell(k);
      // An absent optional column or an empty cell is zero RVUs; anything else must be a number.
      if (text === '' && k !== 'cf') {
        nums[k] = 0;
        continue;
      }
      const v = /^-?\d*\.?\d+$/.test(text) ? Number(text) : Number.NaN;
      if (!Number.isFinite(v) || v < 0) return void this.log.add(line, `${COLUMNS.find((col) => col.key === k)!.name} ${shown(text)} is not a number`);
      // Values no CMS file holds (issue 21): they would price at $0.00 or at an absurd amount.
      const implausible = k === 'cf' ? v === 0 || v > MAX_PLAUSIBLE_CF : v > MAX_PLAUSIBLE_RVU;
      if (implausible) {
        const what = k === 'cf' ? `a conversion factor of ${text.length > 12 ? `${text.length} digits` : shown(text)}, which no PFS file holds (about 20 to 40 dollars)` : `${text.length > 12 ? `${text.length} digits` : shown(text)}, beyond any RVU in a PFS file`;
        return void this.log.add(line, `${COLUMNS.find((col) => col.key === k)!.name} is ${what}, so the row was skipped and ${code} is not priced from this file`);
      }
      nums[k] = v;
    }
    // INTRA OP: the share of a global surgery paid for a -78 return to the operating room (0.84 = 84%).
    const intraText = cell('intraOp');
    // Zero (codes without a global period) is left out: it is no share to pay.
    const intraOp = /^\d*\.?\d+$/.test(intraText) && Number(intraText) > 0 && Number(intraText) <= 1 ? Number(intraText) : undefined;
    const nonFacNa = /^na$/i.test(cell('nonFacNa'));
    const facNa = /^na$/i.test(cell('facNa'));
    const na = (v: number, isNa: boolean): NumberOrNA => (isNa ? 'NA' : v);
    return {
      code: this.intern(code),
      modifier: this.intern(modifier),
      description: detach(cell('description')),
      statusCode: this.intern(cell('status')),
      workRvu: nums.work!,
      nonFacilityPeRvu: na(nums.nonFacPe!, nonFacNa),
      facilityPeRvu: na(nums.facPe!, facNa),
      mpRvu: nums.mp!,
      nonFacilityTotal: na(nums.nonFacTotal!, nonFacNa),
      facilityTotal: na(nums.facTotal!, facNa),
      pctc: this.intern(cell('pctc')),
      globalDays: this.intern(cell('globalDays')),
      ...(intraOp !== undefined ? { intraOp } : {}),
      multipleProcedure: this.intern(cell('multProc')),
      bilateral: this.intern(cell('bilateral')),
      ...(c.assistant >= 0 ? { assistant: this.intern(cell('assistant')) } : {}),
      ...(c.coSurgeon >= 0 ? { coSurgeon: this.intern(cell('coSurgeon')) } : {}),
      ...(c.teamSurgeon >= 0 ? { teamSurgeon: this.intern(cell('teamSurgeon')) } : {}),
      ...(c.endoBase >= 0 && isHcpcs(cell('endoBase')) ? { endoBase: this.intern(cell('endoBase')) } : {}),
      pricingIndicator: c.pricing >= 0 ? this.intern(cell('pricing')) : undefined,
      imagingFamily: c.imagingFamily >= 0 ? this.intern(cell('imagingFamily')) : undefined,
      conversionFactor: nums.cf!,
      source: this.source,
    };
  }

  /** Indicator cells repeat across 19,000 rows: keep one string each. */
  private intern(s: string): string {
    let v = this.strings.get(s);
    if (v === undefined) this.strings.set(s, (v = detach(s)));
    return v;
  }
}

export function loadPfsRvu(files: LoaderFile | readonly LoaderFile[]): LoadResult<RvuTable> {
  return loadWith(new RvuBuilder(), files);
}
