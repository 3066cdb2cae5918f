// The one hook for national CMS data (settings.data.*: NCCI PTP, MUE, PFS RVU, ICD-10-CM files).
// The CLI reads the files; the core's national loaders turn their text into tables. A file that
// yields no rows stops the run; bad rows in a file that loads are notes (the valid rows are used).
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Settings } from '../core/settings';
import type { NationalTables } from '../core/tables';
import { loadIcd10cm, loadMue, loadPfsRvu, loadPtp, type LoadResult } from '../core/tables/loaders';
import { formatLoadProblem } from '../national-hook';

export type DataKey = keyof Settings['data'];

/** Text of the configured files in, a table (or the problems that stop it) out. */
export type NationalLoader = (files: { path: string; text: string }[]) => {
  tables: NationalTables;
  problems: string[];
  /** Rows skipped in a file that otherwise loaded: reported, the run goes on. */
  notices?: string[];
};

/** Adapts a core loader: whole-file problems (line 0) of a file with no rows stop the run; row problems are notices. */
function adapt<T extends { size: number }>(load: (files: { name: string; text: string }[]) => LoadResult<T>, put: (t: T) => NationalTables): NationalLoader {
  return (files) => {
    const r = load(files.map((f) => ({ name: f.path, text: f.text })));
    if (r.table.size === 0) return { tables: {}, problems: r.problems.length ? r.problems.map(formatLoadProblem) : ['no rows could be read'] };
    return { tables: put(r.table), problems: [], notices: r.problems.map(formatLoadProblem) };
  };
}

/** The loaders by setting key. */
export const LOADERS: Record<DataKey, NationalLoader | undefined> = {
  ncciPtp: adapt(loadPtp, (ptp) => ({ ptp })),
  mue: adapt(loadMue, (mue) => ({ mue })),
  pfsRvu: adapt(loadPfsRvu, (rvu) => ({ rvu })),
  icd10cm: adapt(loadIcd10cm, (icd10) => ({ icd10 })),
};

export interface NationalLoad {
  national: NationalTables;
  /** Files that could not be read or loaded: the run stops with exit code 2. */
  errors: string[];
  /** What the user should know, e.g. that a configured file is not used by this version. */
  notices: string[];
}

/** Reads `settings.data.*` (paths relative to `baseDir`) into national tables. */
export function loadNationalData(settings: Settings, baseDir: string): NationalLoad {
  const national: NationalTables = {};
  const errors: string[] = [];
  const notices: string[] = [];
  for (const key of Object.keys(LOADERS) as DataKey[]) {
    const paths = settings.data[key];
    if (paths.length === 0) continue;
    const files: { path: string; text: string }[] = [];
    const loader = LOADERS[key];
    let unreadable = 0;
    for (const p of paths) {
      const abs = resolve(baseDir, p);
      try {
        if (statSync(abs).isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
        // Without a loader only check the file is there: the files are large.
        if (loader) files.push({ path: abs, text: readFileSync(abs, 'utf8') });
        else accessSync(abs, constants.R_OK);
      } catch (err) {
        errors.push(`data.${key}: cannot read ${p}: ${reason(err)}`);
        unreadable++;
      }
    }
    if (unreadable > 0) continue;
    if (!loader) {
      notices.push(`data.${key}: this version cannot load national files yet, so ${paths.join(', ')} is not used; the checks use the CY2026 guide's tables only.`);
      continue;
    }
    const { tables, problems, notices: skipped } = loader(files);
    for (const problem of problems) errors.push(`data.${key}: ${problem}`);
    for (const n of skipped ?? []) notices.push(`data.${key}: ${n}`);
    Object.assign(national, tables);
  }
  return { national, errors, notices };
}

/** The system's reason (ENOENT, EACCES...), never file contents. */
export function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return code ?? (err instanceof Error ? err.name : 'unknown error');
  }
}
