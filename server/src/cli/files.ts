// Turns the command line's FILE|DIR|GLOB arguments into the list of claim files to read.
// Explicit files are taken as given; directories and globs (tinyglobby) yield `.claim` files only,
// skipping what git ignores (the `ignore` package reads each .gitignore from the repository root
// down) and the folders nobody keeps claims in.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { globSync } from 'tinyglobby';
import { braceExpansion, globToRegExp, hasGlob, literalOf, MAX_BRACE_EXPANSION, toPattern, unescapeBase } from './glob';
import { readRegularFile } from './read';

export const CLAIM_EXTENSION = '.claim';

/** Directories never searched: version control, dependencies, build output. */
const SKIP_DIRS = ['node_modules', '.git', '.hg', '.svn', 'dist', 'out'];
const SKIP_GLOBS = SKIP_DIRS.map((d) => `**/${d}/**`);

export interface FileList {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** One reason per argument that yielded nothing readable (each is a usage error). */
  problems: string[];
  /** Each file's folder as the user named it (the folder argument, a glob's fixed part, a named file's folder): --fix writes only inside it. */
  roots: Map<string, string>;
}

const isClaim = (name: string): boolean => name.endsWith(CLAIM_EXTENSION);
const toSlash = (p: string): string => p.split(sep).join('/');

/** The folder holding `.git` above `dir` (a work tree's `.git` may be a file), if any. */
export function repositoryRoot(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

/** What .gitignore files say, read once per folder. */
export class GitIgnores {
  private readonly byDir = new Map<string, Ignore | null>();
  private readonly roots = new Map<string, string | undefined>();

  private rules(dir: string): Ignore | null {
    let ig = this.byDir.get(dir);
    if (ig === undefined) {
      ig = null;
      // A regular file only (never a FIFO or /dev/zero posing as one, cli/read.ts); none or
      // unreadable: nothing ignored at this level.
      const read = readRegularFile(join(dir, '.gitignore'), 1_000_000);
      if (read.ok) ig = ignore().add(read.text);
      this.byDir.set(dir, ig);
    }
    return ig;
  }

  ignores(abs: string): boolean {
    const dir = dirname(abs);
    if (!this.roots.has(dir)) this.roots.set(dir, repositoryRoot(dir));
    const root = this.roots.get(dir);
    if (!root) return false;
    // From the root down, each .gitignore judges the path relative to its own folder.
    const chain: string[] = [];
    for (let d = dir; ; d = dirname(d)) {
      chain.unshift(d);
      if (d === root || dirname(d) === d) break;
    }
    return chain.some((d) => {
      const ig = this.rules(d);
      const rel = toSlash(relative(d, abs));
      return !!ig && !!rel && !rel.startsWith('..') && ig.ignores(rel);
    });
  }
}

function globClaims(pattern: string, cwd: string): string[] {
  const files = globSync([pattern], { cwd, absolute: true, onlyFiles: true, dot: false, ignore: SKIP_GLOBS, expandDirectories: false }).filter(isClaim);
  return [...files, ...unreadableEntries(cwd, globToRegExp(pattern))];
}

/**
 * `.claim` entries the pattern names that are not regular files (a link to nothing or to
 * /dev/zero, a FIFO, a device): the glob library drops them, but they must be reported, not
 * skipped in silence; reading them then says why (cli/read.ts).
 */
function unreadableEntries(dir: string, re: RegExp): string[] {
  const out: string[] = [];
  const visit = (d: string, rel: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.includes(e.name)) visit(join(d, e.name), r);
        continue;
      }
      if (e.isFile() || !isClaim(e.name) || !re.test(r)) continue;
      if (e.isSymbolicLink()) {
        let target;
        try {
          target = statSync(join(d, e.name));
        } catch {
          target = undefined;
        }
        if (target?.isFile() || target?.isDirectory()) continue;
      }
      out.push(join(d, e.name));
    }
  };
  visit(dir, '');
  return out;
}

