// What Medicare pays here, this quarter (issue 16): the locality a claim names, its GPCI-adjusted
// fee schedule amount, and a drug's ASP payment limit for the quarter covering the date of service.
// Pure math on loaded tables; nothing throws.
//
// The fee: (work RVU x work GPCI + PE RVU x PE GPCI + MP RVU x MP GPCI) x conversion factor, the
// CMS PFS payment formula (42 CFR 414.20, formula for computing fee schedule amounts), with the
// facility or non-facility PE RVU by the date's setting. Rounding: none on the intermediate
// products; the unit amount is rounded once to the cent, half up, as CMS's fee schedule files
// publish amounts in cents. The sums are done in integers (RVUs carry 2 decimals, GPCIs 3, the
// conversion factor 4), so $1.005 rounds to $1.01 and not, by binary floating point, to $1.00.
// Drug lines: payment limit per billing unit (the HCPCS dosage) x billed units, rounded to the cent.
import type { AspEntry, AspQuarter, AspTable, GpciEntry, LocalityArea, NationalTables, RvuRow } from '../tables/national';
import type { Setting } from '../tables/schema';

/** `n` as an integer count of 10^-`places`, when it has no more decimals than that. */
function scaled(n: number, places: number): number | undefined {
  const f = 10 ** places;
  const v = Math.round(n * f);
  return Math.abs(v - n * f) < 1e-6 ? v : undefined;
}

/** Dollars rounded to the cent, half up (amounts here are never negative). */
export function roundCents(x: number): number {
  // Nudge by a relative epsilon so a binary representation just under a half cent rounds up.
  return Math.round(x * 100 * (1 + 1e-12)) / 100;
}

/** `a x b` in dollars rounded to the cent, half up, exact for up to `pa` and `pb` decimals. */
export function productCents(a: number, pa: number, b: number, pb: number): number {
  const ia = scaled(a, pa);
  const ib = scaled(b, pb);
  const places = pa + pb;
  if (ia === undefined || ib === undefined || places < 2 || Math.abs(ia * ib) > Number.MAX_SAFE_INTEGER) return roundCents(a * b);
  const half = 10 ** (places - 2) / 2;
  return Math.floor((ia * ib + half) / 10 ** (places - 2)) / 100;
}

export interface LocalFee {
  /** One unit's amount, in dollars, rounded to the cent. */
  amount: number;
  /** The RVUs used: work, the setting's PE, MP. */
  work: number;
  pe: number;
  mp: number;
  /** GPCI-adjusted RVUs before the conversion factor (unrounded). */
  adjustedRvus: number;
  conversionFactor: number;
  gpci: GpciEntry;
  /** "(1.30 x 1.000 + 1.46 x 0.997 + 0.09 x 1.000) x 33.4009 = $95.05" */
  formula: string;
}

export type LocalFeeResult = { ok: LocalFee } | { reason: string; notPayable?: boolean };

const rvu = (n: number): string => n.toFixed(2);
const idx = (n: number): string => n.toFixed(3);

/**
 * One unit of `row` in `gpci`'s locality and `setting`. The RVU parts must add up to the file's
 * total (to its rounding): a file without PE or MP columns would otherwise price as if they were 0.
 */
export function localFee(row: RvuRow, gpci: GpciEntry, setting: Setting): LocalFeeResult {
  const pe = setting === 'facility' ? row.facilityPeRvu : row.nonFacilityPeRvu;
  const total = setting === 'facility' ? row.facilityTotal : row.nonFacilityTotal;
  const where = setting === 'facility' ? 'facility' : 'non-facility';
  if (pe === 'NA' || total === 'NA') return { reason: `${row.source.label} has no ${where} PE RVU for ${row.code} (NA)`, notPayable: true };
  const work = typeof row.workRvu === 'number' ? row.workRvu : undefined;
  const mp = row.mpRvu;
  if (pe === undefined || mp === undefined || work === undefined) return { reason: `${row.source.label} has no work, PE and MP RVU columns for ${row.code}, so no GPCI can be applied` };
  if (Math.abs(work + pe + mp - total) > 0.0151) {
    return { reason: `${row.source.label}: ${row.code}'s work, ${where} PE and MP RVUs (${rvu(work)} + ${rvu(pe)} + ${rvu(mp)}) do not add up to its ${where} total ${rvu(total)}, so the local amount is not computed` };
  }
  const cf = row.conversionFactor;
  const parts = [
    [work, gpci.work],
    [pe, gpci.pe],
    [mp, gpci.mp],
  ] as const;
  // Exact: RVUs x100, GPCIs x1000, CF x10000, so the product is in 10^-9 dollars.
  const ints = parts.map(([r, g]) => [scaled(r, 2), scaled(g, 3)] as const);
  const icf = scaled(cf, 4);
  let amount: number;
  const adjusted = parts.reduce((n, [r, g]) => n + r * g, 0);
  if (icf !== undefined && ints.every(([r, g]) => r !== undefined && g !== undefined)) {
    const sum = ints.reduce((n, [r, g]) => n + r! * g!, 0);
    amount = Math.floor((sum * icf + 5_000_000) / 10_000_000) / 100;
  } else {
    amount = roundCents(adjusted * cf);
  }
  const formula = `(${rvu(work)} x ${idx(gpci.work)} + ${rvu(pe)} x ${idx(gpci.pe)} + ${rvu(mp)} x ${idx(gpci.mp)}) x ${cf} = $${amount.toFixed(2)}`;
  return { ok: { amount, work, pe, mp, adjustedRvus: adjusted, conversionFactor: cf, gpci, formula } };
}

// ---------------------------------------------------------------------------------------------
// Drugs: the ASP payment limit of the quarter covering the date of service.

export type DrugPrice =
  | { status: 'priced'; unit: number; amount: number; entry: AspEntry }
  /** The quarter's file lists the code with a blank limit: not priced by ASP. */
  | { status: 'no-limit'; entry: AspEntry }
  /** The quarter's file does not list the code. */
  | { status: 'not-listed'; quarter: AspQuarter }
  /** No loaded file covers the date. */
  | { status: 'no-quarter'; quarters: readonly AspQuarter[] };

export function drugPrice(asp: AspTable, code: string, day: number, units: number): DrugPrice {
  const quarter = asp.quarterOf(day);
  if (!quarter) return { status: 'no-quarter', quarters: asp.quarters };
  const entry = asp.lookup(code, day);
  if (!entry) return { status: 'not-listed', quarter };
  if (entry.limit === undefined) return { status: 'no-limit', entry };
  return { status: 'priced', unit: entry.limit, amount: productCents(entry.limit, 3, units, 0), entry };
}

// ---------------------------------------------------------------------------------------------
// Which locality a claim is priced in.

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
