// No function longer than 80 lines in server/src or client/src (issue 12's done-when): a function
// that long holds several concerns, and the next person cannot change one without reading all.
// Counted with the compiler: every function-like node with a body, from its first token to its
// last, nested functions counted in their parent too.
import assert from 'node:assert/strict';
import ts from 'typescript';
import { parse, sourceFiles } from '../helpers/sources';

const LIMIT = 80;

/**
 * Known offenders, `file name`: none. A function may be listed here only with a reason and an issue
 * that will split it; the test fails on any other.
 */
const KNOWN_LONG: readonly string[] = [];

interface Long {
  key: string;
  line: number;
  lines: number;
}

function nameOf(node: ts.SignatureDeclaration, sf: ts.SourceFile): string {
  if (node.name) return node.name.getText(sf);
  // An anonymous function takes the name it is assigned to, if any.
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name) return parent.name.getText(sf);
  return `<${ts.SyntaxKind[node.kind]}>`;
}

function longFunctions(sf: ts.SourceFile, file: string): Long[] {
  const out: Long[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const last = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = last - first + 1;
      if (lines > LIMIT) out.push({ key: `${file} ${nameOf(node, sf)}`, line: first + 1, lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe('architecture: function length', () => {
  const files = [...sourceFiles('server/src'), ...sourceFiles('client/src')];

  it(`no function in server/src or client/src is over ${LIMIT} lines (beyond KNOWN_LONG)`, () => {
    assert.ok(files.length > 50, `found only ${files.length} source files: the walk is wrong`);
    const offenders = files.flatMap((f) => longFunctions(parse(f), f)).filter((f) => !KNOWN_LONG.includes(f.key));
    assert.deepEqual(offenders.map((f) => `${f.key} (line ${f.line}): ${f.lines} lines; split it by concern`), []);
  });

  it('the count sees a long function (the measure itself works)', () => {
    const body = Array.from({ length: LIMIT }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const sf = ts.createSourceFile('probe.ts', `function probe() {\n${body}\n}\nconst short = () => 1;\n`, ts.ScriptTarget.Latest, true);
    const found = longFunctions(sf, 'probe.ts').map((f) => `${f.key} ${f.lines}`);
    assert.deepEqual(found, [`probe.ts probe ${LIMIT + 2}`]);
  });
});
