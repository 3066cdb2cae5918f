// The settings object shared by the editor (`haiClaims.*`), the server (workspace/configuration)
// and the CLI (`--config FILE`). Untrusted input: each field is validated on its own, so one bad
// value costs only that value, and every problem is reported with its path.
import { z } from 'zod';
import { DATA_KEYS, emptyNationalData, type NationalData } from './tables/national-files';

export const RuleLevel = z.enum(['off', 'hint', 'information', 'warning', 'error']);
export type RuleLevel = z.infer<typeof RuleLevel>;

const paths = z.union([z.string().min(1), z.array(z.string().min(1))]).transform((v) => (typeof v === 'string' ? [v] : v));

/** The longest debounce: package.json's haiClaims.diagnostics.debounceMs maximum says the same (a test checks). */
export const MAX_DEBOUNCE_MS = 5_000;

const fields = {
  defaultState: z.string().regex(/^[A-Z]{2}$/, 'a two-letter USPS state code such as GA'),
  defaultPos: z.string().regex(/^\d{2}$/, 'a two-digit place-of-service code such as 11'),
  defaultLocality: z.string().regex(/^\d{5}-\d{2}$/, 'a MAC locality as CMS\'s GPCI file lists it, MAC-locality such as 10212-01'),
  qualifyingApmParticipant: z.boolean(),
  participating: z.boolean(),
  rules: z.record(z.string(), RuleLevel),
  // One `data.<key>` per national file descriptor (tables/national-files.ts).
  ...(Object.fromEntries(DATA_KEYS.map((k) => [`data.${k}`, paths])) as Record<`data.${keyof NationalData}`, typeof paths>),
  'codeLens.enabled': z.boolean(),
  'inlayHints.enabled': z.boolean(),
  'inlayHints.lines': z.enum(['all', 'reductions']),
  'diagnostics.debounceMs': z.number().int().min(0).max(MAX_DEBOUNCE_MS),
  'trace.server': z.enum(['off', 'messages', 'verbose']),
  maxFileBytes: z.number().int().min(1_000).max(1_000_000_000),
} as const;

export interface Settings {
  defaultState?: string;
  defaultPos?: string;
  /** MAC locality (10212-01) for claims with no `locality` or `county` line. */
  defaultLocality?: string;
  /** True: the provider is a qualifying APM participant, priced with the QPP conversion factor's RVU file (issue 21). */
  qualifyingApmParticipant: boolean;
  /** Whether the billing provider participates in Medicare (issue 22): if not, 95% of the fee schedule and the limiting charge. */
  participating: boolean;
  rules: Record<string, RuleLevel>;
  /** Paths of the national CMS files, one key per descriptor in tables/national-files.ts. */
  data: NationalData;
  codeLens: { enabled: boolean };
  /** `lines`: a hint on every service line, or only on lines paid less than in full (issue 25). */
  inlayHints: { enabled: boolean; lines: 'all' | 'reductions' };
  diagnostics: { debounceMs: number };
  trace: { server: 'off' | 'messages' | 'verbose' };
  /** Documents larger than this are not analysed (one diagnostic says so). */
  maxFileBytes: number;
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  qualifyingApmParticipant: false,
  participating: true,
  rules: {},
  data: emptyNationalData(),
  codeLens: { enabled: true },
  inlayHints: { enabled: true, lines: 'all' },
  diagnostics: { debounceMs: 150 },
  trace: { server: 'off' },
  maxFileBytes: 5_000_000,
}) as Settings;

export interface SettingsProblem {
  path: string;
  message: string;
}

/** Reads a settings object (nested as VS Code sends it, or with dotted keys), keeping what is valid. */
export function parseSettings(input: unknown, knownRules?: ReadonlySet<string>): { settings: Settings; problems: SettingsProblem[] } {
  const settings: Settings = structuredClone(DEFAULT_SETTINGS);
  const problems: SettingsProblem[] = [];
  if (input === undefined || input === null) return { settings, problems };
  if (typeof input !== 'object' || Array.isArray(input)) {
    problems.push({ path: '', message: 'settings must be an object' });
    return { settings, problems };
  }
  const obj = input as Record<string, unknown>;
  const get = (key: string): unknown => {
    if (key in obj) return obj[key];
    let cur: unknown = obj;
    for (const part of key.split('.')) {
      if (cur === null || typeof cur !== 'object') return undefined;
      cur = (cur as Record<string, unknown>)[part];
    }
    return cur;
  };
  for (const [key, schema] of Object.entries(fields)) {
    const raw = get(key);
    if (raw === undefined || raw === null || isBlankOptionalText(key, raw)) continue;
    const r = (schema as z.ZodTypeAny).safeParse(raw);
    if (!r.success) {
      for (const issue of r.error.issues) {
        const sub = issue.path.length ? `.${issue.path.join('.')}` : '';
        problems.push({ path: `${key}${sub}`, message: issue.message });
      }
      if (key !== 'rules') continue;
      // Keep the valid rule entries of a partly bad `rules` object.
      const good: Record<string, RuleLevel> = {};
      if (raw && typeof raw === 'object') {
        for (const [id, level] of Object.entries(raw as Record<string, unknown>)) {
          const l = RuleLevel.safeParse(level);
          if (l.success) good[id] = l.data;
        }
      }
      assign(settings, key, good);
      continue;
    }
    assign(settings, key, r.data);
  }
  if (knownRules) {
    for (const id of Object.keys(settings.rules)) {
      if (!knownRules.has(id)) {
        problems.push({ path: `rules.${id}`, message: `no rule is called "${id}"` });
        delete settings.rules[id];
      }
    }
  }
  return { settings, problems };
}

