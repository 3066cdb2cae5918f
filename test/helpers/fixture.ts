// Fixture text with markers, in the style of Langium's test helpers:
//   `|`      the cursor (at most one)
//   `[[` `]]` an expected range (any number, single-line or not)
// The markers are removed; positions refer to the clean text.
import assert from 'node:assert/strict';
import { analyze, type Analysis } from '../../server/src/core/analysis';
import { RULES } from '../../server/src/core/rules';
import type { Finding } from '../../server/src/core/rules/types';
import type { Settings } from '../../server/src/core/settings';
import { loadDefaultTables, type Tables } from '../../server/src/core/tables';

/** Positions and ranges as LSP has them: one definition for every test (test/helpers/text.ts). */
export type { Position as Pos, Range as MarkedRange } from './text';
import type { Position as Pos, Range as MarkedRange } from './text';

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

/**
 * Applies LSP-style edits (line/character spans, all in the coordinates of the original text) the
 * way an editor does: ranges must not overlap, and an insertion at the start of a deleted range
 * stays (it comes first). Line breaks may be \n, \r\n or \r.
 */
export function applyEdits(text: string, edits: { line: number; start: number; end: number; endLine?: number; newText: string }[]): string {
  const lineStarts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) lineStarts.push(m.index + m[0].length);
  const offset = (line: number, ch: number) => {
    assert.ok(line < lineStarts.length, `edit line ${line} is past the end of the text`);
    return lineStarts[line] + ch;
  };
  const spans = edits
    .map((e, i) => ({ from: offset(e.line, e.start), to: offset(e.endLine ?? e.line, e.end), text: e.newText, i }))
    .sort((a, b) => a.from - b.from || a.to - b.to || a.i - b.i);
  let out = '';
  let at = 0;
  for (const s of spans) {
    assert.ok(s.from >= at && s.to >= s.from, 'edits overlap');
    out += text.slice(at, s.from) + s.text;
    at = s.to;
  }
  return out + text.slice(at);
}

/**
 * For every finding of `rule` in the (marker-free) text: applies each of its quick fixes and
 * asserts that the result re-analyses without that finding and without any new structure finding.
 * Returns the fixed texts, one per fix, in order.
 */
export function expectFixesClear(source: string, rule: string, opts: { settings?: Settings; tables?: Tables } = {}): string[] {
  const { analysis, marked } = run(source, opts);
  const tables = opts.tables ?? loadDefaultTables();
  const found = analysis.findings.filter((f) => f.rule === rule);
  assert.ok(found.length > 0, `${rule} must fire before it can be fixed`);
  const structure = (a: Analysis) => a.findings.filter((f) => isStructureRule(f.rule));
  const before = new Set(structure(analysis).map(findingKey));
  const texts: string[] = [];
  for (const f of found) {
    assert.ok(f.fixes && f.fixes.length > 0, `${rule} at ${f.line + 1}:${f.start + 1} has no fix`);
    for (const fix of f.fixes) {
      const fixed = applyEdits(marked.text, fix.edits);
      const after = analyze(fixed, tables, { settings: opts.settings });
      assert.deepEqual(after.internalErrors, []);
      const left = after.findings.filter((g) => g.rule === rule).length;
      assert.ok(left < found.length, `fix "${fix.title}" must clear ${rule} at ${f.line + 1}:${f.start + 1}`);
      const added = structure(after).map(findingKey).filter((k) => !before.has(k) && !k.startsWith(`${rule} `));
      assert.deepEqual(added, [], `fix "${fix.title}" must not add structure findings`);
      texts.push(fixed);
    }
  }
  return texts;
}

const STRUCTURE_RULES: ReadonlySet<string> = new Set(RULES.filter((r) => r.family === 'structure').map((r) => r.id));
export function isStructureRule(id: string): boolean {
  return STRUCTURE_RULES.has(id);
}

/** A finding's identity that survives edits on other lines: rule, data, no position. */
function findingKey(f: Finding): string {
  return `${f.rule} ${JSON.stringify(f.data)}`;
}
