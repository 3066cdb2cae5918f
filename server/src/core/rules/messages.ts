// Every diagnostic's words, in one place: what is wrong, why (with its source), what to do.
// A message never quotes text the user typed unless it has the shape of a code or keyword: a
// malformed word may be a patient's name, and the CLI prints messages into CI logs.
// The editor, the CLI and SARIF all call messageOf, so they say the same thing.
import { pricedPayerNames } from '../payers';
import { ICD10_CODE, isProcedureCodeForm } from '../syntax/parser';
import type { Finding, FindingData, RuleData, RuleId, SyntaxReason } from './types';
import type { NationalReason } from '../model/locality';

/** One message per rule id, typed by the data that rule sets: a message cannot read a field its rule does not set. */
type Messages = { [R in RuleId]: (d: RuleData[R]) => string };

const str = (v: unknown): string => (v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v));
const list = (v: unknown): string => (Array.isArray(v) ? v.map((m) => `-${m}`).join(', ') : str(v));
const settingName = (s: unknown): string => (s === 'facility' ? 'facility' : 'non-facility');
const posText = (d: { pos?: string; posName?: string }): string => `place of service ${str(d.pos)}${d.posName ? ` (${str(d.posName)})` : ''}`;

/** The PFS file's PC/TC indicators, in the words of CMS's file documentation. */
const PCTC_MEANING: Record<string, string> = {
  '0': 'a physician service: -26 and -TC do not apply',
  '2': 'a professional-component-only code: -26 and -TC do not apply',
  '3': 'a technical-component-only code: -26 and -TC do not apply',
  '4': 'a global-test-only code: the components have their own codes',
  '5': 'an incident-to code: -26 and -TC do not apply',
  '6': 'a laboratory physician interpretation code: -TC does not apply',
  '7': 'a physical therapy service: -26 and -TC do not apply',
  '8': 'a physician interpretation code: -TC does not apply',
  '9': 'the PC/TC concept does not apply',
};

const syntaxReasons: Record<SyntaxReason, (d: RuleData['syntax']) => string> = {
  'unterminated-string': () => 'This quoted name has no closing quote. Add a " at the end of the name.',
  'unknown-statement': (d) =>
    `This line does not start with a statement. A line is one of: claim, payer, state, pos, start, dx, locality, county, on, or a service line starting with a CPT/HCPCS code. Put notes after a #.`,
  'unexpected-text': () => 'Unexpected text at the end of this line. Remove it, or put it after a # to make it a comment.',
  'unexpected-service-text': (d) =>
    `The underlined text is not part of a service line. A service line is CODE, then modifiers (-26), units (x2) and dx pointers (dx A,B). Remove it or put it after a #.`,
  'missing-value': (d) => {
    const what: Record<string, string> = {
      'claim-name': 'a name in quotes, e.g. claim "HAI pump implant"',
      payer: 'a payer, e.g. payer medicare',
      state: 'a two-letter state, e.g. state GA',
      pos: 'a two-digit place of service, e.g. pos 11',
      start: 'a date, e.g. start 2026-03-02',
      dx: 'an ICD-10-CM code, e.g. dx C78.7',
      date: 'a date of service: on 2026-03-02 or on day 14',
      pointer: 'one or more diagnosis letters, e.g. dx A,B',
      locality: 'a MAC locality, e.g. locality 10212-01 (MAC 10212, locality 01: Atlanta)',
      county: 'a state and a county, e.g. county GA FULTON',
      'county-name': 'the county after the state, e.g. county GA FULTON',
    };
    return `This line is missing ${what[str(d.expected)] ?? 'its value'}.`;
  },
  'unquoted-name': () => 'Put the claim name in double quotes, e.g. claim "HAI pump implant".',
  'bad-state': (d) => `The state must be a two-letter code. Write the USPS code of the billing provider's state, e.g. GA.`,
  'bad-locality': (d) =>
    `A locality is the MAC number, a dash and the two-digit locality number, as CMS's GPCI file lists them, e.g. locality 10212-01 (Atlanta). Or name the county: county GA FULTON.`,
  'bad-pos': (d) => `The place of service must be two digits. Write the two-digit CMS code, e.g. 11 (office) or 21 (inpatient hospital).`,
  'repeated-units': (d) => `This line already has units (${str(d.first)}); the second units are ignored. Write the units once, e.g. x2.`,
  'bad-units': (d) => `The units must be x followed by a number from 1 to 999. Write x followed by 1 to 999, e.g. x2.`,
  'repeated-header': (d) =>
    `This claim already has a ${str(d.keyword)} line (line ${str(d.firstLine)}); this one is ignored. Keep one ${str(d.keyword)} line per claim, or start a new claim.`,
};

/** Where a line with an invalid modifier goes (bad-modifier): the source, in one place. */
const UNPROCESSABLE = 'Pub. 100-04, Ch. 1, section 80.3.1';

const KIND_TEXT: Record<string, string> = {
  visit: 'an E/M visit',
  surgery: 'a surgical procedure',
  'drug or supply': 'a drug or supply (HCPCS Level II)',
  imaging: 'an imaging code',
  procedure: 'a procedure',
  code: 'this code',
};

const MODIFIER_PURPOSE: Record<string, string> = {
  '24': 'unrelated visit in a postoperative period',
  '25': 'significant, separately identifiable visit',
  '57': 'decision for surgery',
  '58': 'staged or related procedure',
  '78': 'unplanned return to the operating room',
  '79': 'unrelated procedure in a postoperative period',
};

