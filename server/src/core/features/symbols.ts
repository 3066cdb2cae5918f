// Outline: claims, their dates, and the lines billed on each date.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import type { ClaimModel } from '../model/model';
import { dateLabel } from '../rules/util';
import { PLAN } from '../plan';
import { money } from './describe';

/**
 * How many claims the outline lists: at most `max`, and as many as fit in PLAN.outlineSymbols
 * entries with their dates and lines (at least one).
 */
export function outlineClaimCount(claims: readonly ClaimModel[], max: number = PLAN.outlineClaims): number {
  let count = 0;
  let entries = 0;
  for (const claim of claims) {
    if (count >= max) break;
    let own = 1 + claim.dates.length;
    for (const d of claim.dates) own += d.services.length > PLAN.outlineLines ? PLAN.outlineLines + 1 : d.services.length;
    if (count > 0 && entries + own > PLAN.outlineSymbols) break;
    entries += own;
    count++;
  }
  return count;
}

/**
 * The outline: at most `max` claims (PLAN.outlineClaims) and PLAN.outlineSymbols entries, then one
 * entry that says how many more claims there are, so the answer on a file of 200,000 claims or of
 * 60,000 lines stays bounded (issue 23).
 */
export function findDocumentSymbols(analysis: Analysis, max: number = PLAN.outlineClaims): DocumentSymbol[] {
  const texts = analysis.tree.texts;
  const lineEnd = (l: number) => texts[l]?.length ?? 0;
  const all = analysis.model.claims;
  const listed = outlineClaimCount(all, max);
  const claims = listed < all.length ? all.slice(0, listed) : all;
  // By index and by line, not by searching the lists: O(n) in claims and dates (issue 17).
  const symbols = claims.map((claim): DocumentSymbol => {
    const est = analysis.estimateOf(claim.index);
    // A date estimate may cover several blocks of one day: each block's line finds it.
    const byLine = new Map<number, NonNullable<typeof est>['dates'][number]>();
    for (const d of est?.dates ?? []) for (const l of d.blockLines) byLine.set(l, d);
    const nameTok = claim.node.name ?? claim.node.keyword;
    return {
      name: claim.name || '(unnamed claim)',
      detail: est?.notEstimated !== undefined ? 'not estimated' : est && est.dates.length ? `est. ${money(est.total)}` : undefined,
      kind: SymbolKind.Namespace,
      range: { start: { line: claim.line, character: 0 }, end: { line: claim.endLine, character: lineEnd(claim.endLine) } },
      selectionRange: { start: { line: claim.line, character: nameTok.start }, end: { line: claim.line, character: nameTok.end } },
      children: claim.dates.map((date) => {
        const d = byLine.get(date.line);
        return {
          name: `on ${dateLabel(date)}`,
          detail: [date.pos ? `pos ${date.pos}` : '', d ? `est. ${money(d.total)}` : ''].filter(Boolean).join(' · ') || undefined,
          kind: SymbolKind.Event,
          range: { start: { line: date.line, character: 0 }, end: { line: date.endLine, character: lineEnd(date.endLine) } },
          selectionRange: { start: { line: date.line, character: date.node.keyword.start }, end: { line: date.line, character: date.node.contentEnd } },
          children: servicesOf(date.services, (s) => ({
            name: [s.code, ...s.modifiers].join('-') + (s.units > 1 ? ` x${s.units}` : ''),
            detail: s.listing?.description,
            kind: SymbolKind.Field,
            range: { start: { line: s.line, character: s.node.indent }, end: { line: s.line, character: s.node.contentEnd } },
            selectionRange: { start: { line: s.line, character: s.node.code.start }, end: { line: s.line, character: s.node.code.end } },
          }), texts),
        };
      }),
    };
  });
  if (claims.length < all.length) {
    const first = all[claims.length];
    const last = all[all.length - 1];
    symbols.push({
      name: `${all.length - claims.length} more claims not listed`,
      detail: `the outline lists the first ${claims.length} of ${all.length} claims`,
      kind: SymbolKind.Namespace,
      range: { start: { line: first.line, character: 0 }, end: { line: last.endLine, character: lineEnd(last.endLine) } },
      selectionRange: { start: { line: first.line, character: 0 }, end: { line: first.line, character: 0 } },
    });
  }
  return symbols;
}

/** A date's service lines in the outline: at most PLAN.outlineLines, then one entry that says how many more. */
function servicesOf<S extends { line: number }>(services: readonly S[], symbol: (s: S) => DocumentSymbol, texts: readonly string[]): DocumentSymbol[] {
  const max = PLAN.outlineLines;
  if (services.length <= max) return services.map(symbol);
  const listed = services.slice(0, max).map(symbol);
  const first = services[max].line;
  const last = services[services.length - 1].line;
  listed.push({
    name: `${services.length - max} more lines not listed`,
    detail: `the outline lists the first ${max} of ${services.length} lines of this date`,
    kind: SymbolKind.Field,
    range: { start: { line: first, character: 0 }, end: { line: last, character: texts[last]?.length ?? 0 } },
    selectionRange: { start: { line: first, character: 0 }, end: { line: first, character: 0 } },
  });
  return listed;
}
