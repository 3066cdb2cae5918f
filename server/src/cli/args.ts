// The command line, parsed without IO: a command, its inputs and options, or the usage error.
import { RuleLevel } from '../core/languageService';
import { FAIL_ON_VALUES, type FailOn } from './diagnostics';

export type Command = 'check' | 'estimate' | 'rules' | 'data' | 'import' | 'help' | 'version' | 'print-config';
export type Format = 'text' | 'json' | 'sarif' | 'github' | 'gitlab' | 'csv';

export interface CliOptions {
  command: Command;
  inputs: string[];
  format: Format;
  failOn: FailOn;
  config?: string;
  /** `--no-config`: neither --config nor a discovered .haiclaims.json. */
  noConfig: boolean;
  /** `check -`: the name standard input is reported under and configured for. */
  stdinFilename?: string;
  /** Apply the safe fixes and write the files. */
  fix: boolean;
  /** Print the safe fixes as a unified diff; write nothing. */
  fixDryRun: boolean;
  /** `--sarif-reasons`: copy the reasons of hai-claims-ignore comments into SARIF (free text: off by default). */
  sarifReasons?: boolean;
  /** `--rule ID=LEVEL`, in order: a later one wins. */
  rules: { id: string; level: RuleLevel }[];
  noColor: boolean;
  /** `import -o DIR`: where the .claim files are written (default: the working directory). */
  outDir?: string;
  /** `--quiet`: findings only; no summary and no "not run" notes when nothing was found. */
  quiet: boolean;
  /** `--output-file FILE`: the report (stdout) goes to FILE instead. */
  outputFile?: string;
  /** `--print-config FILE`: the settings FILE is checked with, and where each came from. */
  printConfig?: string;
}

export type ParseResult = { ok: true; options: CliOptions } | { ok: false; error: string };

const COMMANDS: readonly string[] = ['check', 'estimate', 'rules', 'data', 'import'];
const FORMATS: readonly Format[] = ['text', 'json', 'sarif', 'github', 'gitlab', 'csv'];
const CHECK_ONLY: readonly Format[] = ['sarif', 'github', 'gitlab'];
const LEVELS = RuleLevel.options;

interface ParseState {
  options: CliOptions;
  command?: string;
  help: boolean;
  version: boolean;
}

/** Reads the option's value (inline `--x=v` or the next argument); undefined when there is none. */
type ValueOf = () => string | undefined;
/** Applies one option; returns the usage error, if any. */
type OptionHandler = (state: ParseState, value: ValueOf, knownRules: ReadonlySet<string>) => string | undefined;

const setFlag = (apply: (s: ParseState) => void): OptionHandler => (s) => {
  apply(s);
  return undefined;
};

/** Every option, by each of its spellings. */
const OPTIONS: Record<string, OptionHandler> = {
  '-h': setFlag((s) => (s.help = true)),
  '--help': setFlag((s) => (s.help = true)),
  '-v': setFlag((s) => (s.version = true)),
  '--version': setFlag((s) => (s.version = true)),
  '--no-color': setFlag((s) => (s.options.noColor = true)),
  '--no-colour': setFlag((s) => (s.options.noColor = true)),
  '--format': formatOption,
  '-f': formatOption,
  '--fail-on': (s, value) => {
    const v = value();
    if (!v || !FAIL_ON_VALUES.includes(v as FailOn)) return `--fail-on needs one of ${FAIL_ON_VALUES.join(', ')}${v ? `, not "${v}"` : ''}`;
    s.options.failOn = v as FailOn;
    return undefined;
  },
  '--config': configOption,
  '-c': configOption,
  '--no-config': setFlag((s) => (s.options.noConfig = true)),
  '--stdin-filename': (s, value) => {
    const v = value();
    if (!v) return '--stdin-filename needs a file name, e.g. --stdin-filename claims/a.claim';
    s.options.stdinFilename = v;
    return undefined;
  },
  '--fix': setFlag((s) => (s.options.fix = true)),
  '--fix-dry-run': setFlag((s) => (s.options.fixDryRun = true)),
  '--sarif-reasons': setFlag((s) => (s.options.sarifReasons = true)),
  '--rule': ruleOption,
  '--out-dir': outDirOption,
  '--quiet': setFlag((s) => (s.options.quiet = true)),
  '-q': setFlag((s) => (s.options.quiet = true)),
  '--output-file': outputFileOption,
  '-o': outputFileOption,
  '--print-config': (s, value) => {
    const v = value();
    if (!v) return '--print-config needs a claim file, e.g. --print-config claims/a.claim';
    s.options.printConfig = v;
    return undefined;
  },
};

function outDirOption(s: ParseState, value: ValueOf): string | undefined {
  const v = value();
  if (!v) return '-o needs a directory, e.g. hai-claims import claims.837 -o templates/';
  s.options.outDir = v;
  return undefined;
}

