// The rule runner: every rule of the registry on one part of a document (the lines before the
// first claim, or one claim), with the user's severity for each rule, the payer's gate on billing
// rules, and a rule that fails kept apart as an internal error (a bug, never the user's fault).
import { drain } from '../syntax/incremental';
import type { DocumentModel } from '../model/model';
import { payerOf } from '../payers';
import type { Settings } from '../settings';
import type { SyntaxTree } from '../syntax/nodes';
import type { Tables } from '../tables';
import { RULES } from './index';
import type { Finding, RuleContext, Severity } from './types';

/** A rule (or the parser, or the estimate) that failed: ids and a stack frame, never text. */
export interface InternalError {
  rule: string;
  error: string;
}

export interface RuleResults {
  /** In document order. */
  findings: Finding[];
  internalErrors: InternalError[];
}

/** The part a run checks: its model (one claim, or the statements before the first) and lines [from, to). */
export interface PartToCheck {
  tree: SyntaxTree;
  model: DocumentModel;
  from: number;
  to: number;
}

/** Runs every rule the settings leave on over one part. Never throws. */
export function runRules(part: PartToCheck, tables: Tables, settings: Settings): RuleResults {
  return drain(runRulesSteps(part, tables, settings));
}

/** runRules in steps: yields after each rule (a host checking a huge claim must not block). */
export function* runRulesSteps(part: PartToCheck, tables: Tables, settings: Settings): Generator<void, RuleResults> {
  const findings: Finding[] = [];
  const internalErrors: InternalError[] = [];
  const claim = part.model.claims[0];
  // Billing rules run only for a payer whose entry says so, against that payer's tables; any
  // other payer gets the structure rules only. A part with no claim has no claim rules to gate.
  const payer = claim ? payerOf(claim) : undefined;
  const billingTables = payer?.billingChecks ? payer.tables(tables) : undefined;
  for (const rule of RULES) {
    const level = settings.rules[rule.id];
    if (level === 'off') continue;
    const ctx = contextFor(part, rule.billing && billingTables ? billingTables : tables, findings, rule.defaultSeverity, level);
    try {
      rule.checkDocument?.(ctx);
      if (claim && rule.checkClaim && (!rule.billing || billingTables)) rule.checkClaim(claim, ctx);
    } catch (err) {
      internalErrors.push({ rule: rule.id, error: errorName(err) });
    }
    yield;
  }
  findings.sort(byPosition);
  return { findings, internalErrors };
}

/**
 * What one rule sees. The severity of what it reports: the user's level for the rule if set,
 * else the one the rule gives the finding, else the rule's default.
 */
function contextFor(part: PartToCheck, tables: Tables, into: Finding[], defaultSeverity: Severity, level: Severity | undefined): RuleContext {
  return {
    tree: part.tree,
    model: part.model,
    from: part.from,
    to: part.to,
    tables,
    report(f) {
      into.push({ ...f, severity: level ?? f.severity ?? defaultSeverity });
    },
  };
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** Document order: line, then column, then the more severe first. */
export function byPosition(a: Finding, b: Finding): number {
  return a.line - b.line || a.start - b.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
}

/** The kind of error and where, never its message text: a message could quote the document. */
export function errorName(err: unknown): string {
  if (err instanceof Error) {
    const frame = err.stack?.split('\n')[1]?.trim() ?? '';
    return `${err.name} ${frame}`;
  }
  return typeof err;
}
