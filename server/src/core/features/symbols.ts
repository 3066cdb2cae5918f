// Outline: claims, their dates, and the lines billed on each date.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { dateLabel } from '../rules/util';
import { money } from './describe';

export function findDocumentSymbols(analysis: Analysis): DocumentSymbol[] {
  const texts = analysis.tree.texts;
  const lineEnd = (l: number) => texts[l]?.length ?? 0;
  // By index and by line, not by searching the lists: O(n) in claims and dates (issue 17).
  return analysis.model.claims.map((claim) => {
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
          children: date.services.map((s) => ({
            name: [s.code, ...s.modifiers].join('-') + (s.units > 1 ? ` x${s.units}` : ''),
            detail: s.listing?.description,
            kind: SymbolKind.Field,
            range: { start: { line: s.line, character: s.node.indent }, end: { line: s.line, character: s.node.contentEnd } },
            selectionRange: { start: { line: s.line, character: s.node.code.start }, end: { line: s.line, character: s.node.code.end } },
          })),
        };
      }),
    };
  });
}
