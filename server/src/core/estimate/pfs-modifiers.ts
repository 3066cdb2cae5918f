// The payment modifiers and indicators of CMS's PFS relative value file, as the estimate applies
// them (issue 22): -50 by BILAT SURG, -80/-81/-82/-AS by ASST SURG, -62 by CO-SURG, -66 by TEAM SURG
// (Pub. 100-04, Ch. 12, sections 40.7, 20.4.3 and 40.8), which MPPR a line takes part in by MULT
// PROC (section 40.6; indicator 3 the endoscopy family rule; 4: CR 9647), and the price of a -TC line. Percentages are CMS's
// (reference.json, cmsPolicies.surgeryModifiers and imagingMppr); indicators come from the file.
import type { ServiceModel } from '../model/model';
import type { LineEstimate } from './estimate';
import type { Tables } from '../tables';
import type { RvuRow } from '../tables/national';
import type { Setting } from '../tables/schema';

export interface PfsAdjustment {
  kind: 'bilateral' | 'assistant' | 'co-surgeon' | 'team' | 'indicator';
  /** The share of the line's unit price paid (1.5 for -50 under BILAT SURG 1); 1 for notes; 0 for not paid. */
  factor: number;
  reason: string;
  /** Not paid as billed: the contractor prices it (team surgery, by report). */
  unpriced?: boolean;
  /** The line's amount is paid on another line (the second side of an RT/LT pair): $0 here, not a denial. */
  combined?: boolean;
}

const cents = (n: number): number => Math.round(n * 100) / 100;

const ASSISTANT = new Set(['80', '81', '82']);

/** The PFS row whose indicators apply to a line (the global row: the indicators are the code's). */
function rowOf(tables: Tables, s: ServiceModel): RvuRow | undefined {
  return tables.national.rvu?.lookup(s.code);
}

/** -50 as Medicare pays it: BILAT SURG 1 at 150%, 3 each side at 100%, any other indicator (or the guide's codes) once at 100%. */
export function bilateralAdjustment(tables: Tables, s: ServiceModel): PfsAdjustment | undefined {
  if (!s.modifiers.includes('50')) return undefined;
  const policy = tables.reference.cmsPolicies.surgeryModifiers;
  const row = rowOf(tables, s);
  const percent = row ? policy.bilateralPercent[row.bilateral ?? ''] : undefined;
  if (row && percent !== undefined) {
    const how = row.bilateral === '3' ? 'each side at 100%' : `${percent}% of the code`;
    return { kind: 'bilateral', factor: percent / 100, reason: `-50 with BILAT SURG ${row.bilateral} in ${row.source.label}: paid ${how} (${policy.bilateralSource}).` };
  }
  const why = row ? `its BILAT SURG indicator is ${row.bilateral || '(none)'} in ${row.source.label}` : `the guide (${tables.guideSource.label}) lists no bilateral payment for it`;
  return { kind: 'bilateral', factor: 1, reason: `-50 does not apply to ${s.code} (${why}): Medicare pays the code once, at 100%, without the bilateral adjustment (${policy.bilateralSource}).` };
}

