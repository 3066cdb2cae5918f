// National CMS data for a run (settings.data.*: the files of core/tables/national-files.ts). The
// CLI loads them through the same async loader as the server (national-io.ts) and applies a
// stricter policy to the problems it returns: a setting with a file that cannot be read, or whose
// files yield no rows, stops the run (exit code 2); bad rows in files that load are notes (the
// valid rows are used).
import { getLanguageService, type NationalTables, type Settings } from '../core/languageService';
import { loadNationalFiles, type NationalLoadStats } from '../national-io';

const ls = getLanguageService();

export interface NationalLoad {
  national: NationalTables;
  /** Files that could not be read or loaded: the run stops with exit code 2. */
  errors: string[];
  /** Rows skipped in files that otherwise loaded: reported, the run goes on. */
  notices: string[];
  /** Each setting's account (files, members, rows, problems): what `hai-claims data` lists. */
  stats: NationalLoadStats[];
}

/** Reads `settings.data.*` (paths relative to `baseDir`) into national tables. Never rejects. */
export async function loadNationalData(settings: Settings, baseDir: string): Promise<NationalLoad> {
  const { national, stats } = await loadNationalFiles(settings.data, baseDir);
  const errors: string[] = [];
  const notices: string[] = [];
  for (const s of stats) {
    const at = `data.${s.key}`;
    if (s.unreadable.length > 0) {
      // The file's reason is enough: what the other files of the setting hold is not used.
      for (const u of s.unreadable) errors.push(`${at}: cannot read ${u.file}: ${u.reason ?? reasonOfCode(u.code)}`);
      delete national[s.kind];
    } else if (s.rows === 0) {
      if (s.problems.length === 0) errors.push(`${at}: no rows could be read`);
      for (const p of s.problems) errors.push(`${at}: ${ls.formatLoadProblem(p)}`);
    } else {
      for (const p of s.problems) notices.push(`${at}: ${ls.formatLoadProblem(p)}`);
    }
  }
  return { national, errors, notices, stats };
}

/** The system's reason (ENOENT, EACCES...), never file contents. */
export function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  return code ? reasonOfCode(code) : err instanceof Error ? err.name : 'unknown error';
}

function reasonOfCode(code: string): string {
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTREG':
      return 'not a regular file';
    default:
      return code;
  }
}
