// `hai-claims`: the command line over the pure core. Everything but process wiring is in cli/.
import { version } from '../../package.json';
import { run } from './cli/run';

// A closed pipe (`hai-claims check . | head`) is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

void run(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr }, version).then((code) => {
  process.exitCode = code;
});
