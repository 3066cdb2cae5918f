// Every request the server answers, in one table: the LSP request (or HAI Claims request), the
// core feature that answers it, and the answer when there is none. Each runs behind one guard:
// a cancelled request is answered as cancelled, and a failing feature costs that one answer (an
// LSP error), never the server.
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  ErrorCodes,
  FoldingRangeRequest,
  HoverRequest,
  InlayHintRequest,
  InlayHintResolveRequest,
  type InlayHint,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type CompletionList,
  type Connection,
  type HoverParams,
  type ProtocolRequestType,
} from 'vscode-languageserver/node';
import { getLanguageService, ruleRunCounter, type Analysis, type Settings, type Tables, type X12Analysis } from '../core/languageService';
import {
  ESTIMATE_REQUEST,
  SKIPPED_CHECKS_REQUEST,
  STATS_REQUEST,
  X12_CLAIM_REQUEST,
  type X12ClaimParams,
  type X12ClaimResult,
  type EstimateParams,
  type EstimateResult,
  type SkippedChecksResult,
  type StatsParams,
  type StatsResult,
} from '../protocol';
import type { Documents, Need } from './documents';
import type { X12Documents } from './x12-documents';
import { errorName, injectFault, type Log } from './safety';

const ls = getLanguageService();

export interface RequestContext {
  documents: Documents;
  /** Documents that hold an 837P (issue 24). */
  x12?: X12Documents;
  settings(): Settings;
  /** The tables in force now (they change when national data loads). */
  tables(): Tables;
  log: Log;
}

/** One row of the table: wires its request on a connection. */
interface Route {
  /** Names the request in the log and in the error answer, and selects it for fault injection (HAI_CLAIMS_FAULT). */
  readonly name: string;
  /** The method on the wire (the client's tracing names it so). */
  readonly method: string;
  /** What it reads of a document's analysis, when it is about one. */
  readonly need?: Need;
  wire(connection: Connection, ctx: RequestContext): void;
}

type Answer<P, R> = (params: P, ctx: RequestContext) => R | null | undefined | Promise<R | null | undefined>;

/**
 * Runs a request handler; a failure becomes an LSP error for that request, never a crash. An
 * answer may wait for a large document's check in steps (a promise): a request cancelled
 * meanwhile is then answered as cancelled.
 */
function guard<P, R>(name: string, log: Log, answer: (params: P) => R | null | undefined | Promise<R | null | undefined>, empty: R) {
  const failed = (err: unknown) => {
    log(`${name} failed: ${errorName(err)}`);
    return new ResponseError(ErrorCodes.InternalError, `HAI Claims could not answer ${name}; the server is still running.`);
  };
  const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
  return (params: P, token: CancellationToken): R | ResponseError<void> | Promise<R | ResponseError<void>> => {
    // A request sent without params reaches the handler as (token) alone, hence `token?`.
    if (token?.isCancellationRequested) return cancelled();
    try {
      injectFault(name);
      const result = answer(params);
      if (!(result instanceof Promise)) return result ?? empty;
      return result.then((r) => (token?.isCancellationRequested ? cancelled() : r ?? empty), failed);
    } catch (err) {
      return failed(err);
    }
  };
}

/**
 * An LSP request about one document: answered from its analysis, `empty` when it is not open.
 * `need`: what it reads. 'model' (the tree and model) is answered at once even on a document the
 * check worker holds; 'findings' (the findings or the estimate) waits for the worker's findings of
 * the current version there. A route that reads findings while declaring 'model' fails
 * (FindingsNotRead), which test/lsp/large.test.ts would show. `partial`: the answer from the tree
 * and model when a worker-held document's findings do not come within PLAN.findingsWaitMs, or of
 * none when a document checked in steps here is not checked by then (it says the checks are
 * running, never an amount or "clean"); `empty` when not given. Also the answer, saying so, while
 * the last check of the current version has failed (`failed`, the error's name).
 */
