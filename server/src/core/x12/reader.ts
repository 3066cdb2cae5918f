// The 837P reader (issue 24): segments in (tokenizer.ts), claims and problems out, as soon as each
// claim is whole. It checks the envelopes (ISA/IEA, GS/GE, ST/SE control numbers and counts) and
// follows the 005010X222A1 loops only as far as the checks need: the billing provider's state
// (2010AA N4), the subscriber's claim filing indicator (2000B SBR09), the claim (2300 CLM, HI,
// DTP*472) and its service lines (2400 LX, SV1, DTP*472). Every other segment is skipped unread.
import type { Placed, X12Claim, X12Line, X12Place, X12Problem } from './model';
import type { Segment } from './tokenizer';

const ISO = (d: string): string | undefined => {
  if (!/^\d{8}$/.test(d)) return undefined;
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
};

/** ICD-10-CM as an 837 writes it (no dot) to the dotted form. */
export function dotted(code: string): string {
  return code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

/** The 005010 implementation guides by their X-number (GS08/ST03). */
function transactionOf(version: string): string | undefined {
  if (/X222/.test(version)) return '837P';
  if (/X223/.test(version)) return '837I';
  if (/X224/.test(version)) return '837D';
  return undefined;
}

export function segmentPlace(s: Segment, number: number): X12Place {
  const place: X12Place = { line: s.line, start: s.column, end: s.end, id: s.id, segment: number };
  if (s.endLine !== s.line) place.endLine = s.endLine;
  return place;
}

/** The place of element i (0-based: XX01 is 0), or of its component c; the segment's when it has none. */
export function elementPlace(s: Segment, number: number, i: number, c?: number): X12Place {
  const col = s.elementColumns[i];
  if (col === undefined || s.endLine !== s.line) return segmentPlace(s, number);
  const value = s.elements[i];
  if (c === undefined) return { line: s.line, start: col, end: col + value.length, id: s.id, segment: number };
  const parts = value.split(s.separators.component);
  if (c >= parts.length) return { line: s.line, start: col, end: col + value.length, id: s.id, segment: number };
  let offset = 0;
  for (let k = 0; k < c; k++) offset += parts[k].length + 1;
  return { line: s.line, start: col + offset, end: col + offset + parts[c].length, id: s.id, segment: number };
}

interface Envelope {
  control: string;
  place: X12Place;
  count: number;
}

interface Transaction extends Envelope {
  /** Segments so far, ST included. */
  segments: number;
  /** Not an 837P: its segments are skipped to SE. */
  skip: boolean;
}

/** The loops' context: which HL level we are in and what it set. */
interface Loops {
  level?: string;
  inBillingName: boolean;
  state?: Placed<string>;
  payer?: Placed<string>;
}

export class Reader837 {
  private isa?: Envelope;
  private gs?: Envelope & { version: string };
  private st?: Transaction;
  private loops: Loops = { inBillingName: false };
  private claim?: X12Claim;
  private line?: X12Line;
  private ordinal = 0;
  private fileOrdinal = 0;
  private last?: X12Place;
  /** The segment before the current one: where a cut-off envelope ends. */
  private previous?: X12Place;

  constructor(
    private readonly onClaim: (claim: X12Claim) => void,
    private readonly onProblem: (problem: X12Problem) => void,
  ) {}

  get claims(): number {
    return this.fileOrdinal;
  }

  segment(s: Segment): void {
    if (this.st) this.st.segments++;
    const number = this.st ? this.st.segments : 0;
    this.previous = this.last;
    this.last = segmentPlace(s, number);
    switch (s.id) {
      case 'ISA':
      case 'IEA':
      case 'GS':
      case 'GE':
        return this.envelope(s);
      case 'ST':
        return this.startTransaction(s);
      case 'SE':
        return this.endTransaction(s, number);
    }
    if (!this.st) {
      this.problem('outside-envelope', segmentPlace(s, 0));
      return;
    }
    if (!this.st.skip) this.loopSegment(s, number);
  }

  /** The end of the text: whatever is still open was cut off. */
  end(): void {
    this.finishClaim();
    const at = this.last;
    if (at) {
      if (this.st) this.problem('truncated', at, 'SE');
      else if (this.gs) this.problem('truncated', at, 'GE');
      else if (this.isa) this.problem('truncated', at, 'IEA');
    }
    if (this.fileOrdinal === 0 && at) this.problem('no-claims', at);
    this.st = this.gs = this.isa = undefined;
  }

  private problem(reason: X12Problem['reason'], place: X12Place, element?: string, found?: string): void {
    this.onProblem({ reason, place, element, found });
  }

  private envelope(s: Segment): void {
    const place = segmentPlace(s, 0);
    if (s.id === 'ISA') {
      if (this.st || this.gs || this.isa) this.closeOpen(place);
      this.isa = { control: s.elements[12] ?? '', place, count: 0 };
      this.ordinal = 0;
    } else if (s.id === 'GS') {
      if (this.st || this.gs) this.closeOpen(place);
      if (!this.isa) this.problem('outside-envelope', place);
      if (this.isa) this.isa.count++;
      this.gs = { control: s.elements[5] ?? '', place, count: 0, version: s.elements[7] ?? '' };
    } else if (s.id === 'GE') {
      if (this.st) this.closeOpen(place);
      this.closeEnvelope(this.gs, s, 'GE');
      this.gs = undefined;
    } else {
      if (this.st || this.gs) this.closeOpen(place);
      this.closeEnvelope(this.isa, s, 'IEA');
      this.isa = undefined;
    }
  }

  /** A trailer (GE, IEA): its control number (element 02) and count (01) against its header's. */
  private closeEnvelope(open: Envelope | undefined, s: Segment, id: 'GE' | 'IEA'): void {
    if (!open) return this.problem('outside-envelope', segmentPlace(s, 0));
    if ((s.elements[1] ?? '').trim() !== open.control.trim()) this.problem('control-mismatch', elementPlace(s, 0, 1), `${id}02`);
    if (Number(s.elements[0]) !== open.count) this.problem('count-mismatch', elementPlace(s, 0, 0), `${id}01`);
  }

  /** A header or trailer came while an inner envelope was still open: the inner one was cut off after the segment before. */
  private closeOpen(at: X12Place): void {
    this.finishClaim();
    const where = this.previous ?? at;
    const outer = at.id === 'ISA' || at.id === 'GS' || at.id === 'IEA';
    if (this.st) this.problem('truncated', where, 'SE');
    else if (this.gs && outer) this.problem('truncated', where, 'GE');
    else if (this.isa && at.id === 'ISA') this.problem('truncated', where, 'IEA');
    this.st = undefined;
    if (outer) this.gs = undefined;
  }

  private startTransaction(s: Segment): void {
    if (this.st) this.closeOpen(segmentPlace(s, 0));
    if (!this.gs) this.problem('outside-envelope', segmentPlace(s, 1));
    if (this.gs) this.gs.count++;
    const version = s.elements[2] || this.gs?.version || '';
    const kind = transactionOf(version);
    this.st = { control: s.elements[1] ?? '', place: segmentPlace(s, 1), count: 0, segments: 1, skip: false };
    this.loops = { inBillingName: false };
    if (s.elements[0] !== '837') {
      this.st.skip = true;
      this.problem('not-claim', elementPlace(s, 1, 0), 'ST01', /^\d{3}$/.test(s.elements[0] ?? '') ? s.elements[0] : undefined);
    } else if (kind !== '837P') {
      this.st.skip = true;
      this.problem('not-837p', elementPlace(s, 1, 2), 'ST03', kind);
    }
  }

  private endTransaction(s: Segment, number: number): void {
    this.finishClaim();
    const st = this.st;
    if (!st) return this.problem('outside-envelope', segmentPlace(s, 0));
    if ((s.elements[1] ?? '').trim() !== st.control.trim()) this.problem('control-mismatch', elementPlace(s, number, 1), 'SE02');
    if (Number(s.elements[0]) !== st.segments) this.problem('count-mismatch', elementPlace(s, number, 0), 'SE01');
    this.st = undefined;
  }

  private loopSegment(s: Segment, n: number): void {
    switch (s.id) {
      case 'HL':
        this.finishClaim();
        this.hierarchy(s);
        return;
      case 'NM1':
        this.loops.inBillingName = this.loops.level === '20' && s.elements[0] === '85';
        return;
      case 'N4': {
        const state = s.elements[1] ?? '';
        if (this.loops.inBillingName && /^[A-Z]{2}$/.test(state)) this.loops.state = { value: state, place: elementPlace(s, n, 1) };
        return;
      }
      case 'SBR': {
        const code = s.elements[8] ?? '';
        if (this.loops.level === '22' && !this.claim) this.loops.payer = /^[A-Z0-9]{1,2}$/.test(code) ? { value: code, place: elementPlace(s, n, 8) } : undefined;
        return;
      }
      case 'CLM':
        return this.startClaim(s, n);
    }
    if (this.claim) this.claimSegment(this.claim, s, n);
  }

  private hierarchy(s: Segment): void {
    const level = s.elements[2];
    this.loops.level = level;
    this.loops.inBillingName = false;
    if (level === '20') {
      this.loops.state = undefined;
      this.loops.payer = undefined;
    } else if (level === '22') this.loops.payer = undefined;
  }

  private startClaim(s: Segment, n: number): void {
    this.finishClaim();
    this.ordinal++;
    this.fileOrdinal++;
    const control = this.isa?.control.trim() ?? '';
    const pos = (s.elements[4] ?? '').split(s.separators.component)[0];
    this.claim = {
      interchange: /^\d{1,9}$/.test(control) ? control : '',
      ordinal: this.ordinal,
      fileOrdinal: this.fileOrdinal,
      clm: segmentPlace(s, n),
      payer: this.loops.payer,
      state: this.loops.state,
      pos: /^\d{2}$/.test(pos) ? { value: pos, place: elementPlace(s, n, 4, 0) } : undefined,
      diagnoses: [],
      hasHi: false,
      lines: [],
    };
  }

  private claimSegment(claim: X12Claim, s: Segment, n: number): void {
    switch (s.id) {
      case 'HI':
        if (!this.line) this.diagnoses(claim, s, n);
        return;
      case 'LX':
        this.line = undefined;
        return;
      case 'SV1':
        this.line = this.serviceLine(s, n);
        claim.lines.push(this.line);
        return;
      case 'DTP': {
        if (s.elements[0] !== '472') return;
        const raw = s.elements[2] ?? '';
        const iso = ISO(s.elements[1] === 'RD8' ? raw.split('-')[0] : raw);
        const date = iso ? { value: iso, place: elementPlace(s, n, 2) } : undefined;
        if (!date) this.problem('bad-element', elementPlace(s, n, 2), 'DTP03');
        if (this.line) this.line.date = date;
        else claim.claimDate = date;
        return;
      }
    }
  }

  private diagnoses(claim: X12Claim, s: Segment, n: number): void {
    const comp = s.separators.component;
    let any = false;
    s.elements.forEach((element, i) => {
      const [qualifier, code = ''] = element.split(comp);
      if (qualifier === 'BK' || qualifier === 'BF') this.problem('icd9', elementPlace(s, n, i), `HI${String(i + 1).padStart(2, '0')}`);
      if (qualifier !== 'ABK' && qualifier !== 'ABF') return;
      any = true;
      if (!/^[A-Z0-9]{3,7}$/.test(code)) return this.problem('bad-element', elementPlace(s, n, i, 1), `HI${String(i + 1).padStart(2, '0')}-2`);
      const dx = { value: dotted(code), place: elementPlace(s, n, i, 1) };
      if (qualifier === 'ABK') claim.diagnoses.unshift(dx);
      else claim.diagnoses.push(dx);
    });
    if (any) claim.hasHi = true;
  }

  private serviceLine(s: Segment, n: number): X12Line {
    const comp = s.separators.component;
    const parts = (s.elements[0] ?? '').split(comp);
    const line: X12Line = { sv1: segmentPlace(s, n), modifiers: [], pointers: [] };
    if (parts[0] !== 'HC' || !/^[A-Z0-9]{5}$/.test(parts[1] ?? '')) this.problem('bad-element', elementPlace(s, n, 0), 'SV101');
    else line.code = { value: parts[1], place: elementPlace(s, n, 0, 1) };
    for (let k = 2; k <= 5 && k < parts.length; k++) {
      if (parts[k] === '') continue;
      if (/^[A-Z0-9]{2}$/.test(parts[k])) line.modifiers.push({ value: parts[k], place: elementPlace(s, n, 0, k) });
      else this.problem('bad-element', elementPlace(s, n, 0, k), `SV101-${k + 1}`);
    }
    const units = s.elements[3] ?? '';
    if (/^\d{1,4}(\.\d+)?$/.test(units)) line.units = { value: units, place: elementPlace(s, n, 3) };
    else if (units !== '') this.problem('bad-element', elementPlace(s, n, 3), 'SV104');
    const pos = s.elements[4] ?? '';
    if (/^\d{2}$/.test(pos)) line.pos = { value: pos, place: elementPlace(s, n, 4) };
    const pointers = (s.elements[6] ?? '').split(comp).filter((p) => p !== '');
    pointers.forEach((p, k) => {
      if (/^\d{1,2}$/.test(p) && Number(p) >= 1) line.pointers.push({ value: Number(p), place: elementPlace(s, n, 6, k) });
      else this.problem('bad-element', elementPlace(s, n, 6, k), 'SV107');
    });
    return line;
  }

  private finishClaim(): void {
    const claim = this.claim;
    this.claim = undefined;
    this.line = undefined;
    if (!claim) return;
    if (!claim.hasHi) this.problem('no-hi', claim.clm);
    this.onClaim(claim);
  }
}
