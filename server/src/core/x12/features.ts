// The editor's features on a document that holds an 837P (issue 24): diagnostics on its segments,
// hover on an SV1 segment (what hover on the claim line says), and the de-identified claims for
// "HAI Claims: Open as Claim".
import type { Diagnostic, Hover } from 'vscode-languageserver-types';
import { repositoryRuleDocs, toDiagnostic, type RuleDocs } from '../features/diagnostics';
import { claimEstimateMarkdown } from '../features/describe';
import { doHover } from '../features/hover';
import type { ClaimEstimate } from '../estimate/estimate';
import type { X12Analysis, X12Finding } from './check';
import { x12WhereText } from './check';

/** The findings as LSP diagnostics, each message naming its segment. */
export function x12Diagnostics(a: X12Analysis, uri: string, max: number, docs: RuleDocs = repositoryRuleDocs): Diagnostic[] {
  const shown = a.findings.slice(0, max).map((f: X12Finding) => {
    const d = toDiagnostic(f, uri, docs);
    d.message = `${x12WhereText(f.x12)}: ${d.message}`;
    return d;
  });
  if (a.findings.length > max) {
    shown.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 3, source: 'hai-claims', code: 'too-many-findings', message: `${a.findings.length - max} more findings are not shown. Run hai-claims check on the file for all of them.` });
  }
  return shown;
}

/** Hover on an SV1 segment: the hover of its line in the claim, over the segment. */
export function x12Hover(a: X12Analysis, line: number, character: number): Hover | null {
  for (const claim of a.claims) {
    const { lines } = claim.generated;
    for (let i = 0; i < lines.length; i++) {
      const m = lines[i];
      if (m.place.id !== 'SV1' || m.place.line !== line || character < m.place.start || character > m.place.end) continue;
      // The element under the cursor when it is one the claim line was written from, else the code.
      const part = m.parts.find((p) => p.place.line === line && character >= p.place.start && character < p.place.end) ?? m.parts[0];
      const hover = part ? doHover(claim.analysis, i, part.from) : null;
      if (!hover) return null;
      return { contents: hover.contents, range: { start: { line: m.place.line, character: m.place.start }, end: { line: m.place.endLine ?? m.place.line, character: m.place.end } } };
    }
  }
  return null;
}

/** Every claim of the file as one de-identified `.claim` text ("Open as Claim"). */
export function x12ClaimText(a: X12Analysis): string {
  if (a.claims.length === 0) return '# No 837P claim could be read from this file: see its problems.\n';
  return a.claims.map((c) => c.generated.text).join('\n');
}

/** The estimate of every claim of the file ("Show Claim Estimate" on an 837P document). */
export function x12Estimate(a: X12Analysis): { markdown: string; claims: ClaimEstimate[] } {
  const claims = a.claims.map((c) => c.estimate()).filter((e): e is ClaimEstimate => e !== undefined);
  return { markdown: claims.length ? claims.map(claimEstimateMarkdown).join('\n---\n\n') : '_No 837P claims could be read from this file._', claims };
}
