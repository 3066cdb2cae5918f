// Completion by context: keywords, procedure codes (by code or by words of the description, the
// current phase first), diagnoses after `dx`, modifiers after `-`, pointer letters, places of
// service, states, and dates after `on`.
import {
  CompletionItemKind,
  InsertTextFormat,
  type CompletionItem,
  type CompletionList,
  type Range,
} from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import type { ClaimModel, DateModel } from '../model/model';
import { DEFAULT_PAYER, PAYERS, pricedPayerNames } from '../payers';
import { dayNumberToIso } from '../syntax/parser';
import type { Tables } from '../tables';
import type { PhaseId, ProcedureListing, Setting } from '../tables/schema';
import { opensGlobalPeriod } from '../rules/global-period';
import { codeKind, misfit } from '../rules/modifier-fit';
import { listingDetail } from './describe';
import { countyItems, localityItems } from './locality-completion';
import { clampPosition, contextAt, lastAtOrBefore } from './locate';

export const COMPLETION_TRIGGERS = ['-', ' ', ',', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

const KEYWORD_SNIPPETS: { label: string; snippet: string; doc: string }[] = [
  { label: 'claim', snippet: 'claim "${1:name}"', doc: 'Starts a claim: every line up to the next `claim` belongs to it.' },
  { label: 'payer', snippet: `payer \${1:${DEFAULT_PAYER.id}}`, doc: `The payer. v1 has tables for ${pricedPayerNames()} only.` },
  { label: 'state', snippet: 'state ${1:GA}', doc: "The billing provider's USPS state: MAC jurisdiction and LCA coverage." },
  { label: 'pos', snippet: 'pos ${1:11}', doc: 'Place of service: decides facility or non-facility rates.' },
  { label: 'start', snippet: 'start ${1:2026-01-01}', doc: 'Anchor date for `on day N`.' },
  { label: 'dx', snippet: 'dx ${1:C78.7}', doc: 'An ICD-10-CM diagnosis, lettered A, B, C... in order.' },
  { label: 'on', snippet: 'on ${1:day 0}', doc: 'The date of service of the lines below: a date or `day N`.' },
  { label: 'locality', snippet: 'locality ${1:10212-01}', doc: "The MAC locality the claim is priced in (MAC-locality, as CMS's GPCI file lists it). Needs haiClaims.data.gpci." },
  { label: 'county', snippet: 'county ${1:GA} ${2:FULTON}', doc: "The county of service: its locality comes from CMS's locality-to-county file (haiClaims.data.localities)." },
];

const MAX_ITEMS = 200;

interface Ctx {
  analysis: Analysis;
  tables: Tables;
  line: number;
  character: number;
  claim?: ClaimModel;
  date?: DateModel;
  setting?: Setting;
  defaults: { state?: string; pos?: string };
}

function range(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

export function doComplete(analysis: Analysis, atLine: number, atCharacter: number): CompletionList {
  // A file that was not parsed (over maxFileBytes) offers nothing, like every other feature.
  if (analysis.tree.texts.length === 0) return { isIncomplete: false, items: [] };
  const { line, character } = clampPosition(analysis, atLine, atCharacter);
  const text = analysis.tree.texts[line] ?? '';
  const before = text.slice(0, character);
  const lc = contextAt(analysis, line);
  // A new line below a block belongs to the block above it: the context of the nearest line
  // above that is in a claim (the last line of the claim before this line), found by binary
  // search rather than by walking up line by line.
  let { claim, date } = lc;
  if (!claim && line > 0) {
    const above = contextAt(analysis, lastClaimLineBefore(analysis, line));
    ({ claim, date } = above);
  }
  const ctx: Ctx = {
    analysis,
    tables: analysis.tables,
    line,
    character,
    claim,
    date,
    setting: date?.setting,
    defaults: { state: analysis.settings.defaultState, pos: analysis.settings.defaultPos },
  };
  const items = complete(ctx, before);
  return { isIncomplete: items.incomplete, items: items.list.slice(0, MAX_ITEMS) };
}

/** The last line before `line` that belongs to a claim (-1: none). */
function lastClaimLineBefore(analysis: Analysis, line: number): number {
  const claim = lastAtOrBefore(analysis.model.claims, line - 1);
  return claim ? Math.min(line - 1, claim.endLine) : -1;
}

function complete(ctx: Ctx, before: string): { list: CompletionItem[]; incomplete: boolean } {
  const none = { list: [], incomplete: false };
  if (before.includes('#')) return none;
  let m: RegExpExecArray | null;
  if ((m = /^(\s*)([^\s-]*)$/.exec(before))) {
    const word = m[2];
    const start = m[1].length;
    const list: CompletionItem[] = [];
    if (/^[a-z]*$/.test(word)) for (const k of keywords(ctx, word, start)) list.push(k);
    if (ctx.claim && (ctx.date || ctx.claim.dates.length > 0) && word.length > 0) return { list: list.concat(codes(ctx, word, start)), incomplete: true };
    if (ctx.claim && ctx.date && word.length === 0) for (const c of codes(ctx, '', start)) list.push(c);
    return { list, incomplete: true };
  }
  if ((m = /^(\s*dx\s+)(\S*)$/.exec(before))) return { list: diagnoses(ctx, m[2], m[1].length), incomplete: true };
  if ((m = /^(\s*(?:on\s+.*\s)?pos\s+)(\S*)$/.exec(before))) return { list: places(ctx, m[1].length), incomplete: false };
  if ((m = /^(\s*state\s+)(\S*)$/.exec(before))) return { list: states(ctx, m[1].length), incomplete: false };
  if ((m = /^(\s*locality\s+)(\S*)$/.exec(before))) {
    const where = { line: ctx.line, start: m[1].length, character: ctx.character };
    return { list: localityItems(ctx.tables, ctx.claim?.state?.value ?? ctx.defaults.state, ctx.analysis.settings.defaultLocality, where), incomplete: false };
  }
  if ((m = /^(\s*county\s+)(\S*)$/.exec(before))) return { list: states(ctx, m[1].length), incomplete: false };
  if ((m = /^(\s*county\s+([A-Za-z]{2})\s+)(.*)$/.exec(before))) return { list: countyItems(ctx.tables, m[2], { line: ctx.line, start: m[1].length, character: ctx.character }), incomplete: false };
  if ((m = /^(\s*payer\s+)(\S*)$/.exec(before))) {
    const at = range(ctx.line, m[1].length, ctx.character);
    const list = PAYERS.map((p) => ({ label: p.id, kind: CompletionItemKind.Value, detail: `${p.displayName}: ${p.completionDetail}`, textEdit: { range: at, newText: p.id } }));
    return { list, incomplete: false };
  }
  if ((m = /^(\s*start\s+)(\S*)$/.exec(before))) return { list: dates(ctx, m[1].length, false), incomplete: false };
  if ((m = /^(\s*on\s+day\s+)(\d*)$/.exec(before))) return { list: dayNumbers(ctx, m[1].length), incomplete: false };
  if ((m = /^(\s*on\s+)(\S*)$/.exec(before))) return { list: dates(ctx, m[1].length, true), incomplete: false };
  if ((m = /^\s*on\s+(?:day\s+\d+|\S+)\s+(\S*)$/.exec(before))) {
    const start = ctx.character - m[1].length;
    return { list: [{ label: 'pos', kind: CompletionItemKind.Keyword, detail: 'place of service for this date', textEdit: { range: range(ctx.line, start, ctx.character), newText: 'pos ' }, command: { title: 'suggest', command: 'editor.action.triggerSuggest' } }], incomplete: false };
  }
  // Service lines.
  const service = /^\s*([0-9A-Za-z]{5})((?:\s*-[0-9A-Za-z]{0,2})*)/.exec(before);
  if (service) {
    const code = service[1].toUpperCase();
    if ((m = /-([0-9A-Za-z]?)$/.exec(before))) return { list: modifiers(ctx, code, ctx.character - m[1].length), incomplete: false };
    if ((m = /\bdx\s+((?:[A-Za-z]\s*,\s*)*)([A-Za-z]?)$/.exec(before))) {
      const used = m[1].split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
      return { list: pointers(ctx, used, ctx.character - m[2].length), incomplete: false };
    }
    if (/\s$/.test(before) && !/\bdx\s/.test(before)) {
      const first = ctx.claim?.diagnoses[0]?.letter;
      const list: CompletionItem[] = [];
      if (first) list.push({ label: `dx ${first}`, kind: CompletionItemKind.Keyword, detail: 'diagnosis pointer', insertText: `dx ${first}`, sortText: '0' });
      for (const m of modifiers(ctx, code, ctx.character).map((i) => ({ ...i, textEdit: i.textEdit && { ...i.textEdit, newText: `-${i.textEdit.newText}` }, sortText: `1${i.sortText ?? ''}` }))) list.push(m);
      return { list, incomplete: false };
    }
  }
  return none;
}

function keywords(ctx: Ctx, word: string, start: number): CompletionItem[] {
  const items: CompletionItem[] = [];
  if ('claim'.startsWith(word) && start === 0) {
    // A whole claim header, with the user's default state and place of service.
    const state = ctx.defaults.state ?? 'GA';
    const pos = ctx.defaults.pos ?? '11';
    items.push({
      label: 'claim (new claim)',
      kind: CompletionItemKind.Snippet,
      detail: `payer ${DEFAULT_PAYER.id}, state ${state}, pos ${pos}`,
      documentation: { kind: 'markdown', value: 'A new Medicare claim with its header, a diagnosis and a first date of service. The state and place of service come from the `haiClaims.defaultState` and `haiClaims.defaultPos` settings.' },
      insertTextFormat: InsertTextFormat.Snippet,
      filterText: 'claim',
      textEdit: {
        range: range(ctx.line, start, ctx.character),
        newText: `claim "\${1:name}"\npayer ${DEFAULT_PAYER.id}\nstate \${2:${state}}\npos \${3:${pos}}\ndx \${4:C78.7}\n\non \${5:day 0}\n  $0`,
      },
      sortText: '00',
    });
  }
  return items.concat(KEYWORD_SNIPPETS.filter((k) => k.label.startsWith(word)).map((k, i) => {
    let snippet = k.snippet;
    if (k.label === 'state' && ctx.defaults.state) snippet = `state \${1:${ctx.defaults.state}}`;
    if (k.label === 'pos' && ctx.defaults.pos) snippet = `pos \${1:${ctx.defaults.pos}}`;
    return {
      label: k.label,
      kind: CompletionItemKind.Keyword,
      documentation: { kind: 'markdown', value: k.doc },
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range: range(ctx.line, start, ctx.character), newText: snippet },
      sortText: `0${i + 1}`,
    };
  }));
}

/** The phases of the codes already on this claim: their codes are offered first. */
function currentPhases(ctx: Ctx): Set<PhaseId> {
  const phases = new Set<PhaseId>();
  const dates = ctx.date ? [ctx.date] : ctx.claim?.dates ?? [];
  for (const d of dates) for (const s of d.services) for (const l of s.listings) phases.add(l.phase);
  if (phases.size === 0 && ctx.claim) for (const d of ctx.claim.dates) for (const s of d.services) for (const l of s.listings) phases.add(l.phase);
  return phases;
}

function codes(ctx: Ctx, word: string, start: number): CompletionItem[] {
  const t = ctx.tables;
  const phases = currentPhases(ctx);
  const upper = word.toUpperCase();
  const lower = word.toLowerCase();
  const byDescription = /^[a-z]{2,}$/i.test(word) && !/^[A-Va-v]\d/.test(word);
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const l of t.guide.procedures) {
    if (seen.has(l.code)) continue;
    const codeMatch = l.code.startsWith(upper);
    const words = l.description.toLowerCase().split(/[^a-z0-9]+/);
    const descMatch = byDescription && words.some((w) => w.startsWith(lower));
    if (!codeMatch && !descMatch) continue;
    seen.add(l.code);
    const listings = t.listings(l.code);
    const shown: ProcedureListing = listings.find((x) => phases.has(x.phase)) ?? l;
    const inPhase = listings.some((x) => phases.has(x.phase));
    items.push({
      label: l.code,
      kind: CompletionItemKind.Value,
      detail: listingDetail(shown, ctx.setting),
      labelDetails: { description: shortDescription(shown.description) },
      documentation: { kind: 'markdown', value: `${shown.description}\n\n${shown.phaseHeading} › ${shown.section}` },
      filterText: descMatch && !codeMatch ? word : l.code,
      sortText: `${inPhase ? '1' : '2'}${codeMatch ? '0' : '1'}${l.code}`,
      textEdit: { range: range(ctx.line, start, ctx.character), newText: l.code },
    });
  }
  return items;
}

