// Checking an 837P (issue 24): each claim read from the X12 file is written as de-identified
// `.claim` text (to-claim.ts) and analysed like any claim file, so every check and the estimate
// run unchanged; the findings and the estimate are then moved back onto the X12 file, each at its
// segment and element. The reader's own problems (envelopes, separators, the wrong transaction)
// are `x12` findings at their segment. Text goes in by chunks: a file of any size is read in
// bounded memory, one claim at a time.
import { analyze, type Analysis } from '../analysis';
import type { ClaimEstimate } from '../estimate/estimate';
import type { Finding, Severity, Span } from '../rules/types';
import type { SuppressedFinding } from '../rules/suppressions';
import type { Settings } from '../settings';
import type { Tables } from '../tables';
import type { X12Claim, X12Place, X12Problem } from './model';
import { Reader837 } from './reader';
import { generateClaim, type GeneratedClaim } from './to-claim';
import { SegmentTokenizer, type TokenProblem } from './tokenizer';

/** Where in the X12 file a finding is: its segment's number in the transaction and its id. */
export interface X12Where {
  segment: number;
  id: string;
}

export type X12Finding = Finding & { x12: X12Where };

/** How a finding names its X12 place, before its message (CLI, SARIF, editor alike). */
export function x12WhereText(w: X12Where): string {
  return w.segment > 0 ? `837P ${w.id} segment ${w.segment}` : `837P ${w.id} envelope`;
}

export interface X12ClaimResult {
  generated: GeneratedClaim;
  /** The analysis of the generated text (hover on an SV1 reads it). */
  analysis: Analysis;
  findings: X12Finding[];
  suppressed: (SuppressedFinding & { x12: X12Where })[];
  internalErrors: string[];
  /** The claim's estimate on the X12 file's lines (claim: its 0-based number in the file). */
  estimate(): ClaimEstimate | undefined;
}

const PROBLEM_SEVERITY: Record<X12Problem['reason'], Severity> = {
  'not-x12': 'error',
  'undeclared-separators': 'error',
  'truncated-segment': 'error',
  truncated: 'error',
  'control-mismatch': 'warning',
  'count-mismatch': 'warning',
  'not-837p': 'error',
  'not-claim': 'warning',
  'no-hi': 'error',
  icd9: 'error',
  'bad-element': 'error',
  'outside-envelope': 'error',
  'no-claims': 'error',
};

export function problemFinding(p: X12Problem): X12Finding {
  const { place } = p;
  return {
    rule: 'x12',
    severity: PROBLEM_SEVERITY[p.reason],
    ...span(place),
    data: { reason: p.reason, segmentId: place.id, segment: place.segment, element: p.element, found: p.found },
    x12: { segment: place.segment, id: place.id },
  };
}

function span(place: X12Place): Span {
  const s: Span = { line: place.line, start: place.start, end: place.end };
  if (place.endLine !== undefined) s.endLine = place.endLine;
  return s;
}

/** The X12 place of a span of the generated text: the element it was written from, else its line's segment. */
function placeOf(g: GeneratedClaim, line: number, column: number): X12Place {
  const mapped = g.lines[line];
  if (!mapped) return g.claim.clm;
  const part = mapped.parts.find((p) => column >= p.from && column < p.to);
  return part ? part.place : mapped.place;
}

function moveFinding<F extends Finding>(g: GeneratedClaim, f: F): F & { x12: X12Where } {
  const place = placeOf(g, f.line, f.start);
  const moved: F & { x12: X12Where } = { ...f, ...span(place), x12: { segment: place.segment, id: place.id }, fixes: undefined };
  if (place.endLine === undefined) delete moved.endLine;
  if (!moved.fixes) delete moved.fixes;
  if (f.related) moved.related = f.related.map((r) => ({ ...r, ...span(placeOf(g, r.line, r.start)) }));
  // Data lines (keys ending in Line) are 1-based lines of the text: made lines of the X12 file.
  const data = { ...(f.data as Record<string, unknown>) };
  for (const [key, value] of Object.entries(data)) {
    if (key.endsWith('Line') && typeof value === 'number') data[key] = (g.lines[value - 1]?.place.line ?? g.claim.clm.line) + 1;
  }
  moved.data = data as F['data'];
  return moved;
}

