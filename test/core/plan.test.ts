// The one plan for size (core/plan.ts): which path a document takes, read from the parser's tree,
// in one table.
import assert from 'node:assert/strict';
import { checkPath, PLAN, shapeOf, type CheckPath, type DocumentShape } from '../../server/src/core/plan';
import { parseText } from '../../server/src/core/syntax/incremental';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analysis';
import { loadDefaultTables } from '../../server/src/core/tables';
import { claimDocument } from '../helpers/arbitraries';

const shape = (text: string): DocumentShape => shapeOf(parseText(text).tree);
const lines = (n: number, line: string) => Array.from({ length: n }, () => line).join('\n');

describe('core/plan', () => {
  it('shapeOf counts the lines of the longest claim and of its longest date (same-day blocks together; keywords in any case), from the tree', () => {
    const cases: [string, Partial<DocumentShape>][] = [
      ['', { lines: 1, longestClaim: 1, longestDate: 0 }],
      ['x\ny\n', { longestClaim: 3, longestDate: 0 }],
      ['claim "a"\n on 2026-01-02\n  CLAIM "b"\n', { longestClaim: 2, longestDate: 1 }],
      ['claim "a"\nclaims x\n\nclaim "b"', { longestClaim: 3, longestDate: 0 }],
      // Two blocks of one date, a block of another between.
      ['claim "a"\non day 1\n  a\non 2026-01-05 pos 11\n  b\n  c\nON  Day 1\n  d\n', { longestClaim: 9, longestDate: 5 }],
      // The same date in the next claim is another date.
      ['claim "a"\non day 1\n  a\nclaim "b"\non day 1\n  b\n', { longestClaim: 4, longestDate: 3 }],
    ];
    for (const [text, expected] of cases) {
      const got = shape(text);
      for (const [k, v] of Object.entries(expected)) assert.equal(got[k as keyof DocumentShape], v, `${JSON.stringify(text)}: ${k}`);
    }
  });

  it('checkPath: at once, in steps, or in the worker, by the table', () => {
    const oneDate = (n: number) => `claim "a"\non 2026-03-02\n${lines(n, '  96522')}\n`;
    const manyDates = (n: number) => `claim "a"\n${Array.from({ length: n / 2 }, (_, i) => `on day ${i}\n  96522`).join('\n')}\n`;
    const batch = (n: number) => Array.from({ length: n / 3 }, (_, i) => `claim "c${i}"\non day 1\n  96522`).join('\n');
    const table: [string, string, boolean, CheckPath][] = [
      ['a small document', batch(300), true, 'at-once'],
      ['a batch over largeLines', batch(PLAN.largeLines + 300), true, 'steps'],
      ['a long claim of short dates', manyDates(PLAN.largeLines + 200), true, 'steps'],
      ['a date under longDate', oneDate(PLAN.longDate - 5), true, 'at-once'],
      ['a date over longDate', oneDate(PLAN.longDate + 10), true, 'worker'],
      ['a date over longDate, no worker', oneDate(PLAN.longDate + 10), false, 'at-once'],
      ['a long date in a large document, no worker', oneDate(PLAN.largeLines + 10), false, 'steps'],
      ['a claim over hugeClaim of short dates', manyDates(PLAN.hugeClaim + 10), true, 'worker'],
    ];
    for (const [name, text, worker, path] of table) assert.equal(checkPath(shape(text), worker), path, name);
  });

  it("shapeOf agrees with the resolved model on any document (no pre-parser of its own to disagree): the claims and date blocks it measures are the model's", () => {
    const tables = loadDefaultTables();
    fc.assert(
      fc.property(fc.array(claimDocument, { minLength: 1, maxLength: 3 }), (docs) => {
        const { tree, model } = analyze(docs.join('\n'), tables);
        const got = shapeOf(tree);
        assert.equal(got.lines, tree.lines.length);
        // Each claim runs to the next (or the end); the lines before the first count as a part too.
        const starts = [0, ...model.claims.map((c) => c.line), tree.lines.length];
        assert.equal(got.longestClaim, Math.max(...starts.slice(1).map((s, i) => s - starts[i])));
        // A date block starts at each `on` line the model resolved, and none is longer than its claim.
        const onLines = tree.lines.flatMap((n, i) => (n.kind === 'on' ? [i] : []));
        assert.deepEqual(model.claims.flatMap((c) => c.dates.map((d) => d.line)), onLines.filter((l) => l >= starts[1]));
        assert.ok(got.longestDate <= got.longestClaim);
      }),
      { numRuns: 200 },
    );
  });
});

