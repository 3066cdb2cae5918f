// The answers a request gives while the checks of its document are still running (issue 23): a
// document the check worker holds whose findings of the current version have not come within
// PLAN.findingsWaitMs, or one checked in steps on the server's thread whose check has not ended by
// then (it has no model before: `model` undefined, and the answers say only that it is being
// checked). They are read from the tree and model only and say the checks are running;
// they never show an amount or "clean" (the findings and the estimate are not known yet). The
// client is told to ask again when the findings come (lenses, inlay hints, the estimate view).
// When the last check of the current version failed, they say that instead (`failed`), until an
// edit or a settings change checks the document again.
import type { CodeLens, DocumentSymbol, Hover } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { PLAN } from '../plan';
import { doHover } from './hover';
import { SHOW_ESTIMATE_COMMAND } from './lenses';
import { clampPosition, targetAt, tokRange } from './locate';
import { findDocumentSymbols, outlineClaimCount } from './symbols';

/** What every partial answer says (plain ASCII, like every message). */
export const CHECKS_RUNNING = 'The checks of this document are still running: its findings and estimate are shown when they finish.';

/** The outline's and lenses' short form. */
const CHECKING = 'checking...';

/**
 * What the partial answers say instead when the last check of the document's current version
 * stopped on an internal error (`failed`: the error's name, never its message): no check runs
 * until an edit, so "still running" would never come true.
 */
export function checkFailedText(failed: string): string {
  return `The last check of this document stopped on an internal error (${failed}): its findings and estimate are not known. Edit or reopen the file to check it again.`;
}

const CHECK_FAILED_SHORT = 'check failed';

/** The sentence and the short form for a partial answer: checks running, or the last one failed. */
function saying(failed: string | undefined): { note: string; short: string } {
  return failed === undefined ? { note: CHECKS_RUNNING, short: CHECKING } : { note: checkFailedText(failed), short: CHECK_FAILED_SHORT };
}

/**
 * A model-only analysis (ClaimDocument.modelSteps) seen as one with no estimate yet: the features
 * that show an amount when there is one show none. Its findings still throw (FindingsNotRead), so
 * no feature can read them as "none" by mistake.
 */
function withoutEstimate(model: Analysis): Analysis {
  // Not a spread: that would read the findings (a getter that throws). The model's own fields are read through.
  const view = Object.create(model) as Analysis;
  view.estimate = () => [];
  view.estimateOf = () => undefined;
  return view;
}

/**
 * Hover while checking: the code's own information (description, RVUs, guide notes), without what
 * the findings and the estimate give, and a line saying the checks are running. On a claim line
 * (whose hover is its estimate) that line alone.
 */
export function pendingHover(model: Analysis | undefined, atLine: number, atCharacter: number, failed?: string): Hover | null {
  const note = `_${saying(failed).note}_`;
  if (!model) return { contents: { kind: 'markdown', value: note } };
  const hover = doHover(withoutEstimate(model), atLine, atCharacter);
  if (hover && typeof hover.contents === 'object' && 'value' in hover.contents) {
    return { ...hover, contents: { kind: 'markdown', value: `${hover.contents.value}\n\n${note}` } };
  }
  const { line, character } = clampPosition(model, atLine, atCharacter);
  const target = targetAt(model, line, character);
  return target ? { contents: { kind: 'markdown', value: note }, range: tokRange(line, target.tok) } : null;
}

/** The outline while checking: claims, dates and lines from the model; each claim's detail says "checking..." where its estimate goes. */
export function pendingSymbols(model: Analysis | undefined, max: number = PLAN.outlineClaims, failed?: string): DocumentSymbol[] {
  // No model yet (checked in steps): no outline rather than a wrong one; the editor asks again after the check.
  if (!model) return [];
  const symbols = findDocumentSymbols(withoutEstimate(model), max);
  const claims = outlineClaimCount(model.model.claims, max);
  const { short } = saying(failed);
  for (let i = 0; i < claims; i++) symbols[i].detail = short;
  return symbols;
}

/** Lenses while checking: where the estimates go, each saying "checking..." (no amount); a click opens the estimate view. */
export function pendingLenses(model: Analysis | undefined, uri: string, max: number = PLAN.lensClaims, failed?: string): CodeLens[] {
  const short = saying(failed).short;
  const lens = (line: number, title: string): CodeLens => ({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, command: { title, command: SHOW_ESTIMATE_COMMAND, arguments: [uri] } });
  // No model yet (checked in steps): one lens at the top saying the estimates are being worked out.
  if (!model) return [lens(0, `Claim estimates: ${short}`)];
  const all = model.model.claims;
  const count = Math.min(all.length, max);
  const lenses: CodeLens[] = [];
  for (let i = 0; i < count; i++) {
    const claim = all[i];
    lenses.push(lens(claim.line, `Claim estimate: ${short}`));
    for (const d of claim.dates) lenses.push(lens(d.line, `Date estimate: ${short}`));
  }
  if (count < all.length) lenses.push(lens(all[count].line, `Estimate lenses shown for the first ${count} of ${all.length} claims: use Show Claim Estimate for the others`));
  return lenses;
}

/** The estimate view's markdown while checking (the request's result is flagged pending). */
export function pendingEstimateMarkdown(failed?: string): string {
  return `_${saying(failed).note}_`;
}
