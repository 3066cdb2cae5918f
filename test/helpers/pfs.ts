// Tables with a small PFS relative value file (the 2026 layout of the CMS fixture, rows given by
// the test), for checks that the PFS file's indicators decide (PC/TC, bilateral, global days,
// INTRA OP).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTables, type Tables } from '../../server/src/core/tables';
import { loadGuideTables, loadReferenceTables } from '../../server/src/core/tables/load';
import { loadPfsRvu } from '../../server/src/core/tables/loaders/pfs-rvu';

const HEADER = readFileSync(join(__dirname, '..', 'fixtures', 'cms', 'PPRRVU2026_Apr_nonQPP.csv'), 'utf8').split('\n').slice(0, 6).join('\n');

export interface PfsRow {
  code: string;
  modifier?: string;
  status?: string;
  /** Non-facility and facility total RVUs. */
  total?: number;
  pctc?: string;
  globalDays?: string;
  /** PRE, INTRA and POST OP shares (0-1). */
  intraOp?: number;
  multProc?: string;
  bilateral?: string;
  /** ASST SURG, CO-SURG and TEAM SURG indicators. */
  assistant?: string;
  coSurgeon?: string;
  teamSurgeon?: string;
  /** ENDO BASE: the base endoscopy of a MULT PROC 3 code. */
  endoBase?: string;
  /** Facility total RVUs when they differ from the non-facility ones. */
  facilityTotal?: number;
}

function line(r: PfsRow): string {
  const t = (r.total ?? 10).toFixed(2);
  const ft = (r.facilityTotal ?? r.total ?? 10).toFixed(2);
  const intra = r.intraOp ?? 0;
  const pre = intra ? ((1 - intra) / 2).toFixed(2) : '0.00';
  return [r.code, r.modifier ?? '', 'Test row', r.status ?? 'A', '', '1.00', '1.00', '', '1.00', '', '0.10', t, ft, r.pctc ?? '0', r.globalDays ?? 'XXX', pre, intra.toFixed(2), pre, r.multProc ?? '0', r.bilateral ?? '0', r.assistant ?? '0', r.coSurgeon ?? '0', r.teamSurgeon ?? '0', '9', r.endoBase ?? '', '33.4009', '09', '0', '99', '0.00', '0.00', '0.00'].join(',');
}

/** The guide and reference tables plus a PFS file of these rows. */
export function pfsTables(rows: PfsRow[]): Tables {
  // Named as the January release (RVU26A): it prices every 2026 date (a release prices from its effective date, issue 21).
  const rvu = loadPfsRvu({ name: 'PPRRVU2026_Jan_nonQPP.csv', text: `${HEADER}\n${rows.map(line).join('\n')}\n` });
  if (rvu.problems.length) throw new Error(`pfs fixture: ${JSON.stringify(rvu.problems)}`);
  return createTables(loadGuideTables(), loadReferenceTables(), { rvu: rvu.table });
}
