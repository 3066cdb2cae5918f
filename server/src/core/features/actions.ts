// Quick fixes: the fixes the checks attached to their findings, offered where the cursor or the
// selection touches the finding.
import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import type { Finding } from '../rules/types';
import { toDiagnostic } from './diagnostics';
import { clampRange, toRange } from './locate';

function touches(f: Finding, r: Range): boolean {
  const fEnd = f.endLine ?? f.line;
  if (fEnd < r.start.line || f.line > r.end.line) return false;
  if (f.line === r.end.line && f.start > r.end.character) return false;
  if (fEnd === r.start.line && f.end < r.start.character) return false;
  return true;
}

export function doCodeActions(analysis: Analysis, uri: string, range: Range, only?: string[]): CodeAction[] {
  if (only && !only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k))) return [];
  const actions: CodeAction[] = [];
  range = clampRange(analysis, range);
  for (const f of analysis.findings) {
    if (!f.fixes?.length || !touches(f, range)) continue;
    const diagnostic: Diagnostic = toDiagnostic(f, uri);
    for (const fix of f.fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.preferred || undefined,
        edit: { changes: { [uri]: fix.edits.map((e) => ({ range: toRange(e), newText: e.newText })) } },
      });
    }
  }
  return actions;
}
