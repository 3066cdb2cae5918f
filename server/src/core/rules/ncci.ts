// NCCI edits: procedure-to-procedure pairs (the guide's last page, and CMS's PTP file when loaded),
// the 77002 modifier rule and the one-nuclear-medicine-procedure-per-date rule.
import type { DateModel, ServiceModel } from '../model/model';
import type { Tables } from '../tables';
import type { PtpEdit } from '../tables/national';
import type { NcciPair } from '../tables/schema';
import { defineRule, type Rule } from './types';
import {
  addModifierFix,
  codeSpan,
  datesOfService,
  hasAnyModifier,
  isNuclearMedicine,
  isSurgeryOrImaging,
  lineAllowable,
  removeLineEdit,
  serviceSpan,
  span,
} from './util';

/**
 * CMS's NCCI-associated modifiers (anatomic, global surgery, 27, 59, 91, X{EPSU}): an edit whose
 * modifier indicator is 1 may be bypassed with one of these.
 */
export const NCCI_ASSOCIATED_GROUP = 'ncci-associated';

function bypassModifiers(tables: Tables): string[] {
  return tables.reference.modifiers.filter((m) => m.groups.includes(NCCI_ASSOCIATED_GROUP)).map((m) => m.code);
}

/** The amount a line would be paid before any denial, used to keep the higher of a mutually exclusive pair. */
function nominal(s: ServiceModel): number {
  if (!s.listing) return 0;
  // With no place of service, rank by the setting the code is priced in (surgery: facility only).
  let best: number | undefined;
  for (const st of s.date.setting ? [s.date.setting] : (['facility', 'nonFacility'] as const)) {
    const a = lineAllowable(s, st);
    if (typeof a === 'number' && (best === undefined || a > best)) best = a;
  }
  return best === undefined ? 0 : best * s.units;
}

/** What denies a line: the edit's source, its text, and CMS's modifier indicator (national edits only). */
interface Verdict {
  source: string;
  text: string;
  modifierIndicator?: string;
}

interface PtpHit extends Verdict {
  denied: ServiceModel;
  other: ServiceModel;
}

/** The edits that deny code `a` billed with code `b` on one date: the guide's, and CMS's when loaded. */
interface PairEdits {
  guide?: NcciPair;
  national?: PtpEdit;
}

/**
 * Whether a line of `a` (with its modifiers) is denied beside a line of `b`. `aGuideBypass`: the
 * line has one of the guide edit's bypass modifiers; `aNcci`, `bNcci`: a line has an
 * NCCI-associated modifier (which bypasses a national edit of indicator 1).
 */
function verdictOf(e: PairEdits, aGuideBypass: boolean, aNcci: boolean, bNcci: boolean, tables: Tables): Verdict | undefined {
  if (e.guide && !aGuideBypass) return { source: tables.guideSource.label, text: e.guide.text };
  const n = e.national;
  if (!n || (n.modifierIndicator === '1' && (aNcci || bNcci))) return undefined;
  return { source: n.source.label, text: n.rationale, modifierIndicator: n.modifierIndicator };
}

/**
 * The lines of one code, split by the two things that decide whether an edit applies to them (a
 * guide bypass modifier of the edit against the other code; an NCCI-associated modifier), each
 * class in line order and ranked by what it would be paid, for the mutual-pair query.
 */
interface LineClass {
  guideBypass: boolean;
  ncci: boolean;
  /** The class's first line. */
  first: ServiceModel;
  /** By (nominal, -line) ascending, with the smallest line number of each suffix. */
  ranked: { nominal: number; line: number }[];
  suffixFirst: ServiceModel[];
}

function classesOf(lines: readonly ServiceModel[], guideBypass: readonly string[] | undefined, bypass: readonly string[], pay: (s: ServiceModel) => number): LineClass[] {
  const groups = new Map<number, ServiceModel[]>();
  for (const s of lines) {
    const key = (guideBypass && hasAnyModifier(s, guideBypass) ? 1 : 0) + (hasAnyModifier(s, bypass) ? 2 : 0);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(s);
  }
  const out: LineClass[] = [];
  for (const [key, g] of groups) {
    const order = g.slice().sort((x, y) => pay(x) - pay(y) || y.line - x.line);
    const suffixFirst: ServiceModel[] = new Array(order.length);
    for (let i = order.length - 1; i >= 0; i--) suffixFirst[i] = i + 1 < order.length && suffixFirst[i + 1].line < order[i].line ? suffixFirst[i + 1] : order[i];
    out.push({ guideBypass: (key & 1) === 1, ncci: (key & 2) === 2, first: g[0], ranked: order.map((s) => ({ nominal: pay(s), line: s.line })), suffixFirst });
  }
  return out;
}

/** The first line of the class that outranks `a` (paid more, or paid the same and written earlier). */
function firstOutranking(c: LineClass, pay: number, line: number): ServiceModel | undefined {
  let lo = 0;
  let hi = c.ranked.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const r = c.ranked[mid];
    if (r.nominal > pay || (r.nominal === pay && r.line < line)) hi = mid;
    else lo = mid + 1;
  }
  return lo < c.ranked.length ? c.suffixFirst[lo] : undefined;
}

