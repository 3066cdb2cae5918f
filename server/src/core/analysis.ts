// The facade of the core: analyze(text) -> tree, model, findings, and the estimate on demand.
// Pure (no IO, no vscode, no connection) and total: it never throws on any document.
import { estimateDocument, type ClaimEstimate } from './estimate/estimate';
import type { DocumentModel } from './model/model';
import { resolveDocument } from './model/resolve';
import { RULES } from './rules';
import type { Finding, RuleContext, Severity } from './rules/types';
import { DEFAULT_SETTINGS, type Settings } from './settings';
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
  /** The estimate, computed on first use. */
  estimate(): ClaimEstimate[];
  /** The break that ends each line (`\n`, `\r\n` or `\r`; none after the last), computed on first use. */
  lineBreaks?(): readonly string[];
}

export interface AnalyzeOptions {
  settings?: Settings;
  /** Reuse parsed lines across analyses of the same document (the server keeps one per document). */
  lineCache?: LineCache;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

export function analyze(text: string, tables: Tables, options: AnalyzeOptions = {}): Analysis {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const internalErrors: Analysis['internalErrors'] = [];
  const findings: Finding[] = [];

  const bytes = text.length > settings.maxFileBytes / 3 ? utf8Length(text) : text.length;
  if (bytes > settings.maxFileBytes) {
    const tree: SyntaxTree = { lines: [], texts: [] };
    const model: DocumentModel = { claims: [], beforeFirstClaim: [] };
    findings.push({ rule: 'file-too-large', severity: 'warning', line: 0, start: 0, end: 0, data: { bytes, limit: settings.maxFileBytes } });
    return { tree, model, findings, internalErrors, tables, settings, estimate: () => [] };
  }

  let tree: SyntaxTree;
  let model: DocumentModel;
  try {
    tree = parseDocument(text, options.lineCache);
    model = resolveDocument(tree, tables);
  } catch (err) {
    internalErrors.push({ rule: 'parse', error: errorName(err) });
    tree = { lines: [], texts: [] };
    model = { claims: [], beforeFirstClaim: [] };
  }

  const ctx: RuleContext = {
    tree,
    model,
    tables,
    report: () => undefined,
  };
  for (const rule of RULES) {
    const level = settings.rules[rule.id];
    if (level === 'off') continue;
    ctx.report = (f) => {
      const severity = level ?? f.severity ?? rule.defaultSeverity;
      findings.push({ ...f, severity });
    };
    try {
      rule.checkDocument?.(ctx);
      if (rule.checkClaim) {
        for (const claim of model.claims) {
          // Billing rules are Medicare's; a claim for another payer gets structure checks only.
          if (rule.billing && claim.payer && claim.payer.value !== 'medicare') continue;
          rule.checkClaim(claim, ctx);
        }
      }
    } catch (err) {
      internalErrors.push({ rule: rule.id, error: errorName(err) });
    }
  }
  findings.sort((a, b) => a.line - b.line || a.start - b.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);

  let estimate: ClaimEstimate[] | undefined;
  let breaks: string[] | undefined;
  return {
    tree,
    model,
    findings,
    internalErrors,
    tables,
    settings,
    lineBreaks() {
      breaks ??= text.match(/\r\n|\r|\n/g) ?? [];
      return breaks;
    },
    estimate() {
      if (!estimate) {
        try {
          estimate = estimateDocument(model, tables, findings);
        } catch (err) {
          internalErrors.push({ rule: 'estimate', error: errorName(err) });
          estimate = [];
        }
      }
      return estimate;
    },
  };
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
