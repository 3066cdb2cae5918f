// Checks that need CMS's national files: medically unlikely edits (MUE) on units.
import type { DateModel, ServiceModel } from '../model/model';
import type { MueTable } from '../tables/national';
import { periodCovers } from '../tables/loaders/common';
import { defineRule, type Rule } from './types';
import { codeSpan, span } from './util';

/** Other lines named as related information of one MUE finding. */
export const MAX_RELATED = 20;

/**
 * Whether the MUE file applies on the date (issue 21): from its quarter's first day to the end of
 * its year; a file whose quarter is unknown applies to every date.
 */
export function mueInForce(table: MueTable, date: DateModel): boolean {
  return !table.period || date.day === undefined || !date.calendar || periodCovers(table.period, date.day);
}

const firstDay = (p: NonNullable<MueTable['period']>): string => `${p.year}-${String((p.quarter - 1) * 3 + 1).padStart(2, '0')}-01`;

const mue = defineRule({
  id: 'mue',
  family: 'national',
  defaultSeverity: 'warning',
  // Information for units over the MUE of a file not in force on the date: said, not denied.
  severities: ['warning', 'information'],
  summary: "Units over CMS's medically unlikely edit for the code (per line, or per date of service); information, not denied, when the MUE file loaded does not apply on the date of service.",
  billing: true,
  scope: 'date',
  payment: 'denies',
  paymentNote: 'every line of the code over a per-date MUE; the line over a per-line MUE',
  paymentSource: "CMS's MUE file (its adjudication indicator)",
  checkClaim(claim, ctx) {
    const table = ctx.tables.national.mue;
    if (!table) return;
    for (const date of claim.dates) {
      // A file of another period never denies: the excess is said (information), and units-impossible applies the guide's limits.
      const notInForce = mueInForce(table, date) ? undefined : firstDay(table.period!);
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
              severity: notInForce ? 'information' : undefined,
              data: { code, units, value: entry.value, perDate, lines: group.length, source: entry.source.label, rationale: entry.rationale, ...(notInForce ? { notInForce } : {}) },
              related: named.filter((o) => o !== s).slice(0, MAX_RELATED).map((o) => ({ ...codeSpan(o), label: `${code}, also counted for this date's MUE` })),
              deniesLine: notInForce ? undefined : s.line,
            });
          }
        }
      }
    }
  },
});

export const nationalRules: Rule[] = [mue];