function moveEstimate(g: GeneratedClaim, e: ClaimEstimate): ClaimEstimate {
  const lineOf = (n: number): number => g.lines[n]?.place.line ?? g.claim.clm.line;
  return {
    ...e,
    claim: g.claim.fileOrdinal - 1,
    line: g.claim.clm.line,
    dates: e.dates.map((d) => ({ ...d, line: lineOf(d.line), blockLines: d.blockLines.map(lineOf), lines: d.lines.map((l) => ({ ...l, line: lineOf(l.line) })) })),
  };
}

/** One claim through every check (and, on demand, the estimate), on the X12 file's places. */
export function checkClaim(claim: X12Claim, tables: Tables, settings: Settings): X12ClaimResult {
  const generated = generateClaim(claim);
  const analysis = analyze(generated.text, tables, { settings });
  let estimate: ClaimEstimate | undefined | null = null;
  return {
    generated,
    analysis,
    findings: analysis.findings.map((f) => moveFinding(generated, f)),
    suppressed: (analysis.suppressed ?? []).map((f) => moveFinding(generated, f)),
    internalErrors: analysis.internalErrors.map((e) => e.rule),
    estimate() {
      if (estimate === null) {
        const e = analysis.estimateOf(0);
        estimate = e && moveEstimate(generated, e);
      }
      return estimate;
    },
  };
}

export function tokenProblem(p: TokenProblem): X12Problem {
  return { reason: p.reason, place: { line: p.line, start: p.column, end: p.end, id: p.id, segment: 0 } };
}

/**
 * Reads an 837P given in chunks: each claim is handed on as soon as it is whole, each problem as
 * soon as it is found. `onClaim` receives the claim as read (to check it, or to import it).
 */
export class X12Stream {
  private readonly reader: Reader837;
  private readonly tokenizer: SegmentTokenizer;

  constructor(onClaim: (claim: X12Claim) => void, onProblem: (p: X12Problem) => void) {
    this.reader = new Reader837(onClaim, onProblem);
    this.tokenizer = new SegmentTokenizer(
      (s) => this.reader.segment(s),
      (p) => onProblem(tokenProblem(p)),
    );
  }

  push(chunk: string): void {
    this.tokenizer.push(chunk);
  }

  end(): void {
    this.tokenizer.end();
    this.reader.end();
  }
}

/** Every claim of an 837P text, as `.claim` text with its map, and the reader's problems. */
export function readX12(text: string): { claims: GeneratedClaim[]; problems: X12Problem[] } {
  const claims: GeneratedClaim[] = [];
  const problems: X12Problem[] = [];
  const stream = new X12Stream((c) => claims.push(generateClaim(c)), (p) => problems.push(p));
  stream.push(text);
  stream.end();
  return { claims, problems };
}

export interface X12Analysis {
  claims: X12ClaimResult[];
  /** Every finding, the reader's and the checks', in file order. */
  findings: X12Finding[];
  internalErrors: string[];
}

/**
 * A whole 837P text checked (the editor's document; the CLI streams with X12Stream instead). A
 * text over haiClaims.maxFileBytes (counted in UTF-16 units, a lower bound of its bytes) is not
 * checked: one file-too-large finding says so, as for a claim file.
 */
export function analyzeX12(text: string, tables: Tables, settings: Settings): X12Analysis {
  if (text.length > settings.maxFileBytes) {
    const tooLarge: X12Finding = { rule: 'file-too-large', severity: 'warning', line: 0, start: 0, end: 0, data: { bytes: text.length, limit: settings.maxFileBytes }, x12: { segment: 0, id: 'ISA' } };
    return { claims: [], findings: [tooLarge], internalErrors: [] };
  }
  const claims: X12ClaimResult[] = [];
  const problems: X12Finding[] = [];
  const stream = new X12Stream(
    (c) => claims.push(checkClaim(c, tables, settings)),
    (p) => problems.push(problemFinding(p)),
  );
  stream.push(text);
  stream.end();
  const findings = [...problems, ...claims.flatMap((c) => c.findings)].sort((a, b) => a.line - b.line || a.start - b.start);
  return { claims, findings, internalErrors: claims.flatMap((c) => c.internalErrors) };
}

/** Whether a text is an X12 interchange (it starts with an ISA segment), whatever its file's name. */
export function looksLikeX12(text: string): boolean {
  return /^\uFEFF?\s*ISA/.test(text.slice(0, 64));
}
