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
    '"Payment" is what a finding does to the line\'s amount in the estimate (issue 22), with the source of that',
    'effect: **denies** prices the line at $0.00 with the check as its reason; **units** denies the units over a',
    'limit; **reduces** lowers the amount; **none** leaves the amount alone (the finding informs or warns). A',
    'finding never says a line is not paid while the estimate prices it. Where no CMS source was found for an',
    'effect, the row says so.',
    '',
  ];
  for (const [family, title] of Object.entries(families)) {
    const rules = RULES.filter((r) => r.family === family);
    if (!rules.length) continue;
    out.push(`## ${title}`, '', '| Code | Default | Also | Payment | What it finds |', '|---|---|---|---|---|');
    for (const r of rules) {
      // The severities the rule declares it reports (rules/types.ts), besides its default.
      const also = r.severities.filter((s) => s !== r.defaultSeverity).join(', ');
      // The anchor is the id itself: SARIF's helpUri and the editor's diagnostic links (codeDescription) point at docs/checks.md#ID.
      out.push(`| <a id="${r.id}"></a>\`${r.id}\` | ${r.defaultSeverity} | ${also} | ${paymentCell(r).replace(/\|/g, '\\|')} | ${r.summary.replace(/\|/g, '\\|')} |`);
    }
    out.push('');
  }
  out.push(
    '## Reported by the analysis itself',
    '',
    '| Code | Default | Also | Payment | What it finds |',
    '|---|---|---|---|---|',
    '| <a id="file-too-large"></a>`file-too-large` | warning |  | none (the file is not priced) | A file over the size limit (`maxFileBytes`): it is not checked. |',
    '| <a id="x12"></a>`x12` | error | warning | none (the claims read are priced; what could not be read is not) | Part of an X12 837P file that could not be read as one: a truncated interchange, control numbers or counts that do not match (warning), undeclared separators, an 837I or 837D, a claim with no HI, an element of the wrong form ([x12.md](x12.md)). |',
    '',
    '## Estimate adjustments that are not checks',
    '',
    '- **Add-on whose primary is denied.** An add-on code is paid only with a paid primary procedure: when every primary it has on its date is denied (by any check above), the estimate denies the add-on too and names the primary. With CMS\'s add-on code file, only a type 1 add-on follows its listed primaries (types 2 and 3 are the contractor\'s call). Source: CPT add-on codes; NCCI add-on code edits.',
    '- **Units that do not read** (`x0`, `x2.5`): the line is not priced (the `syntax` check says why), never priced at 1 unit.',
    '- **Nonparticipating provider** (`haiClaims.participating`: false): each paid line is 95% of the fee schedule amount, with its limiting charge, 115% of that (hover and the estimate show both). Sources: Social Security Act section 1848(a)(3) (95%); 42 CFR 414.48(b) (limiting charge). The Pub. 100-04 Ch. 12 section that restates them was not found by search.',
    '- **Medicare Advantage** (`payer Medicare Advantage`, a plan named "... Medicare Advantage", `MA`, `Part C`): checked as Medicare; the estimate says on every claim that the plan pays its contract, not the fee schedule (Medicare Managed Care Manual, Pub. 100-16; 42 CFR Part 422).',
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

/** The Payment cell of a rule's row: its effect, what it applies to, and the effect's source. */
function paymentCell(r: (typeof RULES)[number]): string {
  const words = { denies: 'denies', units: 'units', reduces: 'reduces', none: 'none' }[r.payment];
  const note = r.paymentNote ? `: ${r.paymentNote}` : '';
  const source = r.paymentSource ? ` (${r.paymentSource})` : '';
  return `**${words}**${note}${source}`;
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
