// The tables the checks read: the guide's tables and the reference lists, indexed for constant-time
// look-up, plus whatever national CMS files the user loaded. Built once and shared; read-only.
import type { Diagnosis, GuideTables, NcciPair, ProcedureListing, ReferenceTables, Setting } from './schema';
import { loadGuideTables, loadReferenceTables } from './load';
import type { NationalSource, NationalTables } from './national';

export type { NationalTables } from './national';

/** Where a figure or an edit came from, so every diagnostic and hover can name it. */
export interface SourceRef {
  kind: 'guide' | 'reference' | NationalSource['kind'];
  /** Human-readable: "CY2026 HAI coding and billing guide", "NCCI PTP practitioner edits 2026Q1 (ptp_f1.txt)". */
  label: string;
}

export type PlaceOfService = ReferenceTables['placesOfService'][number];
export type StateInfo = ReferenceTables['states'][number];
export type ModifierInfo = ReferenceTables['modifiers'][number];

export interface Tables {
  readonly guide: GuideTables;
  readonly reference: ReferenceTables;
  readonly guideSource: SourceRef;
  readonly national: NationalTables;
  /** The guide's listings of a code (two for 77002 and 76937), empty when the guide does not list it. */
  listings(code: string): readonly ProcedureListing[];
  diagnosis(code: string): Diagnosis | undefined;
  placeOfService(code: string): PlaceOfService | undefined;
  state(code: string): StateInfo | undefined;
  modifier(code: string): ModifierInfo | undefined;
  /** CPT sections the code falls in (`surgery`, `radiology`, `nuclear-medicine`, `em`, ...). */
  cptSections(code: string): readonly string[];
  /** The guide's NCCI edit that denies `code` when billed with `other` on the same date. */
  guideNcciEdit(code: string, other: string): NcciPair | undefined;
  /** Every guide NCCI edit in which the code takes part, either side. */
  guideNcciEditsInvolving(code: string): readonly { denied: string; other: string; edit: NcciPair }[];
}

export function settingOfPos(tables: Tables, pos: string | undefined): Setting | undefined {
  if (pos === undefined) return undefined;
  const entry = tables.placeOfService(pos);
  if (entry) return entry.facility ? 'facility' : 'nonFacility';
  return undefined;
}

export function createTables(
  guide: GuideTables,
  reference: ReferenceTables,
  national: NationalTables = {},
): Tables {
  const listings = new Map<string, ProcedureListing[]>();
  for (const p of guide.procedures) {
    const list = listings.get(p.code) ?? [];
    list.push(p);
    listings.set(p.code, list);
  }
  const diagnoses = new Map(guide.diagnoses.map((d) => [d.code, d]));
  const pos = new Map(reference.placesOfService.map((p) => [p.code, p]));
  const states = new Map(reference.states.map((s) => [s.code, s]));
  const modifiers = new Map(reference.modifiers.map((m) => [m.code, m]));
  const ncci = new Map<string, Map<string, NcciPair>>();
  const involving = new Map<string, { denied: string; other: string; edit: NcciPair }[]>();
  for (const edit of guide.ncci.pairs) {
    const byOther = ncci.get(edit.code) ?? new Map<string, NcciPair>();
    for (const other of edit.notWith) {
      byOther.set(other, edit);
      for (const c of [edit.code, other]) {
        const list = involving.get(c) ?? [];
        list.push({ denied: edit.code, other, edit });
        involving.set(c, list);
      }
    }
    ncci.set(edit.code, byOther);
  }
  const sectionCache = new Map<string, string[]>();
  const empty: readonly never[] = [];

  return {
    guide,
    reference,
    national,
    guideSource: { kind: 'guide', label: `CY${guide.meta.year} HAI coding and billing guide` },
    listings: (code) => listings.get(code) ?? empty,
    diagnosis: (code) => diagnoses.get(code),
    placeOfService: (code) => pos.get(code),
    state: (code) => states.get(code),
    modifier: (code) => modifiers.get(code),
    cptSections(code) {
      let ids = sectionCache.get(code);
      if (!ids) {
        ids = /^\d{5}$/.test(code)
          ? reference.cptSections.filter((s) => code >= s.from && code <= s.to).map((s) => s.id)
          : [];
        sectionCache.set(code, ids);
      }
      return ids;
    },
    guideNcciEdit: (code, other) => ncci.get(code)?.get(other),
    guideNcciEditsInvolving: (code) => involving.get(code) ?? empty,
  };
}

let defaultTables: Tables | undefined;

/** The guide and reference tables with no national data: what the editor starts with. */
export function loadDefaultTables(): Tables {
  defaultTables ??= createTables(loadGuideTables(), loadReferenceTables());
  return defaultTables;
}
