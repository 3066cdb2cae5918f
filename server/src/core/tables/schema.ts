// Zod schemas for every table the core reads. Types are inferred from these, so the data files
// and the code cannot drift apart silently: a data file that does not match fails at load with
// the path of the bad field.
import { z } from 'zod';

/** A cell that the guide prints as a number or as "NA" (not applicable: not a missing value). */
export const NumberOrNA = z.union([z.number().nonnegative(), z.literal('NA')]);
export type NumberOrNA = z.infer<typeof NumberOrNA>;

export const EndnoteFlag = z.enum(['a', 'b', 'c', 'd', '#', '+']);
export type EndnoteFlag = z.infer<typeof EndnoteFlag>;

export const PhaseId = z.enum(['evaluation', 'surgical-prep', 'implant', 'post-implant', 'therapy']);
export type PhaseId = z.infer<typeof PhaseId>;

export const Setting = z.enum(['facility', 'nonFacility']);
export type Setting = z.infer<typeof Setting>;

/** A published allowable that is not RVUs x conversion factor, named so the test and the hover can say why. */
export const PricingException = z.object({
  setting: Setting,
  reason: z.string().min(1),
});

/** One row of the guide's physician-services tables. A code listed under two headings has two listings. */
export const ProcedureListing = z.object({
  code: z.string().regex(/^(\d{5}|\d{4}[FT]|[A-V]\d{4})$/),
  description: z.string().min(1),
  phase: PhaseId,
  /** The phase heading exactly as the guide prints it, e.g. "Surgical Pump Implant - Inpatient Hospital". */
  phaseHeading: z.string().min(1),
  /** The section heading without the "- requires -26 modifier" suffix, e.g. "Imaging (Diagnostic Workup)". */
  section: z.string().min(1),
  /** The note the guide prints in the section heading's parentheses, if any. */
  sectionNote: z.string().optional(),
  /** True for codes listed under a heading marked "requires -26 modifier". */
  requires26: z.boolean(),
  workRvu: NumberOrNA,
  facilityRvu: NumberOrNA,
  facilityAllowable: NumberOrNA,
  nonFacilityRvu: NumberOrNA,
  nonFacilityAllowable: NumberOrNA,
  flags: z.array(EndnoteFlag),
  pricingExceptions: z.array(PricingException).default([]),
  /** The guide page the row is printed on (its table of contents numbering). */
  page: z.number().int().positive(),
});
export type ProcedureListing = z.infer<typeof ProcedureListing>;

export const DiagnosisList = z.enum(['primary', 'secondary', 'possible-primary']);
export type DiagnosisList = z.infer<typeof DiagnosisList>;

export const Diagnosis = z.object({
  code: z.string().regex(/^[A-Z]\d[0-9A-Z](\.[0-9A-Z]{1,4})?$/),
  /** The description as the guide prints it (even where it is wrong; see erratum). */
  description: z.string().min(1),
  lists: z.array(DiagnosisList).min(1),
  /** Printed in italics: covered only by Palmetto GBA LCA A56695 (jurisdictions J and M). */
  italic: z.boolean(),
  /** A known error in the guide's row, and the correct value. */
  erratum: z
    .object({ field: z.literal('description'), printed: z.string(), correct: z.string(), note: z.string() })
    .optional(),
});
export type Diagnosis = z.infer<typeof Diagnosis>;

/** One NCCI procedure-to-procedure edit from the guide: `code` is not reimbursable with any of `notWith`. */
export const NcciPair = z.object({
  code: z.string(),
  notWith: z.array(z.string()).min(1),
  /** Modifiers that may bypass the edit. The guide names none for these pairs. */
  bypassModifiers: z.array(z.string()).default([]),
  text: z.string().min(1),
});
export type NcciPair = z.infer<typeof NcciPair>;

export const Endnote = z.object({
  id: z.string(),
  text: z.string().min(1),
});

export const GuideTables = z.object({
  meta: z.object({
    title: z.string(),
    year: z.number().int(),
    /** ISO dates of the period the tables price. */
    effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    effectiveTo: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    conversionFactor: z.number().positive(),
    sources: z.array(z.object({ id: z.string(), text: z.string() })),
  }),
  phases: z.array(z.object({ id: PhaseId, heading: z.string(), summary: z.string() })),
  procedures: z.array(ProcedureListing).min(1),
  diagnoses: z.array(Diagnosis).min(1),
  diagnosisNotes: z.object({
    bold: z.string(),
    italic: z.string(),
    /** The LCA that covers the italic codes, and the states of its jurisdictions (errata applied). */
    lca: z.object({
      id: z.string(),
      title: z.string(),
      contractor: z.string(),
      jurisdictions: z.array(z.string()),
      states: z.array(z.string().length(2)),
      statesAsPrinted: z.array(z.string().length(2)),
      erratum: z.string().optional(),
    }),
    ncd: z.object({ id: z.string(), note: z.string() }),
  }),
  endnotes: z.array(Endnote),
  legend: z.array(Endnote),
  mppr: z.object({
    /** Endnote a: percent paid for the 2nd and later procedures on one date. */
    surgicalSecondaryPercentPaid: z.number(),
    /** Endnote b: percent reductions for 2nd and later imaging procedures. */
    imagingTcReductionPercent: z.number(),
    imagingPcReductionPercent: z.number(),
    imagingPcReductionNote: z.string(),
  }),
  /** Supplies the guide says are paid inside another code (endnote #: A4220 inside 96522). */
  bundled: z.array(z.object({ code: z.string(), into: z.string(), endnote: z.string() })),
  globalPeriod: z.object({ preOpDays: z.number().int(), postOpDays: z.number().int(), text: z.string() }),
  ncci: z.object({
    title: z.string(),
    pairs: z.array(NcciPair),
    guidance77002: z.object({
      code: z.string(),
      modifiers: z.array(z.string()).min(1),
      text: z.string(),
    }),
    nuclearMedicine: z.object({ maxPerDate: z.number().int().positive(), text: z.string() }),
  }),
});
export type GuideTables = z.infer<typeof GuideTables>;

