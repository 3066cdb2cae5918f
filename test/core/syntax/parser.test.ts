// The parser: every line form of the language page with exact token columns, and the robustness
// the foundation issue asks for (line breaks, blanks, Unicode, empty and huge files, garbage).
// Token positions are written as `[[ ]]` markers in the line itself and compared in order.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../../../server/src/core/analysis';
import type { LineNode, LineProblem, SyntaxTree, Tok } from '../../../server/src/core/syntax/nodes';
import { parseText } from '../../../server/src/core/syntax/incremental';
import { LineCache, parseDocument, parseLine } from '../../../server/src/core/syntax/parser';
import { loadDefaultTables } from '../../../server/src/core/tables';
import { applyEdits, claim, parseMarked } from '../../helpers/fixture';

const tables = loadDefaultTables();

/** The node type of a kind (`payer` → ValueLine). */
type NodeOf<K extends LineNode['kind']> = LineNode extends infer N ? (N extends LineNode ? (K extends N['kind'] ? N : never) : never) : never;

/** Parses a one-line fixture and returns the node with the markers' [start, end) columns. */
function marked(source: string): { node: LineNode; text: string; ranges: [number, number][] } {
  const m = parseMarked(source);
  assert.ok(!m.text.includes('\n'), 'a one-line fixture');
  return { node: parseLine(m.text), text: m.text, ranges: m.ranges.map((r) => [r.start.character, r.end.character]) };
}

/** Asserts the tokens picked from the line sit exactly on the markers, in order. */
function expectTokens<K extends LineNode['kind']>(
  source: string,
  kind: K,
  pick: (node: NodeOf<K>) => (Tok | undefined)[],
): NodeOf<K> {
  const { node, text, ranges } = marked(source);
  assert.equal(node.kind, kind, `kind of ${JSON.stringify(text)}`);
  const n = node as NodeOf<K>;
  const toks = pick(n);
  assert.deepEqual(
    toks.map((t) => (t ? [t.start, t.end] : undefined)),
    ranges,
    `token columns of ${JSON.stringify(text)}`,
  );
  return n;
}

function problems(node: LineNode): Omit<LineProblem, 'data'>[] & { reason?: unknown }[] {
  return node.problems.map((p) => ({ rule: p.rule, start: p.start, end: p.end, reason: p.data.reason, ...(p.replacement !== undefined ? { replacement: p.replacement } : {}) }));
}

const KEYWORD_FIELDS = new Set(['keyword', 'dayKeyword', 'posKeyword', 'dxKeyword']);

/** Every token of the tree is the source text of its range (keywords up to case). */
function assertTokensMatchSource(tree: SyntaxTree): void {
  tree.lines.forEach((node, line) => {
    const text = tree.texts[line];
    const check = (field: string, t: Tok) => {
      const slice = text.slice(t.start, t.end);
      if (KEYWORD_FIELDS.has(field)) assert.equal(slice.toLowerCase(), t.text.toLowerCase(), `line ${line + 1} ${field}`);
      else assert.equal(slice, t.text, `line ${line + 1} ${field}`);
    };
    for (const [field, value] of Object.entries(node)) {
      if (Array.isArray(value)) {
        for (const v of value) if (v && typeof v === 'object' && 'text' in v) check(field, v as Tok);
      } else if (value && typeof value === 'object' && 'text' in value) check(field, value as Tok);
    }
    for (const p of node.problems) assert.ok(0 <= p.start && p.start <= p.end && p.end <= text.length, `problem range on line ${line + 1}`);
  });
}

