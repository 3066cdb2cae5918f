// X12 segments from text given in chunks (issue 24). The separators are the ones the ISA segment
// declares (element: the character after "ISA"; component: ISA16; repetition: ISA11; segment
// terminator: the character after ISA16), read again at every ISA, never assumed. Line breaks
// between segments (CRLF, LF, or none at all) are skipped. Each segment keeps its place in the
// file (0-based line and UTF-16 column, as LSP counts) and each element's column, so a finding can
// be shown on the segment it came from. Hand-written rather than a package: see docs/x12.md.

export interface Separators {
  element: string;
  component: string;
  /** ISA11 when it is a separator (005010); undefined for a 4010-style "U". */
  repetition?: string;
  segment: string;
}

export interface Segment {
  /** The segment id (ISA, GS, ST, CLM, SV1...), upper case. */
  id: string;
  /** Elements after the id: elements[0] is XX01. */
  elements: string[];
  /** Where the segment starts: 0-based line and column; `end` is the column after its last character on `endLine`. */
  line: number;
  column: number;
  endLine: number;
  end: number;
  /** The column of each element's first character (the same index as `elements`), on `line` while the segment has no line break. */
  elementColumns: number[];
  separators: Separators;
}

/** A place the tokenizer could not read: a segment cut off at the end, or an ISA that declares no usable separators. */
export interface TokenProblem {
  reason: 'undeclared-separators' | 'truncated-segment' | 'not-x12';
  /** The cut segment's id when it is id-shaped; ISA otherwise. */
  id: string;
  line: number;
  column: number;
  end: number;
}

/** ISA is fixed length: 106 characters up to and including the segment terminator. */
const ISA_LENGTH = 106;
/** Where ISA's own separators are when its elements are padded as the standard requires. */
const ISA_ELEMENT_ENDS = [3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103];

/** The separators an ISA declares, or undefined when its fixed-length layout does not hold. */
export function declaredSeparators(isa: string): Separators | undefined {
  if (isa.length < ISA_LENGTH || !isa.startsWith('ISA')) return undefined;
  const element = isa[3];
  if (ISA_ELEMENT_ENDS.some((i) => isa[i] !== element)) return undefined;
  const component = isa[104];
  const segment = isa[105];
  const repetitionChar = isa[82];
  const distinct = new Set([element, component, segment]);
  if (distinct.size !== 3 || [element, component, segment].some((c) => /[A-Za-z0-9 ]/.test(c))) return undefined;
  // 4010 has "U" (US standards) in ISA11; only a punctuation character is a separator.
  const repetition = /[A-Za-z0-9 ]/.test(repetitionChar) || distinct.has(repetitionChar) ? undefined : repetitionChar;
  return { element, component, repetition, segment };
}

/**
 * Reads segments from chunks of text. `push` each chunk, then `end`; segments and problems are
 * handed to the callbacks as soon as they are whole, so memory stays bounded by one segment and
 * one chunk, whatever the size of the file.
 */
export class SegmentTokenizer {
  private buf = '';
  private line = 0;
  private column = 0;
  private separators: Separators | undefined;
  /** After an unreadable ISA: text is skipped until the next ISA. */
  private skipping = false;
  private sawAnything = false;

  constructor(
    private readonly onSegment: (segment: Segment) => void,
    private readonly onProblem: (problem: TokenProblem) => void,
  ) {}

  push(chunk: string): void {
    this.buf += chunk;
    this.drain(false);
  }

  end(): void {
    this.drain(true);
    const rest = this.buf;
    if (rest.trim().length > 0 && !this.skipping) {
      const id = this.separators ? rest.split(this.separators.element)[0] : '';
      this.onProblem({ reason: this.sawAnything ? 'truncated-segment' : 'not-x12', id: /^[A-Z][A-Z0-9]{1,2}$/.test(id) ? id : 'ISA', line: this.line, column: this.column, end: this.column + firstLineLength(rest) });
    }
    this.buf = '';
  }

