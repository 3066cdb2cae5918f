// Globs as users write them (`*`, `?`, `**`, `[abc]`, `[!abc]`, `{2025,2026}`), read by picomatch,
// the matcher tinyglobby expands them with: one reading of a pattern everywhere.
import picomatch from 'picomatch';
import { isDynamicPattern } from 'tinyglobby';

export function hasGlob(pattern: string): boolean {
  // Any wildcard character counts, so a malformed glob ("a/[2025/*.claim") is read as a glob and
  // reported as a bad one, not as a missing file.
  return /[*?[{]/.test(pattern) || isDynamicPattern(pattern);
}

/**
 * The pattern as picomatch should read it. Parentheses are literal: file names such as
 * "copy (2).claim" are common, extglobs like `@(a|b)` in claim paths are not.
 */
export function toPattern(glob: string): string {
  return glob.replace(/(?<!\\)[()]/g, '\\$&');
}

/** A regular expression for a `/`-separated glob, anchored at both ends. Throws on a bad glob. */
export function globToRegExp(glob: string): RegExp {
  const re = picomatch.makeRe(toPattern(glob), { dot: false, posix: true, strictBrackets: true });
  // picomatch answers a pattern it cannot compile (`[z-a]`) with a regex that matches nothing.
  if (re.source === '$^') throw new SyntaxError('it can match nothing, e.g. a [...] class out of order');
  return re;
}

/** The directory part of a glob before its first wildcard segment ("" when it starts with one). */
export function globBase(glob: string): string {
  const base = picomatch.scan(glob).base;
  return base === '.' ? '' : base;
}