/** -80/-81/-82 at 16% and -AS at 13.6% of the fee schedule amount; ASST SURG 1 (and 9): not paid. */
export function assistantAdjustment(tables: Tables, s: ServiceModel): PfsAdjustment | undefined {
  const modifier = s.modifiers.find((m) => ASSISTANT.has(m) || m === 'AS');
  if (!modifier) return undefined;
  const policy = tables.reference.cmsPolicies.surgeryModifiers;
  const row = rowOf(tables, s);
  const indicator = row?.assistant;
  if (row && (indicator === '1' || indicator === '9')) {
    const what = indicator === '1' ? 'an assistant at surgery is not paid for this procedure (statutory restriction)' : 'the assistant-at-surgery concept does not apply to this code';
    return { kind: 'assistant', factor: 0, reason: `-${modifier}: ASST SURG ${indicator} in ${row.source.label}: ${what} (${policy.assistantSource}).` };
  }
  const percent = modifier === 'AS' ? policy.nonPhysicianAssistantPercent : policy.assistantPercent;
  const who = modifier === 'AS' ? 'a non-physician assistant at surgery (-AS) is paid 85% of the physician assistant-at-surgery amount' : 'an assistant at surgery is paid';
  const documentation = indicator === '0' ? ` ASST SURG 0 in ${row!.source.label}: paid only with documentation of medical necessity.` : '';
  const unknown = row && indicator === undefined ? ` ${row.source.label} has no ASST SURG column, so whether an assistant is paid for ${s.code} is not checked.` : !row ? ` Whether an assistant is paid for ${s.code} is in the PFS file's ASST SURG indicator, which is not loaded.` : '';
  return { kind: 'assistant', factor: percent / 100, reason: `-${modifier}: ${who} ${percent}% of the fee schedule amount (${policy.assistantSource}).${documentation}${unknown}` };
}

/** -62: 62.5% to each co-surgeon; -66: priced by the contractor. CO-SURG / TEAM SURG 0 and 9: not paid. */
export function surgeonsAdjustment(tables: Tables, s: ServiceModel): PfsAdjustment | undefined {
  const policy = tables.reference.cmsPolicies.surgeryModifiers;
  const row = rowOf(tables, s);
  if (s.modifiers.includes('62')) {
    const indicator = row?.coSurgeon;
    if (row && (indicator === '0' || indicator === '9')) {
      const what = indicator === '0' ? 'co-surgeons are not permitted for this procedure' : 'the co-surgeon concept does not apply to this code';
      return { kind: 'co-surgeon', factor: 0, reason: `-62: CO-SURG ${indicator} in ${row.source.label}: ${what} (${policy.surgeonsSource}).` };
    }
    const documentation = indicator === '1' ? ` CO-SURG 1 in ${row!.source.label}: paid only with documentation that two surgeons were needed.` : '';
    return { kind: 'co-surgeon', factor: policy.coSurgeonPercent / 100, reason: `-62: each co-surgeon is paid ${policy.coSurgeonPercent}% of the fee schedule amount (${policy.surgeonsSource}).${documentation}` };
  }
  if (s.modifiers.includes('66')) {
    const indicator = row?.teamSurgeon;
    if (row && (indicator === '0' || indicator === '9')) {
      const what = indicator === '0' ? 'team surgeons are not permitted for this procedure' : 'the team-surgery concept does not apply to this code';
      return { kind: 'team', factor: 0, reason: `-66: TEAM SURG ${indicator} in ${row.source.label}: ${what} (${policy.surgeonsSource}).` };
    }
    return { kind: 'team', factor: 0, unpriced: true, reason: `-66: team surgery is priced by the contractor, by report (${policy.surgeonsSource}), so the line is not priced.` };
  }
  return undefined;
}

/**
 * Which MPPR a line takes part in. The PFS file's MULT PROC indicator, when it lists the code
 * (where it and the guide's endnote differ, the file wins, with a note): 2 standard surgical, 3
 * endoscopy (ranked as standard surgery: the family base rule is not applied, and the note says
 * so), 4 diagnostic imaging, 0 and 9 none. Otherwise the guide's endnote a or b.
 */
