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
}

/** One descriptor per slot, its builder typed by that slot (a union, so a mismatch is a type error). */
type AnyDescriptor = { [S in NationalSlot]: NationalFileDescriptor<S> }[NationalSlot];

/** By setting key (`haiClaims.data.<key>`); this order is the order files load and problems are listed. */
export const NATIONAL_FILES = {
  ncciPtp: { slot: 'ptp', source: 'ncci-ptp', label: 'NCCI practitioner PTP edit files', builder: () => new PtpBuilder() },
  mue: { slot: 'mue', source: 'mue', label: 'practitioner MUE files', builder: () => new MueBuilder() },
  pfsRvu: { slot: 'rvu', source: 'pfs-rvu', label: 'PFS relative value files (PPRRVU)', builder: () => new RvuBuilder() },
  icd10cm: { slot: 'icd10', source: 'icd10cm', label: 'ICD-10-CM code files', builder: () => new Icd10Builder() },
  gpci: { slot: 'gpci', source: 'gpci', label: 'PFS geographic practice cost index (GPCI) files', builder: () => new GpciBuilder() },
  localities: { slot: 'localities', source: 'localities', label: 'PFS locality-to-county files', builder: () => new LocalityBuilder() },
  asp: { slot: 'asp', source: 'asp', label: 'quarterly ASP drug pricing files (one per quarter)', builder: () => new AspBuilder() },
  addOn: { slot: 'addOn', source: 'aoc', label: 'NCCI add-on code edit files', builder: () => new AocBuilder() },
  oppsCap: { slot: 'oppsCap', source: 'opps-cap', label: 'OPPS cap files (OPPSCAP, the cap on non-facility imaging)', builder: () => new OppsCapBuilder() },
} as const satisfies Record<string, AnyDescriptor>;

/** A `haiClaims.data.*` setting key. */
export type DataKey = keyof typeof NATIONAL_FILES;

/** `settings.data`: the paths named for each national file. */
export type NationalData = { [K in DataKey]: string[] };

// Every NationalTables slot is filled by some descriptor: a new table type without its descriptor
// (and so without a setting or a loader) fails to compile here.
type FilledSlots = (typeof NATIONAL_FILES)[DataKey]['slot'];
type Unfilled = Exclude<NationalSlot, FilledSlots>;
const everySlotFilled: [Unfilled] extends [never] ? true : { missingDescriptorFor: Unfilled } = true;
void everySlotFilled;

export const DATA_KEYS = Object.keys(NATIONAL_FILES) as DataKey[];

/** The descriptors with their keys, in load order. */
export const NATIONAL_FILE_LIST: readonly (AnyDescriptor & { readonly key: DataKey })[] = DATA_KEYS.map((key) => ({ key, ...NATIONAL_FILES[key] }));

/** No file named for any key: the settings' default, and what an untrusted workspace is given. */
export function emptyNationalData(): NationalData {
  return Object.fromEntries(DATA_KEYS.map((k) => [k, []])) as unknown as NationalData;
}
