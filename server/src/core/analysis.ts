// The facade of the core: analyze(text) -> tree, model, findings, and the estimate on demand.
// Pure (no IO, no vscode, no connection) and total: it never throws on any document.
// Incremental: a document is checked part by part (the lines before the first claim, then each
// claim), and with an AnalysisCache a part whose text did not change is reused, not re-checked.
import { estimateOneClaim, type ClaimEstimate } from './estimate/estimate';
import type { DocumentModel } from './model/model';
import { checkPartsSteps, PartStore, type CheckedParts, type Part } from './reuse';
import type { InternalError } from './rules/runner';
import { drain, errorName, type Progress } from './steps';
import { RULE_IDS } from './rules';
import type { Finding } from './rules/types';
import { applySuppressions, checksWithoutData, type SuppressedFinding } from './rules/suppressions';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import type { SyntaxTree } from './syntax/nodes';
import { applyChanges, composeWindows, lineBreaksOf, parseText, parseTextSteps, reparseText, textOf, type ContentChange, type LineWindow, type ParsedText } from './syntax/incremental';
import { LineCache } from './syntax/parser';
import type { Tables } from './tables';

export interface Analysis {
  tree: SyntaxTree;
  model: DocumentModel;
  /** Findings after the user's severities: rules set to `off` are gone, and so are the findings a `# hai-claims-ignore` comment suppresses. */
  findings: Finding[];
  /** The findings a reasoned `# hai-claims-ignore ID: reason` comment suppressed (core/rules/suppressions.ts). */
  suppressed?: SuppressedFinding[];
  /** The checks' own findings, before suppressions (the estimate prices from these): what the check worker hands the main thread. */
  checked?: readonly Finding[];
  /** Rules that failed on this document (a bug, never the user's fault): ids only, no text. */
  internalErrors: InternalError[];
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
 * The incremental state of one document's analyses. The text is re-split only around an edit
 * (syntax/incremental.ts), and the parts of the last analysis are reused where an edit did not
 * change them (reuse.ts).
 */
export class AnalysisCache {
  readonly lines: LineCache;
  private parsed?: ParsedText;
  /** Edits applied to `parsed` since the last analysis (ClaimDocument). */
  private pending?: LineWindow;
  /** @internal The parts of the last analysis (reuse.ts). */
  readonly parts = new PartStore();

  constructor(lines: LineCache = new LineCache()) {
    this.lines = lines;
  }

  /**
   * Parses a new text of the document: only around what changed when the cache holds the
   * previous text, else the whole. Returns the lines that changed (undefined: all are new).
   */
  parse(text: string): { parsed: ParsedText; window?: LineWindow } {
    const old = this.parsed;
    const edited = this.pending;
    // Cleared first: a parse that fails leaves nothing stale to reuse.
    this.parsed = undefined;
    this.pending = undefined;
    const result = old && !edited ? reparseText(old, text, this.lines) : { parsed: parseText(text, this.lines) };
    this.parsed = result.parsed;
    return result;
  }

  /** Records edits applied to the held text since the last analysis. */
  noteEdit(window: LineWindow, texts: readonly string[]): void {
    this.pending = this.pending ? composeWindows(this.pending, window, texts) : window;
  }

  /**
   * The lines edited since the last analysis (none: every part may be reused). They are
   * forgotten by takeEdits when the analysis completes: one that goes stale leaves them.
   */
  edits(): LineWindow {
    return this.pending ?? { from: 0, oldTo: 0, newTo: 0, removed: [] };
  }

  /** The lines edited since the last analysis, and forgets them. */
  takeEdits(): LineWindow {
    const window = this.edits();
    this.pending = undefined;
    return window;
  }

  /** Forgets everything: the next analysis starts afresh (a document over the size limit). */
  forget(): void {
    this.parsed = undefined;
    this.pending = undefined;
    this.parts.clear();
  }
}

export function analyze(text: string, tables: Tables, options: AnalyzeOptions = {}): Analysis {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const cache = options.cache;
  const bytes = oversize(text.length, () => text, settings);
  if (bytes !== undefined) {
    cache?.forget();
    return tooLarge(bytes, tables, settings);
  }
  const internalErrors: Analysis['internalErrors'] = [];
  let parsed: ParsedText | undefined;
  let window: LineWindow | undefined;
  try {
    if (cache) ({ parsed, window } = cache.parse(text));
    else parsed = parseText(text, options.lineCache);
  } catch (err) {
    internalErrors.push({ rule: 'parse', error: errorName(err, true) });
  }
  const steps = analysisSteps(parsed?.tree ?? { lines: [], texts: [] }, window, tables, settings, cache, internalErrors, () => text.match(/\r\n|\r|\n/g) ?? []);
  // Never undefined: without a stale check the steps always complete.
  return drain(steps) as Analysis;
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
    this.cache.noteEdit(window, this.parsed.tree.texts);
  }

