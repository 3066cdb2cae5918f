// Every structure diagnostic of the language page: a fixture where it fires (code, exact range
// via `[[ ]]`, severity) and one where it must not; every quick fix it carries is applied and the
// result re-analysed. Also: billing rules stay off for a claim whose payer is not Medicare.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { RULES } from '../../../server/src/core/rules';
import { messageOf } from '../../../server/src/core/rules/messages';
import type { Finding, Severity } from '../../../server/src/core/rules/types';
import { applyEdits, claim, expectFixesClear, expectNoRule, expectRule, isStructureRule, parseMarked, run } from '../../helpers/fixture';

/** Every firing fixture, so the quick-fix sweep at the end covers them all. */
const FIRING: { title: string; source: string }[] = [];

/** Declares a test: `rule` fires exactly on the marked ranges, with this severity. */
function fires(title: string, rule: string, source: string, severity: Severity, check?: (found: Finding[]) => void): void {
  FIRING.push({ title: `${rule}: ${title}`, source });
  it(`fires: ${title}`, () => {
    const found = expectRule(source, rule, { severity });
    assert.ok(found.length > 0, 'the fixture marks at least one range');
    for (const f of found) assert.notEqual(messageOf(f), f.rule, 'a message is written for it');
    check?.(found);
  });
}

function quiet(title: string, rule: string, source: string): void {
  it(`does not fire: ${title}`, () => expectNoRule(source, rule));
}

/** The text after applying one fix (by title) of the only finding of `rule`. */
function fixed(source: string, rule: string, title?: string): string {
  const { analysis, marked } = run(source);
  const [f, ...more] = analysis.findings.filter((x) => x.rule === rule);
  assert.ok(f && more.length === 0, `exactly one ${rule}`);
  const fix = title ? f.fixes?.find((x) => x.title === title) : f.fixes?.[0];
  assert.ok(fix, `${rule} has the fix ${title ?? ''}`);
  return applyEdits(marked.text, fix.edits);
}

const H = claim`
  claim "t"
  payer medicare
  state GA
  pos 11
  dx C78.7
  dx C18.7
`;
/** A valid claim header (dx A = C78.7, B = C18.7, office) and the given body. */
const doc = (strings: TemplateStringsArray, ...values: unknown[]): string => H + claim(strings, ...values);

const EXAMPLE = readFileSync('examples/language-page-example.claim', 'utf8');