export function mpprOf(tables: Tables, s: ServiceModel): { flag?: 'a' | 'b'; note?: string } {
  const guide = s.listing ? (s.listing.flags.includes('a') ? 'a' : s.listing.flags.includes('b') ? 'b' : undefined) : undefined;
  const row = tables.national.rvu?.lookup(s.code);
  if (!row || row.multipleProcedure === '') return { flag: guide };
  const m = row.multipleProcedure;
  const flag = m === '2' || m === '3' ? 'a' : m === '4' ? 'b' : undefined;
  const notes: string[] = [];
  if (s.listing && flag !== guide) {
    const guideSays = guide ? `endnote ${guide}` : 'no multiple-procedure endnote';
    notes.push(`MULT PROC ${m} in ${row.source.label} decides the multiple-procedure rule for ${s.code}, not the guide's ${guideSays} (the file is CMS's current indicator).`);
  }
  if (m === '3' && !row.endoBase) notes.push(`MULT PROC 3 (endoscopy) without an ENDO BASE in ${row.source.label}: ranked as a standard multiple surgery; CMS's endoscopy family rule (Pub. 100-04, Ch. 12, section 40.6) needs the base code.`);
  if (!['0', '2', '3', '4', '9'].includes(m)) notes.push(`MULT PROC ${m} in ${row.source.label}: the estimate does not apply that indicator's special reduction, so the line is not reduced for multiple procedures.`);
  return { flag, note: notes.length ? notes.join(' ') : undefined };
}

/**
 * A -TC line of a code the guide lists under a "requires -26" heading: the PFS file's TC row when
 * loaded, otherwise the guide's global (non-facility) figure less its -26 figure, labelled as derived.
 */
export function technicalComponentPrice(tables: Tables, s: ServiceModel, setting: Setting): { unit?: number; source?: string; reason?: string } | undefined {
  const l = s.listing;
  if (!l?.requires26 || !s.modifiers.includes('TC')) return undefined;
  const row = tables.national.rvu?.lookup(s.code, 'TC');
  if (row && (row.statusCode === 'A' || row.statusCode === 'R' || row.statusCode === 'T')) {
    const total = setting === 'facility' ? row.facilityTotal : row.nonFacilityTotal;
    if (total !== 'NA') return { unit: cents(total * row.conversionFactor), source: `${row.source.label}, -TC row (${total} RVUs x ${row.conversionFactor})` };
  }
  const global = l.nonFacilityAllowable;
  const pc = l.facilityAllowable;
  const fromFile = tables.national.rvu ? `${tables.national.rvu.source.label} has no payable -TC row for ${s.code}, and ` : '';
  if (typeof global === 'number' && typeof pc === 'number' && global > pc) {
    return {
      unit: cents(global - pc),
      source: `derived: the guide's global non-facility figure $${global} less its -26 figure $${pc} (${tables.guideSource.label}; whole-dollar figures, so the technical component is approximate; load the PFS relative value file for its -TC row)`,
    };
  }
  return { reason: `${fromFile || 'The guide'}${fromFile ? 'the guide' : ''} prints no figures from which the technical component (-TC) of ${s.code} can be derived (global ${String(global)}, -26 ${String(pc)}), so -TC is not priced. Load CMS's PFS relative value file (haiClaims.data.pfsRvu) for its -TC row.` };
}

/**
 * One code billed on an RT line and an LT line of one date is one bilateral procedure (Pub. 100-04,
 * Ch. 12, section 40.7), priced by the PFS file's BILAT SURG as -50 is: 1, the pair at 150% on the
 * first line; 3, each side at 100% (200% on the first line); 0 and 2, the code once at 100%. The second side of a pair paid once
 * is $0 with the line that carries its payment. Only codes the file lists (the guide has no
 * bilateral codes); other RT/LT lines are left as billed.
 */
