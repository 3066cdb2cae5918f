// Reports for CI systems that show findings on a pull/merge request without an upload step:
// GitHub Actions workflow commands and GitLab Code Quality JSON.
import { createHash } from 'node:crypto';
import type { Severity } from '../core/languageService';
import type { Diagnostic } from './diagnostics';
import { printable } from './printable';

// --- GitHub Actions workflow commands -------------------------------------------------------
// https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions
// The escaping is the runner toolkit's (actions/toolkit packages/core/src/command.ts): the message
// ("data") escapes % CR LF; property values escape those and also : and , (the separators).

export function escapeGithubData(s: string): string {
  // The runner decodes only these; any other control character (ESC, a bidirectional override
  // such as U+202E) would reach the log raw (issue 26): shown escaped instead (printable.ts).
  return printable(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

export function escapeGithubProperty(s: string): string {
  return escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GITHUB_COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** One `::error file=...,line=...::message` line per diagnostic (1-based lines and columns). */
export function githubAnnotation(d: Diagnostic): string {
  const props: [string, string | number][] = [
    ['file', d.file],
    ['line', d.range.start.line + 1],
    ['col', d.range.start.character + 1],
    ['endLine', d.range.end.line + 1],
    ['endColumn', d.range.end.character + 1],
    ['title', `hai-claims(${d.code})`],
  ];
  const list = props.map(([k, v]) => `${k}=${escapeGithubProperty(String(v))}`).join(',');
  return `::${GITHUB_COMMAND[d.severity]} ${list}::${escapeGithubData(d.message)}`;
}

// --- GitLab Code Quality ---------------------------------------------------------------------
// https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format: an array of
// issues with description, check_name, fingerprint, severity and location.path/lines.begin.

export type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';
const GITLAB_SEVERITY: Record<Severity, GitlabSeverity> = { error: 'major', warning: 'minor', information: 'info', hint: 'info' };

export interface GitlabIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: GitlabSeverity;
  location: { path: string; lines: { begin: number; end: number } };
}

/**
 * Fingerprints are stable across runs: a hash of the file, the check, the message and the how-many-th
 * such finding in the file, not of the line number, so adding a line above a finding does not make
 * GitLab report it as fixed and new. (A message that names a line number changes with it.)
 */
export function toGitlab(diagnostics: readonly Diagnostic[]): GitlabIssue[] {
  const seen = new Map<string, number>();
  return diagnostics.map((d) => {
    const key = `${d.file}\u0000${d.code}\u0000${d.message}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return {
      description: d.message,
      check_name: d.code,
      fingerprint: createHash('sha256').update(`${key}\u0000${n}`).digest('hex'),
      severity: GITLAB_SEVERITY[d.severity],
      location: { path: d.file, lines: { begin: d.range.start.line + 1, end: d.range.end.line + 1 } },
    };
  });
}
