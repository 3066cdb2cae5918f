// Findings as LSP diagnostics: exact range, rule id as code, one source, the message from the
// single message table, and the other line involved as related information.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Finding, Severity } from '../rules/types';
import { messageOf } from '../rules/messages';
import { toRange } from './locate';
import { thousands } from '../strings';

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
 * What is published of a document's findings: every finding when there are at most `max`; else
 * the `max` most severe (errors first, then in document order), with how many of each severity are
 * left out. The check worker sends this first (a thousand findings rather than all of them), so
 * the editor shows the diagnostics as soon as the checks end. O(n) in the findings.
 */
export interface PublishedSelection {
  kept: Finding[];
  /** Left out, by severity (all zero when every finding is kept). */
  omitted: Record<Severity, number>;
  /** The findings in all. */
  total: number;
  max: number;
}

export function selectPublished(findings: readonly Finding[], max = MAX_DIAGNOSTICS): PublishedSelection {
  const omitted: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  if (findings.length <= max) return { kept: [...findings], omitted, total: findings.length, max };
  const count: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of findings) count[f.severity]++;
  // Every finding of a severity above `cut`, and the first `room` of severity `cut`.
  let room = max;
  let cut = 0;
  while (cut < SEVERITIES.length && count[SEVERITIES[cut]] <= room) room -= count[SEVERITIES[cut++]];
  const kept: Finding[] = [];
  for (const f of findings) {
    const rank = SEVERITIES.indexOf(f.severity);
    if (rank < cut || (rank === cut && room-- > 0)) kept.push(f);
    else omitted[f.severity]++;
  }
  return { kept, omitted, total: findings.length, max };
}

/** The diagnostics of a selection: its findings and, when some are left out, one diagnostic saying how many. */
export function selectionDiagnostics(selection: PublishedSelection, uri: string, docs: RuleDocs = repositoryRuleDocs): Diagnostic[] {
  const { kept, omitted, total, max } = selection;
  const diagnostics = toDiagnostics(kept, uri, docs);
  const left = total - kept.length;
  if (left <= 0) return diagnostics;
  const detail = SEVERITIES.filter((s) => omitted[s] > 0)
    .map((s) => `${thousands(omitted[s])} ${NOUN[s]}${omitted[s] === 1 ? '' : 's'}`)
    .join(', ');
  diagnostics.push({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    code: TOO_MANY_FINDINGS,
    source: DIAGNOSTIC_SOURCE,
    message:
      `${thousands(left)} of this file's ${thousands(total)} findings are not shown (${detail}): ` +
      `the editor is sent at most ${thousands(max)}, the most severe first, so that it does not stall. ` +
      'Fix those shown, split the file, or run `hai-claims check` on it for the full list.',
  });
  return diagnostics;
}

export const CHECK_FAILED = 'check-failed';

/**
 * The one diagnostic published for a version whose check stopped on an internal error (`failed`:
 * its name, never its message): the Problems panel never shows such a file as clean, nor findings
 * of an older text at places that may have moved. A warning, not an error: the claim may be fine.
 */
export function checkFailedDiagnostic(failed: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    code: CHECK_FAILED,
    source: DIAGNOSTIC_SOURCE,
    message: `The checks of this file stopped on an internal error (${failed}), so its problems are not known: none are shown, and this file is not clean. Edit or reopen the file to check it again; if it happens again, report the error's name.`,
  };
}

/** The diagnostics to publish (selectPublished, then selectionDiagnostics). */
export function toPublishedDiagnostics(findings: readonly Finding[], uri: string, max = MAX_DIAGNOSTICS, docs: RuleDocs = repositoryRuleDocs): Diagnostic[] {
  return selectionDiagnostics(selectPublished(findings, max), uri, docs);
}
