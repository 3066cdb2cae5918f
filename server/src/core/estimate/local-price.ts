// A line's price here and this quarter (issue 16), from its national price: a drug on a
// non-facility date at the ASP payment limit of the quarter covering the date; any other line, in
// a claim with a locality, at the GPCI-adjusted PFS amount. Whatever cannot be localised keeps its
// national price, with a note that says why: never a silent national figure.
import type { DateModel, ServiceModel } from '../model/model';
import type { Tables } from '../tables';
import { quarterDates } from '../tables/loaders/asp';
import { drugPrice, localFee, type ResolvedLocality } from './locality';
import { releaseOn } from '../tables/loaders/pfs-releases';
import { contractorPricedDrugText, dateCoverageText } from '../rules/messages';

/** Why a date's tables have no PFS file: no loaded release covers the date (issue 21). */
const rvuAbsent = new WeakMap<Tables, string>();
const datedTables = new WeakMap<Tables, Map<string, Tables>>();

/**
 * The tables that price `date`: the PFS release in effect on it (the latest loaded release of its
 * year from its effective date), its QPP or nonQPP file by `qpp`. A date no release covers gets
 * tables without the PFS file, and `rvuNotInForce` says why (the line falls back and says so).
 */
export function pfsTablesOn(tables: Tables, date: DateModel, qpp: boolean): Tables {
  const rvu = tables.national.rvu;
  if (!rvu?.releases || date.day === undefined || !date.calendar) return tables;
  const choice = releaseOn(rvu.releases, date.day, qpp);
  if ('release' in choice && choice.release.table === rvu) return tables;
  const key = 'release' in choice ? choice.release.name : choice.reason;
  let byKey = datedTables.get(tables);
  if (!byKey) datedTables.set(tables, (byKey = new Map()));
  let dated = byKey.get(key);
  if (!dated) {
    dated = { ...tables, national: { ...tables.national, rvu: 'release' in choice ? choice.release.table : undefined } };
    if ('reason' in choice) rvuAbsent.set(dated, choice.reason);
    byKey.set(key, dated);
  }
  return dated;
}

/** Why these tables have no PFS file although one is loaded (pfsTablesOn), else undefined. */
export function rvuNotInForce(tables: Tables): string | undefined {
  return rvuAbsent.get(tables);
}

/** PFS status codes paid from their RVUs (active, restricted, paid only when no other service is). */
const PAID_STATUS = new Set(['A', 'R', 'T']);

export interface PriceAdjustment {
  kind: 'unpriced' | 'not-payable';
  amount: number;
  reason: string;
}

/** A line's unit price as the estimate reads it (the national one, or this module's replacement). */
export interface LinePrice {
  unit?: number;
  /** unit x units already rounded to the cent, when the product must be exact (ASP limits have 3 decimals). */
  base?: number;
  source?: string;
  adjustment?: PriceAdjustment;
  /** How the unit was localised; undefined: the national price. */
  basis?: 'locality' | 'asp';
  /** The national unit price and its source, when this one replaced it. */
  national?: { unit?: number; source?: string };
  /** Why the national price was kept (a file missing, a quarter not loaded, a guide exception). */
  note?: string;
  /** Why a line priced at $0 is $0 (the guide publishes $0); a local or ASP price drops it. */
  zero?: string;
  /** The ASP quarter and file of an ASP-priced line (typed: nothing parses the source text). */
  aspQuarter?: { quarter: string; file: string };
}