/** A CMS rule: the source messages cite, and what it says in one sentence. */
const CmsPolicy = z.object({ source: z.string().min(1), text: z.string().min(1) });

/** Reference lists the guide assumes but does not print: places of service, states, modifiers. */
export const ReferenceTables = z.object({
  placesOfService: z.array(
    z.object({ code: z.string().regex(/^\d{2}$/), name: z.string(), facility: z.boolean() }),
  ),
  facilityPlacesOfServiceSource: z.string(),
  states: z.array(
    z.object({ code: z.string().length(2), name: z.string(), macJurisdiction: z.string(), mac: z.string() }),
  ),
  statesSource: z.string(),
  modifiers: z.array(
    z.object({
      code: z.string().regex(/^[0-9A-Z]{2}$/),
      name: z.string(),
      meaning: z.string(),
      /** Groups used by the checks: ncci-bypass, global-period, component, drug, ... */
      groups: z.array(z.string()),
      /** Modifiers that contradict this one on one line (GA with GZ): the mod-conflict check. */
      conflictsWith: z.array(z.string().regex(/^[0-9A-Z]{2}$/)).optional(),
    }),
  ),
  /** Where the modifier list comes from (CMS HCPCS Level II modifiers / CPT Appendix A). */
  modifiersSource: z.string(),
  /** CPT code ranges by section, used to tell surgery, radiology, nuclear medicine and E/M apart. */
  cptSections: z.array(
    z.object({ id: z.string(), name: z.string(), from: z.string(), to: z.string() }),
  ),
  cptSectionsSource: z.string(),
  /**
   * CMS rules the guide takes for granted (issue 13), each with the CMS source its messages cite:
   * global surgery modifiers, E/M on the date of a procedure, consultation codes, which modifiers
   * can apply to which codes, once-per-date services and add-on codes.
   */
  cmsPolicies: z.object({
    globalSurgery: CmsPolicy,
    emSameDayProcedure: CmsPolicy,
    emPerDate: CmsPolicy,
    consultations: CmsPolicy.extend({
      codes: z.array(z.string()).min(1),
      /** The visit codes to bill instead: in the office (the guide's), and in a hospital (initial hospital care). */
      office: z.array(z.string()).min(1),
      hospital: z.array(z.string()).min(1),
    }),
    modifiers: CmsPolicy,
    oncePerDate: CmsPolicy,
    addOn: CmsPolicy,
    /** CMS's imaging MPPR (MULT PROC 4), the guide's endnote b as CMS applies it now: the guide's 25% PC figure is an erratum. */
    imagingMppr: CmsPolicy.extend({ tcReductionPercent: z.number(), pcReductionPercent: z.number(), guidePcReductionPercent: z.number() }),
    /** Payment percentages of -50, -80/-81/-82/-AS and -62 (Pub. 100-04, Ch. 12). */
    surgeryModifiers: CmsPolicy.extend({
      bilateralPercent: z.record(z.string(), z.number()),
      assistantPercent: z.number(),
      nonPhysicianAssistantPercent: z.number(),
      coSurgeonPercent: z.number(),
      bilateralSource: z.string().min(1),
      assistantSource: z.string().min(1),
      surgeonsSource: z.string().min(1),
    }),
    /** Issue 22: -GZ lines are denied. */
    noAbn: CmsPolicy,
    /** Issue 22: what cannot be furnished by telehealth; the telehealth places of service. */
    telehealth: CmsPolicy.extend({ pos: z.array(z.string()).min(1) }),
    /** Issue 22: a modifier that is no modifier makes the line unprocessable. */
    unprocessable: CmsPolicy,
    /** Issue 22: POS 66, the PACE organisation pays. */
    pace: CmsPolicy,
    /** Issue 22: -51 does not belong on an add-on code. */
    addOnMultipleProcedure: CmsPolicy,
    /** Issue 22: a nonparticipating provider's amount (95%) and limiting charge (115% of it). */
    participation: CmsPolicy.extend({ nonParticipatingPercent: z.number().positive().max(100), limitingChargePercent: z.number().min(100) }),
    /** Issue 22: Medicare Advantage claims: Medicare's rules, the plan's contract amounts. */
    managedCare: CmsPolicy,
    /** Issue 22: complications inside a global period; the diagnosis categories that name a complication. */
    complications: CmsPolicy.extend({ dxPrefixes: z.array(z.string()).min(1), dxSource: z.string().min(1) }),
  }),
});
export type ReferenceTables = z.infer<typeof ReferenceTables>;
