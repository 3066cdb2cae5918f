// CMS's NCCI practitioner MUE values: a CSV whose first cell is a quoted multi-line copyright
// notice and whose header cells wrap ("HCPCS/\nCPT Code"). About 20,000 rows: a Map is enough.
import type { MueEntry, MueTable, NationalSource, QuarterPeriod } from '../national';
import { headerNames, type ColumnSpec } from './header';
import { baseName, CsvSplitter, detach, isHcpcs, loadWith, quarterOfName, quarterParts, shown, type LoadResult, type LoaderFile, HeaderThenRowsBuilder } from './common';

type Column = 'code' | 'value' | 'adjudication' | 'rationale';

const COLUMNS: ColumnSpec<Column>[] = [
  { key: 'code', name: 'HCPCS/CPT Code', pattern: /hcpcs|cpt\s*code/, required: true },
  { key: 'value', name: 'MUE Values', pattern: /\bvalues?\b/, required: true },
  { key: 'adjudication', name: 'MUE Adjudication Indicator', pattern: /adjudication|indicator/, required: true },
  { key: 'rationale', name: 'MUE Rationale', pattern: /rationale/, required: false },
];

function labelOf(period: string | undefined, names: string[]): string {
  return `NCCI MUE practitioner values${period ? ` ${period}` : ''} (${names.join(', ')})`;
}

class MueIndex implements MueTable {
  constructor(
    readonly source: NationalSource,
    private readonly entries: Map<string, MueEntry>,
    readonly period: QuarterPeriod | undefined,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  lookup(code: string): MueEntry | undefined {
    return this.entries.get(code);
  }
}

export class MueBuilder extends HeaderThenRowsBuilder<MueTable> {
  private readonly entries = new Map<string, MueEntry>();
  private readonly names: string[] = [];
  private period: string | undefined;
  private source: NationalSource = { kind: 'mue', label: '' };
  private cols: Record<Column, number> = { code: -1, value: -1, adjudication: -1, rationale: -1 };
  private readonly rationales = new Map<string, string>();
  protected readonly endProblems = { noHeader: 'no header row with "MUE Values" and "MUE Adjudication Indicator": is this an NCCI MUE file?', noRows: 'no MUE rows were read' };
  protected readonly splitter = new CsvSplitter((cells, line, unclosed) => this.onRecord(cells, line, unclosed));

  beginFile(name: string): void {
    this.startFile(name);
    const base = baseName(name);
    this.names.push(base);
    const period = quarterOfName(base);
    this.period ??= period;
    this.source = { kind: 'mue', label: labelOf(period, [base]) };
  }

  finish(): LoadResult<MueTable> {
    return { table: new MueIndex({ kind: 'mue', label: labelOf(this.period, this.names) }, this.entries, quarterParts(this.period)), problems: this.log.problems };
  }

  private onRecord(cells: string[], line: number, unclosed: boolean): void {
    if (this.phase === 'skip') return;
    if (this.phase === 'preamble') {
      this.records++;
      const names = headerNames(cells);
      const isHeader = names.some((n) => /adjudication/.test(n)) || (names.some((n) => /\bvalues?\b/.test(n)) && names.some((n) => /hcpcs|cpt\s*code/.test(n)));
      if (!isHeader) {
        this.notHeader('no header row with "MUE Values" and "MUE Adjudication Indicator" in the first 20 rows: is this an NCCI MUE file?');
        return;
      }
      const cols = this.columnsOf(names, COLUMNS, line);
      if (!cols) return;
      this.cols = cols;
      this.phase = 'data';
      // Only the copyright and header cells span lines: a stray quote in a row must cost that row only.
      this.splitter.quotedLineBreaks = false;
      return;
    }
    if (cells.every((c) => c.trim() === '')) return;
    if (unclosed) return this.log.add(line, 'a cell opens a quote (") that is not closed on its line, so the row\'s cells cannot be told apart; the row was skipped');
    const code = (cells[this.cols.code] ?? '').trim();
    if (!isHcpcs(code)) return this.log.add(line, `code ${shown(code)} is not a CPT/HCPCS code`);
    const valueText = (cells[this.cols.value] ?? '').trim();
    if (!/^\d{1,6}$/.test(valueText)) return this.log.add(line, `MUE value ${shown(valueText)} is not a whole number`);
    const adjText = (cells[this.cols.adjudication] ?? '').trim();
    const adj = /^([123])(?![0-9])/.exec(adjText);
    if (!adj) return this.log.add(line, `adjudication indicator ${shown(adjText)} does not start with 1, 2 or 3`);
    const rationaleText = this.cols.rationale >= 0 ? (cells[this.cols.rationale] ?? '').replace(/\s+/g, ' ').trim() : '';
    // Rationales repeat across thousands of rows: share one string each.
    let rationale = this.rationales.get(rationaleText);
    if (rationale === undefined) this.rationales.set(rationaleText, (rationale = detach(rationaleText)));
    this.entries.set(code, { code: detach(code), value: +valueText, adjudication: +adj[1] as 1 | 2 | 3, rationale, source: this.source });
    this.rows++;
  }
}

export function loadMue(files: LoaderFile | readonly LoaderFile[]): LoadResult<MueTable> {
  return loadWith(new MueBuilder(), files);
}
