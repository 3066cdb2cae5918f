// The CLI's flow: arguments, settings, national data, files, analysis, output, exit code.
// All IO goes through `io`, so the flow is the same in a terminal, in CI and in tests.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { getLanguageService, RULES, RULE_IDS, type Analysis, type AnalysisCache, type CheckNotRun, type Finding, type Settings, type SuppressedFinding, type Tables, type TextEdit } from '../core/languageService';
import { helpText, parseArgs, type CliOptions } from './args';
import { githubAnnotation, toGitlab } from './ci-formats';
import { COLOR, PLAIN, useColor, type Style } from './color';
import { ConfigResolver, type ConfigMode, type ConfigResult } from './config';
import { countBySeverity, failsAt, toDiagnostic, type Diagnostic } from './diagnostics';
import { estimateCsv, estimateJson, estimateText, type FileEstimate } from './estimate';
import { displayPath, expandInputs, projectRoot } from './files';
import { diagnosticLine, summaryLine } from './format-text';
import { listDataFiles } from './data';
import { loadNationalData, reason } from './national';
import { printable } from './printable';
import { configDirOf, printedConfig } from './print-config';
import { readRegularFile, readStdinBounded, type FileIdentity } from './read';
import { writeFixedFile } from './write-fix';
import { toSarif } from './sarif';
import { checkX12File, isX12File } from './x12';
import { runImport } from './x12-import';

const ls = getLanguageService();

export interface CliIO {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  /** Standard input (`check -`), read up to `maxBytes`. Defaults to the process's (cli/read.ts). */
  readStdin?: (maxBytes: number) => { text: string } | { tooLarge: number };
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** SARIF's justification of a suppression without --sarif-reasons: the reason is in the file, not copied. */
export const REASON_NOT_COPIED = 'A reason is written in the hai-claims-ignore comment on this line (not copied: claim files may hold patient details; run with --sarif-reasons to include it).';

/** How `check -` names standard input when --stdin-filename is not given. */
export const STDIN_NAME = '<stdin>';

interface Checked {
  file: string;
  findings: Finding[];
  suppressed: SuppressedFinding[];
  estimate?: FileEstimate;
  internalErrors: string[];
  /** With --fix/--fix-dry-run: the text before and after the safe fixes. */
  fix?: { before: string; after: string; applied: number; settled: boolean; originalFindings: Finding[] };
  /** --fix could not or would not fix it: why (the file is unchanged, its findings as they are). */
  refused?: string;
}

interface Input {
  abs: string;
  file: string;
  stdin?: boolean;
  /** The folder the user named it by: --fix writes only inside it. */
  root?: string;
}

export async function run(argv: readonly string[], io: CliIO, version: string): Promise<number> {
  const parsed = parseArgs(argv, RULE_IDS);
  if (!parsed.ok) {
    errLine(io, parsed.error);
    io.stderr.write('Run hai-claims --help for usage.\n');
    return EXIT_USAGE;
  }
  const options = parsed.options;
  // import writes .claim files: its -o is the folder they go to (x12-import.ts), not a report file.
  if (options.outputFile !== undefined && options.command !== 'import') return runToFile(options, io, version);
  return runParsed(options, io, version);
}

/**
 * `--output-file FILE`: the report that would go to stdout goes to FILE (its folder is made), for
 * an upload step (SARIF, GitLab Code Quality); messages stay on stderr, and the file gets no colour.
 */
async function runToFile(options: CliOptions, io: CliIO, version: string): Promise<number> {
  const chunks: string[] = [];
  // a report file is read by tools: no colour, even under FORCE_COLOR
  const toFile: CliIO = { ...io, env: { ...io.env, FORCE_COLOR: undefined }, stdout: { write: (text: string) => chunks.push(text), isTTY: false } };
  const code = await runParsed(options, toFile, version);
  // nothing was checked (exit code 2, nothing printed): no empty report that reads as clean
  if (chunks.length === 0 && code === EXIT_USAGE) return code;
  const target = resolve(io.cwd, options.outputFile!);
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, chunks.join(''));
  } catch (e) {
    errLine(io, `--output-file ${options.outputFile}: cannot write the report: ${reason(e)}`);
    return EXIT_USAGE;
  }
  return code;
}

