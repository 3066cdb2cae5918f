// Modifier rules from the guide's headings and endnotes: -26 on imaging, no -26/-TC on
// incident-to codes (endnote d) or where the PFS file's PC/TC indicator has no split, KD on drugs
// infused through DME (endnote +).
import type { ServiceModel } from '../model/model';
import { defineRule, type Rule } from './types';
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

const mod26Required = defineRule({
  id: 'mod26-required',
  family: 'modifiers',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary: 'An imaging code the guide lists under a "requires -26 modifier" heading, billed without -26.',
  billing: true,
  checkClaim(claim, ctx) {
    for (const date of claim.dates) {
      for (const s of date.services) {
        // A -TC line under a "requires -26" heading is still missing the -26 the guide asks for.
        if (s.modifiers.includes('26') || !needs26(s)) continue;
        const listing = s.listings.find((l) => l.requires26)!;
        ctx.report({
          rule: 'mod26-required',
          ...codeSpan(s),
          data: { code: s.code, section: listing.section, phase: listing.phaseHeading, source: ctx.tables.guideSource.label, setting: s.date.setting },
          fixes: [addModifierFix(s, '26', `Add -26 (professional component) to ${s.code}`, true)],
        });
      }
    }
  },
});

/** PC/TC indicators of the PFS file under which -26 / -TC may be billed (1: both; 6 and 8: -26 only). */
const PCTC_ALLOWS: Record<string, readonly string[]> = { '1': ['26', 'TC'], '6': ['26'], '8': ['26'] };

const modInvalid = defineRule({
  id: 'mod-invalid',
  family: 'modifiers',
  defaultSeverity: 'error',
  severities: ['error'],
  summary: '-26 or -TC on a code that has no professional/technical split: an incident-to code (endnote d), or a PC/TC indicator in the PFS file that does not allow it.',
  billing: true,
  checkClaim(claim, ctx) {
    const rvu = ctx.tables.national.rvu;
    for (const date of claim.dates) {
      for (const s of date.services) {
        const incidentTo = hasFlag(s, 'd');
        // Any code the fee-schedule file lists: its PC/TC indicator says whether -26/-TC exist.
        const row = incidentTo ? undefined : rvu?.lookup(s.code);
        if (!incidentTo && !row) continue;
        s.modifiers.forEach((m, i) => {
          if (m !== '26' && m !== 'TC') return;
          if (row && (PCTC_ALLOWS[row.pctc] ?? []).includes(m)) return;
          ctx.report({
            rule: 'mod-invalid',
            ...span(s.line, s.node.modifiers[i]),
            data: row
              ? { code: s.code, modifier: m, pctc: row.pctc, source: row.source.label }
              : { code: s.code, modifier: m, endnote: 'd', source: ctx.tables.guideSource.label },
            fixes: [{ title: `Remove -${m} from ${s.code}`, edits: [removeModifierEdit(ctx.tree, s, i)], preferred: true }],
          });
        });
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

export const modifierRules: Rule[] = [mod26Required, modInvalid, kdRequired, modConflict];
