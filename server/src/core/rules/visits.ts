// Visits (E/M) as Medicare pays them, the CMS rules the guide takes for granted (issue 13): one
// visit per date, no consultation codes, and -25 on a visit the same date as a minor procedure.
// Each message cites its CMS source (reference.json, cmsPolicies).
import type { ServiceModel } from '../model/model';
import type { Tables } from '../tables';
import { isMajorSurgery } from './global-period';
import { codeKind } from './modifier-fit';
import { defineRule, type Rule } from './types';
import { addModifierFix, codeSpan, datesOfService, isEm, removeLineEdit, replaceEdit, serviceSpan } from './util';

/**
 * A procedure whose payment includes a same-date visit unless the visit is significant and
 * separately identifiable (-25): a surgery that is not a major one (major surgery is the global
 * period's), the guide's procedures outside imaging (the 96522 refill), or a code with 0 or 10
 * global days in the PFS file.
 */
export function isMinorProcedure(tables: Tables, s: ServiceModel): boolean {
  const kind = codeKind(tables, s.code);
  if (kind !== 'surgery' && kind !== 'procedure') return false;
  if (isMajorSurgery(tables, s)) return false;
  if (kind === 'surgery' || s.listings.length > 0) return true;
  const days = tables.national.rvu?.lookup(s.code)?.globalDays;
  return days === '000' || days === '010';
}

const emMultiple = defineRule({
  id: 'em-multiple',
  family: 'visits',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary: 'More than one E/M visit on one date of one claim: Medicare pays one visit per date by one physician (Pub. 100-04, Ch. 12, section 30.6).',
  billing: true,
  checkClaim(claim, ctx) {
    for (const { services } of datesOfService(claim)) {
      const visits = services.filter((s) => isEm(ctx.tables, s.code));
      if (visits.length < 2) continue;
      const first = visits[0];
      const procedure = services.some((s) => isMinorProcedure(ctx.tables, s) || isMajorSurgery(ctx.tables, s));
      const key = (s: ServiceModel) => `${s.code}|${[...s.modifiers].sort().join('-')}`;
      for (const s of visits.slice(1)) {
        // The same visit repeated is a duplicate-line.
        if (key(s) === key(first)) continue;
        ctx.report({
          rule: 'em-multiple',
          ...codeSpan(s),
          data: { code: s.code, first: first.code, firstLine: first.line + 1, count: visits.length, primary: procedure, source: ctx.tables.reference.cmsPolicies.emPerDate.source },
          related: [{ ...serviceSpan(first), label: `${first.code}, the first visit on this date` }],
          fixes: [{ title: `Remove ${s.code} (one visit per date: bill the level of the day's combined work on one line)`, edits: [removeLineEdit(ctx.tree, s.line)] }],
        });
      }
    }
  },
});

const consultMedicare = defineRule({
  id: 'consult-medicare',
  family: 'visits',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary:
    'A consultation code (99242-99245, 99252-99255) on a Medicare claim: Medicare has not paid consultation codes since 2010 (PFS status I; Pub. 100-04, Ch. 12, section 30.6.10). The line is priced $0; bill the visit code for the place of service.',
  // A billing rule: the runner runs it only for a payer with billing checks (the Medicare tables).
  billing: true,
  checkClaim(claim, ctx) {
    const policy = ctx.tables.reference.cmsPolicies.consultations;
    for (const date of claim.dates) {
      for (const s of date.services) {
        if (!policy.codes.includes(s.code)) continue;
        const instead = date.setting === 'facility' ? policy.hospital : date.setting === 'nonFacility' ? policy.office : [...policy.office, ...policy.hospital];
        ctx.report({
          rule: 'consult-medicare',
          ...codeSpan(s),
          data: { code: s.code, setting: date.setting, pos: date.pos, instead, source: policy.source },
          fixes: instead.map((c, i) => ({ title: `Change ${s.code} to ${c}`, edits: [replaceEdit(s.line, s.node.code, c)], preferred: i === 0 && date.setting !== undefined })),
          deniesLine: s.line,
        });
      }
    }
  },
});

const emNeeds25 = defineRule({
  id: 'em-needs-25',
  family: 'visits',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary:
    'An E/M visit on the same date as a minor procedure (the 96522 refill, a 0- or 10-day surgery) without -25: the procedure\'s payment includes the visit unless it is significant and separately identifiable (Pub. 100-04, Ch. 12, sections 40.1-40.2; NCCI Policy Manual Ch. I and XI). A visit on the date of a major surgery is the global-period check\'s.',
  billing: true,
  checkClaim(claim, ctx) {
    for (const { services } of datesOfService(claim)) {
      // One scan for the date's procedures, then its visits.
      let minor: ServiceModel | undefined;
      let major = false;
      for (const s of services) {
        if (isMajorSurgery(ctx.tables, s)) major = true;
        else if (!minor && isMinorProcedure(ctx.tables, s)) minor = s;
      }
      if (!minor || major) continue;
      for (const s of services) {
        if (!isEm(ctx.tables, s.code) || s.modifiers.includes('25')) continue;
        // A consultation code is not paid at all; consult-medicare says what to bill instead.
        if (ctx.tables.reference.cmsPolicies.consultations.codes.includes(s.code)) continue;
        ctx.report({
          rule: 'em-needs-25',
          ...codeSpan(s),
          data: { code: s.code, procedure: minor.code, source: ctx.tables.reference.cmsPolicies.emSameDayProcedure.source },
          related: [{ ...serviceSpan(minor), label: `${minor.code}, a procedure on the same date` }],
          fixes: [addModifierFix(s, '25', `Add -25 (significant, separately identifiable visit) to ${s.code}`, true)],
        });
      }
    }
  },
});

export const visitRules: Rule[] = [emMultiple, consultMedicare, emNeeds25];
