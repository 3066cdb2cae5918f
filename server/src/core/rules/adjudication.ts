// Issue 22: how Medicare adjudicates lines the guide says nothing about. Denials: -GZ (no ABN on
// file) and a service that cannot be furnished by telehealth billed as telehealth. Warnings: POS 66
// (the PACE organisation pays), -51 on an add-on code, two codes the guide lists for one drug on
// one date, and care for a complication inside a global period. Each cites its CMS source
// (reference.json, cmsPolicies).
import type { ClaimModel, DateModel, ServiceModel } from '../model/model';
import type { Tables } from '../tables';
import { addOnSource } from './addon';
import { opensGlobalPeriod } from './global-period';
import { codeKind } from './modifier-fit';
import { defineRule, type Rule } from './types';
import { codeSpan, dateLabel, datesOfService, posSpan, removeModifierEdit, replaceEdit, serviceSpan, span } from './util';

const gzNoAbn = defineRule({
  id: 'gz-no-abn',
  family: 'modifiers',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary:
    '-GZ on a line: no advance beneficiary notice (ABN) is on file for a service expected to be denied as not reasonable and necessary. Medicare denies the line automatically, provider liable (CMS change request 7228), and the patient may not be billed.',
  billing: true,
  payment: 'denies',
  paymentNote: 'the -GZ line',
  paymentSource: 'CMS change request 7228 (MLN Matters MM7228)',
  checkClaim(claim, ctx) {
    const source = ctx.tables.reference.cmsPolicies.noAbn.source;
    for (const date of claim.dates) {
      for (const s of date.services) {
        const i = s.modifiers.indexOf('GZ');
        if (i < 0) continue;
        ctx.report({
          rule: 'gz-no-abn',
          ...span(s.line, s.node.modifiers[i]),
          data: { code: s.code, source },
          fixes: [{ title: `Remove -GZ from ${s.code} (the service is expected to be covered)`, edits: [removeModifierEdit(ctx.tree, s, i)] }],
          deniesLine: s.line,
        });
      }
    }
  },
});

/** The modifiers the reference list groups as telehealth (95, 93, GT). */
function telehealthModifier(tables: Tables, s: ServiceModel): string | undefined {
  for (const m of s.modifiers) if (tables.modifier(m)?.groups.includes('telehealth')) return m;
  return undefined;
}

const telehealthNotAllowed = defineRule({
  id: 'telehealth-not-allowed',
  family: 'setting',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary:
    'A service that cannot be furnished by telehealth (a surgical procedure, imaging, a drug or supply, the 96522 refill) billed at a telehealth place of service (02, 10) or with a telehealth modifier (95, 93, GT): only the services on CMS\'s telehealth list are paid by telehealth (Pub. 100-04, Ch. 12, section 190). E/M visits can be.',
  billing: true,
  payment: 'denies',
  paymentNote: 'the line',
  paymentSource: 'Pub. 100-04, Ch. 12, section 190 (Medicare telehealth services)',
  checkClaim(claim, ctx) {
    const policy = ctx.tables.reference.cmsPolicies.telehealth;
    for (const date of claim.dates) {
      const pos = date.pos !== undefined && policy.pos.includes(date.pos) ? date.pos : undefined;
      for (const s of date.services) {
        // Most lines are not billed as telehealth: that is asked first.
        const modifier = pos ? undefined : telehealthModifier(ctx.tables, s);
        if (!pos && !modifier) continue;
        const kind = codeKind(ctx.tables, s.code);
        // Visits are on the telehealth list; a code the tables do not know is unknown-code's. Of the
        // medicine codes, CMS's telehealth list has some (psychotherapy, therapy services) and this
        // tool does not carry the list: only the guide's (the 96522 refill) are known not to be on it.
        if (kind === 'visit' || kind === 'code' || (kind === 'procedure' && s.listings.length === 0)) continue;
        const where = pos ? posSpan(date) : undefined;
        ctx.report({
          rule: 'telehealth-not-allowed',
          ...codeSpan(s),
          data: { code: s.code, kind, pos, modifier, source: policy.source },
          related: where ? [{ ...where, label: `place of service ${pos} (telehealth)` }] : undefined,
          deniesLine: s.line,
        });
      }
    }
  },
});

const PACE_POS = '66';

