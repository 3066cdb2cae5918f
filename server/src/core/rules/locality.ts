// The claim's locality (issue 16): a `locality` not in the GPCI file, a `county` in no locality of
// the county file, a locality in another state than the claim's. Each leaves the claim priced
// nationally (or in the named locality, for a state mismatch) and says so.
import { claimLocality, localityStates, type LocalityProblem, type LocalityResolution } from '../model/locality';
import type { ClaimModel } from '../model/model';
import type { Tables } from '../tables';
import { defineRule, type Rule, type RuleData, type Span } from './types';
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

/**
 * The claim's locality as the estimate resolves it. With no `locality` or `county` line, only the
 * default setting's state mismatch is a finding (placed on the `state` line); the default's other
 * problems are the estimate's notes (the setting has no line to flag).
 */
function resolved(claim: ClaimModel, tables: Tables, defaultLocality: string | undefined): LocalityResolution | undefined {
  const r = claimLocality(claim, tables.national, defaultLocality);
  if (claim.locality || claim.county) return r;
  return { ...r, problems: r.problems.filter((p) => p.kind === 'default-state') };
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
    const r = resolved(claim, ctx.tables, ctx.defaultLocality);
    for (const p of r?.problems ?? []) {
      if (p.kind !== 'unknown-locality' && p.kind !== 'no-gpci-file' && p.kind !== 'gpci-conflict') continue;
      ctx.report({
        rule: 'unknown-locality',
        ...where(claim, p.on),
        severity: p.kind === 'no-gpci-file' ? 'information' : undefined,
        data: { reason: p.kind, locality: p.locality ?? claim.locality?.value, source: ctx.tables.national.gpci?.source.label },
      });
    }
  },
});

const COUNTY_PROBLEMS = new Set(['unknown-county', 'no-county-file', 'county-rest', 'county-ignored', 'county-city', 'county-conflict', 'county-excepted', 'county-incomplete']);
/** Said, not warned: the county is priced where the file puts it (or the file is missing: the check could not run). */
const COUNTY_INFORMATION = new Set(['no-county-file', 'county-rest', 'county-city']);

const unknownCounty = defineRule({
  id: 'unknown-county',
  family: 'national',
  defaultSeverity: 'warning',
  // Information for a county put in "all other counties" (right, or misspelt) and when the file is not loaded.
  severities: ['warning', 'information'],
  summary:
    "A `county` in no locality of CMS's locality-to-county file, or in two, or excepted and listed nowhere (priced nationally); a county beside a `locality` line that names another locality (the locality line prices); information for a county only \"all other counties\" covers, an independent city matched by its bare name, or when the file is not loaded.",
  billing: true,
  payment: 'none',
  checkClaim(claim, ctx) {
    const r = resolved(claim, ctx.tables, ctx.defaultLocality);
    for (const p of r?.problems ?? []) {
      if (!COUNTY_PROBLEMS.has(p.kind)) continue;
      const match = claim.county && ctx.tables.national.localities?.matchCounty(claim.county.state, claim.county.name);
      ctx.report({
        rule: 'unknown-county',
        ...where(claim, p.on),
        severity: COUNTY_INFORMATION.has(p.kind) ? 'information' : undefined,
        data: {
          reason: p.kind as RuleData['unknown-county']['reason'],
          countyState: claim.county?.state,
          resolved: r?.locality?.id,
          area: r?.locality?.area?.area,
          countyLocality: p.kind === 'county-ignored' && match && (match.kind === 'listed' || match.kind === 'rest') ? match.area.id : undefined,
          localities: match?.kind === 'conflict' ? match.areas.map((a) => a.id) : undefined,
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
  summary: "A locality (or county, or haiClaims.defaultLocality) in another state than the claim's `state`; a locality whose row spans states (DC, MD, VA) accepts each.",
  billing: true,
  payment: 'none',
  checkClaim(claim, ctx) {
    const r = resolved(claim, ctx.tables, ctx.defaultLocality);
    const loc = r?.locality;
    for (const p of r?.problems ?? []) {
      if ((p.kind !== 'locality-state' && p.kind !== 'default-state') || !loc) continue;
      ctx.report({
        rule: 'locality-state',
        ...where(claim, p.on),
        data: { resolved: loc.id, localityName: loc.label, localityState: [...localityStates(loc.gpci, ctx.tables.national)].join(', '), state: claim.state?.value ?? claim.county?.state ?? '', source: loc.gpci.source.label, default: p.kind === 'default-state' || undefined },
        related: claim.state ? [{ ...span(claim.state.line, claim.state.node.value ?? claim.state.node.keyword), label: "the claim's state" }] : undefined,
      });
    }
  },
});

export const localityRules: Rule[] = [unknownLocality, unknownCounty, localityState];
