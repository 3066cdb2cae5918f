// A nonparticipating provider (haiClaims.participating false, issue 22): Medicare allows 95% of
// the fee schedule amount, and the provider may charge the patient at most the limiting charge,
// 115% of that. Both percentages and their sources are reference data (cmsPolicies.participation).
import type { Tables } from '../tables';
import type { LineEstimate } from './estimate';

const cents = (n: number): number => Math.round(n * 100) / 100;
const money = (n: number): string => `$${n.toFixed(2)}`;

/** Applies the nonparticipating amount to each paid line, in place, and sets its limiting charge. */
export function applyNonParticipation(lines: readonly LineEstimate[], tables: Tables): void {
  const { nonParticipatingPercent: allowed, limitingChargePercent: limit, source } = tables.reference.cmsPolicies.participation;
  for (const l of lines) {
    if ((l.status !== 'paid' && l.status !== 'reduced') || l.amount <= 0) continue;
    const full = cents(l.amount);
    const amount = cents((full * allowed) / 100);
    l.amount = amount;
    l.limitingCharge = cents((amount * limit) / 100);
    l.adjustments.push({
      kind: 'non-participating',
      amount: cents(full - amount),
      reason: `Nonparticipating provider: Medicare allows ${allowed}% of the fee schedule amount ${money(full)}, ${money(amount)}; the limiting charge (the most the patient may be charged on an unassigned claim) is ${limit}% of that, ${money(l.limitingCharge)} (${source}).`,
    });
  }
}
