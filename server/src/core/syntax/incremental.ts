// Re-parsing after an edit without re-reading the whole document: the old and new texts are
// compared from both ends, and only the lines between the common prefix and the common suffix are
// split and parsed again. Line breaks are LSP's (\r\n, \r, \n), exactly as splitLines reads them.
import type { LineNode, SyntaxTree } from './nodes';
import { LineCache, parseLine } from './parser';

/** A parsed document and where each of its lines starts in its text. */
export interface ParsedText {
  text: string;
  tree: SyntaxTree;
  /** Offset of the first character of each line. */
  starts: number[];
}

/** Lines [from, oldTo) of the old document became lines [from, newTo) of the new one. */
export interface LineWindow {
  from: number;
  oldTo: number;
  newTo: number;
}

/**
 * Splits text[offset, end) into lines (LSP breaks), calling `line` with each line's text and start.
 * `toEnd`: the range runs to the end of the document, so the piece after the last break is a line.
 */
function splitFrom(text: string, offset: number, end: number, toEnd: boolean, line: (text: string, start: number) => void): void {
  let start = offset;
  let i = offset;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      line(text.slice(start, i), start);
      i += c === 13 && i + 1 < text.length && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      start = i;
    } else {
      i++;
    }
  }
  if (toEnd) line(text.slice(start, end), start);
}

export function parseText(text: string, cache?: LineCache): ParsedText {
  const texts: string[] = [];
  const lines: LineNode[] = [];
  const starts: number[] = [];
  // Most documents use \n only: indexOf is much faster than looking at every character.
  if (text.indexOf('\r') < 0) {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      const t = nl < 0 ? text.slice(start) : text.slice(start, nl);
      texts.push(t);
      starts.push(start);
      lines.push(cache ? cache.parse(t) : parseLine(t));
      if (nl < 0) break;
      start = nl + 1;
    }
  } else {
    splitFrom(text, 0, text.length, true, (t, start) => {
      texts.push(t);
      starts.push(start);
      lines.push(cache ? cache.parse(t) : parseLine(t));
    });
  }
  return { text, tree: { lines, texts }, starts };
}

/** The last line whose start is at or before `offset`. */
function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

// Blocks compared with ===: V8 compares flat strings natively, many times faster than a loop
// over characters or startsWith (measured: 0.2 ms against 1 ms for 350 KB).
const BLOCK = 1024;

/** Length of the common prefix of a and b. */
function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let n = 0;
  while (n + BLOCK <= max && a.slice(n, n + BLOCK) === b.slice(n, n + BLOCK)) n += BLOCK;
  while (n < max && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/** Length of the common suffix of a and b, at most `max`. */
function commonSuffix(a: string, b: string, max: number): number {
  let n = 0;
  const la = a.length;
  const lb = b.length;
  while (n + BLOCK <= max && a.slice(la - n - BLOCK, la - n) === b.slice(lb - n - BLOCK, lb - n)) n += BLOCK;
  while (n < max && a.charCodeAt(la - n - 1) === b.charCodeAt(lb - n - 1)) n++;
  return n;
}

/**
 * The new text parsed, reusing the old parse for the lines an edit did not touch, and the window
 * of lines that changed. Equal to parseText(text) in every line, text and start.
 */
export function reparseText(old: ParsedText, text: string, cache?: LineCache): { parsed: ParsedText; window: LineWindow } {
  const prefix = commonPrefix(old.text, text);
  const suffix = commonSuffix(old.text, text, Math.min(old.text.length, text.length) - prefix);
  const n0 = old.starts.length;
  // One line of margin on each side: a line break next to the edit may change meaning (\r + \n).
  const from = Math.max(0, lineAt(old.starts, prefix) - 1);
  const oldTo = Math.min(n0, lineAt(old.starts, old.text.length - suffix) + 2);
  const delta = text.length - old.text.length;
  const begin = old.starts[from];
  const end = oldTo < n0 ? old.starts[oldTo] + delta : text.length;

  const midTexts: string[] = [];
  const midLines: LineNode[] = [];
  const midStarts: number[] = [];
  splitFrom(text, begin, end, oldTo === n0, (t, start) => {
    midTexts.push(t);
    midLines.push(cache ? cache.parse(t) : parseLine(t));
    midStarts.push(start);
  });
  const newTo = from + midTexts.length;
  // Native slices and concats: a long document is copied, not walked line by line.
  const texts = old.tree.texts.slice(0, from).concat(midTexts, old.tree.texts.slice(oldTo));
  const lines = old.tree.lines.slice(0, from).concat(midLines, old.tree.lines.slice(oldTo));
  const tail = old.starts.slice(oldTo);
  if (delta !== 0) for (let i = 0; i < tail.length; i++) tail[i] += delta;
  const starts = old.starts.slice(0, from).concat(midStarts, tail);
  return { parsed: { text, tree: { lines, texts }, starts }, window: { from, oldTo, newTo } };
}
