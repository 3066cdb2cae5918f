// Small helpers the rules share: spans of tokens and the edits of common quick fixes.
import type { ClaimModel, DateModel, ServiceModel } from '../model/model';
import type { SyntaxTree, Tok } from '../syntax/nodes';
import type { Tables } from '../tables';
import type { ProcedureListing, Setting } from '../tables/schema';
import type { Fix, Span, TextEdit } from './types';

export function span(line: number, tok: { start: number; end: number }): Span {
  return { line, start: tok.start, end: tok.end };
}

export function codeSpan(s: ServiceModel): Span {
  return span(s.line, s.node.code);
}

/** The whole service line from code to its last token, for related information. */
export function serviceSpan(s: ServiceModel): Span {
  return { line: s.line, start: s.node.indent, end: s.node.contentEnd };
}

// Loops, not closures: these run for every line of a claim on each check.
export function hasFlag(s: ServiceModel, flag: ProcedureListing['flags'][number]): boolean {
  for (const l of s.listings) if (l.flags.includes(flag)) return true;
  return false;
}

export function hasAnyModifier(s: ServiceModel, mods: readonly string[]): boolean {
  for (const m of s.modifiers) if (mods.includes(m)) return true;
  return false;
}

/** Inserts `-MOD` after the code's existing modifiers, in the style the line already uses. */
export function addModifierEdit(s: ServiceModel, modifier: string): TextEdit {
  const mods = s.node.modifiers;
  if (mods.length === 0) return { line: s.line, start: s.node.code.end, end: s.node.code.end, newText: `-${modifier}` };
  const last = mods[mods.length - 1];
  const spaced = mods.some((m) => !m.attached);
  return { line: s.line, start: last.end, end: last.end, newText: spaced ? ` -${modifier}` : `-${modifier}` };
}

export function addModifierFix(s: ServiceModel, modifier: string, title: string, preferred = false): Fix {
  return { title, edits: [addModifierEdit(s, modifier)], preferred };
}

/** Removes one modifier with its dash (and the blank before a spaced one). */
export function removeModifierEdit(tree: SyntaxTree, s: ServiceModel, index: number): TextEdit {
  const mod = s.node.modifiers[index];
  const text = tree.texts[s.line] ?? '';
  let start = mod.dash;
  if (!mod.attached) while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return { line: s.line, start, end: mod.end, newText: '' };
}

/** Deletes a whole line, its line break included. */
export function removeLineEdit(tree: SyntaxTree, line: number): TextEdit {
  if (line + 1 < tree.lines.length) return { line, start: 0, endLine: line + 1, end: 0, newText: '' };
  if (line > 0) {
    const prevLen = tree.texts[line - 1]?.length ?? 0;
    return { line: line - 1, start: prevLen, endLine: line, end: tree.texts[line]?.length ?? 0, newText: '' };
  }
  return { line, start: 0, end: tree.texts[line]?.length ?? 0, newText: '' };
}

export function replaceEdit(line: number, tok: Tok, newText: string): TextEdit {
  return { line, start: tok.start, end: tok.end, newText };
}

/** The published allowable of a line's listing in a setting ('NA' when not payable there). */
export function allowableOf(listing: ProcedureListing, setting: Setting): number | 'NA' {
  return setting === 'facility' ? listing.facilityAllowable : listing.nonFacilityAllowable;
}

/**
 * The allowable that prices a billed line in a setting. A line billed -26 under a "requires -26"
 * heading is the professional component, which the fee schedule prices the same in every setting;
 * the guide prints it in the facility column (the non-facility column is the global service,
 * professional plus technical: 74160 $58 vs $230).
 */
export function lineAllowable(s: ServiceModel, setting: Setting): number | 'NA' | undefined {
  const l = s.listing;
  if (!l) return undefined;
  if (l.requires26 && s.modifiers.includes('26') && typeof l.facilityAllowable === 'number') return l.facilityAllowable;
  return allowableOf(l, setting);
}

/**
 * `compute` of the tables and a code, worked out once per tables and code: the tables never change
 * (new settings or files make new ones), and a batch asks the same few codes thousands of times.
 * At most `max` codes are kept per tables (a file of made-up codes is not held in memory).
 */
export function perCode<T>(compute: (tables: Tables, code: string) => T, max = 10_000): (tables: Tables, code: string) => T {
  const memo = new WeakMap<Tables, Map<string, T>>();
  return (tables, code) => {
    let byCode = memo.get(tables);
    if (!byCode) memo.set(tables, (byCode = new Map()));
    if (byCode.has(code)) return byCode.get(code) as T;
    const value = compute(tables, code);
    if (byCode.size >= max) byCode.clear();
    byCode.set(code, value);
    return value;
  };
}

