// Checks that need CMS's national files: medically unlikely edits (MUE) on units.
import type { ServiceModel } from '../model/model';
import type { Rule } from './types';
import { codeSpan, span } from './util';

const mue: Rule = {
  id: 'mue',
  family: 'national',
  defaultSeverity: 'warning',
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
          const last = group[group.length - 1];
          ctx.report({
            rule: 'mue',
            ...(last.node.units ? span(last.line, last.node.units) : codeSpan(last)),
            data: { code, units, value: entry.value, perDate, source: entry.source.label, rationale: entry.rationale },
          });
        }
      }
    }
  },
};

export const nationalRules: Rule[] = [mue];
