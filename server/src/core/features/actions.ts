// Quick fixes: the fixes the checks attached to their findings, offered where the cursor or the
// selection touches the finding. And `source.fixAll.hai-claims` (for editor.codeActionsOnSave):
// every safe fix of the document at once, to a fixpoint, as `hai-claims check --fix` applies them
// (without the formatter's alignment: Format Document or formatOnSave does that).
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import { analyze, type Analysis } from '../analysis';
import { fixText } from '../fixes';
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

/** The kind editors ask for on save: `"editor.codeActionsOnSave": { "source.fixAll.hai-claims": "explicit" }`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.hai-claims`;

/** Whether a request's `only` asks for fix-all actions (source, source.fixAll or ours). */
function wantsFixAll(only?: string[]): boolean {
  return only !== undefined && only.some((k) => k === FIX_ALL_KIND || FIX_ALL_KIND.startsWith(`${k}.`));
}

/** One action applying every safe fix; none when there is nothing to fix or it was not asked for. */
export function fixAllActions(analysis: Analysis, uri: string, only?: string[]): CodeAction[] {
  if (!wantsFixAll(only)) return [];
  const lines = analysis.tree.texts;
  const text = lines.join('\n');
  const fixed = fixText(text, (t) => {
    const a = t === text ? analysis : analyze(t, analysis.tables, { settings: analysis.settings });
    return { tree: a.tree, findings: a.findings };
  });
  if (!fixed.settled || fixed.text === text) return [];
  return [{ title: 'Fix all safe problems (hai-claims)', kind: FIX_ALL_KIND, edit: { changes: { [uri]: [changedLines(lines, fixed.text.split('\n'))] } } }];
}

/** One edit over the lines that differ (the editor writes the document's own line breaks). */
export function changedLines(before: readonly string[], after: readonly string[]): TextEdit {
  let first = 0;
  while (first < before.length && first < after.length && before[first] === after[first]) first++;
  let end = 0;
  while (end < before.length - first && end < after.length - first && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  const last = before.length - 1 - end; // the last changed line of `before` (first - 1: none)
  const mid = after.slice(first, after.length - end);
  const at = (line: number, character: number) => ({ line, character });
  // whole lines, up to the start of the next unchanged line
  if (last + 1 < before.length) return { range: { start: at(first, 0), end: at(last + 1, 0) }, newText: mid.map((l) => `${l}\n`).join('') };
  // up to the end of the document: the line break before the change goes or comes with it
  const prev = first - 1;
  if (prev >= 0) return { range: { start: at(prev, before[prev]!.length), end: at(Math.max(prev, last), before[Math.max(prev, last)]!.length) }, newText: mid.map((l) => `\n${l}`).join('') };
  return { range: { start: at(0, 0), end: at(Math.max(0, last), before[Math.max(0, last)]?.length ?? 0) }, newText: mid.join('\n') };
}
