// Writes full-size CMS files in the published layouts (headers copied from the CMS samples, rows
// made up) for the national-data benchmark. Deterministic: a seeded generator, so runs compare.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface GeneratedFiles {
  ptp: string[];
  mue: string;
  rvu: string;
  icd10: string;
  counts: { ptp: number; mue: number; rvu: number; icd10: number };
}

/** Rows the benchmark checks by name: a pair only in the PTP file, an MUE, a code only in the RVU file. */
export const KNOWN = {
  ptpPair: { column1: '36260', column2: '76937', indicator: '1' },
  ptpPair0: { column1: '99214', column2: '36415', indicator: '0' },
  mue: { code: '96522', value: 1 },
  rvuOnly: { code: '93000', nonFacilityTotal: 0.49 },
};

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Buffers lines and writes them in large blocks. */
class Out {
  private fd: number;
  private buf: string[] = [];
  private bytes = 0;
  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }
  line(s: string): void {
    this.buf.push(s);
    this.bytes += s.length + 2;
    if (this.bytes > 1 << 20) this.flush();
  }
  flush(): void {
    if (this.buf.length) writeSync(this.fd, this.buf.join('\r\n') + '\r\n');
    this.buf = [];
    this.bytes = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** About 22,000 distinct HCPCS codes: CPT numbers, Category III (####T) and level II letters. */
function codeUniverse(random: () => number, n: number): string[] {
  const set = new Set<string>(['36260', '76937', '99214', '36415', '96522', '93000', '77002', '49000', '47562']);
  while (set.size < n) {
    const r = random();
    if (r < 0.8) set.add(String(10000 + Math.floor(random() * 89999)).padStart(5, '0'));
    else if (r < 0.88) set.add(`${String(Math.floor(random() * 9999)).padStart(4, '0')}T`);
    else set.add(`${'AGJCLQ'[Math.floor(random() * 6)]}${String(Math.floor(random() * 9999)).padStart(4, '0')}`);
  }
  return [...set].sort();
}

const RATIONALES = [
  'CPT Manual or CMS manual coding instruction',
  'Standard preparation/monitoring services',
  'Mutually exclusive procedures',
  'Misuse of column two code with column one code',
  'Standards of medical / surgical practice',
  'More extensive procedure',
  'HCPCS/CPT procedure code definition',
  'Anesthesia service included in surgical procedure',
  'Laboratory panel',
  'Sequential procedure',
];

const ymd = (y: number, m: number, d: number) => `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;

export function generateCmsFiles(dir: string, sizes = { ptp: 1_500_000, mue: 20_000, rvu: 19_000, icd10: 75_000 }, guideDiagnoses: string[] = []): GeneratedFiles {
  const random = rng(2026);
  const codes = codeUniverse(random, 22_000);
  const pick = () => codes[Math.floor(random() * codes.length)];

  // PTP: rows grouped by column 1 code, split into four parts as CMS splits them.
  const parts = 4;
  const ptpPaths = Array.from({ length: parts }, (_, i) => join(dir, `ccipra-v321r0-f${i + 1}.txt`));
  const perColumn1 = Math.ceil(sizes.ptp / codes.length) + 2;
  let rows = 0;
  let part = -1;
  let out: Out | undefined;
  const header = [
    'CPT only copyright 2025 American Medical Association.  All rights reserved.',
    'Column1/Column2 Edits',
    'Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\tPTP Edit Rationale',
    '\t\tprior to 1996\tDate\tDate\t0=not allowed',
    '\t\t\t*=no data\t1=allowed',
    '\t\t\t\t9=not applicable',
  ];
  const known = [KNOWN.ptpPair, KNOWN.ptpPair0];
  for (let c = 0; c < codes.length && rows < sizes.ptp; c++) {
    const p = Math.min(parts - 1, Math.floor((c / codes.length) * parts));
    if (p !== part) {
      out?.close();
      part = p;
      out = new Out(ptpPaths[p]);
      header.forEach((h) => out!.line(h));
    }
    const col1 = codes[c];
    const seen = new Set<string>();
    for (const k of known) {
      if (k.column1 !== col1) continue;
      out!.line(`${k.column1}\t${k.column2}\t\t20200101\t*\t${k.indicator}\tCPT Manual or CMS manual coding instruction`);
      seen.add(k.column2);
      rows++;
    }
    for (let k = 0; k < perColumn1 && rows < sizes.ptp; k++) {
      const col2 = pick();
      if (col2 === col1 || seen.has(col2)) continue;
      seen.add(col2);
      const prior = random() < 0.2 ? '*' : '';
      const mod = random() < 0.7 ? '1' : random() < 0.9 ? '0' : '9';
      const rationale = RATIONALES[Math.floor(random() * RATIONALES.length)];
      const year = 1996 + Math.floor(random() * 29);
      const eff = ymd(year, 1 + 3 * Math.floor(random() * 4), 1);
      if (random() < 0.06 && rows + 1 < sizes.ptp) {
        // The same pair in two date windows: an older edit deleted when the new one took effect.
        const cut = ymd(Math.min(2025, year + 1 + Math.floor(random() * 5)), 1, 1);
        out!.line(`${col1}\t${col2}\t${prior}\t${eff}\t${cut}\t${mod === '1' ? '0' : '1'}\t${rationale}`);
        out!.line(`${col1}\t${col2}\t${prior}\t${cut}\t*\t${mod}\t${rationale}`);
        rows += 2;
      } else {
        const del = random() < 0.05 ? ymd(2024, 1 + 3 * Math.floor(random() * 4), 1) : '*';
        out!.line(`${col1}\t${col2}\t${prior}\t${eff}\t${del}\t${mod}\t${rationale}`);
        rows++;
      }
    }
  }
  out?.close();

  // MUE.
  const muePath = join(dir, 'MCR_MUE_PractitionerServices_Eff_01-01-2026.csv');
  const mue = new Out(muePath);
  mue.line('"Current Procedural Terminology (CPT) codes, descriptions and other data only are copyright 2025 American Medical Association. All rights reserved.');
  mue.line('');
  mue.line('CPT (R) is a registered trademark of the American Medical Association.",,,');
  mue.line('"HCPCS/');
  mue.line('CPT Code","Practitioner Services MUE Values","MUE Adjudication Indicator","MUE Rationale"');
  const indicators = ['1 Line Edit', '2 Date of Service Edit: Policy', '3 Date of Service Edit: Clinical'];
  const mueRationales = ['Clinical: Data', 'Nature of Service/Procedure', 'Code Descriptor / CPT Instruction', 'Anatomic Consideration', 'CMS Policy'];
  const mueCodes = [KNOWN.mue.code, ...codes.filter((c) => c !== KNOWN.mue.code)].slice(0, sizes.mue);
  while (mueCodes.length < sizes.mue) mueCodes.push(`${'EKV'[mueCodes.length % 3]}${String(mueCodes.length).padStart(4, '0')}`);
  for (const code of mueCodes) {
    const value = code === KNOWN.mue.code ? KNOWN.mue.value : 1 + Math.floor(random() * 12);
    const ind = code === KNOWN.mue.code ? indicators[2] : indicators[Math.floor(random() * 3)];
    mue.line(`${code},${value},"${ind}","${mueRationales[Math.floor(random() * mueRationales.length)]}"`);
  }
  mue.close();

  // PPRRVU: global rows, and -26/-TC rows for a tenth of the codes (diagnostic tests).
  const rvuPath = join(dir, 'PPRRVU2026_Apr_nonQPP.csv');
  const rvu = new Out(rvuPath);
  const pad = (cells: string[]) => [...cells, ...Array(32 - cells.length).fill('')].join(',');
  rvu.line(pad(['', '', '2026 National Physician Fee Schedule Relative Value File April Release']));
  rvu.line(pad(['', '', 'CPT codes and descriptions only are copyright 2026 American Medical Association.  All Rights Reserved.']));
  rvu.line(pad(['', '', 'RELEASED 03/10/2026']));
  rvu.line(',, , ,,,,,,,,,,,,,,,,,,,,,,,,,,NON-FACILITY,FACILITY,');
  rvu.line(',,,STATUS,MEDICARE ,WORK,NON-FAC,NA,FACILITY,NA,MP,NON-FACILITY,FACILITY,PCTC,GLOB,PRE,INTRA,POST,MULT,BILAT,ASST,CO-,TEAM,PRIC,ENDO,CONV,DIAGNOSTIC,CALCULATION,FAMILY,PAYMENT,PAYMENT,PAYMENT');
  rvu.line('HCPCS,MOD,DESCRIPTION,CODE,PAYMENT,RVU,PE RVU,INDICATOR,PE RVU,INDICATOR,RVU,TOTAL,TOTAL,IND,DAYS,OP,OP,OP,PROC,SURG,SURG,SURG,SURG,IND,BASE,FACTOR,PROCEDURES,FLAG,INDICATOR,AMOUNT,AMOUNT,AMOUNT');
  const cf = 33.4009;
  const f2 = (n: number) => n.toFixed(2);
  let rvuRows = 0;
  const rvuRow = (code: string, mod: string, pctc: string, glob: string, mult: string, work: number, pe: number, fpe: number, mp: number, na: boolean) => {
    const nonFac = work + pe + mp;
    const fac = work + fpe + mp;
    rvu.line(
      [code, mod, `Generated service ${code}${mod ? `-${mod}` : ''}`, 'A', '', f2(work), f2(pe), na ? 'NA' : '', f2(fpe), '', f2(mp), f2(nonFac), f2(fac), pctc, glob, '0.00', '0.00', '0.00', mult, '0', '0', '0', '0', '0', '', String(cf), '09', '0', mult === '4' ? '88' : '99', f2(nonFac * cf), f2(fac * cf), '0.00'].join(','),
    );
    rvuRows++;
  };
  rvuRow(KNOWN.rvuOnly.code, '', '0', 'XXX', '0', 0.17, 0.27, 0.27, 0.05, false);
  for (const code of codes) {
    if (rvuRows >= sizes.rvu) break;
    if (code === KNOWN.rvuOnly.code) continue;
    const work = Math.round(random() * 2000) / 100;
    const pe = Math.round(random() * 1500) / 100;
    const fpe = Math.round(pe * 50) / 100;
    const mp = Math.round(random() * 200) / 100;
    if (random() < 0.1 && rvuRows + 3 <= sizes.rvu) {
      rvuRow(code, '', '1', 'XXX', '4', work, pe, fpe, mp, false);
      rvuRow(code, '26', '1', 'XXX', '4', work, fpe, fpe, mp, false);
      rvuRow(code, 'TC', '1', 'XXX', '4', 0, pe - fpe, pe - fpe, 0, false);
    } else {
      const glob = ['000', '010', '090', 'XXX', 'ZZZ'][Math.floor(random() * 5)];
      rvuRow(code, '', '0', glob, glob === 'XXX' ? '0' : '2', work, pe, fpe, mp, random() < 0.1);
    }
  }
  rvu.close();

  // ICD-10-CM order file: categories (header 0) over billable codes (header 1).
  const icdPath = join(dir, 'icd10cm_order_2026.txt');
  const icd = new Out(icdPath);
  let order = 0;
  const icdLine = (code: string, billable: boolean, short: string, long: string) =>
    icd.line(`${String(++order).padStart(5, '0')} ${code.padEnd(7)} ${billable ? 1 : 0} ${short.slice(0, 60).padEnd(60)} ${long}`);
  const guide = new Set(guideDiagnoses.map((d) => d.replace('.', '')));
  const letters = 'ABCDEFGHIJKLMNOPQRSTVWXYZ';
  outer: for (const letter of letters) {
    for (let cat = 0; cat < 100; cat++) {
      const category = `${letter}${String(cat).padStart(2, '0')}`;
      if (order >= sizes.icd10) break outer;
      const subs = guide.has(category) ? 0 : 1 + Math.floor(random() * 60);
      icdLine(category, subs === 0, `Category ${category}`, `Generated diagnosis category ${category}, for the national-data benchmark`);
      for (let s = 0; s < subs && order < sizes.icd10; s++) {
        const code = `${category}${String(s % 10)}${s >= 10 ? String.fromCharCode(65 + Math.floor(s / 10)) : ''}`;
        icdLine(code, true, `Diagnosis ${code}`, `Generated diagnosis ${code}, a made-up long description of about the length CMS uses for its codes`);
      }
    }
  }
  // The guide's diagnoses, so claims using them stay clean.
  for (const code of guide) if (!/^[A-Z]\d\d$/.test(code)) icdLine(code, true, `Guide diagnosis ${code}`, `Guide diagnosis ${code}`);
  icd.close();

  return { ptp: ptpPaths, mue: muePath, rvu: rvuPath, icd10: icdPath, counts: { ptp: rows, mue: mueCodes.length, rvu: rvuRows, icd10: order } };
}

// ---------------------------------------------------------------------------------------------
// Locality pricing, drug prices by quarter and add-on code edits (issue 16), at full size: about
// 110 MAC localities over every state with ~3,200 counties, a year of ASP quarters (~900 drugs
// each), and an AOC file of 15,000 edits. Rows made up; layouts as the samples in shared/cms-layouts.

export interface GeneratedLocalFiles {
  gpci: string;
  localities: string;
  asp: string[];
  aoc: string;
  counts: { gpci: number; localities: number; counties: number; asp: number; aoc: number };
}

/** Rows the benchmark checks by name. */
export const KNOWN_LOCAL = {
  locality: '10212-01',
  county: { state: 'GA', name: 'FULTON' },
  drug: 'J9200',
  addOn: { code: '76937', primary: '36260' },
};

const STATES: [string, string][] = [
  ['AL', 'ALABAMA'], ['AK', 'ALASKA'], ['AZ', 'ARIZONA'], ['AR', 'ARKANSAS'], ['CA', 'CALIFORNIA'], ['CO', 'COLORADO'], ['CT', 'CONNECTICUT'], ['DE', 'DELAWARE'],
  ['DC', 'DISTRICT OF COLUMBIA'], ['FL', 'FLORIDA'], ['GA', 'GEORGIA'], ['HI', 'HAWAII'], ['ID', 'IDAHO'], ['IL', 'ILLINOIS'], ['IN', 'INDIANA'], ['IA', 'IOWA'],
  ['KS', 'KANSAS'], ['KY', 'KENTUCKY'], ['LA', 'LOUISIANA'], ['ME', 'MAINE'], ['MD', 'MARYLAND'], ['MA', 'MASSACHUSETTS'], ['MI', 'MICHIGAN'], ['MN', 'MINNESOTA'],
  ['MS', 'MISSISSIPPI'], ['MO', 'MISSOURI'], ['MT', 'MONTANA'], ['NE', 'NEBRASKA'], ['NV', 'NEVADA'], ['NH', 'NEW HAMPSHIRE'], ['NJ', 'NEW JERSEY'], ['NM', 'NEW MEXICO'],
  ['NY', 'NEW YORK'], ['NC', 'NORTH CAROLINA'], ['ND', 'NORTH DAKOTA'], ['OH', 'OHIO'], ['OK', 'OKLAHOMA'], ['OR', 'OREGON'], ['PA', 'PENNSYLVANIA'], ['RI', 'RHODE ISLAND'],
  ['SC', 'SOUTH CAROLINA'], ['SD', 'SOUTH DAKOTA'], ['TN', 'TENNESSEE'], ['TX', 'TEXAS'], ['UT', 'UTAH'], ['VT', 'VERMONT'], ['VA', 'VIRGINIA'], ['WA', 'WASHINGTON'],
  ['WV', 'WEST VIRGINIA'], ['WI', 'WISCONSIN'], ['WY', 'WYOMING'], ['PR', 'PUERTO RICO'], ['VI', 'VIRGIN ISLANDS'], ['GU', 'GUAM'], ['AS', 'AMERICAN SAMOA'], ['MP', 'NORTHERN MARIANA ISLANDS'],
];

export function generateLocalFiles(dir: string, sizes = { aoc: 15_000, aspPerQuarter: 900 }): GeneratedLocalFiles {
  const random = rng(16);
  const idx = () => (0.8 + random() * 0.6).toFixed(3);
  // GPCI and locality-to-county: 1 to 5 localities a state (110 in all), 3,200 counties.
  const gpciPath = join(dir, 'GPCI2026.csv');
  const locPath = join(dir, '26LOCCO.csv');
  const gpci = new Out(gpciPath);
  const loc = new Out(locPath);
  gpci.line('ADDENDUM E. FINAL CY 2026 GEOGRAPHIC PRACTICE COST INDICES (GPCIs) BY STATE AND MEDICARE LOCALITY,,,,,,');
  gpci.line('Medicare Administrative Contractor (MAC),State,Locality Number,Locality Name,2026 PW GPCI (with 1.0 Floor),2026 PE GPCI,2026 MP GPCI');
  loc.line('"Medicare Administrative Contractor","Locality Number","State","Fee Schedule Area","Counties"');
  let localities = 0;
  let counties = 0;
  STATES.forEach(([code, name], s) => {
    const mac = code === 'GA' ? '10212' : String(10000 + s * 101).padStart(5, '0');
    const n = code === 'GA' ? 2 : 1 + ((s * 7) % 3);
    const perState = 20 + Math.floor(random() * 80);
    for (let l = 0; l < n; l++) {
      const last = l === n - 1;
      const number = code === 'GA' ? (last ? '99' : '01') : String(l + 1).padStart(2, '0');
      const area = code === 'GA' && !last ? 'ATLANTA' : last && n > 1 ? `REST OF ${name}` : n === 1 ? name : `${name} METRO ${l + 1}`;
      gpci.line(`${mac},${code},${number},${area}${random() < 0.05 ? '*' : ''},${code === 'AK' ? '1.500' : '1.000'},${idx()},${idx()}`);
      const names = code === 'GA' && !last ? ['FULTON', 'DEKALB', 'COBB', 'GWINNETT'] : Array.from({ length: Math.floor(perState / n) }, (_, c) => `${code} COUNTY ${l}-${c}`);
      const covers = last && n > 1 ? 'ALL OTHER COUNTIES' : n === 1 ? 'ALL COUNTIES' : names.join(', ');
      loc.line(`"${mac}","${number}","${name}","${area}","${covers}"`);
      localities++;
      counties += covers.startsWith('ALL') ? perState - (n - 1) * Math.floor(perState / n) : names.length;
    }
  });
  gpci.line('* Alaska\'s work GPCI reflects the 1.5 floor set by statute.,,,,,,');
  gpci.close();
  loc.close();

  // A year of ASP quarters.
  const quarters = [
    ['January', '1', 'March 31'],
    ['April', '2', 'June 30'],
    ['July', '3', 'September 30'],
    ['October', '4', 'December 31'],
  ];
  const drugs = [KNOWN_LOCAL.drug, 'J1644', 'J1100', ...Array.from({ length: sizes.aspPerQuarter - 3 }, (_, i) => `${'JQC'[i % 3]}${String(1000 + i * 7).padStart(4, '0')}`)];
  const aspPaths = quarters.map(([month, q, end]) => {
    const p = join(dir, `${month} 2026 ASP Pricing File 2026q${q}.csv`);
    const o = new Out(p);
    o.line(`${month} 2026 ASP Pricing File,,,,,,,,,,`);
    o.line(`"Payment allowance limits for Medicare Part B drugs, effective ${month} 1, 2026 through ${end}, 2026",,,,,,,,,,`);
    o.line(',,,,,,,,,,');
    o.line('HCPCS Code,Short Description,HCPCS Code Dosage,Payment Limit,Co-insurance Percentage,Vaccine AWP%,Vaccine Limit,Blood AWP%,Blood limit,Clotting Factor,Notes');
    for (const d of drugs) o.line(`${d},Generated drug ${d},${1 + Math.floor(random() * 500)} MG,${random() < 0.03 ? '' : (random() * 900).toFixed(3)},20.000,,,,,,`);
    o.close();
    return p;
  });

  // AOC: add-on codes with 1 to 40 primaries each, types 1 (70%), 2 (10%), 3 (20%).
  const aocPath = join(dir, 'AOC_V2026Q2-Practitioner.txt');
  const aoc = new Out(aocPath);
  aoc.line('Add-on Code\tAdd-on Code Effective Date\tAdd-on Code Deletion Date\tPrimary Code\tPrimary Code Effective Date\tPrimary Code Deletion Date\tAOC Edit Type\tAOC Edit Effective Date\tAOC Edit Deletion Date\tSpecial Instruction Notes');
  aoc.line(`${KNOWN_LOCAL.addOn.code}\t20010101\t*\t${KNOWN_LOCAL.addOn.primary}\t19900101\t*\t1\t20130101\t*\t`);
  let aocRows = 1;
  for (let a = 0; aocRows < sizes.aoc; a++) {
    const addOn = String(60000 + a * 3).padStart(5, '0');
    const r = random();
    if (r < 0.1) {
      aoc.line(`${addOn}\t20010101\t*\tCCCCC\t*\t*\t2\t20130101\t*\tContractor defines the primary procedures`);
      aocRows++;
      continue;
    }
    const type = r < 0.8 ? 1 : 3;
    const primaries = 1 + Math.floor(random() * 40);
    for (let p = 0; p < primaries && aocRows < sizes.aoc; p++) {
      const del = random() < 0.05 ? '20241231' : '*';
      aoc.line(`${addOn}\t20010101\t*\t${String(10000 + Math.floor(random() * 89999))}\t19900101\t*\t${type}\t20130101\t${del}\t`);
      aocRows++;
    }
  }
  aoc.close();

  return { gpci: gpciPath, localities: locPath, asp: aspPaths, aoc: aocPath, counts: { gpci: localities, localities, counties, asp: drugs.length * 4, aoc: aocRows } };
}
