// CMS's county wording in the locality-to-county file (26LOCCO), read as data (issue 21). The
// Counties cell is written for people: "DADE AND MONROE", "PALM BEACH, AND ST. LUCIE", "ALL OTHER
// COUNTIES EXCEPT MONTGOMERY AND PRINCE GEORGE'S", "ALL COUNTIES, EXCEPT ...", "ALL COUNTY
// EQUIVALENTS" (Puerto Rico), and the DC row "DISTRICT OF COLUMBIA; ... IN VIRGINIA; ... IN
// MARYLAND" that spans three states; the State cell may be "HAWAII/GUAM". An "AND" joins two
// counties except inside the real county names that contain it (KNOWN_AND_NAMES). Pure; never throws.
import { loadReferenceTables } from '../load';

/** One state's share of a locality row: the counties it lists, or all/the rest of the state. */
export interface CountyPart {
  /** USPS code. */
  state: string;
  /** 'listed': `counties`; 'all': the whole state; 'rest': the counties no other row of the state lists, less `except`. */
  covers: 'listed' | 'all' | 'rest';
  /** Upper case, as printed (spaces normalised); empty unless 'listed'. */
  counties: string[];
  /** Counties an "EXCEPT" clause leaves out (they must be listed by another row). */
  except: string[];
}

export interface CountyWording {
  parts: CountyPart[];
  /** Why the cell cannot be read; when set, `parts` is empty and the row is refused. */
  problem?: string;
}

/**
 * Real county names with "and" in them, as keys (countyKey): an AND inside them is not a
 * separator. Virginia's King and Queen County, Montana's Lewis and Clark County, Alaska's Lake
 * and Peninsula Borough (US Census Bureau county list); Alaska's "City and Borough of ..." names
 * (Juneau, Sitka, Wrangell, Yakutat) are caught by the "BOROUGH" that follows the AND.
 */
const KNOWN_AND_NAMES = new Set(['KINGANDQUEEN', 'LEWISANDCLARK', 'LAKEANDPENINSULA']);

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

/** The states of a State cell: "GEORGIA" -> [GA]; "HAWAII/GUAM" -> [HI, GU]; undefined when a part is no state. */
export function statesOfCell(text: string): string[] | undefined {
  const parts = text.split('/').map((p) => p.trim());
  const codes = parts.map(stateCodeOf);
  return codes.every((c): c is string => c !== undefined) && codes.length > 0 ? codes : undefined;
}

/**
 * A county as matched: upper case; no "COUNTY"/"PARISH"/"BOROUGH"... suffix; ST. = SAINT and
 * STE. = SAINTE; "CITY OF X" = "X CITY"; no periods, apostrophes, hyphens or spaces, so DE KALB =
 * DEKALB and PRINCE GEORGE'S = PRINCE GEORGES. "CITY" stays: Baltimore City is not Baltimore County.
 */
