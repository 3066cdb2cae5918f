// The claim's locality (issue 16): a `locality` not in the GPCI file, a `county` in no locality of
// the county file, a locality in another state than the claim's. Each leaves the claim priced
// nationally (or in the named locality, for a state mismatch) and says so. The locality is the
// model's (`claim.resolvedLocality`, resolved once by the model builder); its problems are kinds
// and data, worded here through messages.ts only: the findings and the estimate's notes alike.
import { localityStates, type LocalityProblem, type LocalityResolution } from '../model/locality';
import type { ClaimModel } from '../model/model';
import type { Tables } from '../tables';
import { messageOf, nationalBecauseText } from './messages';
import { defineRule, type Finding, type Rule, type RuleData, type Span } from './types';
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

/** A locality problem as the finding that says it: its rule, data and severity (undefined: the rule's default). */
export type LocalityFinding =
  | { rule: 'unknown-locality'; data: RuleData['unknown-locality']; severity?: 'information' }
  | { rule: 'unknown-county'; data: RuleData['unknown-county']; severity?: 'information' }
  | { rule: 'locality-state'; data: RuleData['locality-state']; severity?: undefined };

const UNKNOWN_LOCALITY = new Set(['unknown-locality', 'no-gpci-file', 'gpci-conflict']);
/** Said, not warned: the county is priced where the file puts it (or the file is missing: the check could not run). */
const COUNTY_INFORMATION = new Set(['no-county-file', 'county-rest', 'county-city']);

/** The finding that says a locality problem: one wording (messages.ts) for the rules and the estimate's notes. */
export function localityFinding(claim: Pick<ClaimModel, 'county' | 'state' | 'resolvedLocality'>, p: LocalityProblem, tables: Pick<Tables, 'national'>): LocalityFinding {
  const national = tables.national;
  const r = claim.resolvedLocality;
  if (UNKNOWN_LOCALITY.has(p.kind)) {
    return {
      rule: 'unknown-locality',
      severity: p.kind === 'no-gpci-file' ? 'information' : undefined,
      data: { reason: p.kind as RuleData['unknown-locality']['reason'], locality: p.locality, source: national.gpci?.source.label, default: p.on === 'default' || undefined },
    };
  }
  if (p.kind === 'locality-state' || p.kind === 'default-state') {
    const loc = r.locality!;
    return {
      rule: 'locality-state',
      data: { resolved: loc.id, localityName: loc.label, localityState: [...localityStates(loc.gpci, national)].join(', '), state: claim.state?.value ?? claim.county?.state ?? '', source: loc.gpci.source.label, default: p.kind === 'default-state' || undefined },
    };
  }
  return {
    rule: 'unknown-county',
    severity: COUNTY_INFORMATION.has(p.kind) ? 'information' : undefined,
    data: {
      reason: p.kind as RuleData['unknown-county']['reason'],
      countyState: claim.county?.state,
      resolved: r.locality?.id ?? (p.kind === 'county-ignored' ? p.locality : undefined),
      area: r.locality?.area?.area,
      countyLocality: p.countyLocality,
      localities: p.localities && [...p.localities],
      source: national.localities?.source.label,
    },
  };
}

/** The words of each of the claim's locality problems, for the estimate's notes: the findings' own messages. */
export function localityProblemTexts(claim: Pick<ClaimModel, 'county' | 'state' | 'resolvedLocality'>, tables: Pick<Tables, 'national'>): string[] {
  return claim.resolvedLocality.problems.map((p) => messageOf(localityFinding(claim, p, tables)));
}

/** Why the claim's amounts are national, in messages.ts's words; undefined when it has a locality. */
export function nationalText(claim: Pick<ClaimModel, 'county' | 'resolvedLocality'>, tables: Pick<Tables, 'national'>): string | undefined {
  const r = claim.resolvedLocality;
  if (!r.national) return undefined;
  const p = r.problems.find((x) => x.kind === r.national);
  return nationalBecauseText(r.national, {
    locality: p?.locality,
    countyState: claim.county?.state,
    localities: p?.localities,
    gpci: tables.national.gpci?.source.label,
    counties: tables.national.localities?.source.label,
  });
}

/**
 * The claim's locality problems that are findings. With no `locality` or `county` line, only the
 * default setting's state mismatch is one (placed on the `state` line); the default's other
 * problems are the estimate's notes (the setting has no line to flag).
 */
function findingsOf(claim: ClaimModel): LocalityProblem[] {
  const r: LocalityResolution = claim.resolvedLocality;
  if (claim.locality || claim.county) return r.problems;
  return r.problems.filter((p) => p.kind === 'default-state');
}

/** The claim's findings of one locality rule, each with where it goes. */
function findingsFor<R extends LocalityFinding['rule']>(claim: ClaimModel, tables: Pick<Tables, 'national'>, rule: R): { f: Extract<LocalityFinding, { rule: R }>; at: Span }[] {
  const out: { f: Extract<LocalityFinding, { rule: R }>; at: Span }[] = [];
  for (const p of findingsOf(claim)) {
    const f = localityFinding(claim, p, tables);
    if (f.rule === rule) out.push({ f: f as Extract<LocalityFinding, { rule: R }>, at: where(claim, p.on) });
  }
  return out;
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
    for (const { f, at } of findingsFor(claim, ctx.tables, 'unknown-locality')) ctx.report({ rule: 'unknown-locality', ...at, severity: f.severity, data: f.data });
  },
});

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
    for (const { f, at } of findingsFor(claim, ctx.tables, 'unknown-county')) ctx.report({ rule: 'unknown-county', ...at, severity: f.severity, data: f.data });
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
    let related: Finding['related'];
    for (const { f, at } of findingsFor(claim, ctx.tables, 'locality-state')) {
      related ??= claim.state ? [{ ...span(claim.state.line, claim.state.node.value ?? claim.state.node.keyword), label: "the claim's state" }] : undefined;
      ctx.report({ rule: 'locality-state', ...at, data: f.data, related });
    }
  },
});

export const localityRules: Rule[] = [unknownLocality, unknownCounty, localityState];
