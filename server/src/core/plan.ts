// The one plan for size: every threshold that chooses how a document is checked (at once, in
// steps on the server's thread, or in the check worker) and how much a request on a huge document
// answers, in one place, pure. The hosts ask `checkPath` and read `PLAN`; test/core/plan.test.ts
// holds the table of cases. (LONG_CLAIM_LINES, from which the runner checks a claim date by date,
// is the runner's own: it does not choose a path, and both ways give the same findings.)
import type { SyntaxTree } from './syntax/nodes';

export const PLAN = {
  /** Opened (parsed) in steps: a text longer than this (UTF-16 units). */
  largeText: 64 * 1024,
  /** Checked in steps: a document with more lines than this. */
  largeLines: 2000,
  /** The longest a slice of a check runs on the server's thread before it turns to other messages (ms). */
  sliceMs: 5,
  /**
   * A date of service longer than this (lines, its same-day blocks together) makes one step of a
   * check too long for the server's thread: the document is checked in the worker.
   */
  longDate: 1000,
  /** A claim longer than this makes its claim-wide steps (resolving it, the global period) too long. */
  hugeClaim: 50_000,
  /** The outline lists at most this many claims (then one entry says how many more there are). */
  outlineClaims: 2000,
  /** The outline lists at most this many service lines under a date (then one entry says how many more there are). */
  outlineLines: 1000,
  /**
   * ...and its claims, their dates and lines come to at most this many entries (past them, the
   * claims are not listed, as past outlineClaims): a batch of 60,000 lines made an outline of 11 MB,
   * half a second to send and read (issue 23). One claim is always listed.
   */
  outlineSymbols: 10_000,
  /** Code lenses are given for at most this many claims (then one lens says how many more there are). */
  lensClaims: 2000,
  /** The estimate request answers this many claims at a time (a page), saying how many there are. */
  estimatePage: 200,
  /**
   * ...and at most this many service lines: a page's claims past them are shown with their totals
   * and the lines that fit, saying so (one claim may hold 60,000 lines: megabytes to send and draw).
   */
  estimateLines: 5000,
  /**
   * A request that reads the findings of a document the check worker holds (or checked in steps on
   * the server's thread) waits at most this long (ms) for the current version's; then it answers
   * from the tree and model (or, checked in steps, from none), saying the checks are
   * still running, and the client is told to ask again when they come (issue 23: every request
   * answers within 1 s). 500 leaves half the second for the answer, the wire, and a synchronous
   * stretch of a check in steps that the request may wait behind (on 200,000 one-line claims the
   * slowest answer was 819-859 ms at 750, 584 ms at 500; `bench/lsp.ts --only stepped`).
   */
  findingsWaitMs: 500,
} as const;

/** How a document is checked: at once (small), in steps on the server's thread, or in the check worker. */
export type CheckPath = 'at-once' | 'steps' | 'worker';

/** What the plan reads of a document: its size and its longest claim and date (lines). */
export interface DocumentShape {
  lines: number;
  longestClaim: number;
  longestDate: number;
}

/** The path for a document of `shape`; `worker`: whether a check worker is up. */
export function checkPath(shape: DocumentShape, worker: boolean): CheckPath {
  if (worker && (shape.longestDate > PLAN.longDate || shape.longestClaim > PLAN.hugeClaim)) return 'worker';
  return shape.lines > PLAN.largeLines ? 'steps' : 'at-once';
}

/**
 * The shape of a parsed document: its lines, and the lines of its longest claim (from a `claim`
 * line to the next) and of its longest date of service (from an `on` line to the next `on` or
 * `claim` line, the blocks of one claim with the same date as written together). Read from the
 * parser's nodes, so it always agrees with the parser; a date written two ways (`day 0` and its
 * calendar date) is caught from the model after the first check.
 */
export function shapeOf(tree: SyntaxTree): DocumentShape {
  const n = tree.lines.length;
  let longestClaim = 0;
  let longestDate = 0;
  let claimStart = 0;
  // A claim's lines per date as written, a calendar date and a day number apart; made for a claim's first date.
  let dates: Map<string, number> | undefined;
  let days: Map<string, number> | undefined;
  let inDate = false;
  // The date being read (undefined: an `on` line with neither, a date of its own).
  let key: string | undefined;
  let calendar = false;
  let currentFrom = 0;
  const endDate = (at: number) => {
    if (!inDate) return;
    let total = at - currentFrom;
    if (key !== undefined) {
      const byKey = calendar ? (dates ??= new Map()) : (days ??= new Map());
      total += byKey.get(key) ?? 0;
      byKey.set(key, total);
    }
    longestDate = Math.max(longestDate, total);
    inDate = false;
  };
  for (let line = 0; line < n; line++) {
    const node = tree.lines[line];
    if (node.kind === 'claim') {
      endDate(line);
      longestClaim = Math.max(longestClaim, line - claimStart);
      claimStart = line;
      dates = days = undefined;
    } else if (node.kind === 'on') {
      endDate(line);
      inDate = true;
      calendar = !!node.date;
      key = node.date ? node.date.text : node.dayNumber?.text;
      currentFrom = line;
    }
  }
  endDate(n);
  return { lines: n, longestClaim: Math.max(longestClaim, n - claimStart), longestDate };
}
