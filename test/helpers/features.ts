// Shared by the feature tests: a claim head and the cursor-marked hover and completion calls.
import assert from 'node:assert/strict';
import type { MarkupContent } from 'vscode-languageserver-types';
import { doComplete, doHover } from '../../server/src/core/languageService';
import type { Tables } from '../../server/src/core/tables';
import { claim, run } from './fixture';

export const HEAD = claim`
  claim "implant"
  payer medicare
  state GA
  pos 21
  start 2026-03-02
  dx C78.7
  dx C18.6
`;

/** The hover text at the fixture's `|` cursor. */
export function hoverAt(source: string, tables?: Tables): string {
  const { analysis, marked } = run(source, tables ? { tables } : {});
  assert.ok(marked.cursor, 'fixture needs a | cursor');
  const h = doHover(analysis, marked.cursor.line, marked.cursor.character);
  assert.ok(h, 'expected a hover');
  return (h.contents as MarkupContent).value;
}

/** The completion items at the fixture's `|` cursor. */
export function completeAt(source: string, tables?: Tables) {
  const { analysis, marked } = run(source, tables ? { tables } : {});
  assert.ok(marked.cursor, 'fixture needs a | cursor');
  return doComplete(analysis, marked.cursor.line, marked.cursor.character).items;
}
