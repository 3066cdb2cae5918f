// PFS relative value releases by date and by conversion factor (issue 21). CMS publishes the RVU
// file quarterly (RVUyyA, B, C, D: effective 1 January, 1 April, 1 July, 1 October) and, from 2026,
// twice per release: one file with the conversion factor for qualifying APM participants (QPP) and
// one for everyone else (nonQPP). Several releases may be loaded at once; each prices the dates
// from its effective date until a later loaded release of the same year takes over. Rows of one
// release that disagree are never resolved by "the last one read": the key, or the release, is
// refused with a problem. Pure; never throws.
import type { RvuRelease, RvuRow } from '../national';

/** What a file says of its release: the year, the quarter (1 = A, January ... 4 = D, October), QPP or not. */
export interface RvuFileRelease {
  year?: number;
  quarter?: 1 | 2 | 3 | 4;
  /** true: the QPP conversion factor's file; false: nonQPP; undefined: the file does not say. */
  qpp?: boolean;
}

const QUARTER_OF_MONTH: Record<string, 1 | 2 | 3 | 4> = { jan: 1, january: 1, apr: 2, april: 2, jul: 3, july: 3, oct: 4, october: 4 };
const QUARTER_OF_LETTER: Record<string, 1 | 2 | 3 | 4> = { a: 1, b: 2, c: 3, d: 4 };
const LETTER = ['', 'A', 'B', 'C', 'D'];
const MONTH_NAME = ['', 'January', 'April', 'July', 'October'];

/**
 * The release a file belongs to: its banner ("2026 ... Relative Value File April Release"), its
 * name (PPRRVU2026_Apr_nonQPP.csv, RVU26B), and the QPP word in either.
 */
export function rvuFileRelease(banner: string, name: string): RvuFileRelease {
  const out: RvuFileRelease = {};
  const b = /(20\d\d)\b.*?relative value file\s+(\w+)\s+release/i.exec(banner);
  const n = /pprrvu(\d{4}|\d{2})(?:[_ -]?([a-z]{3}))?/i.exec(name);
  const z = /(?<![a-z])rvu(\d\d)([abcd])(?![a-z])/i.exec(name);
  const yearText = n?.[1] ?? z?.[1] ?? b?.[1] ?? /(20\d\d)\b.*?relative value file/i.exec(banner)?.[1];
  if (yearText) out.year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  // The name first (CMS's member and zip names carry the release: PPRRVU2026_Jan, RVU26A), then the banner.
  const q = (n?.[2] && QUARTER_OF_MONTH[n[2].toLowerCase()]) || (z && QUARTER_OF_LETTER[z[2].toLowerCase()]) || (b && QUARTER_OF_MONTH[b[2].toLowerCase()]) || undefined;
  if (q) out.quarter = q;
  const words = `${banner} ${name}`;
  if (/non[-_ ]?qpp|non[-_ ]?qualifying/i.test(words)) out.qpp = false;
  else if (/qpp|qualifying apm/i.test(words)) out.qpp = true;
  return out;
}

/** "RVU26B (2026 April release, nonQPP)". */
export function releaseName(r: RvuFileRelease): string {
  if (r.year === undefined) return 'release of unknown date';
  const q = r.quarter ? `RVU${String(r.year).slice(2)}${LETTER[r.quarter]} (${r.year} ${MONTH_NAME[r.quarter]} release` : `${r.year} release (quarter unknown`;
  return `${q}${r.qpp === undefined ? '' : r.qpp ? ', QPP' : ', nonQPP'})`;
}

const MS_PER_DAY = 86_400_000;

/** The first day (days since 1970-01-01) a release prices: 1 January, 1 April, 1 July or 1 October of its year. */
export function releaseFrom(r: RvuFileRelease): number | undefined {
  if (r.year === undefined) return undefined;
  return Date.UTC(r.year, ((r.quarter ?? 1) - 1) * 3, 1) / MS_PER_DAY;
}

/** Two rows of one code and modifier say the same (numbers and indicators). */
export function sameRow(a: RvuRow, b: RvuRow): boolean {
  return (
    a.statusCode === b.statusCode &&
    a.workRvu === b.workRvu &&
    a.facilityTotal === b.facilityTotal &&
    a.nonFacilityTotal === b.nonFacilityTotal &&
    a.nonFacilityPeRvu === b.nonFacilityPeRvu &&
    a.facilityPeRvu === b.facilityPeRvu &&
    a.mpRvu === b.mpRvu &&
    a.conversionFactor === b.conversionFactor &&
    a.pctc === b.pctc &&
    a.globalDays === b.globalDays &&
    a.multipleProcedure === b.multipleProcedure
  );
}

export type ReleaseChoice = { release: RvuRelease } | { reason: string };

/**
 * The release that prices `day` for a provider who is (`qpp`) or is not a qualifying APM
 * participant: the latest loaded release of the day's year in effect on that day, its QPP or
 * nonQPP file (a file that does not say serves both). A date no release covers, or a release with
 * only the other kind's file, gives the reason instead: the caller falls back and says so.
 */
export function releaseOn(releases: readonly RvuRelease[], day: number, qpp: boolean): ReleaseChoice {
  const year = new Date(day * MS_PER_DAY).getUTCFullYear();
  // A file whose date is unknown cannot be checked against the date of service: it serves any date (as before issue 21).
  const undated = releases.filter((r) => r.from === undefined);
  const inForce = releases.filter((r) => r.from !== undefined && r.year === year && r.from <= day);
  if (inForce.length === 0) {
    if (undated.length > 0) return pick(undated, qpp, day);
    const loaded = [...new Set(releases.map((r) => r.name))].join(', ') || 'none';
    return { reason: `no loaded PFS relative value release covers ${isoOf(day)} (loaded: ${loaded}); a release prices its own year from its effective date` };
  }
  const latest = inForce.reduce((n, r) => Math.max(n, r.from!), -Infinity);
  return pick(
    inForce.filter((r) => r.from === latest),
    qpp,
    day,
  );
}

function pick(candidates: readonly RvuRelease[], qpp: boolean, day: number): ReleaseChoice {
  const exact = candidates.find((r) => r.qpp === qpp);
  if (exact) return { release: exact };
  const unmarked = candidates.find((r) => r.qpp === undefined);
  if (unmarked) return { release: unmarked };
  const other = candidates[0];
  return {
    reason: `${other.name} is loaded only with the ${other.qpp ? 'QPP' : 'nonQPP'} conversion factor, but haiClaims.qualifyingApmParticipant is ${qpp} (${qpp ? 'QPP' : 'nonQPP'}), so no loaded file prices ${isoOf(day)}; load that release's ${qpp ? 'QPP' : 'nonQPP'} file or change the setting`,
  };
}

const isoOf = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
