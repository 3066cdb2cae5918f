// An add-on code is paid only with a paid primary procedure (issue 22): when the primaries an
// add-on has on its date are all denied (by NCCI, telehealth, -GZ...), the add-on is denied too,
// and its reason names the primary. With CMS's add-on code file, only a type 1 add-on (paid only
// with its listed primaries) follows its primaries; types 2 and 3 are the contractor's call.
import type { DateModel, ServiceModel } from '../model/model';
import { isAddOn } from '../rules/addon';
import { aocVerdict } from '../rules/addon-aoc';
import { codeKind } from '../rules/modifier-fit';
import type { Tables } from '../tables';
import type { LineEstimate } from './estimate';

/**
 * The date's eligible primaries by kind (an E/M add-on's primary is a visit), as primaryOf in
 * rules/addon.ts: how many are billed, how many paid, and the first denied one. Counted once per
 * date, so each add-on asks in O(1) (a date may hold thousands of lines). Add-on codes are never
 * primaries, so an add-on's own code is never among them.
 */
interface Primaries {
  billed: number;
  paid: number;
  firstDenied: ServiceModel | undefined;
}

function primariesOf(tables: Tables, services: readonly ServiceModel[], denied: (s: ServiceModel) => boolean): Record<'visit' | 'procedure', Primaries> {
  const out = { visit: { billed: 0, paid: 0, firstDenied: undefined }, procedure: { billed: 0, paid: 0, firstDenied: undefined } } as Record<'visit' | 'procedure', Primaries>;
  for (const s of services) {
    const kind = codeKind(tables, s.code);
    if (kind === 'drug or supply' || kind === 'code' || isAddOn(tables, s.code)) continue;
    const p = out[kind === 'visit' ? 'visit' : 'procedure'];
    p.billed++;
    if (!denied(s)) p.paid++;
    else p.firstDenied ??= s;
  }
  return out;
}

/** The denied line that was the add-on's primary, when every primary it has on the date is denied. */
function deniedPrimary(tables: Tables, addOn: ServiceModel, date: { services: readonly ServiceModel[]; codes: readonly string[]; paidCodes: readonly string[]; day: number | undefined; primaries: Record<'visit' | 'procedure', Primaries> }): ServiceModel | undefined {
  const aoc = tables.national.addOn;
  if (aoc?.isAddOn(addOn.code)) {
    const candidate = (code: string) => codeKind(tables, code) !== 'drug or supply';
    // Billed as the file wants (else the addon-without-primary check has denied it or informed).
    if (aocVerdict(aoc, addOn.code, date.day, date.codes, candidate) !== undefined) return undefined;
    const v = aocVerdict(aoc, addOn.code, date.day, date.paidCodes, candidate);
    if (!v || v === 'not-listed' || v.type !== 1 || !v.denies) return undefined;
    return date.services.find((s) => s !== addOn && v.primaries.includes(s.code));
  }
  if (!isAddOn(tables, addOn.code)) return undefined;
  const p = date.primaries[codeKind(tables, addOn.code) === 'visit' ? 'visit' : 'procedure'];
  return p.billed > 0 && p.paid === 0 ? p.firstDenied : undefined;
}

/** Denies, in place, the add-ons of one date of service whose primaries are all denied. */
export function denyAddOnsOfDeniedPrimaries(dates: readonly DateModel[], services: readonly ServiceModel[], lines: ReadonlyMap<number, LineEstimate>, tables: Tables): void {
  const denied = (s: ServiceModel) => lines.get(s.line)?.status === 'denied';
  if (!services.some(denied)) return;
  const date = {
    services,
    codes: services.map((s) => s.code),
    paidCodes: services.filter((s) => !denied(s)).map((s) => s.code),
    day: dates[0].calendar ? dates[0].day : undefined,
    primaries: primariesOf(tables, services, denied),
  };
  const cms = tables.reference.cmsPolicies.addOn.source;
  for (const s of services) {
    const est = lines.get(s.line);
    if (!est || (est.status !== 'paid' && est.status !== 'reduced')) continue;
    const primary = deniedPrimary(tables, s, date);
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
