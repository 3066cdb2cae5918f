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

/** The most patterns a glob's {a,b} groups may expand to (issue 26: 8 groups ran for over 60 s). */
export const MAX_BRACE_EXPANSION = 64;

/**
 * How many patterns the {...} groups of a glob expand to (an upper bound: nested groups multiply),
 * escaped braces (`\{`) not counted; stops counting past `MAX_BRACE_EXPANSION`.
 */
export function braceExpansion(glob: string): number {
  let total = 1;
  // One count of alternatives per open group, innermost last.
  const open: number[] = [];
  for (let i = 0; i < glob.length && total <= MAX_BRACE_EXPANSION; i++) {
    const c = glob[i];
    if (c === '\\') i++;
    else if (c === '{') open.push(1);
    else if (c === ',' && open.length) open[open.length - 1]++;
    else if (c === '}' && open.length) total *= open.pop()!;
  }
  return total;
}

/** A glob with no wildcard left once its escapes are read (`claims/a\[1\].claim`): the file name it names. */
export function literalOf(glob: string): string | undefined {
  if (!/\\[[\]{}*?()!]/.test(glob)) return undefined;
  const scan = picomatch.scan(glob);
  if (scan.isGlob || scan.glob) return undefined;
  return glob.replace(/\\(.)/g, '$1');
}

/** A glob's fixed folder with its escapes read (`cl\[a\]ims/*.claim`: `cl[a]ims`). */
export function unescapeBase(base: string): string {
  return base.replace(/\\(.)/g, '$1');
}
