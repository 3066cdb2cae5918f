// CMS's locality-to-county file: for each MAC locality, the state (spelled out) and the counties
// it covers, in CMS's wording (county-wording.ts): a list, "ALL COUNTIES", "ALL OTHER COUNTIES"
// (the counties no other row of the state names), EXCEPT clauses, rows spanning states. A row with
// no MAC or locality continues the row above; a blank State cell carries the state above down.
// A county two localities of one state list, and a row refused (a stray quote), are reported and
// leave the counties concerned unpriced (issue 21): none wins quietly.
import type { CountyMatch, LocalityArea, LocalityTable, NationalSource } from '../national';
import { countyKey, parseCountyWording, splitCountyList, stateCodeOf, statesOfCell } from './county-wording';
import { baseName, CsvSplitter, detach, loadWith, shown, type LoadResult, type LoaderFile, HeaderThenRowsBuilder } from './common';
import { headerNames, type ColumnSpec } from './header';

type Column = 'mac' | 'locality' | 'state' | 'area' | 'counties';

const COLUMNS: ColumnSpec<Column>[] = [
  { key: 'mac', name: 'Medicare Administrative Contractor', pattern: /contractor|^mac\b|\bmac$/, required: true },
  { key: 'locality', name: 'Locality Number', pattern: /^locality( number| no| num)?$/, required: true },
  { key: 'state', name: 'State', pattern: /^state( name)?$/, required: true },
  { key: 'area', name: 'Fee Schedule Area', pattern: /fee schedule area|locality name/, required: false },
  { key: 'counties', name: 'Counties', pattern: /^count(y|ies)/, required: true },
];

/** 2026 from "locality-county-2026.csv" or CMS's "26LOCCO.csv". */
function yearOfName(name: string): string | undefined {
  const full = /(?<![0-9])(20\d\d)(?![0-9])/.exec(name)?.[1];
  if (full) return full;
  const short = /^(\d\d)locco/i.exec(name);
  return short ? `20${short[1]}` : undefined;
}

function labelOf(year: string | undefined, names: string[]): string {
  return `${year ? `CY${year} ` : ''}PFS locality-to-county file (${names.join(', ')})`;
}

/** A state's index: its listed counties (by key) and its "all"/"rest" rows. */
interface StateIndex {
  listed: Map<string, LocalityArea[]>;
  rest: LocalityArea[];
  /** The state has a row the loader refused: an unlisted county's locality is unknown. */
  incomplete: boolean;
}

class LocalityIndex implements LocalityTable {
  constructor(
    readonly source: NationalSource,
    private readonly rows: LocalityArea[],
    private readonly states: Map<string, LocalityArea[]>,
    private readonly index: Map<string, StateIndex>,
    private readonly ids: Map<string, LocalityArea[]>,
    readonly year: string | undefined,
  ) {}

  get size(): number {
    return this.rows.length;
  }

  matchCounty(state: string, county: string): CountyMatch {
    const st = this.index.get(state);
    if (!st) return { kind: 'none' };
    const key = countyKey(county);
    const listed = st.listed.get(key);
    if (listed) return listed.length === 1 ? { kind: 'listed', area: listed[0] } : { kind: 'conflict', areas: listed };
    // "ALEXANDRIA" for Virginia's independent city "ALEXANDRIA CITY", when no county of that name is listed.
    const city = key.endsWith('CITY') ? undefined : st.listed.get(`${key}CITY`);
    if (city?.length === 1) return { kind: 'listed', area: city[0], asCity: true };
    if (city) return { kind: 'conflict', areas: city };
    if (st.incomplete) return { kind: 'incomplete' };
    const excepting = st.rest.find((a) => a.except?.some((e) => countyKey(e) === key));
    if (excepting) return { kind: 'excepted', area: excepting };
    if (st.rest.length > 1) return { kind: 'conflict', areas: st.rest };
    return st.rest.length === 1 ? { kind: 'rest', area: st.rest[0] } : { kind: 'none' };
  }

  resolveCounty(state: string, county: string): LocalityArea | undefined {
    const m = this.matchCounty(state, county);
    return m.kind === 'listed' || m.kind === 'rest' ? m.area : undefined;
  }

