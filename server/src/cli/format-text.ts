// The text report: `file:line:col: severity code: message` (1-based, the form compilers use, so
// editors and CI log viewers link them), then one summary line.
import type { Diagnostic, SeverityCounts } from './diagnostics';
import type { Style } from './color';
import { PLAIN } from './color';
import { printable } from './printable';

export function diagnosticLine(d: Diagnostic, style: Style = PLAIN): string {
  const where = `${printable(d.file)}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
  return `${style.bold(where)}: ${style.severity(d.severity, d.severity)} ${style.dim(d.code)}: ${d.message}`;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export interface SummaryExtras {
  /** Findings a `# hai-claims-ignore ID: reason` comment suppressed: counted, never hidden. */
  suppressed?: number;
  /** Some inputs could not be read or checked (reasons on stderr): never claim "no problems". */
  incomplete?: boolean;
}

export function summaryLine(files: number, filesWithFindings: number, counts: SeverityCounts, style: Style = PLAIN, extras: SummaryExtras = {}): string {
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const checked = `${plural(files, 'file')} checked`;
  const suppressed = extras.suppressed ? ` ${plural(extras.suppressed, 'finding')} suppressed by hai-claims-ignore comments.` : '';
  const incomplete = extras.incomplete ? ' Not every input was checked: see the errors on stderr.' : '';
  if (total === 0) return extras.incomplete ? `${checked}: no problems in the files checked.${incomplete}${suppressed}` : `${checked}: no problems found.${suppressed}`;
  const parts = [
    counts.error ? style.severity('error', plural(counts.error, 'error')) : undefined,
    counts.warning ? style.severity('warning', plural(counts.warning, 'warning')) : undefined,
    counts.information ? style.severity('information', `${counts.information} information`) : undefined,
    counts.hint ? style.severity('hint', plural(counts.hint, 'hint')) : undefined,
  ].filter((p): p is string => p !== undefined);
  return `${checked}, ${plural(filesWithFindings, 'file')} with findings: ${parts.join(', ')}.${incomplete}${suppressed}`;
}
