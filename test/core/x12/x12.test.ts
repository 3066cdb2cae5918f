// X12 837P in (issue 24): the interchanges below are written on the structure of the
// 005010X222A1 examples (test/helpers/x12.ts), with invented people and numbers. Each claim is
// checked and priced as the equivalent `.claim` is, and its findings sit on its X12 segments.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../../../server/src/core/analysis';
import { messageOf } from '../../../server/src/core/rules/messages';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { loadDefaultTables } from '../../../server/src/core/tables';
import { analyzeX12, readX12, X12Stream, type X12Analysis } from '../../../server/src/core/x12/check';
import { payerName } from '../../../server/src/core/x12/to-claim';
import { interchange, type X12Spec } from '../../helpers/x12';

const tables = loadDefaultTables();
const check = (text: string): X12Analysis => analyzeX12(text, tables, DEFAULT_SETTINGS);

const REFILL: X12Spec = {
  subscribers: [{ filing: 'MB', claims: [{ pos: '11', dx: ['C787', 'C187'], lines: [{ code: '96522', date: '20260316' }, { code: 'J9200', modifiers: ['KD'], units: '2', date: '20260316' }] }] }],
};
const REFILL_CLAIM = `claim "refill"
payer medicare
state GA
pos 11
dx C78.7
dx C18.7
on 2026-03-16
  96522 dx A
  J9200-KD x2 dx A
`;

const IMPLANT: X12Spec = {
  subscribers: [
    {
      filing: 'MB',
      claims: [
        {
          pos: '21',
          dx: ['C787', 'C187'],
          lines: [
            { code: '36260', date: '20260302' },
            { code: '15860', date: '20260302' },
            { code: '49000', date: '20260302' },
            { code: '78830', modifiers: ['26'], pointers: [1, 2], date: '20260302' },
            { code: '77002', modifiers: ['26', 'XS'], date: '20260302' },
          ],
        },
      ],
    },
  ],
};
const IMPLANT_CLAIM = `claim "implant"
payer medicare
state GA
pos 21
dx C78.7
dx C18.7
on 2026-03-02
  36260 dx A
  15860 dx A
  49000 dx A
  78830-26 dx A,B
  77002-26-XS dx A
`;

/** Rule, severity and message (without its X12 place) of each finding, sorted. */
const summary = (findings: readonly { rule: string; severity: string }[]): string[] =>
  findings.map((f) => `${f.rule} ${f.severity} ${messageOf(f as never).replace(/line \d+/g, 'line N')}`).sort();

function assertSameAsClaim(x12: X12Analysis, claimText: string): void {
  const expected = analyze(claimText, tables, { settings: DEFAULT_SETTINGS });
  assert.deepEqual(summary(x12.findings), summary(expected.findings));
  const totals = (es: readonly { total: number; notEstimated?: string }[]) => es.map((e) => (e.notEstimated ? 'not estimated' : e.total));
  assert.deepEqual(totals(x12.claims.map((c) => c.estimate()!)), totals(expected.estimate()));
}

/** The 0-based line and column of the n-th segment starting with `prefix`. */
function placeOf(text: string, prefix: string, n = 0, lineBreak = '\n'): { line: number; character: number } {
  const lines = text.split(lineBreak);
  let seen = 0;
  for (let i = 0; i < lines.length; i++) if (lines[i].startsWith(prefix) && seen++ === n) return { line: i, character: 0 };
  throw new Error(`no ${prefix}`);
}

