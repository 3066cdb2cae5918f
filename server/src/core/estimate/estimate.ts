// The estimated Medicare allowable: the published allowable of the date's setting times units,
// less the guide's multiple-procedure reductions (endnotes a and b), with denied lines at $0.
// National amounts, unless the claim has a locality and the GPCI and PFS files are loaded (then
// GPCI-adjusted), and drugs at the ASP limit of the date's quarter when ASP files are loaded
// (local-price.ts); every line says which.
import type { ClaimModel, DateModel, DocumentModel, ServiceModel } from '../model/model';
import type { NationalReason } from '../model/locality';
import { payerOf, pricedPayerNames } from '../payers';
import type { Finding } from '../rules/types';
import { dateLabel, datesOfService, lineAllowable } from '../rules/util';
import type { Tables } from '../tables';
import type { ProcedureListing, Setting } from '../tables/schema';
import { isProcedureCodeForm } from '../syntax/parser';
import { applyOppsCap } from './opps-cap';
import { denyAddOnsOfDeniedPrimaries } from './denied-primary';
import { applyNonParticipation } from './participation';
import { localLinePrice, pfsReleaseOf, pfsTablesOn, rvuNotInForce, type LinePrice, type PfsProvenance } from './local-price';
import { localityProblemTexts, nationalText } from '../rules/locality';
import { localFee, type ResolvedLocality } from './locality';
import { applyPaymentModifiers, foldEndoscopyFamilies, mpprOf, rightLeftPairs, technicalComponentPrice } from './pfs-modifiers';

export interface Adjustment {
  /** `zero`: the guide prints $0 for the code in this setting (the line is paid, at $0, and says why). */
  kind: 'mppr-surgery' | 'mppr-imaging' | 'intra-op' | 'denied' | 'not-payable' | 'unpriced' | 'zero' | 'opps-cap' | 'non-participating' | PfsModifierKind;
  /** Dollars taken off (positive), 0 for notes that change nothing. */
  amount: number;
  reason: string;
}

/** A payment modifier or PFS indicator applied to the line (-50, -80/-AS, -62, -66, MULT PROC): pfs-modifiers.ts. */
export type PfsModifierKind = 'bilateral' | 'assistant' | 'co-surgeon' | 'team' | 'indicator';

export interface LineEstimate {
  line: number;
  code: string;
  modifiers: string[];
  units: number;
  /** Units over a per-date limit that are not paid. */
  deniedUnits?: number;
  /** Published allowable for one unit in the date's setting, when there is one. */
  unitAllowable?: number;
  /** unitAllowable x units, before reductions. */
  base: number;
  adjustments: Adjustment[];
  amount: number;
  status: 'paid' | 'reduced' | 'denied' | 'not-payable' | 'unpriced';
  /** Where the price came from. */
  source?: string;
  /** 'locality': GPCI-adjusted for the claim's locality; 'asp': the drug's ASP limit for the date's quarter; undefined: national. */
  basis?: 'locality' | 'asp';
  /** The national unit price this line's local or ASP price replaced (hover and lenses show both). */
  nationalUnitAllowable?: number;
  nationalSource?: string;
  /** Why the line kept its national price although local data was asked for. */
  note?: string;
  /** A nonparticipating provider's limiting charge for the line (issue 22): 115% of its nonparticipating amount. */
  limitingCharge?: number;
  /** An ASP-priced line's quarter and file. */
  aspQuarter?: { quarter: string; file: string };
}

/** Where a claim's amounts came from, as data (issue 21): hosts and notes read it, nothing parses strings. */
export interface EstimateProvenance {
  payer: string;
  guide: string;
  /** The locality priced in, and the files that placed and adjusted it. */
  locality?: { id: string; label: string; via: ResolvedLocality['via']; gpciFile: string; countyFile?: string };
  /** Why amounts are national, when the claim has no locality: the kind, and its words (messages.ts). */
  national?: NationalReason;
  nationalBecause?: string;
  /** The PFS releases that priced the claim's dates, each with its conversion factor. */
  pfs: readonly PfsProvenance[];
  /** The ASP quarters that priced its drug lines. */
  asp: readonly { quarter: string; file: string }[];
}

