// Diagnosis list checks: the same diagnosis listed twice on one claim.
import type { ClaimModel, DxModel } from '../model/model';
import type { SyntaxTree } from '../syntax/nodes';
import { defineRule, type Fix, type Rule, type TextEdit } from './types';
import { removeLineEdit, span } from './util';

const dxDuplicate = defineRule({
  id: 'dx-duplicate',
  family: 'structure',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary: 'The same diagnosis on two dx lines of one claim: the fix removes the repeat and re-points the service lines.',
  billing: false,
  payment: 'none',
  checkClaim(claim, ctx) {
    const first = new Map<string, number>();
    claim.diagnoses.forEach((dx, i) => {
      if (!dx.node.value) return;
      const at = first.get(dx.code);
      if (at === undefined) {
        first.set(dx.code, i);
        return;
      }
      const original = claim.diagnoses[at];
      const fix = removeAndRepoint(ctx.tree, claim, i, at);
      ctx.report({
        rule: 'dx-duplicate',
        ...span(dx.line, dx.node.value),
        data: { code: dx.code, letter: dx.letter ?? '', firstLetter: original.letter ?? '', firstLine: original.line + 1 },
        related: [{ ...span(original.line, original.node.value!), label: `the first ${dx.code}` }],
        fixes: fix ? [fix] : undefined,
      });
    });
  },
});

/**
 * Removes diagnosis `repeat` and rewrites every pointer list: a pointer at the repeat points at
 * `original`, later letters move up one (letters follow the order of the dx lines). No fix when a
 * letter cannot be mapped or a pointer list holds a malformed pointer it would drop.
 */
function removeAndRepoint(tree: SyntaxTree, claim: ClaimModel, repeat: number, original: number): Fix | undefined {
  const dx: readonly DxModel[] = claim.diagnoses;
  const target = dx[original].letter;
  if (!target) return undefined;
  const moved = new Map<string, string>();
  dx.forEach((d, i) => {
    if (!d.letter) return;
    if (i === repeat) moved.set(d.letter, target);
    else if (i > repeat && dx[i - 1].letter) moved.set(d.letter, dx[i - 1].letter!);
  });
  const edits: TextEdit[] = [removeLineEdit(tree, dx[repeat].line)];
  for (const date of claim.dates) {
    for (const s of date.services) {
      const toks = s.node.pointers;
      if (toks.length === 0 || !s.pointers.some((p) => moved.has(p))) continue;
      if (s.node.problems.some((p) => p.rule === 'bad-pointer' && p.data.reason === 'form')) return undefined;
      const letters = [...new Set(s.pointers.map((p) => moved.get(p) ?? p))];
      edits.push({ line: s.line, start: toks[0].start, end: toks[toks.length - 1].end, newText: letters.join(',') });
    }
  }
  // Safe for --fix: the claim says the same (one diagnosis, every service pointing at it), unless
  // the line carries a comment, the coder's words, which --fix never removes (issue 26).
  const commented = !!tree.lines[dx[repeat].line]?.comment;
  return { title: `Remove the repeated ${dx[repeat].code} and point its services at ${target}`, edits, preferred: true, safe: !commented || undefined };
}

export const diagnosisRules: Rule[] = [dxDuplicate];