export function countyKey(name: string): string {
  let s = name
    .toUpperCase()
    .replace(/[.'\u2019`]/g, ' ')
    .replace(/-/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  s = s.replace(/^CITY OF (.+)$/, '$1 CITY');
  s = s.replace(/\s+(COUNTY|PARISH|BOROUGH|CITY AND BOROUGH|CENSUS AREA|MUNICIPIO|MUNICIPALITY)$/, '');
  s = s.replace(/\bSTE\b/g, 'SAINTE').replace(/\bST\b/g, 'SAINT');
  // CMS prints Florida's Miami-Dade County as DADE.
  if (s === 'MIAMI DADE') s = 'DADE';
  return s.replace(/ /g, '');
}

const ALL = /^(ALL (COUNTIES|COUNTY EQUIVALENTS|PARISHES|BOROUGHS|MUNICIPIOS)|STATEWIDE|ENTIRE STATE)$/;
const REST = /^(ALL (OTHER|REMAINING) (COUNTIES|COUNTY EQUIVALENTS|PARISHES|BOROUGHS|MUNICIPIOS)|REST OF (THE )?STATE)$/;
const EXCEPT = /^(ALL (?:(?:OTHER|REMAINING) )?(?:COUNTIES|COUNTY EQUIVALENTS|PARISHES|BOROUGHS|MUNICIPIOS)|REST OF (?:THE )?STATE),? EXCEPT:? (.+)$/;

/** "BUTTS, COBB AND WALTON" / "PALM BEACH, AND ST. LUCIE" -> the names; an AND inside a real name stays. */
export function splitCountyList(text: string): string[] {
  const out: string[] = [];
  for (const piece of text.split(',')) {
    const p = piece.replace(/\s+/g, ' ').trim().replace(/^AND /, '');
    if (p === '' || p === 'AND') continue;
    const tokens = p.split(/ AND /);
    for (let i = 0; i < tokens.length; i++) {
      let name = tokens[i];
      while (i + 1 < tokens.length && (KNOWN_AND_NAMES.has(countyKey(`${name} AND ${tokens[i + 1]}`)) || /^BOROUGH\b/.test(tokens[i + 1]))) {
        name = `${name} AND ${tokens[++i]}`;
      }
      if (name.trim() !== '') out.push(name.trim());
    }
  }
  return out;
}

/** One ";"-separated segment: its state (an " IN VIRGINIA" tail, or the row's) and its wording. */
function segmentParts(segment: string, rowStates: readonly string[]): CountyPart[] | string {
  let body = segment;
  let states = rowStates;
  const tail = / IN ([A-Z .]+)$/.exec(body);
  // A state spelled out ("IN VIRGINIA"): a two-letter tail is no state name ("... IN IN" is not Indiana).
  if (tail && tail[1].trim().length > 2 && stateCodeOf(tail[1])) {
    states = [stateCodeOf(tail[1])!];
    body = body.slice(0, tail.index).trim();
  }
  const named = stateCodeOf(body);
  // "DISTRICT OF COLUMBIA" in the DC row: the state (or district) itself, whole.
  if (named && rowStates.includes(named)) return [{ state: named, covers: 'all', counties: [], except: [] }];
  if (ALL.test(body)) return states.map((state) => ({ state, covers: 'all', counties: [], except: [] }));
  if (REST.test(body)) return states.map((state) => ({ state, covers: 'rest', counties: [], except: [] }));
  const except = EXCEPT.exec(body);
  if (except) {
    const names = splitCountyList(except[2]);
    if (names.length === 0) return 'an EXCEPT clause names no county';
    return states.map((state) => ({ state, covers: 'rest', counties: [], except: names }));
  }
  if (/^(ALL|REST)\b/.test(body)) return 'its wording is not one this tool reads ("ALL COUNTIES", "ALL OTHER COUNTIES", "ALL COUNTIES, EXCEPT ...", "ALL COUNTY EQUIVALENTS" or a list of counties)';
  if (states.length !== 1) return `it lists counties but its State cell names ${states.length} states, so which state each county is in is unknown`;
  const names = splitCountyList(body);
  if (names.length === 0) return 'it names no county';
  return [{ state: states[0], covers: 'listed', counties: names, except: [] }];
}

/**
 * The parts of a Counties cell whose State cell gave `rowStates` (the first is the row's state).
 * A cell with a quote in it (a stray quote spills counties into other cells) is refused.
 */
export function parseCountyWording(text: string, rowStates: readonly string[]): CountyWording {
  const upper = text.toUpperCase().replace(/\s+/g, ' ').trim();
  if (upper.includes('"')) return { parts: [], problem: 'the Counties cell holds a stray quote, so where its counties end is unknown' };
  if (upper === '') return { parts: [], problem: 'the Counties cell is empty' };
  const parts: CountyPart[] = [];
  for (const segment of upper.split(';')) {
    const s = segment.trim();
    if (s === '') continue;
    const got = segmentParts(s, rowStates);
    if (typeof got === 'string') return { parts: [], problem: `the Counties cell cannot be read: ${got}` };
    // Two segments of one state (rare) merge: listed counties add up.
    for (const p of got) {
      const same = parts.find((q) => q.state === p.state && q.covers === 'listed' && p.covers === 'listed');
      if (same) for (const c of p.counties) same.counties.push(c);
      else parts.push(p);
    }
  }
  return { parts };
}
