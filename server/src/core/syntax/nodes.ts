// The syntax tree of a claim file. The language is one statement per line, so the tree is an
// array of line nodes indexed by line number. A line node holds only columns, never its own
// line number: that makes a parsed line a pure function of the line's text, so it can be cached
// and reused when other lines are edited.

/** A token: columns [start, end) within its line (UTF-16 code units, as LSP counts them). */
export interface Tok {
  start: number;
  end: number;
  text: string;
}

/** A problem the parser found in one line. `rule` is the diagnostic code it becomes. */
export interface LineProblem {
  rule: 'syntax' | 'spelling' | 'bad-code' | 'bad-modifier' | 'bad-dx' | 'bad-date' | 'too-many' | 'bad-pointer';
  start: number;
  end: number;
  /** What was found and what was expected, as data; the message is written in one place. */
  data: Record<string, string | number>;
  /** A suggested replacement for [start, end), when the remedy is certain. */
  replacement?: string;
}

interface LineBase {
  /** Column of the first non-blank character (0 for a blank line). */
  indent: number;
  /** Column just after the last character of the statement (before trailing blanks and the comment). */
  contentEnd: number;
  /** The comment, from `#` to the end of the line. */
  comment?: Tok;
  problems: LineProblem[];
}

export interface BlankLine extends LineBase {
  kind: 'blank';
}

export interface ClaimLine extends LineBase {
  kind: 'claim';
  keyword: Tok;
  /** The name token, quotes included when present. */
  name?: Tok;
  /** The name without its quotes. */
  nameValue: string;
}

/**
 * `payer`, `state`, `pos`, `start`, `dx` and `locality`: a keyword and one value. `county`: the
 * value is the state, then `name` spans the county's words (`county GA DE KALB`).
 */
export interface ValueLine extends LineBase {
  kind: 'payer' | 'state' | 'pos' | 'start' | 'dx' | 'locality' | 'county';
  keyword: Tok;
  value?: Tok;
  /** `county` only: the county name as written (its words and the blanks between them). */
  name?: Tok;
}

export interface OnLine extends LineBase {
  kind: 'on';
  keyword: Tok;
  /** `on 2026-03-02`: the calendar date token. */
  date?: Tok;
  /** `on day 14`: the `day` keyword and the number. */
  dayKeyword?: Tok;
  dayNumber?: Tok;
  posKeyword?: Tok;
  pos?: Tok;
}

export interface ModifierTok extends Tok {
  /** The column of the `-` that introduces the modifier. */
  dash: number;
  /** Written attached to the code or to the previous modifier (`78830-26`), not spaced (`78830 -26`). */
  attached: boolean;
}

export interface ServiceLine extends LineBase {
  kind: 'service';
  code: Tok;
  modifiers: ModifierTok[];
  /** The units token including its `x`, e.g. `x2`. */
  units?: Tok;
  unitsValue: number;
  dxKeyword?: Tok;
  pointers: Tok[];
}

/** A line that is none of the above; the parser reports it and moves on. */
export interface UnknownLine extends LineBase {
  kind: 'unknown';
}

export type LineNode = BlankLine | ClaimLine | ValueLine | OnLine | ServiceLine | UnknownLine;

export interface SyntaxTree {
  /** One node per line of the document. */
  lines: LineNode[];
  /** The text of each line (without its line break), for features that need the raw text. */
  texts: string[];
}
