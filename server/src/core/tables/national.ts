// National CMS tables a user may load (NCCI PTP, MUE, PFS RVU, ICD-10-CM). The loaders turn the
// files' text into these indexes; the checks only see the look-up interfaces below.
import type { NumberOrNA } from './schema';

export interface NationalSource {
  kind: 'ncci-ptp' | 'mue' | 'pfs-rvu' | 'icd10cm' | 'gpci' | 'localities' | 'asp' | 'aoc' | 'opps-cap';
  label: string;
}

export interface PtpEdit {
  column1: string;
  column2: string;
  /** 0: never bypassed; 1: bypassed by an NCCI-associated modifier; 9: not applicable. */
  modifierIndicator: '0' | '1' | '9';
  /** Day number (days since 1970-01-01) of the effective date; -Infinity when the file has none (`*`). */
  effective: number;
  /** Day number of the deletion date (the first day the edit no longer applies), undefined when the edit is still in force. */
  deleted?: number;
  /** The file's "in existence prior to 1996" mark. */
  priorTo1996?: boolean;
  rationale: string;
  /** The file (part) the edit came from. */
  source: NationalSource;
}

export interface PtpTable {
  source: NationalSource;
  /** The edit in force on `day` (days since 1970-01-01) where column 2 `code2` is denied with column 1 `code1`. */
  lookup(code1: string, code2: string, day: number | undefined): PtpEdit | undefined;
  /** Every date window of the pair, oldest first. */
  windows?(code1: string, code2: string): PtpEdit[];
  size: number;
}