describe('parser: line forms', () => {
  describe('claim', () => {
    it('claim "NAME": keyword and the quoted name, quotes included', () => {
      const n = expectTokens('[[claim]] [["HAI pump implant"]]', 'claim', (c) => [c.keyword, c.name]);
      assert.equal(n.nameValue, 'HAI pump implant');
      assert.deepEqual(n.problems, []);
    });

    it('a # inside the quoted name is part of the name, not a comment', () => {
      const n = expectTokens('[[claim]] [["HAI #1 # not a comment"]]   [[# a comment]]', 'claim', (c) => [c.keyword, c.name, c.comment]);
      assert.equal(n.nameValue, 'HAI #1 # not a comment');
      assert.equal(n.contentEnd, 30);
      assert.deepEqual(n.problems, []);
    });

    it('an unquoted name is kept, as written, with a syntax problem whose fix adds the quotes', () => {
      const n = expectTokens('[[claim]] [[HAI   pump implant]]  [[# note]]', 'claim', (c) => [c.keyword, c.name, c.comment]);
      assert.equal(n.nameValue, 'HAI   pump implant');
      assert.deepEqual(problems(n), [{ rule: 'syntax', start: 6, end: 24, reason: 'unquoted-name', replacement: '"HAI   pump implant"' }]);
    });

    it('an unterminated name runs to the end of the line (a # in it included) and is reported', () => {
      const n = expectTokens('[[claim]] [["HAI # pump]]', 'claim', (c) => [c.keyword, c.name]);
      assert.equal(n.nameValue, 'HAI # pump');
      assert.equal(n.comment, undefined);
      assert.deepEqual(problems(n), [{ rule: 'syntax', start: 6, end: 17, reason: 'unterminated-string' }]);
    });

    it('a claim line without a name, or with text after it, is a syntax problem', () => {
      assert.deepEqual(problems(parseLine('claim   # x')), [{ rule: 'syntax', start: 0, end: 5, reason: 'missing-value' }]);
      assert.deepEqual(problems(parseLine('claim "a" "b" c')), [{ rule: 'syntax', start: 10, end: 15, reason: 'unexpected-text' }]);
    });
  });

  describe('header lines', () => {
    it('payer, state, pos, start and dx: keyword and value', () => {
      expectTokens('[[payer]] [[medicare]]', 'payer', (v) => [v.keyword, v.value]);
      expectTokens('[[state]] [[GA]]', 'state', (v) => [v.keyword, v.value]);
      expectTokens('[[pos]] [[21]]', 'pos', (v) => [v.keyword, v.value]);
      expectTokens('[[start]] [[2026-03-02]]', 'start', (v) => [v.keyword, v.value]);
      expectTokens('[[dx]] [[C78.7]]', 'dx', (v) => [v.keyword, v.value]);
      expectTokens('[[dx]] [[C49.A0]]', 'dx', (v) => [v.keyword, v.value]);
      expectTokens('[[dx]] [[C19]]', 'dx', (v) => [v.keyword, v.value]);
      for (const l of ['payer medicare', 'state GA', 'pos 21', 'start 2026-03-02', 'dx C78.7', 'dx C19']) assert.deepEqual(parseLine(l).problems, [], l);
    });

    it('indented, with tabs, trailing blanks and a comment', () => {
      const n = expectTokens('\t  [[dx]]\t[[C18.7]]   \t[[#  B  sigmoid colon]]', 'dx', (v) => [v.keyword, v.value, v.comment]);
      assert.equal(n.indent, 3);
      assert.equal(n.contentEnd, 11);
      assert.deepEqual(n.problems, []);
    });

    it('a missing value, a second value, a malformed value', () => {
      assert.deepEqual(problems(parseLine('payer')), [{ rule: 'syntax', start: 0, end: 5, reason: 'missing-value' }]);
      assert.deepEqual(problems(parseLine('state GA FL')), [{ rule: 'syntax', start: 9, end: 11, reason: 'unexpected-text' }]);
      assert.deepEqual(problems(parseLine('state Georgia')), [{ rule: 'syntax', start: 6, end: 13, reason: 'bad-state' }]);
      assert.deepEqual(problems(parseLine('pos 1')), [{ rule: 'syntax', start: 4, end: 5, reason: 'bad-pos' }]);
      assert.deepEqual(problems(parseLine('start 2026-3-2')), [{ rule: 'bad-date', start: 6, end: 14, reason: 'form' }]);
      assert.deepEqual(problems(parseLine('start 2026-02-29')), [{ rule: 'bad-date', start: 6, end: 16, reason: 'no-such-date' }]);
      assert.deepEqual(problems(parseLine('dx C7')), [{ rule: 'bad-dx', start: 3, end: 5, reason: undefined }]);
      // A dot-less code, as on an 837, is clear: bad-dx with the dotted spelling (issue 13).
      assert.deepEqual(problems(parseLine('dx C787')), [{ rule: 'bad-dx', start: 3, end: 7, reason: 'no-dot', replacement: 'C78.7' }]);
      assert.deepEqual(problems(parseLine('dx c7801')), [{ rule: 'bad-dx', start: 3, end: 8, reason: 'no-dot', replacement: 'C78.01' }]);
    });
  });

  describe('on', () => {
    it('on YYYY-MM-DD', () => {
      expectTokens('[[on]] [[2026-03-02]]', 'on', (o) => [o.keyword, o.date]);
    });
    it('on YYYY-MM-DD pos NN', () => {
      const n = expectTokens('[[on]] [[2026-03-02]] [[pos]] [[21]]  [[# inpatient]]', 'on', (o) => [o.keyword, o.date, o.posKeyword, o.pos, o.comment]);
      assert.deepEqual(n.problems, []);
    });
    it('on day N', () => {
      const n = expectTokens('  [[on]] [[day]] [[14]]', 'on', (o) => [o.keyword, o.dayKeyword, o.dayNumber]);
      assert.equal(n.date, undefined);
    });
    it('on day N pos NN', () => {
      const n = expectTokens('[[on]] [[day]] [[14]] [[pos]] [[11]]         [[# 2026-03-16, in the office]]', 'on', (o) => [o.keyword, o.dayKeyword, o.dayNumber, o.posKeyword, o.pos, o.comment]);
      assert.deepEqual(n.problems, []);
    });
    it('bad dates and day numbers', () => {
      assert.deepEqual(problems(parseLine('on 2026-02-30')), [{ rule: 'bad-date', start: 3, end: 13, reason: 'no-such-date' }]);
      assert.deepEqual(problems(parseLine('on 03/02/2026')), [{ rule: 'bad-date', start: 3, end: 13, reason: 'form' }]);
      assert.deepEqual(problems(parseLine('on day x')), [{ rule: 'bad-date', start: 7, end: 8, reason: 'day-number' }]);
      assert.deepEqual(problems(parseLine('on day -3 pos 11')), [{ rule: 'bad-date', start: 7, end: 9, reason: 'day-number' }]);
      assert.deepEqual(problems(parseLine('on day')), [{ rule: 'bad-date', start: 3, end: 6, reason: 'day-number' }]);
      assert.deepEqual(problems(parseLine('on')), [{ rule: 'syntax', start: 0, end: 2, reason: 'missing-value' }]);
    });
    it('a missing day number or date still reads the pos that follows', () => {
      const a = parseLine('on day pos 11');
      assert.deepEqual(problems(a), [{ rule: 'bad-date', start: 3, end: 6, reason: 'day-number' }]);
      assert.equal(a.kind === 'on' && a.pos?.text, '11');
      const b = parseLine('on pos 11');
      assert.deepEqual(problems(b), [{ rule: 'syntax', start: 0, end: 2, reason: 'missing-value' }]);
      assert.equal(b.kind === 'on' && b.pos?.text, '11');
    });
    it('pos without a value, a bad pos, text after the statement', () => {
      assert.deepEqual(problems(parseLine('on day 1 pos')), [{ rule: 'syntax', start: 9, end: 12, reason: 'missing-value' }]);
      assert.deepEqual(problems(parseLine('on day 1 pos 111')), [{ rule: 'syntax', start: 13, end: 16, reason: 'bad-pos' }]);
      assert.deepEqual(problems(parseLine('on 2026-03-02 in the office')), [{ rule: 'syntax', start: 14, end: 27, reason: 'unexpected-text' }]);
    });
  });

  describe('service lines', () => {
    it('a bare code', () => {
      const n = expectTokens('  [[36260]]', 'service', (s) => [s.code]);
      assert.equal(n.unitsValue, 1);
      assert.deepEqual([n.modifiers, n.pointers, n.problems], [[], [], []]);
    });
    it('CPT with F or T, and HCPCS Level II codes', () => {
      for (const code of ['0042T', '3008F', 'A4220', 'J9200', 'V2020']) assert.deepEqual(parseLine(code).problems, [], code);
    });
    it('an attached modifier: 78830-26', () => {
      const n = expectTokens('[[78830]]-[[26]]', 'service', (s) => [s.code, ...s.modifiers]);
      assert.deepEqual(n.modifiers.map((m) => [m.dash, m.attached]), [[5, true]]);
    });
    it('chained attached modifiers and units: J9200-KD-JW x2', () => {
      const n = expectTokens('  [[J9200]]-[[KD]]-[[JW]] [[x2]]', 'service', (s) => [s.code, ...s.modifiers, s.units]);
      assert.deepEqual(n.modifiers.map((m) => [m.dash, m.attached]), [[7, true], [10, true]]);
      assert.equal(n.unitsValue, 2);
    });
    it('spaced modifiers: 77002 -26 -XS', () => {
      const n = expectTokens('  [[77002]] -[[26]] -[[XS]]  [[dx]] [[A]]', 'service', (s) => [s.code, ...s.modifiers, s.dxKeyword, ...s.pointers]);
      assert.deepEqual(n.modifiers.map((m) => [m.dash, m.attached]), [[8, false], [12, false]]);
    });
    it('chained spaced modifiers: 77002 -26-XS', () => {
      const n = expectTokens('[[77002]] -[[26]]-[[XS]]', 'service', (s) => [s.code, ...s.modifiers]);
      assert.deepEqual(n.modifiers.map((m) => [m.dash, m.attached]), [[6, false], [9, true]]);
    });
    it('units x1 to x999', () => {
      for (const [u, v] of [['x1', 1], ['x12', 12], ['x999', 999], ['X3', 3]] as const) {
        const n = parseLine(`96522 ${u}`);
        assert.ok(n.kind === 'service' && n.unitsValue === v && n.problems.length === 0, u);
      }
      for (const u of ['x0', 'x1000', 'x']) assert.deepEqual(problems(parseLine(`96522 ${u}`)), [{ rule: 'syntax', start: 6, end: 6 + u.length, reason: 'bad-units' }], u);
    });
    it('units after the pointers end the pointer list, in every spelling the units accept', () => {
      for (const u of ['x2', 'X2', '×2']) {
        const n = expectTokens(`96522 dx [[A]],[[B]] [[${u}]]`, 'service', (s) => [...s.pointers, s.units]);
        assert.deepEqual([n.unitsValue, n.problems], [2, []], u);
      }
    });
    it('units written twice are reported, the first kept', () => {
      const n = parseLine('96522 x2 x3');
      assert.deepEqual(problems(n), [{ rule: 'syntax', start: 9, end: 11, reason: 'repeated-units' }]);
      assert.equal(n.kind === 'service' && n.unitsValue, 2);
    });
    it('pointers: dx A', () => {
      expectTokens('96522 [[dx]] [[A]]', 'service', (s) => [s.dxKeyword, ...s.pointers]);
    });
    it('pointers: dx A,B', () => {
      expectTokens('[[78830]]-[[26]]       [[dx]] [[A]],[[B]]', 'service', (s) => [s.code, ...s.modifiers, s.dxKeyword, ...s.pointers]);
    });
    it('pointers: dx A, B (and a blank before the comma)', () => {
      expectTokens('78830 dx [[A]], [[B]] ,[[C]]', 'service', (s) => s.pointers);
    });
    it('everything at once, in any order, with a comment', () => {
      const n = expectTokens(
        '  [[J9200]]-[[KD]] [[x2]]    [[dx]] [[A]],[[B]] -[[JW]]   [[# note: x3 -26 dx C]]',
        'service',
        (s) => [s.code, ...s.modifiers.slice(0, 1), s.units, s.dxKeyword, ...s.pointers, ...s.modifiers.slice(1), s.comment],
      );
      assert.deepEqual(n.problems, []);
    });
    it('a pointer that is not a letter, a dx keyword with no pointer, stray text', () => {
      assert.deepEqual(problems(parseLine('96522 dx 1')), [{ rule: 'bad-pointer', start: 9, end: 10, reason: 'form' }]);
      assert.deepEqual(problems(parseLine('96522 dx # A')), [{ rule: 'syntax', start: 6, end: 8, reason: 'missing-value' }]);
      assert.deepEqual(problems(parseLine('96522 refill')), [{ rule: 'syntax', start: 6, end: 12, reason: 'unexpected-service-text' }]);
    });
    it('malformed codes and modifiers', () => {
      assert.deepEqual(problems(parseLine('1234')), [{ rule: 'bad-code', start: 0, end: 4, reason: undefined }]);
      assert.deepEqual(problems(parseLine('Z1234')), [{ rule: 'bad-code', start: 0, end: 5, reason: undefined }]);
      assert.deepEqual(problems(parseLine('78830-2')), [{ rule: 'bad-modifier', start: 6, end: 7, reason: 'form' }]);
      assert.deepEqual(problems(parseLine('78830-')), [{ rule: 'bad-modifier', start: 5, end: 6, reason: 'form' }]);
      assert.deepEqual(problems(parseLine('78830 - 26')), [
        { rule: 'bad-modifier', start: 6, end: 7, reason: 'form' },
        { rule: 'syntax', start: 8, end: 10, reason: 'unexpected-service-text' },
      ]);
      assert.deepEqual(problems(parseLine('78830 -26X')), [{ rule: 'bad-modifier', start: 7, end: 10, reason: 'form' }]);
    });
    it('more than 4 modifiers or pointers', () => {
      // From the dash of the 5th modifier to the end of the last one.
      assert.deepEqual(problems(parseLine('78830-26-59-XS-XU-KD-JW')), [{ rule: 'too-many', start: 17, end: 23, reason: undefined }]);
      assert.deepEqual(problems(parseLine('78830 dx A,B,C,D,E')), [{ rule: 'too-many', start: 17, end: 18, reason: undefined }]);
      assert.deepEqual(parseLine('78830-26-59-XS-XU dx A,B,C,D').problems, []);
    });
  });

  describe('comments and blank lines', () => {
    it('a comment line, a blank line, a line of blanks', () => {
      const n = expectTokens('   [[# HAI pump implantation, inpatient]]', 'blank', (b) => [b.comment]);
      assert.equal(n.indent, 3);
      assert.deepEqual(parseLine(''), { kind: 'blank', indent: 0, contentEnd: 0, comment: undefined, problems: [] });
      assert.equal(parseLine(' \t  ').kind, 'blank');
    });
    it('a comment right after a token, no blank between', () => {
      expectTokens('[[96522]][[#refill]]', 'service', (s) => [s.code, s.comment]);
      expectTokens('[[dx]] [[C78.7]][[#A]]', 'dx', (v) => [v.keyword, v.value, v.comment]);
      expectTokens('96522 dx [[A]],[[B]][[#x2]]', 'service', (s) => [...s.pointers, s.comment]);
    });
    it('every line form takes a trailing comment', () => {
      for (const l of ['claim "x"', 'payer medicare', 'state GA', 'pos 11', 'start 2026-03-02', 'dx C78.7', 'on 2026-03-02', 'on day 1 pos 11', '96522 x2 dx A']) {
        const n = parseLine(`${l} # c`);
        assert.deepEqual([n.problems, n.contentEnd, n.comment?.start], [[], l.length, l.length + 1], l);
      }
    });
  });

  describe('case', () => {
    it('a keyword not in lower case is parsed as the keyword, with a spelling problem and the fix (issue 13: a hint, not a syntax error)', () => {
      const n = parseLine('Claim "HAI"');
      assert.equal(n.kind, 'claim');
      assert.deepEqual(problems(n), [{ rule: 'spelling', start: 0, end: 5, reason: 'keyword-case', replacement: 'claim' }]);
      for (const [l, kind, start, end, fix] of [
        ['DX C78.7', 'dx', 0, 2, 'dx'],
        ['Payer medicare', 'payer', 0, 5, 'payer'],
        ['On day 3', 'on', 0, 2, 'on'],
        ['on Day 3', 'on', 3, 6, 'day'],
        ['on day 3 POS 11', 'on', 9, 12, 'pos'],
        ['96522 DX A', 'service', 6, 8, 'dx'],
      ] as const) {
        const node = parseLine(l);
        assert.equal(node.kind, kind, l);
        assert.deepEqual(problems(node), [{ rule: 'spelling', start, end, reason: 'keyword-case', replacement: fix }], l);
      }
    });
    it('lower-case codes, modifiers, diagnoses, pointers and states are accepted, each with a fix', () => {
      const s = parseLine('j9200-kd -jw x2 dx a,b');
      assert.equal(s.kind, 'service');
      assert.deepEqual(problems(s), [
        { rule: 'bad-code', start: 0, end: 5, reason: 'case', replacement: 'J9200' },
        { rule: 'bad-modifier', start: 6, end: 8, reason: 'case', replacement: 'KD' },
        { rule: 'bad-modifier', start: 10, end: 12, reason: 'case', replacement: 'JW' },
        { rule: 'bad-pointer', start: 19, end: 20, reason: 'case', replacement: 'A' },
        { rule: 'bad-pointer', start: 21, end: 22, reason: 'case', replacement: 'B' },
      ]);
      assert.ok(s.kind === 'service' && s.pointers.length === 2 && s.modifiers.length === 2);
      assert.deepEqual(problems(parseLine('dx c78.7')), [{ rule: 'bad-dx', start: 3, end: 8, reason: 'case', replacement: 'C78.7' }]);
      assert.deepEqual(problems(parseLine('state ga')), [{ rule: 'spelling', start: 6, end: 8, reason: 'value-case', replacement: 'GA' }]);
      // The model reads them upper-cased, so every check still runs.
      const a = analyze('claim "x"\npayer medicare\nstate ga\npos 11\ndx c78.7\non 2026-03-02\n  j9200-kd x2 dx a\n', tables);
      const svc = a.model.claims[0].dates[0].services[0];
      assert.deepEqual([svc.code, svc.modifiers, svc.pointers, a.model.claims[0].diagnoses[0].code, a.model.claims[0].state?.value], ['J9200', ['KD'], ['A'], 'C78.7', 'GA']);
      assert.ok(svc.listings.length > 0);
    });
  });

  describe('statements that are none of the above', () => {
    it('an unknown word is a syntax problem on that word, and the line is kept as unknown', () => {
      const n = parseLine('  patient: Jane Doe');
      assert.equal(n.kind, 'unknown');
      assert.deepEqual(problems(n), [{ rule: 'syntax', start: 2, end: 10, reason: 'unknown-statement' }]);
    });
  });
});

