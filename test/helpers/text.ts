// Text positions as LSP counts them (lines end at \r\n, \r or \n; columns are UTF-16 code units),
// written here independently of the server's TextDocument so tests do not check the server's
// arithmetic with the same arithmetic.
import assert from 'node:assert/strict';

export type { Position, Range } from 'vscode-languageserver-types';
import type { Position, Range } from 'vscode-languageserver-types';

/** The lines of `text` without their breaks. */
export function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Offset of each line's first character. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (ch === 10) starts.push(i + 1);
  }
  return starts;
}

/** The offset of a position that lies inside the text (`lines` and `starts` of that text). */
export function offsetAt(lines: readonly string[], starts: readonly number[], p: Position): number {
  assert.ok(p.line >= 0 && p.line < starts.length, `line ${p.line} outside the text`);
  assert.ok(p.character >= 0 && p.character <= lines[p.line].length, `character ${p.character} outside line ${p.line}`);
  return starts[p.line] + p.character;
}

/** Applies LSP text edits (ranges in the original text, non-overlapping) to a string. */
export function applyTextEdits(text: string, edits: { range: Range; newText: string }[]): string {
  const starts = lineStarts(text);
  const lines = linesOf(text);
  const spans = edits.map((e) => ({ from: offsetAt(lines, starts, e.range.start), to: offsetAt(lines, starts, e.range.end), newText: e.newText }));
  spans.sort((a, b) => b.from - a.from || b.to - a.to);
  let out = text;
  for (const s of spans) out = out.slice(0, s.from) + s.newText + out.slice(s.to);
  return out;
}

/** Applies one incremental change (as didChange sends it) to a string. */
export function applyChange(text: string, range: Range, newText: string): string {
  return applyTextEdits(text, [{ range, newText }]);
}

/** Asserts that a range lies inside the document: line < line count, character <= that line's length, start <= end. */
export function assertRangeInside(lines: readonly string[], r: Range, what: string): void {
  for (const [name, p] of [['start', r.start], ['end', r.end]] as const) {
    assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < lines.length, `${what}: ${name} line ${p.line} outside 0..${lines.length - 1}`);
    assert.ok(Number.isInteger(p.character) && p.character >= 0 && p.character <= lines[p.line].length, `${what}: ${name} character ${p.character} beyond line ${p.line} (length ${lines[p.line].length})`);
  }
  assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), `${what}: range ends before it starts`);
}