describe('structure diagnostics', () => {
  it('a clean claim has no finding at all, and the language page example no structure finding', () => {
    assert.deepEqual(run(doc`
      on 2026-03-02
        96522 dx A
        J9200-KD-JW x2 dx A,B
    `).analysis.findings, []);
    assert.deepEqual(run(EXAMPLE).analysis.findings.filter((f) => isStructureRule(f.rule)), []);
  });

  describe('syntax', () => {
    fires('a line that is no statement', 'syntax', doc`
      on 2026-03-02
        96522 dx A
      [[frobnicate]] 12
    `, 'error');
    fires('text after a statement', 'syntax', doc`
      on 2026-03-02 [[in the office]]
        96522 [[refill]] dx A
    `, 'error');
    fires('an unterminated name', 'syntax', 'claim [["HAI pump # implant]]\npayer medicare\n', 'error');
    fires('an unquoted name (fix adds the quotes)', 'syntax', 'claim [[HAI pump]]   # implant\npayer medicare\n', 'error', ([f]) => {
      assert.equal(f.fixes?.[0].title, 'Put the claim name in quotes');
    });
    fires('a keyword without its value', 'syntax', doc`
      [[start]]
      on 2026-03-02
        96522 [[dx]]
    `, 'error');
    fires('bad units and units written twice', 'syntax', doc`
      on 2026-03-02
        96522 [[x0]] dx A
        J9200-KD x2 [[x3]] dx A
    `, 'error');
    fires('a second header line of the same kind (fix removes it)', 'syntax', doc`
      [[payer medicare]]   # again
      on 2026-03-02
        96522 dx A
    `, 'error', ([f]) => {
      assert.deepEqual(f.related?.map((r) => [r.line, r.start, r.end]), [[1, 0, 5]]);
    });
    // Issue 13: a keyword or value in another case is read as meant; its spelling is a hint (below).
    quiet('a keyword not in lower case, a state in lower case', 'syntax', doc`
      On 2026-03-02 POS 11
        96522 DX A
    `.replace('claim', 'Claim').replace('state GA', 'state ga'));
    quiet('the language page example', 'syntax', EXAMPLE);
    quiet('comments everywhere, tabs, CRLF', 'syntax', doc`
      # a comment line
      on 2026-03-02\t# a comment
      \t96522\tdx A,B\t# a comment
    `.replace(/\n/g, '\r\n'));

    it('unquoted name: the fix keeps the name as written', () => {
      assert.equal(fixed('claim HAI  pump # x\n', 'syntax'), 'claim "HAI  pump" # x\n');
    });
  });

  describe('missing-claim', () => {
    fires('statements before the first claim line', 'missing-claim', claim`
      # templates for Dr. X
      [[payer medicare]]   # header

        [[96522 dx A]]
      claim "t"
      payer medicare
    `, 'error');
    quiet('only comments and blank lines before the claim', 'missing-claim', '# a\n\n   # b\n' + EXAMPLE);
    it('a line that is no statement is reported once, as syntax, not also as missing-claim', () => {
      expectNoRule('frobnicate\nclaim "t"\n', 'missing-claim');
      expectRule('[[frobnicate]]\nclaim "t"\n', 'syntax');
    });
  });

  describe('missing-date', () => {
    fires('a service line before any on line of its claim', 'missing-date', doc`
        [[96522 dx A]]   # no date yet
      on 2026-03-02
        96522 dx A
      claim "u"
      payer medicare
      pos 11
      dx C78.7
        [[J9200-KD x2 dx A]]
    `, 'error');
    quiet('every service line below an on line', 'missing-date', EXAMPLE);
  });

  describe('bad-date', () => {
    fires('not YYYY-MM-DD', 'bad-date', doc`
      on [[2026-3-2]]
        96522 dx A
      on [[03/04/2026]] pos 11
        96522 dx A
    `, 'error');
    fires('no such calendar date', 'bad-date', doc`
      start [[2026-13-01]]
      on [[2026-02-30]]
        96522 dx A
      on [[2027-02-29]]
        96522 dx A
    `, 'error');
    fires('on day x, and on day with no number', 'bad-date', doc`
      on day [[x]]
        96522 dx A
      on [[day]] pos 11
        96522 dx A
    `, 'error');
    fires('day N mixed with calendar dates, no start', 'bad-date', doc`
      on 2026-03-02
        96522 dx A
      on [[day 14]] pos 11
        96522 dx A
    `, 'error');
    quiet('day N mixed with calendar dates when start is given', 'bad-date', doc`
      start 2026-03-02
      on 2026-03-02
        96522 dx A
      on day 14 pos 11
        96522 dx A
    `);
    quiet('only day N, no start', 'bad-date', doc`
      on day 0
        96522 dx A
      on day 14
        96522 dx A
    `);
    quiet('a leap day', 'bad-date', doc`
      on 2028-02-29
        96522 dx A
    `);
    it('a date that does not exist makes its lines unpayable: $0 with the reason; the next date is priced', () => {
      const { analysis } = run('claim "t"\npayer medicare\nstate GA\npos 11\ndx C78.7\non 2026-02-30\n  96522 dx A\n  J9200-KD dx A\non 2026-03-16\n  96522 dx A\n');
      const lines = analysis.estimate()[0].dates.flatMap((d) => d.lines);
      assert.deepEqual(lines.map((l) => [l.code, l.amount, l.status]), [['96522', 0, 'denied'], ['J9200', 0, 'denied'], ['96522', 125, 'paid']]);
      assert.match(lines[0].adjustments[0].reason, /bad-date/);
      // One finding, on the date.
      assert.deepEqual(analysis.findings.filter((f) => f.rule === 'bad-date').map((f) => f.line), [5]);
    });
  });

  describe('bad-code', () => {
    fires('not a CPT or HCPCS Level II code', 'bad-code', doc`
      on 2026-03-02
        [[1234X]]-26 dx A
        [[Z1234]] dx A
        [[123456]] dx A
        [[0042]] dx A
    `, 'error');
    fires('a code in lower case: a warning with the fix', 'bad-code', doc`
      on 2026-03-02
        [[j9200]]-KD dx A
    `, 'warning');
    quiet('CPT, CPT with F or T, HCPCS', 'bad-code', doc`
      on 2026-03-02
        96522 dx A
        0042T dx A
        3008F dx A
        J9200-KD dx A
    `);
  });

  describe('bad-modifier', () => {
    fires('not a dash and two characters', 'bad-modifier', doc`
      on 2026-03-02
        78830-[[2]] dx A
        78830 -[[26X]] dx A
        78830[[-]] dx A
    `, 'error');
    fires('a modifier in lower case: a warning with the fix', 'bad-modifier', doc`
      on 2026-03-02
        J9200-[[kd]] -[[jw]] dx A
    `, 'warning');
    fires('a modifier no table knows: a warning', 'bad-modifier', doc`
      on 2026-03-02
        96522 -[[ZZ]] dx A
        J9200-KD-[[Q9]] dx A
    `, 'warning', (found) => assert.deepEqual(found.map((f) => f.data.reason), ['unknown', 'unknown']));
    quiet('attached, spaced and chained known modifiers', 'bad-modifier', doc`
      on 2026-03-02
        J9200-KD-JW dx A
        77002 -26 -XS dx A
        78830 -26-59 dx A
    `);
  });

  describe('bad-dx', () => {
    fires('not an ICD-10-CM code', 'bad-dx', claim`
      claim "t"
      dx [[C7]]
      dx [[78.7]]
      dx [[C78.77777]]
    `, 'error');
    fires('a code without its dot (as on an 837): an error with the fix to the dotted code', 'bad-dx', 'claim "t"\ndx [[C787]]\ndx [[c7801]]\n', 'error', (found) => {
      assert.deepEqual(found.map((f) => f.fixes?.[0]?.edits[0]?.newText), ['C78.7', 'C78.01']);
      assert.match(messageOf(found[0]), /^C787 is written without its dot .* it is C78\.7/);
    });
    it('a dot-less code is read as meant (C787 is C78.7: no dx-not-listed)', () => {
      const { analysis } = run('claim "t"\npayer medicare\nstate GA\npos 11\ndx C787\non 2026-03-02\n  96522 dx A\n');
      assert.equal(analysis.model.claims[0].diagnoses[0].code, 'C78.7');
      assert.deepEqual(analysis.findings.map((f) => f.rule), ['bad-dx']);
    });
    fires('a diagnosis in lower case: a warning with the fix', 'bad-dx', 'claim "t"\ndx [[c78.7]]\n', 'warning');
    quiet('three-character, dotted and alphanumeric codes', 'bad-dx', 'claim "t"\ndx C19\ndx C78.7\ndx C49.A0\ndx Z99.89\n');
  });

  describe('unknown-payer', () => {
    fires('a payer other than Medicare: a warning', 'unknown-payer', 'claim "t"\npayer [[aetna]]\n', 'warning', ([f]) => {
      assert.equal(f.fixes, undefined);
    });
    fires('no payer line: information, on the claim keyword', 'unknown-payer', '[[claim]] "t"\npos 11\n', 'information');
    // Issue 13: payer Medicare is Medicare (read in any case); its spelling is a hint.
    quiet('payer medicare, payer Medicare, payer MEDICARE', 'unknown-payer', 'claim "t"\npayer medicare\nclaim "u"\npayer Medicare\nclaim "v"\npayer MEDICARE\n');
    it('names what was skipped: every billing check and the estimate', () => {
      const [f] = expectRule('claim "t"\npayer [[aetna]]\n', 'unknown-payer', { severity: 'warning' });
      assert.match(messageOf(f), /billing check/);
      assert.match(messageOf(f), /not estimated/);
    });
  });

  describe('spelling (issue 13)', () => {
    fires('a keyword not in lower case: a hint with the fix', 'spelling', doc`
      [[On]] 2026-03-02 [[POS]] 11
        96522 [[DX]] A
    `.replace('claim', '[[Claim]]'), 'hint');
    fires('a state in lower case: a hint with the fix', 'spelling', 'claim "t"\nstate [[ga]]\n', 'hint');
    fires('payer Medicare: a hint with the fix', 'spelling', 'claim "t"\npayer [[Medicare]]  # capital M\n', 'hint');
    fires('PAYER MEDICARE: both words', 'spelling', 'claim "t"\n[[PAYER]] [[MEDICARE]]\n', 'hint');
    quiet('canonical spellings', 'spelling', H);
    quiet('an unknown payer is unknown-payer, not a spelling', 'spelling', 'claim "t"\npayer Aetna\n');
    it('the fix writes medicare', () => {
      assert.equal(fixed('claim "t"\npayer Medicare  # x\n', 'spelling'), 'claim "t"\npayer medicare  # x\n');
    });
  });

  describe('bad-pointer', () => {
    fires('a letter beyond the claim\'s diagnoses, with fixes to existing letters', 'bad-pointer', doc`
      on 2026-03-02
        96522 dx A,[[C]]
    `, 'error', ([f]) => {
      assert.deepEqual(f.fixes?.map((x) => x.edits.map((e) => e.newText).join()), ['A', 'B']);
      assert.deepEqual(f.data, { pointer: 'C', count: 2, last: 'B' });
    });
    fires('the only letter, preferred', 'bad-pointer', 'claim "t"\npayer medicare\npos 11\ndx C78.7\non 2026-03-02\n  96522 dx [[B]]\n', 'error', ([f]) => {
      assert.deepEqual(f.fixes?.map((x) => [x.edits[0].newText, x.preferred]), [['A', true]]);
    });
    fires('a claim with no dx lines: no letter to offer', 'bad-pointer', 'claim "t"\npayer medicare\npos 11\non 2026-03-02\n  96522 dx [[A]]\n', 'error', ([f]) => {
      assert.deepEqual(f.fixes, []);
    });
    fires('not a letter', 'bad-pointer', doc`
      on 2026-03-02
        96522 dx [[1]],A
    `, 'error');
    fires('a pointer in lower case: a warning with the fix', 'bad-pointer', doc`
      on 2026-03-02
        96522 dx [[a]], [[b]]
    `, 'warning');
    quiet('letters of the claim\'s diagnoses', 'bad-pointer', doc`
      on 2026-03-02
        96522 dx A,B
        J9200-KD dx B, A
    `);
    it('the fix points at the chosen letter', () => {
      const src = doc`
        on 2026-03-02
          96522 dx A,C  # x
      `;
      assert.equal(fixed(src, 'bad-pointer', 'Point at B (C18.7)').split('\n')[7], '  96522 dx A,B  # x');
    });
  });

  describe('no-pointer', () => {
    fires('a service line with no dx pointer (fix: dx A)', 'no-pointer', doc`
      on 2026-03-02
        [[96522]]
        [[J9200]]-KD x2   # drug
    `, 'warning');
    fires('a claim with no diagnosis: no fix to offer', 'no-pointer', 'claim "t"\npayer medicare\npos 11\non 2026-03-02\n  [[96522]]\n', 'warning', ([f]) => {
      assert.equal(f.fixes, undefined);
    });
    quiet('every line points, and a bare dx is a syntax problem instead', 'no-pointer', doc`
      on 2026-03-02
        96522 dx A
        J9200-KD dx
    `);
    it('the fix adds dx A after the last token', () => {
      const src = doc`
        on 2026-03-02
          J9200-KD x2   # drug
      `;
      assert.equal(fixed(src, 'no-pointer').split('\n')[7], '  J9200-KD x2 dx A   # drug');
    });
  });

  describe('too-many', () => {
    const dx13 = ['C22.0', 'C22.2', 'C22.3', 'C22.4', 'C22.7', 'C22.8', 'C78.7', 'C18.0', 'C18.1', 'C18.2', 'C18.3', 'C18.4', 'C18.5'];
    fires('13 diagnoses: the 13th', 'too-many', `claim "t"\npayer medicare\npos 11\n${dx13.map((d, i) => (i === 12 ? `dx [[${d}]]` : `dx ${d}`)).join('\n')}\non 2026-03-02\n  96522 dx A\n`, 'error');
    fires('5 modifiers: from the 5th', 'too-many', doc`
      on 2026-03-02
        78830-26-59-XS-XU[[-KD]] dx A
        77002 -26 -59 -XS -XU [[-XE -XP]] dx A
    `, 'error');
    fires('5 pointers: from the 5th', 'too-many', `claim "t"\npayer medicare\npos 11\n${dx13.slice(0, 5).map((d) => `dx ${d}`).join('\n')}\non 2026-03-02\n  96522 dx A,B,C,D,[[E]]\n`, 'error');
    quiet('12 diagnoses, 4 modifiers, 4 pointers', 'too-many', `claim "t"\npayer medicare\npos 11\n${dx13.slice(0, 12).map((d) => `dx ${d}`).join('\n')}\non 2026-03-02\n  78830-26-59-XS-XU dx A,B,C,L\n`);
    it('a pointer at a 13th diagnosis is also a bad pointer (the letters stop at L)', () => {
      const src = `claim "t"\npayer medicare\npos 11\n${dx13.map((d) => `dx ${d}`).join('\n')}\non 2026-03-02\n  96522 dx [[M]]\n`;
      expectRule(src, 'bad-pointer');
    });
  });

  describe('duplicate-line', () => {
    fires('the same code twice on one date', 'duplicate-line', doc`
      on 2026-03-02
        96522 dx A
        [[96522]] dx A
    `, 'warning', ([f]) => {
      assert.deepEqual(f.related?.map((r) => [r.line, r.start, r.end]), [[7, 2, 7]]);
    });
    fires('the same modifiers in another order and spacing', 'duplicate-line', doc`
      on 2026-03-02
        77002-26-XS x2 dx A
        78830-26 dx A
        [[77002]] -XS -26 x3 dx A
    `, 'warning');
    quiet('other modifiers, another date, another claim', 'duplicate-line', doc`
      on 2026-03-02
        78830-26 dx A
        78830 dx A
        96522 dx A
      on 2026-03-09
        96522 dx A
      claim "u"
      payer medicare
      pos 11
      dx C78.7
      on 2026-03-02
        96522 dx A
    `);
    // Issue 13 changes the remedy on purpose: a service billed once per date (the refill, a
    // visit, a major surgery) is a repeat to remove, and only the first is paid; units (xN) are the
    // fix for drugs and supplies (and codes that may have several units).
    it('a drug repeated: the fix merges into units on the first line and removes the second; both are paid', () => {
      assert.equal(
        fixed(doc`
          on 2026-03-02
            J9200-KD dx A   # floxuridine
            96522 dx A
            J9200-KD x2 dx A
          on 2026-03-09
        `, 'duplicate-line'),
        doc`
          on 2026-03-02
            J9200-KD x3 dx A   # floxuridine
            96522 dx A
          on 2026-03-09
        `,
      );
      assert.equal(
        fixed(doc`
          on 2026-03-02
            77002-26-XS x2 dx A
            77002 -XS -26 x3 dx A
        `, 'duplicate-line'),
        doc`
          on 2026-03-02
            77002-26-XS x5 dx A
        `,
      );
    });
    it('the fix works when the duplicate is the last line, with no line break after it', () => {
      const src = doc`
        on 2026-03-02
          J9200-KD
      ` + '  J9200-KD';
      assert.equal(fixed(src, 'duplicate-line'), doc`
        on 2026-03-02
          J9200-KD x2
      `.replace(/\n$/, ''));
    });

    it('the refill repeated: remove the repeat (the fix), which is denied; only the first is paid', () => {
      const src = doc`
        on 2026-03-02
          96522 dx A   # refill
          J9200-KD dx A
          96522 dx A
        on 2026-03-09
      `;
      assert.equal(fixed(src, 'duplicate-line'), doc`
        on 2026-03-02
          96522 dx A   # refill
          J9200-KD dx A
        on 2026-03-09
      `);
      const { analysis } = run(src);
      const f = analysis.findings.find((x) => x.rule === 'duplicate-line')!;
      assert.match(messageOf(f), /billed once per date: the repeat is not paid\. Remove the repeated line/);
      const lines = analysis.estimate()[0].dates[0].lines;
      assert.deepEqual(lines.map((l) => [l.code, l.amount]), [['96522', 125], ['J9200', 4128], ['96522', 0]]);
      assert.match(lines[2].adjustments[0].reason, /duplicate-line/);
    });

    it('a repeat across two `on` blocks of one date is a repeat; the same code on another date is not', () => {
      expectRule(doc`
        on 2026-03-02
          96522 dx A
        on 2026-03-02
          [[96522]] dx A
        on 2026-03-09
          96522 dx A
      `, 'duplicate-line');
    });
  });

  describe('unknown-code', () => {
    fires('a well-formed code in no table', 'unknown-code', doc`
      on 2026-03-02
        [[99999]] dx A
        [[J9999]]-KD dx A
    `, 'warning');
    quiet('codes of the guide, and malformed codes (bad-code instead)', 'unknown-code', doc`
      on 2026-03-02
        96522 dx A
        A4220 dx A
        1234 dx A
    `);
  });

  describe('unknown-dx', () => {
    fires('a well-formed diagnosis in no table: information', 'unknown-dx', claim`
      claim "t"
      dx [[Z99.9]]
      dx C78.7
    `, 'information');
    quiet('diagnoses of the guide, and malformed ones (bad-dx instead)', 'unknown-dx', 'claim "t"\ndx C78.7\ndx C49.A0\ndx 123\n');
  });

  describe('unknown-pos', () => {
    fires('a two-digit place of service CMS does not define', 'unknown-pos', claim`
      claim "t"
      pos [[98]]
      on 2026-03-02 pos [[00]]
      on 2026-03-09 pos 11
    `, 'warning', (found) => {
      // A CMS rule cites its CMS source (issue 13).
      assert.match(messageOf(found[0]), /^98 is not in the CMS Place of Service code set/);
    });
    quiet('CMS places of service, and malformed ones (syntax instead)', 'unknown-pos', 'claim "t"\npos 11\non 2026-03-02 pos 21\non 2026-03-03 pos 99\non 2026-03-04 pos 1\n');
  });

  describe('unknown-state', () => {
    fires('a two-letter code that is no USPS state', 'unknown-state', 'claim "t"\nstate [[ZZ]]\n', 'warning');
    quiet('states, DC, territories, and a lower-case state (syntax instead)', 'unknown-state', 'claim "a"\nstate GA\nclaim "b"\nstate DC\nclaim "c"\nstate PR\nclaim "d"\nstate wv\n');
  });

  describe('missing-pos', () => {
    fires('a date with no place of service, on the claim or the date', 'missing-pos', claim`
      claim "t"
      payer medicare
      dx C78.7
      [[on 2026-03-02]]   # no pos
        96522 dx A
      on 2026-03-09 pos 11
        96522 dx A
      [[on]]
      [[on]] day x
      [[on 2026-03-10]] pos
    `, 'warning');
    quiet('a claim pos, or a pos on every date', 'missing-pos', claim`
      claim "a"
      pos 21
      on 2026-03-02
      claim "b"
      on day 1 pos 11
      on day 2 pos 22
    `);
    it('the fixes add pos 11 or pos 21 after the date', () => {
      const src = 'claim "t"\non day 14   # x\n';
      assert.equal(fixed(src, 'missing-pos', 'Add "pos 11" (office) to this date'), 'claim "t"\non day 14 pos 11   # x\n');
      assert.equal(fixed(src, 'missing-pos', 'Add "pos 21" (inpatient hospital) to this date'), 'claim "t"\non day 14 pos 21   # x\n');
      // A bad date or a pos keyword without its value: the fix still gives a readable line.
      assert.equal(fixed('claim "t"\non day x # x\n', 'missing-pos'), 'claim "t"\non day x pos 11 # x\n');
      assert.equal(fixed('claim "t"\non 2026-03-02 pos # x\n', 'missing-pos'), 'claim "t"\non 2026-03-02 pos 11 # x\n');
      assert.equal(fixed('claim "t"\non # x\n', 'missing-pos'), 'claim "t"\non pos 11 # x\n');
    });
  });

  describe('every quick fix of a structure finding clears it', () => {
    it('each firing fixture has been declared', () => assert.ok(FIRING.length > 30));
    for (const { title, source } of FIRING) {
      it(title, () => {
        const { analysis } = run(source);
        const rules = new Set(analysis.findings.filter((f) => isStructureRule(f.rule) && f.fixes?.length).map((f) => f.rule));
        for (const rule of rules) expectFixesClear(source, rule);
      });
    }
  });
});

