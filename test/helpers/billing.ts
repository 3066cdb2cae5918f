// Helpers for the billing-rule tests: a Medicare claim header around a marked body, and assertions
// on one finding's range, severity, related line, message and quick fixes.
import assert from 'node:assert/strict';
import { messageOf } from '../../server/src/core/rules/messages';
import type { Finding, Severity } from '../../server/src/core/rules/types';
import type { Settings } from '../../server/src/core/settings';
import type { Tables } from '../../server/src/core/tables';
import { applyEdits, claim, expectNoRule, expectRule, parseMarked, run } from './fixture';

export { claim };

export interface Header {
  /** `null` leaves the line out. Defaults: pos 21, state GA, dx C78.7, no start. */
  pos?: string | null;
  state?: string | null;
  start?: string;
  dx?: string[];
}

/** A Medicare claim: the header lines, then `body` (already dedented by `claim`). */
export function medicare(body: string, h: Header = {}): string {
  const lines = ['claim "T"', 'payer medicare'];
  const state = h.state === undefined ? 'GA' : h.state;
  const pos = h.pos === undefined ? '21' : h.pos;
  if (state !== null) lines.push(`state ${state}`);
  if (pos !== null) lines.push(`pos ${pos}`);
  if (h.start) lines.push(`start ${h.start}`);
  for (const dx of h.dx ?? ['C78.7']) lines.push(`dx ${dx}`);
  return `${lines.join('\n')}\n${body}`;
}

export interface Expect {
  severity: Severity;
  /** The token the finding's related information starts with (the other line's code). */
  related?: string;
  /** Each must match the message: what is wrong, why (its source), what to do. */
  message?: RegExp[];
  settings?: Settings;
  tables?: Tables;
}

/** The text a span covers in the clean fixture text. */
export function textAt(source: string, s: { line: number; start: number; end: number }): string {
  return parseMarked(source).text.split('\n')[s.line].slice(s.start, s.end);
}

/**
 * Asserts the rule fires exactly on the marked ranges, each with the severity, related line and
 * message given. Returns the findings.
 */
export function expectFindings(source: string, rule: string, e: Expect): Finding[] {
  const found = expectRule(source, rule, { severity: e.severity, settings: e.settings, tables: e.tables });
  assert.ok(found.length > 0, `${rule} must fire`);
  for (const f of found) {
    if (e.related !== undefined) {
      assert.equal(f.related?.length, 1, `${rule}: one related location`);
      const rel = f.related![0];
      assert.ok(textAt(source, rel).startsWith(e.related), `${rule}: related is "${textAt(source, rel)}", expected it to start with ${e.related}`);
      assert.ok(rel.label.length > 0, `${rule}: related has a label`);
    }
    const msg = messageOf(f);
    for (const re of e.message ?? []) assert.match(msg, re, `${rule} message`);
  }
  return found;
}

/** Applies the finding's fix (the preferred one unless `title` picks another) and returns the new clean text. */
export function applyFix(source: string, f: Finding, title?: RegExp): string {
  const fix = title ? f.fixes?.find((x) => title.test(x.title)) : (f.fixes?.find((x) => x.preferred) ?? f.fixes?.[0]);
  assert.ok(fix, `${f.rule}: a fix${title ? ` matching ${title}` : ''}`);
  return applyEdits(parseMarked(source).text, fix.edits);
}

/** Asserts that after the fix, the rule no longer fires anywhere. Returns the fixed text. */
export function expectFixClears(source: string, f: Finding, title?: RegExp): string {
  const fixed = applyFix(source, f, title);
  expectNoRule(fixed, f.rule);
  return fixed;
}

export { expectNoRule, expectRule, run };
