// Issue 13: the server says which checks cannot run for lack of data (haiClaims/skippedChecks),
// from the same core function as the CLI's summary.
import assert from 'node:assert/strict';
import { ensureBuilt } from '../helpers/build';
import { TestClient } from '../helpers/lsp-client';

describe('language server: checks not run for lack of data', function () {
  let client: TestClient | undefined;
  before(() => ensureBuilt());
  afterEach(() => {
    if (client && client.proc.exitCode === null) client.kill();
    client = undefined;
  });

  it('lists every check whose data file is not loaded, and leaves out a check the settings turn off', async () => {
    client = new TestClient();
    await client.initialize();
    const all = await client.request<{ checks: { check: string; data: string; reason: string }[] }>('haiClaims/skippedChecks', null);
    assert.deepEqual(all.checks.map((c) => c.check), ['ncci-ptp', 'mue', 'pfs-rvu', 'addon-aoc', 'icd10']);
    assert.match(all.checks[1].reason, /^no data\.mue file/);
    await client.shutdown();

    // Settings given at initialize (no configuration pull): applied before any request.
    client = new TestClient({ configuration: false, initializationOptions: { haiClaims: { rules: { mue: 'off' } } } });
    await client.initialize();
    const some = await client.request<{ checks: { check: string }[] }>('haiClaims/skippedChecks', null);
    assert.deepEqual(some.checks.map((c) => c.check), ['ncci-ptp', 'pfs-rvu', 'addon-aoc', 'icd10']);
    await client.shutdown();
  });
});