function shortDescription(d: string): string {
  return d.length > 60 ? `${d.slice(0, 57)}...` : d;
}

function diagnoses(ctx: Ctx, word: string, start: number): CompletionItem[] {
  const t = ctx.tables;
  const upper = word.toUpperCase();
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const listNames: Record<string, string> = { primary: 'primary', secondary: 'secondary', 'possible-primary': 'possible primary' };
  for (const d of t.guide.diagnoses) {
    if (!d.code.startsWith(upper) && !(word.length >= 2 && d.description.toLowerCase().includes(word.toLowerCase()))) continue;
    seen.add(d.code);
    items.push({
      label: d.code,
      kind: CompletionItemKind.Value,
      detail: `${d.lists.map((l) => listNames[l]).join(', ')}${d.italic ? ' · LCA A56695 only (J, M)' : ''}`,
      labelDetails: { description: shortDescription(d.erratum?.correct ?? d.description) },
      documentation: { kind: 'markdown', value: d.erratum ? `${d.erratum.correct}\n\n_Erratum: the guide prints "${d.erratum.printed}"._` : d.description },
      sortText: `0${d.code}`,
      filterText: d.code.startsWith(upper) ? d.code : word,
      textEdit: { range: range(ctx.line, start, ctx.character), newText: d.code },
    });
  }
  const icd = t.national.icd10;
  if (icd && upper.length >= 1) {
    for (const e of icd.byPrefix(upper, MAX_ITEMS)) {
      if (seen.has(e.code)) continue;
      items.push({
        label: e.code,
        kind: CompletionItemKind.Value,
        detail: e.billable ? icd.source.label : `${icd.source.label} · header, not billable`,
        labelDetails: { description: shortDescription(e.description) },
        sortText: `1${e.code}`,
        textEdit: { range: range(ctx.line, start, ctx.character), newText: e.code },
      });
    }
  }
  return items;
}

