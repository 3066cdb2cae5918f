// Inlay hints: each service line's estimated allowable after reductions, or why it pays nothing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze } from '../../../server/src/core/analysis';
import { getInlayHints, hintLabel, resolveInlayHint } from '../../../server/src/core/features/inlayHints';
import { loadDefaultTables } from '../../../server/src/core/tables';

const label = (h: { label: string | unknown[] }) => (typeof h.label === 'string' ? h.label : '');

describe('inlay hints', () => {
  const text = readFileSync('examples/language-page-example.claim', 'utf8');
  const a = analyze(text, loadDefaultTables());
  const lines = text.split('\n');

  it('put the amount after reductions at the end of each service line, or denied with its check', () => {
    const hints = getInlayHints(a);
    const byLine = new Map(hints.map((h) => [h.position.line, label(h)]));
    const est = a.estimate()[0]!;
    const amounts = new Map(est.dates.flatMap((d) => d.lines).map((l) => [l.line, l.amount]));
    assert.equal(hints.length, amounts.size, 'one hint per service line');
    assert.equal(byLine.get(10), `$${amounts.get(10)!.toFixed(2)}`); // 36260, paid in full
    assert.equal(byLine.get(11), `$${amounts.get(11)!.toFixed(2)}, paid 50% (MPPR)`); // 15860, second procedure: the share paid
    assert.equal(byLine.get(12), 'denied (ncci-ptp)'); // 49000
    const codeEnd = (line: string) => line.replace(/#.*$/, '').trimEnd().length;
    for (const h of hints) assert.equal(h.position.character, codeEnd(lines[h.position.line]!), 'at the end of the code, before a comment');
    assert.equal(hints[1]!.tooltip, undefined, 'tooltips come with resolve');
    const resolved = resolveInlayHint(a, hints.find((h) => h.position.line === 11)!);
    assert.match(String((resolved.tooltip as { value: string }).value), /MPPR \(endnote a\)/);
    const denied = resolveInlayHint(a, hints.find((h) => h.position.line === 12)!);
    assert.match(String((denied.tooltip as { value: string }).value), /Denied by the `ncci-ptp` check/);
    // a line that is no longer a service line: unchanged
    const stale = { ...hints[0]!, data: { uri: '', line: 0 } };
    assert.equal(resolveInlayHint(a, stale), stale);
  });

  it('in a range: only the lines of the range (and only the claims it touches are priced)', () => {
    const hints = getInlayHints(a, { start: 11, end: 12 });
    assert.deepEqual(hints.map((h) => h.position.line), [11, 12]);
    assert.deepEqual(getInlayHints(a, { start: 0, end: 8 }), []);
  });

  it('a line without a price says so, never $0.00', () => {
    const b = analyze('claim "x"\npayer medicare\nstate GA\ndx C78.7\n\non 2026-03-16\n  96522  dx A\n', loadDefaultTables());
    assert.deepEqual(getInlayHints(b).map(label), ['not priced']);
  });

  it('a $0 that is the published allowable says so', () => {
    const b = analyze('claim "x"\npayer medicare\nstate GA\npos 11\ndx C78.7\n\non 2026-03-16\n  96522  dx A\n  J1644-KD  dx A\n', loadDefaultTables());
    const h = getInlayHints(b).find((x) => x.position.line === 8);
    assert.equal(h && label(h), '$0.00, published allowable $0');
  });

  it('names the -78 intra-operative share and units over a limit', () => {
    const line = { line: 3, code: '36261', modifiers: ['78'], units: 1, base: 400, amount: 280, status: 'reduced' as const, adjustments: [{ kind: 'intra-op' as const, amount: 120, reason: 'intra-op share' }] };
    assert.equal(hintLabel(line), '$280.00, -78 intra-op share');
    assert.equal(hintLabel({ ...line, modifiers: [], adjustments: [], amount: 400, status: 'reduced', deniedUnits: 2 }, 'mue'), '$400.00, 2 units denied (mue)');
  });

  it('none for a claim with no Medicare estimate, and none for an empty document', () => {
    const b = analyze('claim "x"\npayer aetna\nstate GA\npos 11\ndx C78.7\n\non 2026-03-16\n  96522  dx A\n', loadDefaultTables());
    assert.deepEqual(getInlayHints(b), []);
    assert.deepEqual(getInlayHints(analyze('', loadDefaultTables())), []);
  });

  it('sit at the end of the code, before a trailing comment (a laptop-wide window shows them)', () => {
    // the example's 49000 line carries a comment; 15860 gets trailing blanks
    const withComments = text.replace(/^(  15860.*?)\s*$/m, '$1   ');
    const b = analyze(withComments, loadDefaultTables());
    const bLines = withComments.split('\n');
    const denied = getInlayHints(b).find((h) => label(h) === 'denied (ncci-ptp)')!;
    const deniedLine = bLines[denied.position.line]!;
    assert.equal(deniedLine.slice(0, denied.position.character).trimEnd(), deniedLine.slice(0, deniedLine.indexOf('#')).trimEnd());
    assert.equal(deniedLine.slice(denied.position.character).trimStart()[0], '#', 'the comment comes after the hint');
    assert.equal(denied.paddingRight, true);
    const reduced = getInlayHints(b).find((h) => h.position.line === 11)!;
    assert.equal(reduced.position.character, bLines[11]!.trimEnd().length, 'trailing blanks stay after the hint');
    assert.equal(reduced.paddingRight, false);
  });

  it('haiClaims.inlayHints.lines = reductions: only lines paid less than in full', () => {
    const b = analyze(text, loadDefaultTables(), { settings: { ...a.settings, inlayHints: { enabled: true, lines: 'reductions' } } });
    const shown = getInlayHints(b).map((h) => h.position.line);
    assert.ok(!shown.includes(10), '36260, paid in full, has no hint');
    assert.ok(shown.includes(11) && shown.includes(12), 'the reduced and the denied line keep theirs');
  });
});
