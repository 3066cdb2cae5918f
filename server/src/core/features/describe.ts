// Shared wording for codes, money and estimates, used by hover, completion, lenses and the
// estimate view, so a figure reads the same everywhere.
import type { ClaimEstimate, DateEstimate, LineEstimate } from '../estimate/estimate';
import type { Tables } from '../tables';
import type { NumberOrNA, ProcedureListing, Setting } from '../tables/schema';
import { thousands } from '../strings';

export function money(n: number): string {
  const fixed = Math.abs(n).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}$${fixed}`;
}

/** A published allowable as the guide prints it: whole dollars, or NA. */
export function allowable(v: NumberOrNA): string {
  return v === 'NA' ? 'NA' : `$${thousands(v)}`;
}

export function rvu(v: NumberOrNA): string {
  return v === 'NA' ? 'NA' : v.toFixed(2);
}

export function settingName(s: Setting | undefined): string {
  return s === 'facility' ? 'facility' : s === 'nonFacility' ? 'non-facility' : 'unknown setting';
}

/** One line for completion details: RVUs and allowable in a setting. */
export function listingDetail(l: ProcedureListing, setting: Setting | undefined): string {
  const s = setting ?? 'nonFacility';
  const total = s === 'facility' ? l.facilityRvu : l.nonFacilityRvu;
  const amount = s === 'facility' ? l.facilityAllowable : l.nonFacilityAllowable;
  return `${settingName(s)} ${allowable(amount)} · ${rvu(total)} RVUs · work ${rvu(l.workRvu)}${l.requires26 ? ' · -26' : ''}`;
}

export function endnoteText(tables: Tables, id: string): string | undefined {
  return tables.guide.endnotes.find((e) => e.id === id)?.text;
}

const escapeMd = (s: string): string => s.replace(/([\\`*_{}[\]<>|])/g, '\\$1');
export { escapeMd };

export function dateEstimateMarkdown(d: DateEstimate): string {
  const rows = d.lines.map((l) => {
    const code = [l.code, ...l.modifiers].join('-') + (l.units > 1 ? ` x${l.units}` : '');
    const cut = l.adjustments.reduce((n, a) => n + a.amount, 0);
    const why = l.adjustments.map((a) => a.reason).join(' ') || (l.status === 'paid' ? 'Paid in full.' : '');
    return `| ${code} | ${money(l.base)} | ${cut ? `-${money(cut)}` : ''} | ${money(l.amount)} | ${escapeMd(why)} |`;
  });
  const blocks = d.blockLines.length > 1 ? ` · one date written in ${d.blockLines.length} blocks (lines ${d.blockLines.map((l) => l + 1).join(', ')})` : '';
  return [
    `**${escapeMd(d.label)}** · ${settingName(d.setting)}${d.pos ? ` (pos ${d.pos})` : ''} · estimated **${money(d.total)}**${blocks}`,
    '',
    '| Line | Base | Reduction | Amount | Why |',
    '|---|---:|---:|---:|---|',
    ...rows,
  ].join('\n');
}

export function claimEstimateMarkdown(c: ClaimEstimate): string {
  // A claim the estimate refused says so, never $0.00 (issue 13); its reason is its first note.
  const head = c.notEstimated !== undefined ? 'not estimated' : `estimated Medicare allowable ${money(c.total)}`;
  const parts = [`### ${escapeMd(c.name || 'Claim')}: ${head}`, ''];
  for (const d of c.dates) parts.push(dateEstimateMarkdown(d), '');
  for (const n of c.notes) parts.push(`_${escapeMd(n)}_`, '');
  return parts.join('\n');
}

export function lensTitle(d: { total: number; lines: DateEstimate['lines'] }): string {
  const cuts = { mppr: 0, denied: 0, intraOp: 0, modifiers: 0 };
  for (const l of d.lines) {
    for (const a of l.adjustments) {
      if (a.kind === 'denied') cuts.denied += a.amount;
      else if (a.kind === 'mppr-surgery' || a.kind === 'mppr-imaging') cuts.mppr += a.amount;
      else if (a.kind === 'intra-op') cuts.intraOp += a.amount;
      // -80/-AS, -62 shares (issue 22); the other side of an RT/LT pair is paid on its partner's line.
      else if ((a.kind === 'assistant' || a.kind === 'co-surgeon') && l.status !== 'not-payable') cuts.modifiers += a.amount;
    }
  }
  const notes = [
    cuts.mppr ? `MPPR -${money(cuts.mppr)}` : '',
    cuts.intraOp ? `-78 intra-op share -${money(cuts.intraOp)}` : '',
    cuts.modifiers ? `assistant/co-surgeon share -${money(cuts.modifiers)}` : '',
    cuts.denied ? `denied -${money(cuts.denied)}` : '',
  ].filter(Boolean);
  return `Est. allowable ${money(d.total)}${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

/**
 * How a line's amount was priced, in the words every view uses (issue 21): GPCI-adjusted for the
 * claim's locality, the drug's ASP limit, or national. A locally priced line never reads "national".
 */
export function priceBasisText(l: Pick<LineEstimate, 'basis'>, locality?: ClaimEstimate['locality']): string {
  if (l.basis === 'locality') return `Medicare allowable GPCI-adjusted for locality ${locality ? `${locality.id} (${locality.label})` : 'of the claim'}.`;
  if (l.basis === 'asp') return "ASP payment limit of the date's quarter (not geographically adjusted).";
  return 'National Medicare allowable (no geographic adjustment).';
}
