// Modifier rules from the guide's headings and endnotes: -26 on imaging, no -26/-TC on
// incident-to codes (endnote d) or where the PFS file's PC/TC indicator has no split, KD on drugs
// infused through DME (endnote +).
import type { ServiceModel } from '../model/model';
import type { Tables } from '../tables';
import type { ProcedureListing } from '../tables/schema';
import { misfit, type Misfit } from './modifier-fit';
import { defineRule, type Fix, type Rule, type RuleData } from './types';
import { addModifierFix, codeSpan, hasFlag, removeModifierEdit, span } from './util';

/**
 * A code listed under a "requires -26 modifier" heading needs -26, except where the guide also
 * lists it outside those headings (77002, 76937 under HAI Therapy) and the date is in a
 * non-facility setting: there the physician bills the global service.
 */
export function needs26(s: ServiceModel): boolean {
  if (!s.listings.some((l) => l.requires26)) return false;
  const globalListing = s.listings.some((l) => !l.requires26);
  return !(globalListing && s.date.setting === 'nonFacility');
}

/**
 * A radiology supervision-and-interpretation code the guide prices only as a professional
 * component, outside the "requires -26" headings: a facility figure and NA outside facilities
 * (74300 and 74301 under the cholecystectomy headings). In a facility the physician bills -26.
 */
export function professionalOnly(tables: Tables, s: ServiceModel): ProcedureListing | undefined {
  if (!tables.cptSections(s.code).includes('radiology')) return undefined;
  return s.listings.find((l) => !l.requires26 && typeof l.facilityAllowable === 'number' && l.nonFacilityAllowable === 'NA');
}

const mod26Required = defineRule({
  id: 'mod26-required',
  family: 'modifiers',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary:
    'An imaging code the guide lists under a "requires -26 modifier" heading, or a radiology supervision-and-interpretation code it prices only as a professional component (74300, 74301) billed in a facility, without -26.',
  billing: true,
  scope: 'date',
  payment: 'none',
  checkClaim(claim, ctx) {
    for (const date of claim.dates) {
      for (const s of date.services) {
        if (s.modifiers.includes('26')) continue;
        // -TC bills the technical component: never "add -26" to it (issue 22). In a facility
        // mod-invalid says "replace -TC with -26"; elsewhere tc-billed informs.
        if (s.modifiers.includes('TC')) continue;
        const listing = needs26(s) ? s.listings.find((l) => l.requires26)! : date.setting === 'facility' ? professionalOnly(ctx.tables, s) : undefined;
        if (!listing) continue;
        ctx.report({
          rule: 'mod26-required',
          ...codeSpan(s),
          data: { code: s.code, section: listing.section, phase: listing.phaseHeading, source: ctx.tables.guideSource.label, setting: s.date.setting, pcOnly: listing.requires26 ? undefined : true },
          fixes: [addModifierFix(s, '26', `Add -26 (professional component) to ${s.code}`, true)],
        });
      }
    }
  },
});

/**
 * A -TC line where the code has a professional/technical split (issue 22): valid, and priced as the
 * technical component. The guide's "requires -26" headings address the reading physician; -TC is
 * right only when this practice performed the technical part. Information, never a denial.
 */
