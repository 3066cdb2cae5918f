// CMS's OPPS cap file of the PFS release (OPPSCAP_JAN.csv ...): for each imaging code (global row
// and -TC row), contractor (CARRIER) and locality, the OPPS payment amount that caps the PFS
// payment for its technical component (Social Security Act section 1848(b)(4), added by the
// Deficit Reduction Act of 2005, section 5102(b)). Columns HCPCS, MOD, PROCSTAT, CARRIER,
// LOCALITY, FACILITY PRICE and CMS's own "NON-FACILTY PRICE"; the last row is a lone end-of-file
// character (Ctrl-Z), as in CMS's file. Rows of one key that disagree are not settled by the last
// one read: the key is refused, and a line it would cap is not priced, with the reason (issue 21).
import type { NationalSource, OppsCapEntry, OppsCapTable } from '../national';
import { baseName, CsvSplitter, detach, isHcpcs, loadWith, quarterOfName, quarterParts, shown, type LoadResult, type LoaderFile, HeaderThenRowsBuilder } from './common';
import { decimal, headerNames, type ColumnSpec } from './header';
import { rvuFileRelease } from './pfs-releases';

type Column = 'code' | 'modifier' | 'procStat' | 'carrier' | 'locality' | 'facility' | 'nonFacility';

const COLUMNS: ColumnSpec<Column>[] = [
  { key: 'code', name: 'HCPCS', pattern: /^hcpcs( code)?$/, required: true },
  { key: 'modifier', name: 'MOD', pattern: /^mod(ifier)?$/, required: true },
  { key: 'procStat', name: 'PROCSTAT', pattern: /^proc ?stat(us)?$/, required: false },
  { key: 'carrier', name: 'CARRIER', pattern: /^(carrier|mac|contractor)( number| no\.?)?$/, required: true },
  { key: 'locality', name: 'LOCALITY', pattern: /^locality( number| no\.?)?$/, required: true },
  { key: 'facility', name: 'FACILITY PRICE', pattern: /^facility price$/, required: true },
  // CMS spells it "NON-FACILTY PRICE".
  { key: 'nonFacility', name: 'NON-FACILITY PRICE', pattern: /^non[- ]?facil(i)?ty price$/, required: true },
];

/** No OPPS payment for an imaging technical component comes near this. */
const MAX_PLAUSIBLE_CAP = 100_000;

const MONTH_QUARTER: Readonly<Record<string, number>> = { jan: 1, apr: 2, jul: 3, oct: 4 };

function labelOf(period: string | undefined, names: string[]): string {
  return `PFS OPPS cap${period ? ` ${period}` : ''} (${names.join(', ')})`;
}

/** The quarter in the file name: 2026Q1, or OPPSCAP_JAN with a year elsewhere in the name. */
function periodOf(name: string): string | undefined {
  const q = quarterOfName(name);
  if (q) return q;
  const m = /(?:^|[^a-z])(jan|apr|jul|oct)(?:[^a-z]|$)/i.exec(name);
  const y = /(?<![0-9])(20\d\d)(?![0-9])/.exec(name);
  return m && y ? `${y[1]}Q${MONTH_QUARTER[m[1].toLowerCase()]}` : undefined;
}

/** The quarter of the release zip a member was read from (RVU26A: 2026Q1), from the path the host gives. */
function releasePeriodOf(path: string): string | undefined {
  const r = rvuFileRelease('', path);
  return r.year !== undefined && r.quarter ? `${r.year}Q${r.quarter}` : undefined;
}

class OppsCapIndex implements OppsCapTable {
  constructor(
    readonly source: NationalSource,
    private readonly rows: Map<string, OppsCapEntry>,
    readonly period: OppsCapTable['period'],
  ) {}

  get size(): number {
    return this.rows.size;
  }

  lookup(code: string, modifier: '' | 'TC', localityId: string): OppsCapEntry | undefined {
    return this.rows.get(`${code}|${modifier}|${localityId}`);
  }
}

export class OppsCapBuilder extends HeaderThenRowsBuilder<OppsCapTable> {
  private readonly rowsByKey = new Map<string, OppsCapEntry>();
  private readonly lineOf = new Map<string, string>();
  private readonly names: string[] = [];
  private file = '';
  private period: string | undefined;
  private source: NationalSource = { kind: 'opps-cap', label: '' };
  private cols = {} as Record<Column, number>;
  protected readonly endProblems = { noHeader: 'no header row with "HCPCS", "CARRIER", "LOCALITY" and "NON-FACILTY PRICE": is this the OPPS cap file?', noRows: 'no OPPS cap rows were read' };
  protected readonly splitter = new CsvSplitter((cells, line) => this.onRecord(cells, line));

