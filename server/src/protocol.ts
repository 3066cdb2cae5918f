// The HAI Claims requests beyond LSP, named once for the server and the extension client (both
// bundle this file). Types only besides the names: importing it pulls no server code into the client.
import type { CheckNotRun } from './core/checks-not-run';
import type { ClaimEstimate } from './core/estimate/estimate';

/** The estimate of every claim in an open document ("Show Claim Estimate"). */
export const ESTIMATE_REQUEST = 'haiClaims/estimate';

export interface EstimateParams {
  /** The document's URI, as sent on didOpen. */
  uri: string;
}

export interface EstimateResult {
  /** One markdown page for the whole document. */
  markdown: string;
  claims: ClaimEstimate[];
}

/**
 * The checks that cannot run with the tables in use, for lack of data (e.g. `mue: no data.mue
 * file`): not findings, they are about the whole session. No params. (Issue 13; when the editor's
 * status notification lands, this list belongs in it.)
 */
export const SKIPPED_CHECKS_REQUEST = 'haiClaims/skippedChecks';

export interface SkippedChecksResult {
  checks: CheckNotRun[];
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
}
