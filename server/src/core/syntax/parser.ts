// Line parser for the claim language. Error tolerant: every line yields a node, problems are
// recorded on the node, and nothing here throws on any input.
import type {
  ClaimLine,
  LineNode,
  LineProblem,
  ModifierTok,
  OnLine,
  ServiceLine,
  SyntaxTree,
  Tok,
  ValueLine,
} from './nodes';

export const KEYWORDS = ['claim', 'payer', 'state', 'pos', 'start', 'dx', 'on', 'locality', 'county'] as const;
export type Keyword = (typeof KEYWORDS)[number];
const keywordSet: ReadonlySet<string> = new Set(KEYWORDS);

export const CPT_CODE = /^(\d{5}|\d{4}[FT])$/;
export const HCPCS_CODE = /^[A-V]\d{4}$/;
export const ICD10_CODE = /^[A-Z]\d[0-9A-Z](\.[0-9A-Z]{1,4})?$/;
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MODIFIER = /^[0-9A-Z]{2}$/;
const MAX_MODIFIERS = 4;
const MAX_POINTERS = 4;
const MAX_UNITS = 999;
/** A MAC locality as the GPCI file keys it: MAC number, dash, locality number (10212-01). */
export const LOCALITY_ID = /^\d{5}-\d{2}$/;
/** A units word: x, X or × and digits (the digits are checked separately, so `x0` is reported). */
const UNITS = /^[xX×]\d*$/;
/** Units written with a decimal point or comma: read as units that do not parse, not as stray text. */
const BROKEN_UNITS = /^[xX×]\d*[.,][\d.,]*$/;

/**
 * The dotted form of an ICD-10-CM code written without its dot, as on an 837 (`C787` -> `C78.7`);
 * undefined for anything else. The dot always follows the third character.
 */
export function dottedIcd10(code: string): string | undefined {
  return /^[A-Z]\d[0-9A-Z][0-9A-Z]{1,4}$/.test(code) ? `${code.slice(0, 3)}.${code.slice(3)}` : undefined;
}

/** True when `code` (upper case) has the form of a CPT or HCPCS Level II code. */
export function isProcedureCodeForm(code: string): boolean {
  return CPT_CODE.test(code) || HCPCS_CODE.test(code);
}

/** Splits text into lines the way LSP does: \r\n, \r and \n all end a line. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

export function parseDocument(text: string, cache?: LineCache): SyntaxTree {
  const texts = splitLines(text);
  const lines = texts.map((t) => (cache ? cache.parse(t) : parseLine(t)));
  cache?.keepOnlyLastDocument();
  return { lines, texts };
}

/**
 * Parsed lines keyed by their text. A document edit changes few lines, so re-parsing is mostly
 * look-ups. It keeps the lines of the last document parsed with it (and at most maxEntries), so a
 * document edited for hours holds its current lines, not every line it ever had.
 */
export class LineCache {
  private map = new Map<string, CachedLine>();
  private used = new Map<string, CachedLine>();
  constructor(private readonly maxEntries = 50_000) {}
  parse(text: string): LineNode {
    return this.line(text).node;
  }
  /**
   * The parsed line of `text` with the string it was first seen as: a document keeps that one
   * string for all its lines of the same text (a batch of 22,885 lines has about 1,300 texts),
   * not one string each, which the garbage collector would copy on every open.
   */
  line(text: string): CachedLine {
    let line = this.used.get(text);
    if (!line) {
      line = (this.map.size > 0 ? this.map.get(text) : undefined) ?? { text, node: parseLine(text) };
      if (this.used.size >= this.maxEntries) this.keepOnlyLastDocument();
      this.used.set(text, line);
    }
    return line;
  }
  /** Forgets the lines not parsed since the last call. */
  keepOnlyLastDocument(): void {
    this.map = this.used;
    this.used = new Map();
  }
}

/** A parsed line and its text. */
export interface CachedLine {
  readonly text: string;
  readonly node: LineNode;
}

interface Scan {
  words: Tok[];
  comment?: Tok;
  unterminatedString?: Tok;
}

function isBlank(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\f' || ch === '\v' || ch === '\u00a0' || ch === '\ufeff' || /\s/.test(ch);
}