describe('parser: documents', () => {
  const EXAMPLE = claim`
    # HAI pump implantation, inpatient
    claim "HAI pump implant"
    payer medicare
    state GA                 # USPS state of the billing provider
    pos 21                   # 21 inpatient hospital -> facility rates
    start 2026-03-02         # anchor for on day N
    dx C78.7                 # A  secondary malignant neoplasm of liver
    dx C18.7                 # B  sigmoid colon primary

    on 2026-03-02
      36260          dx A    # pump insertion
      15860          dx A
      49000          dx A
      78830-26       dx A,B
      77002 -26 -XS  dx A

    on day 14 pos 11         # 2026-03-16, in the office
      96522          dx A
      J9200-KD x2    dx A
  `;

  it('the language page example: one node per line, every token on its source text, no problems', () => {
    const tree = parseDocument(EXAMPLE);
    assert.equal(tree.lines.length, EXAMPLE.split('\n').length);
    assert.deepEqual(
      tree.lines.map((l) => l.kind),
      ['blank', 'claim', 'payer', 'state', 'pos', 'start', 'dx', 'dx', 'blank', 'on', 'service', 'service', 'service', 'service', 'service', 'blank', 'on', 'service', 'service', 'blank'],
    );
    assert.deepEqual(tree.lines.flatMap((l) => l.problems), []);
    assertTokensMatchSource(tree);
  });

  it('CRLF and lone CR line breaks give the same tree as LF', () => {
    const lf = parseDocument(EXAMPLE);
    assert.deepEqual(parseDocument(EXAMPLE.replace(/\n/g, '\r\n')), lf);
    assert.deepEqual(parseDocument(EXAMPLE.replace(/\n/g, '\r')), lf);
    const lines = EXAMPLE.split('\n');
    // A lone CR before an empty line ended by LF would read as one CRLF: use CRLF there.
    const brk = (i: number) => (i % 3 === 0 ? '\n' : i % 3 === 1 || lines[i + 1] === '' ? '\r\n' : '\r');
    const mixed = lines.map((l, i) => (i < lines.length - 1 ? l + brk(i) : l)).join('');
    assert.match(mixed, /[^\r\n]\r[^\n]/);
    assert.deepEqual(parseDocument(mixed), lf);
    const a = analyze(EXAMPLE, tables);
    const b = analyze(EXAMPLE.replace(/\n/g, '\r\n'), tables);
    assert.deepEqual(b.findings, a.findings);
    assert.deepEqual(b.estimate(), a.estimate());
  });

  it('tabs and trailing blanks change no token', () => {
    const spaced = EXAMPLE.split('\n').map((l) => l.replace(/^ +/, '\t\t').replace(/ +#/, '\t#') + ' \t ').join('\n');
    const tree = parseDocument(spaced);
    assert.deepEqual(tree.lines.map((l) => l.kind), parseDocument(EXAMPLE).lines.map((l) => l.kind));
    assert.deepEqual(tree.lines.flatMap((l) => l.problems), []);
    assertTokensMatchSource(tree);
    assert.deepEqual(analyze(spaced, tables).findings.map((f) => f.rule), analyze(EXAMPLE, tables).findings.map((f) => f.rule));
  });

  it('Unicode: columns are UTF-16 code units, as LSP counts them', () => {
    // 😀 and 𝔸 are astral (two code units each); é is one.
    const text = 'claim "Café 😀 𝔸 #1"   # rendez-vous 😀 à 14h\n' + 'dx C78.7 # métastases 𝔸\n' + '  96522 # 😀😀 x2 dx Z\n' + '😀 96522\n';
    const tree = parseDocument(text);
    const [c, dx, svc, junk] = tree.lines;
    assert.ok(c.kind === 'claim' && dx.kind === 'dx' && svc.kind === 'service');
    assert.deepEqual([c.name?.start, c.name?.end, c.nameValue], [6, 21, 'Café 😀 𝔸 #1']);
    assert.equal(c.comment?.start, 24);
    assert.equal(c.comment?.end, tree.texts[0].length);
    assert.deepEqual(c.problems, []);
    assert.deepEqual([dx.value?.start, dx.comment?.start, dx.comment?.end], [3, 9, 24]);
    assert.deepEqual([svc.code.start, svc.units, svc.pointers], [2, undefined, []]);
    assert.deepEqual(problems(junk), [{ rule: 'syntax', start: 0, end: 2, reason: 'unknown-statement' }]);
    assertTokensMatchSource(tree);
  });

  it('a byte order mark and other Unicode blanks separate words', () => {
    const n = parseLine('\ufeffclaim\u00a0"x"');
    assert.equal(n.kind, 'claim');
    assert.deepEqual(n.problems, []);
  });

  it('an empty file: one blank line, no claims, no findings', () => {
    const a = analyze('', tables);
    assert.deepEqual(a.tree.lines.map((l) => l.kind), ['blank']);
    assert.deepEqual([a.model.claims, a.findings, a.internalErrors], [[], [], []]);
  });

  it('a file of only comments and blank lines: no claims, no findings', () => {
    const a = analyze('# HAI templates\n\n   # to be written\r\n\t#\n', tables);
    assert.deepEqual(a.tree.lines.map((l) => l.kind), ['blank', 'blank', 'blank', 'blank', 'blank']);
    assert.deepEqual([a.model.claims, a.findings], [[], []]);
  });

  it('a bad line is reported and the lines after it are still read', () => {
    const text = 'claim "x"\npayer medicare\npos 11\ndx C78.7\non 2026-03-02\n  this is not a line\n  96522 ??? dx A\n  J9200-KD x2 dx A\n';
    const a = analyze(text, tables);
    assert.deepEqual(a.findings.map((f) => [f.rule, f.line, f.start, f.end]), [
      ['syntax', 5, 2, 6],
      ['syntax', 6, 8, 11],
    ]);
    assert.deepEqual(a.model.claims[0].dates[0].services.map((s) => [s.code, s.units]), [['96522', 1], ['J9200', 2]]);
  });

  it('a 50,000-line file parses and analyses (speed belongs to the benchmark)', () => {
    const block = ['on day 0 pos 11', '  96522 dx A', '  J9200-KD x2 dx A', '  # a comment', ''];
    const lines = ['claim "big"', 'payer medicare', 'dx C78.7'];
    for (let day = 0; lines.length < 50_000; day++) lines.push(...block.map((l) => l.replace('day 0', `day ${day}`)));
    const text = lines.slice(0, 50_000).join('\n');
    const tree = parseDocument(text);
    assert.equal(tree.lines.length, 50_000);
    assert.deepEqual(tree.lines.flatMap((l) => l.problems), []);
    const a = analyze(text, tables);
    assert.deepEqual(a.internalErrors, []);
    assert.equal(a.model.claims[0].dates.length, 10_000);
  });

  it('the line cache gives the same tree as a fresh parse', () => {
    const cache = new LineCache(8);
    for (let i = 0; i < 3; i++) assert.deepEqual(parseDocument(EXAMPLE, cache), parseDocument(EXAMPLE));
  });

  it('a text parsed with the cache finds a line seen before by a hash of its characters, and tells apart lines whose hashes collide', () => {
    // "  JV25HA" and "  J0G40A" have the same 30-bit FNV-1a hash (parseText's index of the lines seen in a text).
    const texts = ['claim "a"', '  JV25HA', '  J0G40A', '  JV25HA', '  J0G40A', ''];
    const parsed = parseText(texts.join('\n'), new LineCache());
    assert.deepEqual(parsed.tree.texts, texts);
    assert.deepEqual(parsed.tree.lines, texts.map((t) => parseLine(t)));
    assert.equal(parsed.tree.lines[3], parsed.tree.lines[1], 'one node per text');
    assert.equal(parsed.tree.lines[4], parsed.tree.lines[2]);
    assert.notEqual(parsed.tree.lines[2], parsed.tree.lines[1]);
  });

  it('random garbage never throws, and every token and problem stays inside its line', () => {
    const pieces = ['claim', 'Claim', '"', '"a # b"', 'payer', 'medicare', 'state', 'ga', 'pos', '21', 'start', '2026-02-30', 'dx', 'C78.7', 'on',
      'day', 'Day', '14', 'x', 'x2', 'x0', '×3', '-', '-26', '-26-XS', '78830-26', 'J9200-KD-JW', 'A', 'a,b', ',', ', ', '#', ' ', '\t', '\n', '\r\n', '\r',
      '😀', '\ud800', '\u00a0', '\ufeff', '\u2028', '77002', '49000', '36260', 'A4220', '96522'];
    const words = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 60 });
    const garbage = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      words.map((a) => a.join(' ')),
      words.map((a) => a.join('')),
    );
    fc.assert(
      fc.property(garbage, (text) => {
        const tree = parseDocument(text);
        assertTokensMatchSource(tree);
        const a = analyze(text, tables);
        assert.deepEqual(a.internalErrors, []);
        a.estimate();
        assert.deepEqual(a.internalErrors, []);
        for (const f of a.findings) {
          const fixed = (f.fixes ?? []).map((x) => applyEdits(text, x.edits));
          for (const t of fixed) assert.deepEqual(analyze(t, tables).internalErrors, []);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