/**
 * VS Code sends a string setting nobody set as `""` (haiClaims.defaultLocality has no default):
 * a blank value is "not set", never a problem to warn about on every start (issue 25).
 */
const OPTIONAL_TEXT = new Set(['defaultState', 'defaultPos', 'defaultLocality']);
function isBlankOptionalText(key: string, raw: unknown): boolean {
  return OPTIONAL_TEXT.has(key) && typeof raw === 'string' && raw.trim() === '';
}

function assign(target: Settings, key: string, value: unknown): void {
  const parts = key.split('.');
  let cur = target as unknown as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) cur = cur[part] as Record<string, unknown>;
  cur[parts[parts.length - 1]] = value;
}

/** What each key means, for the config file's JSON Schema (editor hovers). */
const DESCRIPTIONS: Record<keyof typeof fields, string> = {
  defaultState: 'USPS state used by new claims and snippets (`state XX`).',
  defaultPos: 'Place of service used by new claims and snippets (`pos NN`).',
  defaultLocality: 'MAC locality (e.g. 10212-01, Atlanta) for claims with no `locality` or `county` line; needs data.gpci (and data.pfsRvu for procedures).',
  qualifyingApmParticipant: 'True when the provider is a qualifying APM participant: priced with the QPP conversion factor\'s PFS file; false (default): the nonQPP file.',
  participating: 'Whether the billing provider participates in Medicare (default true). If false, the estimate shows 95% of the fee schedule amount (the nonparticipating amount) and the limiting charge, 115% of that (Social Security Act section 1848(a)(3); 42 CFR 414.48(b)).',
  rules: 'Severity per check id (docs/checks.md lists them): off, hint, information, warning or error.',
  'data.ncciPtp': "Paths of CMS's NCCI practitioner PTP edit files, relative to this file.",
  'data.mue': "Paths of CMS's practitioner MUE files, relative to this file.",
  'data.pfsRvu': "Paths of CMS's PFS relative value files (PPRRVU), relative to this file.",
  'data.icd10cm': "Paths of CMS's ICD-10-CM code files, relative to this file.",
  'data.gpci': "Paths of CMS's PFS geographic practice cost index (GPCI) files, relative to this file.",
  'data.localities': "Paths of CMS's PFS locality-to-county files, relative to this file.",
  'data.asp': "Paths of CMS's quarterly ASP drug pricing files (one per quarter), relative to this file.",
  'data.addOn': "Paths of CMS's NCCI add-on code edit files, relative to this file.",
  'data.oppsCap': "Paths of CMS's PFS OPPS imaging cap files (OPPSCAP), relative to this file.",
  'data.pfsRelease': "Path of CMS's PFS quarterly release zip (RVUyyA/B/C/D: RVU, GPCI, locality and OPPS cap files), relative to this file: fills data.pfsRvu, data.gpci, data.localities and data.oppsCap unless they name files of their own.",
  'codeLens.enabled': 'Show the estimated allowable above each claim and date (editor).',
  'inlayHints.enabled': "Show each service line's estimated allowable after reductions, or denied and the denying check, at the end of the line (editor).",
  'inlayHints.lines': 'Which service lines get a hint: all, or reductions (only lines reduced, denied, not payable or not priced) (editor).',
  'diagnostics.debounceMs': 'Delay after an edit before the claim is checked again, in milliseconds (editor).',
  'trace.server': 'What the language server logs (editor).',
  maxFileBytes: 'Files larger than this many bytes are not checked (one finding says so).',
};

/**
 * The shape of a `.haiclaims.json` file as zod: the very field schemas parseSettings validates
 * with, the rule ids spelled out so that an editor completes them, and nothing else. The JSON
 * Schema shipped for editors is generated from it (scripts/gen-config-schema.ts).
 */
export function settingsFileSchema(rules: readonly { id: string; summary: string }[]): z.ZodTypeAny {
  const ruleLevels = Object.fromEntries(rules.map((r) => [r.id, RuleLevel.describe(r.summary)]));
  const shape: Record<string, z.ZodTypeAny> = { $schema: z.string().optional().describe('The JSON Schema of this file.') };
  for (const [key, schema] of Object.entries(fields) as [keyof typeof fields, z.ZodTypeAny][]) {
    const field = key === 'rules' ? z.object(ruleLevels).partial().strict() : schema;
    shape[key] = field.optional().describe(DESCRIPTIONS[key]);
  }
  return z.object(shape).strict().describe('HAI Claims settings shared by the editor and the hai-claims command line.');
}

/** The settings keys as the editor names them (`rules`, `data.mue`, `codeLens.enabled`...). */
export const SETTING_KEYS: readonly string[] = Object.keys(fields);

function valueAt(settings: Settings, key: string): unknown {
  let cur: unknown = settings;
  for (const part of key.split('.')) cur = (cur as Record<string, unknown> | undefined)?.[part];
  return cur;
}

/**
 * The workspace's `.haiclaims.json` under the user's own settings: a key the user set wins, every
 * other key comes from the file; rule levels merge, the user's winning per rule. `userSet` lists
 * the keys the user set explicitly (VS Code's client sends them, see client/src/extension.ts);
 * without it, a user value equal to the default counts as not set.
 */
export function layerSettings(file: Settings, user: Settings, userSet?: ReadonlySet<string>): Settings {
  const out: Settings = structuredClone(file);
  for (const key of SETTING_KEYS) {
    if (key === 'rules') continue;
    const mine = valueAt(user, key);
    const set = userSet ? userSet.has(key) : JSON.stringify(mine) !== JSON.stringify(valueAt(DEFAULT_SETTINGS, key));
    if (set && mine !== undefined) assign(out, key, structuredClone(mine));
  }
  out.rules = { ...file.rules, ...user.rules };
  return out;
}
