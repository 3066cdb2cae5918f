// What every step-wise part of the core shares (the parser, the checks, the analysis): running a
// step generator to its end, and naming a failure without its message (a message may quote text).

/** Runs a step generator to its end (the synchronous form of a *Steps function). */
export function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * The name of a failure, never its message (a message may quote a document's text): for a log
 * line. `frame`: with the first frame of its stack (a file and line of ours), as an internal error
 * of the checks reports it.
 */
export function errorName(err: unknown, frame = false): string {
  if (!(err instanceof Error)) return typeof err;
  if (!frame) return err.name;
  return `${err.name} ${err.stack?.split('\n')[1]?.trim() ?? ''}`;
}

/**
 * How far a check in steps has come, in rule runs (a rule over a part, or over one date of a long
 * claim): `total` grows as the dates of a long claim are found. For the status bar.
 */
export interface Progress {
  done: number;
  total: number;
}
