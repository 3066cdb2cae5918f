// The settings file shared by the CLI and the server (pure: text in, settings object out): `.haiclaims.json`, JSON with comments and
// trailing commas (read by jsonc-parser, the parser VS Code uses for settings.json), holding the
// editor's haiClaims settings in any of the forms VS Code writes them.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

export const CONFIG_FILE = '.haiclaims.json';

const KNOWN_ROOTS = new Set(['$schema', 'defaultState', 'defaultPos', 'defaultLocality', 'participating', 'qualifyingApmParticipant', 'rules', 'data', 'codeLens', 'inlayHints', 'diagnostics', 'trace', 'maxFileBytes']);

/** The top-level keys of unwrapped settings that are no setting (`__proto__` included): warned, never silently used. */
export function unknownSettingKeys(input: unknown): string[] {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return [];
  return Object.keys(input).filter((key) => !KNOWN_ROOTS.has(key.split('.')[0]));
}

/** Accepts `{...}`, `{"haiClaims": {...}}` and VS Code's flat `{"haiClaims.rules": ...}` form. */
export function unwrapSettings(json: unknown): unknown {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return json;
  const obj = json as Record<string, unknown>;
  if (obj.haiClaims && typeof obj.haiClaims === 'object') return obj.haiClaims;
  const prefixed = Object.keys(obj).filter((k) => k.startsWith('haiClaims.'));
  if (prefixed.length === 0) return obj;
  return Object.fromEntries(prefixed.map((k) => [k.slice('haiClaims.'.length), obj[k]]));
}

/** A settings file nests three or four levels; far deeper is not a settings file (and would exhaust the parser's stack). */
export const MAX_CONFIG_DEPTH = 64;

/** The deepest nesting of [ and { in JSON-with-comments text (strings and comments skipped), stopping past `limit`. */
function nestingDepth(text: string, limit: number): { depth: number; offset: number } {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '[' || c === '{') {
      if (++depth > limit) return { depth, offset: i };
    } else if (c === ']' || c === '}') depth--;
  }
  return { depth: 0, offset: 0 };
}

/** Line and column (1-based) of an offset, for messages that never quote the text. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  return `line ${before.split('\n').length}, column ${offset - (before.lastIndexOf('\n') + 1) + 1}`;
}

/**
 * The value of a parsed node. Every key becomes an own property, `__proto__` included (an object
 * literal's `__proto__` would set the prototype instead and pass unseen: issue 26).
 */
function valueOf(node: Node): unknown {
  if (node.type === 'array') return (node.children ?? []).map(valueOf);
  if (node.type !== 'object') return node.value;
  const out: Record<string, unknown> = {};
  for (const prop of node.children ?? []) {
    const [key, value] = prop.children ?? [];
    if (key === undefined) continue;
    Object.defineProperty(out, String(key.value), { value: value === undefined ? undefined : valueOf(value), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** An error names the line and column and what was expected, never the text there. */
export function parseJsonWithComments(text: string): { json?: unknown; error?: string } {
  const body = text.replace(/^\uFEFF/, '');
  const deep = nestingDepth(body, MAX_CONFIG_DEPTH);
  if (deep.depth > MAX_CONFIG_DEPTH) return { error: `nested more than ${MAX_CONFIG_DEPTH} levels deep (${lineColumn(body, deep.offset)}); a settings file nests a few levels` };
  const errors: ParseError[] = [];
  const tree = parseTree(body, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  if (errors.length || !tree) {
    const e = errors[0];
    if (!e) return { error: 'not valid JSON (line 1, column 1): it is empty' };
    const what = printParseErrorCode(e.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    return { error: `not valid JSON (${lineColumn(body, e.offset)}): ${what}` };
  }
  return { json: valueOf(tree) };
}