function onDocument<P extends { textDocument: { uri: string } }, R, PR, RO>(
  type: ProtocolRequestType<P, R, PR, void, RO>,
  name: string,
  empty: R,
  answer: (analysis: Analysis, params: P, ctx: RequestContext) => R,
  need: Need = 'findings',
  partial: (model: Analysis | undefined, params: P, ctx: RequestContext, failed?: string) => R = () => empty,
): Route {
  const run: Answer<P, R> = (p, ctx) => ctx.documents.withDoc(p.textDocument.uri, empty, (a) => answer(a, p, ctx), need, (m, failed) => partial(m, p, ctx, failed));
  return { name, method: type.method, need, wire: (connection, ctx) => void connection.onRequest(type, guard(name, ctx.log, (p: P) => run(p, ctx), empty)) };
}

/** A HAI Claims request (protocol.ts), named by its method. */
function custom<P, R>(method: string, name: string, empty: R, run: Answer<P, R>): Route {
  return { name, method, wire: (connection, ctx) => void connection.onRequest(method, guard(name, ctx.log, (p: P) => run(p, ctx), empty)) };
}

const NO_COMPLETIONS: CompletionList = { isIncomplete: false, items: [] };

function estimate(p: EstimateParams | undefined, ctx: RequestContext): EstimateResult | Promise<EstimateResult> {
  const notOpen: EstimateResult = { markdown: '_This file is not open._', claims: [] };
  // An 837P document: its claims' estimates, on its lines (issue 24).
  const x12 = p?.uri && ctx.x12?.has(p.uri) ? ctx.x12.analysis(p.uri) : undefined;
  if (x12) return ls.x12Estimate(x12);
  return ctx.documents.withDoc(
    p?.uri,
    notOpen,
    (a) => {
      const page = ls.estimatePage(a, p?.first);
      return { markdown: ls.estimateMarkdown(a, page), claims: page.claims, first: page.first, total: page.total };
    },
    'findings',
    // Its checks still running (in the worker, or in steps here): no amounts yet, saying so; the view asks again when they finish.
    (model, failed) => ({ markdown: ls.pendingEstimateMarkdown(failed), claims: [], pending: true, total: model?.model.claims.length }),
  );
}

function skippedChecks(_p: unknown, ctx: RequestContext): SkippedChecksResult {
  return { checks: ls.checksNotRun(ctx.tables(), ctx.settings()) };
}

function stats(p: StatsParams | undefined, ctx: RequestContext): StatsResult {
  // A soak test started with --expose-gc asks for a collection first, so it measures what is kept.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (p?.gc && gc) gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers, openDocuments: ctx.documents.size, ruleRuns: ruleRunCounter.parts };
}

