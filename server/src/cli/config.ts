// Settings for a run: a config file (the editor's haiClaims settings as JSON with comments), then
// the --rule flags. The file is `--config FILE` when given; otherwise the nearest `.haiclaims.json`
// from each checked file's folder up to the repository root (as eslint and ruff find theirs);
// `--no-config` uses neither. A bad value costs only that value (reported with its key); a file
// that cannot be read or parsed stops the run.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE, parseJsonWithComments, unwrapSettings } from '../core/config-file';
import { parseSettings, DEFAULT_SETTINGS, type RuleLevel, type Settings } from '../core/settings';
import { reason } from './national';
import { readRegularFile } from './read';

/** A settings file is a few kilobytes; this is far above any real one. */
const MAX_CONFIG_BYTES = 1_000_000;

export { CONFIG_FILE, parseJsonWithComments, unwrapSettings };

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

const KNOWN_ROOTS = new Set(['$schema', 'defaultState', 'defaultPos', 'defaultLocality', 'participating', 'rules', 'data', 'codeLens', 'inlayHints', 'diagnostics', 'trace', 'maxFileBytes']);

export function settingsFromJson(json: unknown, label: string, knownRules: ReadonlySet<string>): { settings: Settings; warnings: string[] } {
  const input = unwrapSettings(json);
  const { settings, problems } = parseSettings(input, knownRules);
  const warnings = problems.map((p) => `${label}: ${p.path || '(root)'}: ${p.message}`);
  if (input && typeof input === 'object' && !Array.isArray(input)) {
    for (const key of Object.keys(input)) {
      if (!KNOWN_ROOTS.has(key.split('.')[0])) warnings.push(`${label}: ${key}: not a hai-claims setting (ignored)`);
    }
  }
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

/** The nearest `.haiclaims.json` from `dir` up to the repository root (or the file system root). */
export function findConfig(dir: string, cache?: Map<string, string | undefined>): string | undefined {
  const seen: string[] = [];
  let found: string | undefined;
  for (let d = dir; ; d = dirname(d)) {
    if (cache?.has(d)) {
      found = cache.get(d);
      break;
    }
    seen.push(d);
    const candidate = join(d, CONFIG_FILE);
    if (isFile(candidate)) {
      found = candidate;
      break;
    }
    if (existsSync(join(d, '.git')) || dirname(d) === d) break;
  }
  for (const d of seen) cache?.set(d, found);
  return found;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
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
    const found = this.mode.kind === 'discover' ? findConfig(dir, this.dirs) : undefined;
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
