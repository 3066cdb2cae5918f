// The check worker's findings as they cross to the main thread (issue 23: the worker's memory). A
// finding is mostly the same few strings (rule ids, the CMS citation, fix titles) and small
// integers; cloned as objects, the 150,000 findings of a 60,000-line date cost the main thread
// about 130 MB, a second copy of the worker's. Here they travel as typed arrays (transferred, not
// copied) and a table of the strings they use, and the main thread keeps them so: a finding it
// reads is a small object of its position, rule, severity and denial, whose data, related places
// and fixes are decoded from the arrays when read (a hover, a diagnostic, a quick fix reads a few).
//
// The encoding is generic over what a finding holds (plain objects, arrays, strings, numbers,
// booleans, null, undefined): each finding's rest is a shape (its keys and the kind of each value,
// shared by the findings of one rule) and the values in order (a string as its index in the
// table, an integer as itself, any other number by its index in a table of doubles).
import type { Finding } from '../core/languageService';

/** The findings of one chunk, in arrays a postMessage transfers. */
export interface FindingsWire {
  count: number;
  /** Rule ids, severities and every string in the findings' data, related places and fixes. */
  strings: string[];
  /** The shapes of the findings' rests (JSON of a shape tree, see `Shape`). */
  shapes: string[];
  /** HEAD ints per finding. */
  heads: Int32Array;
  /** The rests' values, in order (see the file header). */
  values: Int32Array;
  /** Numbers that are not 32-bit integers. */
  doubles: Float64Array;
}

/** What a postMessage of `wire` can transfer rather than copy. */
export function transferables(wire: FindingsWire): ArrayBuffer[] {
  return [wire.heads.buffer, wire.values.buffer, wire.doubles.buffer] as ArrayBuffer[];
}

// Per finding: rule (string index), severity (string index), line, start, end, flags, deniesLine,
// deniesUnits, the shape of its rest, where its values begin.
const HEAD = 10;
const HAS_DENIES_LINE = 1;
const HAS_DENIES_UNITS = 2;
/** The rest holds deniesLines: read it when the finding is made (the estimate reads it of every finding). */
const HAS_DENIES_LINES = 4;

/** A value's shape: a leaf kind, an array of shapes, or an object of shapes by key. */
type Shape = number | Shape[] | { [key: string]: Shape };
/** The leaf kinds (the digits in a shape's JSON). */
const KIND = { string: 0, int: 1, double: 2, true: 3, false: 4, undefined: 5, null: 6 } as const;

/** The steps of a shape that are not keys or leaf kinds. */
const ARRAY_OPEN = 10;
const ARRAY_CLOSE = 11;
const OBJECT_OPEN = 12;
const OBJECT_CLOSE = 13;
/** A node of the tree of shapes seen (see encodeFindings); `shape`: the shape a finding ending here has. */
interface ShapeNode {
  next: Map<string | number, ShapeNode>;
  shape?: number;
}

/** The fields every finding has, kept on the object the main thread reads. */
const HEAD_FIELDS = new Set(['rule', 'severity', 'line', 'start', 'end', 'deniesLine', 'deniesUnits']);

/** Encodes findings for the main thread (in the worker). */
export function encodeFindings(findings: readonly Finding[]): FindingsWire {
  const w = new WireWriter();
  const heads = new Int32Array(findings.length * HEAD);
  findings.forEach((f, i) => {
    const at = w.values.length;
    const shape = w.rest(f as unknown as Record<string, unknown>);
    const h = i * HEAD;
    heads[h] = w.str(f.rule);
    heads[h + 1] = w.str(f.severity);
    heads[h + 2] = f.line;
    heads[h + 3] = f.start;
    heads[h + 4] = f.end;
    heads[h + 5] = (f.deniesLine !== undefined ? HAS_DENIES_LINE : 0) | (f.deniesUnits !== undefined ? HAS_DENIES_UNITS : 0) | (f.deniesLines !== undefined ? HAS_DENIES_LINES : 0);
    heads[h + 6] = f.deniesLine ?? 0;
    heads[h + 7] = f.deniesUnits ?? 0;
    heads[h + 8] = shape;
    heads[h + 9] = at;
  });
  return { count: findings.length, strings: w.strings, shapes: w.shapes, heads, values: Int32Array.from(w.values), doubles: Float64Array.from(w.doubles) };
}