function formatOption(s: ParseState, value: ValueOf): string | undefined {
  const v = value();
  if (!v || !FORMATS.includes(v as Format)) return `--format needs one of ${FORMATS.join(', ')}${v ? `, not "${v}"` : ''}`;
  s.options.format = v as Format;
  return undefined;
}

function outputFileOption(s: ParseState, value: ValueOf): string | undefined {
  const v = value();
  if (!v) return '--output-file needs a file name, e.g. --output-file hai-claims.sarif';
  s.options.outputFile = v;
  return undefined;
}

function configOption(s: ParseState, value: ValueOf): string | undefined {
  const v = value();
  if (!v) return '--config needs a file name';
  s.options.config = v;
  return undefined;
}

function ruleOption(s: ParseState, value: ValueOf, knownRules: ReadonlySet<string>): string | undefined {
  const v = value();
  const m = v ? /^([^=\s]+)=(\S+)$/.exec(v) : null;
  if (!m) return `--rule needs ID=LEVEL, e.g. --rule kd-required=error${v ? `, not "${v}"` : ''}`;
  if (!knownRules.has(m[1])) return `--rule ${m[1]}: no rule has this id (hai-claims rules lists them)`;
  const level = RuleLevel.safeParse(m[2]);
  if (!level.success) return `--rule ${m[1]}: the level must be one of ${LEVELS.join(', ')}, not "${m[2]}"`;
  s.options.rules.push({ id: m[1], level: level.data });
  return undefined;
}

export function parseArgs(argv: readonly string[], knownRules: ReadonlySet<string>): ParseResult {
  const state: ParseState = {
    options: { command: 'help', inputs: [], format: 'text', failOn: 'error', rules: [], noColor: false, noConfig: false, fix: false, fixDryRun: false, quiet: false },
    help: false,
    version: false,
  };
  let onlyInputs = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyInputs || !arg.startsWith('-') || arg === '-') {
      if (state.command === undefined && !onlyInputs) {
        if (!COMMANDS.includes(arg)) return { ok: false, error: `unknown command "${arg}": use check, estimate, import, rules or data` };
        state.command = arg;
      } else state.options.inputs.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyInputs = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value: ValueOf = () => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) return undefined;
      i++;
      return next;
    };
    const handler = Object.prototype.hasOwnProperty.call(OPTIONS, name) ? OPTIONS[name] : undefined;
    const error = handler ? handler(state, value, knownRules) : `unknown option ${name}`;
    if (error) return { ok: false, error };
  }
  const error = settleCommand(state) ?? combinationError(state.options);
  return error ? { ok: false, error } : { ok: true, options: state.options };
}

/** --help and --version win over the command; returns the usage error of a missing command. */
function settleCommand(state: ParseState): string | undefined {
  if (state.help) state.options.command = 'help';
  else if (state.version) state.options.command = 'version';
  else if (state.options.printConfig !== undefined) {
    if (state.command !== undefined && state.command !== 'check' && state.command !== 'estimate') return `--print-config is for check and estimate, not ${state.command}`;
    state.options.command = 'print-config';
  } else if (state.command === undefined) return 'no command: use hai-claims check FILE... or hai-claims estimate FILE...';
  else state.options.command = state.command as Command;
  return undefined;
}

/** Options that do not go together, or with the command. */
function combinationError(options: CliOptions): string | undefined {
  if (options.command === 'print-config' && options.inputs.length > 0) return '--print-config takes one claim file and no other inputs';
  if (options.command === 'check' || options.command === 'estimate') {
    // as eslint and ruff: no path checks the current folder
    if (options.inputs.length === 0) options.inputs.push('.');
    if (options.command === 'estimate' && CHECK_ONLY.includes(options.format)) return `estimate prints text, json or csv; ${options.format} is for check`;
    if (options.command === 'check' && options.format === 'csv') return 'check prints text, json, sarif, github or gitlab; csv is for estimate';
    const stdin = options.inputs.filter((i) => i === '-').length;
    if (stdin > 1) return '- (standard input) can be given once';
    if (stdin && options.inputs.length > 1) return '- (standard input) cannot be mixed with files: check one or the other';
    if (options.stdinFilename !== undefined && !stdin) return '--stdin-filename names standard input: use it with -, e.g. hai-claims check - --stdin-filename a.claim';
    if ((options.fix || options.fixDryRun) && options.command !== 'check') return '--fix and --fix-dry-run are for check';
    if (options.fix && options.fixDryRun) return 'use --fix (write the files) or --fix-dry-run (print the diff), not both';
    if (options.quiet && options.command !== 'check') return '--quiet is for check: an estimate always says which checks did not run';
  }
  if (options.command === 'import' && options.inputs.length === 0) return 'import needs an 837P file, e.g. hai-claims import claims.837 -o templates/';
  if (options.command === 'import' && options.inputs.includes('-')) return 'import reads a file, not standard input';
  if (options.outDir !== undefined && options.command !== 'import') return '-o (--out-dir) is for import';
  if (options.noConfig && options.config !== undefined) return 'use --config FILE or --no-config, not both';
  if (options.command === 'rules' && options.inputs.length > 0) return 'rules takes no files';
  if (options.command === 'data') {
    if (options.inputs.length > 0) return 'data takes no files: it lists the CMS files the config names (--config FILE, or the .haiclaims.json here)';
    if (options.format !== 'text' && options.format !== 'json') return `data prints text or json; ${options.format} is for check`;
  }
  return undefined;
}