describe('X12 837P', () => {
  it('a Medicare Part B refill claim: the findings and the total of the equivalent .claim', () => {
    const x12 = check(interchange(REFILL));
    assert.equal(x12.claims.length, 1);
    assertSameAsClaim(x12, REFILL_CLAIM);
    assert.equal(x12.claims[0].estimate()!.total, 8381);
  });

  it('an implant day with an NCCI conflict: ncci-ptp on the SV1 of 49000, at its procedure code, and 49000 at $0', () => {
    const text = interchange(IMPLANT);
    const x12 = check(text);
    assertSameAsClaim(x12, IMPLANT_CLAIM);
    const ncci = x12.findings.find((f) => f.rule === 'ncci-ptp')!;
    const sv1 = placeOf(text, 'SV1*HC:49000');
    assert.equal(ncci.line, sv1.line);
    assert.equal(ncci.start, 'SV1*HC:'.length);
    assert.equal(ncci.end, 'SV1*HC:49000'.length);
    assert.equal(ncci.x12.id, 'SV1');
    // ST is segment 1: count the segments from ST to this SV1.
    const lines = text.split('\n');
    assert.equal(ncci.x12.segment, sv1.line - lines.findIndex((l) => l.startsWith('ST*')) + 1);
    const denied = x12.claims[0].estimate()!.dates[0].lines.find((l) => l.code === '49000')!;
    assert.equal(denied.amount, 0);
    assert.equal(denied.line, sv1.line);
  });

  it('a Medicare Advantage claim (SBR09 16): the Medicare Advantage payer, as the equivalent .claim', () => {
    const spec: X12Spec = { subscribers: [{ filing: '16', claims: REFILL.subscribers[0].claims }] };
    const x12 = check(interchange(spec));
    const gen = readX12(interchange(spec)).claims[0];
    assert.match(gen.text, new RegExp(`^payer ${payerName('16')}$`, 'm'));
    assertSameAsClaim(x12, REFILL_CLAIM.replace(/^payer .*$/m, `payer ${payerName('16')}`));
  });

  it('SBR09 MB is Medicare; any other code is a named payer the unknown-payer check reports', () => {
    assert.equal(payerName('CI'), 'commercial');
    const x12 = check(interchange({ subscribers: [{ filing: 'CI', claims: REFILL.subscribers[0].claims }] }));
    assert.ok(x12.findings.some((f) => f.rule === 'unknown-payer'));
    assert.ok(x12.claims[0].estimate()!.notEstimated);
  });

  it('three claims under two subscribers: each claim has its subscriber payer and the billing provider state', () => {
    const claim = REFILL.subscribers[0].claims[0];
    const spec: X12Spec = { state: 'FL', subscribers: [{ filing: 'MB', claims: [claim, IMPLANT.subscribers[0].claims[0]] }, { filing: 'MC', claims: [claim] }] };
    const { claims } = readX12(interchange(spec));
    assert.deepEqual(
      claims.map((c) => [c.claim.ordinal, /^payer (\S+)/m.exec(c.text)![1], /^state (\S+)/m.exec(c.text)![1]]),
      [[1, payerName('MB'), 'FL'], [2, payerName('MB'), 'FL'], [3, 'medicaid', 'FL']],
    );
    const x12 = check(interchange(spec));
    assert.deepEqual(x12.claims.map((c) => c.estimate()!.claim), [0, 1, 2]);
    const both = analyze(`${REFILL_CLAIM}${IMPLANT_CLAIM}${REFILL_CLAIM.replace('payer medicare', 'payer medicaid')}`.replaceAll('state GA', 'state FL'), tables);
    assert.deepEqual(summary(x12.findings), summary(both.findings));
    assert.deepEqual(x12.claims.map((c) => c.estimate()!.total), both.estimate().map((e) => e.total));
  });

  it('unusual separators, as ISA declares them: | elements, > components, ! repetition, segments ended by a line feed', () => {
    const text = interchange({ ...IMPLANT, separators: { element: '|', component: '>', repetition: '!', segment: '\n' }, lineBreak: '' });
    assert.ok(text.includes('SV1|HC>78830>26|'));
    const x12 = check(text);
    assertSameAsClaim(x12, IMPLANT_CLAIM);
    const crlf = check(interchange({ ...IMPLANT, lineBreak: '\r\n' }));
    assertSameAsClaim(crlf, IMPLANT_CLAIM);
    const oneLine = check(interchange({ ...IMPLANT, lineBreak: '' }));
    assertSameAsClaim(oneLine, IMPLANT_CLAIM);
    assert.ok(oneLine.findings.every((f) => f.line === 0));
  });

  it('text given in chunks of any size reads as the whole text does', () => {
    const text = interchange({ ...IMPLANT, lineBreak: '\r\n' });
    const whole = readX12(text).claims.map((c) => c.text);
    for (const size of [1, 2, 3, 7, 105, 106, 107, 500]) {
      const texts: string[] = [];
      const problems: unknown[] = [];
      const stream = new X12Stream((c) => texts.push(JSON.stringify(c)), (p) => problems.push(p));
      for (let i = 0; i < text.length; i += size) stream.push(text.slice(i, i + size));
      stream.end();
      assert.deepEqual(problems, [], `chunks of ${size}`);
      assert.equal(texts.length, whole.length);
      assert.deepEqual(texts, readX12(text).claims.map((c) => JSON.stringify(c.claim)));
    }
  });

  it('diagnoses from HI (ABK first, then ABF) with the dot restored; POS from CLM05-1, SV105 overriding; date from the line or the claim', () => {
    const spec: X12Spec = {
      subscribers: [{ filing: 'MB', claims: [{ pos: '21', date: '20260302', dx: ['C787', 'C187', 'Z452'], lines: [{ code: '36260' }, { code: '96522', pos: '11', date: '20260316', pointers: [1, 3] }] }] }],
    };
    const text = readX12(interchange(spec)).claims[0].text;
    assert.match(text, /^dx C78\.7\ndx C18\.7\ndx Z45\.2$/m);
    assert.match(text, /^on 2026-03-02\n {2}36260 dx A$/m);
    assert.match(text, /^on 2026-03-16 pos 11\n {2}96522 dx A,C$/m);
  });
});

