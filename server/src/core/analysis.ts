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
import { applyChanges, composeWindows, drain, lineBreaksOf, parseText, parseTextSteps, reparseText, textOf, type ContentChange, type LineWindow, type ParsedText } from './syntax/incremental';
import { LineCache } from './syntax/parser';
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
  /** The break that ends each line (`\n`, `\r\n` or `\r`; none after the last), computed on first use. */
  lineBreaks?(): readonly string[];
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
 * one claim. It covers lines [base, end) of the document it was last used in.
 */
interface Part {
  base: number;
  end: number;
  /** The document's last part: a quick fix deleting its last line deletes the break before it. */
  last: boolean;
  claim?: ClaimModel;
  beforeFirstClaim: DocumentModel['beforeFirstClaim'];
  findings: Finding[];
  internalErrors: Analysis['internalErrors'];
  estimate?: ClaimEstimate;
}

/**
 * The incremental state of one document's analyses. The text is re-split only around an edit
 * (syntax/incremental.ts). Claims are independent: a claim's model, findings and estimate depend
 * only on its own lines (and on whether it is the document's last part), so a claim the edit did
 * not touch is reused, moved to its new first line when lines were added or removed above it; a
 * claim inside the edited lines is reused when its text is that of a claim the cache holds (a
 * claim the edit moved or copied, or one beside the edit in the line of margin re-read with it).
 */
export class AnalysisCache {
  readonly lines: LineCache;
  /** @internal */ parsed?: ParsedText;
  /** @internal Edits applied to `parsed` since the last analysis (ClaimDocument). */
  pending?: LineWindow;
  /** @internal */ parts: Part[] = [];
  /** @internal */ tables?: Tables;
  /** @internal */ settings?: Settings;

  constructor(lines: LineCache = new LineCache()) {
    this.lines = lines;
  }
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

export function analyze(text: string, tables: Tables, options: AnalyzeOptions = {}): Analysis {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const cache = options.cache;
  const bytes = text.length > settings.maxFileBytes / 3 ? utf8Length(text) : text.length;
  if (bytes > settings.maxFileBytes) {
    if (cache) {
      cache.parsed = undefined;
      cache.pending = undefined;
      cache.parts = [];
    }
    return tooLarge(bytes, tables, settings);
  }
  const internalErrors: Analysis['internalErrors'] = [];
  let parsed: ParsedText | undefined;
  let window: LineWindow | undefined;
  try {
    const old = cache?.parsed;
    if (old && !cache.pending) ({ parsed, window } = reparseText(old, text, cache.lines));
    else parsed = parseText(text, cache?.lines ?? options.lineCache);
  } catch (err) {
    internalErrors.push({ rule: 'parse', error: errorName(err) });
  }
  if (cache) {
    cache.parsed = parsed;
    cache.pending = undefined;
  }
  // Never undefined: without a stale check, the steps always complete.
  return drain(analyzeTree(parsed?.tree ?? { lines: [], texts: [] }, window, tables, settings, cache, internalErrors, () => text.match(/\r\n|\r|\n/g) ?? [])) as Analysis;
}

/**
 * A document as the language server holds it: its lines, kept up to date by the editor's changes
 * (only the lines around a change are read again; the whole text is never rebuilt), and its
 * analyses, which reuse every claim a change did not touch.
 */
export class ClaimDocument {
  private readonly cache: AnalysisCache;
  private parsed: ParsedText;
  /** Counts updates: an analysis in steps that outlives an update is stale and stops. */
  private revision = 0;

  constructor(text: string, parsed?: { parsed: ParsedText; cache: AnalysisCache }) {
    this.cache = parsed?.cache ?? new AnalysisCache();
    this.parsed = parsed?.parsed ?? parseText(text, this.cache.lines);
    this.cache.parsed = this.parsed;
  }

  /** The document of `text`, parsed in steps (see analyzeSteps). */
  static *openSteps(text: string): Generator<void, ClaimDocument> {
    const cache = new AnalysisCache();
    const parsed = yield* parseTextSteps(text, cache.lines);
    return new ClaimDocument(text, { parsed, cache });
  }

  /** Applies an editor's changes (LSP content changes, in order). */
  update(changes: readonly ContentChange[]): void {
    this.revision++;
    const window = applyChanges(this.parsed, changes, this.cache.lines);
    const pending = this.cache.pending;
    this.cache.pending = pending ? composeWindows(pending, window, this.parsed.tree.texts) : window;
  }

