// The small CMS fixtures (test/fixtures/cms: published headers, made-up rows) loaded into tables.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTables, type Tables } from '../../server/src/core/tables';
import { loadGuideTables, loadReferenceTables } from '../../server/src/core/tables/load';
import { loadIcd10cm, loadMue, loadPfsRvu, loadPtp, type LoaderFile } from '../../server/src/core/tables/loaders';
import type { NationalTables } from '../../server/src/core/tables/national';

export const CMS_DIR = join(__dirname, '..', 'fixtures', 'cms');
export const PTP_F1 = 'ccipra-v321r0-f1.txt';
export const PTP_F2 = 'ccipra-v321r0-f2.txt';
export const MUE = 'MCR_MUE_PractitionerServices_Eff_01-01-2026.csv';
export const RVU = 'PPRRVU2026_Apr_nonQPP.csv';
export const ICD = 'icd10cm_order_2026.txt';

export function fixture(name: string): LoaderFile {
  return { name, text: readFileSync(join(CMS_DIR, name), 'utf8') };
}

/** Days since 1970-01-01, as the claim model numbers calendar dates. */
export function day(ymd: string): number {
  return Date.parse(`${ymd}T00:00:00Z`) / 86_400_000;
}

export function nationalFromFixtures(): NationalTables {
  return {
    ptp: loadPtp([fixture(PTP_F1), fixture(PTP_F2)]).table,
    mue: loadMue(fixture(MUE)).table,
    rvu: loadPfsRvu(fixture(RVU)).table,
    icd10: loadIcd10cm(fixture(ICD)).table,
  };
}

let tables: Tables | undefined;

/** The guide and reference tables plus every fixture file. */
export function nationalTables(): Tables {
  tables ??= createTables(loadGuideTables(), loadReferenceTables(), nationalFromFixtures());
  return tables;
}