/**
 * Modifiers for a code: the ones that apply to the code on this date first (in the order given
 * here), then the rest that can apply; never one that cannot apply (modifier-fit.ts, the same
 * knowledge as the mod-invalid check).
 */
function modifiers(ctx: Ctx, code: string, start: number): CompletionItem[] {
  const t = ctx.tables;
  const incidentTo = t.listings(code).some((l) => l.flags.includes('d'));
  const relevant = relevantModifiers(t, code, ctx.claim, ctx.date);
  const rank = (m: string) => relevant.indexOf(m);
  return t.reference.modifiers
    .filter((m) => !misfit(t, code, m.code, ctx.setting, incidentTo))
    .map((m) => ({
      label: m.code,
      kind: CompletionItemKind.EnumMember,
      detail: m.name,
      documentation: m.meaning,
      sortText: rank(m.code) >= 0 ? `0${String(rank(m.code)).padStart(2, '0')}${m.code}` : `1${m.code}`,
      preselect: rank(m.code) === 0 && relevant.length === 1,
      textEdit: { range: range(ctx.line, start, ctx.character), newText: m.code },
    }));
}

/**
 * The modifiers this code most likely needs on this date, most likely first: -26 on imaging under
 * a "requires -26" heading or in a facility, KD on pump-infused drugs, the global-surgery
 * modifiers inside a global period (58/78/79 for a procedure; 57, 25 or 24 for a visit), -25 on a
 * visit the same date as a procedure, and NCCI modifiers where an edit on the date allows one.
 */
