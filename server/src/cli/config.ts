// Settings for a run: a config file (the editor's haiClaims settings as JSON with comments), then
// the --rule flags. The file is `--config FILE` when given; otherwise the nearest `.haiclaims.json`
// from each checked file's folder up to the repository root (as eslint and ruff find theirs);
// `--no-config` uses neither. A bad value costs only that value (reported with its key); a file
// that cannot be read or parsed stops the run.
import { existsSync, lstatSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { CONFIG_FILE, DEFAULT_SETTINGS, getLanguageService, type RuleLevel, type Settings } from '../core/languageService';
import { repositoryRoot } from './files';
import { reason } from './national';
import { readRegularFile } from './read';

/** A settings file is a few kilobytes; this is far above any real one. */
const MAX_CONFIG_BYTES = 1_000_000;

const ls = getLanguageService();
export const { parseJsonWithComments, unwrapSettings } = ls;
export { CONFIG_FILE };

export interface ConfigResult {
  settings: Settings;
  /** Directory that relative `data.*` paths are resolved against. */
  baseDir: string;
  /** Bad values that were ignored: reported, the run goes on. */
  warnings: string[];
  /** The config could not be used at all: exit code 2. */
  error?: string;
  /** The file the settings came from (absolute), none for the defaults. */
  path?: string;
}

export function settingsFromJson(json: unknown, label: string, knownRules: ReadonlySet<string>): { settings: Settings; warnings: string[] } {
  const input = unwrapSettings(json);
  const { settings, problems } = ls.parseSettings(input, knownRules);
  const warnings = problems.map((p) => `${label}: ${p.path || '(root)'}: ${p.message}`);
  for (const key of ls.unknownSettingKeys(input)) warnings.push(`${label}: ${key}: not a hai-claims setting (ignored)`);
  return { settings, warnings };
}

/** Reads one config file. `label`: how messages name it (as the user wrote it, or relative). */
export function readConfigFile(abs: string, label: string, knownRules: ReadonlySet<string>): ConfigResult {
  const base: ConfigResult = { settings: structuredClone(DEFAULT_SETTINGS), baseDir: dirname(abs), warnings: [], path: abs };
  // A regular file of a settings file's size: not /dev/zero, a FIFO or a 2 GB file (cli/read.ts).
  const read = readRegularFile(abs, MAX_CONFIG_BYTES);
  if (!read.ok) return { ...base, error: `${label}: cannot read the config file: ${'error' in read ? reason(read.error) : read.reason}` };
  const text = read.text;
  const parsed = parseJsonWithComments(text);
  if (parsed.error !== undefined) return { ...base, error: `${label}: ${parsed.error}. Fix the file, or run with --no-config to ignore it.` };
  const { settings, warnings } = settingsFromJson(parsed.json, label, knownRules);
  return { ...base, settings, warnings };
}

const inside = (dir: string, root: string): boolean => {
  const rel = relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * The nearest `.haiclaims.json` from `dir` up to the repository root; outside a repository, up to
 * the working folder `cwd` (a folder outside it: that folder only), never on to `/` (issue 26).
 * Any entry of that name counts, whatever it is: a FIFO, a folder or a broken link there is then
 * refused with its reason (readConfigFile), never passed over for a parent's config.
 */
export function findConfig(dir: string, cache?: Map<string, string | undefined>, cwd?: string): string | undefined {
  const seen: string[] = [];
  let found: string | undefined;
  const outsideCwd = cwd !== undefined && !inside(dir, cwd);
  const inRepository = cwd !== undefined && repositoryRoot(dir) !== undefined;
  for (let d = dir; ; d = dirname(d)) {
    if (cache?.has(d)) {
      found = cache.get(d);
      break;
    }
    seen.push(d);
    const candidate = join(d, CONFIG_FILE);
    if (present(candidate)) {
      found = candidate;
      break;
    }
    if (existsSync(join(d, '.git')) || dirname(d) === d) break;
    // Not in a repository: stop at the working folder (or, outside it, at the file's own folder).
    if (cwd !== undefined && !inRepository && (outsideCwd || d === cwd)) break;
  }
  for (const d of seen) cache?.set(d, found);
  return found;
}

function present(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}


export type ConfigMode = { kind: 'explicit'; path: string } | { kind: 'none' } | { kind: 'discover' };

/**
 * The settings for each checked file. Each config file is read once; its warnings are reported
 * once. The --rule flags apply on top of whichever file a claim file gets.
 */
export class ConfigResolver {
  private readonly byPath = new Map<string, ConfigResult>();
  private readonly dirs = new Map<string, string | undefined>();
  private defaults?: ConfigResult;

  constructor(
    private readonly mode: ConfigMode,
    private readonly cwd: string,
    private readonly ruleFlags: readonly { id: string; level: RuleLevel }[],
    private readonly knownRules: ReadonlySet<string>,
    private readonly label: (abs: string) => string,
  ) {}

  /** The config for a claim file (absolute path), or for standard input named by its folder. */
  forDir(dir: string): ConfigResult {
    if (this.mode.kind === 'explicit') return this.load(resolve(this.cwd, this.mode.path), this.mode.path);
    const found = this.mode.kind === 'discover' ? findConfig(dir, this.dirs, this.cwd) : undefined;
    if (!found) {
      this.defaults ??= this.withFlags({ settings: structuredClone(DEFAULT_SETTINGS), baseDir: this.cwd, warnings: [] });
      return this.defaults;
    }
    return this.load(found, this.label(found));
  }

  /** Every config used so far. */
  used(): ConfigResult[] {
    return [...this.byPath.values(), ...(this.defaults ? [this.defaults] : [])];
  }

  private load(abs: string, label: string): ConfigResult {
    let r = this.byPath.get(abs);
    if (!r) {
      r = this.withFlags(readConfigFile(abs, label, this.knownRules));
      this.byPath.set(abs, r);
    }
    return r;
  }

  private withFlags(r: ConfigResult): ConfigResult {
    for (const { id, level } of this.ruleFlags) r.settings.rules[id] = level;
    return r;
  }
}

/** The one config of a run with `--config FILE` or without any (kept for callers with one config). */
export function loadConfig(
  configPath: string | undefined,
  cwd: string,
  ruleFlags: readonly { id: string; level: RuleLevel }[],
  knownRules: ReadonlySet<string>,
): ConfigResult {
  const mode: ConfigMode = configPath === undefined ? { kind: 'none' } : { kind: 'explicit', path: configPath };
  return new ConfigResolver(mode, cwd, ruleFlags, knownRules, (p) => p).forDir(cwd);
}