function modInvalidMessage(d: RuleData['mod-invalid']): string {
  const m = `-${str(d.modifier)}`;
  const denied = 'As billed, the line is denied.';
  if (d.reason === undefined) {
    return 'pctc' in d
      ? `${m} is not valid on ${str(d.code)}: its PC/TC indicator is ${str(d.pctc)} in ${str(d.source)} (${PCTC_MEANING[str(d.pctc)] ?? 'no separate professional and technical components'}). Remove ${m} and bill the code as listed. ${denied}`
      : `${m} is not valid on ${str(d.code)}: it is an "incident to" service (${str(d.source)}, endnote d: "-26 and -TC modifiers are not valid"). Remove ${m}. ${denied}`;
  }
  const kind = 'kind' in d ? KIND_TEXT[str(d.kind)] ?? 'this code' : '';
  const purpose = MODIFIER_PURPOSE[str(d.modifier)];
  switch (d.reason) {
    case 'no-split':
      return `${m} is not valid on ${str(d.code)}: it is ${kind}, which has no separate professional and technical components (only imaging and radiology codes have them; ${str(d.source)}). Remove ${m}. ${denied}`;
    case 'tc-facility':
      return `-TC is not valid on ${str(d.code)} on a facility date: the hospital bills the technical component of a service in its setting, and the physician bills the professional component (${str(d.source)}). Replace -TC with -26. ${denied}`;
    case 'kd':
      return `-KD is not valid on ${str(d.code)}: KD marks a drug or biological infused through durable medical equipment and goes on a HCPCS Level II drug or supply code (J or A), but ${str(d.code)} is ${kind} (${str(d.source)}). Remove -KD. ${denied}`;
    case 'em-only':
      return `${m} (${purpose}) applies only to an E/M visit, but ${str(d.code)} is ${kind} (${str(d.source)}). Remove ${m}; a procedure inside a global period takes -58, -78 or -79. ${denied}`;
    case 'procedure-only':
      return `${m} (${purpose}) applies only to a procedure, but ${str(d.code)} is ${kind} (${str(d.source)}). Remove ${m}${
        d.kind === 'visit' ? '; a visit in a global period takes -24 (unrelated), -25 or -57' : '; a drug or supply is not part of a global period and needs no global-surgery modifier'
      }. ${denied}`;
    case 'bilateral':
      return d.bilateral !== undefined
        ? `-50 (bilateral procedure) is not valid on ${str(d.code)}: its BILAT SURG indicator is ${str(d.bilateral)} in ${str(d.source)}, not 1 or 3 (the indicators under which -50 is billed). Remove -50 and bill the code as listed. ${denied}`
        : `-50 (bilateral procedure) is not valid on ${str(d.code)}: none of the guide's codes is a bilateral procedure (${str(d.source)}; CPT Appendix A). Remove -50 and bill the code once. ${denied}`;
    default:
      return `${m} cannot apply to this code. Remove ${m}.`;
  }
}

