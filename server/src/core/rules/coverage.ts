// Coverage rules: the guide's HAI diagnosis list, the LCA that covers its italic codes, and the
// year the tables price.
import { defineRule, type Rule } from './types';
import { codeSpan, dateLabel, span } from './util';

const dxNotListed = defineRule({
  id: 'dx-not-listed',
  family: 'coverage',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary: "A claim with none of the guide's HAI diagnoses, a pointed diagnosis the guide does not list, or a service line that points only at such diagnoses.",
  billing: true,
  payment: 'none',
  checkClaim(claim, ctx) {
    const source = ctx.tables.guideSource.label;
    if (claim.diagnoses.length === 0) {
      ctx.report({ rule: 'dx-not-listed', ...span(claim.line, claim.node.name ?? claim.node.keyword), data: { reason: 'no-dx', source } });
      return;
    }
    if (!claim.diagnoses.some((d) => d.info)) {
      const first = claim.diagnoses[0];
      ctx.report({
        rule: 'dx-not-listed',
        ...span(first.line, first.node.value ?? first.node.keyword),
        data: { reason: 'none-listed', code: first.code, count: claim.diagnoses.length, source },
      });
      return;
    }
    // Indexed loops over every line of the claim: no iterator objects on each keystroke.
    const pointed = new Set<string>();
    const dates = claim.dates;
    for (let i = 0; i < dates.length; i++) {
      const services = dates[i].services;
      for (let k = 0; k < services.length; k++) {
        const pointers = services[k].pointers;
        for (let j = 0; j < pointers.length; j++) pointed.add(pointers[j]);
      }
    }
    for (const dx of claim.diagnoses) {
      if (dx.info || !dx.letter || !pointed.has(dx.letter) || !dx.node.value) continue;
      ctx.report({ rule: 'dx-not-listed', ...span(dx.line, dx.node.value), data: { reason: 'pointed', code: dx.code, letter: dx.letter, source } });
    }
    // A service line whose pointers cite only unlisted diagnoses: the claim has a listed one, but
    // this service is not tied to it (e.g. a refill pointing only at Z45.1).
    const byLetter = new Map(claim.diagnoses.filter((d) => d.letter).map((d) => [d.letter!, d]));
    const listed = claim.diagnoses.find((dx) => dx.info && dx.letter);
    // A loop per line, no array: this runs over every line of a claim of tens of thousands.
    const citesOnlyUnlisted = (pointers: readonly string[]) => {
      for (let j = 0; j < pointers.length; j++) {
        const dx = byLetter.get(pointers[j]);
        if (!dx || dx.info) return false;
      }
      return true;
    };
    for (let i = 0; i < dates.length; i++) {
      const services = dates[i].services;
      for (let k = 0; k < services.length; k++) {
        const s = services[k];
        // A pointer to a missing diagnosis is bad-pointer's; nothing pointed is no-pointer's.
        if (s.pointers.length === 0 || !citesOnlyUnlisted(s.pointers)) continue;
        ctx.report({
          rule: 'dx-not-listed',
          ...codeSpan(s),
          data: { reason: 'service', code: s.code, pointers: s.pointers, listed: listed?.letter ?? '', source },
          // A line holds at most 4 pointers: no fix that would add a fifth.
          fixes: listed?.letter && s.node.pointers.length < 4 ? [{ title: `Point ${s.code} at ${listed.letter} (${listed.code}) as well`, edits: [{ line: s.line, start: s.node.pointers[s.node.pointers.length - 1].end, end: s.node.pointers[s.node.pointers.length - 1].end, newText: `,${listed.letter}` }] }] : undefined,
        });
      }
    }
  },
});

const dxJurisdiction = defineRule({
  id: 'dx-jurisdiction',
  family: 'coverage',
  defaultSeverity: 'warning',
  severities: ['warning', 'information'],
  summary: 'An italic (LCA A56695 only) diagnosis on a claim whose state is outside jurisdictions J and M.',
  billing: true,
  payment: 'none',
  checkClaim(claim, ctx) {
    const lca = ctx.tables.guide.diagnosisNotes.lca;
    for (const dx of claim.diagnoses) {
      if (!dx.info?.italic || !dx.node.value) continue;
      const state = claim.state?.value;
      if (state && lca.states.includes(state)) continue;
      ctx.report({
        rule: 'dx-jurisdiction',
        ...span(dx.line, dx.node.value),
        severity: state ? undefined : 'information',
        data: {
          code: dx.code,
          state,
          lca: lca.id,
          contractor: lca.contractor,
          jurisdictions: lca.jurisdictions,
          states: lca.states,
          source: ctx.tables.guideSource.label,
        },
        related: claim.state?.node.value ? [{ ...span(claim.state.line, claim.state.node.value), label: `the claim's state, ${state}` }] : undefined,
      });
    }
  },
});

const dosYear = defineRule({
  id: 'dos-year',
  family: 'coverage',
  defaultSeverity: 'warning',
  severities: ['warning', 'hint'],
  summary: 'A date of service outside 2026, the year these tables price.',
  billing: true,
  payment: 'none',
  checkClaim(claim, ctx) {
    const { effectiveFrom, effectiveTo, year } = ctx.tables.guide.meta;
    let reportedRelative = false;
    for (const d of claim.dates) {
      const tok = d.node.date ?? d.node.dayNumber;
      if (!tok) continue;
      if (!d.calendar) {
        // `day N` with no `start`: the year cannot be known; say so once per claim.
        if (!reportedRelative && d.day !== undefined) {
          reportedRelative = true;
          ctx.report({ rule: 'dos-year', line: d.line, start: d.node.dayKeyword?.start ?? tok.start, end: tok.end, severity: 'hint', data: { reason: 'relative', year, source: ctx.tables.guideSource.label } });
        }
        continue;
      }
      if (!d.iso || (d.iso >= effectiveFrom && d.iso <= effectiveTo)) continue;
      ctx.report({
        rule: 'dos-year',
        ...(d.node.date ? span(d.line, d.node.date) : { line: d.line, start: d.node.dayKeyword!.start, end: tok.end }),
        data: { date: dateLabel(d), year, from: effectiveFrom, to: effectiveTo, source: ctx.tables.guideSource.label },
      });
    }
  },
});

export const coverageRules: Rule[] = [dxNotListed, dxJurisdiction, dosYear];
