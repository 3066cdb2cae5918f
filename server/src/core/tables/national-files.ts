// The national CMS files a user can name in settings (haiClaims.data.*): ONE table read by the
// settings schema and its empty default, the hosts' loading loop (server and CLI alike) and the
// tests that hold package.json to it. Adding a file is a loader, a descriptor here, its slot in
// NationalTables and its package.json entry; the types below reject a descriptor whose slot or
// builder does not match, and a NationalTables slot that no descriptor fills. Pure: no IO.
import type { NationalSource, NationalTables } from './national';
import { AocBuilder, AspBuilder, GpciBuilder, Icd10Builder, LocalityBuilder, MueBuilder, OppsCapBuilder, PtpBuilder, RvuBuilder, type TableBuilder } from './loaders';

/** Where a loaded table goes in NationalTables (also the `kind` of the loader's stats). */
export type NationalSlot = keyof NationalTables;
export type NationalTableOf<S extends NationalSlot> = NonNullable<NationalTables[S]>;

export interface NationalFileDescriptor<S extends NationalSlot = NationalSlot> {
  /** The NationalTables slot the table fills. */
  readonly slot: S;
  /** The `kind` the loader writes into every row's source (NationalSource), e.g. 'ncci-ptp'. */
  readonly source: NationalSource['kind'];
  /** What the user names, as package.json's setting description says it ("CMS's ... files"). */
  readonly label: string;
  /** A fresh streaming builder for one load (several files of one setting go through one builder). */
  builder(): TableBuilder<NationalTableOf<S>>;
  /** How the file is found inside a zip as CMS ships it, and how a workbook's rows reach the builder. */
  readonly members: MemberSpec;
}

/** A member format, by file extension. */
export type MemberFormat = 'csv' | 'txt' | 'xlsx';

export interface MemberSpec {
  /** A member's file name (without its folders) matching any of these is this kind's file (CMS renames them a little each year). */
  readonly patterns: readonly RegExp[];
  /** Names matching this are not (a crosswalk or a readme beside the file). */
  readonly not?: RegExp;
  /** The formats read, preferred first: every member of the best format present is read, the others are copies of the same table. */
  readonly formats: readonly MemberFormat[];
  /** How a workbook's rows are written for the builder: the cells joined by tabs (the PTP loader's text) or as CSV. */
  readonly workbookRows: 'csv' | 'tab';
  /** What the user looks for, for "no member" problems: PPRRVU*.csv. */
  readonly shown: string;
}

const TEXT_FIRST: readonly MemberFormat[] = ['csv', 'txt', 'xlsx'];

/** One descriptor per slot, its builder typed by that slot (a union, so a mismatch is a type error). */
type AnyDescriptor = { [S in NationalSlot]: NationalFileDescriptor<S> }[NationalSlot];

/** By setting key (`haiClaims.data.<key>`); this order is the order files load and problems are listed. */
export const NATIONAL_FILES = {
  ncciPtp: {
    slot: 'ptp',
    source: 'ncci-ptp',
    label: 'NCCI practitioner PTP edit files',
    builder: () => new PtpBuilder(),
    members: { patterns: [/^ccipra/i, /ptp/i], not: /readme|alert/i, formats: ['txt', 'csv', 'xlsx'], workbookRows: 'tab', shown: 'ccipra-*.txt' },
  },
  mue: {
    slot: 'mue',
    source: 'mue',
    label: 'practitioner MUE files',
    builder: () => new MueBuilder(),
    members: { patterns: [/mue/i], not: /readme/i, formats: TEXT_FIRST, workbookRows: 'csv', shown: 'MCR_MUE_Practitioner*.csv' },
  },
  pfsRvu: {
    slot: 'rvu',
    source: 'pfs-rvu',
    label: 'PFS relative value files (PPRRVU)',
    builder: () => new RvuBuilder(),
    // The release's .txt copy is fixed width: the CSV (or the workbook) is read.
    members: { patterns: [/^pprrvu/i], formats: ['csv', 'xlsx'], workbookRows: 'csv', shown: 'PPRRVU*.csv' },
  },
  icd10cm: {
    slot: 'icd10',
    source: 'icd10cm',
    label: 'ICD-10-CM code files',
    builder: () => new Icd10Builder(),
    members: { patterns: [/^icd10cm[_-]order/i], formats: ['txt'], workbookRows: 'csv', shown: 'icd10cm_order_*.txt' },
  },
  gpci: {
    slot: 'gpci',
    source: 'gpci',
    label: 'PFS geographic practice cost index (GPCI) files',
    builder: () => new GpciBuilder(),
    members: { patterns: [/^gpci/i], formats: ['csv', 'xlsx'], workbookRows: 'csv', shown: 'GPCI*.csv' },
  },
  localities: {
    slot: 'localities',
    source: 'localities',
    label: 'PFS locality-to-county files',
    builder: () => new LocalityBuilder(),
    members: { patterns: [/locco/i], formats: ['csv', 'xlsx'], workbookRows: 'csv', shown: '*LOCCO*.csv' },
  },
  asp: {
    slot: 'asp',
    source: 'asp',
    label: 'quarterly ASP drug pricing files (one per quarter)',
    builder: () => new AspBuilder(),
    members: { patterns: [/asp.*pric/i, /pric.*asp/i, /^asp/i], not: /ndc|crosswalk|readme|notoc/i, formats: TEXT_FIRST, workbookRows: 'csv', shown: '*ASP Pricing File*.csv' },
  },
  addOn: {
    slot: 'addOn',
    source: 'aoc',
    label: 'NCCI add-on code edit files',
    builder: () => new AocBuilder(),
    // CMS ships the edits as a workbook and as fixed-width text (not read): the workbook first.
    members: { patterns: [/aoc/i, /add.?on/i], not: /readme/i, formats: ['xlsx', 'csv', 'txt'], workbookRows: 'csv', shown: 'AOC_*.xlsx' },
  },
  oppsCap: {
    slot: 'oppsCap',
    source: 'opps-cap',
    label: 'PFS OPPS imaging cap files (OPPSCAP)',
    builder: () => new OppsCapBuilder(),
    members: { patterns: [/^oppscap/i], formats: ['csv', 'xlsx'], workbookRows: 'csv', shown: 'OPPSCAP*.csv' },
  },
} as const satisfies Record<string, AnyDescriptor>;