/** One date of service: its `on` blocks (a date written in two blocks is one date, with one total). */
export interface DateEstimate {
  /** The first `on` line of the date. */
  line: number;
  /** Every `on` line of the date, the first included. */
  blockLines: number[];
  label: string;
  setting?: Setting;
  pos?: string;
  lines: LineEstimate[];
  total: number;
}

export interface ClaimEstimate {
  claim: number;
  line: number;
  name: string;
  dates: DateEstimate[];
  total: number;
  /** Why the estimate is incomplete or not made (non-Medicare payer, unpriced lines). */
  notes: string[];
  /**
   * Set when the claim is not priced at all (a payer the tables do not cover): the reason. Its
   * `total` is then not an amount: show "not estimated" with this reason, never $0.00.
   */
  notEstimated?: string;
  /** The locality the claim is priced in, when it is. */
  locality?: { id: string; label: string; via: ResolvedLocality['via'] };
  /** Where the amounts came from (absent when the claim is not estimated). */
  provenance?: EstimateProvenance;
}

export interface EstimateOptions {
  /** haiClaims.qualifyingApmParticipant: price with the QPP conversion factor's PFS file (issue 21). */
  qualifyingApmParticipant?: boolean;
  /** haiClaims.participating (default true): false prices the nonparticipating amount and its limiting charge. */
  participating?: boolean;
}

const cents = (n: number): number => Math.round(n * 100) / 100;

/** PFS status codes paid from their RVUs (active, restricted, paid only when no other service is). */
const PAID_STATUS = new Set(['A', 'R', 'T']);

export function estimateDocument(model: DocumentModel, tables: Tables, findings: readonly Finding[], options: EstimateOptions = {}): ClaimEstimate[] {
  const denials = denialsOf(findings);
  return model.claims.map((c) => estimateClaim(c, tables, denials, options));
}

/** The text a host shows for a claim's total: the amount, or "not estimated" (never $0.00 for a claim not priced). */
export function claimTotalText(c: ClaimEstimate, money: (n: number) => string): string {
  return c.notEstimated === undefined ? money(c.total) : 'not estimated';
}

/** One claim's estimate, from the findings on its lines (claims are priced independently). */
export function estimateOneClaim(claim: ClaimModel, tables: Tables, findings: readonly Finding[], options: EstimateOptions = {}): ClaimEstimate {
  return estimateClaim(claim, tables, denialsOf(findings), options);
}

/** Denials whose reason is not a failed check but a payer's policy: said in those words. */
const DENIAL_REASONS: Record<string, string> = {
  'consult-medicare': 'Medicare does not pay consultation codes (the consult-medicare check): bill the visit code instead.',
  'em-multiple': 'Denied by the em-multiple check: Medicare pays one E/M visit per date by one physician (the higher-priced, or beside a procedure the one billed -25); this one is not paid.',
  'em-needs-25': "Denied by the em-needs-25 check: the visit is included in the same day's procedure unless billed -25 (significant, separately identifiable).",
  'gz-no-abn': 'Denied by the gz-no-abn check: Medicare denies a -GZ line (no ABN on file), provider liable.',
  'telehealth-not-allowed': 'Denied by the telehealth-not-allowed check: the service is not on the telehealth list, so it is not paid by telehealth.',
  'bad-modifier': 'Not paid as billed (the bad-modifier check): a line with an invalid modifier is returned as unprocessable.',
};

function denialsOf(findings: readonly Finding[]): Map<number, Finding> {
  const denials = new Map<number, Finding>();
  for (const f of findings) {
    // A bad date makes its block's lines unbillable: the bad-date finding names them (deniesLines).
    for (const line of f.deniesLines ?? []) if (!denials.has(line) || denials.get(line)!.deniesUnits !== undefined) denials.set(line, f);
    if (f.deniesLine === undefined) continue;
    const seen = denials.get(f.deniesLine);
    // A finding that denies the whole line outweighs one that denies some of its units.
    if (!seen || (seen.deniesUnits !== undefined && f.deniesUnits === undefined)) denials.set(f.deniesLine, f);
  }
  return denials;
}

