// SARIF 2.1.0 for GitHub code scanning: one run, the rule registry as the driver's rules, each
// diagnostic as a result with 1-based regions (UTF-16 columns, as LSP counts them).
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Rule, Severity } from '../core/languageService';
import type { Diagnostic, Range } from './diagnostics';
import { ruleHelpUri } from './docs-url';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** Codes that can appear without being in the rule registry (reported by the analysis itself). */
const EXTRA_RULES: readonly Pick<Rule, 'id' | 'defaultSeverity' | 'summary' | 'family'>[] = [
  { id: 'file-too-large', defaultSeverity: 'warning', summary: 'A file over the size limit (maxFileBytes): it is not checked.', family: 'structure' },
  { id: 'x12', defaultSeverity: 'error', summary: 'Part of an X12 837P file that could not be read as one (envelope, separators, transaction, HI, element form).', family: 'structure' },
];

export interface SarifOptions {
  toolVersion: string;
  rules: readonly Pick<Rule, 'id' | 'defaultSeverity' | 'summary' | 'family'>[];
  /** The directory relative paths are relative to, as an absolute path (the working directory). */
  srcRoot: string;
  /** Checks that did not run for lack of data: reported as the run's tool notifications (not results). */
  notRun?: readonly { check: string; reason: string }[];
  /** Which config applied and what it turns off (issue 26), as notifications too. */
  settingsNotes?: readonly string[];
}

function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split(/[\\/]/).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function region(r: Range) {
  return {
    startLine: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  };
}

export function toSarif(diagnostics: readonly Diagnostic[], options: SarifOptions): object {
  const rules = [...options.rules];
  for (const extra of EXTRA_RULES) if (!rules.some((r) => r.id === extra.id)) rules.push(extra);
  for (const d of diagnostics) {
    if (!rules.some((r) => r.id === d.code)) rules.push({ id: d.code, defaultSeverity: d.severity, summary: d.code, family: 'structure' });
  }
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const root = pathToFileURL(options.srcRoot.endsWith('/') ? options.srcRoot : `${options.srcRoot}/`).href;

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'hai-claims',
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: r.summary },
              helpUri: ruleHelpUri(r.id),
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
              properties: { tags: ['hai-claims', r.family] },
            })),
          },
        },
        // What did not run is part of the run's record, so a CI reader sees it (issue 13).
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: [
              ...(options.notRun ?? []).map((n) => ({ level: 'note', descriptor: { id: n.check }, message: { text: `Not run: ${n.check}: ${n.reason}.` } })),
              ...(options.settingsNotes ?? []).map((text) => ({ level: 'note', message: { text: `${text}.` } })),
            ],
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: root } },
        columnKind: 'utf16CodeUnits',
        results: diagnostics.map((d) => {
          const location = artifactLocation(d.file);
          return {
            ruleId: d.code,
            ruleIndex: index.get(d.code),
            level: LEVEL[d.severity],
            message: { text: d.message },
            locations: [{ physicalLocation: { artifactLocation: location, region: region(d.range) } }],
            // An in-source exception (`# hai-claims-ignore ID: reason`): viewers hide it as a
            // problem and keep it, with its reason, for whoever audits the exceptions.
            ...(d.suppression ? { suppressions: [{ kind: 'inSource', status: 'accepted', justification: d.suppression.justification }] } : {}),
            ...(d.related?.length
              ? {
                  relatedLocations: d.related.map((r, i) => ({
                    id: i,
                    message: { text: r.message },
                    physicalLocation: { artifactLocation: location, region: region(r.range) },
                  })),
                }
              : {}),
          };
        }),
      },
    ],
  };
}
