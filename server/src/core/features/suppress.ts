// The quick fix that suppresses a finding on its line (`# hai-claims-ignore ID: <reason>`), offered
// after the checks' own remedies. The placeholder reason suppresses nothing until it is replaced:
// the exception is the coder's to justify.
import { CodeActionKind, type CodeAction, type Range } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { suppressionFix } from '../rules/suppressions';
import { toDiagnostic } from './diagnostics';
import { toRange } from './locate';

function onLines(line: number, r: Range): boolean {
  return line >= r.start.line && line <= r.end.line;
}

export function suppressionActions(analysis: Analysis, uri: string, range: Range, only?: string[]): CodeAction[] {
  if (only && !only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k))) return [];
  const actions: CodeAction[] = [];
  const offered = new Set<string>();
  for (const f of analysis.findings) {
    if (!onLines(f.line, range) || offered.has(`${f.line}:${f.rule}`)) continue;
    const fix = suppressionFix(f, analysis.tree);
    if (!fix) continue;
    offered.add(`${f.line}:${f.rule}`);
    actions.push({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [toDiagnostic(f, uri)],
      edit: { changes: { [uri]: fix.edits.map((e) => ({ range: toRange(e), newText: e.newText })) } },
    });
  }
  return actions;
}
