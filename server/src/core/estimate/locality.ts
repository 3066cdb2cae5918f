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
import type { AspEntry, AspQuarter, AspTable, GpciEntry, RvuRow } from '../tables/national';
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
  /** The quarter's file lists the code with a blank limit: the contractor prices the drug. */
  | { status: 'no-limit'; entry: AspEntry }
  /** The quarter's row (or the quarter) is not used: rows or files disagree, or the limit is implausible. */
  | { status: 'refused'; reason: string; quarter: AspQuarter }
  /** The quarter's file does not list the code. */
  | { status: 'not-listed'; quarter: AspQuarter }
  /** No loaded file covers the date. */
  | { status: 'no-quarter'; quarters: readonly AspQuarter[] };

export function drugPrice(asp: AspTable, code: string, day: number, units: number): DrugPrice {
  const quarter = asp.quarterOf(day);
  if (!quarter) return { status: 'no-quarter', quarters: asp.quarters };
  if (quarter.conflict) return { status: 'refused', reason: quarter.conflict, quarter };
  const entry = asp.lookup(code, day);
  if (!entry) return { status: 'not-listed', quarter };
  if (entry.refused) return { status: 'refused', reason: entry.refused, quarter };
  if (entry.limit === undefined) return { status: 'no-limit', entry };
  return { status: 'priced', unit: entry.limit, amount: productCents(entry.limit, 3, units, 0), entry };
}

// Which locality a claim is priced in lives with the model (the rules read it too).
export { LOCALITY_ID, localityLabel, resolveLocality } from '../model/locality';
export type { LocalityInput, LocalityProblem, LocalityProblemKind, LocalityResolution, ResolvedLocality } from '../model/locality';
