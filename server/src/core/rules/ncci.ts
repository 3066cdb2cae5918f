// NCCI edits: procedure-to-procedure pairs (the guide's last page, and CMS's PTP file when loaded),
// the 77002 modifier rule and the one-nuclear-medicine-procedure-per-date rule.
import type { DateModel, ServiceModel } from '../model/model';
import type { Tables } from '../tables';
import { defineRule, type Rule } from './types';
import {
  addModifierFix,
  codeSpan,
  datesOfService,
  hasAnyModifier,
  isNuclearMedicine,
  isSurgeryOrImaging,
  lineAllowable,
  removeLineEdit,
  serviceSpan,
  span,
} from './util';

/**
 * CMS's NCCI-associated modifiers (anatomic, global surgery, 27, 59, 91, X{EPSU}): an edit whose
 * modifier indicator is 1 may be bypassed with one of these.
 */
export const NCCI_ASSOCIATED_GROUP = 'ncci-associated';

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

export const ncciRules: Rule[] = [ncciPtp, ncci77002, nucmedOne];
