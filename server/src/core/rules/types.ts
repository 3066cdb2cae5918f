// What a rule is and what it reports. Findings carry data, not prose: the one place that turns
// them into words is messages.ts, so the editor, the CLI and SARIF say the same thing.
import type { ClaimModel, DocumentModel } from '../model/model';
import type { SyntaxTree } from '../syntax/nodes';
import type { Tables } from '../tables';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A range on one line or across lines: zero-based lines, UTF-16 columns. */
export interface Span {
  line: number;
  start: number;
  end: number;
  /** For a range that ends on a later line. */
  endLine?: number;
}

export interface TextEdit extends Span {
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix a user most likely wants (VS Code's "preferred" quick fix). */
  preferred?: boolean;
  /**
   * Safe to apply without a person (`hai-claims check --fix`): it changes only how something is
   * written (spelling, case, a dot), never what the claim asserts. A fix that adds a modifier
   * (-XS, -57, -25) asserts a clinical fact and is never safe.
   */
  safe?: boolean;
}

/**
 * Data for the message. A number under a key ending in `Line` (`firstLine`) is a 1-based line
 * number of the document: it moves with the claim when lines are added or removed above it.
 */
/**
 * What a finding is about: codes, dates, figures. A key ending in `Line` (e.g. `firstLine`) holds
 * a line number; the analysis moves it with the claim when lines are added or removed above.
 */
export type FindingData = Record<string, string | number | boolean | string[] | undefined>;

export interface Related extends Span {
  /** What the other place is, e.g. "the surgery that opened the global period". */
  label: string;
}

export interface Finding extends Span {
  rule: string;
  severity: Severity;
  data: FindingData;
  related?: Related[];
  fixes?: Fix[];
  /** The service line this finding makes unpayable: the estimate prices it at $0. */
  deniesLine?: number;
  /** With deniesLine: only this many of the line's units are unpayable (units over a limit). */
  deniesUnits?: number;
}

/**
 * What a check sees. Claims are independent, so the core checks a document one part at a time:
 * the lines before the first claim, then each claim with its lines. `model` holds that part (one
 * claim, or the statements before the first claim) and [from, to) are its lines; `tree` is the
 * whole document (for edits such as removing a line). A check reports only on lines in
 * [from, to) and reads nothing from other claims: that is what lets an edit re-check just the
 * claim it touched and reuse the others' findings.
 */
export interface RuleContext {
  tree: SyntaxTree;
  model: DocumentModel;
  /** First line of the part being checked. */
  from: number;
  /** Line after the last line of the part being checked. */
  to: number;
  tables: Tables;
  report(finding: Omit<Finding, 'severity'> & { severity?: Severity }): void;
}

export type RuleFamily = 'structure' | 'ncci' | 'modifiers' | 'setting' | 'global-period' | 'coverage' | 'national';

export interface Rule {
  id: string;
  family: RuleFamily;
  defaultSeverity: Severity;
  /** One line for settings and docs. */
  summary: string;
  /** Billing rules apply to Medicare claims only; structure rules to every claim. */
  billing: boolean;
  checkClaim?(claim: ClaimModel, ctx: RuleContext): void;
  checkDocument?(ctx: RuleContext): void;
}
