// No spread of an unbounded array into a call (issue 17): `push(...x)`, `Math.max(...x)`,
// `concat(...x)` pass every element as an argument on the stack, and 200,000 lines overflow it.
// Every call argument written `...x` in server/src is a failure unless the statement is marked
// `spread-ok` (with the reason the array is bounded) on its line or within the five lines above.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** `file:line` of each spread argument of a call or `new` not marked spread-ok. */
function spreadArguments(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isSpreadElement(node) && (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent))) {
      const line = sf.getLineAndCharacterOfPosition(node.getStart()).line;
      if (!lines.slice(Math.max(0, line - 5), line + 1).some((l) => /spread-ok/.test(l))) found.push(`${relative(ROOT, file)}:${line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('no spread of unbounded arrays into calls', () => {
  it('server/src passes no array to a call as spread arguments (unless marked spread-ok with its bound)', () => {
    const found = sources(join(ROOT, 'server', 'src')).flatMap(spreadArguments);
    assert.deepEqual(found, [], `spread arguments (use a loop or reduce): ${found.join(', ')}`);
  });
});
