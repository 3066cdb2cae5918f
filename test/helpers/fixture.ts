// Fixture text with markers, in the style of Langium's test helpers:
//   `|`      the cursor (at most one)
//   `[[` `]]` an expected range (any number, single-line or not)
// The markers are removed; positions refer to the clean text.
import assert from 'node:assert/strict';
import { analyze, type Analysis } from '../../server/src/core/analysis';
import type { Finding } from '../../server/src/core/rules/types';
import type { Settings } from '../../server/src/core/settings';
import { loadDefaultTables, type Tables } from '../../server/src/core/tables';

export interface Pos { line: number; character: number }
export interface MarkedRange { start: Pos; end: Pos }

export interface Marked {
  text: string;
  cursor?: Pos;
  ranges: MarkedRange[];
}

export function parseMarked(source: string): Marked {
  let text = '';
  let line = 0;
  let character = 0;
  let cursor: Pos | undefined;
  const ranges: MarkedRange[] = [];
  const open: Pos[] = [];
  for (let i = 0; i < source.length; i++) {
    if (source.startsWith('[[', i)) { open.push({ line, character }); i++; continue; }
    if (source.startsWith(']]', i)) {
      const start = open.pop();
      if (!start) throw new Error('fixture: "]]" without "[["');
      ranges.push({ start, end: { line, character } });
      i++;
      continue;
    }
    const ch = source[i];
    if (ch === '|') {
      if (cursor) throw new Error('fixture: more than one cursor');
      cursor = { line, character };
      continue;
    }
    text += ch;
    if (ch === '\n') { line++; character = 0; } else character++;
  }
  if (open.length) throw new Error('fixture: "[[" without "]]"');
  return { text, cursor, ranges };
}

/** Removes the common indentation of a template literal, so fixtures can be indented in tests. */
export function claim(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').replace(/\n\s*$/, '\n').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

export function run(source: string, opts: { settings?: Settings; tables?: Tables } = {}): { analysis: Analysis; marked: Marked } {
  const marked = parseMarked(source);
  const analysis = analyze(marked.text, opts.tables ?? loadDefaultTables(), { settings: opts.settings });
  assert.deepEqual(analysis.internalErrors, [], 'no rule may fail');
  return { analysis, marked };
}

export function findingRange(f: Finding): MarkedRange {
  return { start: { line: f.line, character: f.start }, end: { line: f.endLine ?? f.line, character: f.end } };
}

/** Asserts that `rule` fires exactly on the marked ranges (and nowhere else). Returns its findings. */
export function expectRule(source: string, rule: string, opts: { settings?: Settings; tables?: Tables; severity?: Finding['severity'] } = {}): Finding[] {
  const { analysis, marked } = run(source, opts);
  const found = analysis.findings.filter((f) => f.rule === rule);
  assert.deepEqual(found.map(findingRange), marked.ranges, `${rule} ranges`);
  if (opts.severity) for (const f of found) assert.equal(f.severity, opts.severity, `${rule} severity`);
  return found;
}

/** Asserts that no finding of `rule` is reported. */
export function expectNoRule(source: string, rule: string, opts: { settings?: Settings; tables?: Tables } = {}): void {
  const { analysis } = run(source, opts);
  const found = analysis.findings.filter((f) => f.rule === rule);
  assert.deepEqual(found.map((f) => `${f.line + 1}:${f.start + 1} ${f.rule}`), [], `${rule} must not fire`);
}

/** Applies LSP-style edits (line/character spans) to text. */
export function applyEdits(text: string, edits: { line: number; start: number; end: number; endLine?: number; newText: string }[]): string {
  const lines = text.split('\n');
  const offset = (line: number, ch: number) => lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + ch;
  const sorted = [...edits].sort((a, b) => offset(b.line, b.start) - offset(a.line, a.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.line, e.start)) + e.newText + out.slice(offset(e.endLine ?? e.line, e.end));
  return out;
}
