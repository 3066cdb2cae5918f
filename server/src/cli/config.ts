// Settings for a run: the --config file (the editor's haiClaims settings as JSON), then the
// --rule flags. A bad value costs only that value (reported with its key); a file that cannot
// be read or is not JSON stops the run.
import { dirname, resolve } from 'node:path';
import { parseSettings, DEFAULT_SETTINGS, type RuleLevel, type Settings } from '../core/settings';
import { reason } from './national';
import { readRegularFile } from './read';

/** A settings file is a few kilobytes; this is far above any real one. */
const MAX_CONFIG_BYTES = 1_000_000;

export interface ConfigResult {
  settings: Settings;
  /** Directory that relative `data.*` paths are resolved against. */
  baseDir: string;
  /** Bad values that were ignored: reported, the run goes on. */
  warnings: string[];
  /** The config could not be used at all: exit code 2. */
  error?: string;
}

const KNOWN_ROOTS = new Set(['defaultState', 'defaultPos', 'rules', 'data', 'codeLens', 'diagnostics', 'trace', 'maxFileBytes']);

/** Accepts `{...}`, `{"haiClaims": {...}}` and VS Code's flat `{"haiClaims.rules": ...}` form. */
export function unwrapSettings(json: unknown): unknown {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return json;
  const obj = json as Record<string, unknown>;
  if (obj.haiClaims && typeof obj.haiClaims === 'object') return obj.haiClaims;
  const prefixed = Object.keys(obj).filter((k) => k.startsWith('haiClaims.'));
  if (prefixed.length === 0) return obj;
  return Object.fromEntries(prefixed.map((k) => [k.slice('haiClaims.'.length), obj[k]]));
}

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

export function loadConfig(
  configPath: string | undefined,
  cwd: string,
  ruleFlags: readonly { id: string; level: RuleLevel }[],
  knownRules: ReadonlySet<string>,
): ConfigResult {
  let settings: Settings = structuredClone(DEFAULT_SETTINGS);
  let baseDir = cwd;
  const warnings: string[] = [];
  if (configPath !== undefined) {
    const abs = resolve(cwd, configPath);
    baseDir = dirname(abs);
    // A regular file of a settings file's size: not /dev/zero, a FIFO or a 2 GB file (cli/read.ts).
    const read = readRegularFile(abs, MAX_CONFIG_BYTES);
    if (!read.ok) {
      const why = 'error' in read ? reason(read.error) : read.reason;
      return { settings, baseDir, warnings, error: `${configPath}: cannot read the config file: ${why}` };
    }
    let text = read.text;
    let json: unknown;
    text = text.replace(/^\uFEFF/, '');
    try {
      json = JSON.parse(text);
    } catch (err) {
      return { settings, baseDir, warnings, error: `${configPath}: not valid JSON${jsonErrorWhere(err, text)}` };
    }
    const parsed = settingsFromJson(json, configPath, knownRules);
    settings = parsed.settings;
    // A loop, not a spread: a config may name 200,000 unknown rules (issue 17).
    for (const w of parsed.warnings) warnings.push(w);
  }
  for (const { id, level } of ruleFlags) settings.rules[id] = level;
  return { settings, baseDir, warnings };
}

/** Where JSON.parse stopped, as a line and column: its own message can quote the file's text. */
function jsonErrorWhere(err: unknown, text: string): string {
  const message = err instanceof Error ? err.message : '';
  if (/end of JSON input/.test(message)) return ' (it ends too early)';
  const m = /position (\d+)/.exec(message);
  if (!m) return '';
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const col = before.length - before.lastIndexOf('\n');
  return ` (line ${line}, column ${col})`;
}
