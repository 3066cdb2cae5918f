// The pair rules and the global period as first written (before issue 17): every line compared with every other line of
// a date, mutual pairs found by scanning the hit list. Quadratic and worse, but plainly right: the
// property test (test/property/pair-rules.property.test.ts) checks the indexed rules against these
// on small claims. Keep them simple; do not optimise them.
import type { ClaimModel, DateModel, ServiceModel } from '../../server/src/core/model/model';
import { isMajorSurgery, modifierPurpose, opensGlobalPeriod } from '../../server/src/core/rules/global-period';
import type { Tables } from '../../server/src/core/tables';
import { MAX_RELATED } from '../../server/src/core/rules/national';
import { isProcedureCodeForm } from '../../server/src/core/syntax/parser';
import { oncePerDate } from '../../server/src/core/rules/units';
import { defineRule, type Fix, type Rule } from '../../server/src/core/rules/types';
import {
  addModifierFix,
  codeSpan,
  dateLabel,
  datesOfService,
  hasAnyModifier,
  isEm,
  isNuclearMedicine,
  isSurgeryOrImaging,
  lineAllowable,
  removeLineEdit,
  serviceSpan,
  span,
} from '../../server/src/core/rules/util';

/**
 * CMS's NCCI-associated modifiers (anatomic, global surgery, 27, 59, 91, X{EPSU}): an edit whose
 * modifier indicator is 1 may be bypassed with one of these.
 */
const NCCI_ASSOCIATED_GROUP = 'ncci-associated';

function bypassModifiers(tables: Tables): string[] {
  return tables.reference.modifiers.filter((m) => m.groups.includes(NCCI_ASSOCIATED_GROUP)).map((m) => m.code);
}

/** The amount a line would be paid before any denial, used to keep the higher of a mutually exclusive pair. */
function nominal(s: ServiceModel): number {
  if (!s.listing) return 0;
  // With no place of service, rank by the setting the code is priced in (surgery: facility only).
  const settings = s.date.setting ? [s.date.setting] : (['facility', 'nonFacility'] as const);
  const amounts = settings.map((st) => lineAllowable(s, st)).filter((a): a is number => typeof a === 'number');
  return amounts.length ? Math.max(...amounts) * s.units : 0;
}

interface PtpHit {
  denied: ServiceModel;
  other: ServiceModel;
  source: string;
  text: string;
  modifierIndicator?: string;
}

function findPtpHits(date: DateModel, services: readonly ServiceModel[], tables: Tables): PtpHit[] {
  const hits: PtpHit[] = [];
  const ptp = tables.national.ptp;
  const bypass = ptp ? bypassModifiers(tables) : [];
  for (const a of services) {
    for (const b of services) {
      if (a === b || a.code === b.code) continue;
      const edit = tables.guideNcciEdit(a.code, b.code);
      if (edit && !hasAnyModifier(a, edit.bypassModifiers)) {
        hits.push({ denied: a, other: b, source: tables.guideSource.label, text: edit.text });
        continue;
      }
      if (!ptp) continue;
      // CMS PTP: the column 2 code (a) is denied when billed with the column 1 code (b).
      const national = ptp.lookup(b.code, a.code, date.calendar ? date.day : undefined);
      if (!national || national.modifierIndicator === '9') continue;
      if (national.modifierIndicator === '1' && (hasAnyModifier(a, bypass) || hasAnyModifier(b, bypass))) continue;
      hits.push({
        denied: a,
        other: b,
        source: national.source.label,
        text: national.rationale,
        modifierIndicator: national.modifierIndicator,
      });
    }
  }
  // Where two codes deny each other, only the lower-paid one is denied: bill the higher one.
  const mutual = (h: PtpHit) => hits.some((g) => g.denied === h.other && g.other === h.denied);
  return hits.filter((h) => !mutual(h) || nominal(h.denied) < nominal(h.other) || (nominal(h.denied) === nominal(h.other) && h.denied.line > h.other.line));
}

const ncciPtp = defineRule({
  id: 'ncci-ptp',
  family: 'ncci',
  defaultSeverity: 'error',
  severities: ['error'],
  summary: 'A code that an NCCI procedure-to-procedure edit makes not reimbursable with another code on the same date.',
  billing: true,
  payment: 'denies',
  checkClaim(claim, ctx) {
    for (const { dates, services } of datesOfService(claim)) {
      const reported = new Set<ServiceModel>();
      for (const hit of findPtpHits(dates[0], services, ctx.tables)) {
        if (reported.has(hit.denied)) continue;
        reported.add(hit.denied);
        ctx.report({
          rule: 'ncci-ptp',
          ...codeSpan(hit.denied),
          data: {
            code: hit.denied.code,
            other: hit.other.code,
            source: hit.source,
            edit: hit.text,
            modifierIndicator: hit.modifierIndicator,
          },
          related: [{ ...serviceSpan(hit.other), label: `${hit.other.code}, billed on the same date` }],
          fixes: [{ title: `Remove ${hit.denied.code} (not reimbursable with ${hit.other.code})`, edits: [removeLineEdit(ctx.tree, hit.denied.line)], preferred: !hit.modifierIndicator }],
          deniesLine: hit.denied.line,
        });
      }
    }
  },
});

