// Issue 21: an ASP file never changes a price silently. A blank limit in the date's quarter means
// the contractor prices the drug (not priced, no fallback to the guide); NOC drugs are priced from
// the invoice (never $0.00 paid); rows or files that disagree, overlapping quarters, a zero or
// absurd limit are each a reported problem and leave the drug unpriced.
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis';
import { createTables } from '../../../server/src/core/tables';
import { loadGuideTables, loadReferenceTables } from '../../../server/src/core/tables/load';
import { loadAsp, type LoaderFile } from '../../../server/src/core/tables/loaders';

const asp = (name: string, rows: string, effective = 'April 1, 2026 through June 30, 2026'): LoaderFile => ({
  name,
  text: `"Payment allowance limits, effective ${effective}",,,\nHCPCS Code,Short Description,HCPCS Code Dosage,Payment Limit\n${rows}`,
});
const tablesOf = (...files: LoaderFile[]) => {
  const r = loadAsp(files);
  return { tables: createTables(loadGuideTables(), loadReferenceTables(), { asp: r.table }), problems: r.problems };
};
const claim = (lines: string, date = '2026-05-04', pos = '11') => ['claim "x"', 'payer medicare', 'state GA', `pos ${pos}`, 'dx C78.7', '', `on ${date}`, lines, ''].join('\n');
const lineOf = (t: ReturnType<typeof tablesOf>['tables'], text: string, code: string) => {
  const est = analyze(text, t).estimate()[0];
  return { line: est.dates[0].lines.find((l) => l.code === code)!, est };
};

describe('ASP: a blank limit, NOC drugs', () => {
  it('a blank limit in the quarter covering the date: not priced, left out of the total, no fallback to the guide', () => {
    const { tables } = tablesOf(asp('asp-2026q2.csv', 'J9200,Floxuridine,500 MG,\n'));
    const { line, est } = lineOf(tables, claim('  J9200-KD x2 dx A'), 'J9200');
    assert.equal(line.status, 'unpriced');
    assert.equal(line.amount, 0);
    assert.match(line.adjustments[0].reason, /blank payment limit for 2026Q2, so the contractor prices the drug/);
    assert.equal(est.total, 0);
    assert.equal(est.notEstimated, undefined);
    assert.match(est.notes.join('\n'), /1 line could not be priced/);
  });

  it('NOC drugs (J3490, J7999) are priced by the contractor from the invoice: never paid $0.00', () => {
    const { tables } = tablesOf(asp('asp-2026q2.csv', 'J9200,Floxuridine,500 MG,98.765\n'));
    for (const code of ['J3490', 'J7999']) {
      const { line } = lineOf(tables, claim(`  ${code} dx A`), code);
      assert.equal(line.status, 'unpriced', code);
      assert.match(line.adjustments[0].reason, /not-otherwise-classified drug code, which the contractor prices from the invoice/);
    }
    // Without any ASP file too: the guide's $0 is not a payment.
    const bare = createTables(loadGuideTables(), loadReferenceTables(), {});
    assert.equal(lineOf(bare, claim('  J3490 dx A'), 'J3490').line.status, 'unpriced');
  });
});

describe('ASP: conflicting rows and files, implausible limits', () => {
  it('two rows of one code that disagree: reported, the drug unpriced', () => {
    const { tables, problems } = tablesOf(asp('asp-2026q2.csv', 'J9200,Floxuridine,500 MG,98.765\nJ9200,Floxuridine,500 MG,198.765\n'));
    assert.equal(problems.length, 1);
    assert.match(problems[0].reason, /J9200 has two rows that disagree \(line 3 and line 4\)/);
    const { line } = lineOf(tables, claim('  J9200-KD x2 dx A'), 'J9200');
    assert.equal(line.status, 'unpriced');
    assert.match(line.adjustments[0].reason, /two rows that disagree/);
  });

  it('a repeated row that agrees is harmless', () => {
    const { tables, problems } = tablesOf(asp('asp-2026q2.csv', 'J9200,Floxuridine,500 MG,98.765\nJ9200,Floxuridine,500 MG,98.765\n'));
    assert.deepEqual(problems, []);
    // 98.765 x 2 = 197.53
    assert.equal(lineOf(tables, claim('  J9200-KD x2 dx A'), 'J9200').line.amount, 197.53);
  });

  it('two files for one quarter that disagree on a code: reported, that code unpriced, the others priced', () => {
    const { tables, problems } = tablesOf(asp('asp-2026q2.csv', 'J9200,Floxuridine,500 MG,98.765\nJ1644,Heparin,1000 UNITS,0.321\n'), asp('asp-2026q2-b.csv', 'J9200,Floxuridine,500 MG,99.000\n'));
    assert.equal(problems.length, 1);
    assert.match(problems[0].reason, /asp-2026q2\.csv and asp-2026q2-b\.csv both price 2026Q2 and disagree on J9200/);
    assert.equal(lineOf(tables, claim('  J9200-KD x2 dx A'), 'J9200').line.status, 'unpriced');
    // J1644: 0.321 x 5 = 1.605 -> 1.61
    assert.equal(lineOf(tables, claim('  J1644-KD x5 dx A'), 'J1644').line.amount, 1.61);
  });

  it('files whose quarters overlap in part: reported, and neither prices their dates', () => {
    const { tables, problems } = tablesOf(asp('asp-2026q2.csv', 'J9200,Floxuridine,500 MG,98.765\n'), asp('asp-odd.csv', 'J9200,Floxuridine,500 MG,98.765\n', 'May 1, 2026 through July 31, 2026'));
    assert.equal(problems.length, 1);
    assert.match(problems[0].reason, /overlaps asp-2026q2\.csv/);
    const { line } = lineOf(tables, claim('  J9200-KD x2 dx A'), 'J9200');
    assert.equal(line.status, 'unpriced');
    assert.match(line.adjustments[0].reason, /neither prices its dates/);
  });

  it('an ASP limit of 10^25 or of 0: reported, the drug unpriced (never $2e+25 or $0.00)', () => {
    for (const limit of ['10000000000000000000000000', '0.000']) {
      const { tables, problems } = tablesOf(asp('asp-2026q2.csv', `J9200,Floxuridine,500 MG,${limit}\n`));
      assert.equal(problems.length, 1, limit);
      const { line, est } = lineOf(tables, claim('  J9200-KD x2 dx A'), 'J9200');
      assert.equal(line.status, 'unpriced', limit);
      assert.equal(est.total, 0);
    }
  });
});
