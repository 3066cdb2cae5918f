// addon-without-primary: an add-on code billed without an eligible primary procedure on the same
// date of service. With CMS's NCCI add-on code edit file loaded, its edit types decide (see
// addon-aoc.ts); without it, the guide's add-on codes ("List separately in addition to code for
// primary procedure") and the PFS file's ZZZ global period are flagged only when billed with no
// other procedure on the date, since the guide does not list their primaries.
import type { ServiceModel } from '../model/model';
import type { Tables } from '../tables';
import { aocVerdict } from './addon-aoc';
import { defineRule, type Rule } from './types';
import { codeSpan, datesOfService } from './util';

const ADD_ON_TEXT = /list separately in addition to code for primary procedure/i;

/** An add-on code by the guide's description or the PFS file's global days (ZZZ). */
export function isGuideAddOn(tables: Tables, code: string): boolean {
  if (tables.listings(code).some((l) => ADD_ON_TEXT.test(l.description))) return true;
  return tables.national.rvu?.lookup(code)?.globalDays === 'ZZZ';
}

/** Drugs and supplies (HCPCS Level II) are not primary procedures. */
const isProcedure = (code: string): boolean => /^\d{4}[0-9T]$/.test(code);

const addonWithoutPrimary = defineRule({
  id: 'addon-without-primary',
  family: 'ncci',
  defaultSeverity: 'error',
  // Information: a type 3 add-on with a primary the file does not list (the contractor decides).
  severities: ['error', 'information'],
  summary: 'An add-on code billed without an eligible primary procedure on the same date (CMS NCCI add-on code edits when loaded).',
  billing: true,
  checkClaim(claim, ctx) {
    const aoc = ctx.tables.national.addOn;
    for (const group of datesOfService(claim)) {
      const codes = group.services.map((s) => s.code);
      const day = group.dates[0].calendar ? group.dates[0].day : undefined;
      const seen = new Set<ServiceModel>();
      for (const s of group.services) {
        if (seen.has(s)) continue;
        seen.add(s);
        const verdict = aoc ? aocVerdict(aoc, s.code, day, codes, isProcedure) : 'not-listed';
        if (verdict === undefined) continue;
        if (verdict !== 'not-listed') {
          ctx.report({
            rule: 'addon-without-primary',
            ...codeSpan(s),
            severity: verdict.severity === 'information' ? 'information' : undefined,
            data: { code: s.code, reason: verdict.reason, type: verdict.type, primaries: verdict.primaries.slice(0, 12), morePrimaries: Math.max(0, verdict.primaries.length - 12), others: verdict.others.slice(0, 6), source: verdict.source },
            deniesLine: verdict.denies ? s.line : undefined,
          });
          continue;
        }
        if (!isGuideAddOn(ctx.tables, s.code)) continue;
        const others = codes.filter((c) => c !== s.code && isProcedure(c) && !isGuideAddOn(ctx.tables, c));
        if (others.length > 0) continue;
        ctx.report({
          rule: 'addon-without-primary',
          ...codeSpan(s),
          data: { code: s.code, reason: 'alone-guide', source: ctx.tables.guideSource.label, aocLoaded: aoc !== undefined },
          deniesLine: s.line,
        });
      }
    }
  },
});

export const addOnRules: Rule[] = [addonWithoutPrimary];
