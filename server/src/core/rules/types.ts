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
 * What a finding is about: codes, dates, figures. A key ending in `Line` (e.g. `firstLine`) holds
 * a 1-based line number of the document; the analysis moves it with the claim when lines are
 * added or removed above. This loose shape is what code that handles any finding sees; a rule's
 * own data is typed by RuleData.
 */
export type FindingData = Record<string, string | number | boolean | readonly string[] | undefined>;

/** The reasons of the `syntax` rule (the parser's, and a repeated header line). */
export type SyntaxReason =
  | 'unterminated-string'
  | 'unknown-statement'
  | 'unexpected-text'
  | 'unexpected-service-text'
  | 'missing-value'
  | 'unquoted-name'
  | 'bad-state'
  | 'bad-pos'
  | 'bad-locality'
  | 'repeated-units'
  | 'bad-units'
  | 'repeated-header';

/** A code written in the wrong case, with the spelling to use. */
type CaseData = { reason: 'case'; found: string; expected: string };
/** Where the setting of a date comes from, for setting messages. */
type PlaceData = { pos?: string; posName?: string };

/**
 * The data each rule sets, by rule id: messages.ts reads a finding's data through this map, so a
 * message cannot read a field its rule does not set, and a rule cannot report data its message
 * does not expect. (Type aliases, not interfaces: they must fit FindingData.)
 */
