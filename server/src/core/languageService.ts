// The language service: the one typed interface every host (the language server, its check
// worker, the command line) asks the core through, in the style of vscode-css-languageservice:
// `getLanguageService()` returns a `LanguageService` with one method per feature, each feature in
// a file of its own under features/. Every feature reads the same analysis; nothing re-parses.
// The hosts import from the core only this module: its `getLanguageService`, its types and its
// constants (test/architecture/language-service.test.ts). The named exports of the features just
// below are the service's own functions, for the core's tests, which test each feature by name.
export { analyze, AnalysisCache, ClaimDocument, FindingsNotRead, publishedFindings, withFindings, type Analysis, type AnalyzeOptions } from './analysis';
export { checkNotRunText, checksNotRun, type CheckNotRun } from './checks-not-run';
export { doCodeActions, fixAllActions, FIX_ALL_KIND } from './features/actions';
export { findDefinition } from './features/definition';
export { suppressionActions } from './features/suppress';
export { doComplete, COMPLETION_TRIGGERS } from './features/completion';
export { claimEstimateMarkdown, dateEstimateMarkdown, money } from './features/describe';
export { CHECKS_DOC_URL, DIAGNOSTIC_SOURCE, MAX_DIAGNOSTICS, repositoryRuleDocs, CHECK_FAILED, checkFailedDiagnostic, selectionDiagnostics, selectPublished, toDiagnostic, toDiagnostics, toPublishedDiagnostics, TOO_MANY_FINDINGS, type PublishedSelection, type RuleDocs } from './features/diagnostics';
export { getFoldingRanges } from './features/folding';
export { formatDocument, formatRange, type FormatOptions } from './features/format';
export { doHover } from './features/hover';
export { getInlayHints, hintLabel, resolveInlayHint, type InlayHintData, type LineRange } from './features/inlayHints';
export { dataStatus, type DataStatus, type DataStatusInput, type LimitedCheck, type TableInForce } from './features/status';
export { dataFileReports, dataFilesText, type DataFileReport, type DataLoadAccount } from './features/data-files';
export { getCodeLenses, SHOW_ESTIMATE_COMMAND } from './features/lenses';
export { findDocumentSymbols } from './features/symbols';
export { CHECKS_RUNNING, checkFailedText, pendingEstimateMarkdown, pendingHover, pendingLenses, pendingSymbols } from './features/pending';
export { messageOf } from './rules/messages';
export { RULES, RULE_IDS } from './rules';
export { longestDateLines } from './rules/util';
export { ruleRunCounter, type InternalError } from './rules/runner';
export type { Finding } from './rules/types';
export type { ClaimModel } from './model/model';
export { DEFAULT_SETTINGS, parseSettings, RuleLevel, SETTING_KEYS, type Settings, type SettingsProblem } from './settings';
export { checkPath, PLAN, shapeOf, type CheckPath, type DocumentShape } from './plan';
export { LineCache } from './syntax/parser';
export type { ContentChange } from './syntax/incremental';
export { drain, errorName, type Progress } from './steps';
export { createTables, loadDefaultTables, type Tables } from './tables';
export { analyzeX12, looksLikeX12, type X12Analysis, type X12ClaimResult, type X12Finding, type X12Where } from './x12/check';
export { x12ClaimText, x12Diagnostics, x12Estimate, x12Hover } from './x12/features';
export type { X12Claim, X12Problem } from './x12/model';
export type { GeneratedClaim } from './x12/to-claim';
export { CONFIG_FILE, parseJsonWithComments, unwrapSettings } from './config-file';
export { fixText, type FixableAnalysis, type FixResult } from './fixes';
export { formatLoadProblem, type LoadProblem } from './tables/loaders';
export type { Adjustment, ClaimEstimate, DateEstimate, LineEstimate } from './estimate/estimate';
export type { Rule, Severity, Span, TextEdit } from './rules/types';
export type { SuppressedFinding } from './rules/suppressions';
export type { NationalTables } from './tables';
export type { NationalData } from './tables/national-files';

