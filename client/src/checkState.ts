// What the status bar and the estimate view show of a document's checks in the background (the
// server's haiClaims/checking, issue 23) and of a pending or failed estimate: the pure part of
// statusBar.ts and estimateView.ts (no vscode import), so mocha tests it directly.
import type { CheckingParams, EstimateResult } from '../../server/src/protocol';
import { escapeHtml, estimateTableHtml, type ClaimEstimate } from './estimateTable';

/** A document's check as the server last told it: under way (how far along), or failed (the error's name). */
export type DocCheck = { state: 'checking'; percent?: number } | { state: 'failed'; error: string };

/** The document's check after a haiClaims/checking notification: undefined once a check of it ended well. */
export function docCheckOf(p: CheckingParams): DocCheck | undefined {
  if (p.checking) return { state: 'checking', percent: p.percent };
  if (p.failed !== undefined) return { state: 'failed', error: p.failed };
  return undefined;
}

/** The status bar's text while the active document is being checked, or its check failed. */
export function checkStatusText(c: DocCheck): string {
  if (c.state === 'failed') return '$(error) HAI: check failed';
  return `$(sync~spin) HAI: checking in the background${c.percent !== undefined ? `, ${c.percent}%` : ''}`;
}

/** The first paragraph of the status bar's tooltip (markdown) for the active document's check. */
export function checkTooltip(c: DocCheck): string {
  if (c.state === 'checking') return `$(sync~spin) This file is being checked in the background${c.percent !== undefined ? ` (${c.percent}%)` : ''}: its problems, lenses and estimate show when the checks finish.\n\n`;
  return (
    `$(error) **The checks of this file stopped on an internal error** (${escapeMarkdown(c.error)}). ` +
    'The problems shown are from its last check that finished, not of the text as it is now, and it is not shown as clean. ' +
    'Edit the file (or close and reopen it) to check it again; if it fails again, run "HAI Claims: Restart Language Server" and report the error name from the output.\n\n'
  );
}

/** What the estimate view shows: a table of claims, a note that the checks are running, or that they failed. */
export type EstimateViewState =
  | { state: 'estimate'; claims: readonly ClaimEstimate[]; html: string }
  | { state: 'pending'; html: string }
  | { state: 'failed'; error: string; html: string };

/** The view for the server's answer to haiClaims/estimate. */
export function estimateViewOf(result: EstimateResult): EstimateViewState {
  if (result.pending) return { state: 'pending', html: pendingNote() };
  const claims = result.claims ?? [];
  return { state: 'estimate', claims, html: pageNote(result) + estimateTableHtml(claims) };
}

/**
 * What the estimate view does on a haiClaims/checking notification for its document: ask the
 * server again when the checks ended well (`refresh`), show that they failed (`show`; its last
 * estimate may be of text that has changed since), or nothing while they run.
 */
export function estimateOnChecking(p: CheckingParams): { refresh: true } | { show: EstimateViewState } | undefined {
  const c = docCheckOf(p);
  if (!c) return { refresh: true };
  if (c.state === 'failed') return { show: { state: 'failed', error: c.error, html: failedNote(c.error) } };
  return undefined;
}

/** Why Copy as CSV copies nothing for a view in this state (undefined: it copies the claims). */
export function copyRefusal(view: EstimateViewState | undefined): string | undefined {
  if (view?.state === 'pending') return 'HAI Claims: this file is still being checked; copy its estimate when the checks finish (the status bar shows how far along they are).';
  if (view?.state === 'failed') return 'HAI Claims: the checks of this file failed, so there is no estimate to copy; edit the file to check it again (the status bar says more).';
  return undefined;
}

/**
 * The checks of a huge document are still running (the server answered within its bound without
 * the findings, issue 23): no amounts, never a $0.00 table; the view asks again when they finish.
 */
export function pendingNote(): string {
  return '<p class="note">This file is still being checked: its estimate is shown here when the checks finish (the status bar shows how far along they are).</p>';
}

/** The checks failed: no amounts rather than a table that may be of other text, never a $0.00 table. */
export function failedNote(error: string): string {
  return `<p class="error">The checks of this file stopped on an internal error (${escapeHtml(error)}), so no estimate is shown. Edit the file to check it again; the status bar says more.</p>`;
}

/** Says so when the server answered a page of a huge file's claims (issue 23), never a silent part. */
export function pageNote(result: EstimateResult): string {
  const shown = result.claims?.length ?? 0;
  if (result.total === undefined || result.total <= shown) return '';
  const first = (result.first ?? 0) + 1;
  return `<p class="note">Claims ${first} to ${first + shown - 1} of ${result.total} are shown: the estimate of a file this large is shown a page at a time. Copy as CSV copies these claims.</p>`;
}

/** Markdown-safe text (file names and reasons may hold `|`, `*`, `_`). */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+!|<>]/g, (c) => `\\${c}`);
}
