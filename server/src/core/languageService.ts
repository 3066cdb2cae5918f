// The language service: one import for everything the server and other hosts need, in the style
// of vscode-css-languageservice. Every feature reads the same analysis; nothing re-parses.
export { analyze, AnalysisCache, ClaimDocument, FindingsNotRead, publishedFindings, withFindings, type Analysis, type AnalyzeOptions } from './analysis';
export { checkNotRunText, checksNotRun, type CheckNotRun } from './checks-not-run';
export { doCodeActions, fixAllActions, FIX_ALL_KIND } from './features/actions';
export { findDefinition } from './features/definition';
export { suppressionActions } from './features/suppress';
export { doComplete, COMPLETION_TRIGGERS } from './features/completion';
export { claimEstimateMarkdown, dateEstimateMarkdown, money } from './features/describe';
export { CHECKS_DOC_URL, DIAGNOSTIC_SOURCE, MAX_DIAGNOSTICS, repositoryRuleDocs, toDiagnostic, toDiagnostics, toPublishedDiagnostics, TOO_MANY_FINDINGS, type RuleDocs } from './features/diagnostics';
export { getFoldingRanges } from './features/folding';
export { formatDocument, formatRange, type FormatOptions } from './features/format';
export { doHover } from './features/hover';
export { getInlayHints, hintLabel, resolveInlayHint, type InlayHintData, type LineRange } from './features/inlayHints';
export { dataStatus, type DataStatus, type DataStatusInput } from './features/status';
export { dataFileReports, dataFilesText, type DataFileReport } from './features/data-files';
export { getCodeLenses, SHOW_ESTIMATE_COMMAND } from './features/lenses';
export { findDocumentSymbols } from './features/symbols';
export { messageOf } from './rules/messages';
export { RULES, RULE_IDS } from './rules';
export { longestDateLines } from './rules/util';
export { ruleRunCounter, type InternalError } from './rules/runner';
export type { Finding } from './rules/types';
export type { ClaimModel } from './model/model';
export { DEFAULT_SETTINGS, parseSettings, type Settings } from './settings';
export { checkPath, PLAN, shapeOf, type CheckPath, type DocumentShape } from './plan';
export { LineCache } from './syntax/parser';
export { drain, errorName, type Progress } from './steps';
export { createTables, loadDefaultTables, type Tables } from './tables';
export { analyzeX12, looksLikeX12, type X12Analysis } from './x12/check';
export { x12ClaimText, x12Diagnostics, x12Estimate, x12Hover } from './x12/features';

// What the command line needs besides (so the CLI can import the core through this one module;
// issue 23: today it still reaches into the modules below, left for after the CLI lanes merge).
export { CONFIG_FILE, parseJsonWithComments, unwrapSettings } from './config-file';
export { fixText } from './fixes';
export { formatLoadProblem } from './tables/loaders';
export type { Adjustment, ClaimEstimate, LineEstimate } from './estimate/estimate';
export type { Rule, Severity, Span, TextEdit } from './rules/types';
export type { SuppressedFinding } from './rules/suppressions';
export type { RuleLevel } from './settings';
export type { NationalTables } from './tables';

import type { Analysis } from './analysis';
import type { ClaimEstimate } from './estimate/estimate';
import { claimEstimateMarkdown } from './features/describe';
import { PLAN } from './plan';
import { thousands } from './strings';

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