import type { CodeAction, CodeLens, CompletionList, Diagnostic, DocumentSymbol, FoldingRange, Hover, InlayHint, Location, Range, TextEdit as LspTextEdit } from 'vscode-languageserver-types';
import { analyze, AnalysisCache, ClaimDocument, publishedFindings, withFindings, type Analysis, type AnalyzeOptions } from './analysis';
import { checkNotRunText, checksNotRun, type CheckNotRun } from './checks-not-run';
import { parseJsonWithComments, unknownSettingKeys, unwrapSettings } from './config-file';
import type { ClaimEstimate } from './estimate/estimate';
import { doCodeActions, fixAllActions } from './features/actions';
import { doComplete } from './features/completion';
import { dataFileReports, dataFilesText, type DataFileReport, type DataLoadAccount } from './features/data-files';
import { findDefinition } from './features/definition';
import { claimEstimateMarkdown } from './features/describe';
import { checkFailedDiagnostic, selectionDiagnostics, selectPublished, toDiagnostics, toPublishedDiagnostics, type PublishedSelection, type RuleDocs } from './features/diagnostics';
import { getFoldingRanges } from './features/folding';
import { formatDocument, formatRange, type FormatOptions } from './features/format';
import { doHover } from './features/hover';
import { getInlayHints, resolveInlayHint, type LineRange } from './features/inlayHints';
import { getCodeLenses } from './features/lenses';
import { dataStatus, type DataStatus, type DataStatusInput } from './features/status';
import { suppressionActions } from './features/suppress';
import { findDocumentSymbols } from './features/symbols';
import { pendingEstimateMarkdown, pendingHover, pendingLenses, pendingSymbols } from './features/pending';
import { fixText, type FixableAnalysis, type FixResult } from './fixes';
import type { ClaimModel } from './model/model';
import { checkPath, PLAN, shapeOf, type CheckPath, type DocumentShape } from './plan';
import { messageOf } from './rules/messages';
import type { InternalError } from './rules/runner';
import type { Finding } from './rules/types';
import { layerSettings, parseSettings, type Settings, type SettingsProblem } from './settings';
import { drain, errorName } from './steps';
import { thousands } from './strings';
import type { SyntaxTree } from './syntax/nodes';
import { longestDateLines } from './rules/util';
import { createTables, loadDefaultTables, type NationalTables, type Tables } from './tables';
import { formatLoadProblem, type LoadProblem } from './tables/loaders';
import { emptyNationalData, type NationalData } from './tables/national-files';
import { analyzeX12, checkClaim, looksLikeX12, problemFinding, X12Stream, x12WhereText, type X12Analysis, type X12ClaimResult, type X12Finding, type X12Where } from './x12/check';
import { x12ClaimText, x12Diagnostics, x12Estimate, x12Hover } from './x12/features';
import type { X12Claim, X12Problem } from './x12/model';
import { generateClaim, type GeneratedClaim } from './x12/to-claim';

/**
 * Everything a host asks the core, one method per feature. Positions are 0-based lines and UTF-16
 * columns; every method accepts any document and any settings and never throws on them.
 */
export interface LanguageService {
  // Tables, settings and configuration files.
  /** The guide's and reference tables, no national data (loaded once). */
  loadDefaultTables(): Tables;
  /** The guide's tables with national ones (the hosts load them from the files the settings name). */
  createTables(guide: Tables['guide'], reference: Tables['reference'], national?: NationalTables): Tables;
  /** Every national data setting empty (an untrusted workspace's). */
  emptyNationalData(): NationalData;
  /** Settings from untrusted input, each field on its own; `knownRules` flags unknown rule ids. */
  parseSettings(input: unknown, knownRules?: ReadonlySet<string>): { settings: Settings; problems: SettingsProblem[] };
  /** A workspace's `.haiclaims.json` under the user's settings (`userSet`: the keys the user set). */
  layerSettings(file: Settings, user: Settings, userSet?: ReadonlySet<string>): Settings;
  /** JSON with comments (`.haiclaims.json`), bounded in depth. */
  parseJsonWithComments(text: string): { json?: unknown; error?: string };
  /** The settings object of a config file (its `haiClaims` key, or the file itself). */
  unwrapSettings(json: unknown): unknown;
  /** The keys of a config file that are no setting. */
  unknownSettingKeys(input: unknown): string[];
  /** A data file's problem as `file:line: reason`. */
  formatLoadProblem(problem: LoadProblem): string;

