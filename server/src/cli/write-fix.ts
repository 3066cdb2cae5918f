// Writing what `--fix` fixed (issue 26: --fix runs in pre-commit hooks and CI, on files nobody
// watches). The fixed text goes to a temporary file beside the original, which is then renamed
// over it, so a full disk leaves the original whole; the file is not written when it changed
// since it was read (a save made during the run wins), when it is a symbolic link, or when it lies
// outside the folder the user named (through a linked folder). Never throws.
import { closeSync, fsyncSync, lstatSync, openSync, realpathSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, relative, isAbsolute } from 'node:path';
import { randomBytes } from 'node:crypto';
import { readRegularFile, type FileIdentity } from './read';

function codeOf(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

function inside(dir: string, root: string): boolean {
  const rel = relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Why `abs` must not be written, or undefined when it may. */
export function refuseToWrite(abs: string, root: string): string | undefined {
  try {
    if (lstatSync(abs).isSymbolicLink()) return 'not fixed: it is a symbolic link, and --fix never writes through a link; run it on the file the link points to';
    if (!inside(realpathSync(dirname(abs)), realpathSync(root))) return 'not fixed: it lies outside the folder given (through a linked folder), and --fix writes only inside it';
  } catch (e) {
    return `not fixed: it cannot be checked before writing (${codeOf(e) ?? 'unknown error'})`;
  }
  return undefined;
}

function sameVersion(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/**
 * Writes `text` over `abs` when the file is still the version read (`identity`, `original`).
 * Returns the reason it was not written, or undefined when it was.
 */
export function writeFixedFile(abs: string, root: string, text: string, original: string, identity: FileIdentity, maxBytes: number): string | undefined {
  const refused = refuseToWrite(abs, root);
  if (refused) return refused;
  const changed = 'not fixed: the file changed while hai-claims read it (saved in an editor?); nothing was written, run --fix again';
  const now = readRegularFile(abs, maxBytes);
  if (!now.ok || !sameVersion(now.identity, identity) || now.text !== original) return changed;
  const tmp = join(dirname(abs), `.${basename(abs)}.${randomBytes(6).toString('hex')}.hai-claims-fix`);
  let fd: number | undefined;
  try {
    // 'wx': a new file only, never one already there; the original's permissions.
    fd = openSync(tmp, 'wx', identity.mode & 0o777);
    const bytes = Buffer.from(text, 'utf8');
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    const last = readRegularFile(abs, maxBytes);
    if (!last.ok || !sameVersion(last.identity, identity)) {
      unlinkSync(tmp);
      return changed;
    }
    renameSync(tmp, abs);
    return undefined;
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // Not created, or already gone: nothing to clean up.
    }
    const code = codeOf(e);
    const why = code === 'ENOSPC' ? 'the disk is full (ENOSPC)' : code === 'EDQUOT' ? 'the disk quota is used up (EDQUOT)' : `the system refused the write (${code ?? 'unknown error'})`;
    return `not fixed: ${why}; the file is unchanged`;
  }
}