function relevantModifiers(t: Tables, code: string, claim: ClaimModel | undefined, date: DateModel | undefined): string[] {
  const out: string[] = [];
  const add = (...ms: readonly string[]) => ms.forEach((m) => !out.includes(m) && out.push(m));
  const listings = t.listings(code);
  const kind = codeKind(t, code);
  if (listings.some((l) => l.requires26) || (kind === 'imaging' && date?.setting === 'facility')) add('26');
  if (listings.some((l) => l.flags.includes('+'))) add('KD');
  // spread-ok: the guide's five 77002 modifiers.
  if (code === t.guide.ncci.guidance77002.code) add('XS', ...t.guide.ncci.guidance77002.modifiers);
  const others = (date?.services ?? []).filter((o) => o.code !== code);
  const ptp = t.national.ptp;
  if (ptp && date && others.some((o) => ptp.lookup(o.code, code, date.calendar ? date.day : undefined)?.modifierIndicator === '1')) add('XS', '59', 'XE', 'XP', 'XU');
  const when = claim && date ? globalPeriodAt(t, claim, date, code) : undefined;
  if (kind === 'visit') {
    if (when === 'before') add('57');
    if (when === 'same') add('57', '25');
    if (when === 'after') add('24');
    if (others.some((o) => codeKind(t, o.code) === 'surgery' || codeKind(t, o.code) === 'procedure')) add('25');
    add('25', '24', '57');
  } else if (kind === 'surgery' || kind === 'procedure') {
    if (when === 'after') add('58', '78', '79');
  }
  return out;
}

