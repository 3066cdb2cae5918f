// `--fix`: the safe fixes (Fix.safe: spelling, case, a diagnosis's dot, an exact repeated line)
// and the formatter's column alignment, applied until nothing changes, so a second run changes
// nothing. Pure: text in, text out; the caller analyses (so it decides tables and settings).
import type { Finding, TextEdit } from './rules/types';
import type { SyntaxTree } from './syntax/nodes';

export interface FixableAnalysis {
  tree: SyntaxTree;
  /** The findings still reported (suppressed ones are the user's call: not fixed). */
  findings: readonly Finding[];
  /** The formatter's edits (alignment only), in the same coordinates. */
  formatEdits?(): TextEdit[];
}

export interface FixResult {
  text: string;
  /** Fixes applied, over every pass (alignment counts as one per pass that changed blanks). */
  applied: number;
  /** False when the passes ran out before the text settled (a bug: reported, never hidden). */
  settled: boolean;
}

/** The one safe fix of each finding that has one (its preferred one first). */
export function safeFixes(findings: readonly Finding[]): TextEdit[][] {
  const out: TextEdit[][] = [];
  for (const f of findings) {
    const safe = f.fixes?.filter((x) => x.safe);
    if (!safe?.length) continue;
    out.push((safe.find((x) => x.preferred) ?? safe[0]).edits);
  }
  return out;
}

/** Offsets of each line's start in `text` (any of \n, \r\n, \r ends a line). */
function lineStarts(text: string): number[] {
  const starts = [0];
  const re = /\r\n|\r|\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

/**
 * Applies groups of edits (one group per fix) to `text`: a group that overlaps one taken before is
 * left for the next pass, so each pass is consistent. Returns the text and how many groups applied.
 */
export function applyEditGroups(text: string, groups: readonly TextEdit[][]): { text: string; applied: number } {
  const starts = lineStarts(text);
  const offset = (line: number, ch: number): number => {
    if (line >= starts.length) return text.length;
    const lineEnd = line + 1 < starts.length ? starts[line + 1] : text.length;
    return Math.min(starts[line] + ch, lineEnd);
  };
  const taken: [number, number][] = [];
  // Overlapping, or starting at the same place (two insertions there: which goes first is unclear).
  const overlaps = (a: number, b: number) => taken.some(([x, y]) => (a < y && x < b) || a === x);
  const chosen: { from: number; to: number; newText: string }[] = [];
  const seen = new Set<string>();
  let applied = 0;
  for (const group of groups) {
    const ranges = group.map((e) => ({ from: offset(e.line, e.start), to: offset(e.endLine ?? e.line, e.end), newText: e.newText }));
    const key = JSON.stringify(ranges);
    if (seen.has(key)) continue; // two findings offering the same fix: once
    seen.add(key);
    if (ranges.some((r) => r.to < r.from || overlaps(r.from, r.to))) continue;
    for (const r of ranges) {
      taken.push([r.from, r.to]);
      chosen.push(r);
    }
    applied++;
  }
  chosen.sort((a, b) => b.from - a.from);
  let out = text;
  for (const c of chosen) out = out.slice(0, c.from) + c.newText + out.slice(c.to);
  return { text: out, applied };
}

/** Fixes and aligns until the text settles (at most `maxPasses` analyses). */
export function fixText(text: string, analyse: (text: string) => FixableAnalysis, maxPasses = 10): FixResult {
  let current = text;
  let applied = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    const analysis = analyse(current);
    const fixes = applyEditGroups(current, safeFixes(analysis.findings));
    if (fixes.applied > 0 && fixes.text !== current) {
      current = fixes.text;
      applied += fixes.applied;
      continue;
    }
    const format = analysis.formatEdits?.() ?? [];
    const aligned = applyEditGroups(current, format.map((e) => [e]));
    if (aligned.text === current) return { text: current, applied, settled: true };
    current = aligned.text;
    applied++;
  }
  return { text: current, applied, settled: false };
}
