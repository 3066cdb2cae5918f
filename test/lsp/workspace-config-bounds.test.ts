// The workspace's .haiclaims.json is read in `initialize`, before trust applies (issue 26): a link
// to /dev/zero kept the real server from ever answering, a FIFO hung it, and 20,000 nested [ kept
// it from starting. Each now answers initialize and says why the file was not used.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt } from '../helpers/build';
import { TestClient } from '../helpers/lsp-client';

describe('language server: a hostile workspace .haiclaims.json (issue 26)', function () {
  this.timeout(60_000);
  let dir: string;
  let client: TestClient | undefined;
  before(() => ensureBuilt());
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hai-wsl-'))));
  afterEach(async () => {
    if (client && client.proc.exitCode === null) await client.shutdown();
    client = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [kind, make, said] of [
    ['a link to /dev/zero', (p: string) => symlinkSync('/dev/zero', p), /not read \(skipped: it is a character device/],
    ['a FIFO', (p: string) => execFileSync('mkfifo', [p]), /not read \(skipped: it is a FIFO/],
    ['20,000 nested [', (p: string) => writeFileSync(p, '['.repeat(20_000)), /nested more than 64 levels deep/],
  ] as const) {
    it(`${kind}: initialize is answered and the file is not used, with the reason`, async () => {
      make(join(dir, '.haiclaims.json'));
      client = new TestClient({ rootUri: pathToFileURL(dir).href });
      const result = await client.initialize();
      assert.ok(result.capabilities.hoverProvider);
      assert.match(await client.waitForShown((m) => /\.haiclaims\.json/.test(m)), said);
    });
  }
});