/** Where the date lies in the claim's most recent global period (1 day before to 90 days after a major surgery other than `code` itself). */
function globalPeriodAt(t: Tables, claim: ClaimModel, date: DateModel, code: string): 'before' | 'same' | 'after' | undefined {
  if (date.day === undefined) return undefined;
  const { preOpDays, postOpDays } = t.guide.globalPeriod;
  let best: { offset: number; when: 'before' | 'same' | 'after' } | undefined;
  for (const d of claim.dates) {
    if (d.day === undefined || d.calendar !== date.calendar) continue;
    const offset = date.day - d.day;
    const when = offset < 0 && -offset <= preOpDays ? 'before' : offset === 0 ? 'same' : offset > 0 && offset <= postOpDays ? 'after' : undefined;
    if (!when || (best && best.offset <= Math.abs(offset))) continue;
    if (d.services.some((s) => s.code !== code && opensGlobalPeriod(t, s))) best = { offset: Math.abs(offset), when };
  }
  return best?.when;
}

function pointers(ctx: Ctx, used: string[], start: number): CompletionItem[] {
  const dx = ctx.claim?.diagnoses ?? [];
  return dx
    .filter((d) => d.letter && !used.includes(d.letter))
    .map((d, i) => ({
      label: d.letter!,
      kind: CompletionItemKind.Reference,
      detail: d.code,
      labelDetails: { description: d.info ? shortDescription(d.info.erratum?.correct ?? d.info.description) : d.code },
      sortText: String(i).padStart(2, '0'),
      textEdit: { range: range(ctx.line, start, ctx.character), newText: d.letter! },
    }));
}

function places(ctx: Ctx, start: number): CompletionItem[] {
  const common = ['11', '21', '22', '19', '24'];
  return ctx.tables.reference.placesOfService.map((p) => ({
    label: p.code,
    kind: CompletionItemKind.EnumMember,
    detail: `${p.name} · ${p.facility ? 'facility' : 'non-facility'}`,
    sortText: `${common.includes(p.code) ? '0' : '1'}${p.code}`,
    textEdit: { range: range(ctx.line, start, ctx.character), newText: p.code },
  }));
}

function states(ctx: Ctx, start: number): CompletionItem[] {
  const lca = ctx.tables.guide.diagnosisNotes.lca;
  return ctx.tables.reference.states.map((s) => ({
    label: s.code,
    kind: CompletionItemKind.EnumMember,
    detail: `${s.name} · MAC jurisdiction ${s.macJurisdiction}${lca.states.includes(s.code) ? ` · LCA ${lca.id}` : ''}`,
    sortText: `${s.code === ctx.defaults.state ? '0' : '1'}${s.code}`,
    filterText: `${s.code} ${s.name}`,
    textEdit: { range: range(ctx.line, start, ctx.character), newText: s.code },
  }));
}

function dates(ctx: Ctx, start: number, withDays: boolean): CompletionItem[] {
  const items: CompletionItem[] = [];
  const claim = ctx.claim;
  if (withDays) {
    items.push({
      label: 'day N',
      kind: CompletionItemKind.Snippet,
      detail: claim?.start?.day !== undefined ? `days after start ${dayNumberToIso(claim.start.day)}` : 'days after day 0 (add start for calendar dates)',
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range: range(ctx.line, start, ctx.character), newText: 'day ${1:0}' },
      sortText: '0',
    });
  }
  // Only valid dates are offered back: a `start` holding other text is no date to repeat.
  const known = new Set<string>();
  if (claim?.start?.day !== undefined) known.add(dayNumberToIso(claim.start.day));
  for (const d of claim?.dates ?? []) if (d.iso) known.add(d.iso);
  const { effectiveFrom } = ctx.tables.guide.meta;
  if (known.size === 0) known.add(effectiveFrom);
  for (const iso of [...known].sort()) {
    items.push({ label: iso, kind: CompletionItemKind.Value, detail: 'a date already on this claim', textEdit: { range: range(ctx.line, start, ctx.character), newText: iso }, sortText: `1${iso}` });
  }
  return items;
}

function dayNumbers(ctx: Ctx, start: number): CompletionItem[] {
  const startDay = ctx.claim?.start?.day;
  return [0, 1, 14, 28, 42, 56, 90, 91].map((n, i) => ({
    label: String(n),
    kind: CompletionItemKind.Value,
    detail: startDay !== undefined ? dayNumberToIso(startDay + n) : n === 14 ? 'two weeks: a refill interval' : n === 90 ? 'last day of a 90-day global period' : undefined,
    sortText: String(i).padStart(2, '0'),
    textEdit: { range: range(ctx.line, start, ctx.character), newText: String(n) },
  }));
}
