// Generates realistic claim files for the benchmark (and the incremental test): many claims for the
// HAI treatment phases, dated blocks, mostly clean lines and some with findings (NCCI pairs,
// missing modifiers, bundled supplies). The same claims render as `.claim` text and as YAML for the
// peer, with a line map of each service and diagnosis so both servers get the same operations.
import guideJson from '../server/src/core/tables/data/guide-2026.json';
import referenceJson from '../server/src/core/tables/data/reference.json';

export interface ServiceSpec {
  code: string;
  mods: string[];
  units?: number;
  ptr: string[];
}
export interface DateSpec {
  date?: string;
  day?: number;
  pos?: string;
  services: ServiceSpec[];
}
export interface ClaimSpec {
  name: string;
  state: string;
  pos: string;
  start?: string;
  dx: string[];
  dates: DateSpec[];
}

/** Where a service's code and a diagnosis's value are in a rendering: line and column. */
export interface Place {
  line: number;
  character: number;
}
export interface Rendered {
  text: string;
  lines: number;
  /** One per service, in document order: the first character of the code. */
  services: Place[];
  /** One per diagnosis, in document order: the first character of the code. */
  diagnoses: Place[];
}

/** A small seeded PRNG (mulberry32): the same seed gives the same documents on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATES = ['GA', 'FL', 'TN', 'NC', 'SC', 'AL', 'VA', 'WV', 'OH', 'TX', 'NY', 'CA'];
const PRIMARIES = ['C18.7', 'C18.2', 'C18.4', 'C20', 'C22.0', 'C22.1', 'C19', 'C18.0'];

function isoOf(day: number): string {
  return new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
}

/**
 * One claim of a treatment phase. About one claim in six carries a billing problem a coder
 * would make (the same kinds the checks exist for).
 */
function makeClaim(r: () => number, index: number, wantServices: number, flawRate: number): ClaimSpec {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const flawed = r() < flawRate;
  const relative = r() < 0.5;
  const startDay = Math.floor(r() * 200);
  const dx = ['C78.7', pick(PRIMARIES)];
  if (r() < 0.3) dx.push('C22.8');
  if (flawed && r() < 0.2) dx.push('C49.A0'); // italic: LCA-only outside J and M
  const claim: ClaimSpec = { name: `HAI patient ${index + 1}`, state: pick(STATES), pos: '11', dx, dates: [] };
  if (relative) claim.start = isoOf(startDay);
  let services = 0;
  let offset = 0;
  const addDate = (pos: string | undefined, list: ServiceSpec[]) => {
    const d: DateSpec = relative ? { day: offset, services: list } : { date: isoOf(startDay + offset), services: list };
    if (pos) d.pos = pos;
    claim.dates.push(d);
    services += list.length;
  };
  const phase = r();
  if (phase < 0.25) {
    // Implant, inpatient, then therapy visits in the office.
    claim.pos = '21';
    const implant: ServiceSpec[] = [
      { code: '36260', mods: [], ptr: ['A'] },
      { code: '15860', mods: [], ptr: ['A'] },
      { code: '78830', mods: ['26'], ptr: ['A', 'B'] },
      { code: '77002', mods: ['26', 'XS'], ptr: ['A'] },
    ];
    if (flawed) {
      const k = r();
      if (k < 0.4) implant.push({ code: '49000', mods: [], ptr: ['A'] });
      else if (k < 0.7) implant[3] = { code: '77002', mods: ['26'], ptr: ['A'] };
      else implant[2] = { code: '78830', mods: [], ptr: ['A', 'B'] };
    }
    addDate(undefined, implant);
  } else if (phase < 0.4) {
    // Evaluation in the office: visit and imaging.
    const evalLines: ServiceSpec[] = [
      { code: pick(['99214', '99215']), mods: [], ptr: ['A'] },
      { code: pick(['74160', '74170', '71260']), mods: ['26'], ptr: ['A', 'B'] },
    ];
    if (r() < 0.5) evalLines.push({ code: '78815', mods: ['26'], ptr: ['A', 'B'] });
    if (flawed) evalLines[1] = { ...evalLines[1], mods: [] };
    addDate(undefined, evalLines);
  }
  // Therapy: pump refills every 14 days with the drug through the pump.
  while (services < wantServices) {
    offset += 14;
    const visit: ServiceSpec[] = [{ code: '96522', mods: [], ptr: ['A'] }];
    const drug = pick(['J9200', 'J1644', 'J9200']);
    visit.push({ code: drug, mods: ['KD'], units: drug === 'J9200' ? 2 : undefined, ptr: ['A'] });
    if (r() < 0.3) visit.push({ code: 'J1100', mods: ['KD'], ptr: ['A'] });
    if (flawed && r() < 0.25) {
      const k = r();
      if (k < 0.5) visit.push({ code: 'A4220', mods: [], ptr: ['A'] });
      else visit[1] = { ...visit[1], mods: [] };
    }
    addDate(phase < 0.25 ? '11' : undefined, visit.slice(0, Math.max(1, wantServices - services)));
  }
  return claim;
}

/**
 * Claims with exactly `services` service lines in all, 8 to 30 per claim; `flawRate` of them (about
 * one in six by default) carry a billing problem.
 */
export function generateClaims(services: number, seed = 1, flawRate = 0.17): ClaimSpec[] {
  const r = rng(seed);
  const claims: ClaimSpec[] = [];
  let left = services;
  while (left > 0) {
    const want = Math.min(left, 8 + Math.floor(r() * 23));
    const c = makeClaim(r, claims.length, want, flawRate);
    left -= c.dates.reduce((n, d) => n + d.services.length, 0);
    claims.push(c);
  }
  return claims;
}

