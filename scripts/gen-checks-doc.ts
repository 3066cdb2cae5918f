// Writes docs/checks.md and the haiClaims.rules setting of package.json from the rule registry,
// so the list users read (and settings.json completes) is the list the code runs.
// `npm run docs` writes both; test/docs.test.ts fails when either is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RULES } from '../server/src/core/rules';

export function checksMarkdown(): string {
  const families: Record<string, string> = {
    structure: 'Structure: is the claim well formed and complete?',
    ncci: 'NCCI edits (the guide\'s last page, and CMS\'s PTP file when loaded)',
    modifiers: 'Modifiers',
    services: 'Repeats, units and add-on codes',
    visits: 'Visits (E/M): the CMS rules the guide takes for granted',
    setting: 'Place of service and what the physician may bill there',
    'global-period': 'Global surgical period (endnote c)',
    coverage: 'Diagnoses, coverage and the year',
    national: 'National CMS files (when loaded)',
  };
  const out = [
    '# Checks',
    '',
    'Every diagnostic carries one of these codes. "Default" is the severity a check usually reports; "Also" the',
    'others it reports in some cases (for example a warning, not an error, for a code written in the wrong case).',
    'Change a check\'s severity or turn it off with the `haiClaims.rules` setting (for example',
    '`"haiClaims.rules": { "dx-not-listed": "off" }`) or the CLI\'s `--rule ID=LEVEL`: that severity then',
    'replaces both. Billing checks apply to Medicare claims only.',
    '',
    '_This file is generated from the rule registry by `npm run docs`._',
    '',
  ];
  for (const [family, title] of Object.entries(families)) {
    const rules = RULES.filter((r) => r.family === family);
    if (!rules.length) continue;
    out.push(`## ${title}`, '', '| Code | Default | Also | What it finds |', '|---|---|---|---|');
    for (const r of rules) {
      // The severities the rule declares it reports (rules/types.ts), besides its default.
      const also = r.severities.filter((s) => s !== r.defaultSeverity).join(', ');
      // The anchor is the id itself: SARIF's helpUri and the editor's diagnostic links (codeDescription) point at docs/checks.md#ID.
      out.push(`| <a id="${r.id}"></a>\`${r.id}\` | ${r.defaultSeverity} | ${also} | ${r.summary.replace(/\|/g, '\\|')} |`);
    }
    out.push('');
  }
  out.push(
    '## Reported by the analysis itself',
    '',
    '| Code | Default | Also | What it finds |',
    '|---|---|---|---|',
    '| <a id="file-too-large"></a>`file-too-large` | warning |  | A file over the size limit (`maxFileBytes`): it is not checked. |',
    '| <a id="x12"></a>`x12` | error | warning | Part of an X12 837P file that could not be read as one: a truncated interchange, control numbers or counts that do not match (warning), undeclared separators, an 837I or 837D, a claim with no HI, an element of the wrong form ([x12.md](x12.md)). |',
    '',
    '## Suppressing a finding',
    '',
    'A comment on the line suppresses the named checks on that line only, with a reason an auditor can read:',
    '',
    '```',
    '  36260 dx A    # hai-claims-ignore ncci-ptp: distinct encounter, see op note',
    '```',
    '',
    'Several ids are separated by commas (`# hai-claims-ignore ncci-ptp, mue: reason`). A suppressed finding is not',
    'reported as a problem; the CLI counts it in its summary and SARIF lists it under `suppressions` with the reason.',
    'The estimate still prices the line as the payer would. A comment without a reason (or with the quick fix\'s',
    'placeholder `<reason>`), with an id that is no check, or with nothing to suppress on its line is itself a',
    '`bad-suppression` finding.',
    '',
  );
  return out.join('\n');
}

const LEVELS = ['off', 'hint', 'information', 'warning', 'error'];

/** package.json's `haiClaims.rules` setting: one property per rule id, so settings.json completes them. */
export function rulesSetting(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const r of RULES) {
    properties[r.id] = {
      type: 'string',
      enum: LEVELS,
      markdownDescription: `${r.summary} Default: \`${r.defaultSeverity}\`.`,
    };
  }
  return {
    type: 'object',
    default: {},
    properties,
    // an id no rule has is flagged in settings.json (the server also says so, by name)
    additionalProperties: false,
    markdownDescription:
      'Severity per check, e.g. `{ "ncci-ptp": "error", "dos-year": "off" }`: `off`, `hint`, `information`, `warning` or `error`. Every check is listed below with what it finds.',
  };
}

/** package.json's text with haiClaims.rules made from the registry (the rest untouched). */
export function packageJsonWithRules(text: string): string {
  const pkg = JSON.parse(text) as { contributes: { configuration: { properties: Record<string, unknown> } } };
  pkg.contributes.configuration.properties['haiClaims.rules'] = rulesSetting();
  return JSON.stringify(pkg, null, 2) + '\n';
}

if (require.main === module) {
  writeFileSync(path.resolve(__dirname, '../docs/checks.md'), checksMarkdown());
  const pkgPath = path.resolve(__dirname, '../package.json');
  writeFileSync(pkgPath, packageJsonWithRules(readFileSync(pkgPath, 'utf8')));
  console.log('wrote docs/checks.md and the haiClaims.rules setting of package.json');
}
