// The claim model: the syntax tree resolved into claims, with real dates, the place of service and
// setting of each date, diagnosis letters, and every code looked up in the tables.
import type { ClaimLine, OnLine, ServiceLine, ValueLine } from '../syntax/nodes';
import type { Diagnosis, ProcedureListing, Setting } from '../tables/schema';
import type { LocalityResolution } from './locality';

export interface ValueRef {
  value: string;
  line: number;
  node: ValueLine;
}

export interface DxModel {
  /** A, B, C ... in order of appearance. Undefined past the 12th (reported as too-many). */
  letter?: string;
  code: string;
  line: number;
  node: ValueLine;
  info?: Diagnosis;
}

export interface ServiceModel {
  line: number;
  node: ServiceLine;
  /** Upper-cased code. */
  code: string;
  /** Upper-cased modifiers in written order (shared by the lines of one text: never changed). */
  modifiers: readonly string[];
  units: number;
  /** The line's units were written but do not parse (`x0`, `x2.5`): `units` is then 1 for the checks, and the line is not priced (issue 22). */
  unitsUnread?: true;
  /** Upper-cased pointer letters in written order (shared by the lines of one text: never changed). */
  pointers: readonly string[];
  /** All the guide's listings of the code. */
  listings: readonly ProcedureListing[];
  /** The listing that prices this line: the -26 listing when billed with -26, else the global one. */
  listing?: ProcedureListing;
  /** The date block the line belongs to (set for every service in a claim). */
  date: DateModel;
}

export interface DateModel {
  line: number;
  node: OnLine;
  /** Last line of the block (the line before the next `on` or claim, or the claim's end). */
  endLine: number;
  /**
   * Day number for date arithmetic: days since 1970-01-01 when the date is known on the calendar,
   * otherwise the relative `day N` (days after an unknown day 0). Undefined when the date is bad.
   */
  day?: number;
  /** True when `day` is a calendar day; relative days are only compared with relative days. */
  calendar: boolean;
  /** ISO date when known. */
  iso?: string;
  /** The place of service in force: the date's own `pos`, else the claim's. */
  pos?: string;
  posFrom: 'date' | 'claim' | 'none';
  /** Facility or non-facility, when the place of service is known. */
  setting?: Setting;
  services: ServiceModel[];
  claim: ClaimModel;
}

export interface ClaimModel {
  index: number;
  line: number;
  /** Last line that belongs to the claim. */
  endLine: number;
  node: ClaimLine;
  name: string;
  payer?: ValueRef;
  state?: ValueRef;
  pos?: ValueRef;
  start?: ValueRef & { day?: number };
  /** `locality 10212-01`: the MAC locality the claim is priced in. */
  locality?: ValueRef;
  /** `county GA FULTON`: resolved to a locality with CMS's locality-to-county file. */
  county?: ValueRef & { state: string; name: string };
  /**
   * The locality the claim is priced in, resolved once here from its `locality`, `county` and
   * `state` lines and haiClaims.defaultLocality (model/locality.ts), as kinds and data: the
   * locality rules, the estimate and hover read this and never resolve again (issue 21).
   */
  resolvedLocality: LocalityResolution;
  diagnoses: DxModel[];
  dates: DateModel[];
  /** Service lines that come before the claim's first `on` line. */
  undatedServices: { line: number; node: ServiceLine }[];
  /** Header lines repeated in one claim (a second `payer`, say): the later ones are ignored. */
  repeatedHeaders: { line: number; node: ValueLine; first: number }[];
}

export interface DocumentModel {
  claims: ClaimModel[];
  /** Statements before the first `claim` line. */
  beforeFirstClaim: { line: number; kind: string }[];
}
