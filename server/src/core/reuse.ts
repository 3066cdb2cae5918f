// Reuse of unchanged claims between analyses of one document. A document is checked part by part
// (the lines before the first claim, then each claim). Claims are independent: a claim's model,
// findings and estimate depend only on its own lines (and on whether it is the document's last
// part), so a claim an edit did not touch is reused, moved to its new first line when lines were
// added or removed above it; a claim inside the edited lines is reused when its text is that of a
// claim the store holds (a claim the edit moved or copied, or one beside the edit in the line of
// margin re-read with it). Every other part is resolved and checked anew.
import type { ClaimEstimate } from './estimate/estimate';
import { RULES } from './rules';
import type { ClaimModel, DateModel, DocumentModel } from './model/model';
import { claimStarts, resolveClaimSteps, resolvePrologue, shiftClaim } from './model/resolve';
import { byPosition, LONG_CLAIM_LINES, ruleLevels, runRulesSteps, type ClaimIndexOf, type DateGroup, type DateResults, type InternalError, type RuleLevels, type RuleResults } from './rules/runner';
import type { Finding, FindingData, Span } from './rules/types';
import { directivesOf, type Directive } from './rules/suppressions';
import type { Settings } from './settings';
import type { SyntaxTree } from './syntax/nodes';
import type { LineWindow } from './syntax/incremental';
import { drain, errorName, type Progress } from './steps';
import type { Tables } from './tables';

/**
 * One part of a document and everything computed from it: the lines before the first claim, or
 * one claim. It covers lines [base, end) of the document it was last used in.
 */
export interface Part {
  base: number;
  end: number;
  /** The document's last part: a quick fix deleting its last line deletes the break before it. */
  last: boolean;
  claim?: ClaimModel;
  beforeFirstClaim: DocumentModel['beforeFirstClaim'];
  findings: Finding[];
  internalErrors: InternalError[];
  /** The `# hai-claims-ignore` directives in its lines (suppressions.ts), moved with the part. */
  directives: Directive[];
  /** Computed on first use (analysis.ts); dropped when the part moves. */
  estimate?: ClaimEstimate;
  /** A long claim's results date by date, for the next check of the claim (checkPart). */
  dates?: DateMemo;
}

/**
 * The results of the date-scoped rules (runner.ts) for each date of service of a long claim, with
 * what they were computed from: the claim and the date's blocks (their line nodes, and places
 * relative to the claim's first line). By the place of the date's first `on` line. An edit inside a
 * claim of 10,000 lines re-checks the dates it touched and the claim-wide rules; every other date's
 * results are these.
 */
type DateMemo = Map<number, DateMemoEntry[]>;

interface DateMemoEntry {
  /** The claim and date blocks the results were computed from (moved in place with their part). */
  claim: ClaimModel;
  dates: DateModel[];
  /** The claim's first line when the results were computed: their lines are relative to it. */
  at: number;
  results: RuleResults;
  /** The claim's indexes the results read (the same array for every date of one check). */
  indexes: readonly ClaimIndexOf[];
}


/** The parts of a document's last analysis, and the tables and settings they were checked with. */
export class PartStore {
  private parts: Part[] = [];
  private tables?: Tables;
  private settings?: Settings;
  /** Whether the parts were checked (false: resolved only, for a document the check worker checks). */
  private checked = true;

  /** The parts that may be reused: none when the tables or settings changed, or they were not checked as asked. */
  reusable(tables: Tables, settings: Settings, checked = true): readonly Part[] {
    return this.tables === tables && this.settings === settings && this.checked === checked ? this.parts : [];
  }

  /** The parts of the last analysis, whatever they were checked with: where its claims began (partBounds). */
  last(): readonly Part[] {
    return this.parts;
  }

  store(parts: Part[], tables: Tables, settings: Settings, checked = true): void {
    this.parts = parts;
    this.tables = tables;
    this.settings = settings;
    this.checked = checked;
  }

  clear(): void {
    this.parts = [];
  }
}

/** The document put together from its parts. */
export interface CheckedParts {
  model: DocumentModel;
  /** Every part's findings, in document order. */
  findings: Finding[];
  /** The parts that hold a claim, in order (claim i is claimParts[i].claim). */
  claimParts: Part[];
  /** Every part's suppression directives, in document order. */
  directives: Directive[];
}

