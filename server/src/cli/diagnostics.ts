// Findings of one file as the CLI reports them: LSP ranges (0-based) and the message from the
// one place that words findings (rules/messages.ts), so the CLI says what the editor says.
import { getLanguageService, type Finding, type Severity, type Span, type X12Where } from '../core/languageService';

const ls = getLanguageService();

export const SOURCE = 'hai-claims';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface RelatedInfo {
  range: Range;
  message: string;
}

export interface Diagnostic {
  /** Path as shown to the user: relative to the working directory, `/`-separated. */
  file: string;
  range: Range;
  severity: Severity;
  code: string;
  source: typeof SOURCE;
  message: string;
  /** Other places in the same file the finding refers to (the other NCCI code, the surgery...). */
  related?: RelatedInfo[];
  /** A `# hai-claims-ignore` comment suppressed it: not a problem, but listed for auditors (SARIF). */
  suppression?: { justification: string };
}

export function rangeOf(span: Span): Range {
  return {
    start: { line: span.line, character: span.start },
    end: { line: span.endLine ?? span.line, character: span.end },
  };
}

export function toDiagnostic(file: string, f: Finding & { justification?: string; x12?: X12Where }): Diagnostic {
  // A finding on an 837P names its segment (issue 24): the line and column alone do not, in a file with no line breaks.
  const message = f.x12 ? `${ls.x12WhereText(f.x12)}: ${ls.messageOf(f)}` : ls.messageOf(f);
  const d: Diagnostic = { file, range: rangeOf(f), severity: f.severity, code: f.rule, source: SOURCE, message };
  if (f.justification !== undefined) d.suppression = { justification: f.justification };
  if (f.related?.length) d.related = f.related.map((r) => ({ range: rangeOf(r), message: r.label }));
  return d;
}

/** Most severe first: the order `--fail-on` compares in. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

export type FailOn = Severity | 'none';
export const FAIL_ON_VALUES: readonly FailOn[] = [...SEVERITIES, 'none'];

/** True when a diagnostic of `severity` is at or above the `--fail-on` threshold. */
export function failsAt(severity: Severity, failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(failOn);
}

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(diagnostics: readonly Diagnostic[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}
