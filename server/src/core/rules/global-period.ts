// Global surgical period (endnote c): a major surgery's payment includes the visit the day before,
// the visits of the next 90 days, and a return to the operating room for the same problem.
// As CMS applies it (Pub. 100-04, Ch. 12 §40.2): a return to the operating room billed -78 is
// paid at the intra-operative share and continues the original global period; -58 (staged) and
// -79 (unrelated) procedures start their own.
import type { ClaimModel, ServiceModel } from '../model/model';
import type { Tables } from '../tables';
import { defineRule, type Fix, type Rule } from './types';
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

function windows(claim: ClaimModel, tables: Tables): Window[] {
  const out: Window[] = [];
  for (const d of claim.dates) {
    if (d.day === undefined) continue;
    for (const s of d.services) if (opensGlobalPeriod(tables, s)) out.push({ surgery: s, day: d.day, calendar: d.calendar });
  }
  return out;
}

/** True when the guide's NCCI edits deny this surgery against another code billed on its date. */
function deniedByNcci(tables: Tables, s: ServiceModel): boolean {
  return s.date.services.some((o) => o !== s && !!tables.guideNcciEdit(s.code, o.code));
}

const EM_MODIFIERS = { before: ['57'], same: ['57', '25'], after: ['24'] } as const;
const SURGERY_MODIFIERS = ['58', '78', '79'];

const globalPeriod = defineRule({
  id: 'global-period',
  family: 'global-period',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary:
    "An E/M visit or a second major surgery inside a major surgery's global period (endnote c) without 57, 25, 24, or 58/78/79. A -78 return to the operating room continues the original global period; -58 and -79 start their own (Medicare Claims Processing Manual, Pub. 100-04, Ch. 12 §40.2).",
  billing: true,
  checkClaim(claim, ctx) {
    const { preOpDays, postOpDays } = ctx.tables.guide.globalPeriod;
    const all = windows(claim, ctx.tables);
    if (all.length === 0) return;
    for (const d of claim.dates) {
      if (d.day === undefined) continue;
      for (const s of d.services) {
        const em = isEm(ctx.tables, s.code);
        const surgery = !em && isMajorSurgery(ctx.tables, s);
        if (!em && !surgery) continue;
        // The most recent surgery whose window holds this date decides what is needed.
        let hit: { w: Window; when: 'before' | 'same' | 'after'; offset: number } | undefined;
        for (const w of all) {
          if (w.calendar !== d.calendar || w.surgery === s) continue;
          const offset = d.day - w.day;
          let when: 'before' | 'same' | 'after' | undefined;
          if (em && offset < 0 && -offset <= preOpDays) when = 'before';
          else if (em && offset === 0) when = 'same';
          else if (offset > 0 && offset <= postOpDays) when = 'after';
          // Ties on one date go to a surgery that NCCI does not deny (name the one that is paid).
          const better = !hit || w.day > hit.w.day || (w.day === hit.w.day && deniedByNcci(ctx.tables, hit.w.surgery) && !deniedByNcci(ctx.tables, w.surgery));
          if (when && better) hit = { w, when, offset };
        }
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
            postOpDays,
            source: ctx.tables.guideSource.label,
            cms: ctx.tables.reference.cmsPolicies.globalSurgery.source,
          },
          related: [{ ...serviceSpan(hit.w.surgery), label: `${hit.w.surgery.code} on ${dateLabel(hit.w.surgery.date)}, the surgery whose global period this is in` }],
          fixes,
          deniesLine: s.line,
        });
      }
    }
  },
});

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