/** Splits a line into words, a quoted string counting as one word, and finds the comment. */
function scan(text: string): Scan {
  const words: Tok[] = [];
  let comment: Tok | undefined;
  let unterminatedString: Tok | undefined;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (isBlank(ch)) {
      i++;
      continue;
    }
    if (ch === '#') {
      comment = { start: i, end: n, text: text.slice(i) };
      break;
    }
    const start = i;
    if (ch === '"') {
      const close = text.indexOf('"', i + 1);
      if (close < 0) {
        i = n;
        unterminatedString = { start, end: n, text: text.slice(start) };
      } else {
        i = close + 1;
      }
    } else {
      while (i < n && !isBlank(text[i]) && text[i] !== '#' && text[i] !== '"') i++;
    }
    words.push({ start, end: i, text: text.slice(start, i) });
  }
  return { words, comment, unterminatedString };
}

function sub(tok: Tok, from: number, to = tok.text.length): Tok {
  return { start: tok.start + from, end: tok.start + to, text: tok.text.slice(from, to) };
}

function problem(
  rule: LineProblem['rule'],
  tok: { start: number; end: number },
  data: LineProblem['data'],
  replacement?: string,
): LineProblem {
  return replacement === undefined
    ? { rule, start: tok.start, end: tok.end, data }
    : { rule, start: tok.start, end: tok.end, data, replacement };
}

export function parseLine(text: string): LineNode {
  const { words, comment, unterminatedString } = scan(text);
  const indent = words.length ? words[0].start : comment ? comment.start : 0;
  const contentEnd = words.length ? words[words.length - 1].end : indent;
  const base = { indent, contentEnd, comment, problems: [] as LineProblem[] };
  if (unterminatedString) {
    base.problems.push(problem('syntax', unterminatedString, { reason: 'unterminated-string' }));
  }
  if (words.length === 0) return { kind: 'blank', ...base };

  const first = words[0];
  const rest = words.slice(1);
  if (keywordSet.has(first.text)) return parseKeywordLine(first.text as Keyword, first, rest, base, text);

  const lower = first.text.toLowerCase();
  if (keywordSet.has(lower)) {
    // `Claim`, `DX`: the statement is clear, only the case is wrong; parse it as meant and offer
    // the canonical spelling (a `spelling` hint, issue 13: never a reason to skip a check).
    base.problems.push(problem('spelling', first, { reason: 'keyword-case', found: first.text, expected: lower }, lower));
    return parseKeywordLine(lower as Keyword, { ...first, text: lower }, rest, base, text);
  }
  if (/^(\d|[A-Za-z]\d)/.test(first.text)) return parseService(first, rest, base);
  base.problems.push(problem('syntax', first, { reason: 'unknown-statement', found: first.text }));
  return { kind: 'unknown', ...base };
}

type Base = Omit<ValueLine, 'kind' | 'keyword' | 'value'>;

function unexpected(base: Base, words: Tok[]): void {
  if (words.length === 0) return;
  const first = words[0];
  const last = words[words.length - 1];
  base.problems.push(problem('syntax', { start: first.start, end: last.end }, { reason: 'unexpected-text' }));
}

/**
 * A keyword inside a statement (`day`, `pos` on an `on` line, `dx` on a service line): true when
 * it matches in any case; a case other than lower case is reported with the fix, like a line keyword.
 */
function isKeyword(tok: Tok | undefined, keyword: string, problems: LineProblem[]): boolean {
  if (!tok || tok.text.toLowerCase() !== keyword) return false;
  if (tok.text !== keyword) problems.push(problem('spelling', tok, { reason: 'keyword-case', found: tok.text, expected: keyword }, keyword));
  return true;
}

function parseKeywordLine(keyword: Keyword, kw: Tok, rest: Tok[], base: Base, text: string): LineNode {
  switch (keyword) {
    case 'claim':
      return parseClaim(kw, rest, base, text);
    case 'on':
      return parseOn(kw, rest, base);
    default:
      return parseValue(keyword, kw, rest, base, text);
  }
}

