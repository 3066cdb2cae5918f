// The PTP table in memory: rows in typed arrays with codes interned to integer ids, and an
// open-addressing hash from the (column 1, column 2) pair to the pair's newest row, its other date
// windows chained by `next`. Constant-time look-up at about 35 bytes a row, hash included. The hash
// is built and probed here only, so the two cannot drift apart.
import type { NationalSource, PtpEdit, PtpTable } from '../../national';

/** No deletion date (`*`): in force. */
export const OPEN = 0x7fffffff;
/** No effective date (`*` = no data): in force since before any date of service. */
export const ALWAYS = -0x80000000;

/** A row's flag byte: modifier indicator (2 bits), pre-1996 mark, then the part file's index. */
export const MOD_CODES = ['0', '1', '9'] as const;
export const FLAG_MOD_MASK = 0b11;
export const FLAG_PRIOR_1996 = 0b100;
export const FILE_SHIFT = 3;
/** File index lives in the flag byte's top 5 bits. */
export const MAX_FILES = 32;

export interface PtpParts {
  codes: string[];
  rationales: string[];
  sources: NationalSource[];
  source: NationalSource;
  col1: Uint32Array;
  col2: Uint32Array;
  eff: Int32Array;
  del: Int32Array;
  rat: Uint16Array;
  flags: Uint8Array;
  next: Int32Array;
  hash: Int32Array;
}

function pairHash(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

/**
 * Builds the hash over the rows in slices of about `rowsPerStep` rows (call next() until done), so
 * a server can yield to its event loop while 1.5 million rows are indexed.
 */
export function* buildHash(col1: Uint32Array, col2: Uint32Array, rowsPerStep: number): Generator<void, { hash: Int32Array; next: Int32Array }, void> {
  const n = col1.length;
  let size = 1024;
  // Load factor <= 0.5: every probe meets an empty slot.
  while (size < n * 2) size *= 2;
  const hash = new Int32Array(size);
  const next = new Int32Array(n).fill(-1);
  const mask = size - 1;
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % rowsPerStep === 0) yield;
    const a = col1[i];
    const b = col2[i];
    let slot = pairHash(a, b) & mask;
    for (;;) {
      const head = hash[slot];
      if (head === 0) {
        hash[slot] = i + 1;
        break;
      }
      if (col1[head - 1] === a && col2[head - 1] === b) {
        // Same pair, another date window: chain it.
        next[i] = head - 1;
        hash[slot] = i + 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { hash, next };
}

export class PtpIndex implements PtpTable {
  readonly source: NationalSource;
  readonly size: number;
  private readonly ids: Map<string, number>;

  constructor(readonly parts: PtpParts) {
    this.source = parts.source;
    this.size = parts.col1.length;
    this.ids = new Map(parts.codes.map((c, i) => [c, i]));
  }

  lookup(code1: string, code2: string, day: number | undefined): PtpEdit | undefined {
    const p = this.parts;
    // Date windows: effective <= day < deletion (the deletion date is the first day the edit no
    // longer applies). Overlapping windows: the latest effective wins. Without a calendar day,
    // the edit in force now: a window with no deletion date.
    let best = -1;
    for (let i = this.headRow(code1, code2); i >= 0; i = p.next[i]) {
      const covers = day === undefined ? p.del[i] === OPEN : p.eff[i] <= day && day < p.del[i];
      if (covers && (best < 0 || p.eff[i] > p.eff[best])) best = i;
    }
    return best < 0 ? undefined : this.edit(best);
  }

  /** Every date window of the pair, oldest first (hover, tests). */
  windows(code1: string, code2: string): PtpEdit[] {
    const out: PtpEdit[] = [];
    for (let i = this.headRow(code1, code2); i >= 0; i = this.parts.next[i]) out.push(this.edit(i));
    return out.sort((x, y) => x.effective - y.effective);
  }

  /** The pair's newest row (its other windows are chained by `next`), -1 when the pair has no edit. */
  private headRow(code1: string, code2: string): number {
    const a = this.ids.get(code1);
    const b = this.ids.get(code2);
    if (a === undefined || b === undefined) return -1;
    const p = this.parts;
    const mask = p.hash.length - 1;
    let slot = pairHash(a, b) & mask;
    // The table always has empty slots (load factor <= 0.5), so the probe ends.
    for (;;) {
      const head = p.hash[slot];
      if (head === 0) return -1;
      if (p.col1[head - 1] === a && p.col2[head - 1] === b) return head - 1;
      slot = (slot + 1) & mask;
    }
  }

  private edit(i: number): PtpEdit {
    const p = this.parts;
    const flags = p.flags[i];
    const del = p.del[i];
    return {
      column1: p.codes[p.col1[i]],
      column2: p.codes[p.col2[i]],
      modifierIndicator: MOD_CODES[flags & FLAG_MOD_MASK],
      effective: p.eff[i] === ALWAYS ? Number.NEGATIVE_INFINITY : p.eff[i],
      deleted: del === OPEN ? undefined : del,
      priorTo1996: (flags & FLAG_PRIOR_1996) !== 0,
      rationale: p.rationales[p.rat[i]] ?? '',
      source: p.sources[flags >>> FILE_SHIFT] ?? p.source,
    };
  }
}

/**
 * Whether parts read back from bytes are safe to look up in: ids in range, chains that only point
 * back (no cycles), hash entries that are rows, and free slots so every probe ends. A damaged image
 * must not hang or mislead a look-up. About 20 ms for the full file.
 */
export function consistent(p: Omit<PtpParts, 'source' | 'eff' | 'del'>): boolean {
  const n = p.col1.length;
  const codes = p.codes.length;
  if (!p.codes.every((c) => typeof c === 'string') || !p.rationales.every((r) => typeof r === 'string')) return false;
  if (!p.sources.every((s) => s && typeof s.label === 'string')) return false;
  for (let i = 0; i < n; i++) {
    if (p.col1[i] >= codes || p.col2[i] >= codes || p.rat[i] >= p.rationales.length) return false;
    if ((p.flags[i] & FLAG_MOD_MASK) > 2 || p.flags[i] >>> FILE_SHIFT >= Math.max(1, p.sources.length)) return false;
    if (p.next[i] >= i || p.next[i] < -1) return false;
  }
  if (p.hash.length < 2 * n) return false;
  let used = 0;
  for (let k = 0; k < p.hash.length; k++) {
    if (p.hash[k] < 0 || p.hash[k] > n) return false;
    if (p.hash[k] !== 0) used++;
  }
  // At most one slot per row: at least half the slots stay free.
  return used <= n;
}
