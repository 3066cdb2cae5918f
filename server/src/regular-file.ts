// Reading a file by path, bounded (shared by the CLI and the server: issue 17, issue 26): regular
// files only, the size limit checked before reading and the read itself bounded. A symlink to
// /dev/zero, /dev/urandom or a FIFO would otherwise be read forever (issue 17: 15.7 GB, then
// abort; issue 26: the server's workspace .haiclaims.json, 7.4 GB in 10 s).
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

