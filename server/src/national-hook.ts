// The server's entry to the national CMS files: national-io's loader (shared with the CLI), its
// problems turned into the "file:line: reason" lines the server logs and shows. The CLI applies
// its own, stricter policy to the same problems in cli/national.ts.
import { getLanguageService, type DataFileReport, type NationalTables, type Settings } from './core/languageService';
import { loadNationalFiles } from './national-io';

const ls = getLanguageService();

/** Never rejects; `signal` stops the reading of a superseded load (what was read so far is returned). */
export async function loadNationalForServer(
  settings: Settings,
  baseDir: string = process.cwd(),
  opts: { cacheDir?: string; signal?: AbortSignal } = {},
): Promise<{ national: NationalTables; problems: string[]; files?: DataFileReport[] }> {
  const { national, problems, stats } = await loadNationalFiles(settings.data, baseDir, opts);
  return { national, problems: problems.map(ls.formatLoadProblem), files: ls.dataFileReports(stats, national) };
}