export function rightLeftPairs(tables: Tables, services: readonly ServiceModel[]): Map<ServiceModel, PfsAdjustment> {
  const out = new Map<ServiceModel, PfsAdjustment>();
  const rvu = tables.national.rvu;
  if (!rvu) return out;
  const sides = new Map<string, { RT?: ServiceModel; LT?: ServiceModel }>();
  for (const s of services) {
    if (s.modifiers.includes('50')) continue;
    const side = s.modifiers.includes('RT') ? 'RT' : s.modifiers.includes('LT') ? 'LT' : undefined;
    if (!side) continue;
    const pair = sides.get(s.code) ?? {};
    pair[side] ??= s;
    sides.set(s.code, pair);
  }
  const policy = tables.reference.cmsPolicies.surgeryModifiers;
  for (const [code, { RT, LT }] of sides) {
    const row = rvu.lookup(code);
    if (!RT || !LT || !row || !['0', '1', '2', '3'].includes(row.bilateral ?? '')) continue;
    const [first, second] = RT.line < LT.line ? [RT, LT] : [LT, RT];
    const cite = `BILAT SURG ${row.bilateral} in ${row.source.label}; ${policy.bilateralSource}`;
    // As with -50: 1 at 150%, 3 each side at 100% (200%), 0 and 2 once; the pair is one line in MPPR.
    const percent = policy.bilateralPercent[row.bilateral ?? ''] ?? 100;
    out.set(first, { kind: 'bilateral', factor: percent / 100, reason: `${code} billed -RT and -LT on this date (lines ${first.line + 1} and ${second.line + 1}) is one bilateral procedure, paid ${percent}% of the code on this line (${cite}).` });
    out.set(second, { kind: 'bilateral', factor: 0, combined: true, reason: `${code}-${second === RT ? 'RT' : 'LT'}: the other side of the bilateral procedure on line ${first.line + 1}, which carries the payment for both sides (${percent}% of the code; ${cite}).` });
  }
  return out;
}

/** What the endoscopy family rule needs of a priced line. */
export interface FamilyLine {
  est: { line: number; code: string; units: number; unitAllowable?: number; amount: number; deniedUnits?: number; adjustments: { kind: string; amount: number; reason: string }[] };
}

/**
 * CMS's endoscopy family rule (MULT PROC 3; Pub. 100-04, Ch. 12, section 40.6): of two or more
 * endoscopies with one base (ENDO BASE) on a date, the highest is paid in full and each other one
 * at its value less the base's; the base billed with its family is not paid separately. Reduces
 * the lines it applies to and returns the families (at least two lines) with their totals, each to
 * be ranked as one procedure in the standard MPPR. `basePrice` gives the base's unit price on the
 * date (undefined: not known, the family is left to the standard rule, with a note).
 */
export function endoscopyFamilies<G extends FamilyLine>(group: readonly G[], tables: Tables, basePrice: (code: string) => number | undefined): { members: G[]; total: number }[] {
  const rvu = tables.national.rvu;
  if (!rvu) return [];
  const byBase = new Map<string, G[]>();
  for (const g of group) {
    const row = rvu.lookup(g.est.code);
    const base = row?.multipleProcedure === '3' && row.endoBase ? row.endoBase : undefined;
    const key = base ?? (group.some((o) => rvu.lookup(o.est.code)?.endoBase === g.est.code) ? g.est.code : undefined);
    if (key) byBase.set(key, [...(byBase.get(key) ?? []), g]);
  }
  const families: { members: G[]; total: number }[] = [];
  for (const [base, members] of byBase) {
    if (members.length < 2) continue;
    const price = members.find((g) => g.est.code === base)?.est.unitAllowable ?? basePrice(base);
    const source = rvu.lookup(members[0].est.code)?.source.label ?? rvu.source.label;
    if (price === undefined) {
      for (const g of members) g.est.adjustments.push({ kind: 'indicator', amount: 0, reason: `Endoscopy family of base ${base} (MULT PROC 3 in ${source}): the base's price is not known here, so the family rule was not applied; ranked as standard multiple surgery.` });
      continue;
    }
    members.sort((x, y) => (y.est.unitAllowable ?? 0) - (x.est.unitAllowable ?? 0) || x.est.line - y.est.line);
    for (const g of members.slice(1)) {
      const unit = g.est.unitAllowable ?? 0;
      const cut = cents(g.est.code === base ? g.est.amount : Math.min(unit, price) * (g.est.units - (g.est.deniedUnits ?? 0)));
      const what = g.est.code === base ? `the base endoscopy ${base} is not paid separately with its family` : `paid at its value less the base ${base}'s $${price}`;
      g.est.amount = cents(g.est.amount - cut);
      g.est.adjustments.push({ kind: 'mppr-surgery', amount: cut, reason: `Endoscopy family (MULT PROC 3, base ${base}, ${source}; Pub. 100-04, Ch. 12, section 40.6): ${what}; the highest endoscopy of the family (line ${members[0].est.line + 1}) is paid in full.` });
    }
    families.push({ members, total: cents(members.reduce((n, g) => n + g.est.amount, 0)) });
  }
  return families;
}