function estimateClaim(claim: ClaimModel, loaded: Tables, denials: Map<number, Finding>, options: EstimateOptions): ClaimEstimate {
  const notes: string[] = [];
  const payer = payerOf(claim);
  // The payer's own tables price its claims; a payer with none (or no entry) is not priced.
  const tables = payer?.estimate ? payer.tables(loaded) : undefined;
  if (!payer || !tables) {
    // Loud, never $0.00. The payer is not quoted: a value typed there may be a patient's name
    // (issue 17); it is named by its line, as `check` names what it found.
    const reason = `Not estimated: this claim's payer (line ${(claim.payer?.line ?? claim.line) + 1}) is not covered (the tables cover ${pricedPayerNames()} only), so its lines were not priced and its billing checks were skipped.`;
    notes.push(reason);
    return { claim: claim.index, line: claim.line, name: claim.name, dates: [], total: 0, notes, notEstimated: reason };
  }
  if (!claim.payer) notes.push(`This claim has no payer line: it is priced as a ${payer.displayName} claim (assumed).`);
  if (payer.contractNote) notes.push(payer.contractNote);
  // Resolved once, by the model builder (model/locality.ts): the rules and hover read the same.
  const locality = claim.resolvedLocality.locality;
  // Each date is priced by the PFS release in effect on it (issue 21).
  const pfsOn = new Map(claim.dates.map((d) => [d, pfsTablesOn(tables, d, options.qualifyingApmParticipant ?? false)]));
  const priced = new Map(claim.dates.map((d) => [d, priceDate(d, pfsOn.get(d)!, denials, locality)]));
  // An add-on whose primaries on its date are all denied is denied too (issue 22).
  const byLine = new Map([...priced.values()].flatMap((p) => p.estimate.lines.map((l) => [l.line, l] as const)));
  for (const group of datesOfService(claim)) denyAddOnsOfDeniedPrimaries(group.dates, group.services, byLine, tables);
  // MPPR ranks every procedure of one date of service, even when the date is written in two blocks.
  for (const group of datesOfService(claim)) {
    const eligible = group.dates.flatMap((d) => priced.get(d)!.eligible).filter((e) => e.est.status !== 'denied');
    const surgical = foldEndoscopyFamilies(eligible.filter((e) => e.flag === 'a'), tables);
    applySurgicalMppr(surgical.group, tables);
    surgical.settle();
    applyImagingMppr(eligible.filter((e) => e.flag === 'b'), tables, locality);
  }
  // The OPPS cap on non-facility imaging, after MPPR (opps-cap.ts).
  for (const [d, p] of priced) applyOppsCap(p.estimate, d, tables, locality);
  if (options.participating === false) {
    applyNonParticipation([...byLine.values()], tables);
    const p = tables.reference.cmsPolicies.participation;
    notes.push(`Nonparticipating provider (haiClaims.participating is false): each paid line is ${p.nonParticipatingPercent}% of the fee schedule amount, and its limiting charge ${p.limitingChargePercent}% of that (${p.source}).`);
  }
  // One estimate per date of service: a date written in two `on` blocks is one date, one total.
  const dates = datesOfService(claim).map((group) => finishDate(mergeBlocks(group.dates.map((d) => priced.get(d)!.estimate))));
  const unpriced = dates.flatMap((d) => d.lines).filter((l) => l.status === 'unpriced').length;
  if (unpriced > 0) notes.push(`${unpriced} line${unpriced === 1 ? '' : 's'} could not be priced; the total leaves ${unpriced === 1 ? 'it' : 'them'} out.`);
  for (const n of localityNotes(dates, claim, tables, payer.estimateNote)) notes.push(n);
  const provenance = provenanceOf(payer.displayName, tables, claim, [...pfsOn.values()], dates);
  // The conversion factor, said wherever the estimate goes, once local amounts used it.
  const local = dates.some((d) => d.lines.some((l) => l.basis === 'locality'));
  for (const p of local ? provenance.pfs : []) if (p.conversionFactor !== undefined) notes.push(`PFS ${p.release}: conversion factor ${p.conversionFactor} (${p.files.join(', ')}).`);
  return {
    claim: claim.index,
    line: claim.line,
    name: claim.name,
    dates,
    total: cents(dates.reduce((n, d) => n + d.total, 0)),
    notes,
    locality: locality && { id: locality.id, label: locality.label, via: locality.via },
    provenance,
  };
}

