// The one place the server (and CLI) load the national CMS files named in the settings: streamed
// off the request path by national-io, with an optional on-disk cache of the PTP index.
import type { Settings } from './core/settings';
import type { NationalTables } from './core/tables';
import type { LoadProblem } from './core/tables/loaders';
import { loadNationalFiles } from './national-io';

/** "file:line: reason" (no line for whole-file problems): file paths and CMS cells only, never claim text. */
export function formatLoadProblem(p: LoadProblem): string {
  return p.line > 0 ? `${p.file}:${p.line}: ${p.reason}` : `${p.file}: ${p.reason}`;
}

export async function loadNationalForServer(
  settings: Settings,
  baseDir: string = process.cwd(),
  opts: { cacheDir?: string; signal?: AbortSignal } = {},
): Promise<{ national: NationalTables; problems: string[] }> {
  const { national, problems } = await loadNationalFiles(settings.data, baseDir, opts);
  return { national, problems: problems.map(formatLoadProblem) };
}
