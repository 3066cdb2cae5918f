// The phase snippets of snippets/hai-claim.json, made for the user's settings. Pure (no vscode
// import) so mocha can check every result with the core. The client reads snippets/hai-claim.json
// (shipped in the .vsix) at activation: only server/src/protocol.ts is shared with other code.
//
// VS Code's contributed snippets are static text: they could not honour haiClaims.defaultState
// and haiClaims.defaultPos (all of them said GA and 11, so a New York coder silently got
// jurisdiction J). The client therefore offers them itself, through a completion provider and the
// New Claim from Phase command, with the settings read when they are used.
export interface PhaseSnippet {
  /** The snippet's name in snippets/hai-claim.json, e.g. "HAI evaluation: office visit + CT workup". */
  name: string;
  prefixes: string[];
  description: string;
  /** The body as a VS Code snippet string, with the defaults of snippets/hai-claim.json. */
  body: string;
  /** True when the body is a whole claim (starts with `claim`); otherwise a dated block. */
  isClaim: boolean;
}

export interface SnippetDefaults {
  state: string;
  pos: string;
}

/** The package defaults of haiClaims.defaultState / haiClaims.defaultPos (and the snippets' own). */
export const PACKAGE_DEFAULTS: SnippetDefaults = { state: 'GA', pos: '11' };
const STATE = /^[A-Z]{2}$/;
const POS = /^[0-9]{2}$/;

interface RawSnippet {
  prefix: string | string[];
  description?: string;
  body: string | string[];
}

/** The snippets of a snippets file (VS Code's format); entries that are not snippets are left out. */
export function parsePhaseSnippets(file: unknown): PhaseSnippet[] {
  if (!file || typeof file !== 'object') return [];
  const out: PhaseSnippet[] = [];
  for (const [name, raw] of Object.entries(file as Record<string, Partial<RawSnippet>>)) {
    const prefixes = typeof raw?.prefix === 'string' ? [raw.prefix] : Array.isArray(raw?.prefix) ? raw.prefix.filter((p) => typeof p === 'string') : [];
    const body = typeof raw?.body === 'string' ? raw.body : Array.isArray(raw?.body) ? raw.body.join('\n') : undefined;
    if (prefixes.length === 0 || body === undefined) continue;
    out.push({ name, prefixes, description: typeof raw.description === 'string' ? raw.description : '', body, isClaim: /^\s*claim\b/.test(body) });
  }
  return out;
}

/**
 * Settings as the snippets may use them: a value that is not a state or place-of-service code
 * falls back to the package default (the server already reports the bad setting by name).
 */
export function snippetDefaults(state: unknown, pos: unknown): SnippetDefaults {
  return {
    state: typeof state === 'string' && STATE.test(state) ? state : PACKAGE_DEFAULTS.state,
    pos: typeof pos === 'string' && POS.test(pos) ? pos : PACKAGE_DEFAULTS.pos,
  };
}

/**
 * The body with the user's state and place of service:
 * - every claim header's `state` placeholder takes haiClaims.defaultState;
 * - a claim header's `pos` placeholder takes haiClaims.defaultPos when the snippet is for the
 *   office (its own default is 11). Snippets for inpatient or outpatient-hospital phases (21, 22)
 *   keep theirs: the codes they insert are priced and checked for that setting, and a dated
 *   block's `pos` (refills in the office, with KD drugs) is what the guide requires there.
 */
export function personalize(body: string, d: SnippetDefaults): string {
  return body
    .replace(/^(state \$\{\d+:)[A-Z]{2}\}/gm, (_m, head: string) => `${head}${d.state}}`)
    .replace(/^(pos \$\{\d+:)11\}/gm, (_m, head: string) => `${head}${d.pos}}`);
}
