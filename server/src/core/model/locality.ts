// Which MAC locality a claim is priced in (issue 16): its `locality` line, else its `county` line
// resolved with CMS's locality-to-county file, else the haiClaims.defaultLocality setting; with the
// problems (a locality not in the GPCI file, a county in no locality, a state mismatch) that the
// locality rules report and the estimate notes. Called once per claim, by the model builder
// (resolve.ts), into `claim.resolvedLocality`: kinds and data, no prose (rules/locality.ts words
// them through messages.ts). Pure; nothing throws.
import type { GpciEntry, LocalityArea, NationalTables } from '../tables/national';
import type { ClaimModel } from './model';

export interface LocalityInput {
  /** `locality 10212-01` on the claim. */
  locality?: string;
  /** `county GA FULTON` on the claim. */
  county?: { state: string; name: string };
  /** `state GA` on the claim. */
  state?: string;
  /** The haiClaims.defaultLocality setting, for claims that name none. */
  defaultLocality?: string;
}

export interface ResolvedLocality {
  id: string;
  gpci: GpciEntry;
  /** Where the claim's locality came from. */
  via: 'locality' | 'county' | 'default';
  /** The county the claim named, and the file row that covers it. */
  county?: string;
  area?: LocalityArea;
  /** "ATLANTA, GA (MAC 10212, locality 01)" */
  label: string;
}

export type LocalityProblemKind =
  | 'no-gpci-file'
  | 'no-county-file'
  | 'unknown-locality'
  | 'gpci-conflict'
  | 'unknown-county'
  | 'county-rest'
  | 'county-city'
  | 'county-conflict'
  | 'county-excepted'
  | 'county-incomplete'
  | 'county-ignored'
  | 'locality-state'
  | 'default-state';

export interface LocalityProblem {
  kind: LocalityProblemKind;
  /** Which input the problem is about, to place the finding. */
  on: 'locality' | 'county' | 'default' | 'state';
  /** The MAC-locality the problem is about, when it is a well-formed one (unknown-locality, gpci-conflict, the state problems). */
  locality?: string;
  /** The locality the county line would have given (county-ignored). */
  countyLocality?: string;
  /** The localities a county is listed in (county-conflict). */
  localities?: readonly string[];
}

/** Why a claim's amounts are national: a kind, worded by messages.ts (`nationalBecauseText`). */
export type NationalReason = 'no-locality' | 'no-gpci-file' | 'no-county-file' | 'unknown-county' | 'county-conflict' | 'county-excepted' | 'county-incomplete' | 'gpci-conflict' | 'unknown-locality';

/** A claim's locality as kinds and data, no prose (issue 21): rules, the estimate and hover read it from the model. */
export interface LocalityResolution {
  locality?: ResolvedLocality;
  problems: LocalityProblem[];
  /** Why amounts are national, when they are. */
  national?: NationalReason;
}

export const LOCALITY_ID = /^(\d{5})-(\d{2})$/;

export function localityLabel(g: GpciEntry): string {
  return `${g.name || 'locality'}, ${g.state} (MAC ${g.mac}, locality ${g.locality})`;
}

/** Every state a locality's row spans: the GPCI file's, and the county file's (the DC row: DC, VA, MD; HAWAII/GUAM: HI, GU). */
export function localityStates(entry: GpciEntry, national: Pick<NationalTables, 'localities'>): Set<string> {
  const states = new Set([entry.state]);
  for (const a of national.localities?.areas(entry.id) ?? []) for (const s of a.rowStates ?? [a.state]) states.add(s);
  return states;
}

type CountyStep = { area: LocalityArea } | { national: NationalReason };

