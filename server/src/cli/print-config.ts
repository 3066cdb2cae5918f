// `hai-claims --print-config FILE` (as eslint's and ruff's): the settings a claim file is checked
// with and where each came from: the config file (--config, or the nearest .haiclaims.json), a
// --rule flag, or the default. Settings only: never the claim file's text (it is not even read).
import { dirname, resolve } from 'node:path';
import { getLanguageService, SETTING_KEYS, type Settings } from '../core/languageService';
import type { ConfigResult } from './config';
import { readRegularFile } from './read';

const ls = getLanguageService();

export interface PrintedConfig {
  file: string;
  /** The config file the settings came from (as the CLI names it), or null for the defaults. */
  config: string | null;
  /** How that file was chosen. */
  how: 'config option' | 'nearest .haiclaims.json' | 'no config (--no-config)' | 'no .haiclaims.json found';
  /** The folder relative data.* paths are read from. */
  baseDir: string;
  settings: Settings;
  /** Each setting key (and `rules.ID` set anywhere): where its value came from. */
  sources: Record<string, string>;
}

/** The keys the config file itself sets (dotted, as the editor names them), and the rule ids it sets. */
function keysInFile(path: string): { keys: Set<string>; rules: Set<string> } {
  const keys = new Set<string>();
  const rules = new Set<string>();
  const read = readRegularFile(path, 1_000_000);
  if (!read.ok) return { keys, rules };
  const input = ls.unwrapSettings(ls.parseJsonWithComments(read.text).json);
  if (!input || typeof input !== 'object' || Array.isArray(input)) return { keys, rules };
  const obj = input as Record<string, unknown>;
  for (const key of SETTING_KEYS) {
    let cur: unknown = obj[key];
    if (cur === undefined) {
      cur = obj;
      for (const part of key.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[part] : undefined;
    }
    if (cur === undefined || cur === null) continue;
    keys.add(key);
    if (key === 'rules' && typeof cur === 'object') for (const id of Object.keys(cur as object)) rules.add(id);
  }
  return { keys, rules };
}

export function printedConfig(
  fileArg: string,
  cwd: string,
  config: ConfigResult,
  mode: 'explicit' | 'none' | 'discover',
  ruleFlags: readonly { id: string }[],
  label: (abs: string) => string,
): PrintedConfig {
  const abs = resolve(cwd, fileArg);
  const from = config.path ? keysInFile(config.path) : { keys: new Set<string>(), rules: new Set<string>() };
  const configName = config.path ? label(config.path) : null;
  // a key whose value the file set but that was refused is the default (the warning says so)
  const refused = new Set(config.warnings.map((w) => /: ([\w.]+): /.exec(w)?.[1]).filter((k): k is string => k !== undefined));
  const sources: Record<string, string> = {};
  for (const key of SETTING_KEYS) {
    if (key === 'rules') continue;
    sources[key] = configName && from.keys.has(key) && !refused.has(key) ? configName : 'default';
  }
  const flagged = new Set(ruleFlags.map((r) => r.id));
  for (const id of Object.keys(config.settings.rules).sort()) {
    sources[`rules.${id}`] = flagged.has(id) ? '--rule' : configName && from.rules.has(id) ? configName : 'default';
  }
  const how = mode === 'explicit' ? 'config option' : mode === 'none' ? 'no config (--no-config)' : config.path ? 'nearest .haiclaims.json' : 'no .haiclaims.json found';
  return { file: label(abs), config: configName, how, baseDir: label(config.baseDir) || '.', settings: config.settings, sources };
}

/** The folder whose config a claim file gets. */
export const configDirOf = (fileArg: string, cwd: string): string => dirname(resolve(cwd, fileArg));
