// What is at a position: the token under the cursor and the claim, date and line it belongs to.
// Hover, completion and code actions all start here, from the one analysis.
import type { Range } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import type { ClaimModel, DateModel, DxModel, ServiceModel } from '../model/model';
import type { Tok } from '../syntax/nodes';
import type { Span } from '../rules/types';

export interface LineContext {
  claim?: ClaimModel;
  date?: DateModel;
  service?: ServiceModel;
  dx?: DxModel;
}

export type Target =
  | { kind: 'code'; tok: Tok; service?: ServiceModel }
  | { kind: 'modifier'; tok: Tok; index: number; service?: ServiceModel }
  | { kind: 'units'; tok: Tok; service?: ServiceModel }
  | { kind: 'pointer'; tok: Tok; letter: string; service?: ServiceModel }
  | { kind: 'dx'; tok: Tok; dx?: DxModel }
  | { kind: 'pos'; tok: Tok; date?: DateModel }
  | { kind: 'state'; tok: Tok }
  | { kind: 'payer'; tok: Tok }
  | { kind: 'start'; tok: Tok }
  | { kind: 'on'; tok: Tok; date?: DateModel }
  | { kind: 'claim'; tok: Tok; claim?: ClaimModel }
  | { kind: 'locality'; tok: Tok; claim?: ClaimModel; line: number };

/**
 * A position clamped to the document, as LSP and VS Code read one: a line past the last is the
 * end of the last line, a column past its line's end is the end, a negative (or NaN) line is the
 * start of the document, fractions are rounded down. Every feature entry clamps first: a request
 * at line 2147483647 costs what a request at the last line costs (issue 17).
 */
export function clampPosition(analysis: Analysis, line: number, character: number): { line: number; character: number } {
  const texts = analysis.tree.texts;
  const last = Math.max(0, texts.length - 1);
  const endOf = (l: number) => texts[l]?.length ?? 0;
  if (!(line >= 0)) return { line: 0, character: 0 };
  if (line > last) return { line: last, character: endOf(last) };
  const l = Math.floor(line);
  return { line: l, character: character >= 0 ? Math.min(Math.floor(character), endOf(l)) : 0 };
}

/** A range with both ends clamped to the document (clampPosition). */
export function clampRange(analysis: Analysis, r: Range): Range {
  return { start: clampPosition(analysis, r.start.line, r.start.character), end: clampPosition(analysis, r.end.line, r.end.character) };
}

/**
 * The claim, date, service or diagnosis on a line. Claims and their dates are in line order, so
 * this is a binary search: nothing is built per analysis, whatever the document's size.
 */
export function contextAt(analysis: Analysis, line: number): LineContext {
  const claim = lastAtOrBefore(analysis.model.claims, line);
  if (!claim || line > claim.endLine) return {};
  const date = lastAtOrBefore(claim.dates, line);
  if (date && line <= date.endLine) {
    const service = lastAtOrBefore(date.services, line);
    if (service?.line === line) return { claim, date, service };
    return { claim, date };
  }
  const dx = lastAtOrBefore(claim.diagnoses, line);
  return dx?.line === line ? { claim, dx } : { claim };
}


/** The last item whose `line` is at or before `line`, in a list sorted by line. */
export function lastAtOrBefore<T extends { line: number }>(items: readonly T[], line: number): T | undefined {
  let lo = 0;
  let hi = items.length - 1;
  let found: T | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].line <= line) {
      found = items[mid];
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

const within = (tok: Tok | undefined, ch: number): tok is Tok => !!tok && ch >= tok.start && ch <= tok.end;

export function targetAt(analysis: Analysis, line: number, character: number): Target | undefined {
  const node = analysis.tree.lines[line];
  if (!node) return undefined;
  if (node.comment && character > node.comment.start) return undefined;
  const ctx = contextAt(analysis, line);
  switch (node.kind) {
    case 'service': {
      if (within(node.code, character)) return { kind: 'code', tok: node.code, service: ctx.service };
      const mi = node.modifiers.findIndex((m) => character >= m.dash && character <= m.end);
      if (mi >= 0) return { kind: 'modifier', tok: node.modifiers[mi], index: mi, service: ctx.service };
      if (within(node.units, character)) return { kind: 'units', tok: node.units, service: ctx.service };
      const p = node.pointers.find((t) => within(t, character));
      if (p) return { kind: 'pointer', tok: p, letter: p.text.toUpperCase(), service: ctx.service };
      return undefined;
    }
    case 'dx':
      if (within(node.value, character) || within(node.keyword, character)) return { kind: 'dx', tok: node.value ?? node.keyword, dx: ctx.dx };
      return undefined;
    case 'pos':
      if (within(node.value, character) || within(node.keyword, character)) return { kind: 'pos', tok: node.value ?? node.keyword };
      return undefined;
    case 'state':
      if (node.value && (within(node.value, character) || within(node.keyword, character))) return { kind: 'state', tok: node.value };
      return undefined;
    case 'payer':
      if (node.value && (within(node.value, character) || within(node.keyword, character))) return { kind: 'payer', tok: node.value };
      return undefined;
    case 'start':
      if (node.value && (within(node.value, character) || within(node.keyword, character))) return { kind: 'start', tok: node.value };
      return undefined;
    case 'on':
      if (node.pos && (within(node.pos, character) || within(node.posKeyword, character))) return { kind: 'pos', tok: node.pos, date: ctx.date };
      if (character >= node.keyword.start && character <= node.contentEnd) return { kind: 'on', tok: { start: node.keyword.start, end: node.contentEnd, text: '' }, date: ctx.date };
      return undefined;
    case 'locality':
    case 'county':
      if (character >= node.keyword.start && character <= node.contentEnd) return { kind: 'locality', tok: { start: node.keyword.start, end: node.contentEnd, text: '' }, claim: ctx.claim, line };
      break;
    case 'claim':
      if (character >= node.keyword.start && character <= node.contentEnd) return { kind: 'claim', tok: { start: node.keyword.start, end: node.contentEnd, text: '' }, claim: ctx.claim };
      return undefined;
    default:
      return undefined;
  }
}

export function toRange(s: Span): Range {
  return { start: { line: s.line, character: s.start }, end: { line: s.endLine ?? s.line, character: s.end } };
}

export function tokRange(line: number, tok: { start: number; end: number }): Range {
  return { start: { line, character: tok.start }, end: { line, character: tok.end } };
}