export function isEm(tables: Tables, code: string): boolean {
  return tables.cptSections(code).includes('em');
}

export function isNuclearMedicine(tables: Tables, code: string): boolean {
  return tables.cptSections(code).includes('nuclear-medicine');
}

export function isSurgeryOrImaging(tables: Tables, code: string): boolean {
  const sections = tables.cptSections(code);
  return sections.includes('surgery') || sections.includes('radiology');
}

/** Where the date's place of service is written: the `on ... pos` token, else the claim's `pos` line. */
export function posSpan(date: DateModel): Span | undefined {
  if (date.node.pos) return span(date.line, date.node.pos);
  const claimPos = date.claim.pos;
  if (claimPos?.node.value) return span(claimPos.line, claimPos.node.value);
  return undefined;
}

/**
 * A date as messages, symbols and the estimate name it. An `on` line that holds no date is named by
 * its line, never quoted: free text typed there may be a patient's details.
 */
export function dateLabel(date: DateModel): string {
  if (date.iso) return date.iso;
  if (date.node.dayNumber && /^\d+$/.test(date.node.dayNumber.text)) return `day ${date.node.dayNumber.text}`;
  const text = date.node.date?.text;
  // Shaped as a date but not one on the calendar (2026-02-30): no free text, and the user's own words.
  if (text && /^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  // No line number here: findings keep this text, and a reused claim's findings move lines.
  return '(no date)';
}

/**
 * The groups of a claim's blocks, by the claim's list of blocks: eight rules and the estimate ask
 * for them, once per check of a claim (a list is built whole when its claim is resolved, and its
 * blocks' days are set then; a claim moved in place keeps its blocks).
 */
const groupsOf = new WeakMap<readonly DateModel[], { dates: DateModel[]; services: ServiceModel[] }[]>();

/**
 * A claim's `on` blocks grouped by date of service: two blocks on the same day (a date written
 * twice, or `day 0` and its `start` date) are one date for NCCI edits and MPPR. A block whose
 * date is bad stands alone. Read-only: the groups are shared by everyone who asks.
 */
export function datesOfService(claim: ClaimModel): readonly { readonly dates: DateModel[]; readonly services: ServiceModel[] }[] {
  let groups = groupsOf.get(claim.dates);
  if (!groups) groupsOf.set(claim.dates, (groups = groupDates(claim)));
  return groups;
}

/** Claims of up to this many blocks find a block's date among the groups so far, with no map (most claims; a batch's open groups hundreds). */
const FEW_BLOCKS = 16;

function groupDates(claim: ClaimModel): { dates: DateModel[]; services: ServiceModel[] }[] {
  const out: { dates: DateModel[]; services: ServiceModel[] }[] = [];
  // By day, one map per kind of day: numbers, not strings, as keys (this runs on every keystroke).
  const few = claim.dates.length <= FEW_BLOCKS;
  const calendar = few ? undefined : new Map<number, { dates: DateModel[]; services: ServiceModel[] }>();
  const relative = few ? undefined : new Map<number, { dates: DateModel[]; services: ServiceModel[] }>();
  for (const d of claim.dates) {
    const byDay = d.day === undefined ? undefined : d.calendar ? calendar : relative;
    const g = few ? sameDay(out, d) : byDay?.get(d.day!);
    if (!g) {
      // A date of one block shares the block's list of services (read-only); a second block copies it.
      const group = { dates: [d], services: d.services };
      out.push(group);
      byDay?.set(d.day!, group);
      continue;
    }
    if (g.dates.length === 1) g.services = g.services.slice();
    g.dates.push(d);
    // A loop, not a spread: a date may hold tens of thousands of lines (issue 17).
    for (const s of d.services) g.services.push(s);
  }
  return out;
}

/** The group whose date is `d`'s (the first block of that day and kind of day), if any. */
function sameDay<G extends { dates: DateModel[] }>(groups: readonly G[], d: DateModel): G | undefined {
  if (d.day === undefined) return undefined;
  for (const g of groups) if (g.dates[0].day === d.day && g.dates[0].calendar === d.calendar) return g;
  return undefined;
}

/** The lines of a claim's longest date of service, its same-day blocks together (a host's measure of a check's longest step). */
export function longestDateLines(claim: ClaimModel): number {
  let longest = 0;
  for (const g of datesOfService(claim)) {
    let lines = 0;
    for (const d of g.dates) lines += d.endLine - d.line + 1;
    longest = Math.max(longest, lines);
  }
  return longest;
}
