// The claim model (model/resolve.ts): the tree resolved into claims, dates with their days and
// places of service, diagnosis letters, and each service's code, modifiers, units, pointers and
// listing. The rules and the estimate read only this, so each field is pinned here once.
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis';
import { loadDefaultTables } from '../../../server/src/core/tables';

const tables = loadDefaultTables();
const modelOf = (text: string) => analyze(text, tables).model;

describe('model/resolve', () => {
  const TEXT = [
    '# a note before the claim',
    'claim "A"',
    'payer medicare',
    'state GA',
    'pos 22',
    'start 2026-03-02',
    'dx C78.7',
    'dx c18.7',
    '  96522',
    'on day 0',
    '  36260 dx A',
    '  77002-26 -xs x2 dx A,B',
    '',
    'on 2026-03-04 pos 11',
    '  99213 dx B',
    'payer aetna',
    'claim "B"',
    'on day 3',
    '  96522',
  ].join('\n');

  it('claims run from their claim line to the next (a comment before the first is no statement)', () => {
    const m = modelOf(TEXT);
    assert.deepEqual(m.beforeFirstClaim, []);
    assert.deepEqual(m.claims.map((c) => [c.index, c.name, c.line, c.endLine]), [[0, 'A', 1, 15], [1, 'B', 16, 18]]);
  });

  it('header values, a repeated header ignored with the first one named, and service lines before the first date', () => {
    const [a, b] = modelOf(TEXT).claims;
    assert.equal(a.payer?.value, 'medicare');
    assert.equal(a.state?.value, 'GA');
    assert.deepEqual(a.repeatedHeaders.map((r) => [r.line, r.first]), [[15, 2]]);
    assert.deepEqual(a.undatedServices.map((s) => s.line), [8]);
    assert.equal(b.payer, undefined);
  });

  it('diagnoses get letters in order, codes upper-cased and looked up', () => {
    const [a] = modelOf(TEXT).claims;
    assert.deepEqual(a.diagnoses.map((d) => [d.letter, d.code, !!d.info]), [['A', 'C78.7', true], ['B', 'C18.7', true]]);
  });

  it("dates: day N counts from the claim's start, a calendar date is its own day; the place of service is the date's, else the claim's", () => {
    const [a, b] = modelOf(TEXT).claims;
    assert.deepEqual(a.dates.map((d) => [d.line, d.endLine, d.iso, d.calendar, d.pos, d.posFrom]), [
      [9, 11, '2026-03-02', true, '22', 'claim'], // the blank line after it is no part of it
      [13, 15, '2026-03-04', true, '11', 'date'],
    ]);
    assert.equal(a.dates[1].day! - a.dates[0].day!, 2);
    assert.notEqual(a.dates[0].setting, a.dates[1].setting);
    // No start: a relative day, compared only with relative days.
    assert.deepEqual(b.dates.map((d) => [d.day, d.calendar, d.iso, d.posFrom]), [[3, false, undefined, 'none']]);
  });

  it('services: code and modifiers upper-cased in written order, units, pointers, the listing that prices them, and their date', () => {
    const [a] = modelOf(TEXT).claims;
    const s = a.dates[0].services;
    assert.deepEqual(s.map((x) => [x.line, x.code, x.modifiers, x.units, x.pointers]), [
      [10, '36260', [], 1, ['A']],
      [11, '77002', ['26', 'XS'], 2, ['A', 'B']],
    ]);
    assert.ok(s[1].listings.length >= 1 && s[1].listing && s.every((x) => x.date === a.dates[0]));
    assert.equal(a.dates[0].claim, a);
  });
});
