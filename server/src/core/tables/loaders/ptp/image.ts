// The PTP index as bytes, and the cache file around it: the one owner of both formats, so a
// server can skip parsing 1.5 million rows next time (a file read and a check instead of a parse).
//
// Cache file:  "HAINAT02" | u32 envelope length | 2 x u32 checksum | envelope JSON | pad to 8 | image
// Image:       "HAIPTP01" | u32 header length | header JSON | pad to 8 | the typed arrays
// The checksum covers every byte after it, so a flipped byte in the cache is a miss, not an answer.
import type { NationalSource, PtpTable } from '../../national';
import type { LoadProblem } from '../common';
import { consistent, PtpIndex } from './hash-index';

const IMAGE_MAGIC = 'HAIPTP01';
const CACHE_MAGIC = 'HAINAT02';
/** Magic (8 bytes) and a u32 length. */
const IMAGE_HEAD = 12;
/** Magic (8 bytes), a u32 length and a 64-bit checksum (two u32). */
const CACHE_HEAD = 20;

function align8(n: number): number {
  return (n + 7) & ~7;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The index as bytes (the caller stores them). Only tables built by this module can be serialised. */
export function serializePtp(table: PtpTable): Uint8Array | undefined {
  const image = imageWriter(table);
  if (!image) return undefined;
  const out = new Uint8Array(image.size);
  image.writeAt(out, 0);
  return out;
}

/** The image's size, and a writer of it into a larger buffer (the cache file), so it is not copied twice. */
function imageWriter(table: PtpTable): { size: number; writeAt(out: Uint8Array, at: number): void } | undefined {
  if (!(table instanceof PtpIndex)) return undefined;
  const p = table.parts;
  const n = p.col1.length;
  const header = encoder.encode(JSON.stringify({ n, hashSize: p.hash.length, codes: p.codes, rationales: p.rationales, sources: p.sources, source: p.source }));
  const dataStart = align8(IMAGE_HEAD + header.length);
  const arrays: ArrayBufferView[] = [p.col1, p.col2, p.eff, p.del, p.next, p.hash, p.rat, p.flags];
  const size = arrays.reduce((sum, a) => sum + a.byteLength, dataStart);
  return {
    size,
    writeAt(out, at) {
      out.set(encoder.encode(IMAGE_MAGIC), at);
      new DataView(out.buffer, out.byteOffset).setUint32(at + 8, header.length, true);
      out.set(header, at + IMAGE_HEAD);
      let k = at + dataStart;
      for (const a of arrays) {
        out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), k);
        k += a.byteLength;
      }
    },
  };
}

/** The index back from `serializePtp`'s bytes, without copying the rows; undefined when the bytes are not a valid image. */
export function deserializePtp(bytes: Uint8Array): PtpTable | undefined {
  try {
    if (bytes.length < IMAGE_HEAD || decoder.decode(bytes.subarray(0, 8)) !== IMAGE_MAGIC) return undefined;
    // Typed-array views need aligned offsets: copy once if the buffer is not aligned.
    if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const headLen = view.getUint32(8, true);
    if (IMAGE_HEAD + headLen > bytes.length) return undefined;
    const head = JSON.parse(decoder.decode(bytes.subarray(IMAGE_HEAD, IMAGE_HEAD + headLen))) as {
      n: number;
      hashSize: number;
      codes: string[];
      rationales: string[];
      sources: NationalSource[];
      source: NationalSource;
    };
    const { n, hashSize } = head;
    if (!Number.isInteger(n) || n < 0 || !Number.isInteger(hashSize) || hashSize < 1 || (hashSize & (hashSize - 1)) !== 0) return undefined;
    if (!Array.isArray(head.codes) || !Array.isArray(head.rationales) || !Array.isArray(head.sources) || !head.source) return undefined;
    const dataStart = align8(IMAGE_HEAD + headLen);
    if (bytes.length !== dataStart + n * (4 * 5 + 2 + 1) + hashSize * 4) return undefined;
    let at = bytes.byteOffset + dataStart;
    const take = <A>(make: (buf: ArrayBufferLike, off: number, len: number) => A, len: number, width: number): A => {
      const a = make(bytes.buffer, at, len);
      at += len * width;
      return a;
    };
    const col1 = take((b, o, l) => new Uint32Array(b, o, l), n, 4);
    const col2 = take((b, o, l) => new Uint32Array(b, o, l), n, 4);
    const eff = take((b, o, l) => new Int32Array(b, o, l), n, 4);
    const del = take((b, o, l) => new Int32Array(b, o, l), n, 4);
    const next = take((b, o, l) => new Int32Array(b, o, l), n, 4);
    const hash = take((b, o, l) => new Int32Array(b, o, l), hashSize, 4);
    const rat = take((b, o, l) => new Uint16Array(b, o, l), n, 2);
    const flags = take((b, o, l) => new Uint8Array(b, o, l), n, 1);
    if (!consistent({ codes: head.codes, rationales: head.rationales, sources: head.sources, col1, col2, rat, flags, next, hash })) return undefined;
    return new PtpIndex({ codes: head.codes, rationales: head.rationales, sources: head.sources, source: head.source, col1, col2, eff, del, rat, flags, next, hash });
  } catch {
    return undefined;
  }
}