  /** The analysis of the current lines. It is current until the next update. */
  analyze(tables: Tables, settings: Settings = DEFAULT_SETTINGS): Analysis {
    // Never undefined: nothing can update the document while the steps are drained.
    return drain(this.analyzeSteps(tables, settings)) as Analysis;
  }

  /**
   * analyze in steps: yields after resolving each part it checks and after each rule, so a host
   * can check a huge document without blocking. Returns undefined, having changed nothing, when
   * the document was updated between two steps (the caller starts a new analysis).
   */
  *analyzeSteps(tables: Tables, settings: Settings = DEFAULT_SETTINGS, rules = true, progress?: Progress): Generator<void, Analysis | undefined> {
    const revision = this.revision;
    const parsed = this.parsed;
    const bytes = oversize(parsed.length, () => textOf(parsed), settings);
    if (bytes !== undefined) {
      this.cache.forget();
      return tooLarge(bytes, tables, settings);
    }
    const stale = () => this.revision !== revision;
    const analysis = yield* analysisSteps(parsed.tree, this.cache.edits(), tables, settings, this.cache, [], () => lineBreaksOf(parsed), stale, rules, progress);
    if (analysis) this.cache.takeEdits();
    return analysis;
  }

  /**
   * The tree and model of the current lines, in steps, with no rule run: for a document the check
   * worker checks. Reading its findings or estimate throws (FindingsNotRead): `withFindings` gives
   * the analysis with the worker's findings. Returns undefined when the document was updated meanwhile.
   */
  modelSteps(tables: Tables, settings: Settings = DEFAULT_SETTINGS): Generator<void, Analysis | undefined> {
    return this.analyzeSteps(tables, settings, false);
  }

  /**
   * Forgets the results kept for reuse (each part's model and findings): the next analysis checks
   * every part afresh. The check worker does so after sending a huge result, which it would
   * otherwise hold a second copy of (issue 23).
   */
  forgetResults(): void {
    this.cache.parts.clear();
  }

