// The README's main job (`npm run main`): runs the built command line over examples/ and shows a
// new user what it finds and what it estimates. The examples named *-problems are meant to have
// findings and the others to be clean; the job fails only when that is not so.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.js');
const say = (line = '') => process.stdout.write(`${line}\n`);

function hai(args, capture = false) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8' });
  if (r.error) throw r.error;
  return r;
}

say('HAI Claims: checking and pricing the example claim files');
say('=========================================================');
say('examples/ holds a claim file for each HAI treatment phase: patient evaluation (1), surgical');
say('preparation (2), pump implantation (3), revision or removal after the implant (4) and HAI');
say('therapy refills (5). The files named *-problems contain billing mistakes on purpose.');
say();
say('$ hai-claims check examples/');
say();
const check = hai(['check', 'examples/']);
say();
say(`(exit code ${check.status}: 0 = clean, 1 = an error-level finding, 2 = a file or option could not be used)`);
say();
say('$ hai-claims estimate examples/');
say();
const estimate = hai(['estimate', 'examples/']);
say();

// The expectations: clean examples have no findings, problem examples have some.
const json = hai(['check', 'examples/', '--format', 'json'], true);
let findings;
try {
  findings = JSON.parse(json.stdout);
} catch {
  say('The JSON output could not be read.');
  process.exit(1);
}
const byFile = new Map();
for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f.code]);
const files = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.claim')).sort();
say('Per file (finding codes):');
const wrong = [];
const width = Math.max(...files.map((f) => f.length)) + 'examples/'.length;
for (const name of files) {
  const file = `examples/${name}`;
  const codes = byFile.get(file) ?? [];
  const expectProblems = name.includes('-problems') || name === 'language-page-example.claim';
  if (expectProblems !== codes.length > 0) wrong.push(file);
  say(`  ${file.padEnd(width)} ${codes.length ? [...new Set(codes)].join(', ') : 'clean'}`);
}
say();
if (check.status === 2 || estimate.status !== 0 || json.status === 2) {
  say('The command line reported a problem with its inputs (see above).');
  process.exit(1);
}
if (wrong.length) {
  say(`Unexpected result for ${wrong.join(', ')}: clean examples must have no findings, *-problems examples must have some.`);
  process.exit(1);
}
say('Every clean example is clean and every example with problems was caught.');
