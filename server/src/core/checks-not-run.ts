// Checks that could not run for lack of data (issue 13: never a silent pass). Not findings: they
// are about the run, not a claim, so the CLI's summary and the server's status list them once.
// Pure: reads which national tables are loaded and which rules the settings leave on.
import type { Settings } from './settings';
import type { Tables } from './tables';
import type { DataKey } from './tables/national-files';

export interface CheckNotRun {
  /** What did not run: a rule id (`mue`), or the data it would have used (`pfs-rvu`, `icd10`). */
  check: string;
  /** The setting that would make it run: `haiClaims.data.<key>` (`data.<key>` in a CLI config). */
  data: DataKey;
  /** Why, and what was done instead, in one sentence. */
  reason: string;
}

interface Entry extends CheckNotRun {
  loaded(t: Tables): boolean;
  /** The rules that would use the data: when the settings turn all of them off, nothing is missed. */
  rules: readonly string[];
}

const ENTRIES: readonly Entry[] = [
  {
    check: 'ncci-ptp',
    data: 'ncciPtp',
    rules: ['ncci-ptp'],
    loaded: (t) => !!t.national.ptp,
    reason: "no data.ncciPtp file: only the guide's NCCI edits were checked, not CMS's full practitioner PTP table",
  },
  {
    check: 'mue',
    data: 'mue',
    rules: ['mue'],
    loaded: (t) => !!t.national.mue,
    reason: 'no data.mue file: medically unlikely edits (the most units per line or date) were not checked',
  },
  {
    check: 'pfs-rvu',
    data: 'pfsRvu',
    rules: [],
    loaded: (t) => !!t.national.rvu,
    reason: "no data.pfsRvu file: codes the guide does not list were neither checked nor priced, and the PFS indicators (PC/TC, global days, multiple procedure, bilateral, assistant, co- and team surgeon) were taken from the guide only and CMS's percentages applied without them; -TC lines are priced as derived from the guide's figures",
  },
  {
    // The guide alone cannot know a type 1 add-on's listed primaries: only CMS's file does.
    check: 'addon-aoc',
    data: 'addOn',
    rules: ['addon-without-primary'],
    loaded: (t) => !!t.national.addOn,
    reason:
      "no data.addOn file: add-on codes were checked only by the guide's rule (some primary procedure on the date), not by CMS's add-on code edits, which list the primaries a type 1 add-on needs (74301 is paid only with 74300)",
  },
  {
    check: 'icd10',
    data: 'icd10cm',
    rules: ['unknown-dx'],
    loaded: (t) => !!t.national.icd10,
    reason: "no data.icd10cm file: diagnoses outside the guide's list were not validated against ICD-10-CM",
  },
];

/**
 * The checks that did not run for lack of data, in a fixed order; empty when every file is loaded.
 * A setting that names a file which could not be used says so, never "no data.<key> file" (issue 25).
 */
export function checksNotRun(tables: Tables, settings: Pick<Settings, 'rules'> & Partial<Pick<Settings, 'data'>>): CheckNotRun[] {
  return ENTRIES.filter((e) => !e.loaded(tables) && (e.rules.length === 0 || e.rules.some((r) => settings.rules[r] !== 'off'))).map(({ check, data, reason }) => ({
    check,
    data,
    reason: settings.data?.[data]?.length ? reason.replace(/^no data\.(\w+) file/, 'the data.$1 file could not be used') : reason,
  }));
}

/** `mue: no data.mue file: ...`: one line per check, as the CLI prints them. */
export function checkNotRunText(c: CheckNotRun): string {
  return `${c.check}: ${c.reason}`;
}
