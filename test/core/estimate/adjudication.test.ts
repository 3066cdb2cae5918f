// Issue 22 in the estimate: an add-on whose primary is denied, units that do not read, a
// nonparticipating provider (95% and the limiting charge), and Medicare Advantage claims.
import assert from 'node:assert/strict';
import type { MarkupContent } from 'vscode-languageserver-types';
import { estimateJson } from '../../../server/src/cli/estimate';
import { analyze } from '../../../server/src/core/analysis';
import { doHover } from '../../../server/src/core/languageService';
import { dateEstimateMarkdown } from '../../../server/src/core/features/describe';
import { lookupPayer } from '../../../server/src/core/payers';
import { parseSettings } from '../../../server/src/core/settings';
import { createTables, loadDefaultTables, type Tables } from '../../../server/src/core/tables';
import { loadAoc } from '../../../server/src/core/tables/loaders';
import { loadGuideTables, loadReferenceTables } from '../../../server/src/core/tables/load';
import { claim, medicare, run } from '../../helpers/billing';
import { AOC, localFixture } from '../../helpers/local-fixtures';

const rows = (src: string, tables?: Tables) =>
  analyze(src, tables ?? loadDefaultTables())
    .estimate()[0]
    .dates.flatMap((d) => d.lines)
    .map((l) => [l.code, l.amount, l.status] as const);

describe('estimate: an add-on whose primary is denied (issue 22)', () => {
  it("the guide's add-on 74301 is denied with its only primary 74300 (-GZ), and says which", () => {
    const src = medicare(claim`
      on 2026-03-02
        74300-26-GZ dx A
        74301-26 dx A
    `);
    const est = run(src).analysis.estimate()[0];
    const lines = est.dates[0].lines;
    assert.deepEqual(lines.map((l) => [l.code, l.amount, l.status]), [['74300', 0, 'denied'], ['74301', 0, 'denied']]);
    assert.match(lines[1].adjustments[0].reason, /^Denied: 74301 is an add-on code, paid only with a paid primary procedure .*its primary on this date, 74300 \(line 7\), is denied/);
    assert.equal(est.total, 0);
  });

  it("without the AOC file, another eligible primary that is paid keeps the guide's add-on paid", () => {
    const src = medicare(claim`
      on 2026-03-02
        47563 dx A
        74300-26-GZ dx A
        74301-26 dx A
    `);
    assert.deepEqual(rows(src), [['47563', 684, 'paid'], ['74300', 0, 'denied'], ['74301', 9, 'paid']]);
  });

  it('with the AOC file, a type 1 add-on follows its listed primary; a primary that is paid keeps the add-on paid', () => {
    const tables = createTables(loadGuideTables(), loadReferenceTables(), { addOn: loadAoc(localFixture(AOC)).table });
    const denied = medicare(claim`
      on 2026-05-04
        47563 dx A
        74300-26-GZ dx A
        74301-26 dx A
    `);
    assert.deepEqual(rows(denied, tables).map((r) => r[2]), ['paid', 'denied', 'denied']);
    const paid = medicare(claim`
      on 2026-05-04
        47563 dx A
        74300-26 dx A
        74301-26 dx A
    `);
    assert.deepEqual(rows(paid, tables).map((r) => r[2]), ['paid', 'paid', 'paid']);
  });
});

describe('estimate: units that do not read are not priced (issue 22)', () => {
  for (const units of ['x0', 'x2.5', 'x1000']) {
    it(`${units}: "not priced", never 1 unit, and the total says it leaves the line out`, () => {
      const src = medicare(`on 2026-06-08\n  96522 dx A\n  J9200-KD ${units} dx A\n`, { pos: '11' });
      const { analysis } = run(src);
      assert.ok(analysis.findings.some((f) => f.rule === 'syntax' && f.data.reason === 'bad-units'));
      const est = analysis.estimate()[0];
      const j = est.dates[0].lines[1];
      assert.equal(j.status, 'unpriced');
      assert.match(j.adjustments[0].reason, /^Not priced: the units on line 8 do not read/);
      assert.equal(est.total, 125);
      assert.ok(est.notes.some((n) => /1 line could not be priced/.test(n)));
    });
  }
});

