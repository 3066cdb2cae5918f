// Proves the shipped code tables against the guide itself: the seed text is parsed here,
// independently of the data files, and every code, figure, flag and note is compared cell by cell.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadGuideTables, loadReferenceTables, validateTable, formatPath } from '../../../server/src/core/tables/load';
import { GuideTables, ReferenceTables, type ProcedureListing, type NumberOrNA } from '../../../server/src/core/tables/schema';
import guideJson from '../../../server/src/core/tables/data/guide-2026.json';

const SEED = fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'seed', 'hai-coding-billing-guide-2026.txt'), 'utf8');
const LINES = SEED.split('\n');
const CF = 33.4;

/** Strips the text edition's markdown: **bold**, [label](#), <url>. */
function render(s: string): string {
  return s
    .replace(/\*\*(.*?)\*\*/g, '$1')
    .replace(/\[([^\]]*)\]\(#\)/g, '$1')
    .replace(/<(https?:[^>]*)>/g, '$1')
    .replace(/\*(\S(?:.*?\S)?)\*/g, '$1');
}

function cell(s: string): NumberOrNA {
  const t = s.trim();
  if (t === 'NA') return 'NA';
  const n = t.replace(/\\?\$/, '').replace(/,/g, '');
  assert.match(n, /^\d+(\.\d+)?$/, `not a figure: ${JSON.stringify(s)}`);
  return Number(n);
}

interface TextRow {
  code: string;
  flags: string[];
  description: string;
  figures: NumberOrNA[];
  phaseHeading: string;
  sectionHeading: string;
  page: number;
}

const PHASE_HEADINGS = [
  'Patient Evaluation',
  'Surgical Preparation for Pump Implant',
  'Surgical Pump Implant - Inpatient Hospital',
  'Surgical - Post Pump Implant',
  'HAI Therapy',
];

/** The physician-services tables, parsed from the tab-separated rows of the text. */
function parseProcedureRows(): { rows: TextRow[]; sectionHeadings: string[] } {
  const start = LINES.findIndex((l) => l.startsWith('Physician Services CY 2026'));
  const end = LINES.findIndex((l) => l.startsWith('ICD-10 CM'));
  assert.ok(start > 0 && end > start);
  const rows: TextRow[] = [];
  const sectionHeadings: string[] = [];
  let page = 6; // the table of contents puts the first physician-services page at 6 (checked below)
  let phase = '';
  let section = '';
  for (const line of LINES.slice(start, end)) {
    if (line.startsWith('Physician Services *Continued*')) page++;
    const cells = line.split('\t');
    if (cells.length < 2) continue;
    const head = cells[0].trim();
    const m = /^(\d{5}|\d{4}[FT]|[A-V]\d{4})(?: (\^[a-z#]|\^\{[a-z#]+\}|\u207a))?$/.exec(head);
    if (m) {
      const sup = m[2] ?? '';
      const flags = sup === '\u207a' ? ['+'] : [...sup.replace(/[\^{}]/g, '')];
      const figures = cells.slice(2, 7).map(cell);
      assert.equal(cells.slice(7).join('').trim(), '', `extra cells in ${line}`);
      rows.push({ code: m[1], flags, description: cells[1], figures, phaseHeading: phase, sectionHeading: section, page });
      continue;
    }
    if (head !== '' && cells.slice(1).every((c) => c.trim() === '')) {
      if (PHASE_HEADINGS.includes(head)) phase = head;
      else {
        section = head;
        sectionHeadings.push(head);
      }
      continue;
    }
    // Column headers only; anything else would be a row this parser missed.
    assert.ok(/Service Provided|HCPCS Code|Work RVUs/.test(line), `unparsed table line: ${line}`);
  }
  return { rows, sectionHeadings };
}

function splitHeading(h: string): { section: string; note?: string; requires26: boolean } {
  const requires26 = / - requires -26 modifier$/.test(h);
  const base = h.replace(/ - requires -26 modifier$/, '');
  const m = /^(.*) \((.*)\)$/.exec(base);
  // Parentheses that are part of the name ("Imaging (Diagnostic Workup)") are not notes.
  if (m && /Exploratory Laparotomy/.test(m[2])) return { section: m[1], note: m[2], requires26 };
  return { section: base, requires26 };
}

const guide = loadGuideTables();
const ref = loadReferenceTables();
const { rows: TEXT_ROWS, sectionHeadings: SECTION_HEADINGS } = parseProcedureRows();
const key = (p: { code: string; phaseHeading: string; sectionHeading?: string; section?: string }) =>
  `${p.phaseHeading}|${p.code}`;

describe('guide tables: procedures', () => {
  it('the shipped data is valid and cached', () => {
    assert.equal(loadGuideTables(), guide);
    assert.equal(loadReferenceTables(), ref);
  });

  it('the text parses into the expected number of rows (sanity of the test parser)', () => {
    assert.ok(TEXT_ROWS.length >= 45, `only ${TEXT_ROWS.length} rows parsed`);
    assert.equal(SECTION_HEADINGS.length, 12);
  });

  it('has exactly the listings of the text, in order, nothing extra', () => {
    assert.deepEqual(
      guide.procedures.map((p) => key(p)),
      TEXT_ROWS.map((r) => key(r)),
    );
    assert.equal(guide.procedures.length, TEXT_ROWS.length);
    const codesText = new Set(TEXT_ROWS.map((r) => r.code));
    const codesData = new Set(guide.procedures.map((p) => p.code));
    assert.deepEqual([...codesData].sort(), [...codesText].sort());
  });

  it('lists 77002 and 76937 twice, once under surgical prep and once under HAI Therapy', () => {
    for (const code of ['77002', '76937']) {
      const l = guide.procedures.filter((p) => p.code === code);
      assert.deepEqual(l.map((p) => p.phase), ['surgical-prep', 'therapy'], code);
    }
    const dupes = guide.procedures.map((p) => p.code).filter((c, i, a) => a.indexOf(c) !== i);
    assert.deepEqual(dupes.sort(), ['76937', '77002']);
  });

  it('counts of codes per section heading match the text', () => {
    const count = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
    const fromText = count(TEXT_ROWS.map((r) => `${r.phaseHeading}|${splitHeading(r.sectionHeading).section}`));
    const fromData = count(guide.procedures.map((p) => `${p.phaseHeading}|${p.section}`));
    assert.deepEqual([...fromData.entries()].sort(), [...fromText.entries()].sort());
    // Every printed heading has at least one row.
    for (const h of SECTION_HEADINGS) assert.ok(TEXT_ROWS.some((r) => r.sectionHeading === h), h);
  });

  it('each row matches the text cell by cell: description, figures, flags, headings, page', () => {
    TEXT_ROWS.forEach((r, i) => {
      const p = guide.procedures[i];
      const where = `procedures[${i}] ${p.code}`;
      assert.equal(p.code, r.code, where);
      assert.equal(p.description, r.description, where);
      assert.deepEqual(
        [p.workRvu, p.facilityRvu, p.facilityAllowable, p.nonFacilityRvu, p.nonFacilityAllowable],
        r.figures,
        where,
      );
      assert.deepEqual(p.flags, r.flags, where);
      assert.equal(p.phaseHeading, r.phaseHeading, where);
      const h = splitHeading(r.sectionHeading);
      assert.equal(p.section, h.section, where);
      assert.equal(p.sectionNote, h.note, where);
      assert.equal(p.requires26, h.requires26, where);
      assert.equal(p.page, r.page, where);
    });
  });

  it('phase ids, headings and pages agree with the phases table and the table of contents', () => {
    const toc = new Map<string, number>();
    for (const l of LINES) {
      const m = /^Physician Services \u2013 (.*)\t(\d+)$/.exec(l);
      if (m) toc.set(m[1], Number(m[2]));
    }
    const tocName: Record<string, string> = {
      evaluation: 'Patient Eval',
      'surgical-prep': 'Surg Prep for Pump Implant',
      implant: 'Surg Pump Implant \u2013 IP',
      'post-implant': 'Surg \u2013 Post Pump Implant',
      therapy: 'HAI Therapy',
    };
    assert.equal(toc.size, 5);
    assert.deepEqual(guide.phases.map((p) => p.heading), PHASE_HEADINGS);
    for (const p of guide.procedures) {
      assert.equal(p.page, toc.get(tocName[p.phase]), `${p.code} page`);
      assert.equal(guide.phases.find((ph) => ph.id === p.phase)?.heading, p.phaseHeading, p.code);
    }
  });

  it('allowables are round(RVU x 33.40) except exactly the named pricing exceptions', () => {
    assert.equal(guide.meta.conversionFactor, CF);
    assert.match(SEED, /2026 Conversion Factor of 33\.40/);
    const needed: string[] = [];
    const named: string[] = [];
    guide.procedures.forEach((p, i) => {
      for (const [setting, rvu, allowable] of [
        ['facility', p.facilityRvu, p.facilityAllowable],
        ['nonFacility', p.nonFacilityRvu, p.nonFacilityAllowable],
      ] as const) {
        const consistent =
          (rvu === 'NA' && allowable === 'NA') ||
          (rvu !== 'NA' && allowable !== 'NA' && Math.round(rvu * CF) === allowable);
        if (!consistent) needed.push(`${i}:${p.code}:${setting}`);
      }
      for (const e of p.pricingExceptions) named.push(`${i}:${p.code}:${e.setting}`);
    });
    assert.deepEqual(named.sort(), needed.sort());
  });

  it('pricing exceptions are the PET non-facility $0, the -26 facility prices, and the drug/supply rows', () => {
    const exc = guide.procedures.flatMap((p) => p.pricingExceptions.map((e) => `${p.code}:${e.setting}`));
    assert.deepEqual(exc, [
      '74160:facility', '74170:facility', '74175:facility', '71260:facility', '71270:facility',
      '78811:nonFacility', '78812:nonFacility', '78814:nonFacility', '78815:nonFacility',
      ...['A4220', 'A4216', 'J1644', 'J9200', 'J1100', 'J3490', 'J7999'].flatMap((c) => [`${c}:facility`, `${c}:nonFacility`]),
    ]);
    // Reasons quote the published amount.
    for (const p of guide.procedures) {
      for (const e of p.pricingExceptions) {
        const amount = e.setting === 'facility' ? p.facilityAllowable : p.nonFacilityAllowable;
        assert.ok(e.reason.includes(`$${amount.toLocaleString('en-US')}`), `${p.code} ${e.setting}: ${e.reason}`);
      }
    }
  });

  describe('hand spot checks', () => {
    const find = (code: string, phase?: string): ProcedureListing => {
      const l = guide.procedures.filter((p) => p.code === code && (phase === undefined || p.phase === phase));
      assert.equal(l.length, 1, `${code} ${phase ?? ''}`);
      return l[0];
    };
    const figures = (p: ProcedureListing) => [p.workRvu, p.facilityRvu, p.facilityAllowable, p.nonFacilityRvu, p.nonFacilityAllowable];
    const cases: Array<[string, string | undefined, NumberOrNA[], string[], Partial<ProcedureListing>]> = [
      ['99214', undefined, [1.92, 2.53, 85, 4.06, 136], [], { section: 'Office Visit', requires26: false, page: 6 }],
      ['74175', undefined, [1.77, 'NA', 83, 9.11, 304], ['b'], { section: 'Imaging (Diagnostic Workup)', requires26: true, page: 6 }],
      ['78815', undefined, [2.38, 3.28, 110, 3.28, 0], [], { requires26: true, phase: 'evaluation' }],
      ['47562', undefined, [10.21, 18.91, 632, 'NA', 'NA'], ['a', 'c'], { section: 'Laparoscopic Cholecystectomy', sectionNote: 'does not include Exploratory Laparotomy code 49000', page: 7 }],
      ['47600', undefined, [17.04, 30.25, 1010, 'NA', 'NA'], ['a', 'c'], { section: 'Open Cholecystectomy', sectionNote: 'includes Exploratory Laparotomy code 49000' }],
      ['47122', undefined, [57.99, 94.22, 3147, 'NA', 'NA'], ['a', 'c'], { section: 'Liver Excision/Resection', description: 'Hepatectomy, resection of liver; trisegmentectomy' }],
      ['77002', 'surgical-prep', [0.53, 0.81, 27, 0.81, 27], [], { section: 'Imaging Guidance', requires26: true, page: 7 }],
      ['77002', 'therapy', [0.53, 0.81, 27, 3.63, 121], [], { description: 'Fluoroscopic guidance', requires26: false, page: 9 }],
      ['76937', 'surgical-prep', [0.29, 0.41, 14, 0.41, 14], [], { section: 'Imaging Guidance', requires26: true }],
      ['76937', 'therapy', [0.29, 0.41, 14, 1.21, 40], [], { section: 'Chemotherapy Administration, Pump Refill, and Maintenance', requires26: false }],
      ['36260', undefined, [9.66, 18.96, 633, 'NA', 'NA'], ['a', 'c'], { phaseHeading: 'Surgical Pump Implant - Inpatient Hospital', section: 'Pump Implant', page: 8 }],
      ['78830', undefined, [1.45, 1.95, 65, 'NA', 'NA'], [], { section: 'Post-Implant Imaging', requires26: true, page: 8 }],
      ['36262', undefined, [4.01, 9.48, 317, 'NA', 'NA'], ['a', 'c'], { phase: 'post-implant', section: 'Pump Revision or Removal', page: 8 }],
      ['96522', undefined, [0.21, 'NA', 'NA', 3.75, 125], ['d', '#'], { phase: 'therapy', page: 9 }],
      ['J9200', undefined, ['NA', 'NA', 0, 'NA', 4128], ['+'], { description: 'Floxuridine, 500 mg (NDC #81643-9270-01)' }],
      ['A4220', undefined, ['NA', 'NA', 0, 'NA', 0], [], { description: 'Refill kit for implantable infusion pump' }],
    ];
    for (const [code, phase, figs, flags, extra] of cases) {
      it(`${code}${phase ? ` (${phase})` : ''}`, () => {
        const p = find(code, phase);
        assert.deepEqual(figures(p), figs);
        assert.deepEqual(p.flags, flags);
        for (const [k, v] of Object.entries(extra)) assert.deepEqual(p[k as keyof ProcedureListing], v, k);
      });
    }
    it('99214 description keeps the printed ≥', () => {
      assert.equal(find('99214').description, 'Office or other outpatient visit (moderate MDM or \u2265 30 min)');
    });
  });
});

describe('guide tables: diagnoses', () => {
  interface TextDx { code: string; description: string; list: string; italic: boolean }
  function parseDx(): TextDx[] {
    const start = LINES.findIndex((l) => l.startsWith('ICD-10 CM'));
    const end = LINES.findIndex((l) => l === 'Sources');
    const out: TextDx[] = [];
    let list = '';
    for (const line of LINES.slice(start, end)) {
      if (line === 'Primary diagnosis') list = 'primary';
      else if (line === 'Secondary diagnosis') list = 'secondary';
      else if (line === 'Possible primary diagnosis') list = 'possible-primary';
      const m = /^(<i>)?([A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)(?:<\/i>)?[\t ](.*)$/.exec(line);
      if (!m) continue;
      const italic = m[1] !== undefined;
      let description = m[3].replace(/^<i>(.*)<\/i>$/, '$1');
      if (!italic) assert.ok(!description.includes('<i>'), line);
      out.push({ code: m[2], description, list, italic });
    }
    return out;
  }
  const TEXT_DX = parseDx();

  it('every ICD-10-CM code of the text is in the data, nothing extra', () => {
    assert.ok(TEXT_DX.length >= 30);
    assert.deepEqual(guide.diagnoses.map((d) => d.code).sort(), [...new Set(TEXT_DX.map((d) => d.code))].sort());
    assert.equal(new Set(guide.diagnoses.map((d) => d.code)).size, guide.diagnoses.length, 'one entry per code');
  });

  it('descriptions, lists and italic flags match the text', () => {
    for (const d of guide.diagnoses) {
      const t = TEXT_DX.filter((x) => x.code === d.code);
      assert.deepEqual(d.lists, t.map((x) => x.list), d.code);
      for (const x of t) {
        assert.equal(d.description, x.description, d.code);
        assert.equal(d.italic, x.italic, d.code);
      }
    }
    const count = (l: string) => TEXT_DX.filter((x) => x.list === l).length;
    for (const l of ['primary', 'secondary', 'possible-primary'] as const) {
      assert.equal(guide.diagnoses.filter((d) => d.lists.includes(l)).length, count(l), l);
    }
    assert.deepEqual(
      guide.diagnoses.filter((d) => d.italic).map((d) => d.code),
      ['C49.A0', 'C49.A1', 'C49.A2', 'C49.A3', 'C49.A4', 'C49.A5', 'C49.A9', 'D01.7'],
    );
    assert.deepEqual(guide.diagnoses.find((d) => d.code === 'C22.1')?.lists, ['secondary', 'possible-primary']);
    assert.deepEqual(guide.diagnoses.find((d) => d.code === 'C22.0')?.lists, ['primary']);
  });

  it('C18.6 keeps the printed description and carries the erratum', () => {
    const d = guide.diagnoses.find((x) => x.code === 'C18.6');
    assert.equal(d?.description, 'Malignant neoplasm of splenic flexure');
    assert.equal(d?.erratum?.field, 'description');
    assert.equal(d?.erratum?.printed, 'Malignant neoplasm of splenic flexure');
    assert.equal(d?.erratum?.correct, 'Malignant neoplasm of descending colon');
    assert.equal(guide.diagnoses.filter((x) => x.erratum).length, 1);
  });

  it('notes, LCA and NCD as printed, with West Virginia added to the LCA states', () => {
    const n = guide.diagnosisNotes;
    const bold = LINES.find((l) => l.startsWith('Codes in **bold**'));
    const italic = LINES.find((l) => l.startsWith('Codes in *italics*'));
    assert.equal(n.bold, render(bold ?? ''));
    assert.equal(n.italic, render(italic ?? ''));
    assert.equal(n.lca.id, 'A56695');
    assert.equal(n.lca.contractor, 'Palmetto GBA');
    assert.deepEqual(n.lca.jurisdictions, ['J', 'M']);
    const printed = /covering (.*)\.$/.exec(n.italic)?.[1].replace(/,? and /, ', ').split(', ');
    assert.deepEqual(n.lca.statesAsPrinted, printed);
    assert.deepEqual(n.lca.states, [...(printed ?? []), 'WV']);
    assert.ok(n.lca.erratum?.includes('West Virginia'));
    assert.equal(n.ncd.id, '280.19');
    // The text edition carries no bold codes: nothing to flag as an NCD indication.
    assert.ok(!TEXT_DX.some((x) => /\*\*/.test(x.code + x.description)));
  });
});

describe('guide tables: endnotes, legend, sources, rules', () => {
  function endnoteLines(): Map<string, string> {
    const start = LINES.findIndex((l) => l === 'Endnotes & Legend');
    const end = LINES.findIndex((l) => l.startsWith('NCCI (National'));
    const out = new Map<string, string>();
    let last = '';
    for (const line of LINES.slice(start + 1, end)) {
      const m = /^- (TC|PC|CP|[a-d]|\*|#|\+)\*\* ?(.*)$/.exec(line);
      if (m) {
        last = m[1];
        out.set(last, m[2]);
      } else if (line.trim() !== '' && last !== '' && line !== 'MPFS') {
        out.set(last, `${out.get(last)} ${line.trim()}`);
      }
    }
    return out;
  }
  const NOTES = endnoteLines();

  it('endnotes a, b, c, d, *, #, + and legend TC, PC, CP as printed', () => {
    assert.deepEqual(guide.endnotes.map((e) => e.id), ['a', 'b', 'c', 'd', '*', '#', '+']);
    assert.deepEqual(guide.legend.map((e) => e.id), ['TC', 'PC', 'CP']);
    for (const e of [...guide.endnotes, ...guide.legend]) assert.equal(e.text, NOTES.get(e.id), e.id);
    assert.equal(NOTES.size, 10);
  });

  it('MPPR and global period figures come from endnotes a, b and c', () => {
    const a = NOTES.get('a') ?? '';
    const b = NOTES.get('b') ?? '';
    assert.match(a, new RegExp(`reduction of ${guide.mppr.surgicalSecondaryPercentPaid}% applies to 2nd`));
    assert.match(b, new RegExp(`${guide.mppr.imagingTcReductionPercent}% TC reduction and ${guide.mppr.imagingPcReductionPercent}% PC reduction`));
    assert.match(guide.mppr.imagingPcReductionNote, /5%/);
    assert.equal(guide.globalPeriod.text, NOTES.get('c'));
    assert.match(guide.globalPeriod.text, new RegExp(`${guide.globalPeriod.preOpDays}-day preoperative period and ${guide.globalPeriod.postOpDays}-day postoperative`));
  });

  it('meta and sources as printed', () => {
    assert.ok(LINES.includes(guide.meta.title));
    assert.equal(guide.meta.year, 2026);
    assert.equal(guide.meta.effectiveFrom, '2026-01-01');
    assert.equal(guide.meta.effectiveTo, '2026-12-31');
    assert.match(SEED, /CY 2026 \(01\/01\/2026-12\/31\/2026\)/);
    assert.deepEqual(guide.meta.sources.map((s) => s.id), ['1', '2', '3', '4', '5']);
    const from = LINES.indexOf('Sources');
    assert.ok(from > 0);
    for (const s of guide.meta.sources) {
      const i = LINES.findIndex((l, n) => n > from && l.startsWith(`${s.id}. `));
      let text = render(LINES[i].slice(s.id.length + 2));
      if (!/^\d+\. /.test(LINES[i + 1]) && LINES[i + 1].trim() !== '') text += `\n${LINES[i + 1]}`;
      assert.equal(s.text, text, `source ${s.id}`);
    }
  });
});

describe('guide tables: NCCI', () => {
  const start = LINES.findIndex((l) => l.startsWith('NCCI (National'));
  const bullets = LINES.slice(start + 1).filter((l) => l.startsWith('- ')).map((l) => l.slice(2));

  it('title as printed', () => assert.equal(guide.ncci.title, LINES[start]));

  it('every pair sentence is in the data, code and list exact, nothing extra', () => {
    const pairs = bullets
      .map((t) => ({ t, m: /^CPT (\d{5}) is not reimbursable when billed on same DOS with CPT (.*)\.$/.exec(t) }))
      .filter((x) => x.m);
    assert.equal(pairs.length, 9);
    assert.deepEqual(
      guide.ncci.pairs.map((p) => ({ code: p.code, notWith: p.notWith, text: p.text, bypass: p.bypassModifiers })),
      pairs.map(({ t, m }) => ({ code: m![1], notWith: m![2].split(', '), text: t, bypass: [] })),
    );
    assert.deepEqual(guide.ncci.pairs.find((p) => p.code === '49000')?.notWith, ['47600', '47605', '47610', '47612', '47620', '47120', '47122', '36260']);
    // Every code the edits name is a listed procedure.
    const codes = new Set(guide.procedures.map((p) => p.code));
    for (const p of guide.ncci.pairs) for (const c of [p.code, ...p.notWith]) assert.ok(codes.has(c), c);
  });

  it('77002 guidance and the nuclear medicine rule as printed', () => {
    assert.equal(bullets.length, 11);
    assert.ok(bullets.includes(guide.ncci.guidance77002.text));
    assert.match(guide.ncci.guidance77002.text, /^CPT 77002 requires an NCCI modifier/);
    assert.equal(guide.ncci.guidance77002.code, '77002');
    assert.deepEqual(guide.ncci.guidance77002.modifiers, ['59', 'XE', 'XS', 'XP', 'XU']);
    assert.ok(bullets.includes(guide.ncci.nuclearMedicine.text));
    assert.match(guide.ncci.nuclearMedicine.text, /^Only one nuclear medicine procedure/);
    assert.equal(guide.ncci.nuclearMedicine.maxPerDate, 1);
  });
});

describe('validateTable', () => {
  it('reports a bad field with its path', () => {
    const bad = structuredClone(guideJson) as unknown as { procedures: Array<Record<string, unknown>> };
    bad.procedures[0].workRvu = 'x';
    const r = validateTable(GuideTables, bad, 'guide-2026');
    assert.equal(r.value, undefined);
    assert.ok(r.problems.length >= 1);
    assert.deepEqual(r.problems.map((p) => p.path), ['procedures[0].workRvu']);
    assert.equal(r.problems[0].table, 'guide-2026');
    assert.ok(r.problems[0].message.length > 0);
  });

  it('reports nested paths in reference tables', () => {
    const bad = structuredClone(ref) as unknown as { states: Array<Record<string, unknown>> };
    bad.states[3].code = 'XYZ';
    const r = validateTable(ReferenceTables, bad, 'reference');
    assert.deepEqual(r.problems.map((p) => p.path), ['states[3].code']);
  });

  it('never throws on garbage', () => {
    for (const g of [null, undefined, 'a string', 42, [], [1, 2], {}, { procedures: 'no' }]) {
      const r = validateTable(GuideTables, g, 'guide-2026');
      assert.equal(r.value, undefined);
      assert.ok(r.problems.length > 0);
      for (const p of r.problems) assert.equal(typeof p.path, 'string');
    }
    assert.equal(validateTable(GuideTables, null, 'g').problems[0].path, '(root)');
  });

  it('returns the parsed value with defaults applied', () => {
    const r = validateTable(GuideTables, guideJson, 'guide-2026');
    assert.deepEqual(r.problems, []);
    assert.equal(r.value?.procedures.length, guide.procedures.length);
  });

  it('formats paths', () => {
    assert.equal(formatPath([]), '(root)');
    assert.equal(formatPath(['procedures', 12, 'workRvu']), 'procedures[12].workRvu');
    assert.equal(formatPath(['a-b']), '["a-b"]');
  });
});

describe('reference tables', () => {
  // The spec's 15 codes, and 02 (telehealth other than in the home), which CMS pays at the
  // facility rate (issue 13; 10, telehealth in the home, is paid at the non-facility rate).
  const FACILITY = ['02', '19', '21', '22', '23', '24', '26', '31', '34', '41', '42', '51', '52', '53', '56', '61'];

  it('facility places of service are the 15 codes of the spec and 02; 10 and 66 are non-facility', () => {
    assert.equal(ref.placesOfService.find((p) => p.code === '10')?.facility, false);
    assert.equal(ref.placesOfService.find((p) => p.code === '66')?.facility, false);
    assert.deepEqual(ref.placesOfService.filter((p) => p.facility).map((p) => p.code).sort(), FACILITY);
    for (const c of FACILITY) assert.ok(ref.placesOfService.some((p) => p.code === c), c);
    assert.equal(new Set(ref.placesOfService.map((p) => p.code)).size, ref.placesOfService.length);
    assert.equal(ref.placesOfService.find((p) => p.code === '11')?.facility, false);
    assert.equal(ref.placesOfService.find((p) => p.code === '21')?.name, 'Inpatient Hospital');
  });

  it('states: 50 states, DC and 5 territories, each with one MAC jurisdiction', () => {
    assert.equal(ref.states.length, 56);
    assert.equal(new Set(ref.states.map((s) => s.code)).size, 56);
    for (const t of ['DC', 'PR', 'VI', 'GU', 'AS', 'MP']) assert.ok(ref.states.some((s) => s.code === t), t);
  });

  it('every LCA state is in states with jurisdiction J or M, and J/M hold no others', () => {
    const lca = guide.diagnosisNotes.lca;
    for (const code of lca.states) {
      const s = ref.states.find((x) => x.code === code);
      assert.ok(s && lca.jurisdictions.includes(s.macJurisdiction), code);
      assert.equal(s?.mac, lca.contractor);
    }
    assert.deepEqual(
      ref.states.filter((s) => lca.jurisdictions.includes(s.macJurisdiction)).map((s) => s.code).sort(),
      [...lca.states].sort(),
    );
  });

  it('modifiers: the groups the checks rely on', () => {
    const group = (g: string) => ref.modifiers.filter((m) => m.groups.includes(g)).map((m) => m.code).sort();
    assert.deepEqual(group('component'), ['26', 'TC']);
    assert.deepEqual(group('ncci-bypass'), ['59', 'XE', 'XP', 'XS', 'XU']);
    assert.deepEqual(group('global-period'), ['24', '25', '57', '58', '78', '79']);
    assert.deepEqual(group('drug'), ['JW', 'JZ', 'KD']);
    // CMS's published modifiers are known (issue 13), labelled with their source; GA and GZ conflict.
    for (const m of ['GC', 'GE', 'GA', 'GY', 'GZ', 'GX', 'Q5', 'Q6', 'QW', 'FS', 'FT', '95', '93']) assert.ok(ref.modifiers.some((x) => x.code === m), m);
    assert.match(ref.modifiersSource, /^CMS HCPCS Level II modifiers \/ CPT Appendix A/);
    assert.deepEqual(ref.modifiers.filter((m) => m.conflictsWith).map((m) => `${m.code}:${m.conflictsWith!.join()}`), ['GA:GZ', 'GZ:GA']);
    assert.equal(new Set(ref.modifiers.map((m) => m.code)).size, ref.modifiers.length);
    // Every modifier the guide's NCCI guidance names is known.
    for (const m of guide.ncci.guidance77002.modifiers) assert.ok(ref.modifiers.some((x) => x.code === m), m);
  });

  it('CPT sections: every listed CPT code falls in a section, nuclear medicine inside radiology', () => {
    const sections = (code: string) => ref.cptSections.filter((s) => s.from <= code && code <= s.to).map((s) => s.id);
    assert.deepEqual(sections('99214'), ['em']);
    assert.deepEqual(sections('47562'), ['surgery']);
    assert.deepEqual(sections('78830'), ['radiology', 'nuclear-medicine']);
    assert.deepEqual(sections('74175'), ['radiology']);
    assert.deepEqual(sections('96522'), ['medicine']);
    for (const p of guide.procedures) if (/^\d{5}$/.test(p.code)) assert.ok(sections(p.code).length > 0, p.code);
    for (const s of ref.cptSections) assert.match(s.from + s.to, /^\d{10}$/);
  });
});
