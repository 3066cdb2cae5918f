// `--fix`: the safe fixes (Fix.safe: spelling, case, a diagnosis's dot, an exact repeated header
// with no comment) and the formatter's column alignment, applied until nothing changes, so a second
// run changes nothing. Pure: text in, text out; the caller analyses (so it decides tables and
// settings). Edits are applied line by line (issue 26): a line no edit touches is copied byte for
// byte with its line break, the work is linear in the text, and the lines a run changed are known
// (`touched`, in the original's numbering).
import type { Finding, TextEdit } from './rules/types';
import type { SyntaxTree } from './syntax/nodes';

export interface FixableAnalysis {
  tree: SyntaxTree;
  /** The findings still reported (suppressed ones are the user's call: not fixed). */
  findings: readonly Finding[];
  /** The formatter's edits (alignment only), in the same coordinates. */
  formatEdits?(): TextEdit[];
}

export interface FixResult<A extends FixableAnalysis = FixableAnalysis> {
  text: string;
  /** Fixes applied, over every pass (alignment counts as one per pass that changed blanks). */
  applied: number;
  /** False when the passes ran out before the text settled (a bug: reported, never hidden). */
  settled: boolean;
  /** Lines of the original text that were changed or removed (0-based, sorted). */
  touched: number[];
  /** The analysis of `text` when settled (the findings of the text written); else of the original. */
  analysis: A;
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

/** The text split into lines, each with the line break that ends it (\n, \r\n or \r; none for the last). */
function splitLines(text: string): { body: string[]; breaks: string[] } {
  const body: string[] = [];
  const breaks: string[] = [];
  const re = /\r\n|\r|\n/g;
  let from = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    body.push(text.slice(from, m.index));
    breaks.push(m[0]);
    from = m.index + m[0].length;
  }
  body.push(text.slice(from));
  breaks.push('');
  return { body, breaks };
}

/** An edit in line terms: within one line, or the removal of a whole line. Anything else is not applied. */
type LineEdit = { kind: 'within'; line: number; start: number; end: number; newText: string } | { kind: 'remove'; line: number };

function toLineEdit(e: TextEdit, body: readonly string[], breaks: readonly string[]): LineEdit | undefined {
  const endLine = e.endLine ?? e.line;
  if (e.line < 0 || e.line >= body.length || /[\r\n]/.test(e.newText)) return undefined;
  if (endLine === e.line) {
    const len = body[e.line].length;
    if (e.start < 0 || e.end < e.start || e.end > len) return undefined;
    return { kind: 'within', line: e.line, start: e.start, end: e.end, newText: e.newText };
  }
  if (endLine !== e.line + 1 || e.newText !== '') return undefined;
  // removeLineEdit's two shapes: [line, 0]..[line+1, 0], and the last line with the break before it.
  if (e.start === 0 && e.end === 0 && endLine < body.length) {
    // A line between a lone \r and an empty line's \n: removing it would fuse the two breaks
    // into one \r\n and lose the empty line too (as the formatter's fusesBreaks): left as it is.
    // Refused here, never taken, so it holds back no other fix on its line; the joins that only
    // edits together make are found after (fusedBreak).
    if (e.line > 0 && breaks[e.line - 1] === '\r' && body[endLine] === '' && breaks[endLine] === '\n') return undefined;
    return { kind: 'remove', line: e.line };
  }
  if (endLine === body.length - 1 && e.start === body[e.line].length && e.end === body[endLine].length) return { kind: 'remove', line: endLine };
  return undefined;
}

/**
 * Applies groups of edits (one group per fix) to `text`: a group that overlaps one taken before
 * (or starts where one does, or touches a line another removes) is left for the next pass, so each
 * pass is consistent; a group with an edit that is not within a line or a whole line's removal is
 * not applied. Returns the text, how many groups applied, and for each new line the line it came
 * from (`origin`, -1 when it was changed).
 */
export function applyEditGroups(text: string, groups: readonly TextEdit[][]): { text: string; applied: number; appliedGroups: number[]; origin: number[]; touched: number[] } {
  const { body, breaks } = splitLines(text);
  const removed = new Set<number>();
  const within = new Map<number, { start: number; end: number; newText: string }[]>();
  const seen = new Set<string>();
  const appliedGroups: number[] = [];
  const taken: LineEdit[][] = [];
  const conflicts = (e: LineEdit) => {
    if (removed.has(e.line)) return true;
    const taken = within.get(e.line);
    if (e.kind === 'remove') return !!taken;
    return !!taken?.some((x) => (e.start < x.end && x.start < e.end) || e.start === x.start);
  };
  groups.forEach((group, index) => {
    const key = JSON.stringify(group);
    if (seen.has(key)) return; // two findings offering the same fix: once
    seen.add(key);
    const edits = group.map((e) => toLineEdit(e, body, breaks));
    if (edits.some((e) => !e || conflicts(e))) return;
    // The edits of one group must not overlap each other either.
    const lines = edits.map((e) => e!.line);
    if (new Set(lines).size !== lines.length) return;
    for (const e of edits as LineEdit[]) {
      if (e.kind === 'remove') removed.add(e.line);
      else within.set(e.line, [...(within.get(e.line) ?? []), e]);
    }
    appliedGroups.push(index);
    taken.push(edits as LineEdit[]);
  });
  // Edits that are safe one by one can fuse breaks together: a line after a lone \r removed by one
  // fix while another empties the next line leaves \r then \n, one \r\n, and a line is lost. The
  // last group that made such a join waits for the next pass, where the formatter sees it.
  for (let at = fusedBreak(body, breaks, removed, within); at >= 0; at = fusedBreak(body, breaks, removed, within)) {
    const culprit = lastIndexWhere(taken, (g) => g.some((e) => (e.kind === 'remove' ? e.line < at && !keptBetween(e.line, at, body, removed) : e.line === at)));
    if (culprit < 0) break; // cannot happen: every fused join needs an edit; never loop
    for (const e of taken[culprit]) {
      if (e.kind === 'remove') removed.delete(e.line);
      else {
        const rest = within.get(e.line)!.filter((x) => x !== e);
        if (rest.length) within.set(e.line, rest);
        else within.delete(e.line);
      }
    }
    taken.splice(culprit, 1);
    appliedGroups.splice(culprit, 1);
  }
  return { ...rebuild(body, breaks, removed, within), applied: appliedGroups.length, appliedGroups };
}

