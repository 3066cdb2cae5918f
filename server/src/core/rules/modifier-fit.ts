// Which modifiers can apply to which codes (issue 13). Without national files, from what the guide
// shows: -26/-TC only where a professional/technical split exists (the guide's imaging and
// radiology codes), KD only on HCPCS Level II drug and supply codes (J, A), -24/-25/-57 only on
// E/M visits, -58/-78/-79 only on procedures, -50 on none of the guide's codes. With the PFS file,
// its PC/TC and BILAT SURG indicators decide for the codes it lists. Shared by the mod-invalid
// check and modifier completion. A code this knowledge does not cover is left alone: when unsure,
// inform, do not deny.
import type { Tables } from '../tables';
import type { Setting } from '../tables/schema';
import { isEm } from './util';

/** Why a modifier cannot apply to a code. */
export type Misfit =
  /** The PFS file's PC/TC indicator has no such component. */
  | { reason: 'pctc'; pctc: string; source: string }
  /** An incident-to code (the guide's endnote d). */
  | { reason: 'incident-to'; source: string }
  /** No professional/technical split: an E/M visit, a surgery, a drug or supply, or another guide code outside imaging. */
  | { reason: 'no-split'; kind: CodeKind; source: string }
  /** -TC on a facility date: the hospital bills the technical component. */
  | { reason: 'tc-facility'; source: string }
  | { reason: 'kd'; kind: CodeKind; source: string }
  | { reason: 'em-only'; kind: CodeKind; source: string }
  | { reason: 'procedure-only'; kind: CodeKind; source: string }
  | { reason: 'bilateral'; bilateral?: string; source: string };

export type CodeKind = 'visit' | 'surgery' | 'drug or supply' | 'imaging' | 'procedure' | 'code';

/** PC/TC indicators of the PFS file under which -26 / -TC may be billed (1: both; 6 and 8: -26 only). */
const PCTC_ALLOWS: Record<string, readonly string[]> = { '1': ['26', 'TC'], '6': ['26'], '8': ['26'] };
/** BILAT SURG indicators under which -50 is billed (1: 150%; 3: each side at 100%). */
const BILATERAL_ALLOWS = new Set(['1', '3']);

export function isDrugOrSupply(code: string): boolean {
  return /^[JA]\d{4}$/.test(code);
}

/** What kind of service a code is, as far as the tables tell. */
export function codeKind(tables: Tables, code: string): CodeKind {
  if (isDrugOrSupply(code)) return 'drug or supply';
  const sections = tables.cptSections(code);
  if (sections.includes('em')) return 'visit';
  if (sections.includes('surgery')) return 'surgery';
  if (sections.includes('radiology')) return 'imaging';
  if (sections.length > 0) return 'procedure';
  return 'code';
}

/**
 * Why `modifier` cannot apply to `code` on a date in `setting`, or undefined when it can (or when
 * the tables cannot tell). `incidentTo`: the guide lists the code with endnote d.
 */
export function misfit(tables: Tables, code: string, modifier: string, setting: Setting | undefined, incidentTo = false): Misfit | undefined {
  const guide = tables.guideSource.label;
  const cms = tables.reference.cmsPolicies.modifiers.source;
  const row = tables.national.rvu?.lookup(code);
  const listed = tables.listings(code).length > 0;
  const kind = codeKind(tables, code);
  switch (modifier) {
    case '26':
    case 'TC': {
      if (incidentTo) return { reason: 'incident-to', source: guide };
      if (row) {
        if (!(PCTC_ALLOWS[row.pctc] ?? []).includes(modifier)) return { reason: 'pctc', pctc: row.pctc, source: row.source.label };
      } else if (kind === 'visit' || kind === 'surgery' || kind === 'drug or supply' || (listed && kind !== 'imaging')) {
        return { reason: 'no-split', kind, source: listed ? guide : cms };
      } else if (kind !== 'imaging') return undefined;
      return modifier === 'TC' && setting === 'facility' ? { reason: 'tc-facility', source: cms } : undefined;
    }
    case 'KD':
      return kind === 'drug or supply' || (kind === 'code' && !listed) ? undefined : { reason: 'kd', kind, source: cms };
    case '24':
    case '25':
    case '57':
      return kind === 'visit' || kind === 'code' ? undefined : { reason: 'em-only', kind, source: cms };
    case '58':
    case '78':
    case '79':
      return kind === 'visit' || kind === 'drug or supply' ? { reason: 'procedure-only', kind, source: cms } : undefined;
    case '50':
      if (row) return BILATERAL_ALLOWS.has(row.bilateral ?? '') ? undefined : { reason: 'bilateral', bilateral: row.bilateral, source: row.source.label };
      return listed ? { reason: 'bilateral', source: guide } : undefined;
    default:
      return undefined;
  }
}