function provenanceOf(payer: string, tables: Tables, claim: ClaimModel, dated: readonly Tables[], dates: readonly DateEstimate[]): EstimateProvenance {
  const loc = claim.resolvedLocality.locality;
  const pfs = new Map<string, PfsProvenance>();
  for (const t of dated) {
    const p = pfsReleaseOf(t);
    if (p) pfs.set(p.release, p);
  }
  const asp = new Map<string, { quarter: string; file: string }>();
  for (const d of dates) for (const l of d.lines) if (l.aspQuarter) asp.set(l.aspQuarter.file, l.aspQuarter);
  return {
    payer,
    guide: tables.guideSource.label,
    locality: loc && { id: loc.id, label: loc.label, via: loc.via, gpciFile: loc.gpci.source.label, countyFile: loc.area?.source.label },
    national: loc ? undefined : claim.resolvedLocality.national,
    nationalBecause: loc ? undefined : nationalText(claim, tables),
    pfs: [...pfs.values()],
    asp: [...asp.values()],
  };
}

/** Which amounts are local, which national and why: one note each, never a silent national figure. */
function localityNotes(dates: DateEstimate[], claim: ClaimModel, tables: Tables, nationalNote: string): string[] {
  const notes: string[] = [];
  const lines = dates.flatMap((d) => d.lines);
  const locality = claim.resolvedLocality.locality;
  const priced = lines.filter((l) => l.unitAllowable !== undefined);
  if (locality) {
    const local = priced.filter((l) => l.basis === 'locality').length;
    const national = priced.filter((l) => l.basis === undefined).length;
    // A county is named only when the file names it: any other word may be free text.
    const county = locality.area?.covers === 'listed' ? ` (county ${locality.county})` : ' (the county named, by its state\'s row)';
    const how = locality.via === 'county' ? county : locality.via === 'default' ? ' (haiClaims.defaultLocality)' : '';
    notes.push(`Priced in locality ${locality.label}${how}: ${local} line${local === 1 ? '' : 's'} GPCI-adjusted with ${locality.gpci.source.label}${national > 0 ? `; ${national} at the national amount (see why below)` : ''}.`);
  } else {
    // The payer's note ("National Medicare allowables (no geographic adjustment).") and why.
    notes.push(`${nationalNote.replace(/\.$/, '')}: ${nationalText(claim, tables) ?? 'no locality'}.`);
  }
  // The locality's problems (an unknown locality, a county in none, a state mismatch, a default
  // in another state): the findings say them in the editor; the estimate says them wherever it goes.
  for (const text of localityProblemTexts(claim, tables)) notes.push(text);
  const asp = priced.filter((l) => l.basis === 'asp');
  if (asp.length > 0) {
    const files = [...new Set(asp.map((l) => l.aspQuarter?.file ?? ''))];
    notes.push(`${asp.length} drug line${asp.length === 1 ? '' : 's'} at the ASP payment limit of the date's quarter: ${files.join('; ')}.`);
  }
  for (const note of new Set(lines.map((l) => l.note).filter((n): n is string => !!n))) notes.push(note);
  return notes;
}

type Priced = LinePrice;

/** A line's unit price: national (the guide, else the PFS file), then localised where the data allows. */
export function linePrice(s: ServiceModel, date: DateModel, tables: Tables, locality: ResolvedLocality | undefined): LinePrice {
  return localLinePrice(s, date, price(s, date.setting, tables), tables, locality);
}

