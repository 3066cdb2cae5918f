// Checks that need CMS's national files: medically unlikely edits (MUE) on units.
import type { ServiceModel } from '../model/model';
import { defineRule, type Rule } from './types';
import { codeSpan, span } from './util';

const mue = defineRule({
  id: 'mue',
  family: 'national',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary: "Units over CMS's medically unlikely edit for the code (per line, or per date of service).",
  billing: true,
  checkClaim(claim, ctx) {
    const table = ctx.tables.national.mue;
    if (!table) return;
    for (const date of claim.dates) {
      const byCode = new Map<string, ServiceModel[]>();
      for (const s of date.services) byCode.set(s.code, [...(byCode.get(s.code) ?? []), s]);
      for (const [code, lines] of byCode) {
        const entry = table.lookup(code);
        if (!entry) continue;
        const perDate = entry.adjudication !== 1;
        const groups = perDate ? [lines] : lines.map((l) => [l]);
        for (const group of groups) {
          const units = group.reduce((n, s) => n + s.units, 0);
          if (units <= entry.value) continue;
          // CMS denies the whole line over a per-line MUE, and every line of the code on the date
          // over a per-date MUE: each such line is reported and priced at $0.
          for (const s of group) {
            ctx.report({
              rule: 'mue',
              ...(s.node.units ? span(s.line, s.node.units) : codeSpan(s)),
              data: { code, units, value: entry.value, perDate, lines: group.length, source: entry.source.label, rationale: entry.rationale },
              related: group.filter((o) => o !== s).map((o) => ({ ...codeSpan(o), label: `${code}, also counted for this date's MUE` })),
              deniesLine: s.line,
            });
          }
        }
      }
    }
  },
});

export const nationalRules: Rule[] = [mue];
