// Setting rules: what may not be billed by the physician where the service took place.
import { defineRule, type Rule } from './types';
import { codeSpan, dateLabel, hasFlag, lineAllowable, posSpan, removeLineEdit, serviceSpan } from './util';

const incidentToFacility = defineRule({
  id: 'incident-to-facility',
  family: 'setting',
  defaultSeverity: 'error',
  severities: ['error'],
  summary: 'An incident-to code (endnote d) on a date whose place of service is a facility.',
  billing: true,
  scope: 'date',
  payment: 'denies',
  paymentNote: 'the line',
  paymentSource: 'the guide, endnote d',
  checkClaim(claim, ctx) {
    for (const date of claim.dates) {
      if (date.setting !== 'facility') continue;
      for (const s of date.services) {
        if (!hasFlag(s, 'd')) continue;
        const pos = posSpan(date);
        ctx.report({
          rule: 'incident-to-facility',
          ...codeSpan(s),
          data: { code: s.code, pos: date.pos, posName: ctx.tables.placeOfService(date.pos!)?.name, endnote: 'd', source: ctx.tables.guideSource.label },
          related: pos ? [{ ...pos, label: `place of service ${date.pos} (a facility)` }] : undefined,
          deniesLine: s.line,
        });
      }
    }
  },
});

const drugHospital = defineRule({
  id: 'drug-hospital',
  family: 'setting',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary: 'A drug infused through the pump (endnote +) on a facility date: the hospital bills it.',
  billing: true,
  scope: 'date',
  payment: 'denies',
  paymentNote: 'the drug (the hospital bills it)',
  paymentSource: 'the guide, endnote +',
  checkClaim(claim, ctx) {
    for (const date of claim.dates) {
      if (date.setting !== 'facility') continue;
      for (const s of date.services) {
        if (!hasFlag(s, '+')) continue;
        const pos = posSpan(date);
        ctx.report({
          rule: 'drug-hospital',
          ...codeSpan(s),
          data: { code: s.code, pos: date.pos, posName: ctx.tables.placeOfService(date.pos!)?.name, endnote: '+', source: ctx.tables.guideSource.label },
          related: pos ? [{ ...pos, label: `place of service ${date.pos} (a facility)` }] : undefined,
          fixes: [{ title: `Remove ${s.code} (the hospital bills drugs given in its setting)`, edits: [removeLineEdit(ctx.tree, s.line)] }],
          deniesLine: s.line,
        });
      }
    }
  },
});

const a4220Bundled = defineRule({
  id: 'a4220-bundled',
  family: 'setting',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary: 'A4220 (refill kit) is paid inside 96522: not separately payable, and not billable to the patient.',
  billing: true,
  scope: 'date',
  payment: 'denies',
  paymentNote: 'A4220',
  paymentSource: 'the guide, endnote #',
  checkClaim(claim, ctx) {
    for (const bundle of ctx.tables.guide.bundled) {
      const endnote = ctx.tables.guide.endnotes.find((e) => e.id === bundle.endnote);
      for (const date of claim.dates) {
        // The line it is bundled into, found once per date (not once per bundled line): O(n).
        let into: (typeof date.services)[number] | undefined | null = null;
        for (const s of date.services) {
          if (s.code !== bundle.code) continue;
          if (into === null) into = date.services.find((o) => o.code === bundle.into);
          ctx.report({
            rule: 'a4220-bundled',
            ...codeSpan(s),
            data: { code: s.code, into: bundle.into, endnote: bundle.endnote, note: endnote?.text, source: ctx.tables.guideSource.label },
            related: into ? [{ ...serviceSpan(into), label: `${into.code}, whose payment includes ${s.code}` }] : undefined,
            fixes: [{ title: `Remove ${s.code} (paid inside ${bundle.into})`, edits: [removeLineEdit(ctx.tree, s.line)], preferred: true }],
            deniesLine: s.line,
          });
        }
      }
    }
  },
});

const settingNa = defineRule({
  id: 'setting-na',
  family: 'setting',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary: "A code whose allowable is NA in the date's setting (facility or non-facility).",
  billing: true,
  scope: 'date',
  payment: 'denies',
  paymentNote: 'the line',
  paymentSource: "the guide's NA in the date's setting",
  checkClaim(claim, ctx) {
    for (const date of claim.dates) {
      const setting = date.setting;
      if (!setting) continue;
      for (const s of date.services) {
        if (!s.listing || lineAllowable(s, setting) !== 'NA') continue;
        // Incident-to codes in a facility already get the more specific incident-to-facility.
        if (setting === 'facility' && hasFlag(s, 'd')) continue;
        const pos = posSpan(date);
        const other = setting === 'facility' ? s.listing.nonFacilityAllowable : s.listing.facilityAllowable;
        ctx.report({
          rule: 'setting-na',
          ...codeSpan(s),
          data: { code: s.code, setting, pos: date.pos, posName: ctx.tables.placeOfService(date.pos!)?.name, date: dateLabel(date), otherAllowable: other, source: ctx.tables.guideSource.label },
          related: pos ? [{ ...pos, label: `place of service ${date.pos}` }] : undefined,
          deniesLine: s.line,
        });
      }
    }
  },
});

export const settingRules: Rule[] = [incidentToFacility, drugHospital, a4220Bundled, settingNa];