  // Documents, analyses and the plan for size.
  /** The analysis of a text: tree, model, findings, estimate on demand. */
  analyze(text: string, tables: Tables, options?: AnalyzeOptions): Analysis;
  /** A reusable cache of analyses of one document (the CLI's `--fix` passes). */
  createAnalysisCache(): AnalysisCache;
  /** An open document, kept up to date by edits and analysed incrementally. */
  openDocument(text: string): ClaimDocument;
  /** openDocument in steps, for a large text (a host must not block). */
  openDocumentSteps(text: string): Generator<void, ClaimDocument>;
  /** A model-only analysis with another thread's findings (and the estimates it priced, by claim index): what analyze gives (the check worker's). */
  withFindings(model: Analysis, checked: readonly Finding[], internalErrors?: readonly InternalError[], estimates?: ReadonlyMap<number, ClaimEstimate>): Analysis | undefined;
  /** The findings to publish from another thread's, after suppressions. */
  publishedFindings(tree: SyntaxTree, checked: readonly Finding[], tables: Tables, settings: Settings): Finding[];
  /** The shape of a parsed document (the plan reads it). */
  shapeOf(tree: SyntaxTree): DocumentShape;
  /** How a document of `shape` is checked: at once, in steps, or in the worker (when one is up). */
  checkPath(shape: DocumentShape, worker: boolean): CheckPath;
  /** The lines of a claim's longest date of service (its same-day blocks together). */
  longestDateLines(claim: ClaimModel): number;
  /** Runs a step generator to its end. */
  drain<T>(steps: Generator<void, T>): T;
  /** A failure's name, never its message (a message may quote text); `frame`: with its first stack frame. */
  errorName(err: unknown, frame?: boolean): string;

  // Findings as the user reads them.
  messageOf(finding: Pick<Finding, 'rule' | 'data'>): string;
  toDiagnostics(findings: readonly Finding[], uri: string, docs?: RuleDocs): Diagnostic[];
  /** At most `max` diagnostics, then one that says how many more there are. */
  toPublishedDiagnostics(findings: readonly Finding[], uri: string, max?: number, docs?: RuleDocs): Diagnostic[];
  /** What toPublishedDiagnostics publishes of the findings (after suppressions), as findings: what the check worker sends first. */
  selectPublished(findings: readonly Finding[], max?: number): PublishedSelection;
  /** The diagnostics of such a selection. */
  selectionDiagnostics(selection: PublishedSelection, uri: string, docs?: RuleDocs): Diagnostic[];
  /** The checks that cannot run for lack of a national file (not findings). */
  checksNotRun(tables: Tables, settings: Pick<Settings, 'rules'> & Partial<Pick<Settings, 'data'>>): CheckNotRun[];
  checkNotRunText(check: CheckNotRun): string;
  /** The account of each data setting after a load, and as text (`hai-claims data`). */
  dataFileReports(accounts: readonly DataLoadAccount[], national: NationalTables): DataFileReport[];
  dataFilesText(reports: readonly DataFileReport[], heading: string): string[];
  /** The tables in force and the checks they limit, for the status bar. */
  dataStatus(tables: Tables, input: DataStatusInput): DataStatus;