const messages: Messages = {
  syntax: (d) => (syntaxReasons[d.reason] ?? (() => 'This line is not valid claim-language syntax.'))(d),
  'missing-claim': () =>
    'This line comes before the first claim line, so it belongs to no claim. Add a line like claim "NAME" above it.',
  'missing-date': (d) =>
    `${str(d.code)} has no date of service: no "on" line comes before it in this claim. Add a line like "on 2026-03-02" or "on day 0" above it.`,
  'bad-date': (d) => {
    switch (d.reason) {
      case 'form':
        return `This is not a date. Write dates as YYYY-MM-DD, e.g. 2026-03-02.`;
      case 'no-such-date':
        return `${str(d.found)} is not a real calendar date. Check the month and day.`;
      case 'day-number':
        return `"on day" needs a whole number of days after the start date, e.g. "on day 14".`;
      case 'mixed-without-start':
        return `"day ${str(d.day)}" cannot be placed on the calendar: this claim mixes "on day N" with calendar dates and has no "start" line. Add "start YYYY-MM-DD" to the claim, or use one kind of date.`;
      default:
        return 'This date is not valid.';
    }
  },
  'bad-code': (d) =>
    d.reason === 'case'
      ? `Procedure codes are written in upper case: "${str(d.found)}" should be "${str(d.expected)}".`
      : `This is not a procedure code. A CPT code is 5 digits (or 4 digits and F or T); a HCPCS Level II code is a letter A-V and 4 digits (e.g. J9200).`,
  'bad-modifier': (d) => {
    if (d.reason === 'case') return `Modifiers are written in upper case: "-${str(d.found)}" should be "-${str(d.expected)}".`;
    if (d.reason === 'unknown')
      return /^\d{2}$/.test(str(d.found))
        ? `-${str(d.found)} is not a CPT modifier (CPT Appendix A, whose two-digit modifiers these tables carry in full), so the contractor returns ${str(d.code)} as unprocessable and the line is not paid as billed (${UNPROCESSABLE}). Check the modifier; the common ones here are -26, -TC, -KD, -59/-XE/-XS/-XP/-XU, -24, -25, -57, -58, -78, -79.`
        : `-${str(d.found)} is not in the HCPCS Level II modifiers these tables carry (the common ones, not all of CMS's), so it could not be checked on ${str(d.code)}. If it is not a CMS modifier, the contractor returns the line as unprocessable (${UNPROCESSABLE}); the estimate keeps the line. Check the modifier; the common ones here are -26, -TC, -KD, -59/-XE/-XS/-XP/-XU, -24, -25, -57, -58, -78, -79.`;
    return `This is not a modifier: a modifier is a dash and two letters or digits, e.g. -26. On a service line, the contractor returns the line as unprocessable, so it is not paid as billed (${UNPROCESSABLE}).`;
  },
  'bad-dx': (d) =>
    d.reason === 'case'
      ? `ICD-10-CM codes are written in upper case: "${str(d.found)}" should be "${str(d.expected)}".`
      : d.reason === 'no-dot'
        ? `${str(d.found)} is written without its dot (as on an 837 file): in ICD-10-CM a dot follows the third character, so it is ${str(d.expected)}. It is read as ${str(d.expected)}; write ${str(d.expected)}.`
        : `The diagnosis is not written as an ICD-10-CM code. Write it as a letter, a digit, a character, then a dot and up to 4 characters, e.g. C78.7.`,
  spelling: (d) =>
    d.reason === 'payer'
      ? `"${str(d.found)}" is read as the payer "${str(d.expected)}" (payer names are read in any case), and its checks and estimate apply. Write "${str(d.expected)}".`
      : d.reason === 'keyword-case'
        ? `"${str(d.found)}" is read as the keyword "${str(d.expected)}" (keywords are read in any case). Write "${str(d.expected)}", as the formatter does.`
        : `"${str(d.found)}" is read as "${str(d.expected)}" (written in upper case). Write "${str(d.expected)}", as the formatter does.`,
  'dx-duplicate': (d) =>
    `${str(d.code)} is already listed as diagnosis ${str(d.firstLetter)} (line ${str(d.firstLine)}): the repeat takes one of the claim's 12 diagnosis slots (A-L) and says nothing new. Remove this dx line and point its services at ${str(d.firstLetter)}.`,
  'mod-conflict': (d) =>
    [d.modifier, d.conflicting].sort().join() === 'GA,GZ'
      ? `-${str(d.modifier)} and -${str(d.conflicting)} contradict each other on ${str(d.code)}: -GA says an advance beneficiary notice (ABN) is on file, -GZ that none was obtained (${str(d.source)}; the ABN rules are in the CMS Claims Processing Manual, Pub. 100-04, chapter 30, Financial Liability Protections). Keep the one that is true: -GA if the patient signed an ABN, else -GZ.`
      : `-${str(d.modifier)} and -${str(d.conflicting)} contradict each other on ${str(d.code)} (${str(d.source)}). Keep the one that describes the service.`,
  'unknown-payer': (d) =>
    d.reason === 'missing'
      ? 'This claim has no payer line, so it is checked and priced as a Medicare claim (the estimate says it assumed Medicare). Add "payer medicare" to say so.'
      : `This payer is not covered: version 1 has tables for ${pricedPayerNames()} only. Skipped for this claim: every billing check (NCCI edits, modifiers, setting, global period, coverage) and the estimate (shown as "not estimated"); only the structure checks ran. Use "payer medicare" for a Medicare claim; check other payers' rules by hand.`,
  'bad-pointer': (d) =>
    d.reason === 'form'
      ? `This is not a diagnosis pointer. Point at diagnoses by letter: dx A,B.`
      : d.reason === 'case'
        ? `Diagnosis pointers are written in upper case: "${str(d.found)}" should be "${str(d.expected)}".`
      : Number(d.count) === 0
        ? `Pointer ${str(d.pointer)} points at a diagnosis that is not there: this claim has no dx lines. Add "dx CODE" lines to the claim.`
        : `Pointer ${str(d.pointer)} points at a diagnosis that is not there: this claim's diagnoses are lettered A to ${str(d.last)} in the order of its dx lines. Point at one of those letters.`,
  'no-pointer': (d) =>
    `${str(d.code)} points at no diagnosis, and a claim line must show the diagnosis it treats. Add "dx ${str(d.first) || 'A'}" (letters follow the order of the claim's dx lines).`,
  'too-many': (d) => {
    switch (d.what) {
      case 'diagnoses':
        return `A claim holds at most ${str(d.max)} diagnoses (A-L); this one has ${str(d.count)}, so ${str(d.code)} cannot be pointed at. Split the services into two claims.`;
      case 'modifiers':
        return `A line holds at most ${str(d.max)} modifiers; this one has ${str(d.count)}. Keep the ${str(d.max)} that matter for payment (pricing modifiers such as -26 first).`;
      default:
        return `A line points at most at ${str(d.max)} diagnoses; this one has ${str(d.count)}. Keep the ${str(d.max)} most relevant, the primary first.`;
    }
  },
  'duplicate-line': (d) =>
    d.remedy === 'remove'
      ? `${str(d.code)}${d.modifiers ? `-${str(d.modifiers)}` : ''} is already billed on this date (line ${str(d.firstLine)}), and it is a service billed once per date: the repeat is not paid. Remove the repeated line (if it was truly done twice, bill the second with a repeat modifier such as -76 and documentation).`
      : `${str(d.code)}${d.modifiers ? `-${str(d.modifiers)}` : ''} is already billed on this date (line ${str(d.firstLine)}). Bill it once with units (x${str(d.total)}) instead of repeating the line.`,
  'units-impossible': (d) =>
    `${str(d.code)} is billed x${str(d.units)}, but it is ${str(d.kind)}, billed once per date (${str(d.source)}): the ${Number(d.units) - 1 === 1 ? 'extra unit is' : `${Number(d.units) - 1} extra units are`} not paid. Bill it once (x1); if it was truly repeated, bill the repeat on its own line with a repeat modifier (-76) and documentation.`,
  'unknown-code': (d) =>
    d.national
      ? `${str(d.code)} is in neither the CY2026 guide nor the loaded fee-schedule file, so it cannot be checked or priced. Check the code.`
      : `${str(d.code)} is not in the CY2026 HAI guide, so it cannot be checked or priced. Check the code, or load CMS's fee-schedule (PPRRVU) file in the haiClaims.data.pfsRvu setting to cover every code.`,
  'unknown-dx': (d) =>
    d.billable === false
      ? `${str(d.code)} is a heading in ${str(d.source)}, not a billable code: a claim needs the full code${d.example ? ` (e.g. ${str(d.example)})` : ''}. Use the most specific code the record supports.`
      : d.national
      ? `${str(d.code)} is not a valid code in ${str(d.source)}. Check the diagnosis code.`
      : `${str(d.code)} is not in the CY2026 HAI guide's diagnosis list and no ICD-10-CM file is loaded, so whether it is a valid code could not be checked. Load CMS's ICD-10-CM code file in the haiClaims.data.icd10cm setting to check it.`,
  'unknown-pos': (d) =>
    `${str(d.pos)} is not in the CMS Place of Service code set, so the facility or non-facility rate cannot be chosen and the line is not priced. Use e.g. 11 (office), 21 (inpatient hospital), 22 (on-campus outpatient hospital).`,
  'unknown-state': (d) =>
    `${str(d.state)} is not a USPS state, DC or territory code, so the Medicare jurisdiction (and LCA coverage) cannot be found. Write the billing provider's state, e.g. GA.`,
  'missing-pos': () =>
    'This date has no place of service (neither this "on" line nor the claim has "pos"), so the facility or non-facility rate and the setting rules could not be checked. Add "pos NN" to the claim or to this line.',
  'ncci-ptp': (d) =>
    `${str(d.code)} is not reimbursable when billed on the same date as ${str(d.other)}: NCCI edit from ${str(d.source)}${d.edit ? ` ("${str(d.edit)}")` : ''}. ${
      d.modifierIndicator === '1'
        ? `The edit allows an NCCI modifier: if ${str(d.code)} was truly a separate service, add -59 or -XE/-XS/-XP/-XU; otherwise remove it.`
        : `Remove ${str(d.code)}, or bill it on its own date if it was done on another day.`
    }`,
  'ncci-77002': (d) =>
    `77002 (fluoroscopic guidance) is billed with ${str(d.other)} on the same date without an NCCI modifier: ${str(d.source)}, NCCI edits ("${str(d.edit)}"). Add ${list(d.modifiers)} if the guidance was a distinct service (e.g. -XS for a separate structure); otherwise it is not paid.`,
  'nucmed-one': (d) =>
    d.units
      ? `Only ${str(d.max)} nuclear medicine procedure is reimbursable on one date (${str(d.source)}, NCCI edits), and ${str(d.code)} is billed with more units. Bill x1.`
      : `Only ${str(d.max)} nuclear medicine procedure is reimbursable on one date (${str(d.source)}, NCCI edits): ${str(d.code)} is billed with ${str(d.kept)} on the same date. Remove ${str(d.code)}, or bill it on the date it was done.`,
  'mod26-required': (d) =>
    d.pcOnly
      ? `${str(d.code)} is billed without -26 in a facility, but it is a radiology supervision-and-interpretation code that the ${str(d.source)} prices only as a professional component (${str(d.phase)}, ${str(d.section)}: a facility figure, NA outside facilities): the hospital bills the technical part. Add -26.`
      : `${str(d.code)} is billed without -26, but the guide lists it under "${str(d.section)} - requires -26 modifier" (${str(d.source)}, ${str(d.phase)})${
      d.setting === 'facility' ? ' and this date is in a facility' : d.setting === undefined ? ' and this date has no place of service' : ''
    }: the physician bills the professional component only. Add -26.`,
  'tc-billed': (d) =>
    `${str(d.code)}-TC bills the technical component only (the equipment, staff and supplies of the study), priced ${
      d.derived ? `as ${str(d.source)}'s global figure less its -26 figure (derived from whole-dollar figures)` : `from ${str(d.source)}`
    }. -TC is right only when this practice performed the technical part and another physician bills the reading (-26)${
      d.guideHeading ? '; the guide\'s "requires -26" heading addresses the reading physician, not the practice that performed the study' : ''
    }. If this practice also read the study, bill ${str(d.code)} without a modifier (global); if it only read it, bill -26.`,
  'mod50-not-bilateral': (d) => {
    const why =
      d.bilateral === undefined
        ? `none of the guide's codes is a bilateral procedure (${str(d.source)})`
        : d.bilateral === '2'
          ? `its BILAT SURG indicator is 2 in ${str(d.source)}: the code already describes both sides`
          : `its BILAT SURG indicator is ${str(d.bilateral || '(none)')} in ${str(d.source)}, not 1 or 3 (the indicators under which -50 raises the payment)`;
    return `-50 (bilateral procedure) does not apply to ${str(d.code)}: ${why}. Medicare pays the code once, at 100% (${str(d.cms)}), so the line is priced as the single code, not denied. Remove -50.`;
  },
  'mod-invalid': (d) => modInvalidMessage(d),
  'incident-to-facility': (d) =>
    `${str(d.code)} is an "incident to" service and is not payable in a hospital setting (${str(d.source)}, endnote d), but this date is at ${posText(d)}, a facility. Bill it on an office date (e.g. pos 11), or leave it off this physician claim.`,
  'a4220-bundled': (d) =>
    `${str(d.code)} (refill kit) is not separately payable: its payment is bundled into ${str(d.into)} (${str(d.source)}, endnote ${str(d.endnote)}). The patient may not be billed for it either, even with an ABN. Remove ${str(d.code)}.`,
  'kd-required': (d) =>
    `${str(d.code)} is billed without the KD modifier, but it is a drug infused through the pump, which is durable medical equipment, and such drugs are billed with KD (${str(d.source)}, endnote ${str(d.endnote)}). Add -KD.`,
  'drug-hospital': (d) =>
    `${str(d.code)} is given at ${posText(d)}, a hospital setting, where the hospital must bill Medicare for the drug (${str(d.source)}, endnote ${str(d.endnote)}). Remove it from the physician claim, or correct the place of service if it was given in the office.`,
  'global-period': (d) => {
    const when =
      d.when === 'before' ? 'the day before' : d.when === 'same' ? 'the same day as' : `${str(d.days)} days after`;
    const why = d.minor
      ? `${str(d.surgery)} (${str(d.surgeryDate)}) is a minor procedure with a ${str(d.postOpDays)}-day global period (GLOB DAYS 010 in ${str(d.source)}): its payment includes the visits of the ${str(d.postOpDays)} days after it`
      : `${str(d.surgery)} (${str(d.surgeryDate)}) is a major surgery whose payment includes a 1-day pre-operative and ${str(d.postOpDays)}-day post-operative period (${str(d.source)}, endnote c)`;
    if (d.kind === 'visit') {
      const advice =
        d.when === 'before'
          ? 'If this visit is where the decision for surgery was made, add -57; otherwise it is included in the surgery and not paid.'
          : d.when === 'same'
            ? 'Add -57 if this visit is where the decision for surgery was made, or -25 if it was a significant, separately identifiable service; otherwise it is not paid.'
            : 'If the visit is unrelated to the surgery, add -24; otherwise it is post-operative care included in the surgery and not paid.';
      return `This visit (${str(d.code)}) is ${when} ${str(d.surgery)}: ${why}. ${advice.slice(0, -1)} (${str(d.cms)}).`;
    }
    return `${str(d.code)} is ${when} ${str(d.surgery)}, inside its global period: ${why}. Add -58 if it was staged or planned (it starts its own global period), -78 if it is an unplanned return to the operating room for a complication (the original global period continues and Medicare pays only the intra-operative share), or -79 if it is unrelated (it starts its own global period); without one it is not paid (${str(d.cms)}).`;
  },
  'setting-na': (d) =>
    `${str(d.code)} has no ${settingName(d.setting)} allowable (the guide prints NA) and is not payable at ${posText(d)} on ${str(d.date)} (${str(d.source)}). ${
      typeof d.otherAllowable === 'number'
        ? `It is priced in the ${d.setting === 'facility' ? 'non-facility' : 'facility'} setting: check the place of service.`
        : 'Check the place of service and the code.'
    }`,
  'dx-not-listed': (d) => {
    switch (d.reason) {
      case 'no-dx':
        return `This claim has no diagnosis. Add the HAI diagnoses (e.g. dx C78.7 for liver metastases) from ${str(d.source)}'s ICD-10-CM list.`;
      case 'none-listed':
        return `None of this claim's diagnoses is on ${str(d.source)}'s ICD-10-CM list for HAI therapy, so coverage is doubtful. Add the diagnosis that supports HAI (e.g. C78.7 secondary malignant neoplasm of liver, or a C22 primary liver cancer).`;
      case 'service':
        return `${str(d.code)} points only at diagnoses (dx ${str(d.pointers)}) that are not on ${str(d.source)}'s ICD-10-CM list for HAI therapy, so this line's coverage is doubtful. Point it also at the diagnosis that supports it${d.listed ? ` (e.g. ${str(d.listed)})` : ''}.`;
      default:
        return `${str(d.code)} (dx ${str(d.letter)}) is pointed at by a service line but is not on ${str(d.source)}'s ICD-10-CM list for HAI therapy. Check that a listed diagnosis supports the service.`;
    }
  },
  'dx-jurisdiction': (d) =>
    d.state
      ? `${str(d.code)} is covered only by ${str(d.contractor)} LCA ${str(d.lca)} (jurisdictions ${str(d.jurisdictions)}: ${str(d.states)}), per ${str(d.source)}; this claim's state, ${str(d.state)}, is outside them. Use a diagnosis covered nationally, or check the local policy of ${str(d.state)}'s contractor.`
      : `${str(d.code)} is covered only by ${str(d.contractor)} LCA ${str(d.lca)} (states ${str(d.states)}), per ${str(d.source)}, and this claim has no state line, so coverage could not be checked. Add "state XX".`,
  'dos-year': (d) =>
    d.reason === 'relative'
      ? `This claim's dates are "day N" with no "start" line, so whether they fall in ${str(d.year)} (the year the ${str(d.source)} prices) could not be checked. Add "start YYYY-MM-DD" when you use the template for a patient.`
      : `${str(d.date)} is outside ${str(d.year)} (${str(d.from)} to ${str(d.to)}), the year the ${str(d.source)} prices, so the checks and the estimate may not apply. Check the date of service.`,
  mue: (d) =>
    d.notInForce
      ? `${str(d.code)} is billed ${str(d.units)} units ${d.perDate ? 'on this date' : 'on this line'}, more than its medically unlikely edit in ${str(d.source)} (${str(d.value)} per ${d.perDate ? 'date of service' : 'line'}), but that file applies from ${str(d.notInForce)} to the end of its year, not on this date of service, so the line is not denied on it. Load the MUE file in force on the date of service to check the units.`
      : d.perDate
      ? `${str(d.code)} is billed ${str(d.units)} units on this date${Number(d.lines) > 1 ? ` (over ${str(d.lines)} lines)` : ''}, more than its medically unlikely edit allows (${str(d.value)} per date of service; ${str(d.source)}${d.rationale ? `, ${str(d.rationale)}` : ''}). Over a per-date MUE, Medicare denies every line of ${str(d.code)} on the date. Check the units; if more were truly given, the documentation must support an appeal.`
      : `${str(d.code)} is billed ${str(d.units)} units on this line, more than its medically unlikely edit allows (${str(d.value)} per line; ${str(d.source)}${d.rationale ? `, ${str(d.rationale)}` : ''}). Over a per-line MUE, Medicare denies the whole line. Check the units, or bill the extra units on a separate line with an appropriate modifier (e.g. -76, -91, anatomic) if they were separate services.`,
  'em-multiple': (d) =>
    `${str(d.code)} is another E/M visit on this date (${str(d.count)} visits): Medicare pays one visit per date by one physician (${str(d.source)}): the one paid is ${str(d.first)} on line ${str(d.firstLine)} (the higher-priced${d.primary ? ', or beside a procedure the one billed -25 or -57' : ''}), so this line is not paid (the estimate prices it $0). Bill one visit at the level of the day's combined work and remove the other${
      d.primary ? '; if the visit was significant and separately identifiable from the procedure on this date, that one visit takes -25' : ''
    }.`,
  'consult-medicare': (d) => {
    const where = d.setting === 'facility' ? 'in a hospital' : d.setting === 'nonFacility' ? 'in the office' : 'here (the date has no place of service)';
    const instead =
      d.setting === 'facility'
        ? `initial hospital care (${list(d.instead).replace(/-/g, '')}), which the guide does not price`
        : d.setting === 'nonFacility'
          ? `the office visit the guide lists (${list(d.instead).replace(/-/g, '')})`
          : `an office visit (99214, 99215) or initial hospital care (99221-99223)`;
    return `${str(d.code)} is a consultation code, and Medicare does not pay consultation codes: it has not paid them since 2010 and the PFS lists them with status I (${str(d.source)}). The line is priced $0. Bill the visit ${where} as ${instead}.`;
  },
  'em-needs-25': (d) =>
    d.unsure
      ? `This visit (${str(d.code)}) is on the same date as ${str(d.procedure)}, a procedure whose global period no loaded table gives (load CMS's PFS relative value file to know it). If it is a 0- or 10-day or XXX procedure, its payment includes the visit unless it is significant and separately identifiable (${str(d.source)}), and the visit needs -25; the estimate keeps the visit until that is known. If the visit was significant and separately identifiable, add -25 (with documentation of the separate problem).`
      : `This visit (${str(d.code)}) is on the same date as ${str(d.procedure)}, whose payment includes the visit unless it is significant and separately identifiable (${str(d.source)}): without -25 the visit is not paid (the estimate prices it $0). If it was significant and separately identifiable, add -25 (with documentation of the separate problem); otherwise remove the visit.`,
  'addon-without-primary': (d) => {
    if (!d.aoc) {
      return `${str(d.code)} is an add-on code (${str(d.source)}: "List separately in addition to code for primary procedure"), and no eligible primary procedure is billed on ${str(d.date)}: an add-on is paid only with its primary on the same date (${str(d.cms)}). Bill it on the date of its primary procedure, with the primary; otherwise remove it. As billed, the line is denied.`;
    }
    // CMS's NCCI add-on code edit file decided (issue 16).
    const primaries = `${str(d.primaries)}${Number(d.morePrimaries) > 0 ? ` and ${str(d.morePrimaries)} more` : ''}`;
    switch (d.aoc) {
      case 'no-listed-primary':
        return `${str(d.code)} is a type 1 add-on code in ${str(d.source)}: Medicare pays it only with one of its listed primary procedures (${primaries}), and none is billed on ${str(d.date)}, so the line is denied. Bill the primary procedure with it, or remove ${str(d.code)}.`;
      case 'unlisted-primary':
        return `${str(d.code)} is a type 3 add-on code in ${str(d.source)}: none of its listed primaries (${primaries}) is billed on ${str(d.date)}. The contractor may accept another primary (${str(d.others)} here); check its policy.`;
      case 'alone':
        return `${str(d.code)} is a type ${str(d.type)} add-on code in ${str(d.source)} and is billed with no primary procedure on ${str(d.date)}, so the line is denied. Bill it with its primary procedure${d.type === 2 ? ' (the contractor decides which primaries qualify)' : ` (${primaries})`}, or remove it.`;
    }
  },
  'gz-no-abn': (d) =>
    `${str(d.code)} is billed -GZ: no advance beneficiary notice (ABN) is on file for a service expected to be denied as not reasonable and necessary. Medicare denies a -GZ line automatically, provider liable, and the patient may not be billed (${str(d.source)}); the estimate prices it $0. If the patient signed an ABN, bill -GA instead; if the service is covered, remove -GZ.`,
  'telehealth-not-allowed': (d) =>
    `${str(d.code)} is ${KIND_TEXT[str(d.kind)] ?? 'this code'}${str(d.code) === '96522' ? ' (the pump refill)' : ''}, which needs the patient in person, but it is billed as telehealth (${d.pos ? `place of service ${str(d.pos)}` : `modifier -${str(d.modifier)}`}): Medicare pays by telehealth only the services on its telehealth list, such as E/M visits (${str(d.source)}), so the line is not paid (the estimate prices it $0). Bill it with the place of service where the patient was seen${d.modifier ? ` and without -${str(d.modifier)}` : ''}.`,
  'pos-pace': (d) =>
    `Place of service ${str(d.pos)} is a PACE center (Program of All-Inclusive Care for the Elderly). A PACE participant receives Medicare benefits through the PACE organization, which is paid for them, so Part B does not pay this claim (${str(d.source)}); the estimate still shows the fee schedule amount. Bill the PACE organization, or correct the place of service if the patient is not a PACE participant.`,
  'mod51-addon': (d) =>
    `${str(d.code)} is an add-on code (${str(d.addOnSource)}), and add-on codes are exempt from the multiple procedure reduction, so -51 does not belong on it (${str(d.source)}). Remove -51; the add-on is paid at its own amount.`,
  'drug-double-bill': (d) =>
    `${str(d.code)} and ${str(d.other)} (line ${str(d.otherLine)}) are both listed by the ${str(d.source)} for ${str(d.drug)}, on the same date: likely the same drug billed twice. Bill the drug once, under one code (with units for the amount given).`,
  'complication-in-global': (d) =>
    d.modifier === '24'
      ? `This visit (${str(d.code)}) is billed -24 (unrelated to the surgery), but every diagnosis it points at (${str(d.dx)}) is a complication code (${str(d.dxSource)}), and it is inside the global period of ${str(d.surgery)} (${str(d.surgeryDate)}): care for a complication that does not need a return to the operating room is included in the surgery's payment (${str(d.source)}). Bill -24 only for a problem unrelated to the surgery, with its diagnosis.`
      : `${str(d.code)} is billed -79 (unrelated to the earlier surgery), but it is done on the pump of ${str(d.surgery)} (${str(d.surgeryDate)}), inside its global period, for a complication (${str(d.dx)}; ${str(d.dxSource)}): a return to the operating room for a complication is related, so -78 applies, paid at the intra-operative share without a new global period (${str(d.source)}). Bill -78 instead of -79.`,
  'unknown-locality': (d) =>
    d.default
      ? `haiClaims.defaultLocality${/^\d{5}-\d{2}$/.test(str(d.locality)) ? ` ${str(d.locality)}` : ''} is ${d.reason === 'gpci-conflict' ? `in two rows of ${str(d.source)} whose GPCIs disagree` : `not in ${str(d.source)}`}, so claims with no locality or county line are priced nationally. Set it to a locality the file lists (MAC-locality, e.g. 10212-01).`
      : d.reason === 'no-gpci-file'
      ? `The claim names a locality, but no GPCI file is loaded, so it could not be checked or priced: amounts are national. Set haiClaims.data.gpci to CMS's GPCI file.`
      : d.reason === 'gpci-conflict'
      ? `Locality ${str(d.locality)} has two rows in ${str(d.source)} whose GPCIs disagree, so which one applies is unknown and the claim is priced nationally. Remove the wrong row (or the second file), or write another locality.`
      : `${/^\d{5}-\d{2}$/.test(str(d.locality)) ? `Locality ${str(d.locality)} is` : 'This locality is'} not in ${str(d.source)}, so the claim is priced nationally. Write a locality the file lists (MAC-locality, e.g. 10212-01; completion offers those of the claim's state), or name the county: county GA FULTON.`,
  'unknown-county': (d) =>
    d.reason === 'county-ignored'
      ? `The claim's locality line (${str(d.resolved)}) prices the claim, but this county ${d.countyLocality ? `is in ${str(d.countyLocality)}` : 'is in no locality of the file'} (${str(d.source)}). Keep the line that is right and delete the other.`
      : d.reason === 'county-conflict'
      ? `${str(d.source)} lists this county in two localities of ${str(d.countyState)} (${(d.localities ?? []).join(', ')}), so which one pays is unknown and the claim is priced nationally. Correct the file (CMS lists a county once per state), or write locality MAC-NN.`
      : d.reason === 'county-excepted'
      ? `${str(d.source)} leaves this county out of its state's "all counties" row (an EXCEPT clause) but lists it in no locality of ${str(d.countyState)}, so the claim is priced nationally. Check the county's spelling and the file, or write locality MAC-NN.`
      : d.reason === 'county-incomplete'
      ? `A row of ${str(d.countyState)} in ${str(d.source)} could not be read (see the data file's problems), so this county cannot be placed and the claim is priced nationally. Correct the file, or write locality MAC-NN.`
      : d.reason === 'county-city'
      ? `${str(d.source)} lists no county of this name in ${str(d.countyState)}, only the independent city of that name: the claim is priced in ${str(d.resolved)} (${str(d.area)}). If you meant a county, check its name.`
      : d.reason === 'county-rest'
      ? `This county is not named in ${str(d.source)}, so it is priced in ${str(d.resolved)} (${str(d.area)}: all other counties of ${str(d.countyState)}). If it belongs to another locality, check its spelling (completion offers the counties the file names).`
      : d.reason === 'no-county-file'
      ? `The claim names a county, but no locality-to-county file is loaded, so its locality is unknown: amounts are national. Set haiClaims.data.localities to CMS's locality-to-county file, or write locality MAC-NN.`
      : `This county is in no locality of ${str(d.countyState)} in ${str(d.source)}, so the claim is priced nationally. Check the county's spelling and state (completion offers the counties the file names), or write locality MAC-NN.`,
  'locality-state': (d) =>
    d.default
      ? `haiClaims.defaultLocality ${str(d.resolved)} (${str(d.localityName)}) is in ${str(d.localityState)}, but the claim's state is ${str(d.state)}. Medicare pays the locality where the service was furnished (${str(d.source)}). The claim is priced in ${str(d.resolved)}: write the claim's locality or county line, or change the setting.`
      : `Locality ${str(d.resolved)} (${str(d.localityName)}) is in ${str(d.localityState)}, but the claim's state is ${str(d.state)}. Medicare pays the locality where the service was furnished (${str(d.source)}); fix the state or the locality. The claim is priced in ${str(d.resolved)}.`,
  'bad-suppression': (d) => {
    const source = 'A hai-claims-ignore comment must name the checks it suppresses and say why (an auditor reads the reason).';
    const still = (ids: readonly string[]) => (ids.length ? ` (${ids.join(', ')} still reported)` : '');
    switch (d.reason) {
      case 'no-id':
        return `This hai-claims-ignore comment names no check, so it suppresses nothing. ${source} Write e.g. "# hai-claims-ignore ncci-ptp: distinct encounter, see op note".`;
      case 'no-reason':
        return `This hai-claims-ignore comment gives no reason, so it suppresses nothing${still(d.ids)}. ${source} Add ": " and the reason after the ids.`;
      case 'too-short':
        return `This hai-claims-ignore comment's reason is too short to tell an auditor anything, so it suppresses nothing${still(d.ids)}. ${source} Write why the finding does not apply (at least a few words).`;
      case 'placeholder':
        return `This hai-claims-ignore comment still has the placeholder <reason>, so it suppresses nothing${still(d.ids)}. ${source} Replace <reason> with why the finding does not apply.`;
      case 'unknown-id':
        return `This word is not a check id, so it suppresses nothing. ${source} Use an id from docs/checks.md (hai-claims rules lists them), or remove it.`;
      case 'not-run':
        return `The ${d.id} check did not run (it needs CMS's national file, data.${d.id}, which is not loaded), so whether this line has a ${d.id} finding to suppress is not known. Load the file (see README, National CMS data) to check, or remove ${d.id} from the comment.`;
      default:
        return `There is no ${d.id} finding on this line to suppress. ${source} Remove ${d.id} from the comment (or the whole comment) so that the exception list stays true.`;
    }
  },
  'file-too-large': (d) =>
    `This file is ${str(d.bytes)} bytes, over the ${str(d.limit)}-byte limit, so it was not checked. Split it into smaller files, or raise haiClaims.maxFileBytes.`,
  x12: (d) => x12Message(d),
};

