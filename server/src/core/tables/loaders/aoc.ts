// CMS's NCCI add-on code (AOC) edits, practitioner: one row per add-on code and primary code with
// the edit type (1: only the listed primaries; 2: the contractor defines the primaries, placeholder
// CCCCC; 3: the listed primaries and others the contractor accepts) and dates (YYYYMMDD, or Julian
// YYYYDDD in CMS's workbook; blank or `*` = none). Tab-delimited text, a comma-separated export, or
// CMS's Excel workbook (read by the host into comma-separated rows). A deletion date is the first
// day the edit (or code) no longer applies, as for every CMS file here (docs/national-data.md,
// "Dates"). CMS's fixed-width text copy is refused with what to load instead: its field positions
// are not published with it.
import type { AocEdit, AocTable, NationalSource } from '../national';
import { baseName, cmsDay, DATE_FORMS, detach, isHcpcs, LineSplitter, loadWith, quarterOfName, shown, type LoadResult, type LoaderFile, HeaderThenRowsBuilder } from './common';
import { headerNames, type ColumnSpec } from './header';

type Column = 'addOn' | 'addOnEff' | 'addOnDel' | 'primary' | 'primaryEff' | 'primaryDel' | 'type' | 'eff' | 'del' | 'notes';

const COLUMNS: ColumnSpec<Column>[] = [
  { key: 'addOn', name: 'Add-on Code', pattern: /^add ?on code$/, required: true },
  { key: 'addOnEff', name: 'Add-on Code Effective Date', pattern: /^(add ?on( code)?|aoc) eff/, required: false },
  { key: 'addOnDel', name: 'Add-on Code Deletion Date', pattern: /^(add ?on( code)?|aoc) del/, required: false },
  { key: 'primary', name: 'Primary Code', pattern: /^primary( code)?$/, required: true },
  { key: 'primaryEff', name: 'Primary Code Effective Date', pattern: /^primary( code)? eff/, required: false },
  { key: 'primaryDel', name: 'Primary Code Deletion Date', pattern: /^primary( code)? del/, required: false },
  { key: 'type', name: 'AOC Edit Type', pattern: /edit type$/, required: true },
  { key: 'eff', name: 'AOC Edit Effective Date', pattern: /edit eff/, required: true },
  { key: 'del', name: 'AOC Edit Deletion Date', pattern: /edit del/, required: true },
  { key: 'notes', name: 'Special Instruction Notes', pattern: /instruction|notes?$/, required: false },
];

const DATE_COLUMNS = ['eff', 'del', 'addOnEff', 'addOnDel', 'primaryEff', 'primaryDel'] as const;

/** Effective and deletion columns that must be in order, and what they date. */
const DATE_PAIRS = [
  ['eff', 'del', 'edit'],
  ['addOnEff', 'addOnDel', 'add-on code'],
  ['primaryEff', 'primaryDel', 'primary code'],
] as const;

/** What to load instead of a file that is not the edits in a readable layout. */
const LOAD_WORKBOOK =
  "CMS publishes the add-on code edits as an Excel workbook (AOC_*.xlsx, in the quarter's zip) and as fixed-width text; load the workbook or its zip (the fixed-width text's field positions are not published with it, so it is not read)";

/** The trimmed cell at column `i` (-1: the column is absent). */
function cellOf(cells: readonly string[], i: number): string {
  return i >= 0 ? (cells[i] ?? '').trim() : '';
}

/** Type 2 rows name no primary: the file writes this placeholder. */
export const AOC_CONTRACTOR_PRIMARY = 'CCCCC';

/** From the effective day up to, not including, the deletion day. */
const inForce = (day: number, from: number, deleted: number | undefined): boolean => day >= from && (deleted === undefined || day < deleted);

class AocIndex implements AocTable {
  constructor(
    readonly source: NationalSource,
    private readonly byAddOn: Map<string, AocEdit[]>,
    readonly size: number,
  ) {}

  isAddOn(code: string): boolean {
    return this.byAddOn.has(code);
  }

  edits(addOn: string): readonly AocEdit[] {
    return this.byAddOn.get(addOn) ?? [];
  }