async function runParsed(options: CliOptions, io: CliIO, version: string): Promise<number> {
  switch (options.command) {
    case 'help':
      io.stdout.write(helpText(version));
      return EXIT_OK;
    case 'version':
      io.stdout.write(`${version}\n`);
      return EXIT_OK;
    case 'rules':
      writeLines(io, rulesTable());
      return EXIT_OK;
    case 'data':
      return listDataFiles(options, io);
    case 'import':
      return runImport(options, io);
    case 'print-config':
      return printConfig(options, io);
  }
  const batch = new Batch(options, io);
  // One config for the whole run (--config, --no-config): a config that cannot be used stops it
  // before any file is read, as before discovery existed.
  if (batch.mode.kind !== 'discover' && !(await batch.tablesFor(batch.configs.forDir(io.cwd)))) return EXIT_USAGE;
  const results = await batch.checkAll();
  // Nothing was checked: print nothing on stdout, not an empty report that reads as clean.
  if (results.length === 0) return EXIT_USAGE;
  const style: Style = useColor(io.stdout.isTTY, io.env, options.noColor) ? COLOR : PLAIN;
  if (options.command === 'estimate') return writeEstimates(results, batch, style);
  const found = results.some((r) => r.findings.length > 0);
  // --quiet: when nothing was found, not even the checks that could not run are said
  const notRun = options.quiet && !found ? [] : [...batch.notRun.values()];
  const settingsNotes = settingsLines(batch.settingsUsed);
  if (batch.fixMode) {
    for (const c of notRun) errLine(io, `note: not run: ${ls.checkNotRunText(c)}`);
    for (const l of settingsNotes) errLine(io, `note: ${l}`);
    return reportFixes(results, options, io, style, batch.inputError);
  }
  const diagnostics: Diagnostic[] = results.flatMap((r) => r.findings.map((f) => toDiagnostic(r.file, f)));
  const suppressed: Diagnostic[] = results.flatMap((r) => r.suppressed.map((f) => toDiagnostic(r.file, f)));
  writeReport(options, io, style, version, results.length, diagnostics, suppressed, batch.inputError, notRun, settingsNotes);
  if (batch.inputError) return EXIT_USAGE;
  return diagnostics.some((d) => failsAt(d.severity, options.failOn)) ? EXIT_FINDINGS : EXIT_OK;
}

/** A line on stderr: it names files and arguments the user gave, so it is printed escaped (printable.ts). */
function errLine(io: CliIO, line: string): void {
  io.stderr.write(`hai-claims: ${printable(line)}\n`);
}

function writeLines(io: CliIO, lines: string[]): void {
  if (lines.length) io.stdout.write(`${lines.join('\n')}\n`);
}

/** One run of check or estimate over its inputs: configs, their tables, the files and what went wrong. */
class Batch {
  readonly mode: ConfigMode;
  readonly configs: ConfigResolver;
  readonly fixMode: 'write' | 'dry-run' | undefined;
  /** Checks that could not run for lack of data (issue 13), once per check over every config used. */
  readonly notRun = new Map<string, CheckNotRun>();
  /** A file or config could not be used: the run ends with exit code 2 whatever it found. */
  inputError = false;
  /** Each config file that applied (as shown) and the checks it turns off (issue 26: named in every output). */
  readonly settingsUsed = new Map<string, string[]>();
  private readonly defaults = ls.loadDefaultTables();
  // Each config file is reported on once, and its national files loaded once.
  private readonly prepared = new Map<ConfigResult, Tables | undefined>();

  constructor(
    readonly options: CliOptions,
    readonly io: CliIO,
  ) {
    this.mode = options.config !== undefined ? { kind: 'explicit', path: options.config } : options.noConfig ? { kind: 'none' } : { kind: 'discover' };
    this.configs = new ConfigResolver(this.mode, io.cwd, options.rules, RULE_IDS, (abs) => displayPath(abs, io.cwd));
    this.fixMode = options.fix ? 'write' : options.fixDryRun ? 'dry-run' : undefined;
  }