const tcBilled = defineRule({
  id: 'tc-billed',
  family: 'modifiers',
  defaultSeverity: 'information',
  severities: ['information'],
  payment: 'none',
  paymentNote: 'the line is priced as the technical component (PFS TC row, or the guide\'s global less its -26 figure)',
  summary:
    'A -TC line on a code with a professional/technical split (the guide\'s imaging codes, PFS PC/TC indicator 1), outside a facility: valid and priced as the technical component; -TC is right only when the practice performed the technical part (CPT Appendix A, CMS HCPCS Level II modifier TC).',
  billing: true,
  checkClaim(claim, ctx) {
    for (const date of claim.dates) {
      if (date.setting === 'facility') continue;
      for (const s of date.services) {
        if (!s.modifiers.includes('TC') || s.modifiers.includes('26')) continue;
        const row = ctx.tables.national.rvu?.lookup(s.code);
        const split = row ? row.pctc === '1' : s.listings.some((l) => l.requires26);
        if (!split || misfit(ctx.tables, s.code, 'TC', date.setting, hasFlag(s, 'd'))) continue;
        const i = s.modifiers.indexOf('TC');
        ctx.report({
          rule: 'tc-billed',
          ...span(s.line, s.node.modifiers[i]),
          data: {
            code: s.code,
            source: row ? row.source.label : ctx.tables.guideSource.label,
            guideHeading: s.listings.some((l) => l.requires26) || undefined,
            // Without the file the guide prints no -TC figure: the estimate derives it (global less -26).
            derived: (!ctx.tables.national.rvu?.lookup(s.code, 'TC') && s.listings.some((l) => l.requires26)) || undefined,
          },
        });
      }
    }
  },
});

/**
 * -50 on a code whose bilateral adjustment does not apply (BILAT SURG 0, 2 or 9 in the PFS file, or
 * a guide code without the file): Medicare pays the code once at 100% (Pub. 100-04, Ch. 12, section
 * 40.7), so the line is priced as the single code and the finding says -50 does not apply.
 */
const mod50NotBilateral = defineRule({
  id: 'mod50-not-bilateral',
  family: 'modifiers',
  defaultSeverity: 'warning',
  severities: ['warning'],
  payment: 'none',
  paymentNote: 'the code is priced once at 100%, without the bilateral adjustment',
  paymentSource: 'Pub. 100-04, Ch. 12, section 40.7',
  summary:
    '-50 on a code whose bilateral payment adjustment does not apply (PFS BILAT SURG 0, 2 or 9; the guide\'s codes): Medicare pays the code once at 100%, so the line is priced as the single code (Pub. 100-04, Ch. 12, section 40.7).',
  billing: true,
  checkClaim(claim, ctx) {
    for (const date of claim.dates) {
      for (const s of date.services) {
        const i = s.modifiers.indexOf('50');
        if (i < 0) continue;
        const why = misfit(ctx.tables, s.code, '50', date.setting, hasFlag(s, 'd'));
        if (why?.reason !== 'bilateral') continue;
        ctx.report({
          rule: 'mod50-not-bilateral',
          ...span(s.line, s.node.modifiers[i]),
          data: { code: s.code, bilateral: why.bilateral, source: why.source, cms: ctx.tables.reference.cmsPolicies.surgeryModifiers.bilateralSource },
          fixes: [{ title: `Remove -50 from ${s.code}`, edits: [removeModifierEdit(ctx.tree, s, i)], preferred: true }],
        });
      }
    }
  },
});

/** The finding data of a misfit (the PC/TC and incident-to shapes are those of the first version). */
export function misfitData(code: string, modifier: string, m: Misfit): RuleData['mod-invalid'] {
  switch (m.reason) {
    case 'pctc':
      return { code, modifier, pctc: m.pctc, source: m.source };
    case 'incident-to':
      return { code, modifier, endnote: 'd', source: m.source };
    case 'tc-facility':
      return { code, modifier, reason: m.reason, source: m.source };
    case 'bilateral':
      return { code, modifier, reason: m.reason, bilateral: m.bilateral, source: m.source };
    default:
      return { code, modifier, reason: m.reason, kind: m.kind, source: m.source };
  }
}