  /** The current syntax tree (its lines), as parsed so far. */
  get tree(): SyntaxTree {
    return this.parsed.tree;
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
 * The analysis of a parsed document: its parts checked (or reused from the cache), the estimate
 * priced on demand. `window`: the lines that changed since the cache's last analysis.
 */
function* analysisSteps(
  tree: SyntaxTree,
  window: LineWindow | undefined,
  tables: Tables,
  settings: Settings,
  cache: AnalysisCache | undefined,
  internalErrors: Analysis['internalErrors'],
  lineBreaks: () => string[],
  stale?: () => boolean,
  rules = true,
  progress?: Progress,
): Generator<void, Analysis | undefined> {
  const checked = yield* checkPartsSteps(tree, window, tables, settings, cache?.parts, internalErrors, stale, rules, progress);
  if (!checked) return undefined;
  return rules ? analysisOf(tree, checked, tables, settings, internalErrors, lineBreaks) : modelOnly(tree, checked, tables, settings, internalErrors, lineBreaks);
}

/** `make()` computed on first use, then kept. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** Reading the findings of an analysis made without running the rules (a request that did not declare it reads them). */
export class FindingsNotRead extends Error {
  override name = 'FindingsNotRead';
}

/** What withFindings needs of an analysis made without rules. */
const modelViews = new WeakMap<Analysis, { checked: CheckedParts; lineBreaks: () => string[] }>();

/** The tree and model of a document, its findings not computed: reading them (or the estimate) throws. */
function modelOnly(tree: SyntaxTree, checked: CheckedParts, tables: Tables, settings: Settings, internalErrors: Analysis['internalErrors'], lineBreaks: () => string[]): Analysis {
  const notRead = (): never => {
    throw new FindingsNotRead();
  };
  const analysis: Analysis = {
    tree,
    model: checked.model,
    get findings(): Finding[] {
      return notRead();
    },
    internalErrors,
    tables,
    settings,
    lineBreaks: once(lineBreaks),
    estimate: notRead,
    estimateOf: notRead,
  };
  modelViews.set(analysis, { checked, lineBreaks: () => analysis.lineBreaks!() as string[] });
  return analysis;
}

/**
 * The analysis of a document from its tree and model (`modelSteps`) and the findings the check
 * worker computed for the same version, tables and settings (`checked`, before suppressions):
 * suppressions applied and the estimate priced here (or given), as `analyze` does. Undefined when `model` is
 * not an analysis made by modelSteps.
 */
export function withFindings(model: Analysis, checked: readonly Finding[], internalErrors: readonly InternalError[] = [], estimates?: ReadonlyMap<number, ClaimEstimate>): Analysis | undefined {
  const view = modelViews.get(model);
  if (!view) return undefined;
  // Each claim's findings, for its estimate: fresh parts, so an estimate priced from these findings
  // never stays on the parts the next version's model reuses. `estimates`: claims priced already
  // from the same findings (the check worker prices those too long to price here in one step).
  const claimParts: Part[] = view.checked.claimParts.map((p, i) => ({ ...p, findings: [], estimate: estimates?.get(i) }));
  for (const f of checked) claimParts[partAt(claimParts, f.line)]?.findings.push(f);
  const errors = [...model.internalErrors];
  for (const e of internalErrors) if (!errors.some((x) => x.rule === e.rule && x.error === e.error)) errors.push(e);
  return analysisOf(model.tree, { model: model.model, findings: checked as Finding[], claimParts, directives: view.checked.directives }, model.tables, model.settings, errors, view.lineBreaks);
}

/** The index of the part holding `line` (parts in line order), or -1. */
function partAt(parts: readonly Part[], line: number): number {
  let lo = 0;
  let hi = parts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (parts[mid].end <= line) lo = mid + 1;
    else if (parts[mid].base > line) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/**
 * The findings to publish of a tree and the checks' findings (the check worker's): the
 * suppressions applied, as `analyze` does; no model needed.
 */
export function publishedFindings(tree: SyntaxTree, checked: readonly Finding[], tables: Tables, settings: Settings): Finding[] {
  return applySuppressions(checked, tree, settings, RULE_IDS, checksWithoutData(tables)).findings;
}

/** The analysis of a checked document, its estimate priced on demand. */
function analysisOf(tree: SyntaxTree, checked: CheckedParts, tables: Tables, settings: Settings, internalErrors: Analysis['internalErrors'], lineBreaks: () => string[]): Analysis {
  const { model, claimParts } = checked;
  // Reasoned exceptions are set apart after the checks; the estimate below prices from the parts'
  // own findings, so a suppressed denial is still priced as the payer would.
  const { findings, suppressed } = applySuppressions(checked.findings, tree, settings, RULE_IDS, checksWithoutData(tables), checked.directives);
  const estimateOf = (index: number): ClaimEstimate | undefined => {
    const part = claimParts[index];
    if (!part?.claim) return undefined;
    if (!part.estimate) {
      try {
        part.estimate = estimateOneClaim(part.claim, tables, part.findings, { qualifyingApmParticipant: settings.qualifyingApmParticipant, participating: settings.participating });
      } catch (err) {
        internalErrors.push({ rule: 'estimate', error: errorName(err, true) });
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
    suppressed,
    checked: checked.findings,
    internalErrors,
    tables,
    settings,
    lineBreaks: once(lineBreaks),
    estimate() {
      all ??= claimParts.map((_, i) => estimateOf(i)).filter((e): e is ClaimEstimate => !!e);
      return all;
    },
    estimateOf,
  };
}

/**
 * The document's size in UTF-8 bytes when it is over the limit, else undefined. The bytes are
 * counted only when the length could be over it: a UTF-16 unit is at most 3 bytes of UTF-8.
 */
function oversize(length: number, text: () => string, settings: Settings): number | undefined {
  const bytes = length > settings.maxFileBytes / 3 ? utf8Length(text()) : length;
  return bytes > settings.maxFileBytes ? bytes : undefined;
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
