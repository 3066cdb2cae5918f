// CMS's locality-to-county file: for each MAC locality, the state (spelled out) and the counties
// it covers, as a quoted comma list, or "ALL COUNTIES" / "ALL OTHER COUNTIES" (the counties no
// other row of the state names). A row with no MAC or locality continues the row above.
import { loadReferenceTables } from '../load';
import type { LocalityArea, LocalityTable, NationalSource } from '../national';
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

/** A county as matched: upper case, no "COUNTY"/"PARISH" suffix, no periods or apostrophes, single spaces. */
export function countyKey(name: string): string {
  return name
    .toUpperCase()
    .replace(/[.'’]/g, '')
    .replace(/\s+(COUNTY|PARISH|BOROUGH|CITY AND BOROUGH|CENSUS AREA)$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

let stateCodes: Map<string, string> | undefined;

/** USPS code of a state as the file writes it (GEORGIA, Georgia, GA, VIRGIN ISLANDS). */
export function stateCodeOf(text: string): string | undefined {
  if (!stateCodes) {
    stateCodes = new Map();
    for (const s of loadReferenceTables().states) {
      stateCodes.set(s.code, s.code);
      stateCodes.set(s.name.toUpperCase().replace(/^U\.S\.\s+/, ''), s.code);
    }
  }
  const t = text.toUpperCase().replace(/^U\.?S\.?\s+/, '').replace(/\s+/g, ' ').trim();
  return stateCodes.get(t);
}

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

class LocalityIndex implements LocalityTable {
  constructor(
    readonly source: NationalSource,
    private readonly rows: LocalityArea[],
    private readonly states: Map<string, LocalityArea[]>,
    private readonly counties: Map<string, LocalityArea>,
    private readonly ids: Map<string, LocalityArea[]>,
  ) {}

  get size(): number {
    return this.rows.length;
  }

  resolveCounty(state: string, county: string): LocalityArea | undefined {
    const named = this.counties.get(`${state}|${countyKey(county)}`);
    if (named) return named;
    // A county no row names belongs to the state's "ALL COUNTIES" or "ALL OTHER COUNTIES" row.
    return this.states.get(state)?.find((a) => a.covers !== 'listed');
  }

  byState(state: string): readonly LocalityArea[] {
    return this.states.get(state) ?? [];
  }

  areas(id: string): readonly LocalityArea[] {
    return this.ids.get(id) ?? [];
  }
}

export class LocalityBuilder extends HeaderThenRowsBuilder<LocalityTable> {
  private readonly areas: LocalityArea[] = [];
  private readonly names: string[] = [];
  private year: string | undefined;
  private source: NationalSource = { kind: 'localities', label: '' };
  private cols = {} as Record<Column, number>;
  private last: { area: LocalityArea; counties: string[] } | undefined;
  protected readonly endProblems = { noHeader: 'no header row with "Locality Number" and "Counties": is this the locality-to-county file?', noRows: 'no locality rows were read' };
  protected readonly splitter = new CsvSplitter((cells, line) => this.onRecord(cells, line));

  beginFile(name: string): void {
    this.startFile(name);
    const base = baseName(name);
    this.names.push(base);
    this.year ??= yearOfName(base);
    this.source = { kind: 'localities', label: labelOf(yearOfName(base), [base]) };
    this.last = undefined;
  }

  finish(): LoadResult<LocalityTable> {
    const states = new Map<string, LocalityArea[]>();
    const counties = new Map<string, LocalityArea>();
    const ids = new Map<string, LocalityArea[]>();
    for (const a of this.areas) {
      const list = states.get(a.state);
      if (list) list.push(a);
      else states.set(a.state, [a]);
      const same = ids.get(a.id);
      if (same) same.push(a);
      else ids.set(a.id, [a]);
      for (const c of a.counties) {
        const key = `${a.state}|${countyKey(c)}`;
        // The first row naming a county wins; a repeat in a later row is ignored.
        if (!counties.has(key)) counties.set(key, a);
      }
    }
    return { table: new LocalityIndex({ kind: 'localities', label: labelOf(this.year, this.names) }, this.areas, states, counties, ids), problems: this.log.problems };
  }

  private onRecord(cells: string[], line: number): void {
    if (this.phase === 'skip') return;
    if (this.phase === 'preamble') return this.onPreamble(cells, line);
    if (cells.every((c) => c.trim() === '')) return;
    const cell = (k: Column): string => (this.cols[k] >= 0 ? (cells[this.cols[k]] ?? '').replace(/\s+/g, ' ').trim() : '');
    const mac = cell('mac');
    const loc = cell('locality');
    const countyText = cell('counties');
    if (mac === '' && loc === '') {
      // A continuation row: more counties of the row above. Anything else (a footnote) is skipped.
      if (this.last && countyText !== '' && cell('state') === '') {
        const more = splitCounties(countyText);
        for (const c of more) this.last.counties.push(c);
      }
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
    const state = stateText === '' && this.last ? this.last.area.state : stateCodeOf(stateText);
    if (!state) return this.log.add(line, `state ${shown(stateText)} is not a state or territory name`);
    if (countyText === '') return this.log.add(line, 'the Counties cell is empty');
    const upper = countyText.toUpperCase();
    const covers: LocalityArea['covers'] = /^ALL (OTHER|REMAINING) COUNTIES/.test(upper) || /^ALL COUNTIES EXCEPT/.test(upper) || /^REST OF/.test(upper) ? 'rest' : /^(ALL COUNTIES|STATEWIDE|ENTIRE STATE)$/.test(upper) ? 'all' : 'listed';
    const locality = loc.padStart(2, '0');
    const counties = covers === 'listed' ? splitCounties(countyText) : [];
    const area: LocalityArea = {
      mac: detach(mac),
      locality: detach(locality),
      id: detach(`${mac}-${locality}`),
      state,
      area: detach(cell('area').replace(/\*/g, '').trim()),
      counties,
      covers,
      source: this.source,
    };
    this.areas.push(area);
    this.last = { area, counties };
    this.rows++;
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
    this.phase = 'data';
  }
}

/** "BUTTS, CHEROKEE, CLAYTON" -> its county names. Not split on "AND": King and Queen is one county. */
function splitCounties(text: string): string[] {
  return text
    .split(/[,;]/)
    .map((c) => c.replace(/\s+/g, ' ').trim().toUpperCase())
    .filter((c) => c !== '')
    .map(detach);
}

export function loadLocalities(files: LoaderFile | readonly LoaderFile[]): LoadResult<LocalityTable> {
  return loadWith(new LocalityBuilder(), files);
}
