// National data files named in the settings are loaded once the server starts, whether the
// client gives the settings in initializationOptions, by workspace/configuration, or both (both
// used to load nothing: the pulled settings equalled the initial ones, so nothing had "changed").
import assert from 'node:assert/strict';
import { ensureBuilt } from '../helpers/build';
import { TestClient } from '../helpers/lsp-client';

describe('language server: national data settings', function () {
  let client: TestClient | undefined;
  before(() => ensureBuilt());
  afterEach(() => {
    // A failed wait leaves the server running; end it so the run can finish.
    if (client && client.proc.exitCode === null) client.kill();
    client = undefined;
  });

  for (const how of ['initializationOptions and workspace/configuration', 'workspace/configuration only'] as const) {
    it(`tries to load the files named in ${how}`, async () => {
      const settings = { data: { icd10cm: ['/nonexistent/hai-claims-test/icd10cm_order_2026.txt'] } };
      client = new TestClient({ settings, initializationOptions: how.startsWith('init') ? { haiClaims: settings } : undefined });
      await client.initialize();
      // The file does not exist (or this build cannot load national files): either way the user is told.
      const message = await client.waitForShown((m) => m.includes('national data files'));
      assert.match(message, /HAI Claims could not use part of the national data files/);
      await client.shutdown();
    });
  }
});
