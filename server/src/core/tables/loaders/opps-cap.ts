// The OPPS cap file of CMS's quarterly PFS release (OPPSCAP_JAN.csv in RVU26A): for imaging codes,
// the OPPS-based payment per MAC locality that caps the PFS non-facility technical payment. Columns
// by name: HCPCS, MOD, PROCSTAT, CARRIER, LOCALITY, FACILITY PRICE and CMS's own "NON-FACILTY
// PRICE" (read through headerWords). The file's last row is a lone end-of-file character: any row
// with no code is skipped. This file reads rows into a look-up; pricing with it is the estimate's.
import type { NationalSource, OppsCapEntry, OppsCapTable } from '../national';
import { baseName, CsvSplitter, detach, HeaderThenRowsBuilder, isHcpcs, loadWith, quarterOfName, shown, type LoadResult, type LoaderFile } from './common';
import { decimal, headerNames, type ColumnSpec } from './header';

type Column = 'code' | 'modifier' | 'mac' | 'locality' | 'facility' | 'nonFacility';

const COLUMNS: ColumnSpec<Column>[] = [
  { key: 'code', name: 'HCPCS', pattern: /^hcpcs( code)?$/, required: true },
  { key: 'modifier', name: 'MOD', pattern: /^mod(ifier)?$/, required: true },
  { key: 'mac', name: 'CARRIER', pattern: /^carrier|contractor|^mac$/, required: true },
  { key: 'locality', name: 'LOCALITY', pattern: /^locality( number| no| num)?$/, required: true },
  { key: 'facility', name: 'FACILITY PRICE', pattern: /^facility price$/, required: true },
  { key: 'nonFacility', name: 'NON-FACILITY PRICE', pattern: /^non ?facility price$/, required: true },
];

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
  const r = /(?:^|[^a-z])rvu(\d\d)([a-d])(?:[^a-z]|$)/i.exec(path);
  return r ? `20${r[1]}Q${'abcd'.indexOf(r[2].toLowerCase()) + 1}` : undefined;
}

class OppsCapIndex implements OppsCapTable {
  constructor(
    readonly source: NationalSource,
    private readonly rows: Map<string, OppsCapEntry>,
  ) {}

  get size(): number {
    return this.rows.size;
  }

  lookup(code: string, modifier: string, localityId: string): OppsCapEntry | undefined {
    return this.rows.get(`${code}|${modifier}|${localityId}`);
  }
}

export class OppsCapBuilder extends HeaderThenRowsBuilder<OppsCapTable> {
  private readonly byKey = new Map<string, OppsCapEntry>();
  private readonly names: string[] = [];
  private period: string | undefined;
  private source: NationalSource = { kind: 'opps-cap', label: '' };
  private cols = {} as Record<Column, number>;
  protected readonly endProblems = { noHeader: 'no header row with "HCPCS", "CARRIER", "LOCALITY" and "NON-FACILITY PRICE": is this the OPPS cap file (OPPSCAP*) of the PFS release?', noRows: 'no OPPS cap rows were read' };
  protected readonly splitter = new CsvSplitter((cells, line) => this.onRecord(cells, line));

  beginFile(name: string): void {
    this.startFile(name);
    const base = baseName(name);
    this.names.push(base);
    const period = periodOf(base) ?? releasePeriodOf(name);
    this.period ??= period;
    this.source = { kind: 'opps-cap', label: labelOf(period, [base]) };
  }

  finish(): LoadResult<OppsCapTable> {
    return { table: new OppsCapIndex({ kind: 'opps-cap', label: labelOf(this.period, this.names) }, this.byKey), problems: this.log.problems };
  }

  private onRecord(cells: string[], line: number): void {
    if (this.phase === 'skip') return;
    if (this.phase === 'preamble') return this.onPreamble(cells, line);
    const cell = (k: Column): string => (this.cols[k] >= 0 ? (cells[this.cols[k]] ?? '').trim() : '');
    const code = cell('code').toUpperCase();
    // Blank rows and CMS's closing end-of-file character carry no code.
    if (code === '' || /^[\x1a\s]*$/.test(code)) return;
    if (!isHcpcs(code)) return this.log.add(line, `HCPCS ${shown(code)} is not a CPT/HCPCS code`);
    const mac = cell('mac');
    if (!/^\d{5}$/.test(mac)) return this.log.add(line, `CARRIER ${shown(mac)} is not a five-digit contractor number`);
    const loc = cell('locality');
    if (!/^\d{1,2}$/.test(loc)) return this.log.add(line, `LOCALITY ${shown(loc)} is not a one- or two-digit number`);
    const prices: Partial<Record<'facility' | 'nonFacility', number>> = {};
    for (const k of ['facility', 'nonFacility'] as const) {
      const v = decimal(cell(k));
      if (!Number.isFinite(v)) return this.log.add(line, `${COLUMNS.find((c) => c.key === k)!.name} ${shown(cell(k))} is not an amount in dollars`);
      prices[k] = v;
    }
    const modifier = cell('modifier').toUpperCase();
    const locality = loc.padStart(2, '0');
    const entry: OppsCapEntry = { code: detach(code), modifier: detach(modifier), mac: detach(mac), locality: detach(locality), facility: prices.facility!, nonFacility: prices.nonFacility!, source: this.source };
    this.byKey.set(`${entry.code}|${entry.modifier}|${entry.mac}-${entry.locality}`, entry);
    this.rows++;
  }

  private onPreamble(cells: string[], line: number): void {
    this.records++;
    const names = headerNames(cells);
    if (!(names.includes('hcpcs') && names.some((n) => /price$/.test(n)))) {
      this.notHeader('no header row with "HCPCS" and "NON-FACILITY PRICE" in the first 20 rows: is this the OPPS cap file (OPPSCAP*) of the PFS release?');
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
