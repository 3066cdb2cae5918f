// One CSV writer for the estimate (issue 25, issue 26): the command line's `estimate --format csv`
// and the extension's Copy as CSV write the same columns through the same cells, and a cell a
// spreadsheet would run as a formula is written as text (OWASP, CSV Injection).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSV_HEADER as CLIENT_HEADER, estimateCsv as clientCsv } from '../../client/src/estimateTable';
import { CSV_HEADER as CLI_HEADER, estimateCsv as cliCsv } from '../../server/src/cli/estimate';
import { analyze } from '../../server/src/core/analysis';
import { loadDefaultTables } from '../../server/src/core/tables';
import { csvCell, ESTIMATE_CSV_HEADER } from '../../server/src/estimate-csv';
import { runCli } from '../helpers/cli-in-process';

const CLAIM = ['claim "Refill"', 'payer medicare', 'state GA', 'pos 11', 'dx C78.7', '', 'on 2026-03-30', '  96522 dx A', '  J9200 dx A x2', '  99214-JANEDOE dx A', ''].join('\n');

describe('estimate CSV: one writer for the CLI and Copy as CSV', () => {
  it('the CLI and the extension write one column layout, byte for byte the same for the same estimate', async () => {
    assert.deepEqual([...CLIENT_HEADER], [...ESTIMATE_CSV_HEADER]);
    assert.deepEqual([...CLI_HEADER], [...ESTIMATE_CSV_HEADER]);
    const claims = analyze(CLAIM, loadDefaultTables()).estimate();
    assert.equal(clientCsv([{ file: 'a.claim', claims }]), cliCsv([{ file: 'a.claim', claims }]));
    const dir = mkdtempSync(join(tmpdir(), 'hai-csv-'));
    try {
      writeFileSync(join(dir, 'a.claim'), CLAIM);
      const r = await runCli(['estimate', '--no-config', '--format', 'csv', 'a.claim'], dir);
      assert.equal(r.stdout, clientCsv([{ file: 'a.claim', claims }]));
      // A word typed where a modifier goes is shown as invalid, never echoed (issue 26).
      assert.doesNotMatch(r.stdout, /JANEDOE/);
      assert.match(r.stdout, /,99214,invalid,/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('neutralises =, +, -, @, tab and CR at the start of a text cell; numbers stay numbers', () => {
    for (const bad of ['=HYPERLINK("x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      const cell = csvCell(bad);
      assert.ok(cell.startsWith(`"'`), `${JSON.stringify(bad)} -> ${cell}`);
    }
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell(-12.5), '-12.50');
    assert.equal(csvCell(0), '0.00');
  });
});