/**
 * Checks a parsed document part by part, reusing what `store` holds. `window`: the lines that
 * changed since the store's last analysis (undefined: everything is new). Internal errors of
 * every part are added to `internalErrors`, once each.
 */
export function checkParts(
  tree: SyntaxTree,
  window: LineWindow | undefined,
  tables: Tables,
  settings: Settings,
  store: PartStore | undefined,
  internalErrors: InternalError[],
): CheckedParts {
  // Never undefined: without a stale check the steps always complete.
  return drain(checkPartsSteps(tree, window, tables, settings, store, internalErrors)) as CheckedParts;
}

/**
 * checkParts in steps: yields after resolving a part and after each rule, for a host that must
 * not block on a huge document. When `stale()` turns true between parts it returns undefined and
 * the store is left as it was (no reused part moved), so the next analysis starts from it.
 * `rules` false: the parts are resolved, not checked (their findings come from the check worker).
 */
export function* checkPartsSteps(
  tree: SyntaxTree,
  window: LineWindow | undefined,
  tables: Tables,
  settings: Settings,
  store: PartStore | undefined,
  internalErrors: InternalError[],
  stale: () => boolean = () => false,
  rules = true,
  progress?: Progress,
): Generator<void, CheckedParts | undefined> {
  const n = tree.lines.length;
  const starts = partStarts(tree, window, store?.last() ?? []);
  const count = starts.length;
  const reusable = store && window ? store.reusable(tables, settings, rules) : [];
  const { parts, leftovers } = window && reusable.length ? reuseParts(tree, starts, window, reusable) : { parts: new Array<Part | undefined>(count), leftovers: [] };
  // What a re-checked long claim may take its unchanged dates from: the parts the edit touched.
  const memos = leftovers.flatMap((p) => (p.dates ? [p.dates] : []));
  // A long claim the edit touched, by its first line (unchanged: the edit is below it): its
  // unchanged date blocks are reused when it is resolved again (resolveClaim's `previous`).
  const touched = new Map<number, ClaimModel>();
  for (const p of leftovers) if (p.claim && p.end - p.base >= LONG_CLAIM_LINES && p.base < window!.from) touched.set(p.base, p.claim);
  // Check what cannot be reused first; reused parts move only once nothing can go stale.
  const done: Part[] = new Array(count);
  const levels = ruleLevels(settings);
  if (progress && rules) for (let i = 0; i < count; i++) if (!parts[i]) progress.total += RULES.length;
  for (let i = 0; i < count; i++) {
    if (parts[i]) continue;
    const from = starts[i];
    const to = i + 1 < count ? starts[i + 1] : n;
    done[i] = yield* checkPart(tree, tables, settings, from, to, to === n, memos, touched.get(from), rules, progress, levels);
    touched.delete(from);
    if (stale()) return undefined;
  }
  let claimCount = 0;
  for (let i = 0; i < count; i++) {
    const part = (done[i] ??= parts[i] as Part);
    if (part.base !== starts[i]) movePart(part, starts[i] - part.base);
    if (part.claim) part.claim.index = claimCount++;
  }
  store?.store(done, tables, settings, rules);
  return assemble(done, internalErrors);
}

/**
 * The first line of each part: 0 when there are lines before the first claim, then each claim's.
 * Part i is lines [starts[i], starts[i + 1]) (the last one to the end): numbers, not a pair per
 * part, since a keystroke in a batch of 500 claims lays out every part again.
 */
function partStarts(tree: SyntaxTree, window: LineWindow | undefined, previous: readonly Part[]): number[] {
  const n = tree.lines.length;
  const starts = (window && claimStartsAround(tree, window, previous)) ?? claimStarts(tree);
  if ((starts[0] ?? n) > 0) starts.unshift(0);
  return starts;
}

/**
 * The first line of each claim, read from the last analysis's parts outside the lines an edit
 * changed and from the tree inside them: a keystroke does not look at every line of a 20,000-line
 * document. Undefined when the parts are not of the text the window was taken from.
 */
