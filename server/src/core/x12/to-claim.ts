// An 837P claim as `.claim` text (issue 24): the de-identified claim the checks and the estimate
// read, and the template `hai-claims import` writes. Each line of the text keeps the X12 places
// it was written from (the line's segment, and for each written value its element), so findings
// on the text are shown on the X12 file. Only code-shaped values reach the text (reader.ts checks
// their form): nothing a person typed, and no name, number, address or amount.
import { DEFAULT_PAYER } from '../payers';
import type { X12Claim, X12Line, X12Place } from './model';

/** Part of a generated line and where it came from. */
export interface MappedPart {
  from: number;
  to: number;
  place: X12Place;
}

export interface MappedLine {
  place: X12Place;
  parts: MappedPart[];
}

export interface GeneratedClaim {
  claim: X12Claim;
  text: string;
  /** One entry per line of `text`. */
  lines: MappedLine[];
}

/**
 * The payer a claim filing indicator (SBR09) names. MB is Medicare Part B; 16 is a Medicare
 * Advantage (HMO Medicare Risk) plan; the others are named for what the code list says, so the
 * unknown-payer check names them.
 */
const FILING_INDICATOR_PAYER: Record<string, string> = {
  '11': 'other-non-federal',
  '12': 'ppo',
  '13': 'pos-plan',
  '14': 'epo',
  '15': 'indemnity',
  '16': 'medicare-advantage',
  '17': 'dental-maintenance',
  AM: 'automobile-medical',
  BL: 'blue-cross-blue-shield',
  CH: 'tricare',
  CI: 'commercial',
  DS: 'disability',
  FI: 'federal-employees',
  HM: 'hmo',
  LM: 'liability-medical',
  MA: 'medicare-part-a',
  MC: 'medicaid',
  OF: 'other-federal',
  TV: 'title-v',
  VA: 'veterans-affairs',
  WC: 'workers-compensation',
  ZZ: 'mutually-defined',
};

/**
 * The payer name written for a claim filing indicator. `medicare-advantage` is one word so that
 * it is one token of the claim language; the payer registry reads it (an alias of its Medicare
 * Advantage entry, issue 22) or, without such an entry, names it in unknown-payer.
 */
export function payerName(code: string): string {
  if (code === 'MB') return DEFAULT_PAYER.id;
  return FILING_INDICATOR_PAYER[code] ?? `sbr09-${code.toLowerCase()}`;
}

const LETTERS = 'ABCDEFGHIJKL';

class ClaimTextWriter {
  readonly lines: string[] = [];
  readonly map: MappedLine[] = [];

  add(place: X12Place, pieces: readonly (string | [string, X12Place])[]): void {
    let text = '';
    const parts: MappedPart[] = [];
    for (const piece of pieces) {
      if (typeof piece === 'string') text += piece;
      else {
        parts.push({ from: text.length, to: text.length + piece[0].length, place: piece[1] });
        text += piece[0];
      }
    }
    this.lines.push(text);
    this.map.push({ place, parts });
  }
}

/** The claim as `.claim` text, with the map from each of its lines to the X12 file. */
export function generateClaim(claim: X12Claim): GeneratedClaim {
  const b = new ClaimTextWriter();
  const at = claim.clm;
  const source = claim.interchange ? `interchange ${claim.interchange}, claim ${claim.ordinal}` : `claim ${claim.ordinal}`;
  b.add(at, [`# From an X12 837P file (${source}), de-identified by hai-claims: no names, identifiers,`]);
  b.add(at, ['# addresses, dates of birth, account or control numbers, notes or charges were copied.']);
  b.add(at, [`claim "837P claim ${claim.ordinal}${claim.interchange ? ` of interchange ${claim.interchange}` : ''}"`]);
  if (claim.payer) b.add(claim.payer.place, ['payer ', [payerName(claim.payer.value), claim.payer.place]]);
  if (claim.state) b.add(claim.state.place, ['state ', [claim.state.value, claim.state.place]]);
  if (claim.pos) b.add(claim.pos.place, ['pos ', [claim.pos.value, claim.pos.place]]);
  for (const dx of claim.diagnoses) b.add(dx.place, ['dx ', [dx.value, dx.place]]);
  addServiceLines(b, claim);
  return { claim, text: `${b.lines.join('\n')}\n`, lines: b.map };
}

function addServiceLines(b: ClaimTextWriter, claim: X12Claim): void {
  let block: string | undefined;
  // Lines without a date go first, before any `on` line: the missing-date check reports them.
  const dateless = claim.lines.filter((l) => !(l.date ?? claim.claimDate));
  const dated = claim.lines.filter((l) => l.date ?? claim.claimDate);
  for (const line of dateless) addService(b, line);
  for (const line of dated) {
    const date = (line.date ?? claim.claimDate)!;
    const pos = line.pos && line.pos.value !== claim.pos?.value ? line.pos : undefined;
    const key = `${date.value} ${pos?.value ?? ''}`;
    if (key !== block) {
      b.add(at(line), ['']);
      b.add(date.place, ['on ', [date.value, date.place], ...(pos ? [' pos ', [pos.value, pos.place] as [string, X12Place]] : [])]);
      block = key;
    }
    addService(b, line);
  }
}

const at = (line: X12Line): X12Place => line.sv1;

function addService(b: ClaimTextWriter, line: X12Line): void {
  if (!line.code) return;
  const pieces: (string | [string, X12Place])[] = ['  ', [line.code.value, line.code.place]];
  for (const m of line.modifiers) pieces.push('-', [m.value, m.place]);
  // SV104 may be written "2.0"; a fraction stays as written, for the units check to report.
  const units = line.units && (Number.isInteger(Number(line.units.value)) ? String(Number(line.units.value)) : line.units.value);
  if (line.units && units !== '1') pieces.push(' x', [units!, line.units.place]);
  if (line.pointers.length) {
    pieces.push(' dx ');
    line.pointers.forEach((p, i) => {
      if (i) pieces.push(',');
      pieces.push([LETTERS[p.value - 1] ?? String(p.value), p.place]);
    });
  }
  b.add(line.sv1, pieces);
}
