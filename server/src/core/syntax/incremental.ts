// Re-parsing after an edit without re-reading the whole document. Two ways in: an editor's
// changes by range (the language server: only the lines around each change are split and parsed
// again, and the document's text is never rebuilt), or a new text (compared with the old one from
// both ends, and only the lines between the common prefix and suffix are re-read). Line breaks are
// LSP's (\r\n, \r, \n), exactly as splitLines reads them; positions are LSP's (line, UTF-16 column).
import { drain } from '../steps';
import { detach } from '../strings';
import type { LineNode, SyntaxTree } from './nodes';
import { LineCache, parseLine, type CachedLine } from './parser';

/** The line break after a line: none (the last line), \n, \r\n or \r. */
const BREAKS = ['', '\n', '\r\n', '\r'] as const;
type Break = 0 | 1 | 2 | 3;

/** A parsed document. */
export interface ParsedText {
  tree: SyntaxTree;
  /** The break after each line (an index into BREAKS). */
  breaks: Break[];
  /** Length of the document's text (UTF-16 code units). */
  length: number;
  /** The text and each line's first offset, when the document came as a text (not by range edits). */
  text?: string;
  starts?: number[];
}

/** Lines [from, oldTo) of the old document became lines [from, newTo) of the new one. */
export interface LineWindow {
  from: number;
  oldTo: number;
  newTo: number;
  /** The old document's lines [from, oldTo). */
  removed: string[];
}

/** An editor's change: LSP's TextDocumentContentChangeEvent (no range: the whole new text). */
export interface ContentChange {
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}

/**
 * Splits text[offset, end) into lines, calling `line` with each line's text, first offset and
 * break. `toEnd`: the range runs to the end of the document, so the piece after the last break is
 * a line too.
 */
function splitFrom(text: string, offset: number, end: number, toEnd: boolean, line: (text: string, start: number, brk: Break) => void): void {
  let start = offset;
  let i = offset;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      const crlf = c === 13 && i + 1 < text.length && text.charCodeAt(i + 1) === 10;
      line(text.slice(start, i), start, crlf ? 2 : c === 10 ? 1 : 3);
      i += crlf ? 2 : 1;
      start = i;
    } else {
      i++;
    }
  }
  if (toEnd) line(text.slice(start, end), start, 0);
}

export function parseText(text: string, cache?: LineCache): ParsedText {
  return drain(parseTextSteps(text, cache));
}

/** Lines parsed between two yields of parseTextSteps: a few milliseconds of work. */
const PARSE_STEP_LINES = 1000;

/**
 * parseText in steps: yields every few thousand lines, so a host can parse a huge document
 * without blocking (the language server answers other documents between steps).
 */
export function* parseTextSteps(text: string, cache?: LineCache): Generator<void, ParsedText> {
  // Most documents use \n only: indexOf is much faster than looking at every character.
  if (text.indexOf('\r') < 0) return yield* parseLfTextSteps(text, cache);
  const texts: string[] = [];
  const lines: LineNode[] = [];
  const starts: number[] = [];
  const breaks: Break[] = [];
  // Split first (quick), then parse in steps (the slow part).
  splitFrom(text, 0, text.length, true, (t, start, brk) => {
    texts.push(t);
    starts.push(start);
    breaks.push(brk);
  });
  for (let i = 0; i < texts.length; i++) {
    const cached = cache?.line(texts[i]);
    if (cached) texts[i] = cached.text;
    lines.push(cached ? cached.node : parseLine(texts[i]));
    if (lines.length % PARSE_STEP_LINES === 0) yield;
  }
  // The cache keeps the lines of the document last parsed whole (see LineCache).
  cache?.keepOnlyLastDocument();
  return { text, tree: { lines, texts }, breaks, length: text.length, starts };
}

/**
 * parseTextSteps of a text whose lines all end in \n. The lines are counted first, so the arrays
 * are made at their size rather than grown (and copied) line by line.
 */