  editsOn(addOn: string, day: number): readonly AocEdit[] {
    const all = this.byAddOn.get(addOn);
    if (!all) return [];
    return all.filter((e) => inForce(day, e.effective, e.deleted) && inForce(day, e.addOnEffective, e.addOnDeleted) && (e.primary === undefined || inForce(day, e.primaryEffective, e.primaryDeleted)));
  }
}

function labelOf(period: string | undefined, names: string[]): string {
  return `NCCI add-on code edits${period ? ` ${period}` : ''} (${names.join(', ')})`;
}

/** Cells of a comma-separated line, quotes honoured (one line: AOC cells hold no line breaks). */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    let cell = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) {
          cell += line.slice(i);
          i = line.length;
          break;
        }
        cell += line.slice(i, q);
        if (line[q + 1] === '"') {
          cell += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      const comma = line.indexOf(',', i);
      cell += line.slice(i, comma < 0 ? line.length : comma);
      i = comma < 0 ? line.length : comma;
    } else {
      const comma = line.indexOf(',', i);
      cell = line.slice(i, comma < 0 ? line.length : comma);
      i = comma < 0 ? line.length : comma;
    }
    cells.push(cell);
    if (i >= line.length) return cells;
    i++;
  }
}

export class AocBuilder extends HeaderThenRowsBuilder<AocTable> {
  private readonly byAddOn = new Map<string, AocEdit[]>();
  private readonly names: string[] = [];
  private period: string | undefined;
  private source: NationalSource = { kind: 'aoc', label: '' };
  private tab = true;
  private cols = {} as Record<Column, number>;
  private count = 0;
  /** The current file's edits, taken into the table at its end only if one of them is in force. */
  private fileEdits: AocEdit[] = [];
  private readonly notes = new Map<string, string>();
  /** Dates repeat across thousands of rows: parse each once. */
  private readonly days = new Map<string, number | null | undefined>();
  protected readonly endProblems = { noHeader: `no header row with "Add-on Code", "Primary Code" and "AOC Edit Type": is this an NCCI add-on code edit file? ${LOAD_WORKBOOK}`, noRows: 'no add-on code rows were read' };
  protected readonly splitter = new LineSplitter((text, start, end, no) => this.onLine(text.slice(start, end), no));

  beginFile(name: string): void {
    this.startFile(name);
    this.fileEdits = [];
    const base = baseName(name);
    this.names.push(base);
    const period = quarterOfName(base);
    this.period ??= period;
    this.source = { kind: 'aoc', label: labelOf(period, [base]) };
  }

  finish(): LoadResult<AocTable> {
    return { table: new AocIndex({ kind: 'aoc', label: labelOf(this.period, this.names) }, this.byAddOn, this.count), problems: this.log.problems };
  }

  private onLine(text: string, line: number): void {
    if (this.phase === 'skip') return;
    if (this.phase === 'preamble') return this.onPreamble(text, line);
    if (text.trim() === '') return;
    const cells = this.tab ? text.split('\t') : csvCells(text);
    const c = this.cols;
    // No per-row closure: 15,000 rows would each allocate one.
    const cell = cellOf;
    const addOn = cell(cells, c.addOn).toUpperCase();
    if (!isHcpcs(addOn)) {
      // A note or footer line (words, no tabs) after the data is not a row.
      if (cells.length === 1) return;
      return this.log.add(line, `add-on code ${shown(addOn)} is not a CPT/HCPCS code`);
    }
    const primaryText = cell(cells, c.primary).toUpperCase();
    if (!isHcpcs(primaryText)) return this.log.add(line, `primary code ${shown(primaryText)} is not a CPT/HCPCS code`);
    const typeText = cell(cells, c.type);
    if (!/^[123]$/.test(typeText)) return this.log.add(line, `AOC edit type ${shown(typeText)} is not 1, 2 or 3`);
    const type = +typeText as 1 | 2 | 3;
    if ((type === 2) !== (primaryText === AOC_CONTRACTOR_PRIMARY)) {
      return this.log.add(line, type === 2 ? `a type 2 edit names primary ${shown(primaryText)}; the file writes ${AOC_CONTRACTOR_PRIMARY} for type 2` : `primary ${AOC_CONTRACTOR_PRIMARY} (contractor-defined) on a type ${type} edit`);
    }
    const dates = this.datesOf(cells, line);
    if (!dates) return;
    const notesText = cell(cells, c.notes).replace(/\s+/g, ' ');
    let notes = this.notes.get(notesText);
    if (notes === undefined) this.notes.set(notesText, (notes = detach(notesText)));
    const edit: AocEdit = {
      addOn: detach(addOn),
      primary: type === 2 ? undefined : detach(primaryText),
      type,
      effective: dates.eff ?? -Infinity,
      deleted: dates.del,
      addOnEffective: dates.addOnEff ?? -Infinity,
      addOnDeleted: dates.addOnDel,
      primaryEffective: dates.primaryEff ?? -Infinity,
      primaryDeleted: dates.primaryDel,
      notes,
      source: this.source,
    };
    this.fileEdits.push(edit);
    this.rows++;
  }

