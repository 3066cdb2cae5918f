// The payers the core knows: one entry per payer. The rule runner, the estimate, hover,
// completion and the unknown-payer check all read this table, so a second payer is one entry
// here (its tables, and whether billing checks and the estimate apply), not a literal in five files.
import type { ClaimModel } from './model/model';
import type { Tables } from './tables';

export interface Payer {
  /** The canonical spelling, as written in `payer ID` (lower case). */
  id: string;
  /** Other spellings that mean this payer (lower case). */
  aliases: readonly string[];
  /** The name shown to people: hover, notes. */
  displayName: string;
  /** Whether the billing rules (Rule.billing) run on its claims; structure rules always run. */
  billingChecks: boolean;
  /** Whether its claims are priced. */
  estimate: boolean;
  /** The tables its claims are checked and priced against, from the loaded ones (undefined: none). */
  tables(loaded: Tables): Tables | undefined;
  /** One line for hover: what applies to its claims. */
  hover: string;
  /** One line for completion. */
  completionDetail: string;
  /** The note the estimate adds to a priced claim: what its figures are. */
  estimateNote: string;
  /** Names that mean this payer beyond its id and aliases (`Humana Medicare Advantage`), matched in any case. */
  pattern?: RegExp;
  /** When the payer pays by its own contract, not the fee schedule: the note every estimate of its claims carries. */
  contractNote?: string;
}

export const PAYERS: readonly Payer[] = [
  {
    id: 'medicare',
    aliases: [],
    displayName: 'Medicare',
    billingChecks: true,
    estimate: true,
    // The CY2026 guide is Medicare's fee schedule; national CMS files, when loaded, are too.
    tables: (loaded) => loaded,
    hover: "the CY2026 guide's tables and checks apply",
    completionDetail: 'the only payer with tables in v1',
    estimateNote: 'National Medicare allowables (no geographic adjustment).',
  },
  {
    // Issue 22: a Medicare Advantage (Part C) plan follows Medicare's coding rules, so its claims
    // get Medicare's checks; it pays what its contract says, which the estimate says on every claim.
    id: 'medicare advantage',
    aliases: ['medicare-advantage', 'ma', 'mapd', 'part c', 'medicare part c'],
    pattern: /\bmedicare\s+advantage\b|\bmedicare\s+part\s+c\b|\bmapd\b/i,
    displayName: 'Medicare Advantage',
    billingChecks: true,
    estimate: true,
    tables: (loaded) => loaded,
    hover: "checked as Medicare (the CY2026 guide's tables and checks); the amounts shown are Medicare's fee schedule, and the plan pays what its contract says",
    completionDetail: 'a Medicare Advantage (Part C) plan: checked as Medicare',
    estimateNote: 'National Medicare allowables (no geographic adjustment).',
    contractNote:
      "Medicare Advantage: the claim is checked as Medicare, but the plan pays what its contract with you says, not the fee schedule; the amounts are Medicare's, for reference (Medicare Managed Care Manual, Pub. 100-16; 42 CFR Part 422).",
  },
];

/** A claim with no payer line is checked as this payer's (the unknown-payer check says so). */
export const DEFAULT_PAYER: Payer = PAYERS[0];

/**
 * The payer a written name means, matched without regard to case. `exact` is false when the
 * spelling differs from the canonical one or an alias only in case (`Medicare`).
 */
export function lookupPayer(name: string): { payer: Payer; exact: boolean } | undefined {
  const lower = name.toLowerCase();
  for (const payer of PAYERS) {
    if (payer.id === name || payer.aliases.includes(name)) return { payer, exact: true };
  }
  // Blanks between words do not matter: `payer Medicare  Advantage` is Medicare Advantage.
  const words = lower.trim().split(/\s+/).join(' ');
  for (const payer of PAYERS) {
    if (payer.id === words || payer.aliases.includes(words)) return { payer, exact: false };
  }
  // A plan's own name (`Humana Medicare Advantage`) is read as meant, with no spelling hint.
  for (const payer of PAYERS) {
    if (payer.pattern?.test(name)) return { payer, exact: true };
  }
  return undefined;
}

/**
 * The payer whose rules apply to a written payer name, in any case (`payer Medicare` is Medicare:
 * reading it as unknown would skip every billing check silently, issue 13); undefined for a payer
 * the core has no entry for. A spelling other than the canonical one gets a `spelling` hint.
 */
export function payerNamed(name: string): Payer | undefined {
  return lookupPayer(name)?.payer;
}

/** The payer whose rules apply to a claim: its payer line's, or the default when it has none. */
export function payerOf(claim: Pick<ClaimModel, 'payer'>): Payer | undefined {
  return claim.payer ? payerNamed(claim.payer.value) : DEFAULT_PAYER;
}

/** The names of the payers whose claims are priced, for notes ("Medicare only"). */
export function pricedPayerNames(): string {
  return PAYERS.filter((p) => p.estimate).map((p) => p.displayName).join(', ');
}