/**
 * -50, -80/-81/-82/-AS, -62 and -66 as Medicare pays them (pfs-modifiers.ts): the unit price
 * scaled before MPPR ranks it (CMS ranks the adjusted amounts). Returns false when the line is
 * not paid or not priced (then it takes no part in MPPR).
 */
export function applyPaymentModifiers(est: LineEstimate, s: ServiceModel, tables: Tables, side: PfsAdjustment | undefined): boolean {
  for (const a of [bilateralAdjustment(tables, s) ?? side, assistantAdjustment(tables, s), surgeonsAdjustment(tables, s)]) {
    if (!a) continue;
    if (a.combined) {
      // Paid on the other side's line: $0 here, reduced (not denied), and not ranked again in MPPR.
      est.adjustments.push({ kind: a.kind, amount: est.amount, reason: a.reason });
      est.amount = 0;
      return false;
    }
    if (a.unpriced || a.factor === 0) {
      est.adjustments.push({ kind: a.unpriced ? 'unpriced' : a.kind, amount: est.amount, reason: a.reason });
      est.amount = 0;
      est.status = a.unpriced ? 'unpriced' : 'not-payable';
      return false;
    }
    const unit = cents((est.unitAllowable ?? 0) * a.factor);
    const amount = cents(unit * s.units);
    // A cut is taken off (positive); an increase (-50 at 150%) raises the base, so the line reads as paid.
    const cut = amount < est.amount ? cents(est.amount - amount) : 0;
    if (amount > est.amount) est.base = cents(est.base + amount - est.amount);
    est.amount = amount;
    est.unitAllowable = unit;
    est.adjustments.push({ kind: a.kind, amount: cut, reason: a.reason });
  }
  return true;
}

/**
 * The surgical MPPR group after CMS's endoscopy family rule (pfs-modifiers.ts): a family of two or
 * more endoscopies is one procedure in the ranking, at its total; `settle`, after the ranking,
 * passes a family's MPPR cut on to its lines (each at the MPPR percent).
 */
export function foldEndoscopyFamilies<G extends { est: LineEstimate; s: ServiceModel }>(group: G[], tables: Tables): { group: { est: LineEstimate }[]; settle: () => void } {
  const setting = group[0]?.s.date.setting;
  const base = (code: string): number | undefined => {
    const row = tables.national.rvu?.lookup(code);
    const total = row && setting && (setting === 'facility' ? row.facilityTotal : row.nonFacilityTotal);
    return row && typeof total === 'number' ? cents(total * row.conversionFactor) : undefined;
  };
  const families = endoscopyFamilies(group, tables, base);
  if (families.length === 0) return { group, settle: () => undefined };
  const folded = new Set<G>(families.flatMap((f) => f.members));
  const proxies = families.map((f) => ({ f, est: { ...f.members[0].est, units: 1, deniedUnits: 0, unitAllowable: f.total, base: f.total, amount: f.total, adjustments: [] } as LineEstimate }));
  const settle = (): void => {
    const paid = tables.guide.mppr.surgicalSecondaryPercentPaid;
    for (const { f, est } of proxies) {
      if (est.amount >= f.total) continue;
      for (const m of f.members) {
        const cut = cents(m.est.amount * (1 - paid / 100));
        m.est.amount -= cut;
        m.est.adjustments.push({ kind: 'mppr-surgery', amount: cut, reason: `MPPR (endnote a): this endoscopy family ranks 2nd or later on this date as one procedure, paid at ${paid}%.` });
      }
    }
  };
  return { group: [...group.filter((g) => !folded.has(g)), ...proxies.map((p) => ({ est: p.est }))], settle };
}
