// Findings as LSP diagnostics: exact range, rule id as code, one source, the message from the
// single message table, and the other line involved as related information.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Finding, Severity } from '../rules/types';
import { messageOf } from '../rules/messages';
import { toRange } from './locate';

export const DIAGNOSTIC_SOURCE = 'hai-claims';

/** docs/checks.md in the repository package.json names; each rule's row has the rule id as anchor. */
export const CHECKS_DOC_URL = 'https://github.com/hai-claims/hai-claims/blob/main/docs/checks.md';

/**
 * Where a rule's description is: the diagnostic's codeDescription link. The server passes one
 * that points at the docs/checks.md installed with it (it ships in the .vsix), so the link works
 * offline; without one, the repository's copy.
 */
export type RuleDocs = (rule: string) => string | undefined;
export const repositoryRuleDocs: RuleDocs = (rule) => `${CHECKS_DOC_URL}#${rule}`;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding, uri: string, docs: RuleDocs = repositoryRuleDocs): Diagnostic {
  const d: Diagnostic = {
    range: toRange(f),
    severity: SEVERITY[f.severity],
    code: f.rule,
    source: DIAGNOSTIC_SOURCE,
    message: messageOf(f),
  };
  const href = docs(f.rule);
  if (href) d.codeDescription = { href };
  if (f.related?.length) d.relatedInformation = f.related.map((r) => ({ location: { uri, range: toRange(r) }, message: r.label }));
  return d;
}

/**
 * Diagnostics already made, by finding. An edit re-checks one claim; the other claims' findings
 * are the same objects, so their diagnostics (and message text) are not made again.
 */
const made = new WeakMap<Finding, { uri: string; docs: RuleDocs; diagnostic: Diagnostic }>();

export function toDiagnostics(findings: readonly Finding[], uri: string, docs: RuleDocs = repositoryRuleDocs): Diagnostic[] {
  return findings.map((f) => {
    const seen = made.get(f);
    if (seen?.uri === uri && seen.docs === docs) return seen.diagnostic;
    const diagnostic = toDiagnostic(f, uri, docs);
    made.set(f, { uri, docs, diagnostic });
    return diagnostic;
  });
}
