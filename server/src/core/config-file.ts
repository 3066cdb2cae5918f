// The settings file shared by the CLI and the server (pure: text in, settings object out): `.haiclaims.json`, JSON with comments and
// trailing commas (read by jsonc-parser, the parser VS Code uses for settings.json), holding the
// editor's haiClaims settings in any of the forms VS Code writes them.
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';

export const CONFIG_FILE = '.haiclaims.json';

/** Accepts `{...}`, `{"haiClaims": {...}}` and VS Code's flat `{"haiClaims.rules": ...}` form. */
export function unwrapSettings(json: unknown): unknown {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return json;
  const obj = json as Record<string, unknown>;
  if (obj.haiClaims && typeof obj.haiClaims === 'object') return obj.haiClaims;
  const prefixed = Object.keys(obj).filter((k) => k.startsWith('haiClaims.'));
  if (prefixed.length === 0) return obj;
  return Object.fromEntries(prefixed.map((k) => [k.slice('haiClaims.'.length), obj[k]]));
}

/** An error names the line and column and what was expected, never the text there. */
export function parseJsonWithComments(text: string): { json?: unknown; error?: string } {
  const errors: ParseError[] = [];
  const json: unknown = parseJsonc(text.replace(/^\uFEFF/, ''), errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  if (errors.length) {
    const e = errors[0];
    const before = text.slice(0, e.offset);
    const line = before.split('\n').length;
    const col = e.offset - (before.lastIndexOf('\n') + 1) + 1;
    const what = printParseErrorCode(e.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    return { error: `not valid JSON (line ${line}, column ${col}): ${what}` };
  }
  return { json };
}
