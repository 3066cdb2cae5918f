// Global surgical period (endnote c): a major surgery's payment includes the visit the day before,
// the visits of the next 90 days, and a return to the operating room for the same problem.
// As CMS applies it (Pub. 100-04, Ch. 12, section 40.2): a return to the operating room billed -78 is
// paid at the intra-operative share and continues the original global period; -58 (staged) and
// -79 (unrelated) procedures start their own.
import type { ClaimModel, ServiceModel } from '../model/model';
import type { Tables } from '../tables';
import { defineRule, type ClaimIndexer, type Fix, type Rule } from './types';
import { addModifierFix, codeSpan, dateLabel, hasAnyModifier, hasFlag, isEm, serviceSpan } from './util';

/** A major surgery with a 90-day global period: endnote c in the guide, or 090 in the PFS file. */
export function isMajorSurgery(tables: Tables, s: ServiceModel): boolean {
  if (hasFlag(s, 'c')) return true;
  if (s.listings.length > 0) return false;
  return tables.national.rvu?.lookup(s.code)?.globalDays === '090';
}

interface Window {
  surgery: ServiceModel;
  day: number;
  calendar: boolean;
}

/** True when the line opens a global period of its own: a major surgery not billed -78. */
export function opensGlobalPeriod(tables: Tables, s: ServiceModel): boolean {
  return isMajorSurgery(tables, s) && !s.modifiers.includes('78');
}

/** Post-operative days of a minor procedure's global period: GLOB DAYS 010 in the PFS file (issue 22). */
export const MINOR_POST_OP_DAYS = 10;

/**
 * A minor procedure with a 10-day global period from the PFS file (GLOB DAYS 010), for a code the
 * guide does not list (the guide's codes keep its endnotes). Its same-day visit is em-needs-25's
 * (visits.ts, with 000 codes); the 10 days after it are this rule's.
 */
export function opensTenDayPeriod(tables: Tables, s: ServiceModel): boolean {
  if (s.listings.length > 0 || s.modifiers.includes('78')) return false;
  return tables.national.rvu?.lookup(s.code)?.globalDays === '010';
}

/**
 * The claim's major surgeries by day (those that open a global period), for the question "which surgery's window holds this date":
 * per kind of day (calendar or relative) the distinct days in order, and per day the surgeries in
 * claim order, reduced to the two that decide a tie (below). Built in O(n log n); a query is a
 * binary search, so the rule is O(n log n) in the lines of a claim, not lines x surgeries.
 */
interface SurgeryDays {
  readonly days: readonly number[];
  /** Per day: the first two surgeries NCCI does not deny, and the first two of all, in claim order. */
  readonly picks: ReadonlyMap<number, { paid: Window[]; any: Window[] }>;
}

/** A claim without such surgeries (most claims): one shared, read-only index. */
const NO_SURGERY_DAYS: SurgeryDays = { days: [], picks: new Map() };

function surgeryDays(claim: ClaimModel, tables: Tables, calendar: boolean, opens: (tables: Tables, s: ServiceModel) => boolean = opensGlobalPeriod): SurgeryDays {
  let picks: Map<number, { paid: Window[]; any: Window[] }> | undefined;
  for (const d of claim.dates) {
    if (d.day === undefined || d.calendar !== calendar) continue;
    let denied: ((s: ServiceModel) => boolean) | undefined;
    for (const s of d.services) {
      if (!opens(tables, s)) continue;
      picks ??= new Map();
      let p = picks.get(d.day);
      if (!p) picks.set(d.day, (p = { paid: [], any: [] }));
      const w = { surgery: s, day: d.day, calendar };
      if (p.any.length < 2) p.any.push(w);
      denied ??= deniedOnDate(tables, d.services);
      if (p.paid.length < 2 && !denied(s)) p.paid.push(w);
    }
  }
  if (!picks) return NO_SURGERY_DAYS;
  return { days: [...picks.keys()].sort((a, b) => a - b), picks };
}

/** Both kinds of day: the global period's index of a claim (built once per check of the claim). */
interface Surgeries {
  calendar: SurgeryDays;
  relative: SurgeryDays;
  /** The minor procedures with a 10-day global period (GLOB DAYS 010 in the PFS file). */
  minorCalendar: SurgeryDays;
  minorRelative: SurgeryDays;
}