export function expandInputs(inputs: readonly string[], cwd: string): FileList {
  const found = new Set<string>();
  const problems: string[] = [];
  const roots = new Map<string, string>();
  const gitignores = new GitIgnores();
  const add = (list: string[], root: string, skipIgnored = true) => {
    let n = 0;
    for (const f of list) {
      const abs = resolve(f);
      if (skipIgnored && gitignores.ignores(abs)) continue;
      found.add(abs);
      if (!roots.has(abs)) roots.set(abs, root);
      n++;
    }
    return n;
  };
  for (const input of inputs) {
    const abs = resolve(cwd, input);
    let stat;
    try {
      stat = statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      // A folder named on the command line is checked even where git ignores it (a build or
      // generated folder), as a file named there is; .gitignore skips only what lies inside
      // a folder that is not itself ignored.
      const namedIgnored = gitignores.ignores(join(abs, `x${CLAIM_EXTENSION}`));
      if (add(globClaims('**/*.claim', abs), abs, !namedIgnored) === 0) problems.push(`${input}: no ${CLAIM_EXTENSION} files in this directory (git-ignored folders are skipped)`);
    } else if (stat) {
      found.add(abs);
      if (!roots.has(abs)) roots.set(abs, dirname(abs));
    } else if (hasGlob(input)) {
      const pattern = toSlash(input);
      // Escaped wildcards only (README: `a\[1\].claim`): the file it names.
      const literal = literalOf(pattern);
      if (literal !== undefined) {
        const named = resolve(cwd, literal);
        if (existsSync(named) && !statSync(named).isDirectory()) {
          found.add(named);
          if (!roots.has(named)) roots.set(named, dirname(named));
        } else problems.push(`${input}: no such file (the pattern's escaped characters were read as themselves)`);
        continue;
      }
      if (braceExpansion(pattern) > MAX_BRACE_EXPANSION) {
        problems.push(`${input}: not expanded: its {...} groups make more than ${MAX_BRACE_EXPANSION} patterns; use fewer groups, or name several patterns`);
        continue;
      }
      try {
        globToRegExp(pattern); // picomatch's strict reading: a bad glob is a usage error, not a crash
      } catch (e) {
        problems.push(`${input}: not a valid pattern (${e instanceof Error ? e.message : String(e)}); a [...] class must run from low to high, as [a-z]; quote the pattern, and escape a literal [ ] { } with a backslash`);
        continue;
      }
      // Walk from the glob's fixed folder, so "../claims/**" and absolute patterns work too.
      const { base, glob } = picomatch.scan(pattern);
      const fixedBase = unescapeBase(base);
      const from = isAbsolute(fixedBase) ? fixedBase : resolve(cwd, fixedBase || '.');
      let matches: string[] = [];
      try {
        matches = existsSync(from) ? globClaims(toPattern(glob), from) : [];
      } catch (e) {
        problems.push(`${input}: the glob could not be expanded (${e instanceof Error ? e.message : String(e)})`);
        continue;
      }
      if (add(matches, from) === 0) problems.push(`${input}: no ${CLAIM_EXTENSION} files match this pattern (git-ignored folders are skipped)`);
    } else {
      problems.push(`${input}: no such file or directory`);
    }
  }
  return { files: [...found].sort(), problems, roots };
}

/** The path to show: relative to the working directory when inside it, `/`-separated. */
export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return toSlash(rel);
  return abs;
}

/**
 * The repository's root, for reports that name files from it (GitLab Code Quality): GitLab's
 * CI_PROJECT_DIR when set, else the nearest folder up from `cwd` holding `.git`, else `cwd`.
 */
export function projectRoot(cwd: string, env: Record<string, string | undefined>): string {
  if (env.CI_PROJECT_DIR) return resolve(cwd, env.CI_PROJECT_DIR);
  for (let d = resolve(cwd); ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return resolve(cwd);
  }
}