const money = (n: number): string => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 3 })}`;

/** A drug: the guide's `+` drugs and HCPCS J codes (Part B drugs the ASP file prices). */
export function isDrugCode(s: Pick<ServiceModel, 'code' | 'listing'>): boolean {
  return (s.listing?.flags.includes('+') ?? false) || /^J\d{4}$/.test(s.code);
}

/**
 * Not-otherwise-classified drug codes: the contractor prices each from the invoice (the drug
 * named on the claim); CMS's ASP NOC file lists limits by drug, not by code (Pub. 100-04, Ch. 17,
 * section 20.1.3, exceptions to the ASP payment methodology; see docs/national-data.md, Sources).
 */
export const NOC_DRUG_CODES = new Set(['J3490', 'J3590', 'J7599', 'J7699', 'J7799', 'J7999', 'J8499', 'J8597', 'J8999', 'J9999', 'C9399', 'A9698', 'A9699']);

export function localLinePrice(s: ServiceModel, date: DateModel, national: LinePrice, tables: Tables, locality: ResolvedLocality | undefined): LinePrice {
  const setting = date.setting;
  if (!setting) return national;
  // Never paid $0.00: the contractor prices it (in a facility the hospital bills the drug, below).
  if (setting === 'nonFacility' && NOC_DRUG_CODES.has(s.code) && national.adjustment?.kind !== 'not-payable') {
    return { source: national.source, adjustment: { kind: 'unpriced', amount: 0, reason: contractorPricedDrugText.noc(s.code) } };
  }
  const asp = tables.national.asp;
  // A drug: the guide's + drugs, J codes, and any code the date's ASP quarter lists (Q codes ...).
  const drug = isDrugCode(s) || (!!asp && date.calendar && date.day !== undefined && asp.lookup(s.code, date.day) !== undefined);
  if (asp && drug) {
    // In a facility the hospital bills the drug (the guide's + endnote): the guide's figure stands.
    if (setting === 'facility') return { ...national, note: `${s.code} on a facility date: the hospital bills the drug, so ASP does not price it here.` };
    return aspPrice(s, date, national, asp, tables);
  }
  if (!locality || national.adjustment || national.unit === undefined) return national;
  if (drug) return { ...national, note: `${s.code} is a drug, priced outside the PFS: no geographic adjustment.` };
  const component = s.modifiers.find((m) => m === '26' || m === 'TC');
  // A guide exception speaks of the code's own row (its global figure); a -26 or -TC line is
  // priced from that component's PFS row, in every setting (issue 22).
  const exception = component ? undefined : s.listing?.pricingExceptions.find((e) => e.setting === setting);
  if (exception) return { ...national, note: `${s.code}: ${exception.reason} No geographic adjustment.` };
  const rvu = tables.national.rvu;
  if (!rvu) {
    const absent = rvuNotInForce(tables);
    return { ...national, note: absent ? `${s.code} is at its national amount: ${absent}.` : `Local amounts need the PFS relative value file (haiClaims.data.pfsRvu): ${s.code} is at its national amount.` };
  }
  const row = rvu.lookup(s.code, component);
  if (!row) return { ...national, note: `${rvu.source.label} has no ${s.code}${component ? `-${component}` : ''} row: national amount.` };
  if (!PAID_STATUS.has(row.statusCode)) return { ...national, note: `${s.code} has status ${row.statusCode || '(none)'} in ${row.source.label}, not priced from RVUs: national amount.` };
  const notCovered = localityFilesNotCovering(s.code, date, tables, locality);
  if (notCovered) return { ...national, note: notCovered };
  const fee = localFee(row, locality.gpci, setting);
  if ('reason' in fee) return { ...national, note: `${fee.reason}: national amount.` };
  return {
    unit: fee.ok.amount,
    source: `${row.source.label} with ${locality.gpci.source.label}, ${locality.label}: ${fee.ok.formula}`,
    basis: 'locality',
    national: { unit: national.unit, source: national.source },
  };
}

/**
 * Why the locality's files do not price this date, if they do not (issue 21): a GPCI file prices
 * its own calendar year only (a 2025 file never prices a 2026 date), and a county file places the
 * counties of its own year only (a county line's locality is used only on the dates its file covers).
 */
function localityFilesNotCovering(code: string, date: DateModel, tables: Tables, locality: ResolvedLocality): string | undefined {
  if (!date.calendar || !date.iso) return undefined;
  const gpciYear = tables.national.gpci?.year;
  if (gpciYear && !date.iso.startsWith(gpciYear)) return dateCoverageText.gpci(code, locality.gpci.source.label, gpciYear, date.iso);
  const counties = locality.via === 'county' ? tables.national.localities : undefined;
  if (counties?.year && !date.iso.startsWith(counties.year)) return dateCoverageText.counties(code, counties.source.label, counties.year, date.iso);
  return undefined;
}

function aspPrice(s: ServiceModel, date: DateModel, national: LinePrice, asp: NonNullable<Tables['national']['asp']>, tables: Tables): LinePrice {
  // A national price (or a not-payable verdict) stays, with the note; an unpriced line says the ASP reason instead.
  const keep = (note: string): LinePrice =>
    national.unit !== undefined || national.adjustment?.kind === 'not-payable' ? { ...national, note } : { source: national.source, adjustment: { kind: 'unpriced', amount: 0, reason: note } };
  const fallback = national.unit === undefined ? 'it is not priced' : national.source === tables.guideSource.label ? "the guide's figure is used" : 'its national amount is used';
  if (date.day === undefined || !date.calendar) return keep(`${s.code}: the date of service is not a calendar date, so no ASP quarter applies; ${fallback}.`);
  const p = drugPrice(asp, s.code, date.day, s.units);
  switch (p.status) {
    case 'priced':
      return {
        unit: p.unit,
        base: p.amount,
        source: `${p.entry.source.label}: ${money(p.unit)} per ${p.entry.dosage} (${quarterDates(p.entry.quarter)})`,
        basis: 'asp',
        aspQuarter: { quarter: p.entry.quarter.quarter, file: p.entry.source.label },
        national: { unit: national.unit, source: national.source },
      };
    case 'no-quarter':
      return keep(`No loaded ASP file covers ${date.iso} (loaded: ${p.quarters.map((q) => q.quarter).join(', ') || 'none'}); for ${s.code} ${fallback}. Add that quarter's file to haiClaims.data.asp.`);
    case 'no-limit':
      // The quarter's file has spoken: no fallback to the guide's figure.
      return { source: p.entry.source.label, adjustment: { kind: 'unpriced', amount: 0, reason: contractorPricedDrugText.blankLimit(p.entry.source.label, s.code, p.entry.quarter.quarter) } };
    case 'refused':
      return { source: p.quarter.source.label, adjustment: { kind: 'unpriced', amount: 0, reason: `Not priced: ${p.quarter.source.label}: ${p.reason}.` } };
    case 'not-listed':
      return keep(`${s.code} is not in ${p.quarter.source.label}, so it is not priced by ASP; ${fallback}.`);
  }
}

/** The PFS release a date's tables price with (pfsTablesOn), for the estimate's provenance. */
export function pfsReleaseOf(tables: Tables): PfsProvenance | undefined {
  const rvu = tables.national.rvu;
  if (!rvu) return undefined;
  const r = rvu.releases?.find((x) => x.table === rvu) ?? (rvu.releases?.length === 1 ? rvu.releases[0] : undefined);
  if (!r) return { release: rvu.source.label, files: [] };
  return { release: r.name, conversionFactor: r.conversionFactor, qpp: r.qpp, files: r.files };
}

/** Which PFS release priced a claim's dates, with its conversion factor. */
export interface PfsProvenance {
  /** "RVU26A (2026 January release, nonQPP)". */
  release: string;
  conversionFactor?: number;
  qpp?: boolean;
  files: readonly string[];
}
