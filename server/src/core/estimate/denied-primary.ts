// An add-on code is paid only with a paid primary procedure (issue 22): when the primaries an
// add-on has on its date are all denied (by NCCI, telehealth, -GZ...), the add-on is denied too,
// and its reason names the primary. With CMS's add-on code file, only a type 1 add-on (paid only
// with its listed primaries) follows its primaries; types 2 and 3 are the contractor's call.
import type { DateModel, ServiceModel } from '../model/model';
import { isAddOn, primaryOf } from '../rules/addon';
import { aocVerdict } from '../rules/addon-aoc';
import { codeKind } from '../rules/modifier-fit';
import type { Tables } from '../tables';
import type { LineEstimate } from './estimate';

/** The denied line that was the add-on's primary, when every primary it has on the date is denied. */
function deniedPrimary(tables: Tables, addOn: ServiceModel, services: readonly ServiceModel[], paid: readonly ServiceModel[], day: number | undefined): ServiceModel | undefined {
  const aoc = tables.national.addOn;
  if (aoc?.isAddOn(addOn.code)) {
    const candidate = (code: string) => codeKind(tables, code) !== 'drug or supply';
    // Billed as the file wants (else the addon-without-primary check has denied it or informed).
    if (aocVerdict(aoc, addOn.code, day, services.map((s) => s.code), candidate) !== undefined) return undefined;
    const v = aocVerdict(aoc, addOn.code, day, paid.map((s) => s.code), candidate);
    if (!v || v === 'not-listed' || v.type !== 1 || !v.denies) return undefined;
    return services.find((s) => s !== addOn && v.primaries.includes(s.code));
  }
  if (!isAddOn(tables, addOn.code)) return undefined;
  const primary = primaryOf(tables, addOn, services);
  return primary && !primaryOf(tables, addOn, paid) ? primary : undefined;
}

/** Denies, in place, the add-ons of one date of service whose primaries are all denied. */
export function denyAddOnsOfDeniedPrimaries(dates: readonly DateModel[], services: readonly ServiceModel[], lines: ReadonlyMap<number, LineEstimate>, tables: Tables): void {
  const denied = (s: ServiceModel) => lines.get(s.line)?.status === 'denied';
  if (!services.some(denied)) return;
  const paid = services.filter((s) => !denied(s));
  const day = dates[0].calendar ? dates[0].day : undefined;
  const cms = tables.reference.cmsPolicies.addOn.source;
  for (const s of services) {
    const est = lines.get(s.line);
    if (!est || (est.status !== 'paid' && est.status !== 'reduced')) continue;
    const primary = deniedPrimary(tables, s, services, paid, day);
    if (!primary) continue;
    est.adjustments.push({
      kind: 'denied',
      amount: est.amount,
      reason: `Denied: ${s.code} is an add-on code, paid only with a paid primary procedure (${cms}), and its primary on this date, ${primary.code} (line ${primary.line + 1}), is denied.`,
    });
    est.amount = 0;
    est.status = 'denied';
  }
}
