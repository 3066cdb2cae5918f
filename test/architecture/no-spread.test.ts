// No spread of an unbounded array into a call (issue 17): `push(...x)`, `Math.max(...x)`,
// `concat(...x)` pass every element as an argument on the stack, and 200,000 lines overflow it.
// Every call argument written `...x` in server/src is a failure unless the statement is marked
// `spread-ok` (with the reason the array is bounded) on its line or within the five lines above.
import assert from 'node:assert/strict';
import ts from 'typescript';
import { parse, sourceFiles } from '../helpers/sources';

/** `file:line` of each spread argument of a call or `new` not marked spread-ok. */
function spreadArguments(file: string): string[] {
  const sf = parse(file);
  const lines = sf.text.split('\n');
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isSpreadElement(node) && (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent))) {
      const line = sf.getLineAndCharacterOfPosition(node.getStart()).line;
      if (!lines.slice(Math.max(0, line - 5), line + 1).some((l) => /spread-ok/.test(l))) found.push(`${file}:${line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('architecture: no spread of unbounded arrays into calls', () => {
  it('server/src passes no array to a call as spread arguments (unless marked spread-ok with its bound)', () => {
    const found = sourceFiles('server/src').flatMap(spreadArguments);
    assert.deepEqual(found, [], `spread arguments (use a loop or reduce): ${found.join(', ')}`);
  });
});