  private drain(final: boolean): void {
    let pos = 0;
    const buf = this.buf;
    for (;;) {
      pos = this.skipBreaks(buf, pos, final);
      if (pos >= buf.length) break;
      if (this.skipping) {
        const next = buf.indexOf('ISA', pos);
        // Keep two characters: an "ISA" may be split between chunks.
        const stop = next >= 0 ? next : final ? buf.length : Math.max(pos, buf.length - 2);
        this.advance(buf, pos, stop);
        pos = stop;
        if (next < 0) break;
        this.skipping = false;
        continue;
      }
      if (buf.length - pos < 3 && !final) break;
      if (!this.separators || buf.startsWith('ISA', pos)) {
        if (buf.length - pos < ISA_LENGTH && !final) break;
        pos = this.readIsa(buf, pos);
        continue;
      }
      const term = buf.indexOf(this.separators.segment, pos);
      if (term < 0) break;
      this.emit(buf.slice(pos, term), this.separators);
      this.advance(buf, pos, term + 1);
      pos = term + 1;
    }
    this.buf = buf.slice(pos);
  }

  /** At an ISA (or where one must be): its separators and the ISA segment; or the problem, and skipping to the next ISA. */
  private readIsa(buf: string, pos: number): number {
    const head = buf.slice(pos, pos + ISA_LENGTH);
    const separators = declaredSeparators(head);
    this.sawAnything = true;
    if (!separators) {
      const reason = head.startsWith('ISA') ? 'undeclared-separators' : 'not-x12';
      this.onProblem({ reason, id: 'ISA', line: this.line, column: this.column, end: this.column + firstLineLength(head) });
      this.skipping = true;
      this.separators = undefined;
      // Step past this "ISA" so the search finds the next one.
      const past = Math.min(buf.length, pos + 3);
      this.advance(buf, pos, past);
      return past;
    }
    this.separators = separators;
    this.emit(head.slice(0, ISA_LENGTH - 1), separators);
    this.advance(buf, pos, pos + ISA_LENGTH);
    return pos + ISA_LENGTH;
  }

  private skipBreaks(buf: string, pos: number, final: boolean): number {
    const terminator = this.separators?.segment;
    let p = pos;
    while (p < buf.length) {
      const c = buf[p];
      if ((c !== '\n' && c !== '\r') || c === terminator) break;
      // A CR at the end of a chunk may be the first half of a CRLF: wait for the next chunk.
      if (c === '\r' && p + 1 === buf.length && !final) break;
      p++;
    }
    this.advance(buf, pos, p);
    return p;
  }

  /** Moves the line and column over buf[from, to). */
  private advance(buf: string, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const c = buf.charCodeAt(i);
      if (c === 10) {
        this.line++;
        this.column = 0;
      } else if (c === 13) {
        // CRLF is one break, as is a lone CR (as VS Code counts lines).
        if (buf.charCodeAt(i + 1) !== 10) {
          this.line++;
          this.column = 0;
        }
      } else this.column++;
    }
  }

  private emit(raw: string, separators: Separators): void {
    this.sawAnything = true;
    // A terminator that is itself a line feed leaves the CR of a CRLF on the segment.
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const parts = text.split(separators.element);
    const columns: number[] = [];
    let col = this.column + parts[0].length + 1;
    for (let i = 1; i < parts.length; i++) {
      columns.push(col);
      col += parts[i].length + 1;
    }
    const breaks = lineBreaksIn(text);
    const endLine = this.line + breaks.count;
    const end = breaks.count ? breaks.lastLength : this.column + text.length;
    this.onSegment({ id: parts[0].trim().toUpperCase(), elements: parts.slice(1), line: this.line, column: this.column, endLine, end, elementColumns: columns, separators });
  }
}

function firstLineLength(text: string): number {
  const m = /[\r\n]/.exec(text);
  return m ? m.index : text.length;
}

function lineBreaksIn(text: string): { count: number; lastLength: number } {
  if (!text.includes('\n') && !text.includes('\r')) return { count: 0, lastLength: 0 };
  const lines = text.split(/\r\n|\r|\n/);
  return { count: lines.length - 1, lastLength: lines[lines.length - 1].length };
}
