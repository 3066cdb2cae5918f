// What every handler shares to fail safely: test-only fault injection, and naming an error for the
// log without its message (a message may quote document text).
import { getLanguageService } from '../core/languageService';

// HAI_CLAIMS_FAULT=hover,publish makes those handlers throw, so the fault tests can prove a
// failing handler costs one answer, not the server. Read once at start.
const FAULTS: ReadonlySet<string> = new Set((process.env.HAI_CLAIMS_FAULT ?? '').split(',').filter(Boolean));

export function injectFault(name: string): void {
  if (FAULTS.has(name)) throw new Error(`injected fault in ${name}`);
}

/** The name of a failure, never its message (the core's one errorName). */
export const { errorName } = getLanguageService();

/** Writes one line to the server's log (the client's output); callers pass no document text. */
export type Log = (message: string) => void;

/** The longest line the LSP library may write to the log; our own lines are far shorter. */
const MAX_LOG_LINE = 300;

/**
 * What the LSP library logs, made safe: it copies two kinds of malformed message whole into
 * window/logMessage (a message that is neither request, response nor notification; a response
 * without an id, with its error), and either may carry document text. Those are summarised; any
 * other line is cut to MAX_LOG_LINE and its control characters escaped.
 */
export function safeLogLine(message: string): string {
  if (message.startsWith('Received message which is neither a response nor a notification message')) {
    return 'Received a message that is neither a request, a response nor a notification: ignored (its content is not logged).';
  }
  if (message.startsWith('Received response message without id')) {
    return 'Received a response without an id: ignored (its content is not logged).';
  }
  // eslint-disable-next-line no-control-regex
  const line = message.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return line.length <= MAX_LOG_LINE ? line : `${line.slice(0, MAX_LOG_LINE)}... (${line.length - MAX_LOG_LINE} more characters not logged)`;
}