export type RuleData = {
  syntax: { reason: SyntaxReason; found?: string; expected?: string; first?: string; keyword?: string; firstLine?: number };
  'missing-claim': { kind: string };
  'missing-date': { code: string };
  'bad-date':
    | { reason: 'form' | 'no-such-date' | 'day-number'; found: string }
    | { reason: 'mixed-without-start'; day: string };
  'bad-code': { reason?: undefined; found: string } | CaseData;
  'bad-modifier': { reason: 'form'; found: string } | CaseData | { reason: 'unknown'; found: string; code: string };
  'bad-dx': { reason?: undefined; found: string } | CaseData | { reason: 'no-dot'; found: string; expected: string };
  /** A keyword or value in another case than the canonical one: read as meant (issue 13). */
  spelling: { reason: 'keyword-case' | 'value-case' | 'payer'; found: string; expected: string };
  /** The same diagnosis on two dx lines of one claim. */
  'dx-duplicate': { code: string; letter: string; firstLetter: string; firstLine: number };
  /** Two modifiers that cannot be on one line (GA with GZ); `source` is the reference list's. */
  'mod-conflict': { code: string; modifier: string; conflicting: string; source: string };
  'unknown-payer': { reason: 'missing' } | { reason?: undefined; payer: string };
  'bad-pointer': { reason: 'form'; found: string } | CaseData | { reason?: undefined; pointer: string; count: number; last: string };
  'no-pointer': { code: string; first: string };
  'too-many': { what: 'diagnoses' | 'modifiers' | 'pointers'; max: number; count: number; code?: string };
  /** `remedy`: remove the repeat (a service billed once per date), or bill once with units (drugs, supplies). */
  'duplicate-line': { code: string; modifiers: string; firstLine: number; total: number; remedy: 'remove' | 'units' };
  'unknown-code': { code: string; national: boolean };
  'unknown-dx': { code: string; national: boolean; source?: string; billable?: false; example?: string };
  'unknown-pos': { pos: string };
  'unknown-state': { state: string };
  'missing-pos': { services: number };
  'ncci-ptp': { code: string; other: string; source: string; edit: string; modifierIndicator?: string };
  'ncci-77002': { code: string; other: string; modifiers: readonly string[]; edit: string; source: string };
  'nucmed-one': { code: string; kept: string; count: number; max: number; edit: string; source: string; units: boolean };
  /** `pcOnly`: not under a "requires -26" heading, but priced by the guide only as a professional component. */
  'mod26-required': { code: string; section: string; phase: string; source: string; setting?: 'facility' | 'nonFacility'; pcOnly?: true };
  'tc-billed': { code: string; source: string; guideHeading?: true; derived?: true };
  'mod50-not-bilateral': { code: string; bilateral?: string; source: string; cms: string };
  /**
   * A modifier that cannot apply to the code (issue 13). With `pctc`, the PFS file's indicator
   * decides; with `endnote`, the guide's incident-to endnote; otherwise `reason` says why.
   */
  'mod-invalid': { code: string; modifier: string; source: string } & (
    | { reason?: undefined; pctc: string }
    | { reason?: undefined; endnote: string }
    | { reason: 'no-split' | 'kd' | 'em-only' | 'procedure-only'; kind: string }
    | { reason: 'tc-facility' }
    | { reason: 'bilateral'; bilateral?: string }
  );
  'incident-to-facility': PlaceData & { code: string; endnote: string; source: string };
  'drug-hospital': PlaceData & { code: string; endnote: string; source: string };
  'a4220-bundled': { code: string; into: string; endnote: string; note?: string; source: string };
  'kd-required': { code: string; endnote: string; source: string };
  'global-period': {
    code: string;
    kind: 'visit' | 'surgery';
    when: 'before' | 'same' | 'after';
    days: number;
    surgery: string;
    surgeryDate: string;
    needed: readonly string[];
    postOpDays: number;
    source: string;
    /** The CMS manual section for the global surgery modifiers. */
    cms: string;
    /** A minor procedure's 10-day global period, from the PFS file (GLOB DAYS 010; `source` names the file). */
    minor?: true;
  };
  'setting-na': PlaceData & { code: string; setting: 'facility' | 'nonFacility'; date: string; otherAllowable: number | 'NA'; source: string };
  'dx-not-listed':
    | { reason: 'no-dx'; source: string }
    | { reason: 'none-listed'; code: string; count: number; source: string }
    | { reason: 'pointed'; code: string; letter: string; source: string }
    | { reason: 'service'; code: string; pointers: readonly string[]; listed: string; source: string };
  'dx-jurisdiction': { code: string; state?: string; lca: string; contractor: string; jurisdictions: readonly string[]; states: readonly string[]; source: string };
  'dos-year':
    | { reason: 'relative'; year: number; source: string }
    | { reason?: undefined; date: string; year: number; from: string; to: string; source: string };
  mue: { code: string; units: number; value: number; perDate: boolean; lines: number; source: string; rationale?: string };
  /** Without `aoc`: the guide's (or PFS ZZZ) add-on with no primary; with it, CMS's AOC file's verdict (issue 16). */
  'addon-without-primary':
    | { aoc?: undefined; code: string; date: string; source: string; cms: string }
    | { aoc: 'no-listed-primary' | 'alone' | 'unlisted-primary'; code: string; date: string; type: 1 | 2 | 3; primaries: readonly string[]; morePrimaries: number; others: readonly string[]; source: string };
  'units-impossible': { code: string; units: number; kind: string; source: string };
  'em-multiple': { code: string; first: string; firstLine: number; count: number; primary: boolean; source: string };
  /** `unsure`: the procedure's global period is in no loaded table, so the visit is not denied (a warning only). */
  'em-needs-25': { code: string; procedure: string; source: string; unsure?: true };
  'consult-medicare': { code: string; setting?: 'facility' | 'nonFacility'; pos?: string; instead: readonly string[]; source: string };
  /** Issue 16: the claim's locality (rules/locality.ts). */
  'unknown-locality': { reason: 'no-gpci-file' | 'unknown-locality' | 'gpci-conflict'; locality?: string; source?: string };
  'unknown-county': {
    reason: 'no-county-file' | 'unknown-county' | 'county-rest' | 'county-ignored' | 'county-city' | 'county-conflict' | 'county-excepted' | 'county-incomplete';
    countyState?: string;
    resolved?: string;
    area?: string;
    countyLocality?: string;
    /** county-conflict: the localities that list the county. */
    localities?: readonly string[];
    source?: string;
  };
  /** `default`: the locality is haiClaims.defaultLocality's, not a line of the claim's. */
  'locality-state': { resolved: string; localityName: string; localityState: string; state: string; source: string; default?: boolean };
  /** Issue 22 (rules/adjudication.ts): -GZ, no ABN on file: the line is denied. */
  'gz-no-abn': { code: string; source: string };
  /** Issue 22: a service that cannot be furnished by telehealth, at POS 02/10 or with a telehealth modifier. */
  'telehealth-not-allowed': { code: string; kind: string; pos?: string; modifier?: string; source: string };
  /** Issue 22: POS 66, a PACE center: the PACE organisation pays. */
  'pos-pace': { pos: string; source: string };
  /** Issue 22: -51 on an add-on code. */
  'mod51-addon': { code: string; addOnSource: string; source: string };
  /** Issue 22: two codes the guide lists for the same drug on one date. */
  'drug-double-bill': { code: string; other: string; otherLine: number; drug: string; source: string };
  /** Issue 22: a -24 visit for a complication, or a -79 procedure on the pump for a complication, inside a global period. */
  'complication-in-global': { code: string; modifier: '24' | '79'; surgery: string; surgeryDate: string; dx: readonly string[]; source: string; dxSource: string };
  /** A `# hai-claims-ignore` comment that cannot be accounted for (core/suppressions.ts). */
  'bad-suppression':
    | { reason: 'no-id' }
    | { reason: 'no-reason' | 'placeholder' | 'too-short'; ids: readonly string[] }
    | { reason: 'unknown-id'; id: string }
    | { reason: 'unused' | 'not-run'; id: string };
  /** Not a rule of the registry: the analysis reports it for a file over the size limit. */
  'file-too-large': { bytes: number; limit: number };
  /** Not a rule of the registry: the X12 837P reader reports it (core/x12, issue 24). Never file text: element names and codes only. */
  x12: { reason: X12Reason; segmentId: string; segment: number; element?: string; found?: string };
};