/**
 * Collects the findings' strings, values and shapes. A finding's shape is found by walking a tree
 * of the shapes seen so far, one step per key, leaf kind, and array or object bound, while its
 * values are collected: no text is built per finding (building each one's shape as text was most
 * of the worker's time on a 60,000-line date, 150,000 findings, and much of its garbage). Keys are
 * strings, the other steps numbers, so a path of steps is one shape's text, and the reverse; the
 * text (JSON of a shape tree, see Shape) is written once per shape.
 */
class WireWriter {
  readonly strings: string[] = [];
  readonly shapes: string[] = [];
  readonly values: number[] = [];
  readonly doubles: number[] = [];
  private readonly stringIds = new Map<string, number>();
  private readonly shapeIds = new Map<string, number>();
  private readonly quotedKeys = new Map<string, string>();
  private readonly root: ShapeNode = { next: new Map() };

  str(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) this.stringIds.set(s, (id = this.strings.push(s) - 1));
    return id;
  }

  /** Writes the values of a finding's rest (every field but HEAD_FIELDS); its shape's index. */
  rest(f: Record<string, unknown>): number {
    let node = this.root;
    for (const k of Object.keys(f)) if (!HEAD_FIELDS.has(k)) node = this.walk(f[k], step(node, k));
    node = step(node, OBJECT_CLOSE);
    if (node.shape === undefined) {
      const fields = Object.keys(f).filter((k) => !HEAD_FIELDS.has(k));
      const text = `{${fields.map((k) => `${this.quoted(k)}${this.shapeText(f[k])}`).join(',')}}`;
      let shape = this.shapeIds.get(text);
      if (shape === undefined) this.shapeIds.set(text, (shape = this.shapes.push(text) - 1));
      node.shape = shape;
    }
    return node.shape;
  }

  private walk(v: unknown, node: ShapeNode): ShapeNode {
    if (typeof v === 'string') return this.values.push(this.str(v)), step(node, KIND.string);
    if (typeof v === 'number') {
      if ((v | 0) === v && !Object.is(v, -0)) return this.values.push(v), step(node, KIND.int);
      return this.values.push(this.doubles.push(v) - 1), step(node, KIND.double);
    }
    if (typeof v === 'boolean') return step(node, v ? KIND.true : KIND.false);
    if (v === undefined) return step(node, KIND.undefined);
    if (v === null || typeof v !== 'object') return step(node, KIND.null);
    if (Array.isArray(v)) {
      node = step(node, ARRAY_OPEN);
      for (const x of v) node = this.walk(x, node);
      return step(node, ARRAY_CLOSE);
    }
    node = step(node, OBJECT_OPEN);
    for (const k of Object.keys(v)) node = this.walk((v as Record<string, unknown>)[k], step(node, k));
    return step(node, OBJECT_CLOSE);
  }

  private quoted(k: string): string {
    let q = this.quotedKeys.get(k);
    if (q === undefined) this.quotedKeys.set(k, (q = `${JSON.stringify(k)}:`));
    return q;
  }

  private shapeText(v: unknown): string {
    if (typeof v === 'string') return `${KIND.string}`;
    if (typeof v === 'number') return `${(v | 0) === v && !Object.is(v, -0) ? KIND.int : KIND.double}`;
    if (typeof v === 'boolean') return `${v ? KIND.true : KIND.false}`;
    if (v === undefined) return `${KIND.undefined}`;
    if (v === null || typeof v !== 'object') return `${KIND.null}`;
    if (Array.isArray(v)) return `[${v.map((x) => this.shapeText(x)).join(',')}]`;
    return `{${Object.keys(v).map((k) => `${this.quoted(k)}${this.shapeText((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
}

function step(node: ShapeNode, token: string | number): ShapeNode {
  let to = node.next.get(token);
  if (to === undefined) node.next.set(token, (to = { next: new Map() }));
  return to;
}

/** Decodes values of a wire by shape, from a position that moves along. */
class Reader {
  private readonly parsed: Shape[];
  constructor(private readonly wire: FindingsWire) {
    this.parsed = wire.shapes.map((s) => JSON.parse(s) as Shape);
  }

  /** The rest of finding `i` (its data, related places, fixes, deniesLines, in the order they were written). */
  rest(i: number): Record<string, unknown> {
    const at = { next: this.wire.heads[i * HEAD + 9] };
    return this.value(this.parsed[this.wire.heads[i * HEAD + 8]], at) as Record<string, unknown>;
  }

  private value(shape: Shape, at: { next: number }): unknown {
    const w = this.wire;
    if (typeof shape === 'number') {
      if (shape === KIND.string) return w.strings[w.values[at.next++]];
      if (shape === KIND.int) return w.values[at.next++];
      if (shape === KIND.double) return w.doubles[w.values[at.next++]];
      return shape === KIND.true ? true : shape === KIND.false ? false : shape === KIND.undefined ? undefined : null;
    }
    if (Array.isArray(shape)) return shape.map((s) => this.value(s, at));
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(shape)) out[k] = this.value(shape[k], at);
    return out;
  }
}

/**
 * A finding as the main thread keeps it: its head as fields, its rest decoded from the wire each
 * time it is read (nothing of it is kept). JSON gives the finding as the worker had it.
 */
class WireFinding {
  readonly rule: Finding['rule'];
  readonly severity: Finding['severity'];
  readonly line: number;
  readonly start: number;
  readonly end: number;
  // Set only when the finding has them (as the worker's finding): a copy by spread has the same keys.
  declare readonly deniesLine?: number;
  declare readonly deniesUnits?: number;
  declare readonly deniesLines?: readonly number[];
  readonly #reader: Reader;
  readonly #at: number;

  constructor(reader: Reader, wire: FindingsWire, i: number) {
    const h = i * HEAD;
    const heads = wire.heads;
    this.rule = wire.strings[heads[h]] as Finding['rule'];
    this.severity = wire.strings[heads[h + 1]] as Finding['severity'];
    this.line = heads[h + 2];
    this.start = heads[h + 3];
    this.end = heads[h + 4];
    const flags = heads[h + 5];
    const self = this as { deniesLine?: number; deniesUnits?: number; deniesLines?: readonly number[] };
    if (flags & HAS_DENIES_LINE) self.deniesLine = heads[h + 6];
    if (flags & HAS_DENIES_UNITS) self.deniesUnits = heads[h + 7];
    if (flags & HAS_DENIES_LINES) self.deniesLines = reader.rest(i).deniesLines as number[];
    this.#reader = reader;
    this.#at = i;
  }

  get data(): Finding['data'] {
    return this.#reader.rest(this.#at).data as Finding['data'];
  }

  get related(): Finding['related'] {
    return this.#reader.rest(this.#at).related as Finding['related'];
  }

  get fixes(): Finding['fixes'] {
    return this.#reader.rest(this.#at).fixes as Finding['fixes'];
  }

  /** The finding as a plain object, as the worker had it (keys in its order: head fields first). */
  toJSON(): Finding {
    return plainFinding(this as unknown as Finding);
  }
}

/** A finding as a plain object: its fields that are set. */
function plainFinding(f: Finding): Finding {
  const out: Record<string, unknown> = { rule: f.rule, line: f.line, start: f.start, end: f.end };
  for (const k of ['data', 'related', 'fixes', 'deniesLine', 'deniesUnits', 'deniesLines', 'severity'] as const) {
    const v = f[k];
    if (v !== undefined) out[k] = v;
  }
  return out as unknown as Finding;
}

/** The findings of a wire, as the main thread keeps them (their rests decoded when read). */
export function decodeFindings(wire: FindingsWire): Finding[] {
  const reader = new Reader(wire);
  const out: Finding[] = new Array<Finding>(wire.count);
  for (let i = 0; i < wire.count; i++) out[i] = new WireFinding(reader, wire, i) as unknown as Finding;
  return out;
}
