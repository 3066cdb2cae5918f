// The phase snippets of snippets/hai-claim.json, made for the user's settings. Pure (no vscode
// import) so mocha can check every result with the core.
//
// VS Code's contributed snippets are static text: they could not honour haiClaims.defaultState
// and haiClaims.defaultPos (all of them said GA and 11, so a New York coder silently got
// jurisdiction J). The client therefore offers them itself, through a completion provider and the
// New Claim from Phase command, with the settings read when they are used.
import snippetFile from '../../snippets/hai-claim.json';

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

export const PHASE_SNIPPETS: readonly PhaseSnippet[] = Object.entries(snippetFile as Record<string, RawSnippet>).map(([name, s]) => {
  const body = Array.isArray(s.body) ? s.body.join('\n') : s.body;
  return {
    name,
    prefixes: Array.isArray(s.prefix) ? s.prefix : [s.prefix],
    description: s.description ?? '',
    body,
    isClaim: /^\s*claim\b/.test(body),
  };
});

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
