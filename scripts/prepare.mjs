// npm's `prepare`: builds dist/ when the build tools are installed (a clone after `npm ci`), and
// does nothing when they are not but the built command line is here. pre-commit installs a hook
// with `npm install` and `npm pack` in ways that leave out the dev dependencies (pre-commit 3.x
// passes --prod; npm runs prepare either way), and a release tag carries dist/cli.js
// (scripts/release.sh): there nothing needs building, and esbuild is not there to do it.
// Plain Node only: this script must run with no dependency installed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let esbuild = true;
try {
  createRequire(join(root, 'package.json')).resolve('esbuild');
} catch {
  esbuild = false;
}
if (esbuild) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
  process.exit(r.status ?? 1);
}
if (existsSync(join(root, 'dist', 'cli.js'))) {
  console.error('hai-claims prepare: dist/cli.js is already built (a release); nothing to build.');
  process.exit(0);
}
console.error(
  'hai-claims prepare: dist/cli.js is not built and the build tools (dev dependencies) are not installed.\n' +
    'In a clone, run `npm ci` (it installs them and builds). For pre-commit or the GitHub Action, use a\n' +
    'release tag (rev: v0.1.0), which carries the built command line.',
);
process.exit(1);
