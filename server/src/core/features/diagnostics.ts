// Findings as LSP diagnostics: exact range, rule id as code, one source, the message from the
// single message table, and the other line involved as related information.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Finding, Severity } from '../rules/types';
import { messageOf } from '../rules/messages';
import { toRange } from './locate';

export const DIAGNOSTIC_SOURCE = 'hai-claims';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding, uri: string): Diagnostic {
  const d: Diagnostic = {
    range: toRange(f),
    severity: SEVERITY[f.severity],
    code: f.rule,
    source: DIAGNOSTIC_SOURCE,
    message: messageOf(f),
  };
  if (f.related?.length) d.relatedInformation = f.related.map((r) => ({ location: { uri, range: toRange(r) }, message: r.label }));
  return d;
}

/**
 * Diagnostics already made, by finding. An edit re-checks one claim; the other claims' findings
 * are the same objects, so their diagnostics (and message text) are not made again.
 */
const made = new WeakMap<Finding, { uri: string; diagnostic: Diagnostic }>();

export function toDiagnostics(findings: readonly Finding[], uri: string): Diagnostic[] {
  return findings.map((f) => {
    const seen = made.get(f);
    if (seen?.uri === uri) return seen.diagnostic;
    const diagnostic = toDiagnostic(f, uri);
    made.set(f, { uri, diagnostic });
    return diagnostic;
  });
}

/**
 * The most diagnostics published for one document. VS Code shows at most 1,000 problems per file
 * (its extension host drops the rest), and tens of thousands would stall the connection and the
 * editor: beyond this the server sends the most severe and one diagnostic counting the rest.
 */
export const MAX_DIAGNOSTICS = 1000;

export const TOO_MANY_FINDINGS = 'too-many-findings';

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];
const NOUN: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'hint' };

/**
 * The diagnostics to publish: every finding when there are at most `max`; else the `max` most
 * severe (errors first, then in document order) and, last, one diagnostic saying how many were
 * left out. O(n) in the findings.
 */
export function toPublishedDiagnostics(findings: readonly Finding[], uri: string, max = MAX_DIAGNOSTICS): Diagnostic[] {
  if (findings.length <= max) return toDiagnostics(findings, uri);
  const count: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of findings) count[f.severity]++;
  // Every finding of a severity above `cut`, and the first `room` of severity `cut`.
  let room = max;
  let cut = 0;
  while (cut < SEVERITIES.length && count[SEVERITIES[cut]] <= room) room -= count[SEVERITIES[cut++]];
  const kept: Finding[] = [];
  const omitted: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of findings) {
    const rank = SEVERITIES.indexOf(f.severity);
    if (rank < cut || (rank === cut && room-- > 0)) kept.push(f);
    else omitted[f.severity]++;
  }
  const left = findings.length - kept.length;
  const detail = SEVERITIES.filter((s) => omitted[s] > 0)
    .map((s) => `${omitted[s].toLocaleString('en-US')} ${NOUN[s]}${omitted[s] === 1 ? '' : 's'}`)
    .join(', ');
  const diagnostics = toDiagnostics(kept, uri);
  diagnostics.push({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    code: TOO_MANY_FINDINGS,
    source: DIAGNOSTIC_SOURCE,
    message:
      `${left.toLocaleString('en-US')} of this file's ${findings.length.toLocaleString('en-US')} findings are not shown (${detail}): ` +
      `the editor is sent at most ${max.toLocaleString('en-US')}, the most severe first, so that it does not stall. ` +
      'Fix those shown, split the file, or run `hai-claims check` on it for the full list.',
  });
  return diagnostics;
}