describe('estimate: a nonparticipating provider (issue 22)', () => {
  const src = medicare(claim`
    on 2026-06-08
      99214-25 dx A
      96522 dx A
  `, { pos: '11' });

  it('participating (the default): the fee schedule amount', () => {
    assert.equal(run(src).analysis.estimate()[0].total, 136 + 125);
  });

  it('participating false: 95% of each line, the limiting charge 115% of that, both in the hover table', () => {
    const { settings, problems } = parseSettings({ participating: false });
    assert.deepEqual(problems, []);
    const est = analyze(src, loadDefaultTables(), { settings }).estimate()[0];
    const lines = est.dates[0].lines;
    // 136 x 0.95 = 129.20 (limiting 148.58); 125 x 0.95 = 118.75 (limiting 136.56).
    assert.deepEqual(lines.map((l) => [l.amount, l.limitingCharge]), [[129.2, 148.58], [118.75, 136.56]]);
    assert.equal(est.total, 247.95);
    assert.match(lines[0].adjustments.at(-1)!.reason, /Nonparticipating provider: Medicare allows 95% of the fee schedule amount \$136\.00, \$129\.20; the limiting charge .* is 115% of that, \$148\.58 \(Social Security Act section 1848\(a\)\(3\).*42 CFR 414\.48\(b\)/);
    assert.ok(est.notes.some((n) => /^Nonparticipating provider \(haiClaims\.participating is false\)/.test(n)));
    assert.match(dateEstimateMarkdown(est.dates[0]), /\$129\.20.*\$148\.58/);
  });

  it('a setting that is not a boolean is refused with its path, and the default stays', () => {
    const { settings, problems } = parseSettings({ participating: 'no' });
    assert.equal(settings.participating, true);
    assert.deepEqual(problems.map((p) => p.path), ['participating']);
  });
});

describe('Medicare Advantage (issue 22)', () => {
  it('payer Medicare Advantage is a known payer, not a syntax error: checked as Medicare, priced with a contract note', () => {
    const src = 'claim "T"\npayer Medicare Advantage\nstate GA\npos 21\ndx C78.7\non 2026-03-02\n  47562 dx A\n  47600 dx A\n';
    const a = analyze(src, loadDefaultTables());
    assert.deepEqual(a.findings.filter((f) => f.rule === 'syntax' || f.rule === 'unknown-payer'), []);
    assert.ok(a.findings.some((f) => f.rule === 'ncci-ptp'), 'billing checks run');
    const est = a.estimate()[0];
    assert.equal(est.notEstimated, undefined);
    assert.equal(est.total, 1010);
    assert.ok(est.notes.some((n) => /^Medicare Advantage: .*the plan pays what its contract with you says, not the fee schedule/.test(n)));
  });

  it('a plan named "... Medicare Advantage", MA and Part C are Medicare Advantage; medicare stays Medicare', () => {
    assert.equal(lookupPayer('Humana Medicare Advantage')?.payer.id, 'medicare advantage');
    assert.equal(lookupPayer('Humana Medicare Advantage')?.exact, true);
    assert.equal(lookupPayer('MA')?.payer.id, 'medicare advantage');
    assert.equal(lookupPayer('part  c')?.payer.id, 'medicare advantage');
    assert.equal(lookupPayer('medicare')?.payer.id, 'medicare');
    assert.equal(lookupPayer('aetna'), undefined);
  });

  it('a payer of several words the tables do not cover is unknown-payer and not estimated (never priced as Medicare)', () => {
    const a = analyze('claim "T"\npayer Blue Cross\npos 11\ndx C78.7\non 2026-03-02\n  99214 dx A\n', loadDefaultTables());
    assert.ok(a.findings.some((f) => f.rule === 'unknown-payer'));
    assert.ok(!a.findings.some((f) => f.rule === 'syntax'));
    assert.ok(a.estimate()[0].notEstimated);
  });
});

describe('a nonparticipating line in hover and the CLI (issue 22)', () => {
  const src = medicare('on 2026-06-08\n  965|22 dx A\n', { pos: '11' });

  it("the code's hover shows the allowed amount and the limiting charge; a participating provider's shows neither", () => {
    const { settings } = parseSettings({ participating: false });
    const { analysis, marked } = run(src, { settings });
    const h = doHover(analysis, marked.cursor!.line, marked.cursor!.character);
    assert.match((h!.contents as MarkupContent).value, /Nonparticipating provider:\*\* Medicare allows \$118\.75 \(95% of the fee schedule amount\); limiting charge \$136\.56 \(115% of that\)/);
    const par = run(src);
    const p = doHover(par.analysis, par.marked.cursor!.line, par.marked.cursor!.character);
    assert.doesNotMatch((p!.contents as MarkupContent).value, /Nonparticipating/);
  });

  it('estimate --format json carries limitingCharge only on a nonparticipating line', () => {
    const { settings } = parseSettings({ participating: false });
    const text = src.replace('|', '');
    const json = (s?: typeof settings) => estimateJson([{ file: 'a.claim', claims: analyze(text, loadDefaultTables(), { settings: s }).estimate() }])[0].dates[0].lines[0];
    assert.equal(json(settings).limitingCharge, 136.56);
    assert.equal('limitingCharge' in json(), false);
  });
});
