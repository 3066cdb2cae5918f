// The account of the national CMS files, setting by setting (issue 21): the files and the zip
// members (and workbook sheets) read, rows, the periods covered, the conversion factors and the
// problems. One wording for `hai-claims data`, the status bar's tooltip and VS Code's "HAI
// Claims: Show Data Files". Pure: the hosts pass what their load (national-io.ts) accounted for.
import { formatLoadProblem, type LoadProblem } from '../tables/loaders';
import type { NationalTables } from '../tables/national';
import { NATIONAL_FILE_LIST, type FileKey, type ReleaseKey } from '../tables/national-files';

/** What a host's load says of one setting (national-io's NationalLoadStats has this shape). */
export interface DataLoadAccount {
  key: FileKey;
  from?: ReleaseKey;
  files: readonly string[];
  members: readonly { file: string; member: string }[];
  rows: number;
  problems: readonly LoadProblem[];
  /** A named file could not be read: the setting's table is not used (the CLI stops; the server keeps what loaded). */
  unreadable: readonly unknown[];
}

/** One setting's account, as `hai-claims data --format json` prints it. */
export interface DataFileReport {
  setting: `data.${FileKey}`;
  label: string;
  /** The files named (as the settings name them); empty: not set. */
  files: string[];
  /** The release setting the files came from (data.pfsRelease). */
  from?: `data.${ReleaseKey}`;
  /** Inside a zip or workbook: the member (and sheet) read. */
  members: { file: string; member: string }[];
  rows: number;
  /** The table's provenance, as estimates and hovers cite it. */
  source?: string;
  /** Years, quarters or releases the files cover, as their names and banners say (2026Q2, CY2026). */
  covers: string[];
  /** The PFS file's conversion factors (CONV FACTOR), for the RVU setting. */
  conversionFactors?: number[];
  problems: string[];
  /** A named file cannot be used: check and estimate stop with exit code 2. */
  unusable: boolean;
}

/** Every file setting, in load order, whether or not it names a file. */
export function dataFileReports(accounts: readonly DataLoadAccount[], national: NationalTables): DataFileReport[] {
  return NATIONAL_FILE_LIST.map((d): DataFileReport => {
    const a = accounts.find((x) => x.key === d.key);
    const table = national[d.slot] as { source: { label: string } } | undefined;
    const unusable = !!a && (a.unreadable.length > 0 || a.rows === 0);
    const used = table && !unusable;
    const cfs = d.slot === 'rvu' && used ? national.rvu?.conversionFactors?.() : undefined;
    return {
      setting: `data.${d.key}`,
      label: d.label,
      files: [...(a?.files ?? [])],
      ...(a?.from ? { from: `data.${a.from}` as const } : {}),
      members: [...(a?.members ?? [])],
      rows: unusable ? 0 : (a?.rows ?? 0),
      ...(used ? { source: table.source.label } : {}),
      covers: used ? coversOf(table.source.label) : [],
      ...(cfs && cfs.length > 0 ? { conversionFactors: [...cfs] } : {}),
      problems: a ? a.problems.map(formatLoadProblem) : [],
      unusable,
    };
  });
}

/** The periods a provenance label names: quarters (2026Q2), calendar years (CY2026), PFS releases (2026 April release). */
export function coversOf(label: string): string[] {
  const found = label.match(/\b20\d\dQ[1-4]\b|\bCY ?20\d\d\b|\b20\d\d [A-Z][a-z]+ release\b/g) ?? [];
  return [...new Set(found)];
}

/** The settings whose files are used only for the dates they cover (docs/national-data.md). */
const DATED = new Set<DataFileReport['setting']>(['data.pfsRvu', 'data.gpci', 'data.localities', 'data.oppsCap', 'data.mue']);

/** The reports as text lines, under `heading`: what the CLI prints and VS Code shows. */
export function dataFilesText(reports: readonly DataFileReport[], heading: string): string[] {
  const lines = [heading];
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
    // A file checked against the date of service that does not say its period is used for every date: said, never silent (issue 21).
    if (r.rows > 0 && r.covers.length === 0 && DATED.has(r.setting)) lines.push('  period: not stated in the file or its name, so it is used for every date of service');
    if (r.source) lines.push(`  cited as: ${r.source}`);
    if (r.conversionFactors) lines.push(`  conversion factor${r.conversionFactors.length > 1 ? 's' : ''}: ${r.conversionFactors.map((c) => `$${c.toFixed(4)}`).join(', ')}`);
    if (r.unusable) lines.push('  NOT USED: a file cannot be used (below); the command line stops with exit code 2 until it is fixed');
    for (const p of r.problems) lines.push(`  problem: ${p}`);
  }
  return lines;
}