function price(s: ServiceModel, setting: Setting | undefined, tables: Tables): Priced {
  const date = s.date;
  if (date.day === undefined) {
    // Never price a line whose date was not read: which year's tables, which global period?
    return { adjustment: { kind: 'unpriced', amount: 0, reason: `Not priced: the \`on\` line (line ${date.line + 1}) has no valid date (bad-date). Write it as YYYY-MM-DD or day N to price its lines.` } };
  }
  if (s.unitsUnread) {
    // Never price a line on units it does not say (issue 22): x0 or x2.5 is not "1 unit".
    return { adjustment: { kind: 'unpriced', amount: 0, reason: `Not priced: the units on line ${s.line + 1} do not read (syntax). Write x followed by a whole number from 1 to 999, e.g. x2, to price the line.` } };
  }
  if (!setting) {
    const where = date.posFrom === 'date' ? date.line : date.posFrom === 'claim' ? date.claim.pos?.line : undefined;
    const reason =
      where === undefined
        ? 'No place of service for this date, so neither the facility nor the non-facility rate applies. Add a pos line (the missing-pos check).'
        : `The place of service on line ${where + 1} is not a CMS place-of-service code the tables know, so neither the facility nor the non-facility rate applies. Correct the place of service (the unknown-pos check).`;
    return { adjustment: { kind: 'unpriced', amount: 0, reason } };
  }
  const tc = technicalComponentPrice(tables, s, setting);
  if (tc) return tc.unit !== undefined ? { unit: tc.unit, source: tc.source } : { source: tables.guideSource.label, adjustment: { kind: 'unpriced', amount: 0, reason: tc.reason ?? '' } };
  const a = lineAllowable(s, setting);
  if (a !== undefined) {
    const where = setting === 'facility' ? 'facility' : 'non-facility';
    if (a === 'NA') {
      return { source: tables.guideSource.label, adjustment: { kind: 'not-payable', amount: 0, reason: `NA in this setting: the guide prints NA for ${s.code} in the ${where} setting, so it is not payable here.` } };
    }
    if (a === 0) {
      // Every $0 line says why (issue 13): here the guide itself publishes $0.
      const why = s.listing?.pricingExceptions.find((e) => e.setting === setting)?.reason;
      return { unit: 0, source: tables.guideSource.label, zero: `The guide prints $0 for ${s.code} in the ${where} setting.${why ? ` ${why}` : ''}` };
    }
    return { unit: a, source: tables.guideSource.label };
  }
  const rvu = tables.national.rvu;
  const component = s.modifiers.find((m) => m === '26' || m === 'TC');
  const row = rvu?.lookup(s.code, component);
  if (row) {
    const label = row.source.label;
    // Status codes: A, R and T are paid from the RVUs; C is priced by the contractor; the rest are not paid under the fee schedule.
    if (row.statusCode === 'C') return { source: label, adjustment: { kind: 'unpriced', amount: 0, reason: `${s.code} is contractor-priced (status C in ${label}): the MAC sets its amount.` } };
    if (!PAID_STATUS.has(row.statusCode)) {
      return { source: label, adjustment: { kind: 'not-payable', amount: 0, reason: `${s.code} has status ${row.statusCode || '(none)'} in ${label}: not separately paid under the fee schedule.` } };
    }
    const total = setting === 'facility' ? row.facilityTotal : row.nonFacilityTotal;
    if (total === 'NA') return { source: label, adjustment: { kind: 'not-payable', amount: 0, reason: `${label} has no ${setting === 'facility' ? 'facility' : 'non-facility'} RVUs for ${s.code}.` } };
    return { unit: cents(total * row.conversionFactor), source: `${label} (${total} RVUs x ${row.conversionFactor})` };
  }
  if (component && rvu?.lookup(s.code)) {
    return { adjustment: { kind: 'unpriced', amount: 0, reason: `${rvu.source.label} has no -${component} row for ${s.code}, so -${component} is not priced.` } };
  }
  // Say what to do (issue 13): load the fee-schedule file, or check the code when it is loaded.
  const absent = rvuNotInForce(tables);
  if (absent) return { adjustment: { kind: 'unpriced', amount: 0, reason: `${s.code} is not in the guide, and ${absent}, so it is not priced.` } };
  const todo = rvu ? 'check the code' : "load CMS's PFS relative value file (haiClaims.data.pfsRvu) to price it";
  return { adjustment: { kind: 'unpriced', amount: 0, reason: `${s.code} is in no loaded fee table, so it is not priced: ${todo}.` } };
}