const X12_GUIDE = 'ASC X12 005010X222A1 (837 Professional)';

/** The X12 reader's problems (core/x12): what it could not read, and what was still checked. */
function x12Message(d: RuleData['x12']): string {
  const el = d.element ?? d.segmentId;
  switch (d.reason) {
    case 'not-x12':
      return `This is not an X12 interchange: it does not start with an ISA segment, so it was not read up to the next ISA. ${X12_GUIDE}. Check that the file is the 837 the practice management system sent.`;
    case 'undeclared-separators':
      return `This ISA segment does not declare its separators (the element separator after ISA, ISA11, ISA16 and the segment terminator at fixed places, 106 characters), so this interchange could not be read; the claims in it were not checked. ${X12_GUIDE}, ISA. Regenerate the file, or ask the sender for a standard ISA.`;
    case 'truncated-segment':
      return `The file ends inside a segment (no segment terminator): the file was cut off, and this segment was not read. ${X12_GUIDE}. Ask for the whole file; the claims before it were checked.`;
    case 'truncated':
      return `The interchange ends without its ${el} trailer: the file was cut off after this segment, so claims may be missing and the last claim may be incomplete (its estimate too). ${X12_GUIDE}. Ask for the whole file; what was read was checked.`;
    case 'control-mismatch':
      return `${el} does not repeat the control number of its header, so this envelope does not close the one it should: part of the file may be missing or out of order. ${X12_GUIDE}. Ask the sender for an intact file; the claims were still checked.`;
    case 'count-mismatch':
      return `${el} does not match the number of ${el.startsWith('SE') ? 'segments in the transaction' : el.startsWith('GE') ? 'transactions in the group' : 'groups in the interchange'}: segments may be missing. ${X12_GUIDE}. Ask the sender for an intact file; the claims were still checked.`;
    case 'not-837p':
      return `This transaction is ${d.found ? `an ${d.found}` : 'not an 837P (its version is not 005010X222A1)'}, not an 837P professional claim: hai-claims checks professional claims only, so its claims were not read. ${X12_GUIDE}, ST03. Check it with the tool for ${d.found === '837I' ? 'institutional' : d.found === '837D' ? 'dental' : 'its'} claims.`;
    case 'not-claim':
      return `This transaction set is ${d.found ? `a ${d.found}` : 'not an 837'}, not a claim: it was skipped. ${X12_GUIDE}, ST01.`;
    case 'no-hi':
      return `This claim has no HI segment (health care diagnosis codes), so it has no diagnoses: the coverage and pointer checks report on every line. ${X12_GUIDE}, loop 2300 HI (required). Add the diagnoses in the practice management system and send the claim again.`;
    case 'icd9':
      return `${el} is an ICD-9 diagnosis (qualifier BK or BF): ICD-9 codes are not accepted for services since 2015-10-01, and this one was not read. ${X12_GUIDE}, HI (ABK/ABF for ICD-10-CM). Code the diagnosis in ICD-10-CM.`;
    case 'bad-element':
      return `${el} does not hold a value of the form the guide gives (a ${d.element?.startsWith('SV101') ? 'HC procedure code or a two-character modifier' : d.element === 'SV107' ? 'diagnosis pointer 1 to 12' : d.element === 'SV104' ? 'number of units' : d.element?.startsWith('HI') ? 'ICD-10-CM code' : 'date CCYYMMDD'}), so it was not read${d.element === 'SV101' ? ' and the service line was not checked' : ''}. ${X12_GUIDE}. Correct it in the practice management system.`;
    case 'outside-envelope':
      return `This ${d.segmentId} segment is outside the envelope it belongs in (ISA/GS/ST), so it was not read. ${X12_GUIDE}. Ask the sender for an intact file.`;
    case 'no-claims':
      return `No 837P claim was found in this file, so nothing was checked. ${X12_GUIDE}. Check that the file is the 837P the practice management system sent.`;
  }
}


