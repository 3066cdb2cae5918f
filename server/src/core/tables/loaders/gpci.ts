// CMS's PFS geographic practice cost indices by MAC and locality (Addendum E of the final rule, or
// the GPCI file of the PFS release): a title row, the header, about 110 locality rows, then
// footnote rows. Locality names may carry `*` marks that point at a footnote (a statutory floor).
import type { GpciEntry, GpciTable, NationalSource } from '../national';
import { baseName, CsvSplitter, detach, loadWith, shown, type LoadResult, type LoaderFile, HeaderThenRowsBuilder } from './common';
import { decimal, headerNames, type ColumnSpec } from './header';

type Column = 'mac' | 'state' | 'locality' | 'name' | 'work' | 'pe' | 'mp';

const COLUMNS: ColumnSpec<Column>[] = [
  { key: 'mac', name: 'Medicare Administrative Contractor (MAC)', pattern: /contractor|^mac\b|\bmac$/, required: true },
  { key: 'state', name: 'State', pattern: /^state$/, required: true },
  { key: 'locality', name: 'Locality Number', pattern: /^locality( number| no| num)?$/, required: true },
  { key: 'name', name: 'Locality Name', pattern: /locality name|fee schedule area/, required: false },
  // Some years print the work GPCI with and without the 1.0 floor: Medicare pays with the floor.
  { key: 'work', name: 'PW GPCI (with 1.0 Floor)', pattern: /\b(pw|work) gpci\b/, not: /without/, required: true },
  { key: 'pe', name: 'PE GPCI', pattern: /\bpe gpci\b/, required: true },
  { key: 'mp', name: 'MP GPCI', pattern: /\bmp gpci\b|malpractice/, required: true },
];

function labelOf(year: string | undefined, names: string[]): string {
  return `${year ? `CY${year} ` : ''}PFS GPCIs (${names.join(', ')})`;
}

class GpciIndex implements GpciTable {
  constructor(
    readonly source: NationalSource,
    private readonly byId: Map<string, GpciEntry>,
    private readonly states: Map<string, GpciEntry[]>,
    private readonly conflicts: ReadonlyMap<string, string>,
    readonly year: string | undefined,
  ) {}

  get size(): number {
    return this.byId.size;
  }

  lookup(id: string): GpciEntry | undefined {
    return this.conflicts.has(id) ? undefined : this.byId.get(id);
  }

  conflict(id: string): string | undefined {
    return this.conflicts.get(id);
  }

  byState(state: string): readonly GpciEntry[] {
    return this.states.get(state) ?? [];
  }
}

export class GpciBuilder extends HeaderThenRowsBuilder<GpciTable> {
  private readonly byId = new Map<string, GpciEntry>();
  /** Where each locality's row was read, to name both rows of a conflict. */
  private readonly readAt = new Map<string, string>();
  /** Localities with two rows that disagree: why they are not priced. */
  private readonly conflicts = new Map<string, string>();
  private file = '';
  private readonly names: string[] = [];
  private year: string | undefined;
  private source: NationalSource = { kind: 'gpci', label: '' };
  private cols = {} as Record<Column, number>;
  private banner = '';
  protected readonly endProblems = { noHeader: 'no header row with "Locality Number" and "PE GPCI": is this the PFS GPCI file?', noRows: 'no locality rows were read' };
  protected readonly splitter = new CsvSplitter((cells, line) => this.onRecord(cells, line));

  beginFile(name: string): void {
    this.startFile(name);
    this.file = baseName(name);
    this.names.push(baseName(name));
    this.banner = '';
  }

  finish(): LoadResult<GpciTable> {
    const states = new Map<string, GpciEntry[]>();
    for (const e of this.byId.values()) {
      const list = states.get(e.state);
      if (list) list.push(e);
      else states.set(e.state, [e]);
    }
    for (const [st, list] of states) states.set(st, list.filter((e) => !this.conflicts.has(e.id)));
    return { table: new GpciIndex({ kind: 'gpci', label: labelOf(this.year, this.names) }, this.byId, states, this.conflicts, this.year), problems: this.log.problems };
  }

