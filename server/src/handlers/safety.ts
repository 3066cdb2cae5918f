// What every handler shares to fail safely: test-only fault injection, and naming an error for the
// log without its message (a message may quote document text).

// HAI_CLAIMS_FAULT=hover,publish makes those handlers throw, so the fault tests can prove a
// failing handler costs one answer, not the server. Read once at start.
const FAULTS: ReadonlySet<string> = new Set((process.env.HAI_CLAIMS_FAULT ?? '').split(',').filter(Boolean));

export function injectFault(name: string): void {
  if (FAULTS.has(name)) throw new Error(`injected fault in ${name}`);
}

/** The error's class name (or its type), never its message. */
export function errorName(err: unknown): string {
  return err instanceof Error ? err.name : typeof err;
}

/** Writes one line to the server's log (the client's output); callers pass no document text. */
export type Log = (message: string) => void;
