// The editor shows local, quarter-correct amounts (issue 16): the built server loads the GPCI,
// locality-to-county, PFS and ASP files named in the settings, then hover and the claim's code
// lens on the Fulton County claim show the locality's amounts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeLens, Hover } from 'vscode-languageserver-protocol';
import { ensureBuilt } from '../helpers/build';
import { LOCAL_DIR } from '../helpers/local-fixtures';
import { TestClient } from '../helpers/lsp-client';

const URI = 'file:///work/fulton.claim';

describe('language server: locality pricing and ASP quarters', function () {
  let client: TestClient | undefined;
  before(() => ensureBuilt());
  afterEach(() => {
    if (client && client.proc.exitCode === null) client.kill();
    client = undefined;
  });

  it('loads the files from the settings; hover and the claim lens show the local amounts', async () => {
    const file = (n: string) => join(LOCAL_DIR, n);
    const settings = {
      data: {
        pfsRvu: [file('PPRRVU2026_Apr_local.csv')],
        gpci: [file('GPCI2026.csv')],
        localities: [file('26LOCCO.csv')],
        asp: [file('asp-2026q1.csv'), file('asp-2026q2.csv')],
      },
    };
    client = new TestClient({ settings });
    await client.initialize();
    const text = readFileSync(file('fulton.claim'), 'utf8');
    // Before the files load the county cannot be resolved (information); after, no such finding.
    const loaded = client.waitForDiagnostics(URI, (p) => !p.diagnostics.some((d) => d.code === 'unknown-county' || d.code === 'unknown-locality'));
    await client.open(URI, text);
    await loaded;
    const line = text.split('\n').findIndex((l) => l.trim().startsWith('96522'));
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position: { line, character: 3 } });
    const value = (hover?.contents as { value: string }).value;
    assert.match(value, /\| per unit \| \$125\.00 \| \*\*\$124\.90\*\* \|/);
    assert.match(value, /ATLANTA, GA \(MAC 10212, locality 01\)/);
    const drug = text.split('\n').findIndex((l) => l.trim().startsWith('J9200'));
    const drugHover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position: { line: drug, character: 3 } });
    assert.match((drugHover?.contents as { value: string }).value, /ASP 2026Q2/);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: URI } });
    assert.equal(lenses[0].command?.title, 'Claim estimate $419.09 · ATLANTA, GA (MAC 10212, locality 01)');
    await client.shutdown();
  });
});
