// The language service: one import for everything the server and other hosts need, in the style
// of vscode-css-languageservice. Every feature reads the same analysis; nothing re-parses.
export { analyze, AnalysisCache, ClaimDocument, type Analysis, type AnalyzeOptions } from './analysis';
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
export { getCodeLenses, SHOW_ESTIMATE_COMMAND } from './features/lenses';
export { findDocumentSymbols } from './features/symbols';
export { messageOf } from './rules/messages';
export { RULES, RULE_IDS } from './rules';
export { longestDateLines } from './rules/util';
export type { ClaimModel } from './model/model';
export { DEFAULT_SETTINGS, parseSettings, type Settings } from './settings';
export { LineCache } from './syntax/parser';
export { createTables, loadDefaultTables, type Tables } from './tables';

import type { Analysis } from './analysis';
import { claimEstimateMarkdown } from './features/describe';

/** The estimate of every claim in a document as one markdown page (the "show estimate" command). */
export function estimateMarkdown(analysis: Analysis): string {
  const claims = analysis.estimate();
  if (claims.length === 0) return '_No claims in this file._';
  return claims.map(claimEstimateMarkdown).join('\n---\n\n');
}