/** The locality of the claim's county, or why there is none; the county's problems go to `problems`. */
function countyLocality(c: { state: string; name: string }, national: Pick<NationalTables, 'localities'>, problems: LocalityProblem[]): CountyStep {
  const localities = national.localities;
  // The name is never kept in a problem: an unknown word may be anything typed there (a patient's name, say).
  const fail = (kind: NationalReason & LocalityProblemKind, more: Partial<LocalityProblem> = {}): CountyStep => {
    problems.push({ kind, on: 'county', ...more });
    return { national: kind };
  };
  if (!localities) return fail('no-county-file');
  const m = localities.matchCounty(c.state, c.name);
  switch (m.kind) {
    case 'none':
      return fail('unknown-county');
    case 'conflict':
      return fail('county-conflict', { localities: m.areas.map((a) => a.id) });
    case 'excepted':
      return fail('county-excepted');
    case 'incomplete':
      return fail('county-incomplete');
    case 'rest':
      // "ALL OTHER COUNTIES" takes any name, a misspelt one too: say where the county was put.
      if (m.area.covers === 'rest') problems.push({ kind: 'county-rest', on: 'county', locality: m.area.id });
      return { area: m.area };
    case 'listed':
      if (m.asCity) problems.push({ kind: 'county-city', on: 'county', locality: m.area.id });
      return { area: m.area };
  }
}

/**
 * The claim's locality: its `locality` line, else its `county` line resolved with the county file,
 * else the default setting. Problems are kinds and data (messages.ts words them); with one, the
 * claim is priced nationally and the resolution says why, as a kind.
 */
export function resolveLocality(input: LocalityInput, national: Pick<NationalTables, 'gpci' | 'localities'>): LocalityResolution {
  const problems: LocalityProblem[] = [];
  const gpci = national.gpci;
  const named = input.locality !== undefined ? 'locality' : input.county !== undefined ? 'county' : input.defaultLocality ? 'default' : undefined;
  if (!named) return { problems, national: 'no-locality' };
  if (!gpci) {
    if (named !== 'default') problems.push({ kind: 'no-gpci-file', on: named });
    return { problems, national: 'no-gpci-file' };
  }
  let id: string;
  let area: LocalityArea | undefined;
  if (named === 'county') {
    const step = countyLocality(input.county!, national, problems);
    if ('national' in step) return { problems, national: step.national };
    area = step.area;
    id = area.id;
  } else {
    id = (named === 'locality' ? input.locality! : input.defaultLocality!).trim();
  }
  // Only a well-formed id is kept (digits and a dash); anything else may be free text.
  const wellFormed = LOCALITY_ID.test(id);
  const entry = wellFormed ? gpci.lookup(id) : undefined;
  if (!entry && wellFormed && gpci.conflict?.(id)) {
    problems.push({ kind: 'gpci-conflict', on: named, locality: id });
    return { problems, national: 'gpci-conflict' };
  }
  if (!entry) {
    problems.push({ kind: 'unknown-locality', on: named, locality: wellFormed ? id : undefined });
    return { problems, national: 'unknown-locality' };
  }
  stateProblems(input, named, entry, national, problems);
  return { locality: { id, gpci: entry, via: named, county: named === 'county' ? input.county!.name : undefined, area, label: localityLabel(entry) }, problems };
}

/** A locality in another state than the claim's; a county line that names another locality than the locality line. */
function stateProblems(input: LocalityInput, named: ResolvedLocality['via'], entry: GpciEntry, national: Pick<NationalTables, 'localities'>, problems: LocalityProblem[]): void {
  const id = entry.id;
  if (input.state && !localityStates(entry, national).has(input.state)) {
    problems.push(named === 'default' ? { kind: 'default-state', on: 'state', locality: id } : { kind: 'locality-state', on: named === 'county' ? 'county' : 'locality', locality: id });
  }
  if (named === 'locality' && input.county && national.localities) {
    // Both lines: the locality line applies (the more precise); say so when the county would have priced elsewhere.
    const other = national.localities.resolveCounty(input.county.state, input.county.name);
    if (other?.id !== id) problems.push({ kind: 'county-ignored', on: 'county', locality: id, countyLocality: other?.id });
  }
}

/** The claim's locality from its resolved header lines and the default setting: the model builder's one call (resolve.ts). */
export function claimLocalityOf(claim: Pick<ClaimModel, 'locality' | 'county' | 'state'>, national: Pick<NationalTables, 'gpci' | 'localities'>, defaultLocality?: string): LocalityResolution {
  return resolveLocality(
    { locality: claim.locality?.value, county: claim.county && { state: claim.county.state, name: claim.county.name }, state: claim.state?.value, defaultLocality },
    national,
  );
}
