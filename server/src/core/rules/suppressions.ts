// Reasoned exceptions: `# hai-claims-ignore ncci-ptp, mue: distinct encounter, see op note` in a
// line's comment suppresses those checks' findings on that line only. Pure: applied to a finished
// analysis's findings, so the estimate (priced from the checks' own findings) still denies the line
// as the payer would; a suppression is the coder's judgement, not CMS's.
// A directive without a reason, with an id that is no check, or that suppresses nothing is itself
// a finding (`bad-suppression`): an exception nobody can account for is not silent.
import { defineRule, type Finding, type Fix, type RuleData } from './types';
import type { RuleLevel, Settings } from '../settings';
import type { SyntaxTree } from '../syntax/nodes';
import type { Tables } from '../tables';

export const SUPPRESSION_RULE = 'bad-suppression' as const;
export const DIRECTIVE = 'hai-claims-ignore';
/** What the quick fix writes for the reason: a directive still holding it counts as having none. */
export const PLACEHOLDER_REASON = '<reason>';

/** Listed in the registry so that it has a level, docs and a SARIF rule; the work is done here. */
export const badSuppressionRule = defineRule({
  id: 'bad-suppression',
  family: 'structure',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary: 'A `# hai-claims-ignore ID: reason` comment without a reason, with an id that is no check, or with nothing to suppress on its line.',
  billing: false,
  payment: 'none',
});

export interface Directive {
  line: number;
  /** Columns of the whole directive (from `#` to the end of the comment). */
  start: number;
  end: number;
  ids: { id: string; start: number; end: number }[];
  /** Column just after `hai-claims-ignore`, where the ids begin. */
  idsAt: number;
  /** Trimmed; empty when none was given. */
  reason: string;
}

export interface SuppressedFinding extends Finding {
  /** The reason the comment gives: an auditor sees it in SARIF as the justification. */
  justification: string;
}

export interface SuppressionResult {
  /** The findings still reported, with any bad-suppression findings, in position order. */
  findings: Finding[];
  suppressed: SuppressedFinding[];
}

const DIRECTIVE_RE = /^#\s*hai-claims-ignore\b/i;

/** The directive in one line's comment, if it holds one. */
export function parseDirective(comment: { start: number; text: string } | undefined, line: number): Directive | undefined {
  if (!comment || !DIRECTIVE_RE.test(comment.text)) return undefined;
  const text = comment.text;
  const head = DIRECTIVE_RE.exec(text)![0].length;
  const colon = text.indexOf(':', head);
  const idsEnd = colon < 0 ? text.length : colon;
  const ids: Directive['ids'] = [];
  const idRe = /[^\s,]+/g;
  const idPart = text.slice(head, idsEnd);
  for (let m = idRe.exec(idPart); m; m = idRe.exec(idPart)) {
    const start = comment.start + head + m.index;
    // Check ids are lower case; `# HAI-CLAIMS-IGNORE NCCI-PTP: ...` means the same (issue 26).
    ids.push({ id: m[0].toLowerCase(), start, end: start + m[0].length });
  }
  const reason = colon < 0 ? '' : text.slice(colon + 1).trim();
  return { line, start: comment.start, end: comment.start + text.length, ids, idsAt: comment.start + head, reason };
}

/** Every directive of lines [from, to) of the document (all by default), by line. Only lines whose comment mentions the directive are parsed. */
export function directivesOf(tree: SyntaxTree, from = 0, to = tree.lines.length): Directive[] {
  const out: Directive[] = [];
  for (let line = from; line < to; line++) {
    const comment = tree.lines[line].comment;
    if (!comment || !/-ignore/i.test(comment.text)) continue;
    const d = parseDirective(comment, line);
    if (d) out.push(d);
  }
  return out;
}

/** The checks that need a national file the tables do not have: they did not run. */
export function checksWithoutData(tables: Tables): Set<string> {
  const out = new Set<string>();
  if (!tables.national.mue) out.add('mue');
  return out;
}

/**
 * Why a directive's reason does not count, or undefined when it does: none, the quick fix's
 * placeholder (in any case), or too short to tell an auditor anything (fewer than three letters or
 * digits: "x", ".", "ok"; issue 26).
 */
function reasonProblem(reason: string): 'no-reason' | 'placeholder' | 'too-short' | undefined {
  if (!reason) return 'no-reason';
  if (reason.toLowerCase().includes(PLACEHOLDER_REASON)) return 'placeholder';
  if ((reason.match(/[\p{L}\p{N}]/gu) ?? []).length < 3) return 'too-short';
  return undefined;
}

