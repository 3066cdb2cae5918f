// Turns the command line's FILE|DIR|GLOB arguments into the list of claim files to read.
// Explicit files are taken as given; directories and globs yield `.claim` files only.
import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { globBase, globToRegExp, hasGlob } from './glob';

export const CLAIM_EXTENSION = '.claim';

/** Directories never searched: version control, dependencies, build output. */
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out']);

export interface FileList {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** One reason per argument that yielded nothing readable. */
  problems: string[];
}

const isClaim = (name: string): boolean => name.endsWith(CLAIM_EXTENSION);

function walk(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(full, out);
    } else if (isClaim(e.name)) {
      // Any other .claim entry is listed, a FIFO or a device too: reading it is refused with its
      // reason (cli/read.ts), so the user learns of it instead of a silent skip.
      out.push(full);
    }
  }
}

/** Every file below `dir`, as `/`-separated paths relative to it (for glob matching). */
function allFiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string, rel: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) visit(join(d, e.name), r);
      } else out.push(r);
    }
  };
  visit(dir, '');
  return out;
}

export function expandInputs(inputs: readonly string[], cwd: string): FileList {
  const found = new Set<string>();
  const problems: string[] = [];
  for (const input of inputs) {
    const abs = resolve(cwd, input);
    let stat;
    try {
      stat = statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      const list: string[] = [];
      walk(abs, list);
      if (list.length === 0) problems.push(`${input}: no ${CLAIM_EXTENSION} files in this directory`);
      for (const f of list) found.add(f);
    } else if (stat) {
      found.add(abs);
    } else if (hasGlob(input)) {
      const pattern = input.split(sep).join('/');
      const base = globBase(pattern);
      const baseAbs = resolve(cwd, base || '.');
      const rest = base ? pattern.slice(base.length).replace(/^\/+/, '') : pattern;
      let re: RegExp;
      try {
        re = globToRegExp(rest);
      } catch {
        // `[z-a]`: a class out of order is no pattern; a usage error, not a crash.
        problems.push(`${input}: not a valid pattern (a [...] class must run from low to high, as [a-z])`);
        continue;
      }
      const matches = allFiles(baseAbs).filter((r) => re.test(r) && isClaim(r));
      if (matches.length === 0) problems.push(`${input}: no ${CLAIM_EXTENSION} files match`);
      for (const m of matches) found.add(join(baseAbs, m));
    } else {
      problems.push(`${input}: no such file or directory`);
    }
  }
  return { files: [...found].sort(), problems };
}

/** The path to show: relative to the working directory when inside it, `/`-separated. */
export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
  return abs;
}