  err(line: string): void {
    errLine(this.io, line);
  }

  /** The tables a config's files are checked with; undefined when the config cannot be used. */
  async tablesFor(config: ConfigResult): Promise<Tables | undefined> {
    if (this.prepared.has(config)) return this.prepared.get(config);
    let tables: Tables | undefined;
    for (const w of config.warnings) this.err(`warning: ${w}`);
    if (config.error) this.err(config.error);
    else {
      const data = await loadNationalData(config.settings, config.baseDir);
      for (const n of data.notices) this.err(`note: ${n}`);
      for (const e of data.errors) this.err(config.path ? `${displayPath(config.path, this.io.cwd)}: ${e}` : e);
      if (!data.errors.length) tables = Object.keys(data.national).length ? ls.createTables(this.defaults.guide, this.defaults.reference, data.national) : this.defaults;
    }
    this.prepared.set(config, tables);
    // A config file named, with the checks it turns off (those --rule turns off are the user's own, on the command line).
    const flagged = new Set(this.options.rules.map((r) => r.id));
    const off = Object.keys(config.settings.rules).filter((id) => config.settings.rules[id] === 'off' && !flagged.has(id));
    if (config.path) this.settingsUsed.set(displayPath(config.path, this.io.cwd), off);
    if (tables) for (const c of ls.checksNotRun(tables, config.settings)) if (!this.notRun.has(c.check)) this.notRun.set(c.check, c);
    return tables;
  }

  private inputs(): Input[] {
    const { options, io } = this;
    if (options.inputs[0] === '-') {
      const name = options.stdinFilename;
      return [{ abs: resolve(io.cwd, name ?? STDIN_NAME), file: name ? displayPath(resolve(io.cwd, name), io.cwd) : STDIN_NAME, stdin: true }];
    }
    const { files, problems, roots } = expandInputs(options.inputs, io.cwd);
    if (problems.length > 0) this.inputError = true;
    for (const p of problems) this.err(p);
    return files.map((abs) => ({ abs, file: displayPath(abs, io.cwd), root: roots.get(abs) }));
  }

  /** Checks every input; a file that cannot be read or checked is said on stderr and left out. */
  async checkAll(): Promise<Checked[]> {
    const inputs = this.inputs();
    const results: Checked[] = [];
    for (const input of inputs) {
      const checked = await this.checkOne(input);
      if (checked) results.push(checked);
    }
    if (inputs.length === 0 && !this.inputError) {
      this.err('no .claim files to check');
      this.inputError = true;
    }
    return results;
  }

  private async checkOne(input: Input): Promise<Checked | undefined> {
    const config = this.configs.forDir(dirname(input.abs));
    const tables = await this.tablesFor(config);
    if (!tables) {
      this.err(`${input.file}: not checked: its config (${config.path ? displayPath(config.path, this.io.cwd) : 'the defaults'}) could not be used`);
      this.inputError = true;
      return undefined;
    }
    const checked = checkFile(input, this.io, tables, config.settings, this.options.command === 'estimate', this.fixMode);
    if ('error' in checked) {
      this.err(`${input.file}: ${checked.error}`);
      this.inputError = true;
      return undefined;
    }
    for (const e of checked.internalErrors) this.err(`${input.file}: internal error in the ${e} check (a bug in hai-claims, please report it); its findings are missing`);
    if (checked.internalErrors.length) this.inputError = true;
    if (checked.refused) {
      this.err(`${input.file}: ${checked.refused}`);
      this.inputError = true;
    }
    if (checked.fix && !checked.fix.settled) {
      this.err(`${input.file}: the safe fixes did not settle (a bug in hai-claims, please report it); the file was not changed`);
      checked.fix.after = checked.fix.before;
      this.inputError = true;
    }
    return checked;
  }
}