function claimStartsAround(tree: SyntaxTree, window: LineWindow, previous: readonly Part[]): number[] | undefined {
  const { from, oldTo, newTo } = window;
  const lines = tree.lines;
  if (previous.length === 0 || previous[0].base !== 0 || previous[previous.length - 1].end !== lines.length - newTo + oldTo) return undefined;
  const starts: number[] = [];
  // A part begins at a claim line, but for the lines before the first claim (checked here).
  for (const p of previous) {
    if (p.base >= from) break;
    if (lines[p.base].kind === 'claim') starts.push(p.base);
  }
  for (let line = from; line < newTo; line++) if (lines[line].kind === 'claim') starts.push(line);
  for (const p of previous) {
    const line = p.base + newTo - oldTo;
    if (p.base >= oldTo && line < lines.length && lines[line].kind === 'claim') starts.push(line);
  }
  return starts;
}

/**
 * The reusable part for each part starting at `starts` (undefined where none): first the parts the
 * edit did not touch (same lines, moved by the lines it added), then, by text, any other part of
 * `reusable`. Both lists are in line order, so one walk pairs them (a keystroke in a batch of 500
 * claims builds no map of them); `leftovers` are the parts the edit touched, then the others not
 * taken, each in line order.
 */
function reuseParts(tree: SyntaxTree, starts: readonly number[], window: LineWindow, reusable: readonly Part[]): { parts: (Part | undefined)[]; leftovers: Part[] } {
  const n = tree.lines.length;
  const { from: wFrom, oldTo, newTo } = window;
  const delta = newTo - oldTo;
  const count = starts.length;
  const parts: (Part | undefined)[] = new Array(count);
  const touched: Part[] = [];
  const passed: Part[] = [];
  const missing: number[] = [];
  let j = 0;
  for (let i = 0; i < count; i++) {
    const from = starts[i];
    const to = i + 1 < count ? starts[i + 1] : n;
    // The next untouched part at or after `from`, by its new first line: a part before the edit keeps its lines, one after it moves with them.
    let p: Part | undefined;
    for (; j < reusable.length; j++) {
      const q = reusable[j];
      if (q.end > wFrom && q.base < oldTo) {
        touched.push(q);
        continue;
      }
      const at = q.end <= wFrom ? q.base : q.base + delta;
      if (at === from) p = q;
      if (at >= from) break;
      passed.push(q);
    }
    if (p && p.end + (p.base === from ? 0 : delta) === to && p.last === (to === n)) {
      parts[i] = p;
      j++;
    } else {
      missing.push(i);
    }
  }
  if (missing.length === 0) return { parts, leftovers: [] };
  for (; j < reusable.length; j++) {
    const q = reusable[j];
    (q.end > wFrom && q.base < oldTo ? touched : passed).push(q);
  }
  const unused = touched.concat(passed);
  const byFirstLine = partsByOldFirstLine(tree, window, unused);
  for (const i of missing) {
    const from = starts[i];
    const to = i + 1 < count ? starts[i + 1] : n;
    // A long claim is not looked up by its whole text (10,000 lines joined on each keystroke): its
    // unchanged dates are reused instead (datesFrom).
    if (to - from >= LONG_CLAIM_LINES) continue;
    parts[i] = takeSameText(tree, window, byFirstLine.get(tree.texts[from]), from, to, to === n);
  }
  return { parts, leftovers: unused };
}

/** The old text of line `i` of the document before the edit: the tree holds the new lines, the window the old ones it replaced. */
function oldLine(tree: SyntaxTree, window: LineWindow, i: number): string {
  const { from: wFrom, oldTo, newTo } = window;
  return i < wFrom ? tree.texts[i] : i < oldTo ? window.removed[i - wFrom] : tree.texts[i + newTo - oldTo];
}

/**
 * Unused short parts by the old text of their first line (a claim's `claim` line, mostly unique):
 * a part is then matched line by line with the few of the same first line, with no text of
 * a whole claim built (a keystroke inside a claim matches none, at its edited line).
 */
function partsByOldFirstLine(tree: SyntaxTree, window: LineWindow, unused: readonly Part[]): Map<string, Part[]> {
  const byFirstLine = new Map<string, Part[]>();
  for (const p of unused) {
    if (p.end - p.base >= LONG_CLAIM_LINES) continue;
    const key = oldLine(tree, window, p.base);
    const list = byFirstLine.get(key);
    if (list) list.push(p);
    else byFirstLine.set(key, [p]);
  }
  return byFirstLine;
}

