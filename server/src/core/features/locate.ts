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
  | { kind: 'claim'; tok: Tok; claim?: ClaimModel };

const contexts = new WeakMap<Analysis, Map<number, LineContext>>();

/** Line number -> the claim, date, service or diagnosis on that line. Built once per analysis. */
export function lineContexts(analysis: Analysis): Map<number, LineContext> {
  let map = contexts.get(analysis);
  if (map) return map;
  map = new Map();
  for (const claim of analysis.model.claims) {
    for (let l = claim.line; l <= claim.endLine; l++) map.set(l, { claim });
    for (const dx of claim.diagnoses) map.set(dx.line, { claim, dx });
    for (const date of claim.dates) {
      for (let l = date.line; l <= date.endLine; l++) map.set(l, { claim, date });
      for (const service of date.services) map.set(service.line, { claim, date, service });
    }
  }
  contexts.set(analysis, map);
  return map;
}

export function contextAt(analysis: Analysis, line: number): LineContext {
  return lineContexts(analysis).get(line) ?? {};
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