interface Eligible {
  est: LineEstimate;
  s: ServiceModel;
  flag: 'a' | 'b';
}

/** A modifier as the estimate shows it: two letters or digits; anything else is shown as `invalid`, never echoed. */
const MODIFIER_FORM = /^[A-Z0-9]{2}$/;
export const INVALID_WORD = 'invalid';

/** Prices a date's lines before the multiple-procedure reductions; returns the lines MPPR may reduce. */
function priceDate(date: DateModel, tables: Tables, denials: Map<number, Finding>, locality: ResolvedLocality | undefined): { estimate: DateEstimate; eligible: Eligible[] } {
  const lines: LineEstimate[] = [];
  const eligible: Eligible[] = [];
  const sides = rightLeftPairs(tables, date.services);
  for (const s of date.services) {
    const p = linePrice(s, date, tables, locality);
    const est: LineEstimate = {
      line: s.line,
      // Only code-shaped words are shown: the rest may be whatever was typed (a name,
      // an escape sequence: issue 26), and bad-code/bad-modifier already say where.
      code: isProcedureCodeForm(s.code) ? s.code : INVALID_WORD,
      modifiers: s.modifiers.map((m) => (MODIFIER_FORM.test(m) ? m : INVALID_WORD)),
      units: s.units,
      unitAllowable: p.unit,
      base: p.base ?? cents((p.unit ?? 0) * s.units),
      adjustments: [],
      amount: 0,
      status: 'paid',
      source: p.source,
      basis: p.basis,
      nationalUnitAllowable: p.national?.unit,
      nationalSource: p.national?.source,
      note: p.note,
      ...(p.aspQuarter ? { aspQuarter: p.aspQuarter } : {}),
    };
    lines.push(est);
    const denial = denials.get(s.line);
    const deniedUnits = denial?.deniesUnits !== undefined ? Math.min(denial.deniesUnits, s.units) : undefined;
    if (denial && deniedUnits === undefined) {
      const what = denial.rule === 'bad-date' ? ': the date of service is not a valid date' : '';
      est.adjustments.push({ kind: 'denied', amount: est.base, reason: DENIAL_REASONS[denial.rule] ?? `Denied by the ${denial.rule} check${what}.` });
      est.status = 'denied';
      continue;
    }
    if (p.adjustment) {
      est.adjustments.push(p.adjustment);
      est.status = p.adjustment.kind === 'unpriced' ? 'unpriced' : 'not-payable';
      continue;
    }
    est.amount = est.base;
    if (p.zero) est.adjustments.push({ kind: 'zero', amount: 0, reason: p.zero });
    if (s.modifiers.includes('78')) applyReturnToOr(est, s, tables);
    if (!applyPaymentModifiers(est, s, tables, sides.get(s))) continue;
    if (denial && deniedUnits) {
      // Units over a per-date limit are denied; the rest of the line is paid (and ranked) as usual.
      const cut = cents((p.unit ?? 0) * deniedUnits);
      est.adjustments.push({ kind: 'denied', amount: cut, reason: `${deniedUnits} unit${deniedUnits === 1 ? '' : 's'} denied by the ${denial.rule} check.` });
      est.amount -= cut;
      est.deniedUnits = deniedUnits;
    }
    const { flag, note } = mpprOf(tables, s);
    if (note) est.adjustments.push({ kind: 'indicator', amount: 0, reason: note });
    if (flag) eligible.push({ est, s, flag });
  }
  // A place of service is shown when it is a code (two digits); other text typed there is not quoted.
  const pos = date.pos !== undefined && /^\d{2}$/.test(date.pos) ? date.pos : undefined;
  const estimate = { line: date.line, blockLines: [date.line], label: dateLabel(date), setting: date.setting, pos, lines, total: 0 };
  return { estimate, eligible };
}

