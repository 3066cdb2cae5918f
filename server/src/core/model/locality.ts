// Which MAC locality a claim is priced in (issue 16): its `locality` line, else its `county` line
// resolved with CMS's locality-to-county file, else the haiClaims.defaultLocality setting; with the
// problems (a locality not in the GPCI file, a county in no locality, a state mismatch) that the
// locality rules report and the estimate notes. Pure; nothing throws.
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
  /** The MAC-locality the problem is about, when it is one (gpci-conflict). */
  locality?: string;
  message: string;
}

export interface LocalityResolution {
  locality?: ResolvedLocality;
  problems: LocalityProblem[];
  /** Why amounts are national, when they are: for the estimate's notes, hovers and the CLI. */
  nationalBecause?: string;
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

const capital = (s: string): string => `${s[0].toUpperCase()}${s.slice(1)}`;

type CountyStep = { area: LocalityArea } | { nationalBecause: string };

/** The locality of the claim's county, or why there is none; the county's problems go to `problems`. */
function countyLocality(c: { state: string; name: string }, national: Pick<NationalTables, 'localities'>, problems: LocalityProblem[]): CountyStep {
  const localities = national.localities;
  if (!localities) {
    const why = 'the claim names a county but no locality-to-county file is loaded (set haiClaims.data.localities, or write `locality MAC-NN`)';
    problems.push({ kind: 'no-county-file', on: 'county', message: `${capital(why)}; amounts are national.` });
    return { nationalBecause: why };
  }
  const label = localities.source.label;
  // The name is never quoted: an unknown word may be anything typed there (a patient's name, say).
  const national_ = (kind: LocalityProblemKind, why: string, todo: string): CountyStep => {
    problems.push({ kind, on: 'county', message: `${capital(why)}: ${todo} Amounts are national.` });
    return { nationalBecause: why };
  };
  const m = localities.matchCounty(c.state, c.name);
  switch (m.kind) {
    case 'none':
      return national_('unknown-county', `the county named is in no locality of ${c.state} in ${label}`, 'check the spelling and the state, or write `locality MAC-NN`.');
    case 'conflict':
      return national_('county-conflict', `${label} lists the county named in ${m.areas.length} localities of ${c.state} (${m.areas.map((a) => a.id).join(', ')}), so which one prices it is unknown`, 'correct the file, or write `locality MAC-NN`.');
    case 'excepted':
      return national_('county-excepted', `${label} leaves the county named out of ${m.area.id} (an EXCEPT clause) but lists it in no other locality of ${c.state}`, 'check the file and the spelling, or write `locality MAC-NN`.');
    case 'incomplete':
      return national_('county-incomplete', `${label} has a row of ${c.state} that could not be read (see the data file problems), so the county named cannot be placed`, 'correct the file, or write `locality MAC-NN`.');
    case 'rest':
      // "ALL OTHER COUNTIES" takes any name, a misspelt one too: say where the county was put.
      if (m.area.covers === 'rest') problems.push({ kind: 'county-rest', on: 'county', message: `The county named is not listed in ${label}; it is priced in ${m.area.id} (${m.area.area}, all other counties of ${m.area.state}). If it belongs to another locality, check its spelling.` });
      return { area: m.area };
    case 'listed':
      if (m.asCity) problems.push({ kind: 'county-city', on: 'county', message: `${label} lists no county of that name in ${c.state}, only the independent city of that name: it is priced in ${m.area.id} (${m.area.area}). If you meant a county, check its name.` });
      return { area: m.area };
  }
}

/**
 * The claim's locality: its `locality` line, else its `county` line resolved with the county file,
 * else the default setting. Problems say what is wrong, why and what to do; with one, the claim
 * is priced nationally and the resolution says so.
 */
export function resolveLocality(input: LocalityInput, national: Pick<NationalTables, 'gpci' | 'localities'>): LocalityResolution {
  const problems: LocalityProblem[] = [];
  const gpci = national.gpci;
  const named = input.locality !== undefined ? 'locality' : input.county !== undefined ? 'county' : input.defaultLocality ? 'default' : undefined;
  if (!named) return { problems, nationalBecause: 'no locality: the claim has no `locality` or `county` line and haiClaims.defaultLocality is not set' };
  if (!gpci) {
    const why = 'no GPCI file is loaded (set haiClaims.data.gpci to CMS\'s GPCI file)';
    if (named !== 'default') problems.push({ kind: 'no-gpci-file', on: named, message: `The claim names a locality but ${why}; amounts are national.` });
    return { problems, nationalBecause: why };
  }
  let id: string;
  let area: LocalityArea | undefined;
  if (named === 'county') {
    const step = countyLocality(input.county!, national, problems);
    if ('nationalBecause' in step) return { problems, nationalBecause: step.nationalBecause };
    area = step.area;
    id = area.id;
  } else {
    id = (named === 'locality' ? input.locality! : input.defaultLocality!).trim();
  }
  const entry = LOCALITY_ID.test(id) ? gpci.lookup(id) : undefined;
  const conflict = !entry && LOCALITY_ID.test(id) ? gpci.conflict?.(id) : undefined;
  if (conflict) {
    problems.push({ kind: 'gpci-conflict', on: named, locality: id, message: `${gpci.source.label}: ${conflict}. Amounts are national.` });
    return { problems, nationalBecause: `${gpci.source.label}: ${conflict}` };
  }
  if (!entry) {
    const whose = named === 'default' ? 'haiClaims.defaultLocality' : named === 'county' ? `the county's locality` : 'the claim\'s locality';
    // Only a well-formed id is quoted (digits and a dash); anything else may be free text.
    const shown = LOCALITY_ID.test(id) ? ` ${id}` : '';
    const shape = LOCALITY_ID.test(id) ? '' : ' (write it as MAC-locality, e.g. 10212-01)';
    problems.push({ kind: 'unknown-locality', on: named, message: `${capital(whose)}${shown} is not in ${gpci.source.label}${shape}: pick one the file lists. Amounts are national.` });
    return { problems, nationalBecause: `locality${shown} is not in ${gpci.source.label}` };
  }
  stateProblems(input, named, entry, national, problems);
  return { locality: { id, gpci: entry, via: named, county: named === 'county' ? input.county!.name : undefined, area, label: localityLabel(entry) }, problems };
}

/** A locality in another state than the claim's; a county line that names another locality than the locality line. */
function stateProblems(input: LocalityInput, named: ResolvedLocality['via'], entry: GpciEntry, national: Pick<NationalTables, 'localities'>, problems: LocalityProblem[]): void {
  const id = entry.id;
  const spans = localityStates(entry, national);
  const where = [...spans].join(', ');
  if (input.state && !spans.has(input.state)) {
    if (named === 'default') {
      problems.push({ kind: 'default-state', on: 'state', message: `haiClaims.defaultLocality ${id} (${localityLabel(entry)}) is in ${where}, but the claim's state is ${input.state}: a provider is paid in the locality where the service is furnished. The claim is priced in ${id}; write the claim's \`locality\` or \`county\` line, or change the setting.` });
    } else {
      problems.push({ kind: 'locality-state', on: named === 'county' ? 'county' : 'locality', message: `Locality ${id} (${localityLabel(entry)}) is in ${where}, but the claim's state is ${input.state}: a provider is paid in the locality where the service is furnished; fix the state or the locality.` });
    }
  }
  if (named === 'locality' && input.county && national.localities) {
    // Both lines: the locality line applies (the more precise); say so when the county would have priced elsewhere.
    const other = national.localities.resolveCounty(input.county.state, input.county.name);
    if (other?.id !== id) {
      problems.push({ kind: 'county-ignored', on: 'county', message: `The claim's locality line (${id}) prices the claim; this county ${other ? `is in ${other.id}` : 'is in no locality of the file'}. Keep one of the two lines.` });
    }
  }
}

/** The resolution of each claim, kept per tables and default: rules, the estimate and hover ask once and share it. */
const resolvedClaims = new WeakMap<ClaimModel, { national: object; defaultLocality?: string; resolution: LocalityResolution }>();

/** The claim's locality (its `locality` line, its `county` line, or `defaultLocality`), resolved once per claim and tables. */
export function claimLocality(claim: ClaimModel, national: Pick<NationalTables, 'gpci' | 'localities'>, defaultLocality?: string): LocalityResolution {
  const kept = resolvedClaims.get(claim);
  if (kept && kept.national === national && kept.defaultLocality === defaultLocality) return kept.resolution;
  const resolution = resolveLocality(
    { locality: claim.locality?.value, county: claim.county && { state: claim.county.state, name: claim.county.name }, state: claim.state?.value, defaultLocality },
    national,
  );
  resolvedClaims.set(claim, { national, defaultLocality, resolution });
  return resolution;
}
