// `hai-claims`: the command line over the pure core. Everything but process wiring is in cli/.
import { version } from '../../package.json';
import { outputFailure } from './cli/read';
import { EXIT_USAGE, run } from './cli/run';

// A closed pipe (`hai-claims check . | head`) is not an error worth a stack trace. Any other
// failure to write the output (`> /dev/full`: ENOSPC) is an IO error: one clear line, exit code 2
// (exit code 1 only ever means findings).
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`hai-claims: ${outputFailure(err.code)}\n`);
  process.exit(EXIT_USAGE);
});
// A report that cannot be written to stderr cannot be reported either: end as an IO error.
process.stderr.on('error', () => process.exit(EXIT_USAGE));

void run(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr }, version).then((code) => {
  process.exitCode = code;
});