/**
 * Removes the findings a directive suppresses, and reports the directives that cannot be accounted
 * for. `knownRules`: the check ids (an unknown id is a finding). The bad-suppression level comes
 * from the settings like any rule's; `off` silences those findings, never the suppression itself.
 */
export function applySuppressions(
  findings: readonly Finding[],
  tree: SyntaxTree,
  settings: Pick<Settings, 'rules'>,
  knownRules: ReadonlySet<string>,
  /** Checks that could not run (their national file is not loaded): nothing to say about their ids. */
  notRun: ReadonlySet<string> = new Set(),
  /** The document's directives, when the caller has them (an analysis keeps each claim's). */
  directives: readonly Directive[] = directivesOf(tree),
): SuppressionResult {
  if (directives.length === 0) return { findings: [...findings], suppressed: [] };
  const byLine = new Map(directives.map((d) => [d.line, d]));
  const used = new Set<string>();
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of findings) {
    const d = byLine.get(f.line);
    const hit = d && f.rule !== SUPPRESSION_RULE && !reasonProblem(d.reason) && d.ids.some((i) => i.id === f.rule);
    if (hit) {
      // Read, not spread: a finding from the check worker decodes these when read (handlers/findings-wire.ts).
      const copy: SuppressedFinding = { ...f, data: f.data, justification: d.reason };
      if (f.related) copy.related = f.related;
      if (f.fixes) copy.fixes = f.fixes;
      suppressed.push(copy);
      used.add(`${d.line}:${f.rule}`);
    } else kept.push(f);
  }
  const level: RuleLevel = settings.rules[SUPPRESSION_RULE] ?? badSuppressionRule.defaultSeverity;
  if (level !== 'off') {
    const report = (line: number, start: number, end: number, data: RuleData['bad-suppression']) =>
      kept.push({ rule: SUPPRESSION_RULE, severity: level, line, start, end, data });
    for (const d of directives) {
      if (d.ids.length === 0) {
        report(d.line, d.start, d.end, { reason: 'no-id' });
        continue;
      }
      const problem = reasonProblem(d.reason);
      if (problem) {
        // Nothing is suppressed without a reason: the findings stay, and this says why. Only
        // check ids are named: the other words are the coder's ("per Dr Smith": issue 26).
        report(d.line, d.start, d.end, { reason: problem, ids: d.ids.map((i) => i.id).filter((id) => knownRules.has(id)) });
        continue;
      }
      for (const { id, start, end } of d.ids) {
        // The word is never quoted: it is whatever the coder typed (a name, a note).
        if (!knownRules.has(id) || id === SUPPRESSION_RULE) report(d.line, start, end, { reason: 'unknown-id', id: '' });
        // A check turned off in the settings has nothing to suppress, by the user's own choice.
        else if (!used.has(`${d.line}:${id}`) && settings.rules[id] !== 'off') report(d.line, start, end, { reason: notRun.has(id) ? 'not-run' : 'unused', id });
      }
    }
    kept.sort((a, b) => a.line - b.line || a.start - b.start);
  }
  return { findings: kept, suppressed };
}

/**
 * The quick fix that suppresses `finding` on its line with a placeholder reason to fill in (a
 * placeholder suppresses nothing until it is replaced). Adds the id to a directive the line has.
 */
export function suppressionFix(finding: Pick<Finding, 'rule' | 'line'>, tree: SyntaxTree): Fix | undefined {
  if (finding.rule === SUPPRESSION_RULE) return undefined;
  const node = tree.lines[finding.line];
  const text = tree.texts[finding.line];
  if (!node || text === undefined) return undefined;
  const title = `Suppress ${finding.rule} on this line (with a reason)`;
  const existing = parseDirective(node.comment, finding.line);
  if (existing) {
    if (existing.ids.some((i) => i.id === finding.rule)) return undefined;
    const at = existing.ids.length ? existing.ids[existing.ids.length - 1].end : existing.idsAt;
    return { title, edits: [{ line: finding.line, start: at, end: at, newText: existing.ids.length ? `, ${finding.rule}` : ` ${finding.rule}` }] };
  }
  const directive = `# ${DIRECTIVE} ${finding.rule}: ${PLACEHOLDER_REASON}`;
  if (node.comment) {
    // The directive must open the comment; the old comment follows it (as part of the reason).
    return { title, edits: [{ line: finding.line, start: node.comment.start, end: node.comment.start + 1, newText: `${directive}; ` }] };
  }
  const end = text.trimEnd().length;
  return { title, edits: [{ line: finding.line, start: end, end: text.length, newText: `  ${directive}` }] };
}
