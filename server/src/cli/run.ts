// The CLI's flow: arguments, settings, national data, files, analysis, output, exit code.
// All IO goes through `io`, so the flow is the same in a terminal, in CI and in tests.
import { analyze } from '../core/analysis';
import { checkNotRunText, checksNotRun, type CheckNotRun } from '../core/checks-not-run';
import { RULES, RULE_IDS } from '../core/rules';
import { messageOf } from '../core/rules/messages';
import type { Finding } from '../core/rules/types';
import { createTables, loadDefaultTables, type Tables } from '../core/tables';
import type { Settings } from '../core/settings';
import { helpText, parseArgs } from './args';
import { COLOR, PLAIN, useColor, type Style } from './color';
import { loadConfig } from './config';
import { countBySeverity, failsAt, toDiagnostic, type Diagnostic } from './diagnostics';
import { estimateJson, estimateText, type FileEstimate } from './estimate';
import { displayPath, expandInputs } from './files';
import { diagnosticLine, summaryLine } from './format-text';
import { loadNationalData, reason } from './national';
import { printable } from './printable';
import { readRegularFile } from './read';
import { toSarif } from './sarif';

export interface CliIO {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

interface Checked {
  file: string;
  findings: Finding[];
  estimate?: FileEstimate;
}

export async function run(argv: readonly string[], io: CliIO, version: string): Promise<number> {
  // Lines on stderr name files and arguments the user gave: printed escaped (printable.ts).
  const err = (line: string) => io.stderr.write(`hai-claims: ${printable(line)}\n`);
  const out = (lines: string[]) => {
    if (lines.length) io.stdout.write(`${lines.join('\n')}\n`);
  };

  const parsed = parseArgs(argv, RULE_IDS);
  if (!parsed.ok) {
    err(parsed.error);
    io.stderr.write('Run hai-claims --help for usage.\n');
    return EXIT_USAGE;
  }
  const options = parsed.options;
  const style: Style = useColor(io.stdout.isTTY, io.env, options.noColor) ? COLOR : PLAIN;

  switch (options.command) {
    case 'help':
      io.stdout.write(helpText(version));
      return EXIT_OK;
    case 'version':
      io.stdout.write(`${version}\n`);
      return EXIT_OK;
    case 'rules':
      out(rulesTable());
      return EXIT_OK;
  }

  const config = loadConfig(options.config, io.cwd, options.rules, RULE_IDS);
  for (const w of config.warnings) err(`warning: ${w}`);
  if (config.error) {
    err(config.error);
    return EXIT_USAGE;
  }
  const data = await loadNationalData(config.settings, config.baseDir);
  for (const n of data.notices) err(`note: ${n}`);
  if (data.errors.length) {
    for (const e of data.errors) err(e);
    return EXIT_USAGE;
  }
  const defaults = loadDefaultTables();
  const tables = Object.keys(data.national).length ? createTables(defaults.guide, defaults.reference, data.national) : defaults;

  const { files, problems } = expandInputs(options.inputs, io.cwd);
  let inputError = problems.length > 0;
  for (const p of problems) err(p);

  const results: Checked[] = [];
  for (const abs of files) {
    const file = displayPath(abs, io.cwd);
    const checked = checkFile(abs, file, tables, config.settings, options.command === 'estimate');
    if ('error' in checked) {
      err(`${file}: ${checked.error}`);
      inputError = true;
      continue;
    }
    for (const e of checked.internalErrors) err(`${file}: internal error in the ${e} check (a bug in hai-claims, please report it); its findings are missing`);
    if (checked.internalErrors.length) inputError = true;
    results.push(checked);
  }
  if (files.length === 0 && !inputError) {
    err('no .claim files to check');
    inputError = true;
  }

  if (options.command === 'estimate') {
    // A file that was not analysed has no claims: say why instead of a silent $0.
    for (const r of results) {
      const skipped = r.findings.find((f) => f.rule === 'file-too-large');
      if (skipped) err(`${r.file}: ${messageOf(skipped)}`);
    }
    const estimates = results.map((r) => r.estimate!);
    if (options.format === 'json') io.stdout.write(`${JSON.stringify(estimateJson(estimates), null, 2)}\n`);
    else if (estimates.length) out(estimateText(estimates, style));
    return inputError ? EXIT_USAGE : EXIT_OK;
  }

  const diagnostics: Diagnostic[] = results.flatMap((r) => r.findings.map((f) => toDiagnostic(r.file, f)));
  // Checks that could not run for lack of data are said once, with the summary (issue 13). In JSON
  // the array on stdout keeps its shape, so they go to stderr as notes; SARIF records them in the run.
  const notRun = checksNotRun(tables, config.settings);
  if (options.format === 'json') {
    io.stdout.write(`${JSON.stringify(diagnostics, null, 2)}\n`);
    for (const c of notRun) err(`note: not run: ${checkNotRunText(c)}`);
  } else if (options.format === 'sarif') {
    io.stdout.write(`${JSON.stringify(toSarif(diagnostics, { toolVersion: version, rules: RULES, srcRoot: io.cwd, notRun }), null, 2)}\n`);
  } else {
    const withFindings = new Set(diagnostics.map((d) => d.file)).size;
    const lines = diagnostics.map((d) => diagnosticLine(d, style));
    lines.push(summaryLine(results.length, withFindings, countBySeverity(diagnostics), style));
    for (const line of notRunLines(notRun, style)) lines.push(line);
    out(lines);
  }
  if (inputError) return EXIT_USAGE;
  return diagnostics.some((d) => failsAt(d.severity, options.failOn)) ? EXIT_FINDINGS : EXIT_OK;
}

function checkFile(
  abs: string,
  file: string,
  tables: Tables,
  settings: Settings,
  withEstimate: boolean,
): (Checked & { internalErrors: string[] }) | { error: string } {
  // Regular files only, the size checked before reading (cli/read.ts).
  const read = readRegularFile(abs, settings.maxFileBytes);
  if ('error' in read) return { error: `cannot read: ${reason(read.error)}` };
  if (!read.ok && read.tooLarge !== undefined) {
    // Not read at all: the analysis would only say the same after loading it into memory.
    const finding: Finding = { rule: 'file-too-large', severity: 'warning', line: 0, start: 0, end: 0, data: { bytes: read.tooLarge, limit: settings.maxFileBytes } };
    return { file, findings: [finding], internalErrors: [], estimate: withEstimate ? { file, claims: [] } : undefined };
  }
  if (!read.ok) return { error: read.reason };
  const text = read.text;
  if (text.includes('\u0000')) return { error: 'cannot read: not a text file' };
  // VS Code drops a byte-order mark too, so columns match the editor's.
  const analysis = analyze(text.replace(/^\uFEFF/, ''), tables, { settings });
  const estimate = withEstimate ? { file, claims: analysis.estimate() } : undefined;
  return { file, findings: analysis.findings, internalErrors: analysis.internalErrors.map((e) => e.rule), estimate };
}

/** The summary's list of checks that did not run, or nothing when every data file is loaded. */
function notRunLines(notRun: readonly CheckNotRun[], style: Style): string[] {
  if (notRun.length === 0) return [];
  return [style.dim('Not run for lack of data (name the CMS files under "data" in --config to run them):'), ...notRun.map((c) => style.dim(`  ${checkNotRunText(c)}`))];
}

function rulesTable(): string[] {
  const width = RULES.reduce((w, r) => Math.max(w, r.id.length), 0);
  return RULES.map((r) => `${r.id.padEnd(width)}  ${r.defaultSeverity.padEnd(11)}  ${r.summary}`);
}
