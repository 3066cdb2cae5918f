// Structure checks: is the claim well formed, complete, and made of codes the tables know?
import { mixesDateKinds, MAX_DIAGNOSES } from '../model/resolve';
import { payerOf } from '../payers';
import type { LineProblem, SyntaxTree } from '../syntax/nodes';
import { ICD10_CODE, isProcedureCodeForm } from '../syntax/parser';
import { defineRule, type Rule, type RuleContext, type RuleData } from './types';
import type { ServiceModel } from '../model/model';
import { oncePerDate } from './units';
import { codeSpan, datesOfService, removeLineEdit, span } from './util';

/** The lines in [from, to) on which the parser found a problem. */
export function linesWithProblems(tree: SyntaxTree, from: number, to: number): number[] {
  const out: number[] = [];
  const lines = tree.lines;
  for (let line = from; line < to; line++) if (lines[line].problems.length > 0) out.push(line);
  return out;
}

/** Line problems found by the parser, reported under their own rule ids. */
/**
 * A parser's replacement is safe for --fix unless it quotes a name holding a quote or a `#`: quoted,
 * those would read as a comment the coder never wrote (issue 26's fuzz), so a person decides.
 */
function safeReplacement(p: LineProblem): boolean {
  return !(p.data.reason === 'unquoted-name' && /["#]/.test((p.replacement ?? '').slice(1, -1)));
}

export function reportLineProblems<R extends LineProblem['rule']>(ctx: RuleContext<R, 'error' | 'warning' | 'hint'>, rule: R): void {
  const lines = ctx.tree.lines;
  // The part's lines that have problems, found once for every rule that reports them (runner.ts).
  for (const line of ctx.problemLines?.() ?? linesWithProblems(ctx.tree, ctx.from, ctx.to)) {
    const node = lines[line];
    for (const p of node.problems) {
      if (p.rule !== rule) continue;
      const fixes =
        p.replacement !== undefined
          ? [{ title: p.data.reason === 'unquoted-name' ? 'Put the claim name in quotes' : `Change "${String(p.data.found ?? '')}" to "${p.replacement}"`, edits: [{ line, start: p.start, end: p.end, newText: p.replacement }], preferred: true, safe: safeReplacement(p) || undefined }]
          : undefined;
      // A code in the wrong case is a warning of its rule; a keyword's case is the spelling rule's hint.
      const caseOnly = p.data.reason === 'case';
      // The parser's problem data is typed loosely (syntax/ sits below the rules and does not
      // import RuleData): it is written to RuleData's shape for the problem's rule by convention.
      const data = { ...p.data } as unknown as RuleData[R];
      ctx.report({ rule, line, start: p.start, end: p.end, data, fixes, severity: caseOnly ? 'warning' : undefined });
    }
  }
}

/**
 * Removing line `repeat` loses nothing: it says what line `first` says, whatever the blanks, and
 * carries no comment (a comment is the coder's words, and a repeat with its own comment is not an
 * exact repeat: issue 26).
 */
function removableRepeat(tree: SyntaxTree, repeat: number, first: number): boolean {
  const a = tree.texts[repeat];
  const b = tree.texts[first];
  const norm = (t: string) => t.replace(/#.*$/, '').trim().split(/\s+/).join(' ');
  return a !== undefined && b !== undefined && !tree.lines[repeat]?.comment && !a.includes('#') && norm(a) === norm(b);
}

/** ` (C78.7)` for a code-shaped diagnosis; nothing for a malformed one, which may be free text. */
function dxSuffix(code: string): string {
  return ICD10_CODE.test(code) ? ` (${code})` : '';
}

const syntax = defineRule({
  id: 'syntax',
  family: 'structure',
  defaultSeverity: 'error',
  severities: ['error', 'warning'],
  summary: 'A line that is not a statement of the claim language.',
  billing: false,
  payment: 'none',
  paymentNote: 'a service line whose units do not read (x0, x2.5) is not priced (not denied): the estimate never invents 1 unit',
  checkDocument(ctx) {
    reportLineProblems(ctx, 'syntax');
  },
  checkClaim(claim, ctx) {
    for (const r of claim.repeatedHeaders) {
      ctx.report({
        rule: 'syntax',
        ...span(r.line, r.node.keyword),
        end: r.node.contentEnd,
        data: { reason: 'repeated-header', keyword: r.node.kind, firstLine: r.first + 1 },
        related: [{ ...span(r.first, claim[r.node.kind as 'payer']?.node.keyword ?? r.node.keyword), label: `the first ${r.node.kind} line` }],
        // Removing an exact repeat without a comment changes nothing the claim says: safe for --fix.
        fixes: [{ title: `Remove the second ${r.node.kind} line`, edits: [removeLineEdit(ctx.tree, r.line)], safe: removableRepeat(ctx.tree, r.line, r.first) || undefined }],
      });
    }
  },
});

/** A rule that only reports the parser's problems of its id: errors, and warnings for the case of a word. */
function lineProblemRule<R extends LineProblem['rule']>(id: R, summary: string) {
  return defineRule({ id, family: 'structure', defaultSeverity: 'error', severities: ['error', 'warning'], summary, billing: false, payment: 'none', checkDocument: (ctx) => reportLineProblems(ctx, id) });
}

const badCode = lineProblemRule('bad-code', 'A procedure code that is not a CPT (5 digits, or 4 digits and F or T) or HCPCS Level II (A-V and 4 digits) code.');
const badDx = lineProblemRule('bad-dx', 'A diagnosis that is not written as an ICD-10-CM code (letter, digit, character, then up to 4 after a dot). A code written without its dot as on an 837 file (C787) is read as meant and the quick fix writes C78.7 (ICD-10-CM: the dot follows the third character).');

/** CPT's modifiers are two digits (Appendix A); HCPCS Level II ones have a letter. */
const NUMERIC_MODIFIER = /^\d{2}$/;

const badModifier = defineRule({
  id: 'bad-modifier',
  family: 'structure',
  defaultSeverity: 'error',
  severities: ['error', 'warning'],
  summary: 'A modifier that is not two letters or digits, or that is in neither CPT Appendix A nor CMS\'s HCPCS Level II modifier list (the reference list these checks carry; valid CMS modifiers such as GC, GA, GZ, JZ, Q-modifiers are not findings). A malformed modifier, or a two-digit one that is not in CPT Appendix A, makes the line unprocessable: it is not paid as billed.',
  billing: false,
  scope: 'date',
  payment: 'denies',
  paymentNote: 'the line (returned as unprocessable) when the modifier is malformed or a two-digit one that is not in CPT Appendix A; a letter modifier the list lacks (it carries the common HCPCS Level II ones, not all) only warns, and a modifier in the wrong case is read as meant',
  paymentSource: 'Pub. 100-04, Ch. 1, section 80.3.1 (unprocessable claims)',
  checkDocument(ctx) {
    // Most parts have no line the parser found a problem on: nothing to look up then.
    if (ctx.problemLines?.().length === 0) return;
    // A modifier that is no modifier makes its service line unprocessable: the line is not paid as billed.
    const services = new Set<number>();
    for (const c of ctx.model.claims) for (const d of c.dates) for (const s of d.services) services.add(s.line);
    const wrapped: typeof ctx = { ...ctx, report: (f) => ctx.report(f.data.reason === 'form' && services.has(f.line) ? { ...f, deniesLine: f.line } : f) };
    reportLineProblems(wrapped, 'bad-modifier');
  },
  checkClaim(claim, ctx) {
    for (const d of claim.dates) {
      for (const s of d.services) {
        for (let i = 0; i < s.node.modifiers.length; i++) {
          const m = s.node.modifiers[i];
          const code = s.modifiers[i];
          if (!/^[0-9A-Z]{2}$/.test(code) || ctx.tables.modifier(code)) continue;
          // A two-digit modifier is CPT's (Appendix A), which the list carries in full: one it lacks does
          // not exist, and the line is unprocessable. A letter modifier may be a HCPCS Level II one the
          // list does not carry: unsure, so it informs and does not deny (issue 22).
          ctx.report({ rule: 'bad-modifier', ...span(s.line, m), severity: 'warning', data: { reason: 'unknown', found: code, code: s.code }, deniesLine: NUMERIC_MODIFIER.test(code) ? s.line : undefined });
        }
      }
    }
  },
});

const badDate = defineRule({
  id: 'bad-date',
  family: 'structure',
  defaultSeverity: 'error',
  severities: ['error'],
  summary: 'A date that is not a real YYYY-MM-DD date, a bad `day N`, or `day N` mixed with calendar dates without `start`.',
  billing: false,
  payment: 'denies',
  paymentNote: "the lines of the date's block",
  paymentSource: 'no CMS section found for this case: a line without a valid date of service cannot be adjudicated (the claim is returned as unprocessable, Pub. 100-04, Ch. 1, section 80.3.1)',
  checkDocument(ctx) {
    if (ctx.problemLines?.().length === 0) return;
    // A date that is not a real date makes its block's service lines unpayable: no payer can
    // adjudicate a line without a date of service (the estimate prices them $0 with this reason).
    const blocks = new Map<number, number[]>();
    for (const c of ctx.model.claims) for (const d of c.dates) if (d.day === undefined && d.node.date) blocks.set(d.line, d.services.map((s) => s.line));
    const wrapped: typeof ctx = { ...ctx, report: (f) => ctx.report(blocks.get(f.line)?.length ? { ...f, deniesLines: blocks.get(f.line) } : f) };
    reportLineProblems(wrapped, 'bad-date');
  },
  checkClaim(claim, ctx) {
    if (!mixesDateKinds(claim)) return;
    for (const d of claim.dates) {
      if (!d.node.dayNumber || !d.node.dayKeyword) continue;
      ctx.report({
        rule: 'bad-date',
        line: d.line,
        start: d.node.dayKeyword.start,
        end: d.node.dayNumber.end,
        data: { reason: 'mixed-without-start', day: d.node.dayNumber.text },
      });
    }
  },
});

const tooMany = defineRule({
  id: 'too-many',
  family: 'structure',
  defaultSeverity: 'error',
  severities: ['error'],
  summary: 'More than 12 diagnoses on a claim, or more than 4 modifiers or 4 diagnosis pointers on a line.',
  billing: false,
  payment: 'none',
  checkDocument: (ctx) => reportLineProblems(ctx, 'too-many'),
  checkClaim(claim, ctx) {
    for (const dx of claim.diagnoses.slice(MAX_DIAGNOSES)) {
      ctx.report({
        rule: 'too-many',
        ...span(dx.line, dx.node.value ?? dx.node.keyword),
        data: { what: 'diagnoses', max: MAX_DIAGNOSES, count: claim.diagnoses.length, code: dx.code },
      });
    }
  },
});

const missingClaim = defineRule({
  id: 'missing-claim',
  family: 'structure',
  defaultSeverity: 'error',
  severities: ['error'],
  summary: 'A statement before the first `claim` line.',
  billing: false,
  payment: 'none',
  checkDocument(ctx) {
    for (const { line, kind } of ctx.model.beforeFirstClaim) {
      const node = ctx.tree.lines[line];
      ctx.report({ rule: 'missing-claim', line, start: node.indent, end: node.contentEnd, data: { kind } });
    }
  },
});

const missingDate = defineRule({
  id: 'missing-date',
  family: 'structure',
  defaultSeverity: 'error',
  severities: ['error'],
  summary: 'A service line with no `on` line above it in its claim.',
  billing: false,
  payment: 'none',
  checkClaim(claim, ctx) {
    for (const { line, node } of claim.undatedServices) {
      ctx.report({ rule: 'missing-date', line, start: node.indent, end: node.contentEnd, data: { code: node.code.text.toUpperCase() } });
    }
  },
});

const unknownPayer = defineRule({
  id: 'unknown-payer',
  family: 'structure',
  defaultSeverity: 'warning',
  severities: ['warning', 'information'],
  summary: 'A payer the tables do not cover (its billing checks and estimate are skipped, and it says so), or no payer line (checked as Medicare).',
  billing: false,
  payment: 'none',
  checkClaim(claim, ctx) {
    if (!claim.payer) {
      ctx.report({ rule: 'unknown-payer', ...span(claim.line, claim.node.keyword), severity: 'information', data: { reason: 'missing' } });
    } else if (!payerOf(claim)) {
      // Loud: every billing check and the estimate are skipped for this claim (issue 13).
      ctx.report({ rule: 'unknown-payer', ...span(claim.payer.line, claim.payer.node.value!), data: { payer: claim.payer.value } });
    }
  },
});

/** A date of up to this many lines is looked at line against line before a map of its keys is made. */
const FEW_LINES = 16;

/** Whether two lines of `services` have the same code. Quadratic: for short dates only. */
function repeatsACode(services: readonly ServiceModel[]): boolean {
  for (let i = 1; i < services.length; i++) for (let j = 0; j < i; j++) if (services[j].code === services[i].code) return true;
  return false;
}

const badPointer = defineRule({
  id: 'bad-pointer',
  family: 'structure',
  defaultSeverity: 'error',
  severities: ['error', 'warning'],
  summary: 'A diagnosis pointer that points at a diagnosis the claim does not have.',
  billing: false,
  scope: 'date',
  payment: 'none',
  checkDocument: (ctx) => reportLineProblems(ctx, 'bad-pointer'),
  checkClaim(claim, ctx) {
    const letters = claim.diagnoses.map((d) => d.letter).filter((l): l is string => !!l);
    for (const d of claim.dates) {
      for (const s of d.services) {
        // A loop, not forEach: a closure per service line, for every line of every claim, on open.
        for (let i = 0; i < s.node.pointers.length; i++) {
          const tok = s.node.pointers[i];
          const letter = s.pointers[i];
          // At most 12 letters: looked through, not put in a set per claim.
          if (letters.includes(letter)) continue;
          const fixes = letters.slice(0, 3).map((l, k) => ({
            title: `Point at ${l}${dxSuffix(claim.diagnoses[k].code)}`,
            edits: [{ ...span(s.line, tok), newText: l }],
            preferred: k === 0 && letters.length === 1,
          }));
          ctx.report({
            rule: 'bad-pointer',
            ...span(s.line, tok),
            data: { pointer: letter, count: letters.length, last: letters[letters.length - 1] ?? '' },
            fixes,
          });
        }
      }
    }
  },
});

const noPointer = defineRule({
  id: 'no-pointer',
  family: 'structure',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary: 'A service line that points at no diagnosis.',
  billing: false,
  scope: 'date',
  payment: 'none',
  checkClaim(claim, ctx) {
    const first = claim.diagnoses[0]?.letter;
    for (const d of claim.dates) {
      for (const s of d.services) {
        // A malformed code already has bad-code: one problem at a time on that line.
        if (s.node.pointers.length > 0 || s.node.dxKeyword || !isProcedureCodeForm(s.code)) continue;
        const at = s.node.units ?? s.node.modifiers[s.node.modifiers.length - 1] ?? s.node.code;
        ctx.report({
          rule: 'no-pointer',
          ...codeSpan(s),
          data: { code: s.code, first: first ?? '' },
          fixes: first ? [{ title: `Point at ${first}${dxSuffix(claim.diagnoses[0].code)}`, edits: [{ line: s.line, start: at.end, end: at.end, newText: ` dx ${first}` }], preferred: true }] : undefined,
        });
      }
    }
  },
});

const duplicateLine = defineRule({
  id: 'duplicate-line',
  family: 'structure',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary:
    'The same code with the same modifiers twice on one date of service (also across two `on` blocks of that date): a service billed once per date (a visit, a major surgery, the refill) is a repeat to remove, and only the first is paid; a drug or supply is billed once with units (CPT code descriptors; NCCI MUE policy).',
  billing: false,
  scope: 'date',
  payment: 'denies',
  paymentNote: 'the repeat of a service billed once per date (a repeated drug or supply is not denied: bill it with units)',
  paymentSource: 'CPT code descriptors; NCCI MUE policy',
  checkClaim(claim, ctx) {
    // One pass per date of service, a map by code and modifiers.
    for (const { services } of datesOfService(claim)) {
      // A repeat has its code twice: a short date without one needs no map of keys.
      if (services.length <= FEW_LINES && !repeatsACode(services)) continue;
      const seen = new Map<string, ServiceModel>();
      for (const s of services) {
        if (!isProcedureCodeForm(s.code)) continue;
        // Most lines have no modifier or one: no array copied and sorted for them (every line, on open).
        const key = s.modifiers.length === 0 ? s.code : s.modifiers.length === 1 ? `${s.code}|${s.modifiers[0]}` : `${s.code}|${[...s.modifiers].sort().join('-')}`;
        const first = seen.get(key);
        if (!first) {
          seen.set(key, s);
          continue;
        }
        const once = oncePerDate(ctx.tables, s.code);
        const total = first.units + s.units;
        const related = [{ ...codeSpan(first), label: 'the first line with this code on this date' }];
        const data = { code: s.code, modifiers: s.modifiers.join('-'), firstLine: first.line + 1, total, remedy: once ? ('remove' as const) : ('units' as const) };
        if (once) {
          ctx.report({
            rule: 'duplicate-line',
            ...codeSpan(s),
            data,
            related,
            // Never safe for --fix: a line that bills a service is removed by a person (a second
            // visit may be real: README, issue 26), so this stays a quick fix.
            fixes: [{ title: `Remove the repeated ${s.code} (billed once per date)`, edits: [removeLineEdit(ctx.tree, s.line)], preferred: true }],
            deniesLine: s.line,
          });
          continue;
        }
        const unitsEdit = first.node.units
          ? { ...span(first.line, first.node.units), newText: `x${total}` }
          : { line: first.line, start: (first.node.modifiers[first.node.modifiers.length - 1] ?? first.node.code).end, end: (first.node.modifiers[first.node.modifiers.length - 1] ?? first.node.code).end, newText: ` x${total}` };
        ctx.report({
          rule: 'duplicate-line',
          ...codeSpan(s),
          data,
          related,
          fixes: total <= 999 ? [{ title: `Bill ${s.code} once with units x${total}`, edits: [unitsEdit, removeLineEdit(ctx.tree, s.line)], preferred: true }] : undefined,
        });
      }
    }
  },
});

const unknownCode = defineRule({
  id: 'unknown-code',
  family: 'structure',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary: 'A well-formed code that no loaded table lists: nothing about it can be checked or priced.',
  billing: false,
  scope: 'date',
  payment: 'none',
  checkClaim(claim, ctx) {
    const rvu = ctx.tables.national.rvu;
    for (const d of claim.dates) {
      for (const s of d.services) {
        if (s.listings.length > 0) continue;
        if (!isProcedureCodeForm(s.code)) continue;
        if (rvu?.lookup(s.code)) continue;
        // A drug code the loaded ASP pricing files list is known (and priced) too.
        if (ctx.tables.national.asp?.hasCode(s.code)) continue;
        ctx.report({ rule: 'unknown-code', ...codeSpan(s), data: { code: s.code, national: !!rvu } });
      }
    }
  },
});

const unknownDx = defineRule({
  id: 'unknown-dx',
  family: 'structure',
  defaultSeverity: 'information',
  severities: ['information', 'warning'],
  summary: 'A well-formed diagnosis that no loaded table lists, or that the ICD-10-CM file lists only as a non-billable heading.',
  billing: false,
  payment: 'none',
  checkClaim(claim, ctx) {
    const icd = ctx.tables.national.icd10;
    for (const dx of claim.diagnoses) {
      if (dx.info || !dx.node.value || !ICD10_CODE.test(dx.code)) continue;
      const entry = icd?.lookup(dx.code);
      if (entry?.billable) continue;
      // A category heading (C78) is in the file but is not billable: point at a full code.
      const example = entry ? icd!.byPrefix(dx.code, 50).find((e) => e.billable)?.code : undefined;
      ctx.report({
        rule: 'unknown-dx',
        ...span(dx.line, dx.node.value),
        severity: icd ? 'warning' : undefined,
        data: { code: dx.code, national: !!icd, source: icd?.source.label, billable: entry ? false : undefined, example },
      });
    }
  },
});

const unknownPos = defineRule({
  id: 'unknown-pos',
  family: 'structure',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary: 'A two-digit place of service that is not in the CMS Place of Service code set (02 telehealth is priced at the facility rate, 10 telehealth in the home and 66 PACE center at the non-facility rate).',
  billing: false,
  payment: 'none',
  checkClaim(claim, ctx) {
    const places: { line: number; tok: { start: number; end: number; text: string } }[] = [];
    if (claim.pos?.node.value) places.push({ line: claim.pos.line, tok: claim.pos.node.value });
    for (const d of claim.dates) if (d.node.pos) places.push({ line: d.line, tok: d.node.pos });
    for (const p of places) {
      if (!/^\d{2}$/.test(p.tok.text) || ctx.tables.placeOfService(p.tok.text)) continue;
      ctx.report({ rule: 'unknown-pos', ...span(p.line, p.tok), data: { pos: p.tok.text } });
    }
  },
});

const unknownState = defineRule({
  id: 'unknown-state',
  family: 'structure',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary: 'A two-letter state that is not a USPS state, DC or territory code.',
  billing: false,
  payment: 'none',
  checkClaim(claim, ctx) {
    const st = claim.state;
    if (!st?.node.value || !/^[A-Z]{2}$/.test(st.value) || ctx.tables.state(st.value)) return;
    ctx.report({ rule: 'unknown-state', ...span(st.line, st.node.value), data: { state: st.value } });
  },
});

const missingPos = defineRule({
  id: 'missing-pos',
  family: 'structure',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary: 'A date of service with no place of service (neither the claim nor the `on` line gives one).',
  billing: false,
  scope: 'date',
  payment: 'none',
  checkClaim(claim, ctx) {
    for (const d of claim.dates) {
      if (d.pos !== undefined) continue;
      const last = d.node.dayNumber ?? d.node.date ?? d.node.keyword;
      // After the date; after a bad one (`on day x`) at the end of the statement, so the pos does
      // not land between `on` and the date; after a `pos` keyword that lacks its value, just the value.
      const at = d.node.posKeyword?.end ?? (d.node.dayNumber ?? d.node.date)?.end ?? d.node.contentEnd;
      const add = (pos: string) => ({ line: d.line, start: at, end: at, newText: d.node.posKeyword ? ` ${pos}` : ` pos ${pos}` });
      ctx.report({
        rule: 'missing-pos',
        line: d.line,
        start: d.node.keyword.start,
        end: last.end,
        data: { services: d.services.length },
        fixes: [{ title: 'Add "pos 11" (office) to this date', edits: [add('11')] }, { title: 'Add "pos 21" (inpatient hospital) to this date', edits: [add('21')] }],
      });
    }
  },
});

export const structureRules: Rule[] = [
  syntax,
  missingClaim,
  missingDate,
  badDate,
  badCode,
  badModifier,
  badDx,
  unknownPayer,
  badPointer,
  noPointer,
  tooMany,
  duplicateLine,
  unknownCode,
  unknownDx,
  unknownPos,
  unknownState,
  missingPos,
];
