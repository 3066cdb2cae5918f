// What the 837P reader takes from an interchange (issue 24): per claim only what the checks and
// the estimate need, each value with the place in the file it came from. Nothing else is kept:
// no name, identifier, address, date of birth, account or control number of a claim, note or
// charge (docs/x12.md lists what is read from where).
import type { X12Reason } from '../rules/types';

/** A place in the X12 file: 0-based line and columns, and the segment it is in. */
export interface X12Place {
  line: number;
  start: number;
  end: number;
  /** Set when the place runs onto a later line. */
  endLine?: number;
  /** The segment id (SV1, CLM...). */
  id: string;
  /** The segment's number in its transaction set (ST is 1), as the 999 and 277CA count; 0 outside one. */
  segment: number;
}

export interface Placed<T> {
  value: T;
  place: X12Place;
}

export interface X12Line {
  sv1: X12Place;
  code?: Placed<string>;
  modifiers: Placed<string>[];
  units?: Placed<string>;
  /** 1-based diagnosis pointers, as SV107 writes them. */
  pointers: Placed<number>[];
  /** SV105: overrides the claim's place of service for this line. */
  pos?: Placed<string>;
  /** From the line's DTP*472 (ISO date). */
  date?: Placed<string>;
}

export interface X12Claim {
  /** ISA13 when it is digits (it names the imported file), else ''. */
  interchange: string;
  /** 1-based within its interchange. */
  ordinal: number;
  /** 1-based within the file. */
  fileOrdinal: number;
  clm: X12Place;
  /** SBR09, the claim filing indicator code, when it is code-shaped. */
  payer?: Placed<string>;
  /** The billing provider's state (2010AA N4-02). */
  state?: Placed<string>;
  /** CLM05-1. */
  pos?: Placed<string>;
  /** ABK first, then ABF in order; dotted. */
  diagnoses: Placed<string>[];
  /** Whether the claim had an HI segment at all. */
  hasHi: boolean;
  /** A DTP*472 at claim level, for lines without their own. */
  claimDate?: Placed<string>;
  lines: X12Line[];
}

export type { X12Reason } from '../rules/types';

export interface X12Problem {
  reason: X12Reason;
  place: X12Place;
  /** Which envelope or element (e.g. "SE02", "IEA01", "SV107"): the standard's names, never file text. */
  element?: string;
  /** For not-837p: which transaction it is (837I, 837D, or the version's X-number). */
  found?: string;
}
