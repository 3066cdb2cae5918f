#!/usr/bin/env node
// Runs the real-editor suite (out/vscode-suite, built by scripts/build-vscode-suite.mjs) through
// @vscode/test-electron: downloads a VS Code build into .vscode-test/ and starts it with this
// clone as the extension under development. Needs the VS Code download site; where it cannot be
// reached (as on the project's own machines), use `npm run test:editor`, which runs the same
// suite in code-server.
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const workspace = mkdtempSync(join(tmpdir(), 'hai-claims-ws-'));
cpSync(join(root, 'test', 'fixtures', 'vscode-workspace'), workspace, { recursive: true });

try {
  await runTests({
    version: process.env.VSCODE_TEST_VERSION ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'vscode-suite', 'index'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    extensionTestsEnv: { HAI_VSCODE_TEST_LOG: join(workspace, '.vscode-test-output', 'suite.log') },
  });
} catch (err) {
  console.error(`test:vscode failed: ${err instanceof Error ? err.message : String(err)}`);
  console.error('If VS Code could not be downloaded here, run `npm run test:editor` (the same suite in code-server).');
  process.exit(1);
}
