// What the editor is checking against: the tables in force (the guide, and CMS's national files
// when loaded), their sources and row counts, load problems, and the checks that cannot run (or
// run only on the guide's short lists) for lack of a national file. The server sends it to the
// client as the `haiClaims/status` notification; the status bar shows it.
import { checksNotRun, type CheckNotRun } from '../checks-not-run';
import { dataFilesText, type DataFileReport } from './data-files';
import type { Settings } from '../settings';
import type { NationalSource } from '../tables/national';
import type { Tables } from '../tables';

export interface TableInForce {
  /** Short name for the status bar: `CY2026 guide`, `NCCI 2026Q2`, `MUE`, `PFS`, `ICD-10-CM`. */
  name: string;
  /** The source as findings cite it, e.g. `NCCI PTP practitioner edits 2026Q2 (ccipra-v321r0-f1.txt)`. */
  source: string;
  /** Rows (codes, edits, diagnoses) the table holds. */
  rows: number;
}

/** A check that cannot run (or runs on the guide's short lists only) for lack of a national file. */
export type LimitedCheck = CheckNotRun;

export interface DataStatus {
  /** `loading` while national files are read; `warning` when a file failed or data settings were ignored. */
  state: 'loading' | 'ready' | 'warning';
  tables: TableInForce[];
  /** File-level problems of the last load (`file: reason`), at most 20. */
  problems: string[];
  /** The workspace is untrusted and its haiClaims.data settings name files: they were not read. */
  untrusted: boolean;
  limited: LimitedCheck[];
  /** Each data setting's files, members, rows, periods and problems (`hai-claims data`'s account); empty before a load. */
  files: DataFileReport[];
  /** The same as text lines, as `hai-claims data` prints them (VS Code's "Show Data Files"). */
  filesText: string[];
}

export interface DataStatusInput {
  /** National files are being read (the tables below are the ones still in force). */
  loading: boolean;
  problems: readonly string[];
  untrusted: boolean;
  /** The rules the user turned off need no data: their files are not asked for. */
  settings: Pick<Settings, 'rules'> & Partial<Pick<Settings, 'data'>>;
  /** The last load's account of the data settings. */
  files?: readonly DataFileReport[];
}

function shortName(s: NationalSource): string {
  const quarter = /\b(\d{4}Q[1-4])\b/.exec(s.label)?.[1];
  switch (s.kind) {
    case 'ncci-ptp':
      return quarter ? `NCCI ${quarter}` : 'NCCI';
    case 'mue':
      return 'MUE';
    case 'pfs-rvu':
      return 'PFS';
    case 'icd10cm':
      return 'ICD-10-CM';
    case 'gpci':
      return 'GPCI';
    case 'localities':
      return 'Localities';
    case 'opps-cap':
      return 'OPPS cap';
    case 'asp': {
      // Several quarters load at once: name them all (`ASP 2026Q1-2026Q2`).
      const qs = s.label.match(/\b\d{4}Q[1-4]\b/g) ?? [];
      return qs.length ? `ASP ${qs[0]}${qs.length > 1 ? `-${qs[qs.length - 1]}` : ''}` : 'ASP';
    }
    case 'aoc':
      return 'AOC';
  }
}

export function dataStatus(tables: Tables, input: DataStatusInput): DataStatus {
  const guide = tables.guideSource.label;
  const year = /\bCY\d{4}\b/.exec(guide)?.[0];
  const procedures = new Set(tables.guide.procedures.map((p) => p.code)).size;
  const diagnoses = tables.guide.diagnoses.length;
  const out: TableInForce[] = [{ name: year ? `${year} guide` : 'guide', source: guide, rows: procedures + diagnoses }];
  const n = tables.national;
  for (const t of [n.ptp, n.mue, n.rvu, n.icd10, n.gpci, n.localities, n.asp, n.addOn, n.oppsCap]) if (t) out.push({ name: shortName(t.source), source: t.source.label, rows: t.size });
  // the same list the CLI prints and haiClaims/skippedChecks answers (core/checks-not-run.ts)
  const limited = checksNotRun(tables, input.settings);

  const problems = input.problems.slice(0, 20);
  const state = input.loading ? 'loading' : problems.length > 0 || input.untrusted ? 'warning' : 'ready';
  const files = [...(input.files ?? [])];
  const filesText = files.some((f) => f.files.length > 0) ? dataFilesText(files, 'CMS data files named in haiClaims.data:') : ['No CMS data file is named in haiClaims.data: only the guide\'s tables are used.'];
  return { state, tables: out, problems, untrusted: input.untrusted, limited, files, filesText };
}