  /** The row's dates (undefined: none), or undefined after reporting a bad one or an edit deleted before it took effect. */
  private datesOf(cells: readonly string[], line: number): Partial<Record<Column, number>> | undefined {
    const dates: Partial<Record<Column, number>> = {};
    for (const k of DATE_COLUMNS) {
      const t = cellOf(cells, this.cols[k]);
      let d = this.days.get(t);
      if (d === undefined && !this.days.has(t)) this.days.set(t, (d = cmsDay(t)));
      if (d === undefined) return void this.log.add(line, `${COLUMNS.find((c) => c.key === k)!.name} ${shown(t)} is neither ${DATE_FORMS} nor blank or * (none)`);
      if (d !== null) dates[k] = d;
    }
    for (const [eff, del, what] of DATE_PAIRS) {
      const from = dates[eff];
      const to = dates[del];
      if (from !== undefined && to !== undefined && from > to) {
        return void this.log.add(line, `the ${what} takes effect after its deletion date, which no CMS file holds; the row was not loaded (the other rows of the code still apply)`);
      }
    }
    return dates;
  }

  /** A file whose every edit is deleted is refused: it cannot be the quarter's file, and its rows must not stand in for it. */
  protected override fileRead(): void {
    const edits = this.fileEdits;
    this.fileEdits = [];
    if (edits.length === 0) return;
    if (!edits.some((e) => e.deleted === undefined && e.addOnDeleted === undefined)) {
      this.log.addFileProblem(0, `none of its ${edits.length} edits is in force (every row has a deletion date), so it is not a current add-on code edit file and was not loaded; load the add-on code edit file of the quarter you bill in`);
      return;
    }
    for (const edit of edits) {
      const list = this.byAddOn.get(edit.addOn);
      if (list) list.push(edit);
      else this.byAddOn.set(edit.addOn, [edit]);
    }
    this.count += edits.length;
  }

  private onPreamble(text: string, line: number): void {
    this.records++;
    if (this.records === 1 && isFixedWidthRow(text)) {
      this.phase = 'skip';
      this.log.addFileProblem(line, `this is CMS's fixed-width add-on code text (a code in the first five characters, no header, no delimiters), which cannot be read here. ${LOAD_WORKBOOK}`);
      return;
    }
    const tab = text.includes('\t');
    const names = headerNames(tab ? text.split('\t') : csvCells(text));
    if (!(names.some((n) => /^add ?on code$/.test(n)) && names.some((n) => /^primary( code)?$/.test(n)))) {
      this.notHeader(`no header row with "Add-on Code" and "Primary Code" in the first 20 lines: is this an NCCI add-on code edit file? ${LOAD_WORKBOOK}`);
      return;
    }
    const cols = this.columnsOf(names, COLUMNS, line);
    if (!cols) return;
    this.tab = tab;
    this.cols = cols;
    this.phase = 'data';
  }
}

/** A first line of codes and dates in columns, with no delimiter: CMS's fixed-width AOC text. */
function isFixedWidthRow(text: string): boolean {
  return !text.includes('\t') && !text.includes(',') && /^[0-9A-Z]{5}\s*[0-9A-Z*]{5}/.test(text) && /\d{7}/.test(text);
}

export function loadAoc(files: LoaderFile | readonly LoaderFile[]): LoadResult<AocTable> {
  return loadWith(new AocBuilder(), files);
}