describe('X12 837P: bad input gets the segment and the reason, and the rest is still checked', () => {
  const x12Problems = (a: X12Analysis) => a.findings.filter((f) => f.rule === 'x12').map((f) => `${(f.data as { reason: string }).reason} ${f.x12.id}${(f.data as { element?: string }).element ? ` ${(f.data as { element?: string }).element}` : ''}`);
  const TWO = { subscribers: [{ filing: 'MB', claims: [REFILL.subscribers[0].claims[0], IMPLANT.subscribers[0].claims[0]] }] };

  it('a clean interchange has no x12 finding', () => {
    assert.deepEqual(x12Problems(check(interchange(TWO))), []);
  });

  it('a truncated interchange: the claims read are checked, the cut is reported at the last segment', () => {
    const text = interchange(TWO);
    const cut = text.slice(0, text.indexOf('SV1*HC:49000'));
    const a = check(cut);
    assert.deepEqual(x12Problems(a), ['truncated LX SE']);
    assert.equal(a.claims.length, 2);
    assert.ok(a.findings.some((f) => f.rule === 'x12' && f.severity === 'error'));
    // Cut inside a segment: that segment is said too.
    const mid = check(text.slice(0, text.indexOf('SV1*HC:49000') + 8));
    assert.deepEqual(x12Problems(mid), ['truncated LX SE', 'truncated-segment SV1']);
  });

  it('mismatched control numbers and counts: SE02, GE02, IEA02, SE01 each reported, the claims still checked', () => {
    const text = interchange(TWO).replace('SE*', 'SE*9').replace('SE*9', 'SE*9').replace(/SE\*9(\d+)\*0001/, 'SE*$1*0002').replace('GE*1*905', 'GE*1*906').replace('IEA*1*000000905', 'IEA*1*000000906');
    const a = check(text);
    assert.deepEqual(x12Problems(a).sort(), ['control-mismatch GE GE02', 'control-mismatch IEA IEA02', 'control-mismatch SE SE02']);
    assert.equal(a.claims.length, 2);
    const counted = check(interchange(TWO).replace(/SE\*(\d+)\*/, 'SE*3*'));
    assert.deepEqual(x12Problems(counted), ['count-mismatch SE SE01']);
    assert.equal(counted.findings.find((f) => f.rule === 'x12')!.severity, 'warning');
  });

  it('undeclared separators: the interchange is not read, and the next interchange in the file still is', () => {
    const good = interchange(REFILL);
    const broken = good.replace(/^ISA\*00\*/, 'ISA*00');
    const a = check(broken + good);
    assert.deepEqual(x12Problems(a), ['undeclared-separators ISA']);
    assert.equal(a.claims.length, 1);
    assert.equal(a.claims[0].generated.claim.clm.line, good.split('\n').findIndex((l) => l.startsWith('CLM')) + broken.split('\n').length - 1);
  });

  it('an 837I or 837D instead of an 837P: said at ST03, its claims not read; an 837P after it is', () => {
    for (const [version, found] of [['005010X223A2', '837I'], ['005010X224A2', '837D']]) {
      const a = check(interchange({ ...REFILL, version }) + interchange(REFILL));
      assert.deepEqual(x12Problems(a), [`not-837p ST ST03`]);
      assert.equal((a.findings[0].data as { found?: string }).found, found);
      assert.match(messageOf(a.findings[0]), new RegExp(`${found}, not an 837P`));
      assert.equal(a.claims.length, 1);
    }
  });

  it('a claim with no HI: said at its CLM; the claim is still checked (no diagnosis for its pointers)', () => {
    const a = check(interchange({ subscribers: [{ filing: 'MB', claims: [{ ...REFILL.subscribers[0].claims[0], dx: undefined }, REFILL.subscribers[0].claims[0]] }] }));
    assert.deepEqual(x12Problems(a), ['no-hi CLM']);
    assert.ok(a.findings.some((f) => f.rule === 'bad-pointer' && f.x12.id === 'SV1'));
    assert.equal(a.claims.length, 2);
  });

  it('a pointer to a missing diagnosis: bad-pointer at the SV107 component', () => {
    const text = interchange({ subscribers: [{ filing: 'MB', claims: [{ pos: '11', dx: ['C787'], lines: [{ code: '96522', pointers: [1, 4], date: '20260316' }] }] }] });
    const a = check(text);
    const f = a.findings.find((x) => x.rule === 'bad-pointer')!;
    const line = text.split('\n')[f.line];
    assert.equal(line.slice(f.start, f.end), '4');
    assert.ok(line.startsWith('SV1*'));
  });

  it('a code the guide does not list: the same finding as in a .claim, at the code', () => {
    const text = interchange({ subscribers: [{ filing: 'MB', claims: [{ pos: '11', dx: ['C787'], lines: [{ code: '99999', date: '20260316' }] }] }] });
    const a = check(text);
    const expected = analyze('claim "x"\npayer medicare\nstate GA\npos 11\ndx C78.7\non 2026-03-16\n  99999 dx A\n', tables);
    assert.deepEqual(summary(a.findings), summary(expected.findings));
    const f = a.findings.find((x) => x.rule === expected.findings[0].rule)!;
    assert.equal(text.split('\n')[f.line].slice(f.start, f.end), '99999');
  });

  it('an ICD-9 qualifier, a malformed procedure code, text that is no X12 at all: each said, nothing thrown', () => {
    const icd9 = check(interchange(REFILL).replace('HI*ABK:C787*ABF:C187', 'HI*BK:1550*ABF:C187'));
    assert.ok(x12Problems(icd9).includes('icd9 HI HI01'));
    const bad = check(interchange(REFILL).replace('SV1*HC:96522', 'SV1*HC:9652'));
    assert.ok(x12Problems(bad).includes('bad-element SV1 SV101'));
    assert.deepEqual(x12Problems(check('hello')), ['not-x12 ISA']);
    assert.deepEqual(x12Problems(check('')), []);
  });
});