function parseClaim(kw: Tok, rest: Tok[], base: Base, text: string): ClaimLine {
  const node: ClaimLine = { kind: 'claim', keyword: kw, nameValue: '', ...base };
  if (rest.length === 0) {
    base.problems.push(problem('syntax', kw, { reason: 'missing-value', expected: 'claim-name' }));
    return node;
  }
  const first = rest[0];
  if (first.text.startsWith('"')) {
    node.name = first;
    node.nameValue = first.text.replace(/^"|"$/g, '');
    unexpected(base, rest.slice(1));
  } else {
    // An unquoted name: keep it (the claim is still usable) and offer the quotes. The name is the
    // source text of the span, inner blanks as written, so the token's text matches its range.
    const last = rest[rest.length - 1];
    const span = { start: first.start, end: last.end };
    const words = text.slice(span.start, span.end);
    node.name = { ...span, text: words };
    node.nameValue = words;
    base.problems.push(problem('syntax', span, { reason: 'unquoted-name' }, `"${words}"`));
  }
  return node;
}

function parseValue(keyword: ValueLine['kind'], kw: Tok, rest: Tok[], base: Base, text: string): ValueLine {
  const node: ValueLine = { kind: keyword, keyword: kw, ...base };
  if (rest.length === 0) {
    base.problems.push(problem('syntax', kw, { reason: 'missing-value', expected: keyword }));
    return node;
  }
  // A payer is named in words (`payer Medicare Advantage`, issue 22): the value is their span.
  const value = keyword === 'payer' && rest.length > 1 ? { start: rest[0].start, end: rest[rest.length - 1].end, text: text.slice(rest[0].start, rest[rest.length - 1].end) } : rest[0];
  node.value = value;
  if (keyword !== 'county' && keyword !== 'payer') unexpected(base, rest.slice(1));
  const upper = value.text.toUpperCase();
  switch (keyword) {
    case 'locality':
      if (!LOCALITY_ID.test(value.text)) base.problems.push(problem('syntax', value, { reason: 'bad-locality', found: value.text }));
      break;
    case 'county': {
      if (!/^[A-Za-z]{2}$/.test(value.text)) base.problems.push(problem('syntax', value, { reason: 'bad-state', found: value.text }));
      else if (upper !== value.text) base.problems.push(problem('syntax', value, { reason: 'value-case', found: value.text, expected: upper }, upper));
      const words = rest.slice(1);
      if (words.length === 0) {
        base.problems.push(problem('syntax', { start: kw.start, end: value.end }, { reason: 'missing-value', expected: 'county-name' }));
        break;
      }
      // The name is the source text of its span, inner blanks as written, like an unquoted claim name.
      const span = { start: words[0].start, end: words[words.length - 1].end };
      node.name = { ...span, text: text.slice(span.start, span.end) };
      break;
    }
    case 'state':
      if (!/^[A-Za-z]{2}$/.test(value.text)) {
        base.problems.push(problem('syntax', value, { reason: 'bad-state', found: value.text }));
      } else if (upper !== value.text) {
        base.problems.push(problem('spelling', value, { reason: 'value-case', found: value.text, expected: upper }, upper));
      }
      break;
    case 'pos':
      if (!/^\d{2}$/.test(value.text)) base.problems.push(problem('syntax', value, { reason: 'bad-pos', found: value.text }));
      break;
    case 'start':
      checkDateForm(value, base.problems);
      break;
    case 'dx':
      if (dottedIcd10(upper)) {
        // `C787`: the code is clear, only its dot is missing; the model reads it dotted.
        base.problems.push(problem('bad-dx', value, { reason: 'no-dot', found: value.text, expected: dottedIcd10(upper)! }, dottedIcd10(upper)));
      } else if (!ICD10_CODE.test(upper)) {
        base.problems.push(problem('bad-dx', value, { found: value.text }));
      } else if (upper !== value.text) {
        base.problems.push(problem('bad-dx', value, { reason: 'case', found: value.text, expected: upper }, upper));
      }
      break;
    case 'payer':
      break;
  }
  return node;
}