const ncci77002 = defineRule({
  id: 'ncci-77002',
  family: 'ncci',
  defaultSeverity: 'error',
  severities: ['error'],
  summary: '77002 on the same date as a surgical or imaging procedure needs an NCCI modifier (59, XE, XS, XP, XU).',
  billing: true,
  payment: 'denies',
  checkClaim(claim, ctx) {
    const rule = ctx.tables.guide.ncci.guidance77002;
    for (const { services } of datesOfService(claim)) {
      for (const s of services) {
        if (s.code !== rule.code || hasAnyModifier(s, rule.modifiers)) continue;
        const other = services.find((o) => o !== s && o.code !== rule.code && isSurgeryOrImaging(ctx.tables, o.code));
        if (!other) continue;
        ctx.report({
          rule: 'ncci-77002',
          ...codeSpan(s),
          data: { code: s.code, other: other.code, modifiers: rule.modifiers, edit: rule.text, source: ctx.tables.guideSource.label },
          related: [{ ...serviceSpan(other), label: `${other.code}, a ${ctx.tables.cptSections(other.code).includes('surgery') ? 'surgical' : 'imaging'} procedure on the same date` }],
          fixes: [
            addModifierFix(s, 'XS', `Add -XS (separate structure) to ${s.code}`, true),
            addModifierFix(s, '59', `Add -59 (distinct procedural service) to ${s.code}`),
          ],
          deniesLine: s.line,
        });
      }
    }
  },
});

