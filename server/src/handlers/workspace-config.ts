// The workspace's `.haiclaims.json` as the server reads it: the same file, parser and settings
// schema as the CLI (core/config-file.ts), at the root of the first workspace folder. The user's
// own settings override it key by key (core/settings.ts layerSettings); the configuration applies
// the workspace-trust rule to the result, so its data.* files are read only in a trusted workspace,
// as the data.* settings are.
import { join } from 'node:path';
import { readRegularFile } from '../regular-file';
import { CONFIG_FILE, getLanguageService, RULE_IDS, type Settings } from '../core/languageService';

const ls = getLanguageService();

/** Reads a file's text; undefined when there is no such file; `refused` when it is not read (why). Other errors throw. */
export type ReadText = (path: string) => string | undefined | { refused: string };

/** A settings file is a few kilobytes; this is far above any real one (the CLI's limit, cli/config.ts). */
export const MAX_WORKSPACE_CONFIG_BYTES = 1_000_000;

/**
 * Read as the CLI reads a config (issue 26: read in `initialize`, before trust applies, a link to
 * /dev/zero kept the server from ever answering, and a FIFO hung it): a regular file only, its
 * size checked first and the read bounded.
 */
export const readTextIfPresent: ReadText = (path) => {
  const read = readRegularFile(path, MAX_WORKSPACE_CONFIG_BYTES);
  if (read.ok) return read.text;
  if (!('error' in read)) return { refused: read.reason };
  const code = (read.error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
  throw read.error;
};

export interface WorkspaceFileState {
  /** The file's settings; undefined when there is no file or it could not be used. */
  settings?: Settings;
  /** What to tell the user, one line each (file, key, reason; never the file's text). */
  problems: string[];
}

/** Reads `<dir>/.haiclaims.json`. A bad value costs that value; a file that is not JSON is not used. */
export function readWorkspaceFile(dir: string, read: ReadText = readTextIfPresent): WorkspaceFileState {
  let text: ReturnType<ReadText>;
  try {
    text = read(join(dir, CONFIG_FILE));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException)?.code ?? (err instanceof Error ? err.name : 'error');
    return { problems: [`${CONFIG_FILE}: could not be read (${code}); its settings are not used`] };
  }
  if (text === undefined) return { problems: [] };
  if (typeof text !== 'string') return { problems: [`${CONFIG_FILE}: not read (${text.refused}); its settings are not used`] };
  const parsed = ls.parseJsonWithComments(text);
  if (parsed.error !== undefined) return { problems: [`${CONFIG_FILE}: ${parsed.error}; its settings are not used until it is fixed`] };
  const input = ls.unwrapSettings(parsed.json);
  const { settings, problems } = ls.parseSettings(input, RULE_IDS);
  const unknown = ls.unknownSettingKeys(input).map((key) => `${CONFIG_FILE}: ${key}: not a hai-claims setting (ignored)`);
  return { settings, problems: [...problems.map((p) => `${CONFIG_FILE}: ${p.path || '(root)'}: ${p.message} (the default is used)`), ...unknown] };
}

/**
 * The keys the user set explicitly, when the client says (`$explicit`, added by the VS Code
 * client's configuration middleware); undefined when it does not.
 */
export function explicitKeys(raw: unknown): Set<string> | undefined {
  const list = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).$explicit : undefined;
  return Array.isArray(list) ? new Set(list.filter((k): k is string => typeof k === 'string')) : undefined;
}

/** The settings in force: the user's over the workspace file's (when there is one). */
export function effectiveSettings(file: WorkspaceFileState, user: Settings, raw: unknown): Settings {
  return file.settings ? ls.layerSettings(file.settings, user, explicitKeys(raw)) : user;
}

/**
 * What the workspace file changes from the defaults, as setting names (`rules.ncci-ptp`,
 * `data.mue`, `defaultPos`): in an untrusted workspace the user is told, rather than having
 * checks switched off unseen (issue 26).
 */
export function changedKeys(file: Settings, defaults: Settings): string[] {
  const out: string[] = [];
  for (const key of Object.keys(file) as (keyof Settings)[]) {
    const a = file[key] as unknown;
    const b = defaults[key] as unknown;
    if (key === 'rules' || key === 'data') {
      const inner = a as Record<string, unknown>;
      const base = (b ?? {}) as Record<string, unknown>;
      for (const k of Object.keys(inner)) if (JSON.stringify(inner[k]) !== JSON.stringify(base[k])) out.push(`${key}.${k}`);
    } else if (JSON.stringify(a) !== JSON.stringify(b)) out.push(key);
  }
  return out;
}