/**
 * For each denied line of one date of service, the first line (in line order) that denies it.
 * Where two lines deny each other, only the lower-paid one is denied (bill the higher one).
 *
 * Complexity: lines are grouped by code; only pairs of distinct codes on the date are looked up
 * (the guide's edits of each code, or every pair when CMS's PTP file is loaded: k^2 look-ups for k
 * distinct codes), then each denied line finds its first denying line per partner code by binary
 * search: O(n log n) per partner code, never line against line.
 */
function findPtpHits(date: DateModel, services: readonly ServiceModel[], tables: Tables): PtpHit[] {
  const ptp = tables.national.ptp;
  if (!ptp && !guidePairOn(services, tables)) return [];
  const bypass = ptp ? bypassModifiers(tables) : [];
  const day = date.calendar ? date.day : undefined;
  const byCode = new Map<string, ServiceModel[]>();
  for (const s of services) {
    const list = byCode.get(s.code);
    if (list) list.push(s);
    else byCode.set(s.code, [s]);
  }
  // Made on first use: most dates have no pair the edits name (a batch's open makes one per date).
  let pays: Map<ServiceModel, number> | undefined;
  const pay = (s: ServiceModel): number => {
    let p = (pays ??= new Map()).get(s);
    if (p === undefined) pays.set(s, (p = nominal(s)));
    return p;
  };
  const editsOf = (a: string, b: string): PairEdits | undefined => {
    const guide = tables.guideNcciEdit(a, b);
    // CMS PTP: the column 2 code (a) is denied when billed with the column 1 code (b).
    const found = ptp?.lookup(b, a, day);
    const national = found && found.modifierIndicator !== '9' ? found : undefined;
    return guide || national ? { guide, national } : undefined;
  };
  let best: Map<ServiceModel, PtpHit> | undefined;
  for (const [a, aLines] of byCode) {
    for (const b of partnerCodes(a, byCode, tables, !!ptp)) {
      const forward = editsOf(a, b);
      if (!forward) continue;
      const reverse = editsOf(b, a);
      const bClasses = classesOf(byCode.get(b)!, reverse?.guide?.bypassModifiers, bypass, pay);
      for (const s of aLines) {
        const sGuideBypass = !!forward.guide && hasAnyModifier(s, forward.guide.bypassModifiers);
        const sNcci = hasAnyModifier(s, bypass);
        for (const c of bClasses) {
          const verdict = verdictOf(forward, sGuideBypass, sNcci, c.ncci, tables);
          if (!verdict) continue;
          const mutual = !!reverse && !!verdictOf(reverse, c.guideBypass, c.ncci, sNcci, tables);
          const other = mutual ? firstOutranking(c, pay(s), s.line) : c.first;
          const seen = best?.get(s);
          if (other && (!seen || other.line < seen.other.line)) (best ??= new Map()).set(s, { denied: s, other, ...verdict });
        }
      }
    }
  }
  const hits: PtpHit[] = [];
  if (!best) return hits;
  for (const s of services) {
    const h = best.get(s);
    if (h) hits.push(h);
  }
  return hits;
}

/** Dates up to this many lines are looked at line against line for a pair of the guide's edits before any index is built. */
const FEW_LINES = 16;

/**
 * Whether two codes of a guide edit are both on the date (or it is too long to tell cheaply):
 * without CMS's PTP file most dates pair none, and then no index of their codes is built.
 */
function guidePairOn(services: readonly ServiceModel[], tables: Tables): boolean {
  if (services.length > FEW_LINES) return true;
  for (const s of services) {
    for (const e of tables.guideNcciEditsInvolving(s.code)) {
      const other = e.denied === s.code ? e.other : e.denied;
      if (other === s.code) continue;
      for (const t of services) if (t.code === other) return true;
    }
  }
  return false;
}

/** The codes on the date that an edit could pair with `code`: the guide's partners, or every code when CMS's PTP file is loaded. */
function partnerCodes(code: string, byCode: ReadonlyMap<string, unknown>, tables: Tables, national: boolean): Iterable<string> {
  if (national) return [...byCode.keys()].filter((c) => c !== code);
  let out: Set<string> | undefined;
  for (const e of tables.guideNcciEditsInvolving(code)) {
    const other = e.denied === code ? e.other : e.denied;
    if (other !== code && byCode.has(other)) (out ??= new Set()).add(other);
  }
  return out ?? NO_CODES;
}

const NO_CODES: readonly string[] = [];

