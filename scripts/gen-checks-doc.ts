// Writes docs/checks.md from the rule registry, so the list users read is the list the code runs.
// `npm run docs` writes it; test/docs.test.ts fails when it is out of date.
import { writeFileSync } from 'node:fs';
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
      // The anchor is the id itself: SARIF's helpUri links each rule to docs/checks.md#ID.
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

if (require.main === module) {
  writeFileSync(path.resolve(__dirname, '../docs/checks.md'), checksMarkdown());
  console.log('wrote docs/checks.md');
}
