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
  effective: number;
  /** Day number of the deletion date, undefined when the edit is still in force. */
  deleted?: number;
  rationale: string;
  source: NationalSource;
}

export interface PtpTable {
  source: NationalSource;
  /** The edit in force on `day` (days since 1970-01-01) where column 2 `code2` is denied with column 1 `code1`. */
  lookup(code1: string, code2: string, day: number | undefined): PtpEdit | undefined;
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
  multipleProcedure: string;
  conversionFactor: number;
  source: NationalSource;
}

export interface RvuTable {
  source: NationalSource;
  lookup(code: string, modifier?: string): RvuRow | undefined;
  size: number;
}

export interface Icd10Entry {
  code: string;
  description: string;
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