/** `estimate`: the estimates in the chosen format; checks that could not run are said, as for check. */
function writeEstimates(results: Checked[], batch: Batch, style: Style): number {
  // A file that was not analysed has no claims: say why instead of a silent $0.
  for (const r of results) {
    const skipped = r.findings.find((f) => f.rule === 'file-too-large');
    if (skipped) batch.err(`${r.file}: ${ls.messageOf(skipped)}`);
  }
  // A total can include what a check that did not run would deny (issue 13): say which did not run,
  // under the table in text, on stderr where stdout is a document (JSON, CSV).
  const notRun = [...batch.notRun.values()];
  const settingsNotes = settingsLines(batch.settingsUsed);
  if (batch.options.format !== 'text') for (const c of notRun) batch.err(`note: not run: ${ls.checkNotRunText(c)}`);
  if (batch.options.format !== 'text') for (const l of settingsNotes) batch.err(`note: ${l}`);
  const estimates = results.map((r) => r.estimate!);
  const { io, options } = batch;
  if (options.format === 'json') io.stdout.write(`${JSON.stringify(estimateJson(estimates), null, 2)}\n`);
  else if (options.format === 'csv') {
    io.stdout.write(estimateCsv(estimates));
    // The table has no place for a claim's notes (e.g. how a line was priced): stderr has them.
    for (const e of estimates) for (const c of e.claims) for (const n of c.notes) batch.err(`note: ${e.file}: claim ${c.claim + 1} (line ${c.line + 1}): ${n}`);
  } else if (estimates.length) {
    // Above the blank line and the summary, which stays the last line.
    const lines = estimateText(estimates, style);
    // spread-ok: one line per check that did not run (bounded by the rules).
    lines.splice(Math.max(0, lines.length - 2), 0, ...notRunLines(notRun, style), ...settingsNotes.map((l) => style.dim(printable(l))));
    writeLines(io, lines);
  }
  return batch.inputError ? EXIT_USAGE : EXIT_OK;
}

function writeReport(
  options: CliOptions,
  io: CliIO,
  style: Style,
  version: string,
  files: number,
  diagnostics: Diagnostic[],
  suppressed: Diagnostic[],
  incomplete: boolean,
  notRun: readonly CheckNotRun[],
  settingsNotes: readonly string[],
): void {
  // Checks that could not run for lack of data are said once (issue 13). Where stdout is a
  // document (JSON, workflow commands, Code Quality) they go to stderr as notes; SARIF records
  // them in the run; the text report lists them under its summary.
  const notes = () => {
    for (const c of notRun) io.stderr.write(`hai-claims: note: not run: ${ls.checkNotRunText(c)}\n`);
    for (const l of settingsNotes) io.stderr.write(`hai-claims: note: ${printable(l)}\n`);
  };
  switch (options.format) {
    case 'json':
      io.stdout.write(`${JSON.stringify(diagnostics, null, 2)}\n`);
      notes();
      return;
    case 'sarif': {
      // Suppressed findings are results too, marked as such: the audit trail of every exception.
      // A reason is the coder's free text: copied only when asked (--sarif-reasons; SECURITY.md).
      const audited = options.sarifReasons ? suppressed : suppressed.map((d) => ({ ...d, suppression: { justification: REASON_NOT_COPIED } }));
      const all = [...diagnostics, ...audited].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
      io.stdout.write(`${JSON.stringify(toSarif(all, { toolVersion: version, rules: RULES, srcRoot: io.cwd, notRun, settingsNotes }), null, 2)}\n`);
      return;
    }
    case 'github':
      if (diagnostics.length) io.stdout.write(`${diagnostics.map(githubAnnotation).join('\n')}\n`);
      // Workflow commands only: the log line a person reads goes to stderr.
      if (!(options.quiet && diagnostics.length === 0)) io.stderr.write(`${summaryLine(files, new Set(diagnostics.map((d) => d.file)).size, countBySeverity(diagnostics), PLAIN, { suppressed: suppressed.length, incomplete })}\n`);
      notes();
      return;
    case 'gitlab': {
      // GitLab shows a finding on the merge request by its path from the repository root
      const root = projectRoot(io.cwd, io.env);
      const fromRoot = diagnostics.map((d) => ({ ...d, file: displayPath(resolve(io.cwd, d.file), root) }));
      io.stdout.write(`${JSON.stringify(toGitlab(fromRoot), null, 2)}\n`);
      notes();
      return;
    }
    default: {
      if (options.quiet && diagnostics.length === 0) return;
      const withFindings = new Set(diagnostics.map((d) => d.file)).size;
      const lines = diagnostics.map((d) => diagnosticLine(d, style));
      // spread-ok: one line per check that did not run (bounded by the rules).
      lines.push(summaryLine(files, withFindings, countBySeverity(diagnostics), style, { suppressed: suppressed.length, incomplete }), ...notRunLines(notRun, style));
      for (const l of settingsNotes) lines.push(style.dim(printable(l)));
      io.stdout.write(`${lines.join('\n')}\n`);
    }
  }
}

