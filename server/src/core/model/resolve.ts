// Resolves the syntax tree into claims. Pure and total: any tree gives a model.
import { drain } from '../steps';
import type { ClaimLine, OnLine, ServiceLine, SyntaxTree, ValueLine } from '../syntax/nodes';
import { dayNumberToIso, dottedIcd10, isoToDayNumber } from '../syntax/parser';
import { settingOfPos, type Tables } from '../tables';
import type { ProcedureListing } from '../tables/schema';
import type { ClaimModel, DateModel, DocumentModel, ServiceModel } from './model';
import { claimLocalityOf } from './locality';

export const MAX_DIAGNOSES = 12;
export const DX_LETTERS = 'ABCDEFGHIJKL';

export function resolveDocument(tree: SyntaxTree, tables: Tables, defaultLocality?: string): DocumentModel {
  const starts = claimStarts(tree);
  const claims = starts.map((line, i) => resolveClaim(tree, tables, i, line, starts[i + 1] ?? tree.lines.length, undefined, defaultLocality));
  return { claims, beforeFirstClaim: resolvePrologue(tree, starts[0] ?? tree.lines.length) };
}

/** The line of each `claim` statement: a claim runs from its line to the next one (or the end). */
export function claimStarts(tree: SyntaxTree): number[] {
  const starts: number[] = [];
  const lines = tree.lines;
  for (let line = 0; line < lines.length; line++) if (lines[line].kind === 'claim') starts.push(line);
  return starts;
}

/** Statements before the first claim, in lines [0, end). */
export function resolvePrologue(tree: SyntaxTree, end: number): DocumentModel['beforeFirstClaim'] {
  const out: DocumentModel['beforeFirstClaim'] = [];
  for (let line = 0; line < end; line++) {
    const kind = tree.lines[line].kind;
    if (kind !== 'blank' && kind !== 'unknown') out.push({ line, kind });
  }
  return out;
}

/**
 * The claim whose `claim` statement is on line `from`, made of lines [from, to) (`to`: the next
 * claim's line or the end of the document). It reads nothing outside those lines, so a claim's
 * model depends only on its own text: what lets an edit re-resolve just the claim it touched.
 *
 * `previous`: the model of this claim before an edit inside it, on the same first line, resolved
 * with the same tables. A date block whose `on` and service lines are the same nodes on the same
 * lines is taken from it rather than made again (a keystroke in a claim of 10,000 lines makes one
 * block, not 10,000 service models); the dates' days and places are worked out again, since the
 * header may have changed. `previous` is spent: its reused blocks now belong to the new claim.
 */
export function resolveClaim(tree: SyntaxTree, tables: Tables, index: number, from: number, to: number, previous?: ClaimModel, defaultLocality?: string): ClaimModel {
  return drain(resolveClaimSteps(tree, tables, index, from, to, previous, defaultLocality));
}

/** Lines resolved between two steps of resolveClaimSteps: a claim of 60,000 lines is 30 steps of a few milliseconds. */
const RESOLVE_STEP_LINES = 2048;

