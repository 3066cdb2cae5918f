// The facade of the core: analyze(text) -> tree, model, findings, and the estimate on demand.
// Pure (no IO, no vscode, no connection) and total: it never throws on any document.
// Incremental: a document is checked part by part (the lines before the first claim, then each
// claim), and with an AnalysisCache a part whose text did not change is reused, not re-checked.
import { estimateOneClaim, type ClaimEstimate } from './estimate/estimate';
import type { ClaimModel, DocumentModel } from './model/model';
import { claimStarts, resolveClaim, resolvePrologue, shiftClaim } from './model/resolve';
import { RULES } from './rules';
import type { Finding, FindingData, Rule, RuleContext, Severity, Span } from './rules/types';
import { DEFAULT_SETTINGS, type RuleLevel, type Settings } from './settings';
import type { SyntaxTree } from './syntax/nodes';
import { LineCache, parseDocument } from './syntax/parser';
import type { Tables } from './tables';

export interface Analysis {
  tree: SyntaxTree;
  model: DocumentModel;
  /** Findings after the user's severities: rules set to `off` are gone. */
  findings: Finding[];
  /** Rules that failed on this document (a bug, never the user's fault): ids only, no text. */
  internalErrors: { rule: string; error: string }[];
  tables: Tables;
  settings: Settings;
  /** The estimate of every claim, in order, computed on first use. */
  estimate(): ClaimEstimate[];
  /** The estimate of one claim (by its index), computed on first use without pricing the others. */
  estimateOf(claimIndex: number): ClaimEstimate | undefined;
}

export interface AnalyzeOptions {
  settings?: Settings;
  /** Reuse parsed lines across analyses of the same document. */
  lineCache?: LineCache;
  /**
   * Reuse the results of the previous analysis of the same document (the server keeps one per
   * document): claims whose text did not change are not re-resolved or re-checked. The analysis
   * then shares its claims with the cache: it is current until the next analysis with the cache.
   */
  cache?: AnalysisCache;
}

/**
 * One part of a document and everything computed from it: the lines before the first claim, or
 * one claim. Its line numbers are those of `base`, the part's first line, when last used.
 */
interface Part {
  key: string;
  base: number;
  claim?: ClaimModel;
  beforeFirstClaim: DocumentModel['beforeFirstClaim'];
  findings: Finding[];
  internalErrors: Analysis['internalErrors'];
  estimate?: ClaimEstimate;
}

/**
 * The incremental state of one document's analyses. Claims are independent: a claim's model,
 * findings and estimate depend only on its own lines (and on whether it is the document's last
 * part, for edits that delete a line), so they are kept by the claim's text and reused, moved to
 * the claim's new first line, when an edit elsewhere leaves the text alone.
 */
export class AnalysisCache {
  readonly lines: LineCache;
  private parts = new Map<string, Part[]>();
  private tables?: Tables;
  private settings?: Settings;

  constructor(lines: LineCache = new LineCache()) {
    this.lines = lines;
  }

  /** @internal The cached parts for these tables and settings (dropped when either changes). */
  take(tables: Tables, settings: Settings): Map<string, Part[]> {
    if (tables !== this.tables || settings !== this.settings) {
      this.parts = new Map();
      this.tables = tables;
      this.settings = settings;
    }
    return this.parts;
  }