  beginFile(name: string): void {
    this.startFile(name);
    this.file = baseName(name);
    this.names.push(this.file);
    const period = periodOf(this.file) ?? releasePeriodOf(name);
    this.period ??= period;
    this.source = { kind: 'opps-cap', label: labelOf(period, [this.file]) };
  }

  finish(): LoadResult<OppsCapTable> {
    return { table: new OppsCapIndex({ kind: 'opps-cap', label: labelOf(this.period, this.names) }, this.rowsByKey, quarterParts(this.period)), problems: this.log.problems };
  }

  private onRecord(cells: string[], line: number): void {
    if (this.phase === 'skip') return;
    if (this.phase === 'preamble') return this.onPreamble(cells, line);
    // Blank rows and CMS's closing end-of-file character (Ctrl-Z) are no rows.
    if (cells.every((c) => c.replace(/\x1a/g, '').trim() === '')) return;
    const cell = (k: Column): string => (this.cols[k] >= 0 ? (cells[this.cols[k]] ?? '').trim() : '');
    const code = cell('code').toUpperCase();
    if (!isHcpcs(code)) return this.log.add(line, `HCPCS ${shown(code)} is not a HCPCS code`);
    const modifier = cell('modifier').toUpperCase();
    if (modifier !== '' && modifier !== 'TC') return this.log.add(line, `modifier ${shown(modifier)} is neither blank (global) nor TC`);
    const carrier = cell('carrier');
    const loc = cell('locality');
    if (!/^\d{5}$/.test(carrier)) return this.log.add(line, `CARRIER ${shown(carrier)} is not a five-digit contractor number`);
    if (!/^\d{1,2}$/.test(loc)) return this.log.add(line, `LOCALITY ${shown(loc)} is not a one- or two-digit number`);
    const prices: number[] = [];
    for (const k of ['facility', 'nonFacility'] as const) {
      const text = cell(k).replace(/^\$/, '').replace(/,/g, '');
      const v = decimal(text);
      if (!Number.isFinite(v) || v < 0 || v > MAX_PLAUSIBLE_CAP) return this.log.add(line, `${COLUMNS.find((c) => c.key === k)!.name} ${text.length > 12 ? `(${text.length} characters)` : shown(text)} is not an amount an OPPS cap file holds; the row was skipped`);
      prices.push(v);
    }
    const localityId = `${carrier}-${loc.padStart(2, '0')}`;
    const key = `${code}|${modifier}|${localityId}`;
    const entry: OppsCapEntry = { code: detach(code), modifier: modifier as '' | 'TC', localityId: detach(localityId), procStat: detach(cell('procStat')), facility: prices[0], nonFacility: prices[1], source: this.source };
    const seen = this.rowsByKey.get(key);
    if (seen && (seen.facility !== entry.facility || seen.nonFacility !== entry.nonFacility) && !seen.refused) {
      const why = `${code}${modifier ? `-${modifier}` : ''} in ${localityId} has two rows that disagree (${this.lineOf.get(key)} and line ${line}${this.names.length > 1 ? ` of ${this.file}` : ''}), so its cap is unknown`;
      this.log.add(line, why);
      this.rowsByKey.set(key, { ...seen, refused: why });
      return;
    }
    if (seen) return;
    this.lineOf.set(key, `line ${line} of ${this.file}`);
    this.rowsByKey.set(key, entry);
    this.rows++;
  }

  private onPreamble(cells: string[], line: number): void {
    this.records++;
    const names = headerNames(cells);
    if (!(names.some((n) => /^hcpcs/.test(n)) && names.some((n) => /^locality/.test(n)) && names.some((n) => /facil(i)?ty price/.test(n)))) {
      this.notHeader('no header row with "HCPCS", "LOCALITY" and "NON-FACILTY PRICE" in the first 20 rows: is this the OPPS cap file?');
      return;
    }
    const cols = this.columnsOf(names, COLUMNS, line);
    if (!cols) return;
    this.cols = cols;
    this.phase = 'data';
    this.splitter.quotedLineBreaks = false;
  }
}

export function loadOppsCap(files: LoaderFile | readonly LoaderFile[]): LoadResult<OppsCapTable> {
  return loadWith(new OppsCapBuilder(), files);
}