/**
 * The claim's surgeries, for a check of its dates one at a time (runner.ts). Two indexes give a date
 * the same findings when they hold the same surgery lines (node and place in the claim) on the same
 * days: what a date's findings read of the other dates (the surgery's code, date and span).
 */
const surgeryIndex: ClaimIndexer<Surgeries> = {
  build: (claim, tables) => ({
    calendar: surgeryDays(claim, tables, true),
    relative: surgeryDays(claim, tables, false),
    minorCalendar: surgeryDays(claim, tables, true, opensTenDayPeriod),
    minorRelative: surgeryDays(claim, tables, false, opensTenDayPeriod),
  }),
  same: (a, aClaim, b, bClaim) =>
    sameDays(a.calendar, aClaim.line, b.calendar, bClaim.line) &&
    sameDays(a.relative, aClaim.line, b.relative, bClaim.line) &&
    sameDays(a.minorCalendar, aClaim.line, b.minorCalendar, bClaim.line) &&
    sameDays(a.minorRelative, aClaim.line, b.minorRelative, bClaim.line),
};

function sameDays(a: SurgeryDays, aBase: number, b: SurgeryDays, bBase: number): boolean {
  if (a.days.length !== b.days.length) return false;
  const same = (x: Window[], y: Window[]) => x.length === y.length && x.every((w, i) => w.surgery.node === y[i].surgery.node && w.surgery.line - aBase === y[i].surgery.line - bBase);
  for (let i = 0; i < a.days.length; i++) {
    if (a.days[i] !== b.days[i]) return false;
    const p = a.picks.get(a.days[i])!;
    const q = b.picks.get(b.days[i])!;
    if (!same(p.paid, q.paid) || !same(p.any, q.any)) return false;
  }
  return true;
}

/**
 * True when the guide's NCCI edits deny a surgery against another code billed on its date. The
 * date's codes are gathered once, so each question costs the surgery's few guide edits.
 */
function deniedOnDate(tables: Tables, services: readonly ServiceModel[]): (s: ServiceModel) => boolean {
  const count = new Map<string, number>();
  for (const o of services) count.set(o.code, (count.get(o.code) ?? 0) + 1);
  return (s) => {
    for (const e of tables.guideNcciEditsInvolving(s.code)) {
      if (e.denied !== s.code) continue;
      // Another line: a line of the other code, or (for an edit of a code with itself) a second line.
      const n = count.get(e.other) ?? 0;
      if (e.other === s.code ? n > 1 : n > 0) return true;
    }
    return false;
  };
}

/**
 * The surgery whose window decides what `s` (on `day`) needs: the latest surgery day in
 * [lo, hi]; on that day, the first surgery (other than `s`) NCCI does not deny, else the first.
 */
function latestSurgery(index: SurgeryDays, lo: number, hi: number, s: ServiceModel): Window | undefined {
  // The last day <= hi.
  let a = 0;
  let b = index.days.length;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (index.days[mid] <= hi) a = mid + 1;
    else b = mid;
  }
  // `s` itself is never its own window: a day holding only `s` gives way to the day before.
  for (let i = a - 1; i >= 0 && index.days[i] >= lo; i--) {
    const p = index.picks.get(index.days[i])!;
    const w = otherThan(p.paid, s) ?? otherThan(p.any, s);
    if (w) return w;
  }
  return undefined;
}

function otherThan(windows: readonly Window[], s: ServiceModel): Window | undefined {
  for (const w of windows) if (w.surgery !== s) return w;
  return undefined;
}

const EM_MODIFIERS = { before: ['57'], same: ['57', '25'], after: ['24'] } as const;
const SURGERY_MODIFIERS = ['58', '78', '79'];