  private onRecord(cells: string[], line: number): void {
    if (this.phase === 'skip') return;
    if (this.phase === 'preamble') return this.onPreamble(cells, line);
    const cell = (k: Column): string => (this.cols[k] >= 0 ? (cells[this.cols[k]] ?? '').trim() : '');
    if (cells.every((c) => c.trim() === '')) return;
    const mac = cell('mac');
    // Footnote rows after the data ("* Alaska's work GPCI ...", "Source: ...") have no MAC and no indices.
    if (!/^\d/.test(mac) && cell('pe') === '' && cell('mp') === '') return;
    if (!/^\d{5}$/.test(mac)) return this.log.add(line, `MAC ${shown(mac)} is not a five-digit contractor number`);
    const loc = cell('locality');
    if (!/^\d{1,2}$/.test(loc)) return this.log.add(line, `locality number ${shown(loc)} is not a one- or two-digit number`);
    const state = cell('state').replace(/\*/g, '').toUpperCase();
    if (!/^[A-Z]{2}$/.test(state)) return this.log.add(line, `state ${shown(state)} is not a two-letter USPS code`);
    const nums: Partial<Record<'work' | 'pe' | 'mp', number>> = {};
    for (const k of ['work', 'pe', 'mp'] as const) {
      const text = cell(k).replace(/\*+$/, '');
      const v = decimal(text);
      // CMS's GPCIs lie between about 0.3 and 2 (1.5 is Alaska's floor): above 10 is no GPCI.
      if (!Number.isFinite(v) || v <= 0 || v > 10) return this.log.add(line, `${COLUMNS.find((c) => c.key === k)!.name} ${shown(text)} is not an index (a positive decimal such as 1.000)`);
      nums[k] = v;
    }
    const rawName = cell('name');
    const locality = loc.padStart(2, '0');
    const id = `${mac}-${locality}`;
    const seen = this.byId.get(id);
    if (seen) {
      // A repeated row that agrees is harmless; one that disagrees must not win quietly (issue 21).
      if (seen.work !== nums.work || seen.pe !== nums.pe || seen.mp !== nums.mp) {
        const first = this.readAt.get(id)!;
        const why = `locality ${id} has two rows that disagree (${first} and line ${line}${this.names.length > 1 ? ` of ${this.file}` : ''}), so it is not priced until one is removed`;
        this.conflicts.set(id, why);
        this.log.add(line, why);
      }
      this.rows++;
      return;
    }
    this.readAt.set(id, `line ${line} of ${this.file}`);
    this.byId.set(id, {
      mac: detach(mac),
      locality: detach(locality),
      id: detach(id),
      state: detach(state),
      name: detach(rawName.replace(/\*/g, '').replace(/\s+/g, ' ').trim()),
      marked: rawName.includes('*'),
      work: nums.work!,
      pe: nums.pe!,
      mp: nums.mp!,
      source: this.source,
    });
    this.rows++;
  }

  private onPreamble(cells: string[], line: number): void {
    this.records++;
    const names = headerNames(cells);
    if (!(names.some((n) => /^locality( number| no| num)?$/.test(n)) && names.some((n) => /gpci/.test(n)))) {
      this.banner += ` ${cells.join(' ')}`;
      this.notHeader('no header row with "Locality Number" and "PE GPCI" in the first 20 rows: is this the PFS GPCI file?');
      return;
    }
    const cols = this.columnsOf(names, COLUMNS, line);
    if (!cols) return;
    this.cols = cols;
    // The year: "CY 2026" in the title, "2026 PE GPCI" in the header, or 2026 in the file name.
    const year =
      /\bCY\s?(20\d\d)\b/i.exec(this.banner)?.[1] ??
      /\b(20\d\d)\b.*gpci/i.exec(names.join(' '))?.[1] ??
      /(?<![0-9])(20\d\d)(?![0-9])/.exec(this.names[this.names.length - 1])?.[1];
    this.year ??= year;
    this.source = { kind: 'gpci', label: labelOf(year, [this.names[this.names.length - 1]]) };
    this.phase = 'data';
  }
}

export function loadGpci(files: LoaderFile | readonly LoaderFile[]): LoadResult<GpciTable> {
  return loadWith(new GpciBuilder(), files);
}
