// Reading a file the CLI was pointed at (a claim file, --config): regular files only, the size
// limit checked before reading and the read itself bounded. A symlink to /dev/zero, /dev/urandom
// or a FIFO in a checked folder would otherwise be read forever (issue 17: 15.7 GB, then abort).
import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** What identifies the version of a file that was read: --fix refuses to write over another. */
export interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  mode: number;
}

export type ReadResult =
  /** `utf8`: the bytes are valid UTF-8, so `text` encodes back to them exactly. */
  | { ok: true; text: string; utf8: boolean; identity: FileIdentity }
  /** Not read, on purpose: `reason` says why (no file contents, ever); `tooLarge`: its size. */
  | { ok: false; reason: string; tooLarge?: number }
  /** Could not be read: the system's error (ENOENT, EACCES...). */
  | { ok: false; error: unknown };

/** What a path that is not a regular file is, for the message. */
function kindOf(s: Stats): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isCharacterDevice()) return 'a character device (such as /dev/zero)';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads `path` (symlinks followed) as UTF-8 when it is a regular file of at most `maxBytes`.
 * Opened without blocking (a FIFO with no writer would block the open), then checked on the open
 * descriptor, so what is read is what was checked. Never throws.
 */
export function readRegularFile(path: string, maxBytes: number): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { ok: false, error };
  }
  try {
    const s = fstatSync(fd);
    if (!s.isFile()) return { ok: false, reason: `skipped: it is ${kindOf(s)}, not a regular file` };
    if (s.size > maxBytes) return { ok: false, reason: `skipped: ${s.size} bytes, over the limit of ${maxBytes}`, tooLarge: s.size };
    // At most one byte over the limit: a file that grows while it is read is still bounded.
    const buf = Buffer.allocUnsafe(Math.min(s.size, maxBytes) + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      // More than its size said: it grew while being read (a log, a device posing as a file).
      if (n === buf.length) return { ok: false, reason: 'skipped: it grew while being read; check it again when it is complete' };
    }
    const bytes = buf.subarray(0, n);
    return { ok: true, text: bytes.toString('utf8'), utf8: isUtf8(bytes), identity: { dev: s.dev, ino: s.ino, size: s.size, mtimeMs: s.mtimeMs, mode: s.mode } };
  } catch (error) {
    return { ok: false, error };
  } finally {
    closeSync(fd);
  }
}

/** Why the output could not be written, and what to do (no output text is quoted). */
export function outputFailure(code: string | undefined): string {
  const why = code === 'ENOSPC' ? 'the disk is full (ENOSPC)' : code === 'EDQUOT' ? 'the disk quota is used up (EDQUOT)' : `the system refused the write (${code ?? 'unknown error'})`;
  return `cannot write the output: ${why}. The report is incomplete; free some space or send the output elsewhere, then run again.`;
}

/**
 * Standard input, read up to `maxBytes` (issue 26: `yes | hai-claims check -` read 16.8 GB, then
 * aborted). More than that: `tooLarge` with the bytes read so far (the rest is not read).
 */
export function readStdinBounded(maxBytes: number, fd = 0): { text: string } | { tooLarge: number } {
  const chunks: Buffer[] = [];
  let total = 0;
  const buf = Buffer.allocUnsafe(64 * 1024);
  for (;;) {
    let got: number;
    try {
      got = readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      // A pipe opened without blocking has nothing yet: wait for it (as readFileSync(0) would block).
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      if ((e as NodeJS.ErrnoException).code === 'EOF') break;
      throw e;
    }
    if (got === 0) break;
    total += got;
    if (total > maxBytes) return { tooLarge: total };
    chunks.push(Buffer.from(buf.subarray(0, got)));
  }
  return { text: Buffer.concat(chunks).toString('utf8') };
}
