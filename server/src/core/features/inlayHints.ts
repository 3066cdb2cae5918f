// Inlay hints: at the end of each service line's code (before a trailing comment, where the eye
// is and a laptop-wide window still shows it), the line's estimated allowable after reductions
// (`$316.50, paid 50% (MPPR)`: the share paid, never a figure that reads as the cut), or `denied`
// with the check that denies it. Read from the estimate (only the claims the requested range
// touches are priced), never computed here. haiClaims.inlayHints.lines = reductions keeps only
// the lines paid less than in full.
import { InlayHint, MarkupKind } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import type { ClaimEstimate, LineEstimate } from '../estimate/estimate';
import type { ClaimModel } from '../model/model';
import { money, priceBasisText } from './describe';

export interface LineRange {
  /** First line (0-based), inclusive. */
  start: number;
  /** Last line (0-based), inclusive. */
  end: number;
}

/** The claims with a line in [start, end], by binary search over the claims in document order. */
function claimsIn(claims: readonly ClaimModel[], r: LineRange): ClaimModel[] {
  let lo = 0;
  let hi = claims.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (claims[mid]!.endLine < r.start) lo = mid + 1;
    else hi = mid;
  }
  const out: ClaimModel[] = [];
  for (let i = lo; i < claims.length && claims[i]!.line <= r.end; i++) out.push(claims[i]!);
  return out;
}

const MPPR: ReadonlySet<string> = new Set(['mppr-surgery', 'mppr-imaging']);
const INTRA_OP: ReadonlySet<string> = new Set(['intra-op']);
/** The payment modifiers the PFS indicators price (issue 22), as a hint names them. */
const PAYMENT_MODIFIER: Readonly<Record<string, string>> = { bilateral: 'bilateral', assistant: 'assistant at surgery', 'co-surgeon': 'co-surgeon', team: 'team surgery' };

function paymentModifierNote(l: LineEstimate): string | undefined {
  const a = l.adjustments.find((x) => PAYMENT_MODIFIER[x.kind] !== undefined);
  if (!a) return undefined;
  return a.kind === 'bilateral' && l.amount === 0 && l.status !== 'not-payable' ? "paid on the other side's line" : PAYMENT_MODIFIER[a.kind];
}

/** The hint's text for one priced line. */
export function hintLabel(l: LineEstimate, denyingRule?: string): string {
  switch (l.status) {
    case 'denied':
      return denyingRule ? `denied (${denyingRule})` : 'denied';
    case 'not-payable': {
      const modifier = paymentModifierNote(l);
      return modifier ? `not payable (${modifier})` : 'not payable (NA)';
    }
    case 'unpriced':
      // never $0.00: the line has no price, it is not free
      return 'not priced';
    default: {
      const notes: string[] = [];
      // a $0 that is the table's own figure (the guide prints $0 for J1644), not a skipped price
      if (l.adjustments.some((a) => a.kind === 'zero') || (l.base === 0 && l.amount === 0)) notes.push('published allowable $0');
      const cut = (kinds: ReadonlySet<string>) => l.adjustments.filter((a) => kinds.has(a.kind)).reduce((n, a) => n + a.amount, 0);
      const mppr = cut(MPPR);
      if (mppr > 0 && l.base > 0) notes.push(`paid ${Math.round(((l.base - mppr) / l.base) * 100)}% (MPPR)`);
      // -78: only the intra-operative share of the procedure is paid (as the code lens names it)
      if (cut(INTRA_OP) > 0) notes.push('-78 intra-op share');
      const modifier = paymentModifierNote(l);
      if (modifier) notes.push(modifier);
      if (l.deniedUnits) notes.push(`${l.deniedUnits} unit${l.deniedUnits === 1 ? '' : 's'} denied${denyingRule ? ` (${denyingRule})` : ''}`);
      return [money(l.amount), ...notes].join(', ');
    }
  }
}

