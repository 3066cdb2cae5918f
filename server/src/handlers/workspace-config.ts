// The workspace's `.haiclaims.json` as the server reads it: the same file, parser and settings
// schema as the CLI (core/config-file.ts), at the root of the first workspace folder. The user's
// own settings override it key by key (core/settings.ts layerSettings); the configuration applies
// the workspace-trust rule to the result, so its data.* files are read only in a trusted workspace,
// as the data.* settings are.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE, parseJsonWithComments, unwrapSettings } from '../core/config-file';
import { RULE_IDS } from '../core/rules';
import { layerSettings, parseSettings, type Settings } from '../core/settings';

/** Reads a file's text; undefined when there is no such file. Other errors throw. */
export type ReadText = (path: string) => string | undefined;

export const readTextIfPresent: ReadText = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException)?.code === 'ENOENT' || (err as NodeJS.ErrnoException)?.code === 'ENOTDIR') return undefined;
    throw err;
  }
};

export interface WorkspaceFileState {
  /** The file's settings; undefined when there is no file or it could not be used. */
  settings?: Settings;
  /** What to tell the user, one line each (file, key, reason; never the file's text). */
  problems: string[];
}

/** Reads `<dir>/.haiclaims.json`. A bad value costs that value; a file that is not JSON is not used. */
export function readWorkspaceFile(dir: string, read: ReadText = readTextIfPresent): WorkspaceFileState {
  let text: string | undefined;
  try {
    text = read(join(dir, CONFIG_FILE));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException)?.code ?? (err instanceof Error ? err.name : 'error');
    return { problems: [`${CONFIG_FILE}: could not be read (${code}); its settings are not used`] };
  }
  if (text === undefined) return { problems: [] };
  const parsed = parseJsonWithComments(text);
  if (parsed.error !== undefined) return { problems: [`${CONFIG_FILE}: ${parsed.error}; its settings are not used until it is fixed`] };
  const { settings, problems } = parseSettings(unwrapSettings(parsed.json), RULE_IDS);
  return { settings, problems: problems.map((p) => `${CONFIG_FILE}: ${p.path || '(root)'}: ${p.message} (the default is used)`) };
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
  return file.settings ? layerSettings(file.settings, user, explicitKeys(raw)) : user;
}