const posPace = defineRule({
  id: 'pos-pace',
  family: 'setting',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary:
    'A date of service at place of service 66 (a PACE center): a PACE participant receives Medicare benefits through the PACE organisation, which pays for them, not Part B (Social Security Act section 1894). The estimate still shows the fee schedule amount.',
  billing: true,
  payment: 'none',
  paymentNote: 'Part B does not pay, but the estimate keeps the fee schedule amount and says so (the PACE organization pays what its arrangement says)',
  checkClaim(claim, ctx) {
    const source = ctx.tables.reference.cmsPolicies.pace.source;
    // One finding per place the 66 is written (a claim's pos line covers all its dates).
    const told = new Set<string>();
    for (const date of claim.dates) {
      if (date.pos !== PACE_POS || date.services.length === 0) continue;
      const where = posSpan(date);
      if (!where) continue;
      const key = `${where.line}:${where.start}`;
      if (told.has(key)) continue;
      told.add(key);
      ctx.report({ rule: 'pos-pace', ...where, data: { pos: PACE_POS, source } });
    }
  },
});

const mod51Addon = defineRule({
  id: 'mod51-addon',
  family: 'modifiers',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary: '-51 (multiple procedures) on an add-on code: add-on codes are exempt from the multiple procedure reduction (CPT Appendix D), so -51 does not belong on them.',
  billing: true,
  payment: 'none',
  checkClaim(claim, ctx) {
    const source = ctx.tables.reference.cmsPolicies.addOnMultipleProcedure.source;
    for (const date of claim.dates) {
      for (const s of date.services) {
        const i = s.modifiers.indexOf('51');
        if (i < 0) continue;
        const addOn = addOnSource(ctx.tables, s.code);
        if (!addOn) continue;
        ctx.report({
          rule: 'mod51-addon',
          ...span(s.line, s.node.modifiers[i]),
          data: { code: s.code, addOnSource: addOn, source },
          fixes: [{ title: `Remove -51 from ${s.code} (an add-on code is not reduced as a multiple procedure)`, edits: [removeModifierEdit(ctx.tree, s, i)], preferred: true }],
        });
      }
    }
  },
});

const USED_FOR = /\(used for ([^)]+)\)/i;

/** What each listing's description says its code is used for (null: nothing), read once per listing. */
const usedFor = new WeakMap<ServiceModel['listings'][number], string | null>();

/** The drug a guide listing says a code is used for ("glycerin injection"), if it says. */
function drugOf(s: ServiceModel): string | undefined {
  for (const l of s.listings) {
    let drug = usedFor.get(l);
    if (drug === undefined) usedFor.set(l, (drug = USED_FOR.exec(l.description)?.[1].toLowerCase() ?? null));
    if (drug) return drug;
  }
  return undefined;
}

const drugDoubleBill = defineRule({
  id: 'drug-double-bill',
  family: 'services',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary: 'Two codes the guide lists for the same drug on one date (J3490 and J7999, both "used for glycerin injection"): likely the same drug billed twice. Bill the drug once, under one code.',
  billing: true,
  payment: 'none',
  checkClaim(claim, ctx) {
    for (const { services } of datesOfService(claim)) {
      // Two drug lines at least, or no map of them is made (most dates have one).
      let drugs = 0;
      for (const s of services) if (drugOf(s) && ++drugs > 1) break;
      if (drugs < 2) continue;
      const first = new Map<string, ServiceModel>();
      for (const s of services) {
        const drug = drugOf(s);
        if (!drug) continue;
        const seen = first.get(drug);
        if (!seen) {
          first.set(drug, s);
          continue;
        }
        // The same code twice is duplicate-line's.
        if (seen.code === s.code) continue;
        ctx.report({
          rule: 'drug-double-bill',
          ...codeSpan(s),
          data: { code: s.code, other: seen.code, otherLine: seen.line + 1, drug, source: ctx.tables.guideSource.label },
          related: [{ ...serviceSpan(seen), label: `${seen.code}, also for ${drug} on this date` }],
        });
      }
    }
  },
});

/** The pump procedures a -79 complication warning is about: revision and removal (the guide's 36261, 36262). */
const PUMP_REVISION = new Set(['36261', '36262']);
/** The pump surgeries whose global period such a revision falls in: insertion, revision, removal. */
const PUMP_SURGERY = new Set(['36260', '36261', '36262']);

/** True when every diagnosis the line points at is a complication code (and it points at one). */
function pointsOnlyAtComplications(claim: ClaimModel, s: ServiceModel, prefixes: readonly string[]): string[] | undefined {
  const dx: string[] = [];
  for (const p of s.pointers) {
    const code = claim.diagnoses.find((d) => d.letter === p)?.code;
    if (!code) continue;
    if (!prefixes.some((x) => code.startsWith(x))) return undefined;
    dx.push(code);
  }
  return dx.length > 0 ? dx : undefined;
}

