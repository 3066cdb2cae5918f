// fast-check generators for claim documents, built from the language's own pieces: valid and
// broken lines of every statement kind, so the properties reach the checks, not just the parser.
import fc from 'fast-check';
import { loadDefaultTables } from '../../server/src/core/tables';

const t = loadDefaultTables();
const realCodes = [...new Set(t.guide.procedures.map((p) => p.code))];
const realDx = t.guide.diagnoses.map((d) => d.code);
const realMods = t.reference.modifiers.map((m) => m.code);
const realPos = t.reference.placesOfService.map((p) => p.code);
const realStates = t.reference.states.map((s) => s.code);

const digit = fc.constantFrom(...'0123456789');
const upper = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((a) => a.join(''));

/** Unicode that tends to break column arithmetic: astral characters, lone surrogates, combining marks, odd blanks. */
export const trickyChar = fc.constantFrom('é', 'ß', '😀', '𝔸', '\u{1F9EA}', '\ud83d', '\ude00', 'e\u0301', '\u00a0', '\ufeff', '\u2028', '\u2029', '\u200b', '\t', '\f', '\v', '×', '“', '”', '"', '#', '-', ',', '\u0000');
/** Any text: full unicode (astral included), tricky characters and the language's punctuation. */
export const junk = fc.string({ unit: fc.oneof({ weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }, trickyChar, fc.constantFrom(' ', '-', 'x', 'dx', 'on', 'day', 'claim', '"')), maxLength: 12 });

const lowerOrNot = (a: fc.Arbitrary<string>) => fc.tuple(a, fc.boolean()).map(([s, low]) => (low ? s.toLowerCase() : s));

export const code = fc.oneof(
  { weight: 6, arbitrary: lowerOrNot(fc.constantFrom(...realCodes)) },
  { weight: 2, arbitrary: digits(5) },
  { weight: 1, arbitrary: fc.tuple(digits(4), fc.constantFrom('F', 'T', 'f')).map(([d, s]) => d + s) },
  { weight: 1, arbitrary: fc.tuple(upper, digits(4)).map(([l, d]) => l + d) },
  { weight: 1, arbitrary: fc.tuple(digit, junk).map(([d, j]) => d + j) },
);

export const modifier = fc.oneof(
  { weight: 6, arbitrary: lowerOrNot(fc.constantFrom(...realMods)) },
  { weight: 1, arbitrary: fc.constantFrom('', '2', '266', 'Z9', '😀', '-', '2😀') },
  { weight: 1, arbitrary: junk },
);

export const dxCode = fc.oneof({ weight: 5, arbitrary: lowerOrNot(fc.constantFrom(...realDx)) }, { weight: 1, arbitrary: fc.constantFrom('C18.6', 'Z99.999', 'C78', 'X', '') }, { weight: 1, arbitrary: junk });

export const isoDate = fc.oneof(
  { weight: 4, arbitrary: fc.date({ min: new Date('2025-10-01'), max: new Date('2027-03-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
  { weight: 2, arbitrary: fc.constantFrom('2026-02-30', '2026-13-01', '2026-00-10', '0000-00-00', '2026-2-3', '2025-12-31', '2027-01-01', '9999-12-31', '2026-02-29', '2024-02-29') },
  { weight: 1, arbitrary: junk },
);

const dayN = fc.oneof(fc.integer({ min: 0, max: 120 }).map(String), fc.constantFrom('99999', '100000', '-1', '1.5', '', 'pos', 'x'), junk);
const pos = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...realPos) }, { weight: 1, arbitrary: fc.constantFrom('1', '999', '00', '99', 'ab') }, { weight: 1, arbitrary: junk });
const state = fc.oneof({ weight: 5, arbitrary: lowerOrNot(fc.constantFrom(...realStates)) }, { weight: 1, arbitrary: fc.constantFrom('ZZ', 'G', 'GAA', '😀😀') });
const pointer = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...'ABCDEFGHIJKLM') }, { weight: 1, arbitrary: fc.constantFrom('a', 'Z', '1', '', 'AB', '😀') });
const ws = fc.constantFrom(' ', '  ', '\t', ' \t ', '   ');
const indent = fc.constantFrom('', '', '  ', '\t', '    ', ' \t');
const comment = fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: junk.map((j) => ` # ${j}`) }, { weight: 1, arbitrary: fc.constant('#') });
const keyword = (k: string) => fc.constantFrom(k, k, k, k, k.toUpperCase(), k[0].toUpperCase() + k.slice(1));

