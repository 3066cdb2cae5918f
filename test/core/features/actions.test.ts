// Code actions: the quick fixes of the findings a range touches.
import assert from 'node:assert/strict';
import { changedLines } from '../../../server/src/core/features/actions';
import { doCodeActions, fixAllActions, FIX_ALL_KIND } from '../../../server/src/core/languageService';
import { HEAD } from '../../helpers/features';
import { applyEdits, run } from '../../helpers/fixture';

describe('code actions', () => {
  it('offers the fixes of the findings the range touches, preferred first', () => {
    const src = `${HEAD}on day 14 pos 11\n  J9200 dx A\n`;
    const { analysis } = run(src);
    const actions = doCodeActions(analysis, 'file:///x.claim', { start: { line: 8, character: 3 }, end: { line: 8, character: 3 } });
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Add -KD (drug infused through DME) to J9200', true]]);
    const fixed = applyEdits(src, actions[0].edit!.changes!['file:///x.claim'].map((e) => ({ line: e.range.start.line, start: e.range.start.character, end: e.range.end.character, newText: e.newText })));
    assert.match(fixed, /J9200-KD dx A/);
  });

  it('none when only other kinds are asked for', () => {
    const { analysis } = run(`${HEAD}on day 14 pos 11\n  J9200 dx A\n`);
    assert.deepEqual(doCodeActions(analysis, 'file:///x.claim', { start: { line: 8, character: 3 }, end: { line: 8, character: 3 } }, ['refactor']), []);
  });
});

describe('source.fixAll.hai-claims (issue 25)', () => {
  const uri = 'file:///x.claim';
  const apply = (text: string, e: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }) => {
    const offset = (p: { line: number; character: number }) => text.split('\n').slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    return text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  };

  it('one action with every safe fix, only when asked for (source, source.fixAll or ours)', () => {
    const src = `claim "x"\nPAYER medicare\nstate ga\npos 11\ndx C78.7\n\non 2026-03-16\n  96522 dx A\n`;
    const { analysis } = run(src);
    assert.deepEqual(fixAllActions(analysis, uri), []);
    assert.deepEqual(fixAllActions(analysis, uri, ['quickfix']), []);
    for (const only of [['source'], ['source.fixAll'], [FIX_ALL_KIND]]) {
      const [action] = fixAllActions(analysis, uri, only);
      assert.equal(action?.kind, 'source.fixAll.hai-claims', String(only));
    }
    const [action] = fixAllActions(analysis, uri, ['source.fixAll']);
    const edits = action!.edit!.changes![uri]!;
    assert.equal(edits.length, 1);
    const fixed = apply(src, edits[0]!);
    assert.match(fixed, /^payer medicare$/m);
    assert.match(fixed, /^state GA$/m);
    assert.deepEqual(fixAllActions(run(fixed).analysis, uri, ['source.fixAll']), [], 'nothing left to fix');
  });

  it('changedLines: one edit for replaced, inserted and removed lines, at the start, middle and end', () => {
    const cases: [string[], string[]][] = [
      [['a', 'b', 'c'], ['a', 'B', 'c']],
      [['a', 'b', 'c'], ['a', 'c']],
      [['a', 'b', 'c'], ['a', 'b']],
      [['a', 'b', 'c'], ['b', 'c']],
      [['a', 'b'], ['a', 'x', 'b']],
      [['a', 'b'], ['a', 'b', 'x']],
      [['a', 'b'], ['x', 'a', 'b']],
      [['a'], ['b']],
    ];
    for (const [before, after] of cases) assert.equal(apply(before.join('\n'), changedLines(before, after)), after.join('\n'), `${before} -> ${after}`);
  });
});
