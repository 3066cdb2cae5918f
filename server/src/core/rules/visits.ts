// Visits (E/M) as Medicare pays them, the CMS rules the guide takes for granted (issue 13): one
// visit per date, no consultation codes, and -25 on a visit the same date as a minor procedure.
// Each message cites its CMS source (reference.json, cmsPolicies).
import type { ServiceModel } from '../model/model';
import type { Tables } from '../tables';
import { isAddOn } from './addon';
import { isMajorSurgery } from './global-period';
import { codeKind } from './modifier-fit';
import { defineRule, type Rule } from './types';
import { addModifierFix, codeSpan, datesOfService, isEm, lineAllowable, removeLineEdit, replaceEdit, serviceSpan } from './util';

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

/**
 * A visit's unit allowable in its date's setting, for choosing the visit Medicare pays: the
 * guide's figure, else the PFS file's RVUs; 0 when neither prices it.
 */
function visitAllowable(tables: Tables, s: ServiceModel): number {
  const setting = s.date.setting;
  if (!setting) return 0;
  const a = lineAllowable(s, setting);
  if (typeof a === 'number') return a;
  const row = tables.national.rvu?.lookup(s.code);
  const total = row && (setting === 'facility' ? row.facilityTotal : row.nonFacilityTotal);
  return row && typeof total === 'number' ? total * row.conversionFactor : 0;
}

/**
 * True when the tables say the procedure's global period (the guide's codes, or 000, 010 or XXX in
 * the PFS file): then a visit without -25 is denied. A surgery code known from neither is only a
 * warning (issue 22: when unsure, inform rather than deny).
 */
function globalPeriodKnown(tables: Tables, s: ServiceModel): boolean {
  if (s.listings.length > 0) return true;
  const days = tables.national.rvu?.lookup(s.code)?.globalDays;
  return days === '000' || days === '010' || days === 'XXX';
}

const emMultiple = defineRule({
  id: 'em-multiple',
  family: 'visits',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary: 'More than one E/M visit on one date of one claim: Medicare pays one visit per date by one physician (Pub. 100-04, Ch. 12, section 30.6): the higher-priced (beside a procedure, the one billed -25 or -57); the others are denied.',
  billing: true,
  scope: 'date',
  payment: 'denies',
  paymentNote: 'every visit of the date but the one paid (the highest-priced; beside a procedure, one billed -25 or -57 first)',
  paymentSource: 'Pub. 100-04, Ch. 12, section 30.6 (one visit per date by one physician)',
  checkClaim(claim, ctx) {
    // A consultation code is not paid at all (consult-medicare), so it is not the visit kept or denied
    // here; an E/M add-on (prolonged service, PFS global days ZZZ) goes with its visit; a code no table
    // lists is unknown-code's (issue 22: deny only what the tables show is a second visit).
    const consults = ctx.tables.reference.cmsPolicies.consultations.codes;
    const known = (s: ServiceModel) => s.listings.length > 0 || ctx.tables.national.rvu?.lookup(s.code) !== undefined;
    const isVisit = (s: ServiceModel) => isEm(ctx.tables, s.code) && !consults.includes(s.code) && known(s) && !isAddOn(ctx.tables, s.code);
    for (const { services } of datesOfService(claim)) {
      // Most dates have one visit at most: the list of them is made only for a second.
      let visits: ServiceModel[] | undefined;
      let first: ServiceModel | undefined;
      for (const s of services) {
        if (!isVisit(s)) continue;
        if (!first) first = s;
        else (visits ??= [first]).push(s);
      }
      if (!visits) continue;
      const procedure = services.some((s) => isMinorProcedure(ctx.tables, s) || isMajorSurgery(ctx.tables, s));
      // The visit paid is the highest-priced (the first of equals); beside a procedure, a visit billed
      // -25 or -57 (the one that can be paid there) comes first. The others are denied.
      const rank = (s: ServiceModel) => (procedure && (s.modifiers.includes('25') || s.modifiers.includes('57')) ? 1e9 : 0) + visitAllowable(ctx.tables, s);
      let kept = visits[0];
      for (const s of visits) if (rank(s) > rank(kept)) kept = s;
      const key = (s: ServiceModel) => `${s.code}|${[...s.modifiers].sort().join('-')}`;
      for (const s of visits) {
        // The same visit repeated is a duplicate-line.
        if (s === kept || key(s) === key(kept)) continue;
        ctx.report({
          rule: 'em-multiple',
          ...codeSpan(s),
          data: { code: s.code, first: kept.code, firstLine: kept.line + 1, count: visits.length, primary: procedure, source: ctx.tables.reference.cmsPolicies.emPerDate.source },
          related: [{ ...serviceSpan(kept), label: `${kept.code}, the visit paid on this date` }],
          fixes: [{ title: `Remove ${s.code} (one visit per date: bill the level of the day's combined work on one line)`, edits: [removeLineEdit(ctx.tree, s.line)] }],
          deniesLine: s.line,
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
  scope: 'date',
  payment: 'denies',
  paymentNote: 'the consultation',
  paymentSource: 'Pub. 100-04, Ch. 12, section 30.6.10 (PFS status I)',
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
    'An E/M visit on the same date as a minor procedure (the 96522 refill, a 0- or 10-day surgery) without -25: the procedure\'s payment includes the visit unless it is significant and separately identifiable, so the visit is denied (Pub. 100-04, Ch. 12, sections 30.6.6 and 40.1-40.2; NCCI Policy Manual Ch. I and XI). A visit on the date of a major surgery is the global-period check\'s.',
  billing: true,
  scope: 'date',
  payment: 'denies',
  paymentNote: 'the visit',
  paymentSource: 'Pub. 100-04, Ch. 12, section 30.6.6 (modifier -25) and sections 40.1-40.2 (0- and 10-day global procedures include the visit); NCCI Policy Manual Ch. I (a visit on the date of an XXX procedure is included unless billed -25)',
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
      const known = globalPeriodKnown(ctx.tables, minor);
      for (const s of services) {
        // An E/M add-on (prolonged service) follows its visit, which carries the -25.
        if (!isEm(ctx.tables, s.code) || s.modifiers.includes('25') || isAddOn(ctx.tables, s.code)) continue;
        // A consultation code is not paid at all; consult-medicare says what to bill instead.
        if (ctx.tables.reference.cmsPolicies.consultations.codes.includes(s.code)) continue;
        ctx.report({
          rule: 'em-needs-25',
          ...codeSpan(s),
          data: { code: s.code, procedure: minor.code, source: ctx.tables.reference.cmsPolicies.emSameDayProcedure.source, ...(known ? {} : { unsure: true as const }) },
          related: [{ ...serviceSpan(minor), label: `${minor.code}, a procedure on the same date` }],
          fixes: [addModifierFix(s, '25', `Add -25 (significant, separately identifiable visit) to ${s.code}`, true)],
          deniesLine: known ? s.line : undefined,
        });
      }
    }
  },
});

export const visitRules: Rule[] = [emMultiple, consultMedicare, emNeeds25];
