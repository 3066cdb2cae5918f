// Add-on codes: a code the guide describes "List separately in addition to code for primary
// procedure" (CPT's add-on convention), or with the PFS file, global days ZZZ, is paid only with
// an eligible primary procedure on the same date of service. The primary look-up is one small
// function (`primaryOf`) so that CMS's add-on code file can replace it with its listed primaries.
import type { ServiceModel } from '../model/model';
import type { Tables } from '../tables';
import { codeKind } from './modifier-fit';
import { defineRule, type Rule } from './types';
import { codeSpan, datesOfService, dateLabel, removeLineEdit } from './util';

const ADD_ON_TEXT = /list separately in addition to code for primary procedure/i;

/** Where the tables say a code is an add-on: the guide's description, else the PFS file's ZZZ global days. */
export function addOnSource(tables: Tables, code: string): string | undefined {
  if (tables.listings(code).some((l) => ADD_ON_TEXT.test(l.description))) return tables.guideSource.label;
  const row = tables.national.rvu?.lookup(code);
  return row?.globalDays === 'ZZZ' ? row.source.label : undefined;
}

export function isAddOn(tables: Tables, code: string): boolean {
  return addOnSource(tables, code) !== undefined;
}

/**
 * An eligible primary for `addOn` among the services of its date of service, or undefined. Without
 * CMS's add-on code file: any service that is not itself an add-on, not a drug or supply, and not
 * an E/M visit (except for an E/M add-on, whose primary is a visit). The guide lists 77002 and
 * 76937 with the refill, so 96522 counts.
 */
export function primaryOf(tables: Tables, addOn: ServiceModel, services: readonly ServiceModel[]): ServiceModel | undefined {
  const emAddOn = codeKind(tables, addOn.code) === 'visit';
  return services.find((s) => {
    if (s === addOn || s.code === addOn.code) return false;
    const kind = codeKind(tables, s.code);
    if (kind === 'drug or supply' || kind === 'code') return false;
    if ((kind === 'visit') !== emAddOn) return false;
    return !isAddOn(tables, s.code);
  });
}

const addonWithoutPrimary = defineRule({
  id: 'addon-without-primary',
  family: 'services',
  defaultSeverity: 'error',
  severities: ['error'],
  summary:
    'An add-on code (the guide\'s "List separately in addition to code for primary procedure"; PFS global days ZZZ) without an eligible primary procedure on the same date: the line is denied (CPT add-on codes; NCCI add-on code edits).',
  billing: true,
  checkClaim(claim, ctx) {
    // Near-linear in the date's lines: the primary is looked up once per add-on code of the date
    // (a date of ten thousand add-on lines scans its services once, not once per line).
    for (const { dates, services } of datesOfService(claim)) {
      const addOns = services.filter((s) => isAddOn(ctx.tables, s.code));
      if (addOns.length === 0) continue;
      const hasPrimary = new Map<string, boolean>();
      for (const s of addOns) {
        let found = hasPrimary.get(s.code);
        if (found === undefined) hasPrimary.set(s.code, (found = primaryOf(ctx.tables, s, services) !== undefined));
        if (found) continue;
        ctx.report({
          rule: 'addon-without-primary',
          ...codeSpan(s),
          data: { code: s.code, date: dateLabel(dates[0]), source: addOnSource(ctx.tables, s.code)!, cms: ctx.tables.reference.cmsPolicies.addOn.source },
          fixes: [{ title: `Remove ${s.code} (an add-on billed without its primary procedure)`, edits: [removeLineEdit(ctx.tree, s.line)] }],
          deniesLine: s.line,
        });
      }
    }
  },
});

export const addOnRules: Rule[] = [addonWithoutPrimary];