const globalPeriod = defineRule({
  id: 'global-period',
  family: 'global-period',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary:
    "An E/M visit or a second major surgery inside a major surgery's global period (endnote c) without 57, 25, 24, or 58/78/79. A -78 return to the operating room continues the original global period; -58 and -79 start their own (Medicare Claims Processing Manual, Pub. 100-04, Ch. 12, section 40.2).",
  billing: true,
  scope: 'date',
  payment: 'denies',
  paymentNote: 'the visit or procedure billed without its global surgery modifier',
  paymentSource: 'Pub. 100-04, Ch. 12, section 40.2; the guide, endnote c',
  claimIndex: surgeryIndex as ClaimIndexer,
  checkClaim(claim, ctx) {
    // Checked date by date (a long claim), `claim` holds one date and the index is the whole claim's.
    const index = (ctx.claimIndex as Surgeries | undefined) ?? surgeryIndex.build(claim, ctx.tables);
    if ([index.calendar, index.relative, index.minorCalendar, index.minorRelative].every((x) => x.days.length === 0)) return;
    for (const d of claim.dates) {
      if (d.day === undefined) continue;
      for (const s of d.services) {
        const em = isEm(ctx.tables, s.code);
        if (!em && !isMajorSurgery(ctx.tables, s) && !opensTenDayPeriod(ctx.tables, s)) continue;
        const hit = windowOf(ctx.tables, index, d.calendar, d.day, s, em);
        if (!hit) continue;
        const needed = em ? [...EM_MODIFIERS[hit.when]] : SURGERY_MODIFIERS;
        if (hasAnyModifier(s, needed)) continue;
        const fixes: Fix[] = em
          ? needed.map((m, i) => addModifierFix(s, m, `Add -${m} (${modifierPurpose(m)}) to ${s.code}`, i === 0))
          : SURGERY_MODIFIERS.map((m) => addModifierFix(s, m, `Add -${m} (${modifierPurpose(m)}) to ${s.code}`));
        ctx.report({
          rule: 'global-period',
          ...codeSpan(s),
          data: {
            code: s.code,
            kind: em ? 'visit' : 'surgery',
            when: hit.when,
            days: Math.abs(hit.offset),
            surgery: hit.w.surgery.code,
            surgeryDate: dateLabel(hit.w.surgery.date),
            needed,
            postOpDays: hit.postOpDays,
            source: hit.source ?? ctx.tables.guideSource.label,
            cms: ctx.tables.reference.cmsPolicies.globalSurgery.source,
            ...(hit.source ? { minor: true as const } : {}),
          },
          related: [{ ...serviceSpan(hit.w.surgery), label: `${hit.w.surgery.code} on ${dateLabel(hit.w.surgery.date)}, the surgery whose global period this is in` }],
          fixes,
          deniesLine: s.line,
        });
      }
    }
  },
});

interface Hit {
  w: Window;
  offset: number;
  when: 'before' | 'same' | 'after';
  postOpDays: number;
  /** The PFS file that gives a minor procedure its 10-day global period; undefined: a major surgery. */
  source?: string;
}

/**
 * The global period `s` (on `day`) falls in: the most recent major surgery whose window holds the
 * date (a visit may fall from preOpDays before to postOpDays after it, a second surgery only after
 * it), else the most recent 010 procedure of the 10 days before (its same day is em-needs-25's).
 */
function windowOf(tables: Tables, index: Surgeries, calendar: boolean, day: number, s: ServiceModel, em: boolean): Hit | undefined {
  const { preOpDays, postOpDays } = tables.guide.globalPeriod;
  const major = isMajorSurgery(tables, s);
  if (em || major) {
    const w = latestSurgery(calendar ? index.calendar : index.relative, day - postOpDays, em ? day + preOpDays : day - 1, s);
    if (w) {
      const offset = day - w.day;
      return { w, offset, when: offset < 0 ? 'before' : offset === 0 ? 'same' : 'after', postOpDays };
    }
  }
  const minor = latestSurgery(calendar ? index.minorCalendar : index.minorRelative, day - MINOR_POST_OP_DAYS, day - 1, s);
  if (!minor) return undefined;
  const source = tables.national.rvu?.lookup(minor.surgery.code)?.source.label ?? '';
  return { w: minor, offset: day - minor.day, when: 'after', postOpDays: MINOR_POST_OP_DAYS, source };
}

export function modifierPurpose(m: string): string {
  switch (m) {
    case '57': return 'decision for surgery';
    case '25': return 'significant, separately identifiable visit';
    case '24': return 'unrelated visit during the postoperative period';
    case '58': return 'staged or related procedure';
    case '78': return 'unplanned return to the operating room';
    case '79': return 'unrelated procedure during the postoperative period';
    default: return m;
  }
}

export const globalPeriodRules: Rule[] = [globalPeriod];