const nucmedOne = defineRule({
  id: 'nucmed-one',
  family: 'ncci',
  defaultSeverity: 'error',
  severities: ['error'],
  summary: 'More than one nuclear medicine procedure on the same date: only one is reimbursable.',
  billing: true,
  payment: 'denies',
  checkClaim(claim, ctx) {
    const max = ctx.tables.guide.ncci.nuclearMedicine.maxPerDate;
    for (const { services } of datesOfService(claim)) {
      const nuclear = services.filter((s) => isNuclearMedicine(ctx.tables, s.code));
      const count = nuclear.reduce((n, s) => n + s.units, 0);
      if (count <= max) continue;
      // Keep the best-paid procedure; every other one is not reimbursable.
      const kept = [...nuclear].sort((x, y) => nominal(y) - nominal(x) || x.line - y.line)[0];
      for (const s of nuclear) {
        if (s === kept && s.units <= max) continue;
        ctx.report({
          rule: 'nucmed-one',
          ...(s === kept && s.node.units ? { line: s.line, start: s.node.units.start, end: s.node.units.end } : codeSpan(s)),
          data: { code: s.code, kept: kept.code, count, max, edit: ctx.tables.guide.ncci.nuclearMedicine.text, source: ctx.tables.guideSource.label, units: s === kept },
          related: s === kept ? undefined : [{ ...serviceSpan(kept), label: `${kept.code}, the nuclear medicine procedure kept on this date` }],
          fixes:
            s === kept
              ? s.node.units && [{ title: `Bill ${s.code} x${max}`, edits: [{ ...span(s.line, s.node.units), newText: `x${max}` }], preferred: true }]
              : [{ title: `Remove ${s.code} (only one nuclear medicine procedure per date)`, edits: [removeLineEdit(ctx.tree, s.line)] }],
          deniesLine: s.line,
          deniesUnits: s === kept ? s.units - max : undefined,
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
  payment: 'denies',
  checkClaim(claim, ctx) {
    // One pass per date of service, a map by code and modifiers.
    for (const { services } of datesOfService(claim)) {
      const seen = new Map<string, ServiceModel>();
      for (const s of services) {
        if (!isProcedureCodeForm(s.code)) continue;
        const key = `${s.code}|${[...s.modifiers].sort().join('-')}`;
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
            // Safe for --fix only when the line repeats the first exactly (units and pointers too).
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

const mue = defineRule({
  id: 'mue',
  family: 'national',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary: "Units over CMS's medically unlikely edit for the code (per line, or per date of service).",
  billing: true,
  payment: 'denies',
  checkClaim(claim, ctx) {
    const table = ctx.tables.national.mue;
    if (!table) return;
    for (const date of claim.dates) {
      const byCode = new Map<string, ServiceModel[]>();
      for (const s of date.services) byCode.set(s.code, [...(byCode.get(s.code) ?? []), s]);
      for (const [code, lines] of byCode) {
        const entry = table.lookup(code);
        if (!entry) continue;
        const perDate = entry.adjudication !== 1;
        const groups = perDate ? [lines] : lines.map((l) => [l]);
        for (const group of groups) {
          const units = group.reduce((n, s) => n + s.units, 0);
          if (units <= entry.value) continue;
          // CMS denies the whole line over a per-line MUE, and every line of the code on the date
          // over a per-date MUE: each such line is reported and priced at $0.
          for (const s of group) {
            ctx.report({
              rule: 'mue',
              ...(s.node.units ? span(s.line, s.node.units) : codeSpan(s)),
              data: { code, units, value: entry.value, perDate, lines: group.length, source: entry.source.label, rationale: entry.rationale },
              // Capped as the rule caps it (issue 17): the first MAX_RELATED other lines.
              related: group.filter((o) => o !== s).slice(0, MAX_RELATED).map((o) => ({ ...codeSpan(o), label: `${code}, also counted for this date's MUE` })),
              deniesLine: s.line,
            });
          }
        }
      }
    }
  },
});


interface Window {
  surgery: ServiceModel;
  day: number;
  calendar: boolean;
}

function windows(claim: ClaimModel, tables: Tables): Window[] {
  const out: Window[] = [];
  for (const d of claim.dates) {
    if (d.day === undefined) continue;
    for (const s of d.services) if (opensGlobalPeriod(tables, s)) out.push({ surgery: s, day: d.day, calendar: d.calendar });
  }
  return out;
}

/** True when the guide's NCCI edits deny this surgery against another code billed on its date. */
function deniedByNcci(tables: Tables, s: ServiceModel): boolean {
  return s.date.services.some((o) => o !== s && !!tables.guideNcciEdit(s.code, o.code));
}

const EM_MODIFIERS = { before: ['57'], same: ['57', '25'], after: ['24'] } as const;
const SURGERY_MODIFIERS = ['58', '78', '79'];

const globalPeriod = defineRule({
  id: 'global-period',
  family: 'global-period',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary:
    "An E/M visit or a second major surgery inside a major surgery's global period (endnote c) without 57, 25, 24, or 58/78/79. A -78 return to the operating room continues the original global period; -58 and -79 start their own (Medicare Claims Processing Manual, Pub. 100-04, Ch. 12, section 40.2).",
  billing: true,
  payment: 'denies',
  checkClaim(claim, ctx) {
    const { preOpDays, postOpDays } = ctx.tables.guide.globalPeriod;
    const all = windows(claim, ctx.tables);
    if (all.length === 0) return;
    for (const d of claim.dates) {
      if (d.day === undefined) continue;
      for (const s of d.services) {
        const em = isEm(ctx.tables, s.code);
        const surgery = !em && isMajorSurgery(ctx.tables, s);
        if (!em && !surgery) continue;
        // The most recent surgery whose window holds this date decides what is needed.
        let hit: { w: Window; when: 'before' | 'same' | 'after'; offset: number } | undefined;
        for (const w of all) {
          if (w.calendar !== d.calendar || w.surgery === s) continue;
          const offset = d.day - w.day;
          let when: 'before' | 'same' | 'after' | undefined;
          if (em && offset < 0 && -offset <= preOpDays) when = 'before';
          else if (em && offset === 0) when = 'same';
          else if (offset > 0 && offset <= postOpDays) when = 'after';
          // Ties on one date go to a surgery that NCCI does not deny (name the one that is paid).
          const better = !hit || w.day > hit.w.day || (w.day === hit.w.day && deniedByNcci(ctx.tables, hit.w.surgery) && !deniedByNcci(ctx.tables, w.surgery));
          if (when && better) hit = { w, when, offset };
        }
        if (!hit) continue;
        const needed = em ? [...EM_MODIFIERS[hit.when]] : SURGERY_MODIFIERS;
        if (hasAnyModifier(s, needed)) continue;
        const fixes: Fix[] = em
          ? needed.map((m, i) => addModifierFix(s, m, `Add -${m} (${modifierPurpose(m)}) to ${s.code}`, i === 0))
          : SURGERY_MODIFIERS.map((m) => addModifierFix(s, m, `Add -${m} (${modifierPurpose(m)}) to ${s.code}`));
        ctx.report({
          rule: 'global-period',
          ...codeSpan(s),
          data: {
            code: s.code,
            kind: em ? 'visit' : 'surgery',
            when: hit.when,
            days: Math.abs(hit.offset),
            surgery: hit.w.surgery.code,
            surgeryDate: dateLabel(hit.w.surgery.date),
            needed,
            postOpDays,
            source: ctx.tables.guideSource.label,
            cms: ctx.tables.reference.cmsPolicies.globalSurgery.source,
          },
          related: [{ ...serviceSpan(hit.w.surgery), label: `${hit.w.surgery.code} on ${dateLabel(hit.w.surgery.date)}, the surgery whose global period this is in` }],
          fixes,
          deniesLine: s.line,
        });
      }
    }
  },
});

/** The reference rules, by id. */
export const REFERENCE_RULES: Record<'ncci-ptp' | 'ncci-77002' | 'nucmed-one' | 'duplicate-line' | 'mue' | 'global-period', Rule> = {
  'ncci-ptp': ncciPtp,
  'ncci-77002': ncci77002,
  'nucmed-one': nucmedOne,
  'duplicate-line': duplicateLine,
  mue,
  'global-period': globalPeriod,
};