/** --fix and --fix-dry-run: the files written or the diff printed; findings that remain after. */
function reportFixes(results: Checked[], options: CliOptions, io: CliIO, style: Style, inputError: boolean): number {
  const err = (line: string) => io.stderr.write(`hai-claims: ${printable(line)}\n`);
  let changedFiles = 0;
  let fixes = 0;
  for (const r of results) {
    const fix = r.fix;
    if (!fix || fix.after === fix.before) continue;
    changedFiles++;
    fixes += fix.applied;
    if (options.fixDryRun) {
      io.stdout.write(createTwoFilesPatch(diffName('a', r.file), diffName('b', r.file), fix.before, fix.after, undefined, undefined, { context: 3 }).replace(/^=+\n/, ''));
    }
  }
  const remaining: Diagnostic[] = results.flatMap((r) => r.findings.map((f) => toDiagnostic(r.file, f)));
  const suppressed = results.reduce((n, r) => n + r.suppressed.length, 0);
  const counts = countBySeverity(remaining);
  const summary = summaryLine(results.length, new Set(remaining.map((d) => d.file)).size, counts, PLAIN, { suppressed, incomplete: inputError });
  if (options.fixDryRun) {
    // stdout is the diff alone (it can be piped to `git apply`); the rest is for the person.
    err(changedFiles ? `the safe fixes would change ${changedFiles} file${changedFiles === 1 ? '' : 's'} (${fixes} fix${fixes === 1 ? '' : 'es'}); nothing was written` : 'no safe fixes to apply');
    err(`after them: ${summary}`);
  } else if (options.inputs[0] === '-') {
    // Standard input: the fixed document is the output (format-on-save); findings go to stderr.
    // (Standard input is always read whole, so it always has a fix result, possibly unchanged.)
    io.stdout.write(results[0].fix?.after ?? '');
    for (const d of remaining) io.stderr.write(`${diagnosticLine(d, PLAIN)}\n`);
    io.stderr.write(`${summary}\n`);
  } else {
    const lines = remaining.map((d) => diagnosticLine(d, style));
    lines.push(`${changedFiles ? `Fixed ${fixes} problem${fixes === 1 ? '' : 's'} in ${changedFiles} file${changedFiles === 1 ? '' : 's'}. ` : ''}${summaryLine(results.length, new Set(remaining.map((d) => d.file)).size, counts, style, { suppressed, incomplete: inputError })}`);
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  if (inputError) return EXIT_USAGE;
  // --fix: what is left decides. --fix-dry-run wrote nothing: the findings as they are decide.
  const judged = options.fixDryRun ? results.flatMap((r) => r.fix?.originalFindings ?? r.findings) : remaining;
  return judged.some((f) => failsAt(f.severity, options.failOn)) ? EXIT_FINDINGS : EXIT_OK;
}

/** git's a/ and b/ prefixes for a relative path (so `git apply` takes the diff); an absolute one as it is. */
function diffName(side: 'a' | 'b', file: string): string {
  return file.startsWith('/') || file === STDIN_NAME ? file : `${side}/${file}`;
}

type InputText = { text: string; utf8?: boolean; identity?: FileIdentity };

function readInput(input: Input, io: CliIO, settings: Settings): InputText | { error: string } | { tooLarge: number } {
  if (input.stdin) {
    try {
      // Bounded as a file is (issue 26): at most maxFileBytes are read.
      return (io.readStdin ?? readStdinBounded)(settings.maxFileBytes);
    } catch (e) {
      return { error: `cannot read: ${reason(e)}` };
    }
  }
  // Regular files only, the size checked before reading (cli/read.ts).
  const read = readRegularFile(input.abs, settings.maxFileBytes);
  if ('error' in read) return { error: `cannot read: ${reason(read.error)}` };
  // Not read at all: the analysis would only say the same after loading it into memory.
  if (!read.ok && read.tooLarge !== undefined) return { tooLarge: read.tooLarge };
  if (!read.ok) return { error: read.reason };
  return { text: read.text, utf8: read.utf8, identity: read.identity };
}

/** The analysis as the CLI reports it: suppressed findings set apart by the analysis (the estimate is unaffected). */
function check(text: string, tables: Tables, settings: Settings, cache?: AnalysisCache): { analysis: Analysis; findings: Finding[]; suppressed: SuppressedFinding[] } {
  const analysis = ls.analyze(text, tables, { settings, cache });
  return { analysis, findings: analysis.findings, suppressed: analysis.suppressed ?? [] };
}

function checkFile(
  input: Input,
  io: CliIO,
  tables: Tables,
  settings: Settings,
  withEstimate: boolean,
  fixMode: 'write' | 'dry-run' | undefined,
): Checked | { error: string } {
  const { file } = input;
  // An 837P (issue 24): read in chunks, whatever its size; --fix does not apply to it.
  if (!input.stdin && isX12File(input.abs)) {
    const x12 = checkX12File(input.abs, tables, settings, withEstimate);
    if ('error' in x12) return x12;
    return { file, findings: x12.findings, suppressed: x12.suppressed, internalErrors: x12.internalErrors, estimate: x12.estimates && { file, claims: x12.estimates } };
  }
  const read = readInput(input, io, settings);
  if ('error' in read) return read;
  if ('tooLarge' in read) {
    // --fix on standard input answers with the fixed document: never an empty one in its place.
    if (input.stdin && fixMode) return { error: `not fixed: more than ${settings.maxFileBytes} bytes (haiClaims.maxFileBytes); nothing was written to stdout` };
    const finding: Finding = { rule: 'file-too-large', severity: 'warning', line: 0, start: 0, end: 0, data: { bytes: read.tooLarge, limit: settings.maxFileBytes } };
    return { file, findings: [finding], suppressed: [], internalErrors: [], estimate: withEstimate ? { file, claims: [] } : undefined };
  }
  if (read.text.includes('\u0000')) return { error: 'cannot read: not a text file' };
  // VS Code drops a byte-order mark too, so columns match the editor's.
  const bom = read.text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = read.text.slice(bom.length);
  if (ls.looksLikeX12(text)) {
    const x12 = ls.analyzeX12(text, tables, settings);
    const estimate = withEstimate ? { file, claims: x12.claims.map((c) => c.estimate()).filter((e) => e !== undefined) } : undefined;
    return { file, findings: x12.findings, suppressed: x12.claims.flatMap((c) => c.suppressed), internalErrors: x12.internalErrors, estimate };
  }
  // --fix analyses the text again after each pass: a cache re-checks only the claims a pass changed.
  const cache = fixMode ? ls.createAnalysisCache() : undefined;
  const first = check(text, tables, settings, cache);
  const internalErrors = first.analysis.internalErrors.map((e) => e.rule);
  if (!fixMode) {
    const estimate = withEstimate ? { file, claims: first.analysis.estimate() } : undefined;
    return { file, findings: first.findings, suppressed: first.suppressed, internalErrors, estimate };
  }
  return fixFile(input, read, bom, first, tables, settings, fixMode, internalErrors, cache);
}

/** Where a line is in the text: 1-based, for messages. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * --fix and --fix-dry-run on one read input: the safe fixes, and (--fix) the file written. What is
 * reported is the text actually written: when nothing is written, the findings of the text as it was.
 */
function fixFile(
  input: Input,
  read: InputText,
  bom: string,
  first: ReturnType<typeof check>,
  tables: Tables,
  settings: Settings,
  fixMode: 'write' | 'dry-run',
  internalErrors: string[],
  cache?: AnalysisCache,
): Checked | { error: string } {
  const { file } = input;
  const text = read.text.slice(bom.length);
  const unchanged = (): Checked => ({ file, findings: first.findings, suppressed: first.suppressed, internalErrors, fix: { before: read.text, after: read.text, applied: 0, settled: true, originalFindings: first.findings } });
  // Decoding bytes that are not UTF-8 replaces them (U+FFFD): writing that back would corrupt
  // lines no fix touches (issue 26), so such a file is checked but not fixed.
  if (read.utf8 === false) {
    const bad = read.text.indexOf('\uFFFD');
    return { ...unchanged(), refused: `not fixed: it is not valid UTF-8 (line ${lineAt(read.text, bad)}; saved in another encoding, such as Windows-1252?); save it as UTF-8 and run --fix again` };
  }
  const fixed = ls.fixText(text, (t) => {
    const c = t === text ? first : check(t, tables, settings, cache);
    return { tree: c.analysis.tree, findings: c.findings, suppressed: c.suppressed, formatEdits: () => ls.formatDocument(c.analysis).map(toSpanEdit) };
  });
  if (!fixed.settled) {
    const u = unchanged();
    return { ...u, fix: { ...u.fix!, settled: false } };
  }
  const result: Checked = {
    file,
    findings: [...fixed.analysis.findings],
    suppressed: fixed.analysis.suppressed,
    internalErrors,
    fix: { before: read.text, after: bom + fixed.text, applied: fixed.applied, settled: true, originalFindings: first.findings },
  };
  if (fixMode === 'write' && !input.stdin && fixed.text !== text) {
    const refused = writeFixedFile(input.abs, input.root ?? dirname(input.abs), bom + fixed.text, read.text, read.identity!, settings.maxFileBytes);
    if (refused) return { ...unchanged(), refused };
  }
  return result;
}

function toSpanEdit(e: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }): TextEdit {
  return { line: e.range.start.line, start: e.range.start.character, endLine: e.range.end.line, end: e.range.end.character, newText: e.newText };
}