  /** @internal Keeps exactly the parts of the latest analysis. */
  keep(parts: Map<string, Part[]>): void {
    this.parts = parts;
  }
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

export function analyze(text: string, tables: Tables, options: AnalyzeOptions = {}): Analysis {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const internalErrors: Analysis['internalErrors'] = [];
  let findings: Finding[] = [];

  if (text.length > settings.maxFileBytes) {
    const tree: SyntaxTree = { lines: [], texts: [] };
    const model: DocumentModel = { claims: [], beforeFirstClaim: [] };
    findings.push({ rule: 'file-too-large', severity: 'warning', line: 0, start: 0, end: 0, data: { bytes: text.length, limit: settings.maxFileBytes } });
    return { tree, model, findings, internalErrors, tables, settings, estimate: () => [], estimateOf: () => undefined };
  }

  let tree: SyntaxTree;
  try {
    tree = parseDocument(text, options.cache?.lines ?? options.lineCache);
  } catch (err) {
    internalErrors.push({ rule: 'parse', error: errorName(err) });
    tree = { lines: [], texts: [] };
  }

  const previous = options.cache?.take(tables, settings);
  const next = new Map<string, Part[]>();
  const n = tree.lines.length;
  const starts = claimStarts(tree);
  const parts: Part[] = [];
  const bounds: [number, number][] = [];
  let claimCount = 0;
  if ((starts[0] ?? n) > 0) bounds.push([0, starts[0] ?? n]);
  starts.forEach((line, i) => bounds.push([line, starts[i + 1] ?? n]));
  for (const [from, to] of bounds) {
    const isClaim = from < n && tree.lines[from].kind === 'claim';
    // The last part's text decides how a quick fix deletes its last line; its key says it is last.
    const key = previous ? `${to === n ? 'L' : 'M'}${tree.texts.slice(from, to).join('\n')}` : '';
    let part = previous?.get(key)?.pop();
    if (part) {
      if (part.base !== from) movePart(part, from - part.base);
    } else {
      part = checkPart(tree, tables, settings, key, from, to, isClaim);
    }
    if (part.claim) part.claim.index = claimCount++;
    parts.push(part);
    if (previous) {
      const list = next.get(key);
      if (list) list.push(part);
      else next.set(key, [part]);
    }
  }
  options.cache?.keep(next);

  const claims: ClaimModel[] = [];
  const beforeFirstClaim: DocumentModel['beforeFirstClaim'] = [];
  for (const p of parts) {
    if (p.claim) claims.push(p.claim);
    beforeFirstClaim.push(...p.beforeFirstClaim);
    for (const e of p.internalErrors) if (!internalErrors.some((x) => x.rule === e.rule && x.error === e.error)) internalErrors.push(e);
  }
  findings = parts.length === 1 ? [...parts[0].findings] : ([] as Finding[]).concat(...parts.map((p) => p.findings));
  // Each part's findings are in order and the parts are in order: this only settles a finding a
  // check placed outside its part.
  findings.sort(byPosition);
  const model: DocumentModel = { claims, beforeFirstClaim };
  const claimParts = parts.filter((p) => p.claim);

  const estimateOf = (index: number): ClaimEstimate | undefined => {
    const part = claimParts[index];
    if (!part?.claim) return undefined;
    if (!part.estimate) {
      try {
        part.estimate = estimateOneClaim(part.claim, tables, part.findings);
      } catch (err) {
        internalErrors.push({ rule: 'estimate', error: errorName(err) });
        return undefined;
      }
    }
    part.estimate.claim = index;
    return part.estimate;
  };
  let all: ClaimEstimate[] | undefined;
  return {
    tree,
    model,
    findings,
    internalErrors,
    tables,
    settings,
    estimate() {
      all ??= claimParts.map((_, i) => estimateOf(i)).filter((e): e is ClaimEstimate => !!e);
      return all;
    },
    estimateOf,
  };
}

function byPosition(a: Finding, b: Finding): number {
  return a.line - b.line || a.start - b.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
}

/** Resolves and checks one part of the document: lines [from, to), a claim or the lines before the first. */
function checkPart(tree: SyntaxTree, tables: Tables, settings: Settings, key: string, from: number, to: number, isClaim: boolean): Part {
  const part: Part = { key, base: from, beforeFirstClaim: [], findings: [], internalErrors: [] };
  try {
    if (isClaim) part.claim = resolveClaim(tree, tables, 0, from, to);
    else part.beforeFirstClaim = resolvePrologue(tree, to);
  } catch (err) {
    part.internalErrors.push({ rule: 'parse', error: errorName(err) });
    return part;
  }
  const model: DocumentModel = { claims: part.claim ? [part.claim] : [], beforeFirstClaim: part.beforeFirstClaim };
  let rule: Rule = RULES[0];
  let level: RuleLevel | undefined;
  const ctx: RuleContext = {
    tree,
    model,
    from,
    to,
    tables,
    report: (f) => {
      part.findings.push({ ...f, severity: (level as Severity | undefined) ?? f.severity ?? rule.defaultSeverity });
    },
  };
  const claim = part.claim;
  // Billing rules are Medicare's; a claim for another payer gets structure checks only.
  const otherPayer = !!claim?.payer && claim.payer.value !== 'medicare';
  for (rule of RULES) {
    level = settings.rules[rule.id];
    if (level === 'off') continue;
    try {
      rule.checkDocument?.(ctx);
      if (claim && rule.checkClaim && !(rule.billing && otherPayer)) rule.checkClaim(claim, ctx);
    } catch (err) {
      part.internalErrors.push({ rule: rule.id, error: errorName(err) });
    }
  }
  part.findings.sort(byPosition);
  return part;
}

/** Moves a reused part `delta` lines: its claim in place, its findings as moved copies. */
function movePart(part: Part, delta: number): void {
  part.base += delta;
  if (part.claim) shiftClaim(part.claim, delta);
  for (const b of part.beforeFirstClaim) b.line += delta;
  part.findings = part.findings.map((f) => shiftFinding(f, delta));
  // The estimate holds line numbers too; it is cheap to price the claim again when asked.
  part.estimate = undefined;
}

function shiftSpan<T extends Span>(s: T, delta: number): T {
  return s.endLine === undefined ? { ...s, line: s.line + delta } : { ...s, line: s.line + delta, endLine: s.endLine + delta };
}

function shiftFinding(f: Finding, delta: number): Finding {
  const moved = shiftSpan(f, delta);
  if (f.related) moved.related = f.related.map((r) => shiftSpan(r, delta));
  if (f.fixes) moved.fixes = f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => shiftSpan(e, delta)) }));
  if (f.deniesLine !== undefined) moved.deniesLine = f.deniesLine + delta;
  let data: FindingData | undefined;
  for (const [k, v] of Object.entries(f.data)) {
    if (k.endsWith('Line') && typeof v === 'number') (data ??= { ...f.data })[k] = v + delta;
  }
  if (data) moved.data = data;
  return moved;
}

/** The kind of error and where, never its message text: a message could quote the document. */
function errorName(err: unknown): string {
  if (err instanceof Error) {
    const frame = err.stack?.split('\n')[1]?.trim() ?? '';
    return `${err.name} ${frame}`;
  }
  return typeof err;
}
