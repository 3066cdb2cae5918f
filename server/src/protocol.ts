// The HAI Claims requests beyond LSP, named once for the server and the extension client (both
// bundle this file). Types only besides the names: importing it pulls no server code into the client.
import type { CheckNotRun, ClaimEstimate, DataStatus } from './core/languageService';

/** The language id of .claim files (package.json's contributes.languages), for the server and the client alike. */
export const LANGUAGE_ID = 'hai-claim';

/** The estimate's shapes, for the client's estimate view (types only). */
export type { ClaimEstimate, DateEstimate, LineEstimate } from './core/languageService';

/** The estimate of every claim in an open document ("Show Claim Estimate"). */
export const ESTIMATE_REQUEST = 'haiClaims/estimate';

export interface EstimateParams {
  /** The document's URI, as sent on didOpen. */
  uri: string;
  /** The index of the first claim of the page asked for (default 0). */
  first?: number;
}

export interface EstimateResult {
  /** One markdown page for the claims answered (saying so when they are not all of the document's). */
  markdown: string;
  /** The estimates of a page of the document's claims (PLAN.estimatePage of them at most). */
  claims: ClaimEstimate[];
  /** The index of the page's first claim, and the claims in the document (more than `claims` holds: a page). */
  first?: number;
  total?: number;
  /**
   * The document's checks are still running (a document the check worker holds, its findings not in
   * within PLAN.findingsWaitMs, or one checked in steps whose check has not ended by then): no
   * estimate yet, `markdown` says so (`total` unknown in steps). The server sends
   * haiClaims/checking with `checking: false` when they finish: ask again then.
   */
  pending?: boolean;
}

/**
 * The checks that cannot run with the tables in use, for lack of data (e.g. `mue: no data.mue
 * file`): not findings, they are about the whole session. No params. (Issue 13; the
 * haiClaims/status notification below carries the same list as `limited`.)
 */
export const SKIPPED_CHECKS_REQUEST = 'haiClaims/skippedChecks';

export interface SkippedChecksResult {
  checks: CheckNotRun[];
}

/** "HAI Claims: Open as Claim" (issue 24): the de-identified `.claim` text of an open 837P document. */
export const X12_CLAIM_REQUEST = 'haiClaims/x12Claim';

export interface X12ClaimParams {
  uri: string;
}

export interface X12ClaimResult {
  /** null: the document is not an open 837P. */
  text: string | null;
}

/** Numbers about the server process (memory only; no document content), for the soak test. */
export const STATS_REQUEST = 'haiClaims/_stats';

export interface StatsParams {
  /** Collect garbage first (when the server runs with --expose-gc), so what is kept is measured. */
  gc?: boolean;
}

export interface StatsResult {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  openDocuments: number;
  /** Parts of documents the rules ran over on the main thread since it started (a document the check worker holds adds none). */
  ruleRuns?: number;
}

/**
 * Tests only: holds the check worker's findings back (`hold: true`) or lets them through
 * (`hold: false`), so a test sees a worker-held document whose checks are still running. Answered
 * only by a server started with HAI_CLAIMS_HOLD_FINDINGS=1 (which starts holding).
 */
export const HOLD_FINDINGS_REQUEST = 'haiClaims/_holdFindings';

/**
 * Server -> client: what the checks run against (the tables in force, their sources and row
 * counts, national files loading or failed, untrusted workspace, checks limited for lack of
 * data). Sent once initialized, when national files start and finish loading, and after each
 * settings change is applied. The extension shows it in the status bar.
 */
export const STATUS_NOTIFICATION = 'haiClaims/status';

export type StatusParams = DataStatus;
export type { LimitedCheck, TableInForce } from './core/languageService';

/**
 * Server -> client: a document is being checked in the background (held by the check worker, or
 * checked in steps after a request on it was answered in part; `percent`: how far along, when
 * known), or its check ended (`checking: false`), or its check failed (`checking: false` with
 * `failed`). The extension shows it in the status bar while that document is active; a failed
 * check is shown until the next `checking: false` without `failed` for the document.
 */
export const CHECKING_NOTIFICATION = 'haiClaims/checking';

export interface CheckingParams {
  uri: string;
  checking: boolean;
  percent?: number;
  /** The check stopped on an internal error: its name (never its message). The findings shown are the last check's that ended. */
  failed?: string;
}
