// Hover: what a code, modifier, place of service, state, pointer, date or claim means and pays.
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import type { DateModel, ServiceModel } from '../model/model';
import { pickListing } from '../model/resolve';
import { payerNamed, pricedPayerNames } from '../payers';
import { modifierPurpose } from '../rules/global-period';
import { messageOf } from '../rules/messages';
import { misfit } from '../rules/modifier-fit';
import { misfitData, needs26 } from '../rules/modifiers';
import { lineAllowable } from '../rules/util';
import { ICD10_CODE } from '../syntax/parser';
import type { Tables } from '../tables';
import type { ProcedureListing, Setting } from '../tables/schema';
import {
  allowable,
  claimEstimateMarkdown,
  dateEstimateMarkdown,
  endnoteText,
  escapeMd,
  money,
  rvu,
  settingName,
} from './describe';
import { localityLineHover, localPriceHover } from './hover-local';
import { clampPosition, targetAt, tokRange } from './locate';

export function doHover(analysis: Analysis, atLine: number, atCharacter: number): Hover | null {
  const { line, character } = clampPosition(analysis, atLine, atCharacter);
  const target = targetAt(analysis, line, character);
  if (!target) return null;
  const t = analysis.tables;
  let value: string | undefined;
  switch (target.kind) {
    case 'code': {
      value = codeHover(t, target.tok.text.toUpperCase(), target.service);
      const local = target.service && localPriceHover(analysis, target.service);
      if (local) value = `${value}\n\n${local}`;
      const nonPar = target.service && nonParticipatingHover(analysis, target.service);
      if (nonPar) value = `${value}\n\n${nonPar}`;
      break;
    }
    case 'modifier':
      value = modifierHover(t, target.tok.text.toUpperCase(), target.service);
      break;
    case 'units':
      value = target.service ? `**Units:** ${target.service.units} of ${target.service.code}. Each unit is priced and ranked for MPPR separately.` : undefined;
      break;
    case 'pointer': {
      const claim = target.service?.date.claim;
      const dx = claim?.diagnoses.find((d) => d.letter === target.letter);
      value = dx ? `**Pointer ${target.letter}** → ${dxHover(t, dx.code)}` : `**Pointer ${target.letter}** points at no diagnosis of this claim.`;
      break;
    }
    case 'dx':
      value = target.dx ? `${target.dx.letter ? `**Diagnosis ${target.dx.letter}** · ` : ''}${dxHover(t, target.dx.code)}` : undefined;
      break;
    case 'pos':
      value = posHover(t, target.tok.text);
      break;
    case 'state':
      value = stateHover(t, target.tok.text.toUpperCase());
      break;
    case 'payer': {
      const payer = payerNamed(target.tok.text);
      value = payer
        ? `**${payer.displayName}** · ${payer.hover}.`
        : `**This payer** · no tables for it (v1 covers ${pricedPayerNames()} only): structure checks only, no billing checks or estimate.`;
      break;
    }
    case 'start':
      value = `**Start date** · \`on day N\` lines of this claim are N days after ${/^\d{4}-\d{2}-\d{2}$/.test(target.tok.text) ? target.tok.text : "this start date (not written as YYYY-MM-DD)"}.`;
      break;
    case 'on':
      value = target.date ? dateHover(analysis, target.date) : undefined;
      break;
    case 'locality':
      value = target.claim ? localityLineHover(analysis, target.claim, target.line) : undefined;
      break;
    case 'claim': {
      const est = target.claim ? analysis.estimateOf(target.claim.index) : undefined;
      value = est ? claimEstimateMarkdown(est) : undefined;
      break;
    }
  }
  if (!value) return null;
  const contents: MarkupContent = { kind: 'markdown', value };
  return { contents, range: tokRange(line, target.tok) };
}

function figuresTable(listings: readonly ProcedureListing[], setting: Setting | undefined, pricing?: ProcedureListing): string[] {
  // The date's setting comes first, as that is the figure that applies.
  const order: Setting[] = setting === 'facility' ? ['facility', 'nonFacility'] : ['nonFacility', 'facility'];
  const head = `| ${listings.length > 1 ? 'Listing' : ''} | Work RVUs | ${order.map((s) => `${settingName(s)} RVUs | ${settingName(s)} allowable`).join(' | ')} |`;
  const rows = listings.map((l) => {
    const cells = order.map((s) => (s === 'facility' ? `${rvu(l.facilityRvu)} | ${allowable(l.facilityAllowable)}` : `${rvu(l.nonFacilityRvu)} | ${allowable(l.nonFacilityAllowable)}`));
    const name = listings.length > 1 ? `${escapeMd(l.section)}${l === pricing ? ' ✔' : ''}` : '';
    return `| ${name} | ${rvu(l.workRvu)} | ${cells.join(' | ')} |`;
  });
  return [head, `|---|---:|${order.map(() => '---:|---:').join('|')}|`, ...rows];
}

