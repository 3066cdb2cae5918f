// Units and repeats: a procedure, a visit, the pump insertion or the refill is one service per
// date of service; drugs and supplies are priced per unit. Without CMS's MUE file these are the
// limits the tables can tell; with it, the `mue` check rules instead.
import type { Tables } from '../tables';
import { isAddOn } from './addon';
import { codeKind } from './modifier-fit';
import { defineRule, type Rule } from './types';
import { isNuclearMedicine, span } from './util';

/**
 * A service billed at most once per date, as far as the tables can tell without CMS's MUE file:
 * an E/M visit, a major surgery (the guide's endnote c, or 090 global days in the PFS file: the
 * pump insertion, revision and removal, the cholecystectomies, the hepatectomies), and the guide's
 * procedures outside surgery and imaging that are not add-ons (the 96522 refill). Drugs and
 * supplies are priced per unit; imaging, add-ons and codes outside the guide may have several
 * units, so they are left to the MUE file: when unsure, inform, do not deny.
 */
export function oncePerDate(tables: Tables, code: string): boolean {
  const kind = codeKind(tables, code);
  if (kind === 'visit') return true;
  const listings = tables.listings(code);
  if (kind === 'surgery') {
    if (listings.length > 0) return listings.some((l) => l.flags.includes('c'));
    return tables.national.rvu?.lookup(code)?.globalDays === '090';
  }
  return kind === 'procedure' && listings.length > 0 && !isAddOn(tables, code);
}

const KIND_NAME: Record<string, string> = { visit: 'an E/M visit', surgery: 'a surgical procedure', imaging: 'an imaging service', procedure: 'a procedure' };

const unitsImpossible = defineRule({
  id: 'units-impossible',
  family: 'services',
  defaultSeverity: 'error',
  severities: ['error'],
  summary:
    'Units above 1 for a service billed once per date (a visit, a major surgery such as the pump insertion, the refill) when no MUE file is loaded: the excess units are denied (CPT code descriptors; NCCI MUE policy). With the MUE file, the `mue` check rules.',
  billing: true,
  scope: 'date',
  payment: 'units',
  paymentNote: 'the units over 1',
  paymentSource: 'CPT code descriptors; NCCI MUE policy',
  checkClaim(claim, ctx) {
    if (ctx.tables.national.mue) return;
    for (const date of claim.dates) {
      for (const s of date.services) {
        // Nuclear medicine has its own per-date limit (nucmed-one), which reports its units.
        if (s.units <= 1 || !s.node.units || !oncePerDate(ctx.tables, s.code) || isNuclearMedicine(ctx.tables, s.code)) continue;
        const text = ctx.tree.texts[s.line] ?? '';
        let start = s.node.units.start;
        while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
        ctx.report({
          rule: 'units-impossible',
          ...span(s.line, s.node.units),
          data: { code: s.code, units: s.units, kind: KIND_NAME[codeKind(ctx.tables, s.code)] ?? 'a service', source: ctx.tables.reference.cmsPolicies.oncePerDate.source },
          fixes: [{ title: `Bill ${s.code} once (remove x${s.units})`, edits: [{ line: s.line, start, end: s.node.units.end, newText: '' }], preferred: true }],
          deniesLine: s.line,
          deniesUnits: s.units - 1,
        });
      }
    }
  },
});

export const unitRules: Rule[] = [unitsImpossible];