  // Editor features, each reading one analysis.
  doHover(analysis: Analysis, line: number, character: number): Hover | null;
  doComplete(analysis: Analysis, line: number, character: number): CompletionList;
  doCodeActions(analysis: Analysis, uri: string, range: Range, only?: string[]): CodeAction[];
  suppressionActions(analysis: Analysis, uri: string, range: Range, only?: string[]): CodeAction[];
  fixAllActions(analysis: Analysis, uri: string, only?: string[]): CodeAction[];
  findDefinition(analysis: Analysis, uri: string, line: number, character: number): Location | null;
  findDocumentSymbols(analysis: Analysis, max?: number): DocumentSymbol[];
  getFoldingRanges(analysis: Analysis): FoldingRange[];
  getCodeLenses(analysis: Analysis, uri: string, max?: number): CodeLens[];
  formatDocument(analysis: Analysis, options?: FormatOptions): LspTextEdit[];
  formatRange(analysis: Analysis, range: Range, options?: FormatOptions): LspTextEdit[];
  getInlayHints(analysis: Analysis, range?: LineRange, uri?: string): InlayHint[];
  resolveInlayHint(analysis: Analysis, hint: InlayHint): InlayHint;
  estimatePage(analysis: Analysis, first?: number, count?: number): EstimatePage;
  estimateMarkdown(analysis: Analysis, page?: EstimatePage): string;
  /**
   * The answers while a document's checks still run (features/pending.ts): from its model only (a
   * worker-held document), or from none (one checked in steps here); no amounts, saying so.
   */
  pendingHover(model: Analysis | undefined, line: number, character: number, failed?: string): Hover | null;
  pendingSymbols(model: Analysis | undefined, max?: number, failed?: string): DocumentSymbol[];
  pendingLenses(model: Analysis | undefined, uri: string, max?: number, failed?: string): CodeLens[];
  pendingEstimateMarkdown(failed?: string): string;
  /** The diagnostic published for a version whose check stopped on an internal error (its name). */
  checkFailedDiagnostic(failed: string): Diagnostic;
  /** `--fix`: the safe fixes and the formatter's alignment, applied until the text settles. */
  fixText<A extends FixableAnalysis>(text: string, analyse: (text: string) => A, maxPasses?: number): FixResult<A>;

  // X12 837P (issue 24).
  looksLikeX12(text: string): boolean;
  analyzeX12(text: string, tables: Tables, settings: Settings): X12Analysis;
  x12Diagnostics(analysis: X12Analysis, uri: string, max: number, docs?: RuleDocs): Diagnostic[];
  x12Hover(analysis: X12Analysis, line: number, character: number): Hover | null;
  x12Estimate(analysis: X12Analysis): { markdown: string; claims: ClaimEstimate[] };
  x12ClaimText(analysis: X12Analysis): string;
  /** An 837P read in chunks: each claim handed on once whole, each problem once found. */
  x12Stream(onClaim: (claim: X12Claim) => void, onProblem: (problem: X12Problem) => void): X12Stream;
  /** One claim of an 837P through every check (the estimate on demand), on the X12 file's places. */
  checkX12Claim(claim: X12Claim, tables: Tables, settings: Settings): X12ClaimResult;
  /** A reader's problem as a finding on the X12 file. */
  x12ProblemFinding(problem: X12Problem): X12Finding;
  /** A claim of an 837P as de-identified `.claim` text, with each line's place in the X12 file. */
  x12ClaimFile(claim: X12Claim): GeneratedClaim;
  /** Where in an X12 file a finding is (segment, element), as text. */
  x12WhereText(where: X12Where): string;
}

