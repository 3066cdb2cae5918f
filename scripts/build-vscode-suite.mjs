// Bundles the real-editor suite (test/vscode/suite/*.ts) into out/vscode-suite/, the folder the
// editor loads as extensionTestsPath (out/vscode-suite/index.js). `vscode` comes from the
// extension host; mocha is resolved from this clone's node_modules at run time.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const src = 'test/vscode/suite';
const outdir = 'out/vscode-suite';
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: readdirSync(src).filter((f) => f.endsWith('.ts')).map((f) => join(src, f)),
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
console.log(`built ${outdir}/index.js`);