describe('billing rules and the payer', () => {
  const billing = new Set(RULES.filter((r) => r.billing).map((r) => r.id));
  const body = (payer: string) => `claim "t"\n${payer}\nstate GA\npos 21\ndx C78.7\non 2026-03-02\n  36260 dx A\n  49000\n  96522 dx A\n`;

  it('a Medicare claim (or one with no payer line) gets the billing checks', () => {
    for (const payer of ['payer medicare', '', 'payer Medicare', 'PAYER MEDICARE']) {
      const rules = run(body(payer)).analysis.findings.map((f) => f.rule);
      assert.ok(rules.includes('ncci-ptp') && rules.includes('incident-to-facility'), payer || 'no payer');
    }
  });

  it('a claim for another payer gets the structure checks and no billing check', () => {
    for (const payer of ['payer aetna', 'payer Aetna']) {
      const { analysis } = run(body(payer));
      assert.deepEqual(analysis.findings.filter((f) => billing.has(f.rule)).map((f) => f.rule), [], payer);
      assert.deepEqual(analysis.findings.map((f) => f.rule), ['unknown-payer', 'no-pointer'], payer);
    }
  });

  it('claims are checked each under its own payer', () => {
    const { analysis } = run(body('payer aetna') + body('payer medicare'));
    const second = analysis.model.claims[1].line;
    const billed = analysis.findings.filter((f) => billing.has(f.rule));
    assert.ok(billed.length > 0);
    for (const f of billed) assert.ok(f.line > second, `${f.rule} on line ${f.line + 1} belongs to the Medicare claim`);
  });
});

// The marker parser is used by every fixture above: check it on the two forms used here.
describe('fixture markers', () => {
  it('ranges in order of their closing marker, on the clean text', () => {
    const m = parseMarked('a [[bc]]\n[[d]]');
    assert.equal(m.text, 'a bc\nd');
    assert.deepEqual(m.ranges, [{ start: { line: 0, character: 2 }, end: { line: 0, character: 4 } }, { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }]);
  });
});