export function helpText(version: string): string {
  return `hai-claims ${version}: check and price Hepatic Artery Infusion (HAI) pump therapy claim files
(.claim) against the CY2026 HAI coding and billing guide, outside the editor.

Usage:
  hai-claims check [options] [FILE|DIR|GLOB...]   report problems in claim files (default: .)
  hai-claims check [options] - [--stdin-filename NAME]   check a claim read from standard input
  hai-claims estimate [options] [FILE|DIR|GLOB...] estimate the Medicare allowable per claim and date
  hai-claims --print-config FILE                  the settings FILE is checked with, and their source
  hai-claims import [--out-dir DIR] FILE.837       write each claim of an X12 837P file as a
                                                  de-identified .claim (named by interchange
                                                  control number and claim number; -o DIR too)
  hai-claims rules                                list the checks, their ids and default severities
  hai-claims data [--config FILE] [--format json] list the CMS data files the config names: for each
                                                  setting the file and zip member read, rows, years or
                                                  quarters covered, conversion factor, problems (exit 2
                                                  when a named file cannot be used)
  hai-claims --help | --version

A directory is searched for .claim files recursively; quote globs such as "claims/{2025,2026}/**/*.claim"
so that hai-claims expands them (* ? ** [abc] and {a,b} are supported). A file named on the
command line that is an X12 837P (.837, .x12, .edi, or any file whose text starts with ISA) is
checked claim by claim, each finding at its segment (see docs/x12.md); its patient data is
never printed. Folders that git ignores
(.gitignore), node_modules and dot-folders are skipped. A pattern that matches nothing is an error.

Options:
  -f, --format FORMAT   check: text (default), json, sarif, github (workflow commands that
                        annotate the pull request) or gitlab (Code Quality JSON);
                        estimate: text (default), json or csv (one row per service line)
  --fail-on LEVEL       check exits 1 when a finding at or above LEVEL exists:
                        error (default), warning, information, hint, or none
  -c, --config FILE     settings as JSON (comments and trailing commas allowed, as in VS Code's
                        settings.json): the same keys as the editor's haiClaims settings, e.g.
                        {"rules": {"kd-required": "error"}, "data.pfsRvu": "PPRRVU26.csv"}
                        Without it, the nearest .haiclaims.json from each file's folder up to the
                        repository root is used.
  --no-config           use neither --config nor a .haiclaims.json: the default settings
  --rule ID=LEVEL       set one check's severity: off, hint, information, warning, error
                        (repeatable; wins over the config)
  --stdin-filename NAME with -: the file name for messages and for finding .haiclaims.json
  --fix                 apply the safe fixes (spelling and case of keywords and codes, a diagnosis
                        without its dot, column alignment, an exact repeated line) and write the
                        files; never a fix that asserts a clinical fact (a modifier such as -25).
                        With -, the fixed claim is written to stdout and the findings to stderr.
  --fix-dry-run         print the safe fixes as a unified diff; write nothing
  --sarif-reasons       with --format sarif: copy the reason of each hai-claims-ignore comment into
                        the SARIF file. Off by default: a reason is text a coder typed and may name
                        a patient; without it SARIF says a reason is written, not what it says
  -q, --quiet           check: the findings only; with none, print nothing (no summary, no
                        notes on checks that did not run)
  -o, --output-file FILE  write the report to FILE instead of stdout (e.g. SARIF for an upload)
  --print-config FILE   print, as JSON, the settings a claim file is checked with: the config
                        file, and for each setting whether it came from it, --rule or the default
  --no-color            no colour (colour is used only on a terminal, and never with NO_COLOR;
                        FORCE_COLOR=1 forces it, FORCE_COLOR=0 turns it off)
  -h, --help            this help
  -v, --version         the version

A finding can be suppressed on its line with a reason, for auditors to read:
  36260 dx A  # hai-claims-ignore ncci-ptp: distinct encounter, see op note
Suppressed findings are counted in the summary and listed in SARIF (their reason only with
--sarif-reasons); the estimate still prices the line as the payer would.

Exit codes:
  0  no finding at or above --fail-on (estimate: the estimate was printed)
  1  check found at least one finding at or above --fail-on
  2  usage error, a pattern that matched nothing, or a file, config or data file that could not
     be read (reason on stderr)

Output: results only on stdout (text: file:line:col: severity code: message, then a summary);
problems with the command line or the inputs on stderr. Claim text is never printed: only
codes, positions and messages (except the diff of --fix-dry-run and the fixed claim of
check - --fix, which are the claim text by request).
`;
}
