// The language page's example yields exactly the diagnostics its comments promise.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze } from '../../server/src/core/analysis';
import { loadDefaultTables } from '../../server/src/core/tables';

describe('the language page example', () => {
  const text = readFileSync('examples/language-page-example.claim', 'utf8');
  const analysis = analyze(text, loadDefaultTables());

  it('reports only the NCCI edit on 49000, naming 36260', () => {
    assert.deepEqual(
      analysis.findings.map((f) => [f.rule, f.line, f.start, f.end, f.severity]),
      [['ncci-ptp', 12, 2, 7, 'error']],
    );
    const [f] = analysis.findings;
    assert.equal(f.data.other, '36260');
    assert.equal(f.related?.[0].line, 10);
  });

  it('estimates the implant day with MPPR and the 49000 denial', () => {
    const [claim] = analysis.estimate();
    assert.equal(claim.dates[0].total, 633 + 93 / 2 + 0 + 65 + 27);
    assert.equal(claim.dates[1].total, 125 + 2 * 4128);
    assert.equal(claim.total, 771.5 + 8381);
  });
});