/** Takes from `candidates` (in their order) the first part whose old text is lines [from, to) now, and as the document's last part or not alike. */
function takeSameText(tree: SyntaxTree, window: LineWindow, candidates: Part[] | undefined, from: number, to: number, last: boolean): Part | undefined {
  if (!candidates) return undefined;
  for (let c = 0; c < candidates.length; c++) {
    const p = candidates[c];
    if (p.last !== last || p.end - p.base !== to - from) continue;
    let k = 1;
    while (k < to - from && oldLine(tree, window, p.base + k) === tree.texts[from + k]) k++;
    if (k < to - from) continue;
    candidates.splice(c, 1);
    return p;
  }
  return undefined;
}

/** The document's model and findings from its parts. Loops, not spreads: a part list may be huge. */
function assemble(done: Part[], internalErrors: InternalError[]): CheckedParts {
  const claims: ClaimModel[] = [];
  const claimParts: Part[] = [];
  const beforeFirstClaim: DocumentModel['beforeFirstClaim'] = [];
  const findings: Finding[] = [];
  const directives: Directive[] = [];
  for (const p of done) {
    if (p.claim) {
      claims.push(p.claim);
      claimParts.push(p);
    }
    for (const b of p.beforeFirstClaim) beforeFirstClaim.push(b);
    for (const f of p.findings) findings.push(f);
    for (const d of p.directives) directives.push(d);
    for (const e of p.internalErrors) if (!internalErrors.some((x) => x.rule === e.rule && x.error === e.error)) internalErrors.push(e);
  }
  // Each part's findings are in order and the parts are in order: this only settles a finding a
  // check placed outside its part.
  findings.sort(byPosition);
  return { model: { claims, beforeFirstClaim }, findings, claimParts, directives };
}

/** Resolves and checks one part of the document: lines [from, to), a claim or the lines before the first. In steps. */
function* checkPart(
  tree: SyntaxTree,
  tables: Tables,
  settings: Settings,
  from: number,
  to: number,
  last: boolean,
  memos: readonly DateMemo[] = [],
  previous?: ClaimModel,
  rules = true,
  progress?: Progress,
  levels?: RuleLevels,
): Generator<void, Part> {
  const part: Part = { base: from, end: to, last, beforeFirstClaim: [], findings: [], internalErrors: [], directives: directivesOf(tree, from, to) };
  try {
    if (tree.lines[from]?.kind === 'claim') part.claim = yield* resolveClaimSteps(tree, tables, 0, from, to, previous, settings.defaultLocality);
    else part.beforeFirstClaim = resolvePrologue(tree, to);
  } catch (err) {
    part.internalErrors.push({ rule: 'parse', error: errorName(err, true) });
    return part;
  }
  yield;
  if (!rules) return part;
  const model: DocumentModel = { claims: part.claim ? [part.claim] : [], beforeFirstClaim: part.beforeFirstClaim };
  const results = yield* runRulesSteps({ tree, model, from, to }, tables, settings, part.claim && to - from >= LONG_CLAIM_LINES ? datesFrom(tree, part, memos) : undefined, progress, levels);
  part.findings = results.findings;
  part.internalErrors = results.internalErrors;
  return part;
}

/**
 * Keeps a long claim's results date by date in `part.dates`, taking a date's from `memos` when it
 * was computed from the same lines: the same line nodes (the parser shares one node per text) at
 * the same places relative to the claim, for the date's blocks and for the claim's header lines.
 * Comparing nodes, not texts: a date costs a few pointer comparisons.
 */