interface SurgeryWindows {
  /** Per kind of day (calendar, relative): the distinct surgery days in order, and the first surgery of each. */
  days: Record<'calendar' | 'relative', number[]>;
  first: Map<string, ServiceModel>;
}

/** The claim's surgeries that open a global period, by day: built once, O(n log n). */
function surgeryWindows(claim: ClaimModel, tables: Tables, only?: ReadonlySet<string>): SurgeryWindows {
  const first = new Map<string, ServiceModel>();
  const days: SurgeryWindows['days'] = { calendar: [], relative: [] };
  for (const d of claim.dates) {
    if (d.day === undefined) continue;
    const kind = d.calendar ? 'calendar' : 'relative';
    for (const s of d.services) {
      if ((only && !only.has(s.code)) || !opensGlobalPeriod(tables, s) || first.has(`${kind}:${d.day}`)) continue;
      first.set(`${kind}:${d.day}`, s);
      days[kind].push(d.day);
    }
  }
  for (const list of Object.values(days)) list.sort((a, b) => a - b);
  return { days, first };
}

/** The latest surgery whose post-operative window (the day after it to postOpDays after) holds `date`. */
function openWindow(w: SurgeryWindows, date: DateModel, postOpDays: number): ServiceModel | undefined {
  if (date.day === undefined) return undefined;
  const kind = date.calendar ? 'calendar' : 'relative';
  const days = w.days[kind];
  // The last surgery day before the date (binary search).
  let a = 0;
  let b = days.length;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (days[mid] < date.day) a = mid + 1;
    else b = mid;
  }
  const day = days[a - 1];
  return day !== undefined && date.day - day <= postOpDays ? w.first.get(`${kind}:${day}`) : undefined;
}

const complicationInGlobal = defineRule({
  id: 'complication-in-global',
  family: 'global-period',
  defaultSeverity: 'warning',
  severities: ['warning'],
  summary:
    'Care for a complication of the surgery inside its global period: a -24 visit whose diagnoses are all complication codes (ICD-10-CM T81-T88, K91), which is inside the global package unless the patient returns to the operating room, or a -79 revision or removal of the pump for a complication, which is related: -78 applies (Pub. 100-04, Ch. 12, sections 40.1 and 40.2).',
  billing: true,
  payment: 'none',
  checkClaim(claim, ctx) {
    const policy = ctx.tables.reference.cmsPolicies.complications;
    const { postOpDays } = ctx.tables.guide.globalPeriod;
    // Most claims bill no -24 or -79: then there are no windows to build (this rule reads the whole
    // claim on each keystroke in a long one).
    if (!claim.dates.some((d) => d.services.some((s) => s.modifiers.includes('24') || s.modifiers.includes('79')))) return;
    const surgeries = surgeryWindows(claim, ctx.tables);
    if (surgeries.first.size === 0) return;
    // A -79 revision is "for the same pump" only inside a pump surgery's window.
    const pumps = surgeryWindows(claim, ctx.tables, PUMP_SURGERY);
    for (const date of claim.dates) {
      for (const s of date.services) {
        const modifier = s.modifiers.includes('24') ? '24' : s.modifiers.includes('79') && PUMP_REVISION.has(s.code) ? '79' : undefined;
        if (!modifier) continue;
        const dx = pointsOnlyAtComplications(claim, s, policy.dxPrefixes);
        if (!dx) continue;
        const surgery = openWindow(modifier === '79' ? pumps : surgeries, date, postOpDays);
        if (!surgery) continue;
        ctx.report({
          rule: 'complication-in-global',
          ...span(s.line, s.node.modifiers[s.modifiers.indexOf(modifier)]),
          data: { code: s.code, modifier, surgery: surgery.code, surgeryDate: dateLabel(surgery.date), dx, source: policy.source, dxSource: policy.dxSource },
          related: [{ ...serviceSpan(surgery), label: `${surgery.code} on ${dateLabel(surgery.date)}, the surgery whose global period this is in` }],
          fixes: modifier === '79' ? [{ title: `Replace -79 with -78 on ${s.code} (related return to the operating room)`, edits: [replaceEdit(s.line, s.node.modifiers[s.modifiers.indexOf('79')], '78')] }] : undefined,
        });
      }
    }
  },
});

export const adjudicationRules: Rule[] = [gzNoAbn, telehealthNotAllowed, posPace, mod51Addon, drugDoubleBill, complicationInGlobal];