function lastIndexWhere<T>(xs: readonly T[], p: (x: T) => boolean): number {
  for (let i = xs.length - 1; i >= 0; i--) if (p(xs[i])) return i;
  return -1;
}

/** Whether a line kept between `from` and `to` (both excluded) separates them. */
function keptBetween(from: number, to: number, body: readonly string[], removed: ReadonlySet<number>): boolean {
  for (let i = from + 1; i < to && i < body.length; i++) if (!removed.has(i)) return true;
  return false;
}

/** The first kept line that would come out empty, ending in \n, right after a kept line's lone \r; or -1. */
function fusedBreak(body: readonly string[], breaks: readonly string[], removed: ReadonlySet<number>, within: ReadonlyMap<number, readonly { start: number; end: number; newText: string }[]>): number {
  let before = '';
  for (let i = 0; i < body.length; i++) {
    if (removed.has(i)) continue;
    if (before === '\r' && breaks[i] === '\n') {
      if (editedLine(body[i], within.get(i) ?? []) === '') return i;
    }
    before = breaks[i];
  }
  return -1;
}

/** A line with its edits within it applied (they do not overlap: the last first, so the earlier offsets hold). */
function editedLine(line: string, edits: readonly { start: number; end: number; newText: string }[]): string {
  for (const e of [...edits].sort((a, b) => b.start - a.start)) line = line.slice(0, e.start) + e.newText + line.slice(e.end);
  return line;
}

function rebuild(body: string[], breaks: string[], removed: ReadonlySet<number>, within: ReadonlyMap<number, { start: number; end: number; newText: string }[]>): { text: string; origin: number[]; touched: number[] } {
  const out: string[] = [];
  const origin: number[] = [];
  const touched: number[] = [];
  const last = body.length - 1;
  for (let i = 0; i <= last; i++) {
    if (removed.has(i)) {
      touched.push(i);
      // The last line goes with the break before it (removeLineEdit), so no line is added.
      if (i === last && out.length) {
        out[out.length - 1] = out[out.length - 1].replace(/(\r\n|\r|\n)$/, '');
        if (origin[origin.length - 1] >= 0) touched.push(origin[origin.length - 1]);
        origin[origin.length - 1] = -1;
      }
      continue;
    }
    const edits = within.get(i);
    if (!edits) {
      out.push(body[i] + breaks[i]);
      origin.push(i);
      continue;
    }
    const line = editedLine(body[i], edits);
    out.push(line + breaks[i]);
    const same = line === body[i];
    origin.push(same ? i : -1);
    if (!same) touched.push(i);
  }
  return { text: out.join(''), origin, touched: [...new Set(touched)].sort((a, b) => a - b) };
}

/**
 * Fixes and aligns until the text settles (at most `maxPasses` analyses). The safe fixes and the
 * alignment of the lines they leave alone go in one pass; a pass that changes nothing ends it.
 */
export function fixText<A extends FixableAnalysis>(text: string, analyse: (text: string) => A, maxPasses = 10): FixResult<A> {
  const first = analyse(text);
  let analysis = first;
  let current = text;
  let applied = 0;
  // For each line of `current`, the original line it is (unchanged), or -1.
  let origin: number[] = splitLines(text).body.map((_, i) => i);
  const touched = new Set<number>();
  for (let pass = 0; pass < maxPasses; pass++) {
    const fixes = safeFixes(analysis.findings);
    const format = (analysis.formatEdits?.() ?? []).map((e) => [e]);
    const step = applyEditGroups(current, [...fixes, ...format]);
    if (step.text === current) return { text: current, applied, settled: true, touched: [...touched].sort((a, b) => a - b), analysis };
    for (const i of step.touched) if (origin[i] >= 0) touched.add(origin[i]);
    origin = step.origin.map((o) => (o >= 0 ? origin[o] : -1));
    // Alignment is one fix per pass, however many lines it moved.
    const fixesApplied = step.appliedGroups.filter((g) => g < fixes.length).length;
    applied += fixesApplied + (fixesApplied < step.applied ? 1 : 0);
    current = step.text;
    analysis = analyse(current);
  }
  return { text: text, applied: 0, settled: false, touched: [], analysis: first };
}
