// Folding: each claim, and each dated block inside it.
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';

export function getFoldingRanges(analysis: Analysis): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  for (const claim of analysis.model.claims) {
    if (claim.endLine > claim.line) ranges.push({ startLine: claim.line, endLine: claim.endLine, kind: FoldingRangeKind.Region });
    for (const date of claim.dates) {
      if (date.endLine > date.line) ranges.push({ startLine: date.line, endLine: date.endLine, kind: FoldingRangeKind.Region });
    }
  }
  // A run of comment lines folds too.
  const lines = analysis.tree.lines;
  let runStart = -1;
  for (let l = 0; l <= lines.length; l++) {
    const isComment = l < lines.length && lines[l].kind === 'blank' && !!lines[l].comment;
    if (isComment && runStart < 0) runStart = l;
    if (!isComment && runStart >= 0) {
      if (l - 1 > runStart) ranges.push({ startLine: runStart, endLine: l - 1, kind: FoldingRangeKind.Comment });
      runStart = -1;
    }
  }
  return ranges;
}