  /** The analysis of the current lines. It is current until the next update. */
  analyze(tables: Tables, settings: Settings = DEFAULT_SETTINGS): Analysis {
    // Never undefined here: nothing can update the document while the steps are drained.
    return drain(this.analyzeSteps(tables, settings)) as Analysis;
  }

  /**
   * analyze in steps: yields between the parts it checks and between the rules of a part, so a
   * host can check a huge document without blocking. Returns undefined, having changed nothing,
   * when the document was updated between two steps (the caller starts a new analysis).
   */
  *analyzeSteps(tables: Tables, settings: Settings = DEFAULT_SETTINGS): Generator<void, Analysis | undefined> {
    const cache = this.cache;
    const revision = this.revision;
    // With no change since the last analysis, every part may be reused as it is.
    const window = cache.pending ?? { from: 0, oldTo: 0, newTo: 0, removed: [] };
    const length = this.parsed.length;
    const bytes = length > settings.maxFileBytes / 3 ? utf8Length(textOf(this.parsed)) : length;
    if (bytes > settings.maxFileBytes) {
      cache.pending = undefined;
      cache.parts = [];
      return tooLarge(bytes, tables, settings);
    }
    const parsed = this.parsed;
    // The cache is written only when the analysis completes, so a stale one leaves it as it was
    // (its pending window included: the next analysis still re-checks those lines).
    const steps = analyzeTree(parsed.tree, window, tables, settings, cache, [], () => lineBreaksOf(parsed), () => this.revision !== revision);
    for (;;) {
      const r = steps.next();
      if (r.done) {
        if (r.value) cache.pending = undefined;
        return r.value;
      }
      yield;
      if (this.revision !== revision) return undefined;
    }
  }

  get lineCount(): number {
    return this.parsed.tree.texts.length;
  }