/** resolveClaim in steps: yields every RESOLVE_STEP_LINES lines, for a host that must not block on a huge claim. */
export function* resolveClaimSteps(tree: SyntaxTree, tables: Tables, index: number, from: number, to: number, previous?: ClaimModel, defaultLocality?: string): Generator<void, ClaimModel> {
  const lines = tree.lines;
  const head = lines[from] as ClaimLine;
  const claim: ClaimModel = {
    index,
    line: from,
    endLine: from,
    node: head,
    name: head.nameValue,
    diagnoses: [],
    dates: [],
    undatedServices: [],
    repeatedHeaders: [],
    resolvedLocality: { problems: [] },
  };
  const blocks = new BlockReuse(previous?.line === from ? previous.dates : [], claim, tables);
  // Blocks end at their last statement, not at the blank lines before the next block.
  let lastStatement = from;

  for (let line = from + 1; line < to; line++) {
    if ((line - from) % RESOLVE_STEP_LINES === 0) yield;
    const node = lines[line];
    if (node.kind === 'blank') continue;
    if (node.kind === 'unknown') {
      lastStatement = line;
      continue;
    }
    const previousStatement = lastStatement;
    lastStatement = line;
    switch (node.kind) {
      case 'payer':
      case 'state':
      case 'pos':
      case 'start':
      case 'locality':
      case 'county':
        setHeader(claim, node.kind, line, node);
        break;
      case 'dx':
        if (node.value) {
          // A dot-less code (`C787`) is read as meant; bad-dx says how to write it.
          const upper = node.value.text.toUpperCase();
          const code = dottedIcd10(upper) ?? upper;
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
        blocks.end(previousStatement);
        blocks.start(line, node);
        break;
      case 'service':
        if (!blocks.open) claim.undatedServices.push({ line, node });
        else blocks.service(line, node);
        break;
    }
  }
  claim.endLine = Math.max(claim.line, lastStatement);
  blocks.end(claim.endLine);
  resolveDates(claim, tables);
  // The one place a claim's locality is resolved (test/architecture/invariants.test.ts).
  claim.resolvedLocality = claimLocalityOf(claim, tables.national, defaultLocality);
  return claim;
}

/**
 * The date blocks of a claim being resolved, each taken from the claim's previous model when its
 * lines are the same (resolveClaim), else made. A block is followed line by line against its old
 * self and made only when a line differs.
 */
class BlockReuse {
  /** The next old block that may match (old blocks are in line order). */
  private next = 0;
  private date?: DateModel;
  /** The old block the open one may be; `matched` of its services seen so far, all the same. */
  private candidate?: DateModel;
  private matched = 0;

  constructor(
    private readonly old: readonly DateModel[],
    private readonly claim: ClaimModel,
    private readonly tables: Tables,
  ) {}

  get open(): boolean {
    return !!this.date || !!this.candidate;
  }

  start(line: number, node: OnLine): void {
    while (this.next < this.old.length && this.old[this.next].line < line) this.next++;
    const old = this.old[this.next];
    if (old && old.line === line && old.node === node) {
      this.candidate = old;
      this.matched = 0;
      return;
    }
    this.date = this.newBlock(line, node);
  }

  service(line: number, node: ServiceLine): void {
    const c = this.candidate;
    if (c) {
      const s = c.services[this.matched];
      if (s && s.node === node && s.line === line) {
        this.matched++;
        return;
      }
      this.make();
    }
    this.date!.services.push(resolveService(node, line, this.date!, this.tables));
  }

  /** Ends the open block, its last statement on `endLine`. */
  end(endLine: number): void {
    const c = this.candidate;
    if (c && this.matched === c.services.length && c.endLine === Math.max(c.line, endLine)) {
      c.claim = this.claim;
      this.claim.dates.push(c);
      this.candidate = undefined;
      return;
    }
    if (c) this.make();
    const d = this.date;
    if (!d) return;
    d.endLine = Math.max(d.line, endLine);
    this.claim.dates.push(d);
    this.date = undefined;
  }

  /** A block made anew (its days and places are set by resolveDates). */
  private newBlock(line: number, node: OnLine): DateModel {
    return { line, node, endLine: line, calendar: false, posFrom: 'none', services: [], claim: this.claim };
  }

  /** The open block differs from its old self: made anew, with the services matched so far. */
  private make(): void {
    const c = this.candidate!;
    const d = this.newBlock(c.line, c.node);
    for (let k = 0; k < this.matched; k++) d.services.push(resolveService(c.services[k].node, c.services[k].line, d, this.tables));
    this.date = d;
    this.candidate = undefined;
  }
}

/**
 * Moves a resolved claim `delta` lines down (up when negative), in place: every line number the
 * model holds. Used when an edit above the claim added or removed lines and the claim is reused.
 */
export function shiftClaim(claim: ClaimModel, delta: number): void {
  claim.line += delta;
  claim.endLine += delta;
  for (const h of [claim.payer, claim.state, claim.pos, claim.start, claim.locality, claim.county]) if (h) h.line += delta;
  for (const dx of claim.diagnoses) dx.line += delta;
  for (const d of claim.dates) {
    d.line += delta;
    d.endLine += delta;
    for (const s of d.services) s.line += delta;
  }
  for (const u of claim.undatedServices) u.line += delta;
  for (const r of claim.repeatedHeaders) {
    r.line += delta;
    r.first += delta;
  }
}

function setHeader(claim: ClaimModel, kind: 'payer' | 'state' | 'pos' | 'start' | 'locality' | 'county', line: number, node: ValueLine): void {
  const existing = claim[kind];
  if (existing) {
    claim.repeatedHeaders.push({ line, node, first: existing.line });
    return;
  }
  if (!node.value) return;
  const raw = node.value.text;
  const value = kind === 'state' ? raw.toUpperCase() : raw;
  if (kind === 'start') claim.start = { value, line, node, day: isoToDayNumber(value) };
  else if (kind === 'county') {
    // `county GA` with no name, or a state that is not two letters, is a syntax error already:
    // it names no county to price in (and its words are not quoted anywhere).
    if (node.name && /^[A-Za-z]{2}$/.test(raw)) claim.county = { value: `${raw.toUpperCase()} ${node.name.text}`, line, node, state: raw.toUpperCase(), name: node.name.text.replace(/\s+/g, ' ').toUpperCase() };
  }
  else claim[kind] = { value, line, node };
}

/**
 * What a service line says, upper-cased, by line node. The parser shares one node among equal
 * lines, so a batch file's thousands of identical lines share these arrays too: read-only by
 * their type, not frozen (V8 reads a frozen array several times slower, and the rules read these
 * on every line).
 */
const serviceWords = new WeakMap<ServiceLine, { code: string; modifiers: readonly string[]; pointers: readonly string[] }>();

function wordsOf(node: ServiceLine): { code: string; modifiers: readonly string[]; pointers: readonly string[] } {
  let words = serviceWords.get(node);
  if (!words) {
    words = {
      code: node.code.text.toUpperCase(),
      modifiers: node.modifiers.map((m) => m.text.toUpperCase()),
      pointers: node.pointers.map((p) => p.text.toUpperCase()),
    };
    serviceWords.set(node, words);
  }
  return words;
}

function resolveService(node: ServiceLine, line: number, date: DateModel, tables: Tables): ServiceModel {
  const { code, modifiers, pointers } = wordsOf(node);
  const listings = tables.listings(code);
  // One literal, no spread: V8 makes it at once (ten thousand of them on a batch's open).
  const service: ServiceModel = { line, node, code, modifiers, units: node.unitsValue, pointers, listings, listing: pickListing(listings, modifiers), date };
  if (unitsUnread(node)) service.unitsUnread = true;
  return service;
}

/** The line's units were written but do not parse (the parser's bad-units problem). */
function unitsUnread(node: ServiceLine): boolean {
  for (const p of node.problems) if (p.rule === 'syntax' && p.data.reason === 'bad-units') return true;
  return false;
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
    // Every field set here: a block reused from the claim's previous model keeps none of its old values.
    d.day = undefined;
    d.calendar = false;
    d.iso = undefined;
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
    d.pos = undefined;
    d.posFrom = 'none';
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