/** A setting naming one kind of national file. */
export type FileKey = keyof typeof NATIONAL_FILES;

/**
 * Archives CMS publishes with several kinds of file in them, named once: each fills the settings
 * listed (its members found by their patterns) unless that setting names files of its own.
 */
export const NATIONAL_RELEASES = {
  pfsRelease: { label: 'PFS quarterly release zip (RVUyyA/B/C/D: RVU, GPCI, locality and OPPS cap files)', fills: ['pfsRvu', 'gpci', 'localities', 'oppsCap'] },
} as const satisfies Record<string, { label: string; fills: readonly FileKey[] }>;

export type ReleaseKey = keyof typeof NATIONAL_RELEASES;

/** A `haiClaims.data.*` setting key: a kind of file, or a release that fills several. */
export type DataKey = FileKey | ReleaseKey;

/** `settings.data`: the paths named for each national file. */
export type NationalData = { [K in DataKey]: string[] };

/**
 * The paths a file setting reads: its own, or else those of a release that fills it (a setting
 * set on its own wins over the release). `from` names the release when it is one.
 */
export function pathsFor(data: Readonly<Partial<NationalData>>, key: FileKey): { paths: readonly string[]; from?: ReleaseKey } {
  const own = data[key] ?? [];
  if (own.length > 0) return { paths: own };
  for (const [release, r] of Object.entries(NATIONAL_RELEASES) as [ReleaseKey, (typeof NATIONAL_RELEASES)[ReleaseKey]][]) {
    const named = data[release] ?? [];
    if (named.length > 0 && (r.fills as readonly FileKey[]).includes(key)) return { paths: named, from: release };
  }
  return { paths: [] };
}

// Every NationalTables slot is filled by some descriptor: a new table type without its descriptor
// (and so without a setting or a loader) fails to compile here.
type FilledSlots = (typeof NATIONAL_FILES)[FileKey]['slot'];
type Unfilled = Exclude<NationalSlot, FilledSlots>;
const everySlotFilled: [Unfilled] extends [never] ? true : { missingDescriptorFor: Unfilled } = true;
void everySlotFilled;

export const FILE_KEYS = Object.keys(NATIONAL_FILES) as FileKey[];
export const DATA_KEYS = [...FILE_KEYS, ...Object.keys(NATIONAL_RELEASES)] as DataKey[];

/** The descriptors with their keys, in load order. */
export const NATIONAL_FILE_LIST: readonly (AnyDescriptor & { readonly key: FileKey })[] = FILE_KEYS.map((key) => ({ key, ...NATIONAL_FILES[key] }));

/** No file named for any key: the settings' default, and what an untrusted workspace is given. */
export function emptyNationalData(): NationalData {
  return Object.fromEntries(DATA_KEYS.map((k) => [k, []])) as unknown as NationalData;
}

/** A member's format by its extension (undefined: not one the loaders read, such as a PDF). */
function formatOf(name: string): MemberFormat | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  return ext === 'csv' ? 'csv' : ext === 'txt' ? 'txt' : ext === 'xlsx' || ext === 'xlsm' ? 'xlsx' : undefined;
}

/**
 * The members of a zip (their paths, as the archive lists them) that hold this kind of file:
 * names matching a pattern, in the spec's most preferred format present, in name order (PTP's
 * parts f1, f2...). Empty when none matches.
 */
export function chooseMembers(names: readonly string[], spec: MemberSpec): string[] {
  const candidates = names.filter((n) => {
    const base = n.slice(n.lastIndexOf('/') + 1);
    return !n.endsWith('/') && !base.startsWith('.') && !n.startsWith('__MACOSX/') && spec.patterns.some((p) => p.test(base)) && !spec.not?.test(base) && formatOf(base) !== undefined;
  });
  for (const format of spec.formats) {
    const of = candidates.filter((n) => formatOf(n) === format);
    if (of.length > 0) return of.sort();
  }
  return [];
}