/** Why part of an X12 file could not be read as an 837P (core/x12/reader.ts). */
export type X12Reason =
  | 'not-x12'
  | 'undeclared-separators'
  | 'truncated-segment'
  | 'truncated'
  | 'control-mismatch'
  | 'count-mismatch'
  | 'not-837p'
  | 'not-claim'
  | 'no-hi'
  | 'icd9'
  | 'bad-element'
  | 'outside-envelope'
  | 'no-claims';

export type RuleId = keyof RuleData;

/** The data of a finding of rule R; for any rule (R the whole union), the loose FindingData. */
export type FindingDataOf<R extends RuleId> = [RuleId] extends [R] ? FindingData : RuleData[R];

export interface Related extends Span {
  /** What the other place is, e.g. "the surgery that opened the global period". */
  label: string;
}

/** A finding of rule R (of any rule by default, with loosely typed data). */
export interface Finding<R extends RuleId = RuleId> extends Span {
  rule: R;
  severity: Severity;
  data: FindingDataOf<R>;
  related?: Related[];
  fixes?: Fix[];
  /** The service line this finding makes unpayable: the estimate prices it at $0. */
  deniesLine?: number;
  /** With deniesLine: only this many of the line's units are unpayable (units over a limit). */
  deniesUnits?: number;
  /** Service lines the finding makes unpayable when it is not on one of them (a bad date denies its block's lines). */
  deniesLines?: readonly number[];
}

/**
 * What a rule's findings do to the payment of the line they are on (issue 22), declared by each
 * rule and applied by the estimate, so a finding never says "not paid" while its line is priced:
 * `denies` prices the line at $0 with the rule as its reason (`deniesLine`, `deniesLines`);
 * `units` denies units over a limit (`deniesUnits`) or the whole line; `reduces` lowers the
 * amount; `none` leaves payment alone (a rule of no effect cannot set `deniesLine`: the type
 * checker refuses it).
 */
export type PaymentEffect = 'denies' | 'units' | 'reduces' | 'none';

/** The fields by which a finding denies payment; a rule whose effect is `none` cannot set them. */
type DenialFields = 'deniesLine' | 'deniesUnits' | 'deniesLines';

/** What a rule reports: a finding of its own id, with one of the severities it declares (or none: its default). */
export type Report<R extends RuleId, S extends Severity = Severity, E extends PaymentEffect = PaymentEffect> = Omit<
  Finding<R>,
  'severity' | 'data' | ([E] extends ['none'] ? DenialFields : never)
> & {
  data: RuleData[R];
  severity?: S;
};

/**
 * What a check sees. Claims are independent, so the core checks a document one part at a time:
 * the lines before the first claim, then each claim with its lines. `model` holds that part (one
 * claim, or the statements before the first claim) and [from, to) are its lines; `tree` is the
 * whole document (for edits such as removing a line). A check reports only on lines in
 * [from, to) and reads nothing from other claims: that is what lets an edit re-check just the
 * claim it touched and reuse the others' findings.
 */