const CODE_KEYS = ['code', 'other', 'kept', 'surgery', 'into'];

/** Code fields that are not code-shaped are shown as "this code": they may be free text. */
function safeData(data: FindingData): FindingData {
  let out = data;
  for (const key of CODE_KEYS) {
    const v = data[key];
    if (typeof v === 'string' && v && !isProcedureCodeForm(v) && !ICD10_CODE.test(v)) {
      if (out === data) out = { ...data };
      out[key] = 'this code';
    }
  }
  return out;
}

/**
 * A data file whose year or quarter does not cover the date of service is never used for it
 * (issue 21): the line's note says which file, what it covers and what to load.
 */
export const dateCoverageText = {
  gpci: (code: string, file: string, year: string, iso: string): string =>
    `${file} holds the CY${year} GPCIs, which do not apply to ${iso}: ${code} is at its national amount. Load that year's GPCI file.`,
  counties: (code: string, file: string, year: string, iso: string): string =>
    `${file} places counties in localities for CY${year}, which does not apply to ${iso}: ${code} is at its national amount. Load that year's locality-to-county file, or write \`locality MAC-NN\`.`,
  oppsCap: (what: string, file: string, from: string, iso: string, source: string): string =>
    `OPPS cap not applied: ${file} caps ${what} from ${from} of its year, which does not cover ${iso}, so the PFS amount may be above what Medicare pays. Load the OPPS cap file of the release in effect on that date (${source}).`,
};