function checkDateForm(tok: Tok, problems: LineProblem[]): void {
  if (!ISO_DATE.test(tok.text)) {
    problems.push(problem('bad-date', tok, { reason: 'form', found: tok.text }));
  } else if (isoToDayNumber(tok.text) === undefined) {
    problems.push(problem('bad-date', tok, { reason: 'no-such-date', found: tok.text }));
  }
}

/**
 * Dates already converted, both ways: a batch of 600 claims converts the same few hundred dates
 * thousands of times on open (the parser, then each claim's dates). Bounded: emptied when full.
 */
const dayOfIso = new Map<string, number | null>();
const isoOfDay = new Map<number, string>();
const CONVERTED_DATES = 4096;

/** Days since 1970-01-01 for a valid ISO date, or undefined for an impossible one (2026-02-30). */
export function isoToDayNumber(iso: string): number | undefined {
  let day = dayOfIso.get(iso);
  if (day === undefined) {
    if (dayOfIso.size >= CONVERTED_DATES) dayOfIso.clear();
    dayOfIso.set(iso, (day = convertIso(iso) ?? null));
  }
  return day ?? undefined;
}

function convertIso(iso: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return Math.round(ms / 86_400_000);
}

export function dayNumberToIso(day: number): string {
  let iso = isoOfDay.get(day);
  if (iso === undefined) {
    if (isoOfDay.size >= CONVERTED_DATES) isoOfDay.clear();
    isoOfDay.set(day, (iso = new Date(day * 86_400_000).toISOString().slice(0, 10)));
  }
  return iso;
}

function parseOn(kw: Tok, rest: Tok[], base: Base): OnLine {
  const node: OnLine = { kind: 'on', keyword: kw, ...base };
  let i = 0;
  const next = rest[i];
  if (!next) {
    base.problems.push(problem('syntax', kw, { reason: 'missing-value', expected: 'date' }));
    return node;
  }
  if (isKeyword(next, 'day', base.problems)) {
    node.dayKeyword = next;
    i++;
    const num = rest[i];
    if (num && /^\d{1,5}$/.test(num.text)) {
      node.dayNumber = num;
      i++;
    } else if (num && num.text.toLowerCase() !== 'pos') {
      base.problems.push(problem('bad-date', num, { reason: 'day-number', found: num.text }));
      i++;
    } else {
      // `on day` or `on day pos 11`: the number is missing; say so on `day`, not on `pos`.
      base.problems.push(problem('bad-date', next, { reason: 'day-number', found: '' }));
    }
  } else if (next.text.toLowerCase() === 'pos') {
    // `on pos 11`: the date is missing; the place of service is still read.
    base.problems.push(problem('syntax', kw, { reason: 'missing-value', expected: 'date' }));
  } else {
    node.date = next;
    checkDateForm(next, base.problems);
    i++;
  }
  const posKw = rest[i];
  if (posKw) {
    if (isKeyword(posKw, 'pos', base.problems)) {
      node.posKeyword = posKw;
      i++;
      const pos = rest[i];
      if (!pos) {
        base.problems.push(problem('syntax', posKw, { reason: 'missing-value', expected: 'pos' }));
      } else {
        node.pos = pos;
        i++;
        if (!/^\d{2}$/.test(pos.text)) base.problems.push(problem('syntax', pos, { reason: 'bad-pos', found: pos.text }));
      }
    }
    unexpected(base, rest.slice(i));
  }
  return node;
}

