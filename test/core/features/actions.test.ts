// Code actions: the quick fixes of the findings a range touches.
import assert from 'node:assert/strict';
import { doCodeActions } from '../../../server/src/core/languageService';
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
