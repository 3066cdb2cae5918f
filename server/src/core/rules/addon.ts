// Add-on codes: a code the guide describes "List separately in addition to code for primary
// procedure" (CPT's add-on convention), or with the PFS file, global days ZZZ, is paid only with
// an eligible primary procedure on the same date of service. The primary look-up is one small
// function (`primaryOf`); with CMS's NCCI add-on code edit file loaded (issue 16), the file's edit
// types decide for the codes it lists (addon-aoc.ts): type 1 only the listed primaries, type 2
// any primary (flagged only alone on its date), type 3 the listed primaries or information.
import type { ServiceModel } from '../model/model';
import type { Tables } from '../tables';
import { aocVerdict } from './addon-aoc';
import { codeKind } from './modifier-fit';
import { defineRule, type Rule } from './types';
import { codeSpan, datesOfService, dateLabel, perCode, removeLineEdit } from './util';

const ADD_ON_TEXT = /list separately in addition to code for primary procedure/i;

/** Where the tables say a code is an add-on: the guide's description, else the PFS file's ZZZ global days. */
export const addOnSource = perCode((tables: Tables, code: string): string | undefined => {
  if (tables.listings(code).some((l) => ADD_ON_TEXT.test(l.description))) return tables.guideSource.label;
  const row = tables.national.rvu?.lookup(code);
  return row?.globalDays === 'ZZZ' ? row.source.label : undefined;
});

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
  // Information: a type 3 add-on (AOC file) with a primary the file does not list (the contractor decides).
  severities: ['error', 'information'],
  summary:
    'An add-on code (the guide\'s "List separately in addition to code for primary procedure"; PFS global days ZZZ; CMS\'s NCCI add-on code edit file when loaded, by its edit types 1-3 and dates) without an eligible primary procedure on the same date: the line is denied (information for a type 3 add-on with an unlisted primary).',
  billing: true,
  scope: 'date',
  payment: 'denies',
  paymentNote: 'the add-on (not a type 3 add-on with an unlisted primary, which is information)',
  paymentSource: "CPT add-on codes; NCCI add-on code edits (CMS's AOC file when loaded)",
  checkClaim(claim, ctx) {
    const aoc = ctx.tables.national.addOn;
    // Linear in the date's lines: one scan for the primaries, shared by the date's add-ons.
    for (const { dates, services } of datesOfService(claim)) {
      // The add-ons the AOC file decided (none without it).
      const decided = aoc ? new Set<ServiceModel>() : undefined;
      if (aoc && decided) {
        const day = dates[0].calendar ? dates[0].day : undefined;
        const codes = services.map((s) => s.code);
        // Drugs and supplies are never the primary procedure.
        const candidate = (code: string) => codeKind(ctx.tables, code) !== 'drug or supply';
        for (const s of services) {
          const v = aocVerdict(aoc, s.code, day, codes, candidate);
          if (v === 'not-listed') continue;
          decided.add(s);
          if (!v) continue;
          ctx.report({
            rule: 'addon-without-primary',
            ...codeSpan(s),
            severity: v.severity === 'information' ? 'information' : undefined,
            data: { aoc: v.reason, code: s.code, date: dateLabel(dates[0]), type: v.type, primaries: v.primaries.slice(0, 12), morePrimaries: Math.max(0, v.primaries.length - 12), others: v.others.slice(0, 6), source: v.source },
            fixes: v.denies ? [{ title: `Remove ${s.code} (an add-on billed without its primary procedure)`, edits: [removeLineEdit(ctx.tree, s.line)] }] : undefined,
            deniesLine: v.denies ? s.line : undefined,
          });
        }
      }
      for (const s of services) {
        if (decided?.has(s) || !isAddOn(ctx.tables, s.code) || primaryOf(ctx.tables, s, services)) continue;
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