/**
 * Drugs the contractor prices (issue 21). Source: Pub. 100-04, Ch. 17, section 20.1.3, "Exceptions
 * to Average Sales Price (ASP) Payment Methodology" (docs/national-data.md says what was verified).
 */
export const contractorPricedDrugText = {
  noc: (code: string): string =>
    `Not priced: ${code} is a not-otherwise-classified drug code, which the contractor prices from the invoice (the drug named on the claim, its NDC, dosage and cost); CMS's ASP NOC file lists limits by drug, not by this code, so no fee table gives its amount here (${ASP_EXCEPTIONS}).`,
  blankLimit: (file: string, code: string, quarter: string): string =>
    `Not priced: ${file} lists ${code} with a blank payment limit for ${quarter}, so the contractor prices the drug (${ASP_EXCEPTIONS}); it is left out of the total.`,
};
const ASP_EXCEPTIONS = 'Pub. 100-04, Ch. 17, section 20.1.3';

/** Why a claim's amounts are national (model/locality.ts's reason), for the estimate's note and hover: "no GPCI file is loaded (...)". */
export function nationalBecauseText(reason: NationalReason, d: { locality?: string; countyState?: string; localities?: readonly string[]; gpci?: string; counties?: string }): string {
  switch (reason) {
    case 'no-locality':
      return 'no locality: the claim has no `locality` or `county` line and haiClaims.defaultLocality is not set';
    case 'no-gpci-file':
      return "no GPCI file is loaded (set haiClaims.data.gpci to CMS's GPCI file)";
    case 'no-county-file':
      return 'the claim names a county but no locality-to-county file is loaded (set haiClaims.data.localities, or write `locality MAC-NN`)';
    case 'unknown-county':
      return `the county named is in no locality of ${str(d.countyState)} in ${str(d.counties)}`;
    case 'county-conflict':
      return `${str(d.counties)} lists the county named in ${d.localities?.length ?? 2} localities of ${str(d.countyState)} (${str(d.localities)}), so which one prices it is unknown`;
    case 'county-excepted':
      return `${str(d.counties)} leaves the county named out of its state's "all counties" row (an EXCEPT clause) but lists it in no other locality of ${str(d.countyState)}`;
    case 'county-incomplete':
      return `${str(d.counties)} has a row of ${str(d.countyState)} that could not be read (see the data file problems), so the county named cannot be placed`;
    case 'gpci-conflict':
      return `locality ${str(d.locality)} has two rows in ${str(d.gpci)} whose GPCIs disagree`;
    case 'unknown-locality':
      return `locality${d.locality ? ` ${d.locality}` : ''} is not in ${str(d.gpci)}`;
  }
}

export function messageOf(f: Pick<Finding, 'rule' | 'data'>): string {
  // A finding's data is that of its rule (the rules are typed by RuleData); any data reaches
  // here as the loose FindingData, so the message is looked up by id and given the data as its own.
  const fn = (messages as unknown as Record<string, ((d: FindingData) => string) | undefined>)[f.rule];
  try {
    return fn ? fn(safeData(f.data)) : `${f.rule}`;
  } catch {
    return f.rule;
  }
}

export function hasMessage(rule: string): boolean {
  return rule in messages;
}
