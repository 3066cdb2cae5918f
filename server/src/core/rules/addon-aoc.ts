// CMS's NCCI add-on code edits applied to one date of service (issue 16): what the AOC file says of
// an add-on code billed with the other codes of its date. Pure; the addon-without-primary rule
// turns the verdict into a finding. Source: CMS, Medicare NCCI Add-on Code Edits (edit types 1-3).
//   Type 1: paid only with one of the listed primaries.
//   Type 2: the contractor defines the primaries: flagged only when the add-on is alone on its date.
//   Type 3: the listed primaries or others the contractor accepts: an unlisted primary is
//           information (the MAC decides), alone on its date an error.
import type { AocEdit, AocTable } from '../tables/national';

export interface AocVerdict {
  type: 1 | 2 | 3;
  /** no-listed-primary (type 1), alone (any type), unlisted-primary (type 3: information). */
  reason: 'no-listed-primary' | 'alone' | 'unlisted-primary';
  severity: 'error' | 'information';
  /** Errors deny the line; information does not. */
  denies: boolean;
  /** The primaries the file lists for the date (types 1 and 3), for the message and a fix. */
  primaries: string[];
  /** Other codes billed on the date that are not add-ons (the type 3 case). */
  others: string[];
  source: string;
}

/** The edits that apply on `day`; with no calendar day, the edits still in force (no deletion dates). */
function editsFor(aoc: AocTable, code: string, day: number | undefined): readonly AocEdit[] {
  if (day !== undefined) return aoc.editsOn(code, day);
  return aoc.edits(code).filter((e) => e.deleted === undefined && e.addOnDeleted === undefined && e.primaryDeleted === undefined);
}

/**
 * The verdict on `addOn` billed on a date with `codes` (every code of the date of service, the
 * add-on included; `candidate` says which of them may be a primary when the file lists none).
 * 'not-listed': the file has no edit for the code in force on the date, so the guide's rule
 * applies; undefined: the edit is satisfied.
 */
export function aocVerdict(aoc: AocTable, addOn: string, day: number | undefined, codes: readonly string[], candidate: (code: string) => boolean = () => true): AocVerdict | 'not-listed' | undefined {
  if (!aoc.isAddOn(addOn)) return 'not-listed';
  const edits = editsFor(aoc, addOn, day);
  // Only deleted rows (or none yet in force): a deleted row never decides, so the guide's own add-on rule applies.
  if (edits.length === 0) return 'not-listed';
  // One add-on code carries one edit type; a file mixing them is read by its strictest row.
  const type = edits.some((e) => e.type === 1) ? 1 : edits.some((e) => e.type === 3) ? 3 : 2;
  const primaries = [...new Set(edits.filter((e) => e.primary !== undefined).map((e) => e.primary!))];
  const present = new Set(codes);
  if (primaries.some((p) => present.has(p))) return undefined;
  // Codes that could be the primary: what is billed on the date that is not itself an add-on (and
  // that `candidate` accepts: the rule leaves out drugs and supplies).
  const others = [...new Set(codes.filter((c) => c !== addOn && !aoc.isAddOn(c) && candidate(c)))];
  const source = edits[0].source.label;
  const base = { type, primaries, others, source } as const;
  if (type === 1) return { ...base, reason: others.length === 0 ? 'alone' : 'no-listed-primary', severity: 'error', denies: true };
  if (others.length === 0) return { ...base, reason: 'alone', severity: 'error', denies: true };
  if (type === 3) return { ...base, reason: 'unlisted-primary', severity: 'information', denies: false };
  return undefined;
}