const LANGUAGE_SERVICE: LanguageService = {
  loadDefaultTables,
  createTables,
  emptyNationalData,
  parseSettings,
  layerSettings,
  parseJsonWithComments,
  unwrapSettings,
  unknownSettingKeys,
  formatLoadProblem,
  analyze,
  createAnalysisCache: () => new AnalysisCache(),
  openDocument: (text) => new ClaimDocument(text),
  openDocumentSteps: (text) => ClaimDocument.openSteps(text),
  withFindings,
  publishedFindings,
  shapeOf,
  checkPath,
  longestDateLines,
  drain,
  errorName,
  messageOf,
  toDiagnostics,
  toPublishedDiagnostics,
  selectPublished,
  selectionDiagnostics,
  checkFailedDiagnostic,
  checksNotRun,
  checkNotRunText,
  dataFileReports,
  dataFilesText,
  dataStatus,
  doHover,
  doComplete,
  doCodeActions,
  suppressionActions,
  fixAllActions,
  findDefinition,
  findDocumentSymbols,
  getFoldingRanges,
  getCodeLenses,
  formatDocument,
  formatRange,
  getInlayHints,
  resolveInlayHint,
  estimatePage,
  estimateMarkdown,
  pendingHover,
  pendingSymbols,
  pendingLenses,
  pendingEstimateMarkdown,
  fixText,
  looksLikeX12,
  analyzeX12,
  x12Diagnostics,
  x12Hover,
  x12Estimate,
  x12ClaimText,
  x12Stream: (onClaim, onProblem) => new X12Stream(onClaim, onProblem),
  checkX12Claim: checkClaim,
  x12ProblemFinding: problemFinding,
  x12ClaimFile: generateClaim,
  x12WhereText,
};

/** The language service: stateless (a document's state is its ClaimDocument), so one serves every host. */
export function getLanguageService(): LanguageService {
  return LANGUAGE_SERVICE;
}

/** A page of a document's claims' estimates: claims [first, first + count) of `total`. */
export interface EstimatePage {
  claims: ClaimEstimate[];
  first: number;
  total: number;
}

/**
 * The estimates of the claims [first, first + count) (PLAN.estimatePage), pricing only those: the
 * answer on a file of 200,000 claims stays bounded, and its cost is the page's (issue 23).
 */
export function estimatePage(analysis: Analysis, first = 0, count: number = PLAN.estimatePage): EstimatePage {
  const all = analysis.model.claims;
  const from = Math.max(0, Math.min(Math.floor(first) || 0, all.length));
  const to = Math.min(all.length, from + Math.max(1, count));
  const claims: ClaimEstimate[] = [];
  let room: number = PLAN.estimateLines;
  for (let i = from; i < to; i++) {
    const e = analysis.estimateOf(all[i].index);
    if (!e) continue;
    claims.push(linesUpTo(e, room));
    room = Math.max(0, room - e.dates.reduce((n, d) => n + d.lines.length, 0));
  }
  return { claims, first: from, total: all.length };
}

/** The claim's estimate with at most `room` service lines (its totals the whole claim's), saying so when lines are left out. */
function linesUpTo(e: ClaimEstimate, room: number): ClaimEstimate {
  const lines = e.dates.reduce((n, d) => n + d.lines.length, 0);
  if (lines <= room) return e;
  let left = room;
  const dates = e.dates.map((d) => {
    const shown = d.lines.slice(0, left);
    left -= shown.length;
    return { ...d, lines: shown };
  });
  const all = `${thousands(lines)} service line${lines === 1 ? '' : 's'}`;
  const shown = room === 0 ? `This claim's ${all} ${lines === 1 ? 'is' : 'are'} not shown` : `Only the first ${thousands(room)} of this claim's ${all} are shown`;
  const note = `${shown}; its totals are of every line (the estimate shows at most ${thousands(PLAN.estimateLines)} lines at a time). Run \`hai-claims estimate\` on the file for every line.`;
  return { ...e, dates, notes: [...e.notes, note] };
}

/** The estimate of the claims of a page as one markdown page (the "show estimate" command), saying when it is part of the document. */
export function estimateMarkdown(analysis: Analysis, page: EstimatePage = estimatePage(analysis, 0, Number.MAX_SAFE_INTEGER)): string {
  if (page.claims.length === 0) return page.total === 0 ? '_No claims in this file._' : '_No claims on this page._';
  const body = page.claims.map(claimEstimateMarkdown).join('\n---\n\n');
  const shown = page.claims.length;
  if (page.first === 0 && shown >= page.total) return body;
  return `_Claims ${page.first + 1} to ${page.first + shown} of ${page.total} are shown (the estimate is shown a page at a time in a file this large)._\n\n${body}`;
}
