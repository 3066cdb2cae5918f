// The OPPS cap on non-facility imaging (issue 21): the technical component of an imaging service
// (the -TC line, or the global line, which includes it) furnished in an office is paid at the
// lesser of its PFS amount and the OPPS payment for the service in the locality (Social Security
// Act section 1848(b)(4), added by the Deficit Reduction Act of 2005, section 5102(b); CMS
// publishes the capped amounts per contractor and locality in the OPPSCAP file of each PFS
// release). MACs compare the amount after the imaging multiple procedure reduction with the cap,
// so this runs after MPPR. Pure; a row the file cannot settle leaves the line unpriced, with why.
import type { DateModel } from '../model/model';
import type { Tables } from '../tables';
import type { OppsCapTable } from '../tables/national';
import { periodCovers } from '../tables/loaders/common';
import { dateCoverageText } from '../rules/messages';
import type { DateEstimate } from './estimate';
import type { ResolvedLocality } from './locality';

const cents = (n: number): number => Math.round(n * 100) / 100;

export const OPPS_CAP_SOURCE = 'Social Security Act section 1848(b)(4) (Deficit Reduction Act of 2005, section 5102(b))';

const MONTH = ['', 'January', 'April', 'July', 'October'];
const periodText = (p: NonNullable<OppsCapTable['period']>): string => `1 ${MONTH[p.quarter]} ${p.year}`;

/** Whether the cap file's period covers the date, as the PFS release it ships in does; a file whose period is unknown serves any date. */
function capCovers(period: OppsCapTable['period'], date: DateModel): boolean {
  return !period || date.day === undefined || !date.calendar || periodCovers(period, date.day);
}

/** Lowers each capped line of a non-facility date to the locality's OPPS cap, as a reduction with its reason. */
export function applyOppsCap(estimate: DateEstimate, date: DateModel, tables: Tables, locality: ResolvedLocality | undefined): void {
  const cap = tables.national.oppsCap;
  if (!cap || !locality || date.setting !== 'nonFacility') return;
  const covered = capCovers(cap.period, date);
  for (const l of estimate.lines) {
    if ((l.status !== 'paid' && l.status !== 'reduced') || l.modifiers.includes('26')) continue;
    const modifier = l.modifiers.includes('TC') ? 'TC' : '';
    const entry = cap.lookup(l.code, modifier, locality.id);
    if (!entry) continue;
    const what = `${l.code}${modifier ? '-TC' : ''}`;
    if (!covered) {
      // Said on the line, never silent: the cap of another period is not applied to this date (issue 21).
      l.adjustments.push({ kind: 'opps-cap', amount: 0, reason: dateCoverageText.oppsCap(what, cap.source.label, periodText(cap.period!), date.iso ?? '', OPPS_CAP_SOURCE) });
      continue;
    }
    if (entry.refused) {
      l.adjustments.push({ kind: 'unpriced', amount: l.amount, reason: `Not priced: ${entry.source.label}: ${entry.refused}, so the OPPS cap on ${what} in ${locality.id} cannot be applied (${OPPS_CAP_SOURCE}).` });
      l.amount = 0;
      l.status = 'unpriced';
      continue;
    }
    const units = l.units - (l.deniedUnits ?? 0);
    const limit = cents(entry.nonFacility * units);
    if (limit >= l.amount) continue;
    const cut = cents(l.amount - limit);
    l.adjustments.push({
      kind: 'opps-cap',
      amount: cut,
      reason: `OPPS cap: non-facility imaging is paid at the lesser of the PFS amount and the OPPS amount; ${what} in locality ${locality.id} is capped at $${entry.nonFacility.toFixed(2)}${units === 1 ? '' : ` x ${units}`} (${entry.source.label}; ${OPPS_CAP_SOURCE}).`,
    });
    l.amount = limit;
    l.status = 'reduced';
  }
}
