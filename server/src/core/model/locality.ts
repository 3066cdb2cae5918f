// Which MAC locality a claim is priced in (issue 16): its `locality` line, else its `county` line
// resolved with CMS's locality-to-county file, else the haiClaims.defaultLocality setting; with the
// problems (a locality not in the GPCI file, a county in no locality, a state mismatch) that the
// locality rules report and the estimate notes. Pure; nothing throws.
import type { GpciEntry, LocalityArea, NationalTables } from '../tables/national';

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

export type LocalityProblemKind = 'no-gpci-file' | 'no-county-file' | 'unknown-locality' | 'unknown-county' | 'county-rest' | 'county-ignored' | 'locality-state';

export interface LocalityProblem {
  kind: LocalityProblemKind;
  /** Which input the problem is about, to place the finding. */
  on: 'locality' | 'county' | 'default' | 'state';
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
  let county: string | undefined;
  let area: LocalityArea | undefined;
  if (named === 'county') {
    const c = input.county!;
    county = c.name;
    const localities = national.localities;
    if (!localities) {
      const why = 'the claim names a county but no locality-to-county file is loaded (set haiClaims.data.localities, or write `locality MAC-NN`)';
      problems.push({ kind: 'no-county-file', on: 'county', message: `${why[0].toUpperCase()}${why.slice(1)}; amounts are national.` });
      return { problems, nationalBecause: why };
    }
    area = localities.resolveCounty(c.state, c.name);
    if (!area) {
      // The name is not quoted: an unknown word may be anything typed there (a patient's name, say).
      const why = `the county named is in no locality of ${c.state} in ${localities.source.label}`;
      problems.push({ kind: 'unknown-county', on: 'county', message: `The county named is in no locality of ${c.state} in ${localities.source.label}: check the spelling and the state, or write \`locality MAC-NN\`. Amounts are national.` });
      return { problems, nationalBecause: why };
    }
    id = area.id;
    if (area.covers === 'rest') {
      // "ALL OTHER COUNTIES" takes any name, a misspelt one too: say where the county was put.
      problems.push({ kind: 'county-rest', on: 'county', message: `The county named is not listed in ${localities.source.label}; it is priced in ${area.id} (${area.area}, all other counties of ${area.state}). If it belongs to another locality, check its spelling.` });
    }
  } else {
    id = (named === 'locality' ? input.locality! : input.defaultLocality!).trim();
  }
  const entry = LOCALITY_ID.test(id) ? gpci.lookup(id) : undefined;
  if (!entry) {
    const whose = named === 'default' ? 'haiClaims.defaultLocality' : named === 'county' ? `the county's locality` : 'the claim\'s locality';
    // Only a well-formed id is quoted (digits and a dash); anything else may be free text.
    const shown = LOCALITY_ID.test(id) ? ` ${id}` : '';
    const shape = LOCALITY_ID.test(id) ? '' : ' (write it as MAC-locality, e.g. 10212-01)';
    problems.push({ kind: 'unknown-locality', on: named, message: `${whose[0].toUpperCase()}${whose.slice(1)}${shown} is not in ${gpci.source.label}${shape}: pick one the file lists. Amounts are national.` });
    return { problems, nationalBecause: `locality${shown} is not in ${gpci.source.label}` };
  }
  const state = named === 'county' ? input.county!.state : input.state;
  if (input.state && entry.state !== input.state) {
    problems.push({ kind: 'locality-state', on: named === 'county' ? 'county' : named === 'default' ? 'state' : 'locality', message: `Locality ${id} (${localityLabel(entry)}) is in ${entry.state}, but the claim's state is ${input.state}: a provider is paid in the locality where the service is furnished; fix the state or the locality.` });
  } else if (named === 'county' && state && entry.state !== state) {
    problems.push({ kind: 'locality-state', on: 'county', message: `The county resolves to locality ${id} in ${entry.state}, not ${state}.` });
  }
  if (named === 'locality' && input.county && national.localities) {
    // Both lines: the locality line applies; say so when the county would have priced elsewhere.
    const other = national.localities.resolveCounty(input.county.state, input.county.name);
    if (other?.id !== id) {
      problems.push({ kind: 'county-ignored', on: 'county', message: `The claim's locality line (${id}) applies; this county ${other ? `is in ${other.id}` : 'is in no locality of the file'}. Keep one of the two lines.` });
    }
  }
  return { locality: { id, gpci: entry, via: named, county, area, label: localityLabel(entry) }, problems };
}