function datesFrom(tree: SyntaxTree, part: Part, memos: readonly DateMemo[]): DateResults {
  const claim = part.claim!;
  const memo: DateMemo = new Map();
  part.dates = memo;
  // Whether an earlier check read the same header and indexes: asked once per earlier check (its
  // entries share one indexes array), not once per date.
  const sameContext = new Map<readonly ClaimIndexOf[], boolean>();
  const n = tree.lines.length;
  // A fix that deletes the document's last line reads the line above: a date holding it is never reused or kept.
  const holdsLast = (group: DateGroup) => group.dates[group.dates.length - 1].endLine + 1 >= n && group.dates.some((d) => d.services.some((s) => s.line + 1 >= n));
  return {
    reuse(group, indexes) {
      if (holdsLast(group)) return undefined;
      const first = group.dates[0].line - claim.line;
      for (const m of memos) {
        for (const e of m.get(first) ?? []) {
          let same = sameContext.get(e.indexes);
          if (same === undefined) sameContext.set(e.indexes, (same = sameHeader(e.claim, claim) && sameIndexes(e.indexes, e.claim, indexes, claim)));
          if (!same || !sameDates(e, group.dates, claim)) continue;
          const delta = claim.line - e.at;
          return delta === 0 ? e.results : { findings: e.results.findings.map((f) => shiftFinding(f, delta)), internalErrors: e.results.internalErrors };
        }
      }
      return undefined;
    },
    keep(group, results, indexes) {
      if (holdsLast(group)) return;
      const first = group.dates[0].line - claim.line;
      const list = memo.get(first);
      const entry = { claim, dates: group.dates, at: claim.line, results, indexes };
      if (list) list.push(entry);
      else memo.set(first, [entry]);
    },
  };
}

/** The same rules' indexes of the claim, giving a date the same findings (ClaimIndexer.same). */
function sameIndexes(a: readonly ClaimIndexOf[], aClaim: ClaimModel, b: readonly ClaimIndexOf[], bClaim: ClaimModel): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i].rule !== b[i].rule || !a[i].rule.claimIndex!.same(a[i].index, aClaim, b[i].index, bClaim)) return false;
  }
  return true;
}

/** The same header lines (what date-scoped rules read besides the date), at the same places relative to the claim. */
function sameHeader(a: ClaimModel, b: ClaimModel): boolean {
  const same = (x: { line: number; node: unknown } | undefined, y: { line: number; node: unknown } | undefined) =>
    x === y || (!!x && !!y && x.node === y.node && x.line - a.line === y.line - b.line);
  if (!same(a.payer, b.payer) || !same(a.state, b.state) || !same(a.pos, b.pos) || !same(a.start, b.start)) return false;
  if (a.diagnoses.length !== b.diagnoses.length) return false;
  for (let i = 0; i < a.diagnoses.length; i++) if (!same(a.diagnoses[i], b.diagnoses[i])) return false;
  return true;
}

/** The same date blocks: the same `on` and service line nodes at the same places relative to their claims. */
function sameDates(e: DateMemoEntry, dates: readonly DateModel[], claim: ClaimModel): boolean {
  if (e.dates.length !== dates.length) return false;
  for (let i = 0; i < dates.length; i++) {
    const x = e.dates[i];
    const y = dates[i];
    if (x.node !== y.node || x.line - e.claim.line !== y.line - claim.line || x.services.length !== y.services.length) return false;
    for (let k = 0; k < y.services.length; k++) {
      if (x.services[k].node !== y.services[k].node || x.services[k].line - e.claim.line !== y.services[k].line - claim.line) return false;
    }
  }
  return true;
}

/** Moves a reused part `delta` lines: its claim in place, its findings as moved copies. */
function movePart(part: Part, delta: number): void {
  part.base += delta;
  part.end += delta;
  if (part.claim) shiftClaim(part.claim, delta);
  for (const b of part.beforeFirstClaim) b.line += delta;
  part.directives = part.directives.map((d) => ({ ...d, line: d.line + delta }));
  part.findings = part.findings.map((f) => shiftFinding(f, delta));
  // The estimate holds line numbers too; it is cheap to price the claim again when asked.
  part.estimate = undefined;
}

function shiftSpan<T extends Span>(s: T, delta: number): T {
  return s.endLine === undefined ? { ...s, line: s.line + delta } : { ...s, line: s.line + delta, endLine: s.endLine + delta };
}

function shiftFinding(f: Finding, delta: number): Finding {
  const moved = shiftSpan(f, delta);
  if (f.related) moved.related = f.related.map((r) => shiftSpan(r, delta));
  if (f.fixes) moved.fixes = f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => shiftSpan(e, delta)) }));
  if (f.deniesLine !== undefined) moved.deniesLine = f.deniesLine + delta;
  if (f.deniesLines) moved.deniesLines = f.deniesLines.map((l) => l + delta);
  let data: FindingData | undefined;
  for (const [k, v] of Object.entries(f.data)) {
    if (k.endsWith('Line') && typeof v === 'number') (data ??= { ...f.data })[k] = v + delta;
  }
  if (data) moved.data = data;
  return moved;
}
