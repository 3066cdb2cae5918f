// Builds the bundles once per test run, so a single spec can be run on its own and still test
// the code as it is now (npm test also builds before mocha).
import { execFileSync } from 'node:child_process';
import path from 'node:path';

let built = false;
export function ensureBuilt(): void {
  if (built || process.env.HAI_SKIP_BUILD) return;
  execFileSync(process.execPath, [path.resolve(__dirname, '../../scripts/build.mjs')], { stdio: 'inherit', cwd: path.resolve(__dirname, '../..') });
  built = true;
}