/** Request -> core feature. A new request is one row here (and its capability in init.ts). */
export const ROUTES: readonly Route[] = [
  x12Aware(
    onDocument(HoverRequest.type, 'hover', null, (a, p) => ls.doHover(a, p.position.line, p.position.character), 'findings', (m, p, _ctx, failed) => ls.pendingHover(m, p.position.line, p.position.character, failed)),
    HoverRequest.method, (a, p: HoverParams) => ls.x12Hover(a, p.position.line, p.position.character)),
  onDocument(CompletionRequest.type, 'completion', NO_COMPLETIONS, (a, p) => ls.doComplete(a, p.position.line, p.position.character), 'model'),
  // The checks' own remedies, then "suppress on this line with a reason" (core/features/suppress.ts).
  // source.fixAll.hai-claims: every safe fix at once (editor.codeActionsOnSave).
  onDocument(CodeActionRequest.type, 'codeAction', [], (a, p) => [
    ...ls.doCodeActions(a, p.textDocument.uri, p.range, p.context.only),
    ...ls.suppressionActions(a, p.textDocument.uri, p.range, p.context.only),
    ...ls.fixAllActions(a, p.textDocument.uri, p.context.only),
  ]),
  onDocument(DefinitionRequest.type, 'definition', null, (a, p) => ls.findDefinition(a, p.textDocument.uri, p.position.line, p.position.character), 'model'),
  onDocument(DocumentSymbolRequest.type, 'documentSymbol', [], (a) => ls.findDocumentSymbols(a), 'findings', (m, _p, _ctx, failed) => ls.pendingSymbols(m, undefined, failed)),
  onDocument(FoldingRangeRequest.type, 'foldingRange', [], (a) => ls.getFoldingRanges(a), 'model'),
  onDocument(
    CodeLensRequest.type,
    'codeLens',
    [],
    (a, p, ctx) => (ctx.settings().codeLens.enabled ? ls.getCodeLenses(a, p.textDocument.uri) : []),
    'findings',
    (m, p, ctx, failed) => (ctx.settings().codeLens.enabled ? ls.pendingLenses(m, p.textDocument.uri, undefined, failed) : []),
  ),
  onDocument(DocumentFormattingRequest.type, 'formatting', [], (a, p) => ls.formatDocument(a, p.options), 'model'),
  onDocument(DocumentRangeFormattingRequest.type, 'rangeFormatting', [], (a, p) => ls.formatRange(a, p.range, p.options), 'model'),
  // While its checks run, none: a hint sits at one place in the text, where a coder reads an amount,
  // and a "checking" hint there would be noise on every visible line; the status bar already says
  // the document is being checked, and the editor asks again when the findings come (refresh).
  onDocument(InlayHintRequest.type, 'inlayHint', [], (a, p, ctx) =>
    ctx.settings().inlayHints.enabled ? ls.getInlayHints(a, { start: p.range.start.line, end: p.range.end.line }, p.textDocument.uri) : [],
  ),
  {
    name: 'inlayHintResolve',
    method: InlayHintResolveRequest.method,
    need: 'findings',
    wire: (connection, ctx) =>
      void connection.onRequest(
        InlayHintResolveRequest.type,
        guard('inlayHintResolve', ctx.log, (h: InlayHint) => ctx.documents.withDoc((h.data as { uri?: string } | undefined)?.uri, h, (a) => ls.resolveInlayHint(a, h), 'findings', () => h), null as unknown as InlayHint),
      ),
  },
  custom(ESTIMATE_REQUEST, 'estimate', { markdown: '', claims: [] }, estimate),
  custom(SKIPPED_CHECKS_REQUEST, 'skippedChecks', { checks: [] }, skippedChecks),
  custom(STATS_REQUEST, 'stats', null, stats),
  custom(X12_CLAIM_REQUEST, 'x12Claim', { text: null }, x12Claim),
];

/** "Open as Claim": the de-identified claims of an 837P document; null when it holds none. */
function x12Claim(p: X12ClaimParams | undefined, ctx: RequestContext): X12ClaimResult {
  const a = p?.uri ? ctx.x12?.analysis(p.uri) : undefined;
  return { text: a ? ls.x12ClaimText(a) : null };
}

/** A document request answered from an 837P document's analysis when the document is one (hover on SV1). */
function x12Aware<P extends { textDocument: { uri: string } }, R>(route: Route, method: string, answer: (a: X12Analysis, p: P) => R | null): Route {
  type Handler = (p: P, token: CancellationToken) => unknown;
  return {
    ...route,
    wire: (connection, ctx) => {
      // The claim route's own handler, wired on a stand-in, so one handler answers both kinds of document.
      let claimHandler: Handler = () => null;
      route.wire({ onRequest: (_m: unknown, h: Handler) => void (claimHandler = h) } as unknown as Connection, ctx);
      const x12 = guard(route.name, ctx.log, (p: P) => {
        const a = ctx.x12?.analysis(p.textDocument.uri);
        return a ? answer(a, p) : null;
      }, null);
      connection.onRequest(method, (p: P, token: CancellationToken) => (ctx.x12?.has(p.textDocument.uri) ? x12(p, token) : claimHandler(p, token)));
    },
  };
}

export function registerRequests(connection: Connection, ctx: RequestContext): void {
  for (const route of ROUTES) route.wire(connection, ctx);
}
