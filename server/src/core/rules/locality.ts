// The claim's locality (issue 16): a `locality` not in the GPCI file, a `county` in no locality of
// the county file, a locality in another state than the claim's. Each leaves the claim priced
// nationally (or in the named locality, for a state mismatch) and says so.
import { resolveLocality, type LocalityProblem, type LocalityResolution } from '../model/locality';
import type { ClaimModel } from '../model/model';
import type { Tables } from '../tables';
import { defineRule, type Rule, type Span } from './types';
import { span } from './util';

function where(claim: ClaimModel, on: LocalityProblem['on']): Span {
  if (on === 'locality' && claim.locality) return span(claim.locality.line, claim.locality.node.value ?? claim.locality.node.keyword);
  if (on === 'county' && claim.county) {
    const n = claim.county.node;
    return { line: claim.county.line, start: (n.value ?? n.keyword).start, end: (n.name ?? n.value ?? n.keyword).end };
  }
  if (on === 'state' && claim.state) return span(claim.state.line, claim.state.node.value ?? claim.state.node.keyword);
  return span(claim.line, claim.node.keyword);
}

/** The claim's own lines resolved (the default setting is the estimate's: it has no line to flag). */
function resolved(claim: ClaimModel, tables: Tables): LocalityResolution | undefined {
  if (!claim.locality && !claim.county) return undefined;
  return resolveLocality({ locality: claim.locality?.value, county: claim.county && { state: claim.county.state, name: claim.county.name }, state: claim.state?.value }, tables.national);
}

const unknownLocality = defineRule({
  id: 'unknown-locality',
  family: 'national',
  defaultSeverity: 'warning',
  // Information when the GPCI file is not loaded: the check could not run, and says so.
  severities: ['warning', 'information'],
  summary: "A `locality` that CMS's GPCI file does not list, so the claim is priced nationally (information when no GPCI file is loaded).",
  billing: true,
  payment: 'none',
  checkClaim(claim, ctx) {
    const r = resolved(claim, ctx.tables);
    for (const p of r?.problems ?? []) {
      if (p.kind !== 'unknown-locality' && p.kind !== 'no-gpci-file') continue;
      ctx.report({
        rule: 'unknown-locality',
        ...where(claim, p.on),
        severity: p.kind === 'no-gpci-file' ? 'information' : undefined,
        data: { reason: p.kind, locality: claim.locality?.value, source: ctx.tables.national.gpci?.source.label },
      });
    }
  },
});

const unknownCounty = defineRule({
  id: 'unknown-county',
  family: 'national',
  defaultSeverity: 'warning',
  // Information for a county put in "all other counties" (right, or misspelt) and when the file is not loaded.
  severities: ['warning', 'information'],
  summary: "A `county` in no locality of CMS's locality-to-county file (priced nationally); information for a county only \"all other counties\" covers, a county beside a `locality` line that says otherwise, or when the file is not loaded.",
  billing: true,
  payment: 'none',
  checkClaim(claim, ctx) {
    const r = resolved(claim, ctx.tables);
    for (const p of r?.problems ?? []) {
      if (p.kind !== 'unknown-county' && p.kind !== 'no-county-file' && p.kind !== 'county-rest' && p.kind !== 'county-ignored') continue;
      ctx.report({
        rule: 'unknown-county',
        ...where(claim, p.on),
        severity: p.kind === 'unknown-county' ? undefined : 'information',
        data: {
          reason: p.kind,
          countyState: claim.county?.state,
          resolved: r?.locality?.id,
          area: r?.locality?.area?.area,
          countyLocality: p.kind === 'county-ignored' && claim.county ? ctx.tables.national.localities?.resolveCounty(claim.county.state, claim.county.name)?.id : undefined,
          source: ctx.tables.national.localities?.source.label,
        },
      });
    }
  },
});

const localityState = defineRule({
  id: 'locality-state',
  family: 'national',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary: "A locality (or county) in another state than the claim's `state`.",
  billing: true,
  payment: 'none',
  checkClaim(claim, ctx) {
    const r = resolved(claim, ctx.tables);
    const loc = r?.locality;
    for (const p of r?.problems ?? []) {
      if (p.kind !== 'locality-state' || !loc) continue;
      ctx.report({
        rule: 'locality-state',
        ...where(claim, p.on),
        data: { resolved: loc.id, localityName: loc.label, localityState: loc.gpci.state, state: claim.state?.value ?? claim.county?.state ?? '', source: loc.gpci.source.label },
        related: claim.state ? [{ ...span(claim.state.line, claim.state.node.value ?? claim.state.node.keyword), label: "the claim's state" }] : undefined,
      });
    }
  },
});

export const localityRules: Rule[] = [unknownLocality, unknownCounty, localityState];