describe('X12 837P: any input (fast-check)', () => {
  it('never throws, keeps every position inside the text, and gives the same findings in chunks of any size', () => {
    const base = interchange({ ...IMPLANT, lineBreak: '\r\n' });
    const mutated = fc
      .tuple(fc.integer({ min: 0, max: base.length }), fc.integer({ min: 0, max: 40 }), fc.string({ maxLength: 8, unit: fc.constantFrom('*', ':', '~', '\n', '\r', 'A', '1', 'I', 'S', '^', ' ', 'H', 'C', 'X') }))
      .map(([at, cut, insert]) => base.slice(0, at) + insert + base.slice(Math.min(base.length, at + cut)));
    fc.assert(
      fc.property(fc.oneof(mutated, fc.string({ maxLength: 300 })), fc.integer({ min: 1, max: 200 }), (text, size) => {
        const a = check(text);
        const lines = text.split(/\r\n|\r|\n/);
        for (const f of a.findings) {
          assert.ok(f.line >= 0 && f.line < Math.max(1, lines.length), `line ${f.line}`);
          const endLine = f.endLine ?? f.line;
          assert.ok(endLine >= f.line && endLine < Math.max(1, lines.length), `end line ${endLine}`);
          assert.ok(f.start >= 0 && (endLine > f.line || f.end >= f.start), `columns ${f.start}-${f.end}`);
        }
        const chunked: string[] = [];
        const stream = new X12Stream((c) => chunked.push(JSON.stringify(c)), (p) => chunked.push(JSON.stringify(p)));
        for (let i = 0; i < text.length; i += size) stream.push(text.slice(i, i + size));
        stream.end();
        const whole: string[] = [];
        const once = new X12Stream((c) => whole.push(JSON.stringify(c)), (p) => whole.push(JSON.stringify(p)));
        once.push(text);
        once.end();
        assert.deepEqual(chunked.sort(), whole.sort());
      }),
      { numRuns: 500 },
    );
  });
});

describe('X12 837P: an interchange cut off and followed by another', () => {
  it('reports the cut once, after the last segment of the first, and checks the claims of both', () => {
    const first = interchange(REFILL);
    const cut = first.slice(0, first.indexOf('SE*'));
    const a = check(cut + interchange(IMPLANT));
    const x12 = a.findings.filter((f) => f.rule === 'x12');
    assert.deepEqual(x12.map((f) => [(f.data as { reason: string }).reason, (f.data as { element?: string }).element, f.line]), [['truncated', 'SE', cut.split('\n').length - 2]]);
    assert.equal(a.claims.length, 2);
  });
});

describe('X12 837P: loops', () => {
  it('a patient loop (HL 23) under the subscriber keeps the subscriber payer; a pay-to address (NM1*87 N4) is not the billing state', () => {
    const text = interchange(REFILL)
      .replace('REF*EI*1EG4TE5MK73~', 'REF*EI*1EG4TE5MK73~\nNM1*87*2~\nN3*9 OTHER ST~\nN4*MIAMI*FL*33101~')
      .replace(/(CLM\*)/, 'HL*3*2*23*0~\nPAT*19~\nNM1*QC*1*DOE*JANE~\n$1');
    const { claims, problems } = readX12(text.replace(/SE\*(\d+)\*0001/, (_, n: string) => `SE*${Number(n) + 6}*0001`));
    assert.deepEqual(problems, []);
    assert.match(claims[0].text, /^payer medicare\nstate GA\n/m);
  });
});
