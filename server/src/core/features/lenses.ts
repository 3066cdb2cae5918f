// Code lenses: the estimated allowable above each `on` line and each `claim` line.
import type { CodeLens } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { PLAN } from '../plan';
import { lensTitle, money } from './describe';

export const SHOW_ESTIMATE_COMMAND = 'haiClaims.showEstimate';

/**
 * The lenses of the first `max` claims (PLAN.lensClaims; only those are priced), then one lens that
 * says how many claims have none, so the answer on a file of 200,000 claims stays bounded (issue 23).
 */
export function getCodeLenses(analysis: Analysis, uri: string, max: number = PLAN.lensClaims): CodeLens[] {
  const lenses: CodeLens[] = [];
  const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 0 } });
  const all = analysis.model.claims;
  const count = Math.min(all.length, max);
  for (let i = 0; i < count; i++) {
    const claim = analysis.estimateOf(all[i].index);
    if (!claim) continue;
    if (claim.dates.length === 0) {
      if (claim.notes.length) lenses.push({ range: at(claim.line), command: { title: claim.notes[0], command: '' } });
      continue;
    }
    // The claim's lens says where it is priced: a locality by name, or `national` once locality data is loaded.
    const where = claim.locality ? ` · ${claim.locality.label}` : analysis.tables.national.gpci ? ' · national' : '';
    lenses.push({ range: at(claim.line), command: { title: `Claim estimate ${money(claim.total)}${where}`, command: SHOW_ESTIMATE_COMMAND, arguments: [uri] } });
    for (const d of claim.dates) {
      lenses.push({ range: at(d.line), command: { title: lensTitle(d), command: SHOW_ESTIMATE_COMMAND, arguments: [uri] } });
      // A date written in more blocks is one date with one total: the later blocks point at it.
      for (const b of d.blockLines.slice(1)) lenses.push({ range: at(b), command: { title: `Same date as line ${d.line + 1}: in its total ${money(d.total)}`, command: SHOW_ESTIMATE_COMMAND, arguments: [uri] } });
    }
  }
  if (count < all.length) {
    const title = `Estimate lenses shown for the first ${count} of ${all.length} claims: use Show Claim Estimate for the others`;
    lenses.push({ range: at(all[count].line), command: { title, command: SHOW_ESTIMATE_COMMAND, arguments: [uri] } });
  }
  return lenses;
}