  byState(state: string): readonly LocalityArea[] {
    return this.states.get(state) ?? [];
  }

  areas(id: string): readonly LocalityArea[] {
    return this.ids.get(id) ?? [];
  }
}

/** Where a row was read, for the problems found once every file is in. */
interface RowAt {
  area: LocalityArea;
  file: string;
  line: number;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export class LocalityBuilder extends HeaderThenRowsBuilder<LocalityTable> {
  private readonly read: RowAt[] = [];
  private readonly refusedStates = new Set<string>();
  private readonly names: string[] = [];
  private file = '';
  private year: string | undefined;
  private source: NationalSource = { kind: 'localities', label: '' };
  private cols = {} as Record<Column, number>;
  private headerWidth = 0;
  /** The last row read: its areas (one per state), its states, for continuation rows and a blank State cell. */
  private last: { areas: LocalityArea[]; states: string[] } | undefined;
  protected readonly endProblems = { noHeader: 'no header row with "Locality Number" and "Counties": is this the locality-to-county file?', noRows: 'no locality rows were read' };
  protected readonly splitter = new CsvSplitter((cells, line, unclosed) => this.onRecord(cells, line, unclosed));

  beginFile(name: string): void {
    this.startFile(name);
    this.file = name;
    const base = baseName(name);
    this.names.push(base);
    this.year ??= yearOfName(base);
    this.source = { kind: 'localities', label: labelOf(yearOfName(base), [base]) };
    this.last = undefined;
  }

  finish(): LoadResult<LocalityTable> {
    const states = new Map<string, LocalityArea[]>();
    const ids = new Map<string, LocalityArea[]>();
    const index = new Map<string, StateIndex>();
    const stateIndex = (st: string): StateIndex => {
      let i = index.get(st);
      if (!i) index.set(st, (i = { listed: new Map(), rest: [], incomplete: this.refusedStates.has(st) }));
      return i;
    };
    for (const st of this.refusedStates) stateIndex(st);
    const firstAt = new Map<string, RowAt>();
    for (const r of this.read) {
      const a = r.area;
      push(states, a.state, a);
      push(ids, a.id, a);
      const st = stateIndex(a.state);
      if (a.covers !== 'listed') {
        if (!st.rest.some((b) => b.id === a.id)) st.rest.push(a);
        continue;
      }
      for (const c of a.counties) {
        const key = countyKey(c);
        const seen = st.listed.get(key);
        if (seen?.some((b) => b.id === a.id)) continue;
        push(st.listed, key, a);
        const first = firstAt.get(`${a.state}|${key}`);
        if (!first) firstAt.set(`${a.state}|${key}`, r);
        else this.conflict(r, `county ${shown(c)} of ${a.state} is listed in locality ${a.id} and in ${first.area.id} (line ${first.line}${first.file === r.file ? '' : ` of ${baseName(first.file)}`}); a county is in one locality, so it is not priced until the file is corrected`);
      }
    }
    for (const [st, i] of index) {
      if (i.rest.length > 1) {
        const at = this.read.find((r) => r.area === i.rest[1])!;
        this.conflict(at, `two rows of ${st} cover its remaining counties (localities ${i.rest.map((a) => a.id).join(' and ')}); counties no row lists are not priced until the file is corrected`);
      }
    }
    return { table: new LocalityIndex({ kind: 'localities', label: labelOf(this.year, this.names) }, this.read.map((r) => r.area), states, index, ids, this.year), problems: this.log.problems };
  }

  /** A problem found after the files were read, placed at the row that caused it. */
  private conflict(at: RowAt, reason: string): void {
    this.log.problems.push({ file: at.file, line: at.line, reason });
  }

  private onRecord(cells: string[], line: number, unclosed: boolean): void {
    if (this.phase === 'skip') return;
    if (this.phase === 'preamble') return this.onPreamble(cells, line);
    if (cells.every((c) => c.trim() === '')) return;
    const cell = (k: Column): string => (this.cols[k] >= 0 ? (cells[this.cols[k]] ?? '').replace(/\s+/g, ' ').trim() : '');
    const mac = cell('mac');
    const loc = cell('locality');
    const countyText = cell('counties');
    if (mac === '' && loc === '') {
      // A continuation row: more counties of the row above. Anything else (a footnote) is skipped.
      if (this.last && countyText !== '' && cell('state') === '') this.onContinuation(countyText, line, unclosed || this.spills(cells));
      return;
    }
    if (!/^\d{5}$/.test(mac)) {
      // Footnotes and notes after the data start with text, not a contractor number.
      if (!/^\d/.test(mac) && loc === '') return;
      return this.log.add(line, `MAC ${shown(mac)} is not a five-digit contractor number`);
    }
    if (!/^\d{1,2}$/.test(loc)) return this.log.add(line, `locality number ${shown(loc)} is not a one- or two-digit number`);
    const stateText = cell('state');
    // Some releases print the state once, on the first row of its localities: a blank carries it down.
    const rowStates = stateText === '' && this.last ? this.last.states : statesOfCell(stateText);
    if (!rowStates) return this.log.add(line, `state ${shown(stateText)} is not a state or territory name`);
    // A stray quote spills the Counties cell into cells past the header's: where it ends is unknown.
    const spilled = unclosed || this.spills(cells);
    const wording = spilled ? { parts: [], problem: 'the row holds a stray quote, so where its Counties cell ends is unknown' } : parseCountyWording(countyText, rowStates);
    // A refused row still carries its state down to the rows below that leave the State cell blank.
    if (wording.problem) this.last = { areas: [], states: rowStates };
    if (wording.problem) return this.refuse(line, rowStates, `${wording.problem}; the row is refused and the counties of ${rowStates.join(', ')} it does not list cannot be placed`);
    const locality = loc.padStart(2, '0');
    const spans = [...new Set(wording.parts.map((p) => p.state))];
    const areas = wording.parts.map((p): LocalityArea => ({
      mac: detach(mac),
      locality: detach(locality),
      id: detach(`${mac}-${locality}`),
      state: p.state,
      area: detach(cell('area').replace(/\*/g, '').trim()),
      counties: p.counties.map(detach),
      covers: p.covers,
      except: p.except.map(detach),
      rowStates: spans,
      source: this.source,
    }));
    for (const area of areas) this.read.push({ area, file: this.file, line });
    this.last = { areas, states: rowStates };
    this.rows++;
  }

  /** Text past the header's last column, or a quote left in a cell: a stray quote moved the cells. */
  private spills(cells: readonly string[]): boolean {
    return cells.slice(this.headerWidth).some((c) => c.trim() !== '') || cells.some((c) => c.includes('"'));
  }

  /** More counties of the row above (its listed part in its own state). */
  private onContinuation(text: string, line: number, spilled: boolean): void {
    const target = this.last!.areas.find((a) => a.covers === 'listed');
    if (spilled || text.includes('"') || !target) return this.refuse(line, this.last!.states, 'a continuation row that cannot be read (a stray quote, or more counties after an "ALL ..." row)');
    for (const c of splitCountyList(text.toUpperCase())) (target.counties as string[]).push(detach(c));
  }

  private refuse(line: number, states: readonly string[], reason: string): void {
    for (const st of states) this.refusedStates.add(st);
    this.log.add(line, reason);
  }

  private onPreamble(cells: string[], line: number): void {
    this.records++;
    const names = headerNames(cells);
    if (!(names.some((n) => /^locality( number| no| num)?$/.test(n)) && names.some((n) => /^count(y|ies)/.test(n)))) {
      this.notHeader('no header row with "Locality Number" and "Counties" in the first 20 rows: is this the locality-to-county file?');
      return;
    }
    const cols = this.columnsOf(names, COLUMNS, line);
    if (!cols) return;
    this.cols = cols;
    this.headerWidth = cells.length;
    this.phase = 'data';
  }
}

export function loadLocalities(files: LoaderFile | readonly LoaderFile[]): LoadResult<LocalityTable> {
  return loadWith(new LocalityBuilder(), files);
}
