// The rule runner: every rule of the registry on one part of a document (the lines before the
// first claim, or one claim), with the user's severity for each rule, the payer's gate on billing
// rules, and a rule that fails kept apart as an internal error (a bug, never the user's fault).
import { drain, errorName, type Progress } from '../steps';
import type { ClaimModel, DocumentModel } from '../model/model';
import { payerOf } from '../payers';
import type { RuleLevel, Settings } from '../settings';
import type { SyntaxTree } from '../syntax/nodes';
import type { Tables } from '../tables';
import { RULES } from './index';
import type { Finding, Rule, RuleContext, Severity } from './types';
import { linesWithProblems } from './structure';
import { datesOfService } from './util';

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
  /** Its lines with parser problems, found on first use (several rules report them). */
  problemLines?: number[];
}

/**
 * The rules that declare `scope: 'date'` (Rule.scope): their findings on a date of service depend
 * only on that date's blocks and the claim's header lines. They run date by date in a long claim,
 * so its unchanged dates can be reused (reuse.ts); every other rule runs over the whole claim.
 */
export const DATE_SCOPED_RULES: ReadonlySet<string> = new Set(RULES.filter((r) => r.scope === 'date').map((r) => r.id));

/**
 * How many parts of documents the rules ran over in this thread: a test reads it through the
 * server's haiClaims/_stats to show that the main thread checks no document the worker holds.
 */
export const ruleRunCounter = { parts: 0 };

/** One date of service of a claim: its blocks and their lines. */
export type DateGroup = ReturnType<typeof datesOfService>[number];

/**
 * A long claim's memo of date results (reuse.ts): `reuse` gives a date's results from an earlier
 * analysis when they cannot have changed (else undefined: the date is checked), and `keep` records
 * the results of each date for the next analysis. Plain calls, not a generator per date: a claim
 * of 1,250 dates asks 1,250 times on each keystroke.
 */
export interface DateResults {
  /** `indexes`: the claim's indexes the date-scoped rules read (Rule.claimIndex), the same for each date of one check. */
  reuse(group: DateGroup, indexes: readonly ClaimIndexOf[]): RuleResults | undefined;
  keep(group: DateGroup, results: RuleResults, indexes: readonly ClaimIndexOf[]): void;
}

/** A date-scoped rule's index of the claim being checked. */
export interface ClaimIndexOf {
  rule: Rule;
  index: unknown;
}

const RULE_RANK = new Map(RULES.map((r, i) => [r.id, i]));

/**
 * A long claim: from this many lines, a claim runs its date-scoped rules date by date, so that an
 * edit re-checks only its dates (reuse.ts keeps each date's results) and a huge date is checked in
 * steps. A shorter claim runs them over the whole claim, once each, and is re-checked whole:
 * splitting a claim of a few dates costs more (a context and a step per rule per date) than it
 * saves. Either way the findings are the same (test/property/pair-rules.property.test.ts).
 */
export const LONG_CLAIM_LINES = 200;

/** Runs every rule the settings leave on over one part. Never throws. */
export function runRules(part: PartToCheck, tables: Tables, settings: Settings, dated?: DateResults): RuleResults {
  return drain(runRulesSteps(part, tables, settings, dated));
}

/**
 * runRules in steps: yields after each rule, and after each rule on each date (a host checking a
 * huge claim must not block). Findings come out in document order, and in registry order on one
 * position (as if each rule ran over the whole part).
 */
export function* runRulesSteps(part: PartToCheck, tables: Tables, settings: Settings, dated?: DateResults, progress?: Progress, levels: RuleLevels = ruleLevels(settings)): Generator<void, RuleResults> {
  ruleRunCounter.parts++;
  const findings: Finding[] = [];
  const internalErrors: InternalError[] = [];
  const claim = part.model.claims[0];
  // Billing rules run only for a payer whose entry says so, against that payer's tables; any
  // other payer gets the structure rules only. A part with no claim has no claim rules to gate.
  const payer = claim ? payerOf(claim) : undefined;
  const billingTables = payer?.billingChecks ? payer.tables(tables) : undefined;
  const dateByDate = !!claim && (!!dated || part.to - part.from >= LONG_CLAIM_LINES);
  // A short part is one step: its rules take a fraction of a millisecond together, and a step per
  // rule (a turn of every generator up to the host's) cost as much as the rules on a batch of
  // 600 claims (issue 23). A long part, claim or not, still yields after each rule.
  const stepPerRule = dateByDate || part.to - part.from >= LONG_CLAIM_LINES;
  const byDate: Rule[] = [];
  const shared = sharedContext(part, findings, settings.defaultLocality);
  for (let r = 0; r < RULES.length; r++) {
    const rule = RULES[r];
    const level = levels[r];
    if (level === 'off') continue;
    const runsOnClaim = !!claim && !!rule.checkClaim && (!rule.billing || !!billingTables);
    const perDate = dateByDate && rule.scope === 'date';
    if (runsOnClaim && perDate) byDate.push(rule);
    const ctx = shared.use(rule, tablesOf(rule, tables, billingTables), level);
    try {
      rule.checkDocument?.(ctx);
      if (runsOnClaim && !perDate) rule.checkClaim!(claim, ctx);
    } catch (err) {
      internalErrors.push({ rule: rule.id, error: errorName(err, true) });
    }
    if (progress) progress.done++;
    if (stepPerRule) yield;
  }
  if (!stepPerRule) yield;
  if (claim && byDate.length) {
    const indexes = claimIndexes(claim, byDate, tables, billingTables, internalErrors);
    const groups = datesOfService(claim);
    if (progress) progress.total += groups.length * byDate.length;
    for (const group of groups) {
      const reused = dated?.reuse(group, indexes);
      if (reused && progress) progress.done += byDate.length;
      const results = reused ?? (yield* checkDate(part, { ...claim, dates: group.dates }, byDate, tables, billingTables, settings, indexes, progress));
      dated?.keep(group, results, indexes);
      for (const f of results.findings) findings.push(f);
      for (const e of results.internalErrors) if (!internalErrors.some((x) => x.rule === e.rule && x.error === e.error)) internalErrors.push(e);
    }
  }
  findings.sort((a, b) => byPosition(a, b) || (RULE_RANK.get(a.rule) ?? 0) - (RULE_RANK.get(b.rule) ?? 0));
  return { findings, internalErrors };
}