  getText(): string {
    return textOf(this.parsed);
  }
}

function tooLarge(bytes: number, tables: Tables, settings: Settings): Analysis {
  const tree: SyntaxTree = { lines: [], texts: [] };
  const model: DocumentModel = { claims: [], beforeFirstClaim: [] };
  const findings: Finding[] = [{ rule: 'file-too-large', severity: 'warning', line: 0, start: 0, end: 0, data: { bytes, limit: settings.maxFileBytes } }];
  return { tree, model, findings, internalErrors: [], tables, settings, estimate: () => [], estimateOf: () => undefined };
}

/**
 * Checks a parsed document part by part. `window`: the lines that changed since the cache's last
 * analysis (undefined: everything is new).
 */
function* analyzeTree(
  tree: SyntaxTree,
  window: LineWindow | undefined,
  tables: Tables,
  settings: Settings,
  cache: AnalysisCache | undefined,
  internalErrors: Analysis['internalErrors'],
  lineBreaks: () => string[],
  stale: () => boolean = () => false,
): Generator<void, Analysis | undefined> {
  let findings: Finding[];
  const n = tree.lines.length;
  const starts = claimStarts(tree);
  const bounds: [number, number][] = [];
  if ((starts[0] ?? n) > 0) bounds.push([0, starts[0] ?? n]);
  starts.forEach((line, i) => bounds.push([line, starts[i + 1] ?? n]));

  // Reuse: first the parts the edit did not touch (same lines, moved by the lines it added),
  // then, by text, any other part the previous analysis had.
  const parts: (Part | undefined)[] = new Array(bounds.length);
  const reusable = cache && window && cache.tables === tables && cache.settings === settings ? cache.parts : [];
  if (window && reusable.length) {
    const { from: wFrom, oldTo, newTo } = window;
    // By new first line: a part before the window keeps its lines, one after it moves with them.
    const moved = new Map<number, Part>();
    const unused = new Set<Part>();
    for (const p of reusable) {
      if (p.end <= wFrom) moved.set(p.base, p);
      else if (p.base >= oldTo) moved.set(p.base + newTo - oldTo, p);
      else unused.add(p);
    }
    const missing: number[] = [];
    bounds.forEach(([from, to], i) => {
      const p = moved.get(from);
      if (p && p.end + (p.base === from ? 0 : newTo - oldTo) === to && p.last === (to === n)) {
        parts[i] = p;
        moved.delete(from);
      } else {
        missing.push(i);
      }
    });
    if (missing.length) {
      for (const p of moved.values()) unused.add(p);
      // The old text of a line: the tree now holds the new lines, the window the old ones it replaced.
      const oldLine = (i: number): string => (i < wFrom ? tree.texts[i] : i < oldTo ? window.removed[i - wFrom] : tree.texts[i + newTo - oldTo]);
      const byText = new Map<string, Part[]>();
      for (const p of unused) {
        const key = partKey(Array.from({ length: p.end - p.base }, (_, k) => oldLine(p.base + k)), 0, p.end - p.base, p.last);
        const list = byText.get(key);
        if (list) list.push(p);
        else byText.set(key, [p]);
      }
      for (const i of missing) parts[i] = byText.get(partKey(tree.texts, bounds[i][0], bounds[i][1], bounds[i][1] === n))?.shift();
    }
  }
  // Check what could not be reused, in steps. Reused parts are moved only after the last step:
  // an analysis that goes stale must leave the cache's parts as they were.
  const done: Part[] = new Array(bounds.length);
  for (let i = 0; i < bounds.length; i++) {
    if (parts[i]) continue;
    const [from, to] = bounds[i];
    done[i] = yield* checkPartSteps(tree, tables, settings, from, to, to === n);
    if (stale()) return undefined;
  }
  let claimCount = 0;
  for (let i = 0; i < bounds.length; i++) {
    const part = (done[i] ??= parts[i] as Part);
    if (part.base !== bounds[i][0]) movePart(part, bounds[i][0] - part.base);
    if (part.claim) part.claim.index = claimCount++;
  }
  if (cache) {
    cache.parts = done;
    cache.tables = tables;
    cache.settings = settings;
  }

  const claims: ClaimModel[] = [];
  const beforeFirstClaim: DocumentModel['beforeFirstClaim'] = [];
  for (const p of done) {
    if (p.claim) claims.push(p.claim);
    beforeFirstClaim.push(...p.beforeFirstClaim);
    for (const e of p.internalErrors) if (!internalErrors.some((x) => x.rule === e.rule && x.error === e.error)) internalErrors.push(e);
  }
  findings = done.length === 1 ? [...done[0].findings] : ([] as Finding[]).concat(...done.map((p) => p.findings));
  // Each part's findings are in order and the parts are in order: this only settles a finding a
  // check placed outside its part.
  findings.sort(byPosition);
  const model: DocumentModel = { claims, beforeFirstClaim };
  const claimParts = done.filter((p) => p.claim);

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
  let breaks: string[] | undefined;
  return {
    tree,
    model,
    findings,
    internalErrors,
    tables,
    settings,
    lineBreaks() {
      breaks ??= lineBreaks();
      return breaks;
    },
    estimate() {
      all ??= claimParts.map((_, i) => estimateOf(i)).filter((e): e is ClaimEstimate => !!e);
      return all;
    },
    estimateOf,
  };
}

/** A part's text, and whether it is the document's last part. */
function partKey(texts: readonly string[], from: number, to: number, last: boolean): string {
  return `${last ? 'L' : 'M'}${texts.slice(from, to).join('\n')}`;
}

function byPosition(a: Finding, b: Finding): number {
  return a.line - b.line || a.start - b.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
}

/**
 * Resolves and checks one part of the document: lines [from, to), a claim or the lines before the
 * first. Yields after resolving and after each rule (steps for a host that must not block).
 */
function* checkPartSteps(tree: SyntaxTree, tables: Tables, settings: Settings, from: number, to: number, last: boolean): Generator<void, Part> {
  const part: Part = { base: from, end: to, last, beforeFirstClaim: [], findings: [], internalErrors: [] };
  try {
    if (tree.lines[from]?.kind === 'claim') part.claim = resolveClaim(tree, tables, 0, from, to);
    else part.beforeFirstClaim = resolvePrologue(tree, to);
  } catch (err) {
    part.internalErrors.push({ rule: 'parse', error: errorName(err) });
    return part;
  }
  yield;
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
    yield;
  }
  part.findings.sort(byPosition);
  return part;
}

/** Moves a reused part `delta` lines: its claim in place, its findings as moved copies. */
function movePart(part: Part, delta: number): void {
  part.base += delta;
  part.end += delta;
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

/** The size of the text in UTF-8, as the file is on disk (the limit is in bytes, not characters). */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