/** Which config applied, and the checks it turns off (not run): one line per config file used. */
function settingsLines(used: ReadonlyMap<string, string[]>): string[] {
  return [...used].map(([label, off]) => `Settings: ${label}${off.length ? `; turned off there, so not run: ${off.join(', ')}` : ''}`);
}

/** The summary's list of checks that did not run, or nothing when every data file is loaded. */
function notRunLines(notRun: readonly CheckNotRun[], style: Style): string[] {
  if (notRun.length === 0) return [];
  return [style.dim('Not run for lack of data (name the CMS files under "data" in --config to run them):'), ...notRun.map((c) => style.dim(`  ${ls.checkNotRunText(c)}`))];
}

/** `--print-config FILE`: the settings the file is checked with, as JSON, and where each came from. */
function printConfig(options: CliOptions, io: CliIO): number {
  const mode: ConfigMode = options.config !== undefined ? { kind: 'explicit', path: options.config } : options.noConfig ? { kind: 'none' } : { kind: 'discover' };
  const label = (abs: string) => displayPath(abs, io.cwd);
  const configs = new ConfigResolver(mode, io.cwd, options.rules, RULE_IDS, label);
  const config = configs.forDir(configDirOf(options.printConfig!, io.cwd));
  for (const w of config.warnings) errLine(io, `warning: ${w}`);
  if (config.error) {
    errLine(io, config.error);
    return EXIT_USAGE;
  }
  io.stdout.write(`${JSON.stringify(printedConfig(options.printConfig!, io.cwd, config, mode.kind, options.rules, label), null, 2)}\n`);
  return EXIT_OK;
}

function rulesTable(): string[] {
  const width = RULES.reduce((w, r) => Math.max(w, r.id.length), 0);
  return RULES.map((r) => `${r.id.padEnd(width)}  ${r.defaultSeverity.padEnd(11)}  ${r.summary}`);
}