const modInvalid = defineRule({
  id: 'mod-invalid',
  family: 'modifiers',
  defaultSeverity: 'error',
  severities: ['error'],
  summary:
    'A modifier that cannot apply to the code, so the line is denied: -26/-TC without a professional/technical split (incident-to codes, endnote d; the PFS file\'s PC/TC indicator) or -TC in a facility, KD on anything but a drug or supply, -24/-25/-57 on anything but an E/M visit, -58/-78/-79 on a visit, drug or supply (CPT Appendix A, CMS HCPCS Level II modifiers). -50 that does not apply is mod50-not-bilateral (priced as the single code, not denied).',
  billing: true,
  scope: 'date',
  payment: 'denies',
  paymentNote: 'the line',
  paymentSource: "CPT Appendix A; CMS HCPCS Level II modifiers; the PFS file's PC/TC and bilateral indicators when loaded",
  checkClaim(claim, ctx) {
    for (const date of claim.dates) {
      for (const s of date.services) {
        const incidentTo = hasFlag(s, 'd');
        // One finding per line (the first modifier that cannot apply): the line is denied once.
        for (let i = 0; i < s.modifiers.length; i++) {
          const m = s.modifiers[i];
          const why = misfit(ctx.tables, s.code, m, date.setting, incidentTo);
          // -50 that does not apply is paid as the single code, not denied: mod50-not-bilateral (issue 22).
          if (!why || why.reason === 'bilateral') continue;
          const tok = s.node.modifiers[i];
          const fixes: Fix[] =
            why.reason === 'tc-facility'
              ? [{ title: `Replace -TC with -26 on ${s.code} (the hospital bills the technical component)`, edits: [{ ...span(s.line, tok), newText: '26' }], preferred: true }]
              : [{ title: `Remove -${m} from ${s.code}`, edits: [removeModifierEdit(ctx.tree, s, i)], preferred: true }];
          ctx.report({ rule: 'mod-invalid', ...span(s.line, tok), data: misfitData(s.code, m, why), fixes, deniesLine: s.line });
          break;
        }
      }
    }
  },
});

const kdRequired = defineRule({
  id: 'kd-required',
  family: 'modifiers',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary: 'A drug infused through the pump (endnote +) billed without the KD modifier.',
  billing: true,
  scope: 'date',
  payment: 'none',
  checkClaim(claim, ctx) {
    for (const date of claim.dates) {
      for (const s of date.services) {
        if (!hasFlag(s, '+') || s.modifiers.includes('KD')) continue;
        ctx.report({
          rule: 'kd-required',
          ...codeSpan(s),
          data: { code: s.code, endnote: '+', source: ctx.tables.guideSource.label },
          fixes: [addModifierFix(s, 'KD', `Add -KD (drug infused through DME) to ${s.code}`, true)],
        });
      }
    }
  },
});

const modConflict = defineRule({
  id: 'mod-conflict',
  family: 'modifiers',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary: 'Two modifiers that contradict each other on one line (GA with GZ), per the reference list (CMS HCPCS Level II modifiers).',
  billing: true,
  scope: 'date',
  payment: 'none',
  checkClaim(claim, ctx) {
    for (const date of claim.dates) {
      for (const s of date.services) {
        s.modifiers.forEach((m, i) => {
          // Reported once, on the later of the two, with a fix that removes either.
          const earlier = s.modifiers.slice(0, i).findIndex((o) => ctx.tables.modifier(o)?.conflictsWith?.includes(m));
          if (earlier < 0) return;
          const other = s.modifiers[earlier];
          ctx.report({
            rule: 'mod-conflict',
            line: s.line,
            start: s.node.modifiers[earlier].dash,
            end: s.node.modifiers[i].end,
            data: { code: s.code, modifier: other, conflicting: m, source: ctx.tables.reference.modifiersSource.split(' (')[0] },
            fixes: [
              { title: `Remove -${m} (keep -${other})`, edits: [removeModifierEdit(ctx.tree, s, i)] },
              { title: `Remove -${other} (keep -${m})`, edits: [removeModifierEdit(ctx.tree, s, earlier)] },
            ],
          });
        });
      }
    }
  },
});

export const modifierRules: Rule[] = [mod26Required, modInvalid, kdRequired, modConflict, tcBilled, mod50NotBilateral];
