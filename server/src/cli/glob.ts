// Simple globs, matched without a dependency: `*` and `?` within one path segment, `**` across
// segments, `[abc]` classes. Enough for "examples/*.claim" and "claims/**/*.claim".

export function hasGlob(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

/** A regular expression for a `/`-separated glob, anchored at both ends. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more whole directories; a trailing `**` matches everything below.
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:[^/]+/)*' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        let cls = glob.slice(i + 1, close).replace(/\\/g, '\\\\');
        if (cls.startsWith('!')) cls = `^${cls.slice(1)}`;
        re += `[${cls}]`;
        i = close;
      }
    } else re += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** The directory part of a glob before its first wildcard segment ("" when it starts with one). */
export function globBase(glob: string): string {
  const parts = glob.split('/');
  const base: string[] = [];
  for (const part of parts) {
    if (hasGlob(part)) break;
    base.push(part);
  }
  if (base.length === parts.length) base.pop();
  return base.join('/');
}
