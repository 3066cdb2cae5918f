// Formatting: aligned columns, idempotent, unreadable lines left alone.
import assert from 'node:assert/strict';
import { formatDocument, formatRange } from '../../../server/src/core/languageService';
import { HEAD } from '../../helpers/features';
import { run, applyEdits } from '../../helpers/fixture';

describe('format', () => {
  const src = `${HEAD}on day 0\n  36260 dx A\n  15860 dx A\n\non day 14 pos 11\n  96522 dx A\n`;
  it('formatting is idempotent and leaves unreadable lines alone', () => {
    const messy = `claim "x"\npayer medicare\npos 11\ndx C78.7\non day 0\n   96522    dx   A\n  ???  what\nJ9200-KD   x2 dx A   # drug\n`;
    const { analysis } = run(messy);
    const once = applyEdits(messy, formatDocument(analysis).map((e) => ({ line: e.range.start.line, start: e.range.start.character, end: e.range.end.character, newText: e.newText })));
    assert.ok(once.includes('  ???  what'));
    const again = run(once).analysis;
    assert.deepEqual(formatDocument(again), []);
  });
  it('formatting writes keywords, values, payer and codes in their canonical spelling (issue 13)', () => {
    const messy = `CLAIM "x"\nPAYER MEDICARE\nState ga\nPos 11\nDX c78.7\nON 2026-03-02 POS 11\n  j9200-kd x2 DX a   # drug\n`;
    const { analysis } = run(messy);
    const once = applyEdits(messy, formatDocument(analysis).map((e) => ({ line: e.range.start.line, start: e.range.start.character, end: e.range.end.character, newText: e.newText })));
    assert.equal(once, `claim "x"\npayer medicare\nstate GA\npos 11\ndx C78.7\non 2026-03-02 pos 11\n  J9200-KD x2 dx A  # drug\n`);
    assert.deepEqual(run(once).analysis.findings.filter((f) => f.rule === 'spelling'), []);
  });
});

describe('range formatting (issue 25)', () => {
  it("formats only the selected lines, aligned with the whole claim; a selection ending at a line's start leaves that line", () => {
    const messy = `claim "x"\npayer medicare\npos 11\ndx C78.7\non day 0\n   96522    dx   A\n  J9200-KD   x2 dx A   # drug\n    A4216-KD dx A\n`;
    const { analysis } = run(messy);
    const all = formatDocument(analysis);
    const some = formatRange(analysis, { start: { line: 5, character: 0 }, end: { line: 7, character: 0 } });
    assert.deepEqual(some.map((e) => e.range.start.line), [5, 6]);
    assert.deepEqual(some, all.filter((e) => e.range.start.line === 5 || e.range.start.line === 6));
    assert.deepEqual(formatRange(analysis, { start: { line: 0, character: 0 }, end: { line: 2, character: 5 } }), all.filter((e) => e.range.start.line <= 2));
  });
});