const serviceLine = fc
  .record({
    code,
    attached: fc.array(modifier, { maxLength: 3 }),
    spaced: fc.array(modifier, { maxLength: 3 }),
    units: fc.option(fc.oneof(fc.integer({ min: 0, max: 1200 }).map((n) => `x${n}`), fc.constantFrom('x', 'X2', '×3', 'x01')), { nil: undefined }),
    dx: fc.option(fc.array(pointer, { maxLength: 6 }), { nil: undefined }),
    sep: fc.constantFrom(',', ', ', ' , '),
    sp: ws,
  })
  .map((r) => {
    let s = r.code + r.attached.map((m) => `-${m}`).join('');
    if (r.spaced.length) s += `${r.sp}${r.spaced.map((m) => `-${m}`).join(' ')}`;
    if (r.units !== undefined) s += `${r.sp}${r.units}`;
    if (r.dx !== undefined) s += `${r.sp}dx ${r.dx.join(r.sep)}`;
    return s;
  });

const onLine = fc
  .tuple(keyword('on'), fc.oneof(isoDate, dayN.map((n) => `day ${n}`), fc.constant('')), fc.option(pos, { nil: undefined }), fc.option(junk, { nil: undefined }))
  .map(([k, d, p, extra]) => `${k} ${d}${p !== undefined ? ` pos ${p}` : ''}${extra !== undefined ? ` ${extra}` : ''}`);

const claimLine = fc.oneof(
  fc.tuple(keyword('claim'), junk).map(([k, n]) => `${k} "${n.replace(/"/g, '')}"`),
  junk.map((n) => `claim ${n}`),
  junk.map((n) => `claim "${n}`),
  fc.constant('claim'),
  fc.constant('claim "a" "b"'),
);

/** One line of a claim document, valid or broken, without its line break. */
export const claimDocLine: fc.Arbitrary<string> = fc
  .tuple(
    indent,
    fc.oneof(
      { weight: 2, arbitrary: claimLine },
      { weight: 1, arbitrary: fc.tuple(keyword('payer'), fc.constantFrom('medicare', 'Medicare', 'aetna', '', 'medicare extra')).map(([k, v]) => `${k} ${v}`) },
      { weight: 1, arbitrary: fc.tuple(keyword('state'), state).map(([k, v]) => `${k} ${v}`) },
      { weight: 1, arbitrary: fc.tuple(keyword('pos'), pos).map(([k, v]) => `${k} ${v}`) },
      { weight: 1, arbitrary: fc.tuple(keyword('start'), isoDate).map(([k, v]) => `${k} ${v}`) },
      { weight: 3, arbitrary: fc.tuple(keyword('dx'), dxCode).map(([k, v]) => `${k} ${v}`) },
      { weight: 3, arbitrary: onLine },
      { weight: 8, arbitrary: serviceLine },
      { weight: 1, arbitrary: fc.constant('') },
      { weight: 1, arbitrary: junk },
      // A very long line: a service line padded far out, or a run of one piece.
      { weight: 1, arbitrary: fc.tuple(serviceLine, fc.integer({ min: 200, max: 5000 })).map(([s, n]) => `${s}${' '.repeat(n)}-26`) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom('-26 ', 'dx A,', 'x2 ', '# ', 'on ', 'pos 11 ', '😀'), fc.integer({ min: 50, max: 2000 })).map(([p, n]) => `96522 ${p.repeat(n)}`) },
    ),
    comment,
  )
  .map(([i, body, c]) => i + body + c);

const eol = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');

/** A claim document: a header or two, then lines of every kind, joined by mixed line breaks. */
export const claimDocument: fc.Arbitrary<string> = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.tuple(claimDocLine, eol), { maxLength: 40 }),
    fc.constantFrom('', '\n', '\r\n'),
  )
  .map(([header, lines, end]) => {
    const head = header ? 'claim "x"\npayer medicare\nstate GA\npos 11\ndx C78.7\non 2026-03-02\n' : '';
    return head + lines.map(([l, e]) => l + e).join('') + end;
  });

/** Raw random text: anything at all, with line breaks. */
export const rawText: fc.Arbitrary<string> = fc.string({ unit: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), trickyChar, eol), maxLength: 400 });

/** Text to type or paste in an edit: pieces of the language, junk, and line breaks. */
export const insertText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...'0123456789ACDJKSXdx -,#"\t'), maxLength: 6 }) },
  { weight: 2, arbitrary: claimDocLine.map((l) => `${l}\n`) },
  { weight: 1, arbitrary: fc.tuple(claimDocLine, claimDocLine).map(([a, b]) => `${a}\r\n${b}`) },
  { weight: 1, arbitrary: eol },
  { weight: 1, arbitrary: junk },
  { weight: 1, arbitrary: fc.constant('') },
);
