// X12 837P in (issue 24): the interchanges below are written on the structure of the
// 005010X222A1 examples (test/helpers/x12.ts), with invented people and numbers. Each claim is
// checked and priced as the equivalent `.claim` is, and its findings sit on its X12 segments.
import assert from 'node:assert/strict';
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