const ncciPtp = defineRule({
  id: 'ncci-ptp',
  family: 'ncci',
  defaultSeverity: 'error',
  severities: ['error'],
  summary: 'A code that an NCCI procedure-to-procedure edit makes not reimbursable with another code on the same date.',
  billing: true,
  scope: 'date',
  payment: 'denies',
  paymentNote: 'the code the edit denies (column 2)',
  paymentSource: "NCCI procedure-to-procedure edits (the guide's NCCI page; CMS's PTP file when loaded)",
  checkClaim(claim, ctx) {
    for (const { dates, services } of datesOfService(claim)) {
      for (const hit of findPtpHits(dates[0], services, ctx.tables)) {
        ctx.report({
          rule: 'ncci-ptp',
          ...codeSpan(hit.denied),
          data: {
            code: hit.denied.code,
            other: hit.other.code,
            source: hit.source,
            edit: hit.text,
            modifierIndicator: hit.modifierIndicator,
          },
          related: [{ ...serviceSpan(hit.other), label: `${hit.other.code}, billed on the same date` }],
          fixes: [{ title: `Remove ${hit.denied.code} (not reimbursable with ${hit.other.code})`, edits: [removeLineEdit(ctx.tree, hit.denied.line)], preferred: !hit.modifierIndicator }],
          deniesLine: hit.denied.line,
        });
      }
    }
  },
});

const ncci77002 = defineRule({
  id: 'ncci-77002',
  family: 'ncci',
  defaultSeverity: 'error',
  severities: ['error'],
  summary: '77002 on the same date as a surgical or imaging procedure needs an NCCI modifier (59, XE, XS, XP, XU).',
  billing: true,
  scope: 'date',
  payment: 'denies',
  paymentNote: '77002',
  paymentSource: "the guide's NCCI page (CPT 77002 requires an NCCI modifier)",
  checkClaim(claim, ctx) {
    const rule = ctx.tables.guide.ncci.guidance77002;
    for (const { services } of datesOfService(claim)) {
      // The first surgical or imaging line of the date, found once (not once per 77002 line): O(n).
      let other: ServiceModel | undefined | null = null;
      for (const s of services) {
        if (s.code !== rule.code || hasAnyModifier(s, rule.modifiers)) continue;
        if (other === null) other = services.find((o) => o.code !== rule.code && isSurgeryOrImaging(ctx.tables, o.code));
        if (!other) continue;
        ctx.report({
          rule: 'ncci-77002',
          ...codeSpan(s),
          data: { code: s.code, other: other.code, modifiers: rule.modifiers, edit: rule.text, source: ctx.tables.guideSource.label },
          related: [{ ...serviceSpan(other), label: `${other.code}, a ${ctx.tables.cptSections(other.code).includes('surgery') ? 'surgical' : 'imaging'} procedure on the same date` }],
          fixes: [
            addModifierFix(s, 'XS', `Add -XS (separate structure) to ${s.code}`, true),
            addModifierFix(s, '59', `Add -59 (distinct procedural service) to ${s.code}`),
          ],
          deniesLine: s.line,
        });
      }
    }
  },
});

const nucmedOne = defineRule({
  id: 'nucmed-one',
  family: 'ncci',
  defaultSeverity: 'error',
  severities: ['error'],
  summary: 'More than one nuclear medicine procedure on the same date: only one is reimbursable.',
  billing: true,
  scope: 'date',
  payment: 'denies',
  paymentNote: 'every nuclear medicine procedure after the first, and units over one',
  paymentSource: "the guide's NCCI page (one nuclear medicine procedure per date)",
  checkClaim(claim, ctx) {
    const max = ctx.tables.guide.ncci.nuclearMedicine.maxPerDate;
    for (const { services } of datesOfService(claim)) {
      // Counted first: most dates have at most one, and then no list of them is made.
      let count = 0;
      for (const s of services) if (isNuclearMedicine(ctx.tables, s.code)) count += s.units;
      if (count <= max) continue;
      const nuclear = services.filter((s) => isNuclearMedicine(ctx.tables, s.code));
      // Keep the best-paid procedure; every other one is not reimbursable.
      // The best-paid line, in one pass (first written among equals): O(n).
      let kept = nuclear[0];
      for (const s of nuclear) if (nominal(s) > nominal(kept)) kept = s;
      for (const s of nuclear) {
        if (s === kept && s.units <= max) continue;
        ctx.report({
          rule: 'nucmed-one',
          ...(s === kept && s.node.units ? { line: s.line, start: s.node.units.start, end: s.node.units.end } : codeSpan(s)),
          data: { code: s.code, kept: kept.code, count, max, edit: ctx.tables.guide.ncci.nuclearMedicine.text, source: ctx.tables.guideSource.label, units: s === kept },
          related: s === kept ? undefined : [{ ...serviceSpan(kept), label: `${kept.code}, the nuclear medicine procedure kept on this date` }],
          fixes:
            s === kept
              ? s.node.units && [{ title: `Bill ${s.code} x${max}`, edits: [{ ...span(s.line, s.node.units), newText: `x${max}` }], preferred: true }]
              : [{ title: `Remove ${s.code} (only one nuclear medicine procedure per date)`, edits: [removeLineEdit(ctx.tree, s.line)] }],
          deniesLine: s.line,
          deniesUnits: s === kept ? s.units - max : undefined,
        });
      }
    }
  },
});

export const ncciRules: Rule[] = [ncciPtp, ncci77002, nucmedOne];