function tooltip(l: LineEstimate, denyingRule?: string, locality?: ClaimEstimate['locality']): string {
  const rows = [`**Estimated allowable for ${[l.code, ...l.modifiers].join('-')}${l.units !== 1 ? ` x${l.units}` : ''}**`, ''];
  if (l.status !== 'unpriced') rows.push(`Base: ${money(l.base)}${l.unitAllowable !== undefined && l.units !== 1 ? ` (${money(l.unitAllowable)} x ${l.units})` : ''}`);
  for (const a of l.adjustments) rows.push(`- ${a.amount ? `-${money(a.amount)}: ` : ''}${a.reason}`);
  if (l.status !== 'unpriced') rows.push('', `Amount: **${money(l.amount)}**`);
  if (denyingRule) rows.push('', `Denied by the \`${denyingRule}\` check (see Problems).`);
  if (l.source) rows.push('', `Source: ${l.source}. ${priceBasisText(l, locality)}`);
  return rows.join('\n');
}

/** What a hint carries to its resolve: the document and the service line. */
export interface InlayHintData {
  uri: string;
  line: number;
}

/** The check that denies `line` (from the findings' `deniesLine`), if any. */
function denyingRule(analysis: Analysis, line: number): string | undefined {
  return analysis.findings.find((f) => f.deniesLine === line)?.rule;
}

/** The line's estimate, from its claim's (only that claim is priced). */
function lineEstimate(analysis: Analysis, line: number): { l: LineEstimate; locality: ClaimEstimate['locality'] } | undefined {
  const [claim] = claimsIn(analysis.model.claims, { start: line, end: line });
  const estimate = claim && analysis.estimateOf(claim.index);
  for (const d of estimate?.dates ?? []) for (const l of d.lines) if (l.line === line) return { l, locality: estimate!.locality };
  return undefined;
}

/**
 * The hint's tooltip (base, each reduction with its reason, amount, source), made only when the
 * editor shows it: a 10,000-line file's hints would otherwise carry megabytes of tooltips.
 * The hint comes back unchanged when its line is no longer a priced service line.
 */
export function resolveInlayHint(analysis: Analysis, hint: InlayHint): InlayHint {
  const data = hint.data as Partial<InlayHintData> | undefined;
  if (typeof data?.line !== 'number') return hint;
  const found = lineEstimate(analysis, data.line);
  if (!found) return hint;
  return { ...hint, tooltip: { kind: MarkupKind.Markdown, value: tooltip(found.l, denyingRule(analysis, data.line), found.locality) } };
}

/**
 * The hints of the service lines in `range` (the whole document without one). Each sits at the
 * end of its line; its tooltip comes from resolveInlayHint. The checks that deny lines are read
 * from the findings (`deniesLine`).
 */
export function getInlayHints(analysis: Analysis, range?: LineRange, uri = ''): InlayHint[] {
  const nodes = analysis.tree.lines;
  const onlyReductions = analysis.settings.inlayHints?.lines === 'reductions';
  const r = range ?? { start: 0, end: nodes.length - 1 };
  const claims = claimsIn(analysis.model.claims, r);
  if (claims.length === 0) return [];
  const from = claims[0]!.line;
  const to = claims[claims.length - 1]!.endLine;
  const denying = new Map<number, string>();
  for (const f of analysis.findings) {
    if (f.deniesLine !== undefined && f.deniesLine >= from && f.deniesLine <= to && !denying.has(f.deniesLine)) denying.set(f.deniesLine, f.rule);
  }
  const hints: InlayHint[] = [];
  for (const c of claims) {
    const estimate = analysis.estimateOf(c.index);
    if (!estimate) continue;
    for (const d of estimate.dates) {
      for (const l of d.lines) {
        if (l.line < r.start || l.line > r.end) continue;
        if (onlyReductions && l.status === 'paid' && !l.deniedUnits) continue;
        const rule = denying.get(l.line);
        const data: InlayHintData = { uri, line: l.line };
        // after the last word of the statement: a trailing comment stays after the hint
        const character = nodes[l.line]?.contentEnd ?? 0;
        hints.push({ position: { line: l.line, character }, label: hintLabel(l, rule), paddingLeft: true, paddingRight: Boolean(nodes[l.line]?.comment), data });
      }
    }
  }
  return hints;
}