/** The blocks of one date of service as one date: the first block's label, setting and line. */
function mergeBlocks(blocks: DateEstimate[]): DateEstimate {
  if (blocks.length === 1) return blocks[0];
  const first = blocks[0];
  return { ...first, blockLines: blocks.map((b) => b.line), lines: blocks.flatMap((b) => b.lines) };
}

/**
 * A -78 return to the operating room is paid at the intra-operative share of the procedure (CMS,
 * Pub. 100-04, Ch. 12, section 40.2): the PFS file's INTRA OP percentage. Without the file the share is
 * not known: the line keeps the guide's figure, and a note says so.
 */
function applyReturnToOr(est: LineEstimate, s: ServiceModel, tables: Tables): void {
  const cms = tables.reference.cmsPolicies.globalSurgery.source;
  const rvu = tables.national.rvu;
  const row = rvu?.lookup(s.code);
  if (row?.intraOp !== undefined && row.intraOp > 0 && est.unitAllowable !== undefined) {
    const unit = cents(est.unitAllowable * row.intraOp);
    const cut = cents(est.base - unit * s.units);
    est.amount -= cut;
    // MPPR then ranks and reduces the intra-operative amount.
    est.unitAllowable = unit;
    est.adjustments.push({ kind: 'intra-op', amount: cut, reason: `-78: Medicare pays only the intra-operative share of a return to the operating room, ${Math.round(row.intraOp * 10000) / 100}% (INTRA OP in ${row.source.label}; ${cms}).` });
    return;
  }
  est.adjustments.push({
    kind: 'intra-op',
    amount: 0,
    reason: `-78: Medicare pays only the intra-operative share of a return to the operating room (${cms}); that share is in CMS's PFS relative value file${rvu ? `, which has no INTRA OP share for ${s.code}` : ', which is not loaded (haiClaims.data.pfsRvu)'}, so the line is priced at the full figure.`,
  });
}

function finishDate(date: DateEstimate): DateEstimate {
  for (const l of date.lines) {
    l.amount = cents(l.amount);
    if (l.status === 'paid' && l.amount < l.base) l.status = 'reduced';
  }
  date.total = cents(date.lines.reduce((n, l) => n + l.amount, 0));
  return date;
}

/**
 * Each unit is a procedure: units are ranked by price, the first paid in full, the rest at the
 * endnote's percent. Ranked by line, not unit by unit (a line's units are adjacent in the
 * ranking): O(n log n) in the lines whatever their units. Returns each line's units ranked 2nd or
 * later, in ranking order, and how many units are ranked in all.
 */
function rankUnits<G extends { est: LineEstimate }>(group: readonly G[]): { later: { g: G; count: number }[]; total: number } {
  const order = group.filter((g) => g.est.units - (g.est.deniedUnits ?? 0) > 0);
  order.sort((x, y) => (y.est.unitAllowable ?? 0) - (x.est.unitAllowable ?? 0) || x.est.line - y.est.line);
  const later: { g: G; count: number }[] = [];
  let total = 0;
  for (const g of order) {
    const units = g.est.units - (g.est.deniedUnits ?? 0);
    const count = total === 0 ? units - 1 : units;
    total += units;
    if (count > 0) later.push({ g, count });
  }
  return { later, total };
}

function applySurgicalMppr(group: { est: LineEstimate }[], tables: Tables): void {
  const paid = tables.guide.mppr.surgicalSecondaryPercentPaid;
  const { later, total } = rankUnits(group);
  if (total < 2) return;
  for (const { g, count } of later) {
    const est = g.est;
    const cut = cents(count * (est.unitAllowable ?? 0) * (1 - paid / 100));
    est.amount -= cut;
    est.adjustments.push({
      kind: 'mppr-surgery',
      amount: cut,
      reason: `MPPR (endnote a): ${count === est.units && count === 1 ? 'a 2nd or later procedure' : `${count} unit${count === 1 ? '' : 's'} ranked 2nd or later`} on this date, paid at ${paid}%.`,
    });
  }
}