export function codeHover(t: Tables, code: string, service?: ServiceModel): string {
  const listings = t.listings(code);
  const setting = service?.date.setting;
  const parts: string[] = [];
  if (listings.length > 0) {
    const pricing = service?.listing ?? pickListing(listings, service?.modifiers ?? []);
    const first = pricing ?? listings[0];
    parts.push(`**${code}** · ${escapeMd(first.description)}`);
    parts.push(listings.map((l) => `${escapeMd(l.phaseHeading)} › ${escapeMd(l.section)}${l.requires26 ? ' (requires -26)' : ''} · guide p. ${l.page}`).join('  \n'));
    parts.push(figuresTable(listings, setting, listings.length > 1 ? pricing : undefined).join('\n'));
    if (service && pricing) {
      const a = setting ? lineAllowable(service, setting) : undefined;
      const asPc = !!setting && pricing.requires26 && service.modifiers.includes('26') && a !== (setting === 'facility' ? pricing.facilityAllowable : pricing.nonFacilityAllowable);
      parts.push(
        setting
          ? `This date: **${settingName(setting)}** (pos ${service.date.pos}) → ${a === undefined ? '' : allowable(a)} per unit${service.units > 1 ? ` x${service.units}` : ''}${asPc ? " (billed -26: the guide's -26 figure, the professional component, applies in every setting)" : ''}`
          : 'This date has no place of service: the setting, and so the allowable, is unknown.',
      );
    }
    const consult = t.reference.cmsPolicies.consultations;
    if (consult.codes.includes(code)) {
      // The guide's figure stays above; Medicare itself does not pay the code (issue 13).
      parts.push(`⚠ Medicare does not pay consultation codes (${escapeMd(consult.source)}): on a Medicare claim this line is priced $0. Bill ${consult.office.join('/')} in the office, initial hospital care ${consult.hospital[0]}-${consult.hospital[consult.hospital.length - 1]} in a hospital.`);
    }
    const exceptions = listings.flatMap((l) => l.pricingExceptions.map((e) => `${settingName(e.setting)}: ${escapeMd(e.reason)}`));
    if (exceptions.length) parts.push(`_Published allowable differs from RVUs x ${t.guide.meta.conversionFactor}:_ ${exceptions.join('; ')}`);
    const flags = [...new Set(listings.flatMap((l) => l.flags))];
    const notes = flags.map((f) => `- **${f}** ${escapeMd(endnoteText(t, f) ?? '')}`);
    if (flags.includes('b')) {
      const cms = t.reference.cmsPolicies.imagingMppr;
      notes.push(
        `- ⚠ Erratum: endnote b's ${cms.guidePcReductionPercent}% PC reduction is outdated. CMS reduces the 2nd and later imaging procedures of a session by ${cms.tcReductionPercent}% of the technical and ${cms.pcReductionPercent}% of the professional component (${escapeMd(cms.source)}); the estimate applies CMS's figures.`,
      );
    }
    if (notes.length) parts.push(['Endnotes:', ...notes].join('\n'));
    const required = requiredModifiers(t, code, service);
    if (required.length) parts.push(`Modifiers: ${required.join('; ')}`);
  } else {
    const row = t.national.rvu?.lookup(code);
    if (row) {
      parts.push(`**${code}** · ${escapeMd(row.description)}`);
      parts.push(
        [
          '| Work RVUs | facility RVUs | facility allowable | non-facility RVUs | non-facility allowable |',
          '|---:|---:|---:|---:|---:|',
          `| ${rvu(row.workRvu)} | ${rvu(row.facilityTotal)} | ${row.facilityTotal === 'NA' ? 'NA' : money(row.facilityTotal * row.conversionFactor)} | ${rvu(row.nonFacilityTotal)} | ${row.nonFacilityTotal === 'NA' ? 'NA' : money(row.nonFacilityTotal * row.conversionFactor)} |`,
        ].join('\n'),
      );
      parts.push(`Global days ${escapeMd(row.globalDays)} · PC/TC indicator ${escapeMd(row.pctc)} · status ${escapeMd(row.statusCode)}`);
      // The payment policy indicators the estimate applies (issue 22): -50, MPPR, -80/-AS, -62, -66.
      const indicators: [string, string | undefined][] = [['BILAT SURG', row.bilateral], ['MULT PROC', row.multipleProcedure], ['ASST SURG', row.assistant], ['CO-SURG', row.coSurgeon], ['TEAM SURG', row.teamSurgeon]];
      const shown = indicators.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k} ${escapeMd(v!)}`);
      if (shown.length) parts.push(shown.join(' · '));
      parts.push(`_Source: ${escapeMd(row.source.label)}_`);
      return parts.join('\n\n');
    }
    return `**${code}** is not in the ${escapeMd(t.guideSource.label)}${t.national.rvu ? ' nor in the loaded fee-schedule file' : ''}: no figures to show.`;
  }
  const edits = t.guideNcciEditsInvolving(code);
  if (edits.length) {
    const denied = edits.filter((e) => e.denied === code).map((e) => e.other);
    const denies = edits.filter((e) => e.other === code).map((e) => e.denied);
    const lines = [];
    if (denied.length) lines.push(`- not reimbursable on the same date as ${[...new Set(denied)].join(', ')}`);
    if (denies.length) lines.push(`- makes ${[...new Set(denies)].join(', ')} not reimbursable on the same date`);
    parts.push(['NCCI edits:', ...lines].join('\n'));
  }
  if (code === t.guide.ncci.guidance77002.code) parts.push(`NCCI: ${escapeMd(t.guide.ncci.guidance77002.text)}`);
  if (t.cptSections(code).includes('nuclear-medicine')) parts.push(`NCCI: ${escapeMd(t.guide.ncci.nuclearMedicine.text)}`);
  if (t.national.ptp) parts.push(`_Also checked against ${escapeMd(t.national.ptp.source.label)}._`);
  parts.push(`_Source: ${escapeMd(t.guideSource.label)}_`);
  return parts.join('\n\n');
}

function requiredModifiers(t: Tables, code: string, service?: ServiceModel): string[] {
  const listings = t.listings(code);
  const out: string[] = [];
  if (listings.some((l) => l.requires26)) {
    out.push(service && !needs26(service) ? '-26 not needed here (global service in the office)' : '-26 required (imaging heading)');
  }
  if (listings.some((l) => l.flags.includes('d'))) out.push('-26 and -TC not valid (endnote d)');
  if (listings.some((l) => l.flags.includes('+'))) out.push('-KD required (endnote +)');
  if (code === t.guide.ncci.guidance77002.code) out.push(`an NCCI modifier (${t.guide.ncci.guidance77002.modifiers.map((m) => `-${m}`).join(', ')}) with a surgical or imaging procedure`);
  return out;
}

export function dxHover(t: Tables, code: string): string {
  const d = t.diagnosis(code);
  const lca = t.guide.diagnosisNotes.lca;
  if (!d) {
    const n = t.national.icd10?.lookup(code);
    if (n) return `**${code}** · ${escapeMd(n.description)}\n\nNot on the guide's HAI diagnosis list. _Source: ${escapeMd(t.national.icd10!.source.label)}_`;
    // Only a code-shaped word is quoted: the rest may be free text (issue 26).
    const shown = ICD10_CODE.test(code) ? `**${code}**` : '**This diagnosis** (not written as an ICD-10-CM code)';
    return `${shown} · not on the ${escapeMd(t.guideSource.label)}'s diagnosis list${t.national.icd10 ? ' nor in the loaded ICD-10-CM file' : ''}.`;
  }
  const listNames: Record<string, string> = { primary: 'primary diagnosis', secondary: 'secondary diagnosis', 'possible-primary': 'possible primary diagnosis' };
  const parts = [`**${code}** · ${escapeMd(d.erratum ? d.erratum.correct : d.description)}`];
  parts.push(`Guide list: ${d.lists.map((l) => listNames[l]).join(', ')}`);
  parts.push(
    d.italic
      ? `Coverage: only ${escapeMd(lca.contractor)} LCA ${lca.id} (${escapeMd(lca.title)}), jurisdictions ${lca.jurisdictions.join(' and ')}: ${lca.states.join(', ')}.`
      : `Coverage: on the guide's HAI list, not limited to LCA ${lca.id}. _${escapeMd(t.guide.diagnosisNotes.ncd.note)}_`,
  );
  if (d.erratum) parts.push(`⚠ Erratum: the guide prints "${escapeMd(d.erratum.printed)}". ${escapeMd(d.erratum.note)}`);
  parts.push(`_Source: ${escapeMd(t.guideSource.label)}_`);
  return parts.join('\n\n');
}

