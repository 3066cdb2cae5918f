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
    setting: 'Place of service and what the physician may bill there',
    'global-period': 'Global surgical period (endnote c)',
    coverage: 'Diagnoses, coverage and the year',
    national: 'National CMS files (when loaded)',
  };
  const out = [
    '# Checks',
    '',
    'Every diagnostic carries one of these codes. The severity is the default; change it or turn a check off',
    'with the `haiClaims.rules` setting (for example `"haiClaims.rules": { "dx-not-listed": "off" }`) or the',
    "CLI's `--rule ID=LEVEL`. Billing checks apply to Medicare claims only.",
    '',
    '_This file is generated from the rule registry by `npm run docs`._',
    '',
  ];
  for (const [family, title] of Object.entries(families)) {
    const rules = RULES.filter((r) => r.family === family);
    if (!rules.length) continue;
    out.push(`## ${title}`, '', '| Code | Default | What it finds |', '|---|---|---|');
    // The anchor is the id itself: SARIF's helpUri links each rule to docs/checks.md#ID.
    for (const r of rules) out.push(`| <a id="${r.id}"></a>\`${r.id}\` | ${r.defaultSeverity} | ${r.summary.replace(/\|/g, '\\|')} |`);
    out.push('');
  }
  out.push(
    '## Reported by the analysis itself',
    '',
    '| Code | Default | What it finds |',
    '|---|---|---|',
    '| <a id="file-too-large"></a>`file-too-large` | warning | A file over the size limit (`maxFileBytes`): it is not checked. |',
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
