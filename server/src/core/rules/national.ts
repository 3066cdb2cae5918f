// Checks that need CMS's national files: medically unlikely edits (MUE) on units.
import type { ServiceModel } from '../model/model';
import { defineRule, type Rule } from './types';
import { codeSpan, span } from './util';

/** Other lines named as related information of one MUE finding. */
export const MAX_RELATED = 20;

const mue = defineRule({
  id: 'mue',
  family: 'national',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary: "Units over CMS's medically unlikely edit for the code (per line, or per date of service).",
  billing: true,
  scope: 'date',
  payment: 'denies',
  paymentNote: 'every line of the code over a per-date MUE; the line over a per-line MUE',
  paymentSource: "CMS's MUE file (its adjudication indicator)",
  checkClaim(claim, ctx) {
    const table = ctx.tables.national.mue;
    if (!table) return;
    for (const date of claim.dates) {
      // Lines by code in one pass (not a copied list per line): O(n) per date.
      const byCode = new Map<string, ServiceModel[]>();
      for (const s of date.services) {
        const list = byCode.get(s.code);
        if (list) list.push(s);
        else byCode.set(s.code, [s]);
      }
      for (const [code, lines] of byCode) {
        const entry = table.lookup(code);
        if (!entry) continue;
        const perDate = entry.adjudication !== 1;
        const groups = perDate ? [lines] : lines.map((l) => [l]);
        for (const group of groups) {
          let units = 0;
          for (const s of group) units += s.units;
          if (units <= entry.value) continue;
          // CMS denies the whole line over a per-line MUE, and every line of the code on the date
          // over a per-date MUE: each such line is reported and priced at $0. Each names at most
          // MAX_RELATED of the other lines (the message gives their number): all of them would make
          // n lines of one code n^2 related locations.
          const named = group.slice(0, MAX_RELATED + 1);
          for (const s of group) {
            ctx.report({
              rule: 'mue',
              ...(s.node.units ? span(s.line, s.node.units) : codeSpan(s)),
              data: { code, units, value: entry.value, perDate, lines: group.length, source: entry.source.label, rationale: entry.rationale },
              related: named.filter((o) => o !== s).slice(0, MAX_RELATED).map((o) => ({ ...codeSpan(o), label: `${code}, also counted for this date's MUE` })),
              deniesLine: s.line,
            });
          }
        }
      }
    }
  },
});

export const nationalRules: Rule[] = [mue];
