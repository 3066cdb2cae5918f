// Resolves the syntax tree into claims. Pure and total: any tree gives a model.
import type { ServiceLine, SyntaxTree, ValueLine } from '../syntax/nodes';
import { dayNumberToIso, isoToDayNumber } from '../syntax/parser';
import { settingOfPos, type Tables } from '../tables';
import type { ProcedureListing } from '../tables/schema';
import type { ClaimModel, DateModel, DocumentModel, ServiceModel } from './model';

export const MAX_DIAGNOSES = 12;
export const DX_LETTERS = 'ABCDEFGHIJKL';

export function resolveDocument(tree: SyntaxTree, tables: Tables): DocumentModel {
  const claims: ClaimModel[] = [];
  const beforeFirstClaim: DocumentModel['beforeFirstClaim'] = [];
  let claim: ClaimModel | undefined;
  let date: DateModel | undefined;
  const lines = tree.lines;
  // Blocks end at their last statement, not at the blank lines before the next block.
  let lastStatement = 0;

  for (let line = 0; line < lines.length; line++) {
    const node = lines[line];
    if (node.kind === 'blank') continue;
    if (node.kind === 'unknown') {
      lastStatement = line;
      continue;
    }
    const previous = lastStatement;
    lastStatement = line;
    if (node.kind === 'claim') {
      if (claim) finishClaim(claim, previous, date);
      date = undefined;
      claim = {
        index: claims.length,
        line,
        endLine: line,
        node,
        name: node.nameValue,
        diagnoses: [],
        dates: [],
        undatedServices: [],
        repeatedHeaders: [],
      };
      claims.push(claim);
      continue;
    }
    if (!claim) {
      beforeFirstClaim.push({ line, kind: node.kind });
      continue;
    }
    switch (node.kind) {
      case 'payer':
      case 'state':
      case 'pos':
      case 'start':
        setHeader(claim, node.kind, line, node);
        break;
      case 'dx':
        if (node.value) {
          const code = node.value.text.toUpperCase();
          const n = claim.diagnoses.length;
          claim.diagnoses.push({
            letter: n < MAX_DIAGNOSES ? DX_LETTERS[n] : undefined,
            code,
            line,
            node,
            info: tables.diagnosis(code),
          });
        }
        break;
      case 'on':
        if (date) date.endLine = previous;
        date = {
          line,
          node,
          endLine: line,
          calendar: false,
          posFrom: 'none',
          services: [],
          claim,
        };
        claim.dates.push(date);
        break;
      case 'service':
        if (!date) claim.undatedServices.push({ line, node });
        else date.services.push(resolveService(node, line, date, tables));
        break;
    }
  }
  if (claim) finishClaim(claim, lastStatementLine(tree), date);
  for (const c of claims) resolveDates(c, tables);
  return { claims, beforeFirstClaim };
}

function lastStatementLine(tree: SyntaxTree): number {
  for (let i = tree.lines.length - 1; i >= 0; i--) if (tree.lines[i].kind !== 'blank') return i;
  return 0;
}

function finishClaim(claim: ClaimModel, endLine: number, date: DateModel | undefined): void {
  claim.endLine = Math.max(claim.line, endLine);
  if (date) date.endLine = Math.max(date.line, claim.endLine);
}

function setHeader(claim: ClaimModel, kind: 'payer' | 'state' | 'pos' | 'start', line: number, node: ValueLine): void {
  const existing = claim[kind];
  if (existing) {
    claim.repeatedHeaders.push({ line, node, first: existing.line });
    return;
  }
  if (!node.value) return;
  const raw = node.value.text;
  const value = kind === 'state' ? raw.toUpperCase() : raw;
  if (kind === 'start') claim.start = { value, line, node, day: isoToDayNumber(value) };
  else claim[kind] = { value, line, node };
}

function resolveService(node: ServiceLine, line: number, date: DateModel, tables: Tables): ServiceModel {
  const code = node.code.text.toUpperCase();
  const modifiers = node.modifiers.map((m) => m.text.toUpperCase());
  const listings = tables.listings(code);
  return {
    line,
    node,
    code,
    modifiers,
    units: node.unitsValue,
    pointers: node.pointers.map((p) => p.text.toUpperCase()),
    listings,
    listing: pickListing(listings, modifiers),
    date,
  };
}

/**
 * A code listed twice (77002, 76937) is priced by the listing that matches how it is billed: with
 * -26, the "requires -26" imaging listing (professional component); without, the other listing.
 */
export function pickListing(listings: readonly ProcedureListing[], modifiers: readonly string[]): ProcedureListing | undefined {
  if (listings.length <= 1) return listings[0];
  const wants26 = modifiers.includes('26');
  return listings.find((l) => l.requires26 === wants26) ?? listings[0];
}

/** Turns `on` lines into day numbers, places of service and settings. */
function resolveDates(claim: ClaimModel, tables: Tables): void {
  const start = claim.start?.day;
  for (const d of claim.dates) {
    const node = d.node;
    if (node.date) {
      const day = isoToDayNumber(node.date.text);
      if (day !== undefined) {
        d.day = day;
        d.calendar = true;
        d.iso = node.date.text;
      }
    } else if (node.dayNumber) {
      const n = Number(node.dayNumber.text);
      if (start !== undefined) {
        d.day = start + n;
        d.calendar = true;
        d.iso = dayNumberToIso(d.day);
      } else {
        d.day = n;
        d.calendar = false;
      }
    }
    if (node.pos) {
      d.pos = node.pos.text;
      d.posFrom = 'date';
    } else if (claim.pos) {
      d.pos = claim.pos.value;
      d.posFrom = 'claim';
    }
    d.setting = settingOfPos(tables, d.pos);
  }
}

/** True when the claim mixes `day N` with calendar dates and has no `start` to relate them. */
export function mixesDateKinds(claim: ClaimModel): boolean {
  if (claim.start?.day !== undefined) return false;
  const hasCalendar = claim.dates.some((d) => d.node.date);
  const hasRelative = claim.dates.some((d) => d.node.dayNumber);
  return hasCalendar && hasRelative;
}