function serviceText(s: ServiceSpec): string {
  const code = [s.code, ...s.mods].join('-');
  const units = s.units ? ` x${s.units}` : '';
  return `  ${`${code}${units}`.padEnd(16)} dx ${s.ptr.join(',')}`;
}

export function renderClaims(claims: readonly ClaimSpec[]): Rendered {
  const out: string[] = [];
  const services: Place[] = [];
  const diagnoses: Place[] = [];
  out.push('# Generated HAI claims (benchmark data, not patient data)');
  for (const c of claims) {
    out.push('');
    out.push(`claim "${c.name}"`);
    out.push('payer medicare');
    out.push(`state ${c.state}`);
    out.push(`pos ${c.pos}`);
    if (c.start) out.push(`start ${c.start}`);
    for (const dx of c.dx) {
      diagnoses.push({ line: out.length, character: 3 });
      out.push(`dx ${dx}`);
    }
    for (const d of c.dates) {
      out.push('');
      out.push(`on ${d.date ?? `day ${d.day}`}${d.pos ? ` pos ${d.pos}` : ''}`);
      for (const s of d.services) {
        services.push({ line: out.length, character: 2 });
        out.push(serviceText(s));
      }
    }
  }
  out.push('');
  return { text: out.join('\n'), lines: out.length, services, diagnoses };
}

/** The same claims as YAML, one flow mapping per service line, validated by the generated schema. */
export function renderYaml(claims: readonly ClaimSpec[]): Rendered {
  const out: string[] = [];
  const services: Place[] = [];
  const diagnoses: Place[] = [];
  out.push('# Generated HAI claims (benchmark data, not patient data)');
  out.push('claims:');
  for (const c of claims) {
    out.push(`  - claim: "${c.name}"`);
    out.push('    payer: medicare');
    out.push(`    state: ${c.state}`);
    out.push(`    pos: "${c.pos}"`);
    if (c.start) out.push(`    start: "${c.start}"`);
    out.push('    dx:');
    for (const dx of c.dx) {
      diagnoses.push({ line: out.length, character: 8 });
      out.push(`      - ${dx}`);
    }
    out.push('    dates:');
    for (const d of c.dates) {
      out.push(d.date ? `      - on: "${d.date}"` : `      - day: ${d.day}`);
      if (d.pos) out.push(`        pos: "${d.pos}"`);
      out.push('        services:');
      for (const s of d.services) {
        const prefix = '          - { code: "';
        services.push({ line: out.length, character: prefix.length });
        const mods = s.mods.length ? `, modifiers: [${s.mods.map((m) => `"${m}"`).join(', ')}]` : '';
        const units = s.units ? `, units: ${s.units}` : '';
        out.push(`${prefix}${s.code}"${mods}${units}, dx: [${s.ptr.join(', ')}] }`);
      }
    }
  }
  out.push('');
  return { text: out.join('\n'), lines: out.length, services, diagnoses };
}

interface CodeList {
  procedures: string[];
  diagnoses: string[];
}

/** The guide's code lists, as the peer's schema enumerates them. */
export function guideCodeLists(): CodeList {
  return {
    procedures: [...new Set(guideJson.procedures.map((p) => p.code))],
    diagnoses: guideJson.diagnoses.map((d) => d.code),
  };
}

/** A JSON Schema with the same code lists our tables hold: CPT/HCPCS, ICD-10-CM, modifiers, POS, states. */
export function yamlSchema(lists: CodeList = guideCodeLists()): object {
  const modifiers = referenceJson.modifiers.map((m) => m.code);
  const pos = referenceJson.placesOfService.map((p) => p.code);
  const states = referenceJson.states.map((s) => s.code);
  const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Date of service, YYYY-MM-DD' };
  const posProp = { type: 'string', enum: pos, description: 'CMS place-of-service code' };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'HAI claims',
    type: 'object',
    required: ['claims'],
    additionalProperties: false,
    properties: {
      claims: {
        type: 'array',
        items: {
          type: 'object',
          required: ['claim', 'payer', 'dx', 'dates'],
          additionalProperties: false,
          properties: {
            claim: { type: 'string', description: 'Claim name' },
            payer: { type: 'string', enum: ['medicare'], description: 'Payer (Medicare only)' },
            state: { type: 'string', enum: states, description: 'USPS state of the billing provider' },
            pos: posProp,
            start: date,
            dx: {
              type: 'array',
              maxItems: 12,
              items: { type: 'string', enum: lists.diagnoses, description: 'ICD-10-CM diagnosis' },
            },
            dates: {
              type: 'array',
              items: {
                type: 'object',
                required: ['services'],
                additionalProperties: false,
                properties: {
                  on: date,
                  day: { type: 'integer', minimum: 0, description: 'Days after start' },
                  pos: posProp,
                  services: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['code'],
                      additionalProperties: false,
                      properties: {
                        code: { type: 'string', enum: lists.procedures, description: 'CPT or HCPCS Level II procedure code' },
                        modifiers: { type: 'array', maxItems: 4, items: { type: 'string', enum: modifiers, description: 'Modifier' } },
                        units: { type: 'integer', minimum: 1, maximum: 999, description: 'Units' },
                        dx: { type: 'array', maxItems: 4, items: { type: 'string', pattern: '^[A-L]$', description: 'Diagnosis pointer' } },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  };
}

/** One claim of `lines` service lines on one date, cycling through the guide's procedure codes (the worker's shape). */
export function oneClaimOneDate(lines: number): string {
  const codes = guideCodeLists().procedures;
  const out = ['claim "one date"', 'payer medicare', 'state GA', 'pos 11', 'dx C78.7', 'on 2026-03-02'];
  for (let i = 0; out.length < lines; i++) out.push(`  ${codes[i % codes.length]} dx A`);
  return `${out.join('\n')}\n`;
}