export interface PtpCacheContents {
  table: PtpTable;
  /** The problems of the text the index was built from, shown again on a cached load. */
  problems: LoadProblem[];
}

/**
 * The cache file's bytes: the index, the problems of its text, and `key` (what the parts were
 * when read: the caller's description of their identity), under a checksum.
 */
export function encodePtpCache(table: PtpTable, problems: readonly LoadProblem[], key: string): Uint8Array | undefined {
  return drive(encodePtpCacheInSteps(table, problems, key));
}

/** `encodePtpCache` in slices, as `decodePtpCacheInSteps`. */
export function* encodePtpCacheInSteps(table: PtpTable, problems: readonly LoadProblem[], key: string): Generator<void, Uint8Array | undefined, void> {
  const image = imageWriter(table);
  if (!image) return undefined;
  const envelope = encoder.encode(JSON.stringify({ key, problems }));
  const imageStart = align8(CACHE_HEAD + envelope.length);
  const out = new Uint8Array(imageStart + image.size);
  out.set(encoder.encode(CACHE_MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, envelope.length, true);
  out.set(envelope, CACHE_HEAD);
  image.writeAt(out, imageStart);
  yield;
  const [sum1, sum2] = yield* checksumInSteps(out, CACHE_HEAD);
  view.setUint32(12, sum1, true);
  view.setUint32(16, sum2, true);
  return out;
}

/** The cache file back; undefined when it is damaged (checksum), foreign, or was written for another `key`. */
export function decodePtpCache(bytes: Uint8Array, key: string): PtpCacheContents | undefined {
  return drive(decodePtpCacheInSteps(bytes, key));
}

/**
 * `decodePtpCache` in slices (the checksum of the 50 MB image is the long part), so a server can
 * yield to its event loop between them: call next() until done.
 */
export function* decodePtpCacheInSteps(bytes: Uint8Array, key: string): Generator<void, PtpCacheContents | undefined, void> {
  if (bytes.length < CACHE_HEAD || decoder.decode(bytes.subarray(0, 8)) !== CACHE_MAGIC) return undefined;
  // The image's typed arrays need aligned offsets: copy once if the buffer is not aligned.
  if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [sum1, sum2] = yield* checksumInSteps(bytes, CACHE_HEAD);
  if (view.getUint32(12, true) !== sum1 || view.getUint32(16, true) !== sum2) return undefined;
  yield;
  try {
    const len = view.getUint32(8, true);
    if (CACHE_HEAD + len > bytes.length) return undefined;
    const envelope = JSON.parse(decoder.decode(bytes.subarray(CACHE_HEAD, CACHE_HEAD + len))) as { key?: unknown; problems?: unknown };
    if (envelope.key !== key || !Array.isArray(envelope.problems) || !envelope.problems.every(isLoadProblem)) return undefined;
    const table = deserializePtp(bytes.subarray(align8(CACHE_HEAD + len)));
    return table ? { table, problems: envelope.problems } : undefined;
  } catch {
    return undefined;
  }
}

function isLoadProblem(p: unknown): p is LoadProblem {
  const q = p as LoadProblem;
  return typeof q === 'object' && q !== null && typeof q.file === 'string' && Number.isInteger(q.line) && typeof q.reason === 'string';
}

/**
 * A 64-bit checksum (two 32-bit lanes) of `bytes` from `from` on, 4 bytes a step: each step is a
 * bijection of a lane given the word, so any one changed word always changes both lanes, and two
 * independent lanes make a chance match of other damage about 1 in 2^64. Not a defence against a
 * forger: the cache is the user's own.
 */
export function checksum(bytes: Uint8Array, from = 0): [number, number] {
  return drive(checksumInSteps(bytes, from));
}

/** `checksum` in slices of `wordsPerStep` 4-byte words (about 8 MB by default): call next() until done. */
export function* checksumInSteps(bytes: Uint8Array, from = 0, wordsPerStep = 1 << 21): Generator<void, [number, number], void> {
  const n = bytes.length - from;
  const words = n >>> 2;
  // Whole words through a Uint32Array view (copied once when the offset is not aligned).
  const start = bytes.byteOffset + from;
  const w32 = start % 4 === 0 ? new Uint32Array(bytes.buffer, start, words) : new Uint32Array(bytes.slice(from, from + words * 4).buffer);
  let h1 = 0x9e3779b9 ^ n;
  let h2 = 0x85ebca6b;
  for (let at = 0; at < words; at += wordsPerStep) {
    if (at > 0) yield;
    const end = Math.min(words, at + wordsPerStep);
    for (let i = at; i < end; i++) {
      const w = w32[i];
      let k = Math.imul(w, 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      h1 ^= Math.imul(k, 0x1b873593);
      h1 = (h1 << 13) | (h1 >>> 19);
      h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
      h2 = Math.imul(h2 ^ w, 0x01000193);
    }
  }
  for (let i = words * 4; i < n; i++) {
    h1 = Math.imul(h1 ^ bytes[from + i], 0x01000193);
    h2 = (Math.imul(h2, 31) + bytes[from + i]) | 0;
  }
  return [h1 >>> 0, h2 >>> 0];
}

/** Runs a stepwise computation to its end. */
function drive<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