function applyImagingMppr(group: { est: LineEstimate; s: ServiceModel }[], tables: Tables, locality: ResolvedLocality | undefined): void {
  // CMS's figures (50% TC, 5% PC since 2017, CR 9647), not the guide's outdated 25% PC (an erratum).
  const cms = tables.reference.cmsPolicies.imagingMppr;
  const { tcReductionPercent: tcCut, pcReductionPercent: pcCut } = cms;
  const { later, total } = rankUnits(group);
  if (total < 2) return;
  for (const { g, count } of later) {
    const { est, s } = g;
    const unit = est.unitAllowable ?? 0;
    const { pc, tc, how } = splitComponents(s, unit, tables, est.basis === 'locality' ? locality : undefined);
    const cut = cents((pc * pcCut + tc * tcCut) / 100);
    // One reduction per unit ranked 2nd or later.
    for (let i = 0; i < count; i++) {
      est.amount -= cut;
      est.adjustments.push({
        kind: 'mppr-imaging',
        amount: cut,
        reason: `Imaging MPPR (endnote b; MULT PROC 4): 2nd or later imaging procedure on this date; ${pcCut}% off the professional component${tc > 0 ? ` and ${tcCut}% off the technical component` : ''} (${how}); CMS's current figures (MULT PROC 4; CR 9647, from 2017). Guide erratum: endnote b's ${cms.guidePcReductionPercent}% PC reduction is outdated.`,
      });
    }
  }
}

/** The professional and technical parts of one unit's price, for the imaging reduction. */
function splitComponents(s: ServiceModel, unit: number, tables: Tables, locality?: ResolvedLocality): { pc: number; tc: number; how: string } {
  if (s.modifiers.includes('26')) return { pc: unit, tc: 0, how: 'billed -26: professional component only' };
  if (s.modifiers.includes('TC')) return { pc: 0, tc: unit, how: 'billed -TC: technical component only' };
  if (locality && s.date.setting) {
    // A locally priced global service: its professional part at the -26 row's local amount, so
    // the split does not mix a national part with a local whole.
    const pcRow = tables.national.rvu?.lookup(s.code, '26');
    const fee = pcRow && localFee(pcRow, locality.gpci, s.date.setting);
    if (pcRow && fee && 'ok' in fee && fee.ok.amount < unit) {
      const pc = fee.ok.amount;
      return { pc, tc: cents(unit - pc), how: `global service: professional part taken as the -26 row's $${pc} in ${locality.label} (${pcRow.source.label}), technical part as the rest` };
    }
  }
  if (!s.listing) {
    // A code from the PFS file: its -26 row prices the professional part.
    const pcRow = tables.national.rvu?.lookup(s.code, '26');
    const total = pcRow && (s.date.setting === 'facility' ? pcRow.facilityTotal : pcRow.nonFacilityTotal);
    if (pcRow && typeof total === 'number' && cents(total * pcRow.conversionFactor) < unit) {
      const pc = cents(total * pcRow.conversionFactor);
      return { pc, tc: unit - pc, how: `global service: professional part taken as the -26 row's $${pc} in ${pcRow.source.label}, technical part as the rest` };
    }
  }
  const listing: ProcedureListing | undefined = s.listing;
  const pcPrice = listing && listing.requires26 && typeof listing.facilityAllowable === 'number' ? listing.facilityAllowable : undefined;
  if (pcPrice !== undefined && pcPrice < unit) {
    return { pc: pcPrice, tc: unit - pcPrice, how: `global service: professional part taken as the guide's -26 price $${pcPrice}, technical part as the rest` };
  }
  return { pc: unit, tc: 0, how: 'no technical part is priced separately' };
}
