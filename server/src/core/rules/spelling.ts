// Spelling: keywords and values are read in any case (`PAYER Medicare`, `Pos 21`, `state ga`),
// as people type them; a spelling other than the canonical one is a hint with the fix, never a
// reason to skip a check (issue 13: `payer Medicare` read as an unknown payer passed an NCCI denial).
import { lookupPayer } from '../payers';
import { reportLineProblems } from './structure';
import { defineRule, type Rule } from './types';
import { span } from './util';

const spelling = defineRule({
  id: 'spelling',
  family: 'structure',
  defaultSeverity: 'hint',
  severities: ['hint'],
  summary: 'A keyword or value in another case than its canonical spelling (`PAYER Medicare`, `Pos 21`, `state ga`): read as meant; the quick fix and the formatter write it canonically.',
  billing: false,
  payment: 'none',
  checkDocument: (ctx) => reportLineProblems(ctx, 'spelling'),
  checkClaim(claim, ctx) {
    const tok = claim.payer?.node.value;
    const match = claim.payer && lookupPayer(claim.payer.value);
    if (!claim.payer || !tok || !match || match.exact) return;
    const expected = match.payer.id;
    ctx.report({
      rule: 'spelling',
      ...span(claim.payer.line, tok),
      data: { reason: 'payer', found: tok.text, expected },
      // Safe for --fix: only the case changes.
      fixes: [{ title: `Change "${tok.text}" to "${expected}"`, edits: [{ ...span(claim.payer.line, tok), newText: expected }], preferred: true, safe: true }],
    });
  },
});

export const spellingRules: Rule[] = [spelling];
