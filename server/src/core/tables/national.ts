// National CMS tables a user may load (NCCI PTP, MUE, PFS RVU, ICD-10-CM). The loaders turn the
// files' text into these indexes; the checks only see the look-up interfaces below.
import type { NumberOrNA } from './schema';

export interface NationalSource {
  kind: 'ncci-ptp' | 'mue' | 'pfs-rvu' | 'icd10cm';
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
  /** The diagnostic imaging family indicator (FAMILY INDICATOR column; 88: subject to the imaging MPPR). */
  imagingFamily?: string;
}

export interface RvuTable {
  source: NationalSource;
  /**
   * The row for `code` with `modifier` (26, TC, 53 ...). Without a modifier: the global row, or the
   * code's first row when the file has no global one. With a modifier the file lacks: undefined.
   */
  lookup(code: string, modifier?: string): RvuRow | undefined;
  /** Every row of the code (global, 26, TC ...). */
  rows?(code: string): readonly RvuRow[];
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
}
