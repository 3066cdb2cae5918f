// Modifier rules from the guide's headings and endnotes: -26 on imaging, no -26/-TC on
// incident-to codes (endnote d), KD on drugs infused through DME (endnote +).
import type { ServiceModel } from '../model/model';
import type { Rule } from './types';
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

const mod26Required: Rule = {
  id: 'mod26-required',
  family: 'modifiers',
  defaultSeverity: 'warning',
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
};

const modInvalid: Rule = {
  id: 'mod-invalid',
  family: 'modifiers',
  defaultSeverity: 'error',
  summary: '-26 or -TC on an incident-to code (endnote d): those modifiers are not valid on it.',
  billing: true,
  checkClaim(claim, ctx) {
    for (const date of claim.dates) {
      for (const s of date.services) {
        if (!hasFlag(s, 'd')) continue;
        s.modifiers.forEach((m, i) => {
          if (m !== '26' && m !== 'TC') return;
          ctx.report({
            rule: 'mod-invalid',
            ...span(s.line, s.node.modifiers[i]),
            data: { code: s.code, modifier: m, endnote: 'd', source: ctx.tables.guideSource.label },
            fixes: [{ title: `Remove -${m} from ${s.code}`, edits: [removeModifierEdit(ctx.tree, s, i)], preferred: true }],
          });
        });
      }
    }
  },
};

const kdRequired: Rule = {
  id: 'kd-required',
  family: 'modifiers',
  defaultSeverity: 'warning',
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
};

export const modifierRules: Rule[] = [mod26Required, modInvalid, kdRequired];