function* parseLfTextSteps(text: string, cache?: LineCache): Generator<void, ParsedText> {
  let count = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  const texts = new Array<string>(count);
  const lines = new Array<LineNode>(count);
  const starts = new Array<number>(count);
  const breaks = new Array<Break>(count);
  // This text's lines seen so far, by a hash of their characters: a line seen before (most lines of
  // a batch) is found without cutting it out of the text or hashing a new string.
  const seen = cache ? new Map<number, CachedLine>() : undefined;
  let start = 0;
  for (let i = 0; i < count; i++) {
    const end = i + 1 < count ? text.indexOf('\n', start) : text.length;
    let cached: CachedLine | undefined;
    let hash = 0;
    if (seen) {
      hash = hashOf(text, start, end);
      const s = seen.get(hash);
      if (s && s.text.length === end - start && text.startsWith(s.text, start)) cached = s;
    }
    if (!cached) {
      const t = text.slice(start, end);
      cached = cache?.line(t) ?? { text: t, node: parseLine(t) };
      if (seen && !seen.has(hash)) seen.set(hash, cached);
    }
    texts[i] = cached.text;
    starts[i] = start;
    breaks[i] = i + 1 < count ? 1 : 0;
    lines[i] = cached.node;
    start = end + 1;
    if ((i + 1) % PARSE_STEP_LINES === 0) yield;
  }
  cache?.keepOnlyLastDocument();
  return { text, tree: { lines, texts }, breaks, length: text.length, starts };
}

/** FNV-1a of text[start, end), in 30 bits (a small integer to V8: a map keyed by it makes no number objects). */
function hashOf(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let k = start; k < end; k++) h = Math.imul(h ^ text.charCodeAt(k), 16777619);
  return h & 0x3fffffff;
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
 * Replaces lines [from, oldTo) of `doc` with the lines of `text` (which ends with a line break
 * unless the lines run to the end of the document), in place: the old parse belongs to the
 * analysis this edit supersedes. An edit changes a few lines of a long document; copying every
 * line would leave megabytes of garbage per keystroke in a 10,000-line file.
 */
function replaceLines(doc: ParsedText, from: number, oldTo: number, text: string, offset: number, end: number, cache: LineCache | undefined): LineWindow {
  const midTexts: string[] = [];
  const midLines: LineNode[] = [];
  const midStarts: number[] = [];
  const midBreaks: Break[] = [];
  splitFrom(text, offset, end, oldTo === doc.tree.lines.length, (sliced, start, brk) => {
    const t = detach(sliced);
    const cached = cache?.line(t);
    midTexts.push(cached ? cached.text : t);
    midLines.push(cached ? cached.node : parseLine(t));
    midStarts.push(start);
    midBreaks.push(brk);
  });
  const removed = doc.tree.texts.slice(from, oldTo);
  const count = oldTo - from;
  // spread-ok: under 10,000 lines in all (test/core/no-spread.test.ts); the else branch takes larger ones.
  if (midTexts.length + count < 10_000) {
    doc.tree.texts.splice(from, count, ...midTexts);
    doc.tree.lines.splice(from, count, ...midLines);
    doc.breaks.splice(from, count, ...midBreaks);
    doc.starts?.splice(from, count, ...midStarts);
  } else {
    // A large replacement (a paste over the whole file): new arrays, no huge argument lists.
    const put = <T>(xs: T[], mid: T[]) => xs.slice(0, from).concat(mid, xs.slice(oldTo));
    doc.tree = { texts: put(doc.tree.texts, midTexts), lines: put(doc.tree.lines, midLines) };
    doc.breaks = put(doc.breaks, midBreaks);
    if (doc.starts) doc.starts = put(doc.starts, midStarts);
  }
  return { from, oldTo, newTo: from + midTexts.length, removed };
}

/**
 * The new text parsed, reusing the old parse for the lines an edit did not touch, and the window
 * of lines that changed. Equal to parseText(text) in every line, break and start. The old parse
 * is updated in place and must not be used afterwards. It must have its text (parseText's).
 */
export function reparseText(old: ParsedText, text: string, cache?: LineCache): { parsed: ParsedText; window: LineWindow } {
  if (old.text === undefined || !old.starts) {
    const parsed = parseText(text, cache);
    return { parsed, window: { from: 0, oldTo: old.tree.texts.length, newTo: parsed.tree.texts.length, removed: old.tree.texts } };
  }
  const oldText = old.text;
  const starts = old.starts;
  const prefix = commonPrefix(oldText, text);
  const suffix = commonSuffix(oldText, text, Math.min(oldText.length, text.length) - prefix);
  const n0 = starts.length;
  // One line of margin on each side: a line break next to the edit may change meaning (\r + \n).
  const from = Math.max(0, lineAt(starts, prefix) - 1);
  const oldTo = Math.min(n0, lineAt(starts, oldText.length - suffix) + 2);
  const delta = text.length - oldText.length;
  const begin = starts[from];
  const end = oldTo < n0 ? starts[oldTo] + delta : text.length;
  const window = replaceLines(old, from, oldTo, text, begin, end, cache);
  const shifted = old.starts ?? [];
  if (delta !== 0) for (let i = window.newTo; i < shifted.length; i++) shifted[i] += delta;
  old.text = text;
  old.length = text.length;
  return { parsed: old, window };
}