export function modifierHover(t: Tables, mod: string, service?: ServiceModel): string {
  // A word that is not modifier-shaped is never quoted: it may be free text (issue 26).
  if (!/^[A-Z0-9]{2}$/i.test(mod)) return 'This is not a modifier: a modifier is a dash and two letters or digits, e.g. -26.';
  const info = t.modifier(mod);
  // CMS rules cite their source in hover too (issue 13): two digits are CPT's, letters CMS's Level II.
  const source = /^\d{2}$/.test(mod) ? 'CPT Appendix A' : "CMS's HCPCS Level II modifier list";
  const head = info
    ? `**-${mod}** · ${escapeMd(info.name)}\n\n${escapeMd(info.meaning)}\n\n_Source: ${source}_`
    : `**-${mod}** · in neither CPT Appendix A nor CMS's HCPCS Level II modifier list (the lists these tables carry).`;
  if (!service) return head;
  const code = service.code;
  const listings = service.listings;
  let verdict: string | undefined;
  const d = listings.some((l) => l.flags.includes('d'));
  const why = misfit(t, code, mod, service.date.setting, d);
  if ((mod === '26' || mod === 'TC') && d) verdict = `✘ Not valid on ${code}: an "incident to" service (endnote d).`;
  // The mod-invalid check's own words: a modifier that cannot apply says why and what to do.
  else if (why) verdict = `✘ ${escapeMd(messageOf({ rule: 'mod-invalid', data: misfitData(code, mod, why) }))}`;
  else if (mod === '26' && listings.some((l) => l.requires26)) verdict = `✔ Required on ${code} (listed under a "requires -26 modifier" heading).`;
  else if (mod === 'KD') verdict = listings.some((l) => l.flags.includes('+')) ? `✔ Required on ${code}: a drug infused through the pump (endnote +).` : `${code} is not one of the guide's pump drugs (endnote +).`;
  else if (t.guide.ncci.guidance77002.modifiers.includes(mod) && code === t.guide.ncci.guidance77002.code) verdict = `✔ Satisfies the NCCI modifier rule for 77002.`;
  else if (['24', '25', '57'].includes(mod)) verdict = t.cptSections(code).includes('em') ? `Use on an E/M visit in a surgery's global period: ${modifierPurpose(mod)}.` : `Meant for E/M visits; ${code} is not one.`;
  else if (['58', '78', '79'].includes(mod)) {
    const effect = mod === '78' ? 'it continues that global period and is paid only its intra-operative share' : 'it starts a global period of its own';
    verdict = `Use on a procedure inside another surgery's 90-day global period: ${modifierPurpose(mod)}; ${effect} (${escapeMd(t.reference.cmsPolicies.globalSurgery.source)}).`;
  }
  return verdict ? `${head}\n\n${verdict}` : head;
}

