// The GitHub Action's entry point (action.yml: `using: node24`). It runs on the Node the runner
// brings for actions, so the job's own Node (setup-node, or none) is left as it is, and it installs
// nothing: it runs the command line a release tag carries (dist/cli.js, scripts/release.sh).
// Inputs arrive as INPUT_<NAME> variables; each is passed as one argument, never through a shell.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const input = (name) => (process.env[`INPUT_${name.toUpperCase()}`] || '').trim();
const cli = join(__dirname, '..', 'dist', 'cli.js');
if (!existsSync(cli)) {
  console.log('::error title=hai-claims::This version of the action has no built command line (dist/cli.js). Use a release tag, e.g. uses: hai-claims/hai-claims@v0.1.0, which carries it.');
  process.exit(2);
}
const files = input('files').split(/\s+/).filter(Boolean);
const args = ['check', '--format', input('format') || 'github', '--fail-on', input('fail-on') || 'error'];
if (input('config')) args.push('--config', input('config'));
if (input('output-file')) args.push('--output-file', input('output-file'));
args.push('--', ...(files.length ? files : ['.']));
const run = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' });
process.exit(run.status === null ? 2 : run.status);
