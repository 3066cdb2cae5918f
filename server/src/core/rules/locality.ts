// The claim's locality (issue 16): a `locality` not in the GPCI file, a `county` in no locality of
// the county file, a locality in another state than the claim's. Each leaves the claim priced
// nationally (or in the named locality, for a state mismatch) and says so.
import { resolveLocality } from '../estimate/locality';
import type { ClaimModel } from '../model/model';
import type { Rule, RuleContext, Span } from './types';
import { span } from './util';

function where(claim: ClaimModel, on: 'locality' | 'county' | 'default' | 'state'): Span {
  if (on === 'locality' && claim.locality) return span(claim.locality.line, claim.locality.node.value ?? claim.locality.node.keyword);
  if (on === 'county' && claim.county) {
    const n = claim.county.node;
    return { line: claim.county.line, start: (n.value ?? n.keyword).start, end: (n.name ?? n.value ?? n.keyword).end };
  }
  if (on === 'state' && claim.state) return span(claim.state.line, claim.state.node.value ?? claim.state.node.keyword);
  return span(claim.line, claim.node.keyword);
}

function check(claim: ClaimModel, ctx: RuleContext, rule: 'unknown-locality' | 'unknown-county' | 'locality-state'): void {
  if (!claim.locality && !claim.county) return;
  const national = ctx.tables.national;
  const r = resolveLocality({ locality: claim.locality?.value, county: claim.county && { state: claim.county.state, name: claim.county.name }, state: claim.state?.value }, national);
  for (const p of r.problems) {
    const id = p.kind === 'no-gpci-file' ? 'unknown-locality' : p.kind === 'no-county-file' || p.kind === 'county-rest' ? 'unknown-county' : p.kind;
    if (id !== rule) continue;
    const file = id === 'unknown-county' ? national.localities?.source.label : national.gpci?.source.label;
    const loc = r.locality;
    ctx.report({
      rule,
      ...where(claim, p.on),
      // A check that cannot run for lack of its file informs; it does not warn.
      // A county put in "all other counties" informs: it may be right, or a misspelling.
      severity: p.kind === 'no-gpci-file' || p.kind === 'no-county-file' || p.kind === 'county-rest' ? 'information' : undefined,
      data: {
        reason: p.kind,
        locality: claim.locality?.value,
        countyState: claim.county?.state,
        resolved: loc?.id,
        localityName: loc?.label,
        localityState: loc?.gpci.state,
        area: loc?.area?.area,
        state: claim.state?.value,
        source: file,
      },
      related: p.kind === 'locality-state' && claim.state ? [{ ...span(claim.state.line, claim.state.node.value ?? claim.state.node.keyword), label: "the claim's state" }] : undefined,
    });
  }
}

const unknownLocality: Rule = {
  id: 'unknown-locality',
  family: 'national',
  defaultSeverity: 'warning',
  summary: "A `locality` that CMS's GPCI file does not list (the claim is priced nationally).",
  billing: true,
  checkClaim: (claim, ctx) => check(claim, ctx, 'unknown-locality'),
};

const unknownCounty: Rule = {
  id: 'unknown-county',
  family: 'national',
  defaultSeverity: 'warning',
  summary: "A `county` in no locality of CMS's locality-to-county file (the claim is priced nationally).",
  billing: true,
  checkClaim: (claim, ctx) => check(claim, ctx, 'unknown-county'),
};

const localityState: Rule = {
  id: 'locality-state',
  family: 'national',
  defaultSeverity: 'warning',
  summary: "A locality (or county) in another state than the claim's `state`.",
  billing: true,
  checkClaim: (claim, ctx) => check(claim, ctx, 'locality-state'),
};

export const localityRules: Rule[] = [unknownLocality, unknownCounty, localityState];