/** The offset in `doc` of an LSP position, clamped as vscode-languageserver-textdocument clamps. */
function clampPosition(doc: ParsedText, p: { line: number; character: number } | undefined): { line: number; character: number } {
  const n = doc.tree.texts.length;
  // Never throws: a position that is not a pair of numbers counts as the start.
  const line = Number.isFinite(p?.line) ? Math.floor(p!.line) : 0;
  const character = Number.isFinite(p?.character) ? Math.floor(p!.character) : 0;
  if (line >= n) return { line: n - 1, character: doc.tree.texts[n - 1].length };
  if (line < 0) return { line: 0, character: 0 };
  return { line, character: Math.max(0, Math.min(character, doc.tree.texts[line].length)) };
}

/**
 * Two windows in a row as one: `a` took the first document to a second, `b` the second to
 * `texts` (the current lines). The result takes the first document to the current one; its
 * `removed` lines are the first document's.
 */
export function composeWindows(a: LineWindow, b: LineWindow, texts: readonly string[]): LineWindow {
  const from = Math.min(a.from, b.from);
  const aGrew = a.newTo - a.oldTo;
  const bGrew = b.newTo - b.oldTo;
  const midEnd = Math.max(a.newTo, b.oldTo);
  const oldTo = midEnd === a.newTo ? a.oldTo : b.oldTo - aGrew;
  const newTo = midEnd === b.oldTo ? b.newTo : a.newTo + bGrew;
  // A line of the second document: replaced by `b` (its old text is in b.removed) or still here.
  const middle = (j: number): string => (j >= b.from && j < b.oldTo ? b.removed[j - b.from] : j < b.from ? texts[j] : texts[j + bGrew]);
  const removed: string[] = [];
  for (let i = from; i < oldTo; i++) {
    if (i >= a.from && i < a.oldTo) removed.push(a.removed[i - a.from]);
    else removed.push(middle(i < a.from ? i : i + aGrew));
  }
  return { from, oldTo, newTo, removed };
}

/**
 * Applies an editor's changes, in order, to the parsed document in place (text and starts are
 * dropped: nothing rebuilds the whole text). Only the lines around each change are split and
 * parsed again. Returns the window of lines that changed, from the document before the first
 * change to the document after the last.
 */
export function applyChanges(doc: ParsedText, changes: readonly ContentChange[], cache?: LineCache): LineWindow {
  doc.text = undefined;
  doc.starts = undefined;
  let window: LineWindow | undefined;
  for (const change of changes) {
    const w = applyChange(doc, change, cache);
    window = window ? composeWindows(window, w, doc.tree.texts) : w;
  }
  return window ?? { from: 0, oldTo: 0, newTo: 0, removed: [] };
}

function applyChange(doc: ParsedText, change: ContentChange, cache?: LineCache): LineWindow {
  const n = doc.tree.texts.length;
  const inserted = typeof change.text === 'string' ? change.text : '';
  if (!change.range) {
    const fresh = parseText(inserted, cache);
    const removed = doc.tree.texts;
    doc.tree = fresh.tree;
    doc.breaks = fresh.breaks;
    doc.length = fresh.length;
    return { from: 0, oldTo: n, newTo: fresh.tree.texts.length, removed };
  }
  let start = clampPosition(doc, change.range.start);
  let end = clampPosition(doc, change.range.end);
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) [start, end] = [end, start];
  // The changed lines with one line of margin each side, as text: a break next to the change may
  // join another (\r then \n), exactly as in the whole text.
  const from = Math.max(0, start.line - 1);
  const oldTo = Math.min(n, end.line + 2);
  const { texts } = doc.tree;
  let text = '';
  let at = 0;
  let removedLength = 0;
  for (let i = from; i < oldTo; i++) {
    if (i === start.line) at = text.length + start.character;
    if (i === end.line) removedLength = text.length + end.character - at;
    text += texts[i] + BREAKS[doc.breaks[i]];
  }
  const edited = text.slice(0, at) + inserted + text.slice(at + removedLength);
  doc.length += inserted.length - removedLength;
  return replaceLines(doc, from, oldTo, edited, 0, edited.length, cache);
}

/** The break that ends each line (none after the last), as strings. */
export function lineBreaksOf(doc: ParsedText): string[] {
  return doc.breaks.slice(0, -1).map((b) => BREAKS[b]);
}

/** The document's text, rebuilt from its lines (for hosts that need it whole). */
export function textOf(doc: ParsedText): string {
  if (doc.text !== undefined) return doc.text;
  let out = '';
  for (let i = 0; i < doc.tree.texts.length; i++) out += doc.tree.texts[i] + BREAKS[doc.breaks[i]];
  return out;
}

