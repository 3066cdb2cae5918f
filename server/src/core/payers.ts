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
  for (const payer of PAYERS) {
    if (payer.id === lower || payer.aliases.includes(lower)) return { payer, exact: false };
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