export interface RuleContext<R extends RuleId = RuleId, S extends Severity = Severity, E extends PaymentEffect = PaymentEffect> {
  tree: SyntaxTree;
  model: DocumentModel;
  /** First line of the part being checked. */
  from: number;
  /** Line after the last line of the part being checked. */
  to: number;
  tables: Tables;
  /** The haiClaims.defaultLocality setting (the locality rules check it against the claim's state). */
  defaultLocality?: string;
  /**
   * A date-scoped rule's index of the whole claim (Rule.claimIndex), when the claim is checked
   * date by date; absent when the rule is given the whole claim (it builds its own).
   */
  claimIndex?: unknown;
  /** The part's lines on which the parser found a problem (computed once per part; absent: scan). */
  problemLines?(): readonly number[];
  report(finding: Report<R, S, E>): void;
}

/**
 * What a date-scoped rule (`scope: 'date'`) reads of a claim's other dates: built once
 * per check of the claim, not once per date. `same` tells whether two claims' indexes give a date
 * the same findings, lines taken relative to each claim's first line: a long claim's unchanged
 * date is reused only then (reuse.ts).
 */
export interface ClaimIndexer<T = unknown> {
  build(claim: ClaimModel, tables: Tables): T;
  same(a: T, aClaim: ClaimModel, b: T, bClaim: ClaimModel): boolean;
}

export type RuleFamily = 'structure' | 'ncci' | 'modifiers' | 'services' | 'visits' | 'setting' | 'global-period' | 'coverage' | 'national';

export interface Rule<R extends RuleId = RuleId, S extends Severity = Severity, E extends PaymentEffect = PaymentEffect> {
  /** Rule R's id; for any rule (R the whole union), a string, as settings and SARIF handle it. */
  id: [RuleId] extends [R] ? string : R;
  family: RuleFamily;
  defaultSeverity: S;
  /** Every severity the rule reports (before the user's settings), its default first: the docs show them. */
  severities: readonly S[];
  /** One line for settings and docs. */
  summary: string;
  /** Billing rules apply only to claims of a payer whose entry has billing checks (payers.ts); structure rules to every claim. */
  billing: boolean;
  /** What its findings do to the line's payment (the estimate applies it; docs/checks.md shows it). */
  payment: E;
  /** With `payment`, when it applies or what the estimate does besides (docs/checks.md), e.g. "only the lower visit". */
  paymentNote?: string;
  /** The CMS or guide source of the payment effect, for docs/checks.md; where none was found, it says so. */
  paymentSource?: string;
  checkClaim?(claim: ClaimModel, ctx: RuleContext<R, S, E>): void;
  checkDocument?(ctx: RuleContext<R, S, E>): void;
  /**
   * `'date'`: its findings on a date of service depend only on that date's blocks (every block of
   * the same day: util.ts datesOfService) and the claim's header lines (payer, state, pos, start,
   * dx), and it reports only on those lines. A long claim then runs it date by date, and reuses an
   * unchanged date's results (runner.ts, reuse.ts). `'claim'` (the default, always right, only
   * slower to re-check): it runs over the whole claim.
   */
  scope?: RuleScope;
  /** For a date-scoped rule that also reads the claim's other dates (the global period's surgeries). */
  claimIndex?: ClaimIndexer;
}

/** What a rule's findings on a date read: that date and the claim's header, or the whole claim (Rule.scope). */
export type RuleScope = 'date' | 'claim';

/** Only a date-scoped rule has an index of the claim's other dates. */
type ScopeOf = { scope?: 'claim'; claimIndex?: never } | { scope: 'date'; claimIndex?: ClaimIndexer };

/**
 * Declares a rule: its id types the data it reports (RuleData), its `severities` the severities
 * it may give a finding, its `payment` what those findings do to the line's payment; all are
 * checked inside the rule; `scope: 'date'` declares it date-scoped (and alone allows a
 * `claimIndex`). The registry holds rules of any id.
 * `defineRule({ id: 'x', defaultSeverity: 'error', severities: ['error', 'warning'], payment: 'none', ... })`.
 */
export function defineRule<R extends RuleId, const S extends Severity, const E extends PaymentEffect>(
  rule: Omit<Rule<R, S, E>, 'defaultSeverity' | 'scope' | 'claimIndex'> & { defaultSeverity: NoInfer<S> } & ScopeOf,
): Rule {
  return rule as unknown as Rule;
}
