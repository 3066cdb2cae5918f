// `hai-claims data [--config FILE] [--format json]`: what the config's national CMS files give,
// setting by setting (issue 21): the files and the zip members (and workbook sheets) read, rows,
// the years or quarters covered, the conversion factors, and every problem. Exit 2 when a named
// file cannot be used (the same policy as check and estimate, cli/national.ts).
import { getLanguageService, RULE_IDS } from '../core/languageService';
import type { CliOptions } from './args';
import { ConfigResolver, type ConfigMode } from './config';
import { displayPath } from './files';
import { loadNationalData } from './national';
import { printable } from './printable';
import type { CliIO } from './run';

const ls = getLanguageService();

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
  const reports = ls.dataFileReports(load.stats, load.national);
  if (options.format === 'json') io.stdout.write(`${JSON.stringify({ config: config.path ? displayPath(config.path, io.cwd) : null, files: reports }, null, 2)}\n`);
  else io.stdout.write(`${ls.dataFilesText(reports, `CMS data files named in ${config.path ? displayPath(config.path, io.cwd) : 'the default settings (no config file)'}:`).join('\n')}\n`);
  return reports.some((r) => r.unusable) ? 2 : 0;
}