/** A file's year and quarter (1: January ... 4: October). */
export interface QuarterPeriod {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

export interface MueEntry {
  code: string;
  value: number;
  /** 1 per line, 2 per date of service (policy), 3 per date of service (clinical). */
  adjudication: 1 | 2 | 3;
  rationale: string;
  source: NationalSource;
}

export interface MueTable {
  source: NationalSource;
  /** The quarter the file takes effect (Eff_01-01-2026: 2026 Q1), when its name says: it applies to the dates of that year from that quarter on. */
  period?: QuarterPeriod;
  lookup(code: string): MueEntry | undefined;
  size: number;
}

export interface RvuRow {
  code: string;
  modifier: string;
  description: string;
  statusCode: string;
  workRvu: NumberOrNA;
  facilityTotal: NumberOrNA;
  nonFacilityTotal: NumberOrNA;
  /** PC/TC indicator: 0 no components, 1 diagnostic tests with PC/TC, 2 professional only, ... */
  pctc: string;
  globalDays: string;
  /** INTRA OP: the intra-operative share of a global surgery (0-1); what a -78 line is paid. Absent when the file has no such column. */
  intraOp?: number;
  multipleProcedure: string;
  conversionFactor: number;
  source: NationalSource;
  /** Practice expense and malpractice RVUs, 'NA' where the file's NA indicator is set. */
  nonFacilityPeRvu?: NumberOrNA;
  facilityPeRvu?: NumberOrNA;
  mpRvu?: number;
  /** The 2026 file's pricing indicator (PRIC IND). */
  pricingIndicator?: string;
  /** BILAT SURG indicator. */
  bilateral?: string;
  /** ASST SURG, CO-SURG and TEAM SURG indicators (-80/-81/-82/-AS, -62, -66); absent when the file has no such column. */
  assistant?: string;
  coSurgeon?: string;
  teamSurgeon?: string;
  /** ENDO BASE: the endoscopic base code of a MULT PROC 3 (endoscopy family) code. */
  endoBase?: string;
  /** The diagnostic imaging family indicator (FAMILY INDICATOR column; 88: subject to the imaging MPPR). */
  imagingFamily?: string;
}

/** One loaded PFS release (issue 21): its date, its conversion factor's kind, its rows. */
export interface RvuRelease {
  /** "RVU26B (2026 April release, nonQPP)". */
  name: string;
  year?: number;
  /** 1 = A (January) ... 4 = D (October). */
  quarter?: 1 | 2 | 3 | 4;
  /** true: the QPP conversion factor's file; false: nonQPP; undefined: the file does not say. */
  qpp?: boolean;
  /** First day (days since 1970-01-01) it prices; undefined when the file's date is unknown. */
  from?: number;
  /** The release's conversion factor (its rows' CONV FACTOR). */
  conversionFactor?: number;
  files: readonly string[];
  table: RvuTable;
}

export interface RvuTable {
  source: NationalSource;
  /** Every loaded release, oldest first; the table itself answers for the latest (nonQPP where there is a choice). */
  releases?: readonly RvuRelease[];
  /**
   * The row for `code` with `modifier` (26, TC, 53 ...). Without a modifier: the global row, or the
   * code's first row when the file has no global one. With a modifier the file lacks: undefined.
   */
  lookup(code: string, modifier?: string): RvuRow | undefined;
  /** Every row of the code (global, 26, TC ...). */
  rows?(code: string): readonly RvuRow[];
  /** The distinct conversion factors the rows carry (CONV FACTOR), lowest first: what `hai-claims data` shows. */
  conversionFactors?(): readonly number[];
  size: number;
}

export interface Icd10Entry {
  /** Dotted, as claims write it: C78.7. */
  code: string;
  /** The long description. */
  description: string;
  shortDescription?: string;
  /** False for a category heading (header flag 0): not valid on a claim. */
  billable: boolean;
}

export interface Icd10Table {
  source: NationalSource;
  lookup(code: string): Icd10Entry | undefined;
  /** Codes starting with `prefix` (dotless or dotted), at most `limit`. */
  byPrefix(prefix: string, limit: number): Icd10Entry[];
  size: number;
}

export interface NationalTables {
  ptp?: PtpTable;
  mue?: MueTable;
  rvu?: RvuTable;
  icd10?: Icd10Table;
  gpci?: GpciTable;
  localities?: LocalityTable;
  asp?: AspTable;
  addOn?: AocTable;
  oppsCap?: OppsCapTable;
}

/** One row of CMS's OPPS cap file: the OPPS amount that caps an imaging code's PFS payment in a locality (issue 21). */
export interface OppsCapEntry {
  code: string;
  /** '' for the global service, 'TC' for the technical component. */
  modifier: '' | 'TC';
  /** MAC-locality, 10212-01. */
  localityId: string;
  procStat: string;
  facility: number;
  nonFacility: number;
  /** Why the row is not used (two rows of the key disagree). */
  refused?: string;
  source: NationalSource;
}

export interface OppsCapTable {
  source: NationalSource;
  /** The release quarter the caps apply from (OPPSCAP_JAN of 2026, or the RVU26A zip: 2026 Q1), when the name says: it caps dates of that year from that quarter on. */
  period?: QuarterPeriod;
  lookup(code: string, modifier: '' | 'TC', localityId: string): OppsCapEntry | undefined;
  size: number;
}

// Locality pricing, drug prices by quarter and add-on code edits (issue 16).

/** One MAC locality's geographic practice cost indices (the PFS GPCI file, CMS's Addendum E). */
export interface GpciEntry {
  /** MAC number, five digits: 10212. */
  mac: string;
  /** Locality number, two digits: 01. */
  locality: string;
  /** The claim's way of naming it: MAC-locality, 10212-01. */
  id: string;
  /** USPS state code as the file prints it: GA. */
  state: string;
  /** Locality name without the file's `*` marks: ATLANTA. */
  name: string;
  /** True when the file marks the name with `*` (a footnote applies, e.g. a statutory floor). */
  marked: boolean;
  /** Work GPCI as published (the file's column with the 1.0 floor when it has one). */
  work: number;
  pe: number;
  mp: number;
  source: NationalSource;
}

export interface GpciTable {
  source: NationalSource;
  /** By MAC-locality id, `10212-01`; undefined when the files hold none, or two rows that disagree (see `conflict`). */
  lookup(id: string): GpciEntry | undefined;
  /** Why a locality is not priced: its rows disagree (issue 21). */
  conflict?(id: string): string | undefined;
  /** The calendar year the file's GPCIs apply to (CY2026), when its title, header or name says. */
  year?: string;
  /** The localities of a state (USPS code), in file order. */
  byState(state: string): readonly GpciEntry[];
  size: number;
}

/** One row of CMS's locality-to-county file: the counties a MAC locality covers in a state. */
export interface LocalityArea {
  mac: string;
  locality: string;
  id: string;
  /** USPS code of the state the file spells out (GEORGIA -> GA). */
  state: string;
  /** The fee schedule area's name: ATLANTA, REST OF GEORGIA. */
  area: string;
  /** The counties named, upper case; empty when `covers` is not 'listed'. */
  counties: readonly string[];
  /** 'listed': the named counties; 'all': the whole state; 'rest': the counties no other row of the state names. */
  covers: 'listed' | 'all' | 'rest';
  /** Counties an "EXCEPT" clause leaves out of an 'all'/'rest' row (another row must list them). */
  except?: readonly string[];
  /** Every state the file's row spans (the DC row: DC, VA, MD; HAWAII/GUAM: HI, GU). */
  rowStates?: readonly string[];
  source: NationalSource;
}

/**
 * What the county file says of a county (issue 21): listed by one row; covered by its state's
 * "ALL (OTHER) COUNTIES" row; listed by two localities (a conflict: not priced); left out by an
 * EXCEPT clause yet listed nowhere; or in a state with a row the loader refused (unknown).
 */
export type CountyMatch =
  | { kind: 'listed'; area: LocalityArea; asCity?: boolean }
  | { kind: 'rest'; area: LocalityArea }
  | { kind: 'conflict'; areas: readonly LocalityArea[] }
  | { kind: 'excepted'; area: LocalityArea }
  | { kind: 'incomplete' }
  | { kind: 'none' };

export interface LocalityTable {
  source: NationalSource;
  /** The calendar year the file places counties for (26LOCCO: 2026), when its name says: it places that year's dates only. */
  year?: string;
  /** The area covering `county` (any case, with or without "COUNTY") in `state` (USPS), undefined when none does (or two do). */
  resolveCounty(state: string, county: string): LocalityArea | undefined;
  /** What the file says of `county` in `state`, conflicts and gaps included. */
  matchCounty(state: string, county: string): CountyMatch;
  /** The areas of a state, in file order. */
  byState(state: string): readonly LocalityArea[];
  /** The areas (one per state it spans) of a MAC-locality id. */
  areas(id: string): readonly LocalityArea[];
  size: number;
}

/** One loaded ASP quarter: the dates of service its payment limits apply to. */
export interface AspQuarter {
  /** 2026Q2. */
  quarter: string;
  /** Day numbers (days since 1970-01-01), both inclusive. */
  from: number;
  through: number;
  source: NationalSource;
  /** Why no price of this quarter is used: another loaded file covers some of its dates (issue 21). */
  conflict?: string;
}

export interface AspEntry {
  code: string;
  description: string;
  /** The HCPCS dosage the limit is per (one billing unit): "500 MG", "1000 UNITS". */
  dosage: string;
  /** Payment limit per billing unit, in dollars; undefined when the file leaves it blank (not priced by ASP). */
  limit?: number;
  /** Why the row's limit is not used: two rows disagree, a limit of 0 or beyond any plausible one (issue 21). */
  refused?: string;
  quarter: AspQuarter;
  source: NationalSource;
}

export interface AspTable {
  source: NationalSource;
  /** The loaded quarters, oldest first. */
  quarters: readonly AspQuarter[];
  /** The quarter covering `day`, undefined when no loaded file does. */
  quarterOf(day: number): AspQuarter | undefined;
  /** The code's row in the quarter covering `day`. */
  lookup(code: string, day: number): AspEntry | undefined;
  /** True when any loaded quarter lists the code (a drug code the files know). */
  hasCode(code: string): boolean;
  /** Rows over all quarters. */
  size: number;
}

/** One NCCI add-on code edit: the add-on, one primary it may go with, the edit type and dates. */
export interface AocEdit {
  addOn: string;
  /** The primary code; undefined for type 2 (the file's placeholder CCCCC: the contractor decides). */
  primary?: string;
  /** 1: only the listed primaries; 2: any primary the contractor accepts; 3: the listed primaries and others the contractor accepts. */
  type: 1 | 2 | 3;
  /** Day numbers: effective dates are the first day in force, deletion dates the first day no longer in force; -Infinity/undefined when the file has none (blank or `*`). */
  effective: number;
  deleted?: number;
  addOnEffective: number;
  addOnDeleted?: number;
  primaryEffective: number;
  primaryDeleted?: number;
  notes: string;
  source: NationalSource;
}

export interface AocTable {
  source: NationalSource;
  /** True when the file lists `code` as an add-on code (any date). */
  isAddOn(code: string): boolean;
  /** The code's edits in force on `day` (edit, add-on and primary dates all honoured; the primary's own dates only for its row). */
  editsOn(addOn: string, day: number): readonly AocEdit[];
  /** Every edit of the add-on code, in file order. */
  edits(addOn: string): readonly AocEdit[];
  size: number;
}