/** The user's level of each rule of RULES, by its index there (undefined: the rule's own severity). */
export type RuleLevels = readonly (RuleLevel | undefined)[];

/** The levels the settings give the rules: read once per check, not once per rule per claim (a batch has hundreds). */
export function ruleLevels(settings: Settings): RuleLevels {
  return RULES.map((rule) => settings.rules[rule.id]);
}

/** The index each date-scoped rule that has one reads (Rule.claimIndex), built once over the whole claim. */
function claimIndexes(claim: ClaimModel, rules: readonly Rule[], tables: Tables, billingTables: Tables | undefined, internalErrors: InternalError[]): ClaimIndexOf[] {
  const indexes: ClaimIndexOf[] = [];
  for (const rule of rules) {
    if (!rule.claimIndex) continue;
    try {
      indexes.push({ rule, index: rule.claimIndex.build(claim, tablesOf(rule, tables, billingTables)) });
    } catch (err) {
      // The rule then builds its own on each date, and fails there too: reported once.
      internalErrors.push({ rule: rule.id, error: errorName(err, true) });
    }
  }
  return indexes;
}

/** The date-scoped rules over one date of service (`claim` holds only that date's blocks), a step per rule. */
function* checkDate(
  part: PartToCheck,
  claim: ClaimModel,
  rules: readonly Rule[],
  tables: Tables,
  billingTables: Tables | undefined,
  settings: Settings,
  indexes: readonly ClaimIndexOf[],
  progress?: Progress,
): Generator<void, RuleResults> {
  const findings: Finding[] = [];
  const internalErrors: InternalError[] = [];
  const shared = sharedContext(part, findings, settings.defaultLocality);
  for (const rule of rules) {
    const ctx = shared.use(rule, tablesOf(rule, tables, billingTables), settings.rules[rule.id] as Severity | undefined);
    if (rule.claimIndex) ctx.claimIndex = indexes.find((x) => x.rule === rule)?.index;
    try {
      rule.checkClaim!(claim, ctx);
    } catch (err) {
      internalErrors.push({ rule: rule.id, error: errorName(err, true) });
    }
    if (progress) progress.done++;
    yield;
  }
  return { findings, internalErrors };
}

/** The tables a rule reads: the payer's for a billing rule (when the payer has billing checks), else the document's. */
function tablesOf(rule: Rule, tables: Tables, billingTables: Tables | undefined): Tables {
  return rule.billing && billingTables ? billingTables : tables;
}

/**
 * What the rules see, one context for every rule run over a part (or one date of it): `use` sets
 * the rule's tables and severity before it runs (a context per rule per claim was most of what a
 * batch's check allocated). The severity of what a rule reports: the user's level for the rule if
 * set, else the one the rule gives the finding, else the rule's default. A rule reads its context
 * only while it runs.
 */
function sharedContext(part: PartToCheck, into: Finding[], defaultLocality: string | undefined): { use(rule: Rule, tables: Tables, level: Severity | undefined): RuleContext } {
  let defaultSeverity: Severity = 'warning';
  let level: Severity | undefined;
  const ctx: RuleContext = {
    tree: part.tree,
    model: part.model,
    from: part.from,
    to: part.to,
    tables: undefined as unknown as Tables,
    defaultLocality,
    claimIndex: undefined,
    problemLines: () => (part.problemLines ??= linesWithProblems(part.tree, part.from, part.to)),
    report(f) {
      // Each report is a fresh object literal of the rule's: set its severity in place rather
      // than copy it (tens of thousands of findings on a long date; issue 17).
      const finding = f as Finding;
      finding.severity = level ?? f.severity ?? defaultSeverity;
      into.push(finding);
    },
  };
  return {
    use(rule, tables, ruleLevel) {
      ctx.tables = tables;
      ctx.claimIndex = undefined;
      defaultSeverity = rule.defaultSeverity;
      level = ruleLevel;
      return ctx;
    },
  };
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** Document order: line, then column, then the more severe first. */
export function byPosition(a: Finding, b: Finding): number {
  return a.line - b.line || a.start - b.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
}

