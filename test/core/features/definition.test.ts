// Go to Definition (issue 25): a diagnosis pointer leads to its `dx` line; nothing else does.
import assert from 'node:assert/strict';
import { findDefinition } from '../../../server/src/core/languageService';
import { run } from '../../helpers/fixture';

describe('go to definition', () => {
  const src = 'claim "x"\npayer medicare\nstate GA\npos 11\ndx C78.7\ndx C18.7\n\non 2026-03-16\n  99214 dx A,B\n  96522 dx C\n';
  const { analysis } = run(src);
  const lines = src.split('\n');

  it('from a pointer letter to the code on its dx line', () => {
    const at = lines[8]!.indexOf('B');
    const b = findDefinition(analysis, 'file:///x.claim', 8, at);
    assert.deepEqual(b, { uri: 'file:///x.claim', range: { start: { line: 5, character: 3 }, end: { line: 5, character: 8 } } });
    const a = findDefinition(analysis, 'file:///x.claim', 8, lines[8]!.indexOf('A'));
    assert.equal(a?.range.start.line, 4);
  });

  it('none for a letter no dx line has, for a code, or outside the document', () => {
    assert.equal(findDefinition(analysis, 'file:///x.claim', 9, lines[9]!.indexOf('C')), null);
    assert.equal(findDefinition(analysis, 'file:///x.claim', 8, 3), null);
    assert.equal(findDefinition(analysis, 'file:///x.claim', 1e9, 1e9), null);
  });
});
