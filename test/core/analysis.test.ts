// Analysis in steps (the language server checks a huge document this way, answering other
// documents between steps): the steps give exactly what one synchronous analysis gives, and an
// update between two steps makes the analysis stop, stale, without spoiling the next one.
import assert from 'node:assert/strict';
import { generateClaims, renderClaims, rng } from '../../bench/generate';
import { analyze, ClaimDocument, type Analysis } from '../../server/src/core/analysis';
import { parseText, parseTextSteps } from '../../server/src/core/syntax/incremental';
import { loadDefaultTables } from '../../server/src/core/tables';

const tables = loadDefaultTables();

function observable(a: Analysis) {
  return { findings: a.findings, model: a.model, estimate: a.estimate(), internalErrors: a.internalErrors, tree: a.tree };
}

/** Runs a generator, counting its steps. */
function run<T>(steps: Generator<void, T>): { value: T; steps: number } {
  let n = 0;
  for (;;) {
    const r = steps.next();
    if (r.done) return { value: r.value, steps: n };
    n++;
  }
}

describe('analysis in steps', function () {
  this.timeout(120_000);

  it('parses in steps to the same tree, with \\n and with \\r\\n breaks', () => {
    const text = renderClaims(generateClaims(3000, 5)).text;
    for (const t of [text, text.replace(/\n/g, '\r\n')]) {
      const { value, steps } = run(parseTextSteps(t));
      assert.deepStrictEqual(value, parseText(t));
      assert.ok(steps >= Math.floor(value.tree.lines.length / 1000), `${steps} steps for ${value.tree.lines.length} lines`);
    }
  });

  it('opens and analyses in many small steps, equal to a synchronous analysis', () => {
    const text = renderClaims(generateClaims(800, 6)).text;
    const doc = run(ClaimDocument.openSteps(text)).value;
    const { value, steps } = run(doc.analyzeSteps(tables));
    assert.ok(value);
    const claims = value.model.claims.length;
    // At least one step per claim checked (several: after resolving and after each rule).
    assert.ok(steps > claims * 2, `${steps} steps for ${claims} claims`);
    assert.deepStrictEqual(observable(value), observable(analyze(text, tables)));
    // Nothing changed since: the next analysis reuses every part (no rule runs, few steps).
    const again = run(doc.analyzeSteps(tables));
    assert.ok(again.steps <= 1, `${again.steps} steps with nothing to re-check`);
    assert.deepStrictEqual(observable(again.value as Analysis), observable(value));
  });

  it('an update between two steps makes the analysis stale; the next analysis equals a fresh one', () => {
    const r = rng(11);
    let text = renderClaims(generateClaims(600, 7)).text;
    const doc = new ClaimDocument(text);
    doc.analyze(tables);
    let stopped = 0;
    for (let round = 0; round < 25; round++) {
      // Edit, start an analysis, run it part way, edit again: the first analysis must stop.
      const edit = () => {
        const lines = text.split('\n');
        const line = Math.floor(r() * lines.length);
        const character = Math.floor(r() * (lines[line].length + 1));
        const insert = ['9', '\n', 'x', '', '\non 2026-04-01\n  36260 dx A'][Math.floor(r() * 5)];
        const remove = r() < 0.5 ? Math.min(1, lines[line].length - character) : 0;
        lines[line] = lines[line].slice(0, character) + insert + lines[line].slice(character + remove);
        text = lines.join('\n');
        doc.update([{ range: { start: { line, character }, end: { line, character: character + remove } }, text: insert }]);
      };
      edit();
      const steps = doc.analyzeSteps(tables);
      // A re-checked claim of a batch is two steps (resolved, then its rules): stop after one to three.
      const stopAfter = 1 + Math.floor(r() * 3);
      let finished: Analysis | undefined;
      for (let i = 0; i < stopAfter; i++) {
        const s = steps.next();
        if (s.done) {
          finished = s.value;
          break;
        }
      }
      if (!finished) {
        edit();
        const rest = run(steps);
        assert.equal(rest.value, undefined, 'an analysis that outlives an update returns nothing');
        stopped++;
      }
      assert.deepStrictEqual(observable(doc.analyze(tables)), observable(analyze(text, tables)), `round ${round}`);
    }
    assert.ok(stopped >= 5, `only ${stopped} analyses were interrupted`);
  });
});
