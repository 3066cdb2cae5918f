// `hai-claims data [--config FILE] [--format json]`: what the config's national CMS files give,
// setting by setting (issue 21): the files and the zip members (and workbook sheets) read, rows,
// the years or quarters covered, the conversion factors, and every problem. Exit 2 when a named
// file cannot be used (the same policy as check and estimate, cli/national.ts).
import { formatLoadProblem } from '../core/tables/loaders';
import type { NationalTables } from '../core/tables/national';
import { NATIONAL_FILE_LIST, type FileKey, type ReleaseKey } from '../core/tables/national-files';
import type { CliOptions } from './args';
import { ConfigResolver, type ConfigMode } from './config';
import { displayPath } from './files';
import { loadNationalData } from './national';
import { printable } from './printable';
import type { CliIO } from './run';
import { RULE_IDS } from '../core/rules';

/** One setting's account, as `--format json` prints it. */
export interface DataFileReport {
  setting: `data.${FileKey}`;
  label: string;
  /** The files named (as the config names them); empty: not set. */
  files: string[];
  /** The release setting the files came from (data.pfsRelease). */
  from?: `data.${ReleaseKey}`;
  /** Inside a zip or workbook: the member (and sheet) read. */
  members: { file: string; member: string }[];
  rows: number;
  /** The table's provenance: the files' names and period, as estimates and hovers cite it. */
  source?: string;
  /** Years, quarters or releases the files cover, as their names and banners say (2026Q2, CY2026). */
  covers: string[];
  /** The PFS file's conversion factors (CONV FACTOR), when it is the RVU file. */
  conversionFactors?: number[];
  problems: string[];
  /** The file could not be used: the run exits 2. */
  unusable: boolean;
}

export async function listDataFiles(options: CliOptions, io: CliIO): Promise<number> {
  const mode: ConfigMode = options.config !== undefined ? { kind: 'explicit', path: options.config } : options.noConfig ? { kind: 'none' } : { kind: 'discover' };
  const config = new ConfigResolver(mode, io.cwd, options.rules, RULE_IDS, (abs) => displayPath(abs, io.cwd)).forDir(io.cwd);
  const err = (line: string) => io.stderr.write(`hai-claims: ${printable(line)}\n`);
  for (const w of config.warnings) err(`warning: ${w}`);
  if (config.error) {
    err(config.error);
    return 2;
  }
  const load = await loadNationalData(config.settings, config.baseDir);
  const reports = NATIONAL_FILE_LIST.map((d): DataFileReport => {
    const s = load.stats.find((x) => x.key === d.key);
    const table = load.national[d.slot] as { source: { label: string }; size: number } | undefined;
    const unusable = !!s && load.errors.some((e) => e.startsWith(`data.${d.key}:`));
    return {
      setting: `data.${d.key}`,
      label: d.label,
      files: s?.files ?? [],
      ...(s?.from ? { from: `data.${s.from}` as const } : {}),
      members: s?.members ?? [],
      rows: unusable ? 0 : (s?.rows ?? 0),
      ...(table && !unusable ? { source: table.source.label } : {}),
      covers: table && !unusable ? coversOf(table.source.label) : [],
      ...conversionFactorsOf(d.slot === 'rvu' && !unusable ? load.national : undefined),
      problems: s ? s.problems.map(formatLoadProblem) : [],
      unusable,
    };
  });
  if (options.format === 'json') io.stdout.write(`${JSON.stringify({ config: config.path ? displayPath(config.path, io.cwd) : null, files: reports }, null, 2)}\n`);
  else io.stdout.write(`${textReport(reports, config.path ? displayPath(config.path, io.cwd) : undefined).join('\n')}\n`);
  return reports.some((r) => r.unusable) ? 2 : 0;
}

function conversionFactorsOf(national: NationalTables | undefined): { conversionFactors?: number[] } {
  const cfs = national?.rvu?.conversionFactors?.();
  return cfs && cfs.length > 0 ? { conversionFactors: [...cfs] } : {};
}

/** The periods a provenance label names: quarters (2026Q2), calendar years (CY2026), PFS releases (2026 April release). */
export function coversOf(label: string): string[] {
  const found = label.match(/\b20\d\dQ[1-4]\b|\bCY ?20\d\d\b|\b20\d\d [A-Z][a-z]+ release\b/g) ?? [];
  return [...new Set(found)];
}

function textReport(reports: readonly DataFileReport[], configPath: string | undefined): string[] {
  const lines = [`CMS data files named in ${configPath ?? 'the default settings (no config file)'}:`];
  for (const r of reports) {
    lines.push('');
    lines.push(`${r.setting}: ${r.label}${r.from ? ` (from ${r.from})` : ''}`);
    if (r.files.length === 0) {
      lines.push('  not set');
      continue;
    }
    for (const f of r.files) {
      const members = r.members.filter((m) => m.file === f).map((m) => m.member);
      lines.push(`  file: ${f}${members.length ? `, read: ${members.join(', ')}` : ''}`);
    }
    lines.push(`  rows: ${r.rows.toLocaleString('en-US')}${r.covers.length ? `; covers ${r.covers.join(', ')}` : ''}`);
    if (r.source) lines.push(`  cited as: ${r.source}`);
    if (r.conversionFactors) lines.push(`  conversion factor${r.conversionFactors.length > 1 ? 's' : ''}: ${r.conversionFactors.map((c) => `$${c.toFixed(4)}`).join(', ')}`);
    if (r.unusable) lines.push('  NOT USED: the file cannot be used (below); check and estimate stop with exit code 2 until it is fixed');
    for (const p of r.problems) lines.push(`  problem: ${p}`);
  }
  return lines;
}
