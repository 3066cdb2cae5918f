// The locality, ASP and add-on code fixtures (test/fixtures/cms/local): the shared layout samples
// with bad rows, a quoted multi-line cell and a second ASP quarter added; made-up figures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoaderFile } from '../../server/src/core/tables/loaders';
import { CMS_DIR } from './cms-fixtures';

export const LOCAL_DIR = join(CMS_DIR, 'local');
export const GPCI = 'GPCI2026.csv';
export const LOCCO = '26LOCCO.csv';
export const ASP_Q1 = 'asp-2026q1.csv';
export const ASP_Q2 = 'asp-2026q2.csv';
export const AOC = 'AOC_V2026Q2-Practitioner.txt';

export function localFixture(name: string): LoaderFile {
  return { name, text: readFileSync(join(LOCAL_DIR, name), 'utf8') };
}