function posHover(t: Tables, code: string): string {
  const p = t.placeOfService(code);
  if (!p) return `**Place of service${/^\d{2}$/.test(code) ? ` ${code}` : ''}** · not a CMS place-of-service code.`;
  const telehealth = p.code === '02' || p.code === '10' ? ' (CMS pays telehealth other than in the patient\'s home, 02, at the facility rate, and in the home, 10, at the non-facility rate: CY2024 PFS final rule onwards)' : '';
  return `**Place of service ${p.code}** · ${escapeMd(p.name)}\n\n${p.facility ? 'Facility' : 'Non-facility'} rates apply${telehealth}.\n\n_Source: CMS Place of Service code set; facility and non-facility rates per the CMS Physician Fee Schedule_`;
}

function stateHover(t: Tables, code: string): string {
  const s = t.state(code);
  if (!s) return `**${/^[A-Z]{2}$/.test(code) ? code : 'This state'}** · not a USPS state or territory code.`;
  const lca = t.guide.diagnosisNotes.lca;
  const covered = lca.states.includes(code);
  const erratum = covered && !lca.statesAsPrinted.includes(code) && lca.erratum ? ` _${escapeMd(lca.erratum)}_` : '';
  return `**${escapeMd(s.name)} (${code})** · Medicare A/B MAC jurisdiction ${escapeMd(s.macJurisdiction)} (${escapeMd(s.mac)})\n\n${
    covered ? `LCA ${lca.id} applies: the guide's italic diagnoses are covered here.${erratum}` : `Outside LCA ${lca.id}: the guide's italic diagnoses are not covered here.`
  }`;
}

/** A nonparticipating provider's line (issue 22): the amount Medicare allows and the limiting charge, both. */
function nonParticipatingHover(analysis: Analysis, service: ServiceModel): string | undefined {
  const est = analysis.estimateOf(service.date.claim.index);
  const line = est?.dates.flatMap((d) => d.lines).find((l) => l.line === service.line);
  if (!line || line.limitingCharge === undefined) return undefined;
  const p = analysis.tables.reference.cmsPolicies.participation;
  return `**Nonparticipating provider:** Medicare allows ${money(line.amount)} (${p.nonParticipatingPercent}% of the fee schedule amount); limiting charge ${money(line.limitingCharge)} (${p.limitingChargePercent}% of that), the most the patient may be charged on an unassigned claim.\n\n_Source: ${escapeMd(p.source)}_`;
}

function dateHover(analysis: Analysis, date: DateModel): string | undefined {
  const claim = analysis.estimateOf(date.claim.index);
  const d = claim?.dates.find((x) => x.blockLines.includes(date.line));
  if (!d) return `**${escapeMd(date.iso ?? 'Date of service')}**`;
  return dateEstimateMarkdown(d);
}
