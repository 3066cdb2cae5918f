// What the editor is checking against: the tables in force (the guide, and CMS's national files
// when loaded), their sources and row counts, load problems, and the checks that cannot run (or
// run only on the guide's short lists) for lack of a national file. The server sends it to the
// client as the `haiClaims/status` notification; the status bar shows it.
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

export interface LimitedCheck {
  /** Rule id (or `estimate` for the pricing). */
  rule: string;
  /** What the check does without the file, and which setting adds it. */
  reason: string;
}

export interface DataStatus {
  /** `loading` while national files are read; `warning` when a file failed or data settings were ignored. */
  state: 'loading' | 'ready' | 'warning';
  tables: TableInForce[];
  /** File-level problems of the last load (`file: reason`), at most 20. */
  problems: string[];
  /** The workspace is untrusted and its haiClaims.data settings name files: they were not read. */
  untrusted: boolean;
  limited: LimitedCheck[];
}

export interface DataStatusInput {
  /** National files are being read (the tables below are the ones still in force). */
  loading: boolean;
  problems: readonly string[];
  untrusted: boolean;
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
  }
}

export function dataStatus(tables: Tables, input: DataStatusInput): DataStatus {
  const guide = tables.guideSource.label;
  const year = /\bCY\d{4}\b/.exec(guide)?.[0];
  const procedures = new Set(tables.guide.procedures.map((p) => p.code)).size;
  const diagnoses = tables.guide.diagnoses.length;
  const out: TableInForce[] = [{ name: year ? `${year} guide` : 'guide', source: guide, rows: procedures + diagnoses }];
  const n = tables.national;
  for (const t of [n.ptp, n.mue, n.rvu, n.icd10]) if (t) out.push({ name: shortName(t.source), source: t.source.label, rows: t.size });

  const limited: LimitedCheck[] = [];
  if (!n.ptp) limited.push({ rule: 'ncci-ptp', reason: "only the guide's NCCI edits; add CMS's PTP files (haiClaims.data.ncciPtp) for every pair" });
  if (!n.mue) limited.push({ rule: 'mue', reason: "does not run: it needs CMS's MUE file (haiClaims.data.mue)" });
  if (!n.rvu) limited.push({ rule: 'estimate', reason: `prices only the guide's ${procedures} codes; add CMS's PFS relative value file (haiClaims.data.pfsRvu) for any code` });
  if (!n.icd10) limited.push({ rule: 'unknown-dx', reason: `knows only the guide's ${diagnoses} diagnoses; add CMS's ICD-10-CM file (haiClaims.data.icd10cm) for every code` });

  const problems = input.problems.slice(0, 20);
  const state = input.loading ? 'loading' : problems.length > 0 || input.untrusted ? 'warning' : 'ready';
  return { state, tables: out, problems, untrusted: input.untrusted, limited };
}