function parseService(first: Tok, rest: Tok[], base: Base): ServiceLine {
  // The first word is the code, possibly with modifiers attached: 78830-26, J9200-KD-JW.
  const parts = first.text.split('-');
  const code = sub(first, 0, parts[0].length);
  const node: ServiceLine = { kind: 'service', code, modifiers: [], unitsValue: 1, pointers: [], ...base };
  const problems = base.problems;
  const upperCode = code.text.toUpperCase();
  if (!isProcedureCodeForm(upperCode)) {
    problems.push(problem('bad-code', code, { found: code.text }));
  } else if (upperCode !== code.text) {
    problems.push(problem('bad-code', code, { reason: 'case', found: code.text, expected: upperCode }, upperCode));
  }
  let col = parts[0].length;
  for (let p = 1; p < parts.length; p++) {
    const dash = first.start + col;
    const mod = sub(first, col + 1, col + 1 + parts[p].length);
    addModifier(node, { ...mod, dash, attached: true });
    col += 1 + parts[p].length;
  }

  let i = 0;
  while (i < rest.length) {
    const w = rest[i];
    if (w.text.startsWith('-')) {
      // Spaced modifiers, possibly chained: -26 -XS or -26-XS.
      let c = 0;
      for (const part of w.text.slice(1).split('-')) {
        const mod = sub(w, c + 1, c + 1 + part.length);
        addModifier(node, { ...mod, dash: w.start + c, attached: c > 0 });
        c += 1 + part.length;
      }
      i++;
    } else if (UNITS.test(w.text)) {
      if (node.units) {
        problems.push(problem('syntax', w, { reason: 'repeated-units', found: w.text, first: node.units.text }));
        i++;
        continue;
      }
      node.units = w;
      const digits = w.text.slice(1);
      const value = Number(digits);
      if (!/^\d{1,3}$/.test(digits) || value < 1 || value > MAX_UNITS) {
        problems.push(problem('syntax', w, { reason: 'bad-units', found: w.text }));
      } else {
        node.unitsValue = value;
      }
      i++;
    } else if (!node.units && BROKEN_UNITS.test(w.text)) {
      // `x2.5`, `x1,5`: units that do not read; the line is not priced on invented units (issue 22).
      node.units = w;
      problems.push(problem('syntax', w, { reason: 'bad-units', found: w.text }));
      i++;
    } else if (isKeyword(w, 'dx', problems)) {
      node.dxKeyword = w;
      i++;
      i = parsePointers(node, rest, i);
    } else {
      problems.push(problem('syntax', w, { reason: 'unexpected-service-text', found: w.text }));
      i++;
    }
  }
  if (node.modifiers.length > MAX_MODIFIERS) {
    const extra = node.modifiers[MAX_MODIFIERS];
    const last = node.modifiers[node.modifiers.length - 1];
    problems.push(problem('too-many', { start: extra.dash, end: last.end }, { what: 'modifiers', max: MAX_MODIFIERS, count: node.modifiers.length }));
  }
  if (node.pointers.length > MAX_POINTERS) {
    const extra = node.pointers[MAX_POINTERS];
    const last = node.pointers[node.pointers.length - 1];
    problems.push(problem('too-many', { start: extra.start, end: last.end }, { what: 'pointers', max: MAX_POINTERS, count: node.pointers.length }));
  }
  return node;
}

function addModifier(node: ServiceLine, mod: ModifierTok): void {
  node.modifiers.push(mod);
  const upper = mod.text.toUpperCase();
  if (!MODIFIER.test(upper)) {
    node.problems.push(problem('bad-modifier', mod.text ? mod : { start: mod.dash, end: mod.dash + 1 }, { reason: 'form', found: mod.text }));
  } else if (upper !== mod.text) {
    node.problems.push(problem('bad-modifier', mod, { reason: 'case', found: mod.text, expected: upper }, upper));
  }
}

/** Pointers after `dx`: `A`, `A,B`, `A, B`, `A,B,C,D`. Returns the index of the next word. */
function parsePointers(node: ServiceLine, words: Tok[], i: number): number {
  const start = i;
  while (i < words.length) {
    const w = words[i];
    if (w.text.startsWith('-') || (UNITS.test(w.text) && w.text.length > 1)) break;
    let c = 0;
    for (const part of w.text.split(',')) {
      if (part.length > 0) {
        const tok = sub(w, c, c + part.length);
        if (/^[A-Z]$/.test(part)) node.pointers.push(tok);
        else if (/^[a-z]$/.test(part)) {
          node.pointers.push(tok);
          node.problems.push(problem('bad-pointer', tok, { reason: 'case', found: part, expected: part.toUpperCase() }, part.toUpperCase()));
        } else node.problems.push(problem('bad-pointer', tok, { reason: 'form', found: part }));
      }
      c += part.length + 1;
    }
    i++;
  }
  if (i === start && node.dxKeyword) {
    node.problems.push(problem('syntax', node.dxKeyword, { reason: 'missing-value', expected: 'pointer' }));
  }
  return i;
}
