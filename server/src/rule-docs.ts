// Where a diagnostic's code links to: the docs/checks.md installed with the server (the .vsix
// ships it next to dist/; a clone has it too), at the check's row, so the link works offline and
// names the version of the checks that ran. Without the file (a server copied on its own), the
// core's default: the repository's docs/checks.md.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuleDocs } from './core/languageService';

/** docs/checks.md beside the bundle (dist/server.js) or beside the sources (server/src/server.ts). */
function checksFile(dir: string): string | undefined {
  return [path.resolve(dir, '..', 'docs', 'checks.md'), path.resolve(dir, '..', '..', 'docs', 'checks.md')].find((f) => existsSync(f));
}

/**
 * Links of the form file:///.../docs/checks.md#L12: VS Code opens the file at that line (the
 * check's row; each row carries the anchor `<a id="rule">`). Undefined when the file is missing
 * or unreadable, so the caller keeps the default.
 */
export function installedRuleDocs(dir: string = __dirname): RuleDocs | undefined {
  const file = checksFile(dir);
  if (!file) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const lines = new Map<string, number>();
  text.split('\n').forEach((line, i) => {
    const m = /<a id="([^"]+)"><\/a>/.exec(line);
    if (m) lines.set(m[1]!, i + 1);
  });
  const url = pathToFileURL(file).href;
  return (rule) => {
    const line = lines.get(rule);
    return line ? `${url}#L${line}` : url;
  };
}
