// The CLI's reads: files by path (regular-file.ts, shared with the server), standard input bounded,
// and the wording of a failed write.
import { readSync } from 'node:fs';
export { readRegularFile, type FileIdentity, type ReadResult } from '../regular-file';

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
