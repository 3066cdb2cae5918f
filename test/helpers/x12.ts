// Builds X12 005010X222A1 (837P) interchanges for the tests, on the structure of the
// implementation guide's examples (header, submitter and receiver, billing provider 2000A/2010AA,
// subscriber 2000B/2010BA/2010BB, claim 2300, service lines 2400), with invented people and numbers.
// Every element that must never reach an output (names, identifiers, addresses, dates of birth,
// account and control numbers, notes, charges) comes from `phi`, so a test can seed it with
// sentinel values and search every output for them.

export interface X12Line {
  code: string;
  modifiers?: string[];
  units?: string;
  pointers?: number[];
  pos?: string;
  /** CCYYMMDD; omitted: no DTP*472 on the line. */
  date?: string;
}

export interface X12ClaimSpec {
  pos: string;
  /** Codes as the 837 writes them (no dot); the first is ABK. Omitted: no HI segment. */
  dx?: string[];
  lines: X12Line[];
  /** A claim-level DTP*472 (CCYYMMDD). */
  date?: string;
}

export interface X12Subscriber {
  /** SBR09. */
  filing: string;
  claims: X12ClaimSpec[];
}

export interface X12Spec {
  state?: string;
  subscribers: X12Subscriber[];
  separators?: { element: string; component: string; repetition: string; segment: string };
  /** Between segments: '\n', '\r\n' or ''. */
  lineBreak?: string;
  control?: string;
  version?: string;
}

export interface Phi {
  name: string;
  id: string;
  address: string;
  city: string;
  zip: string;
  dob: string;
  account: string;
  claimControl: string;
  note: string;
  charge: string;
  phone: string;
}

export const PLAIN_PHI: Phi = {
  name: 'DOE',
  id: '1EG4TE5MK73',
  address: '123 ELM ST',
  city: 'ATLANTA',
  zip: '30301',
  dob: '19430501',
  account: 'ACCT1001',
  claimControl: 'ICN7700',
  note: 'PATIENT TOLERATED WELL',
  charge: '150',
  phone: '4045550100',
};

type Element = string | string[];

export function interchange(spec: X12Spec, phi: Phi = PLAIN_PHI): string {
  const sep = spec.separators ?? { element: '*', component: ':', repetition: '^', segment: '~' };
  const control = spec.control ?? '000000905';
  const version = spec.version ?? '005010X222A1';
  const seg = (...elements: Element[]): string => elements.map((e) => (Array.isArray(e) ? e.join(sep.component) : e)).join(sep.element) + sep.segment;
  const pad = (v: string, n: number): string => v.padEnd(n, ' ').slice(0, n);
  const isa = [
    'ISA', '00', pad('', 10), '00', pad('', 10), 'ZZ', pad('SUBMITTER01', 15), 'ZZ', pad('RECEIVER01', 15),
    '260305', '1253', sep.repetition, '00501', control, '0', 'T', sep.component,
  ].join(sep.element) + sep.segment;
  const body = transaction(spec, phi, seg, version);
  const segments = [
    isa,
    seg('GS', 'HC', 'SENDER01', 'RECEIVER01', '20260305', '1253', '905', 'X', version),
    ...body,
    seg('GE', '1', '905'),
    seg('IEA', '1', control),
  ];
  return segments.join(spec.lineBreak ?? '\n') + (spec.lineBreak ?? '\n');
}

function transaction(spec: X12Spec, phi: Phi, seg: (...e: Element[]) => string, version: string): string[] {
  const out: string[] = [
    seg('ST', '837', '0001', version),
    seg('BHT', '0019', '00', phi.account, '20260305', '1253', 'CH'),
    seg('NM1', '41', '2', phi.name, '', '', '', '', '46', phi.id),
    seg('PER', 'IC', phi.name, 'TE', phi.phone),
    seg('NM1', '40', '2', 'MEDICARE MAC', '', '', '', '', '46', '10211'),
    seg('HL', '1', '', '20', '1'),
    seg('NM1', '85', '2', phi.name, '', '', '', '', 'XX', phi.id),
    seg('N3', phi.address),
    seg('N4', phi.city, spec.state ?? 'GA', phi.zip),
    seg('REF', 'EI', phi.id),
  ];
  let hl = 1;
  for (const sub of spec.subscribers) {
    hl++;
    out.push(
      seg('HL', String(hl), '1', '22', '0'),
      seg('SBR', 'P', '18', phi.id, '', '', '', '', '', sub.filing),
      seg('NM1', 'IL', '1', phi.name, phi.name, phi.name, '', '', 'MI', phi.id),
      seg('N3', phi.address),
      seg('N4', phi.city, 'ZZ', phi.zip),
      seg('DMG', 'D8', phi.dob, 'F'),
      seg('NM1', 'PR', '2', phi.name, '', '', '', '', 'PI', phi.id),
    );
    for (const claim of sub.claims) out.push(...claimSegments(claim, phi, seg));
  }
  out.push(seg('SE', String(out.length + 1), '0001'));
  return out;
}

function claimSegments(claim: X12ClaimSpec, phi: Phi, seg: (...e: Element[]) => string): string[] {
  const out = [
    seg('CLM', phi.account, phi.charge, '', '', [claim.pos, 'B', '1'], 'Y', 'A', 'Y', 'Y'),
    seg('REF', 'D9', phi.claimControl),
    seg('REF', 'F8', phi.claimControl),
    seg('K3', phi.note),
    seg('NTE', 'ADD', phi.note),
    seg('PWK', 'OZ', 'BM', '', '', 'AC', phi.claimControl),
  ];
  if (claim.date) out.push(seg('DTP', '472', 'D8', claim.date));
  if (claim.dx) out.push(seg('HI', ...claim.dx.map((d, i) => [i === 0 ? 'ABK' : 'ABF', d])));
  out.push(seg('NM1', '82', '1', phi.name, phi.name, '', '', '', 'XX', phi.id));
  claim.lines.forEach((line, i) => {
    out.push(
      seg('LX', String(i + 1)),
      seg('SV1', ['HC', line.code, ...(line.modifiers ?? [])], phi.charge, 'UN', line.units ?? '1', line.pos ?? '', '', (line.pointers ?? [1]).map(String)),
    );
    if (line.date) out.push(seg('DTP', '472', 'D8', line.date));
    out.push(seg('REF', '6R', phi.claimControl), seg('NTE', 'ADD', phi.note));
  });
  return out;
}
