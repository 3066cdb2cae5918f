// Code lenses: the estimated allowable above each `on` line and each `claim` line.
import type { CodeLens } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { lensTitle, money } from './describe';

export const SHOW_ESTIMATE_COMMAND = 'haiClaims.showEstimate';

export function getCodeLenses(analysis: Analysis, uri: string): CodeLens[] {
  const lenses: CodeLens[] = [];
  const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 0 } });
  for (const claim of analysis.estimate()) {
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
  return lenses;
}
