// Bundles the extension client and the language server (and the CLI) into dist/.
import { build } from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: true,
  minify: process.argv.includes('--minify'),
  logLevel: 'warning',
  // jsonc-parser's UMD build (its "main") requires its parts at run time, which a bundle cannot
  // resolve; its ESM build bundles like any other module.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
};
// ESM dependencies (tinyglobby's fdir) call createRequire(import.meta.url), which a CommonJS
// bundle leaves undefined: give them the bundle's own URL (esbuild's documented inject pattern).
const importMetaUrl = { define: { 'import.meta.url': 'import_meta_url' }, inject: ['scripts/import-meta-url.js'] };

// The .vsix ships these bundles without their source maps (.vscodeignore): a packaged (--minify)
// build writes none, so no shipped bundle names a map that is not there. The CLI keeps its map:
// the npm package and the release tag ship dist/cli.js.map.
const vsixMaps = common.minify ? { sourcemap: false } : {};
const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], ...vsixMaps },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', ...vsixMaps },
  // The server's check worker for huge documents (server/src/handlers/worker-checks.ts starts it).
  { entryPoints: ['server/src/check-worker.ts'], outfile: 'dist/check-worker.js', ...vsixMaps },
];
const cli = 'server/src/cli.ts';
import { chmodSync, existsSync } from 'node:fs';
if (existsSync(cli)) entries.push({ entryPoints: [cli], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, ...importMetaUrl });

await Promise.all(entries.filter((e) => existsSync(e.entryPoints[0])).map((e) => build({ ...common, ...e })));
// The bin must be executable for `npx hai-claims` in the repository; esbuild writes files 0644.
if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
if (watch) console.log('watch mode is not supported; run npm run build again');
