// Runs the BUILT command line (dist/cli.js) as a child process, the way a user or CI does.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ensureBuilt } from './build';

export const ROOT = resolve(__dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'cli');

/** Builds dist/ (node scripts/build.mjs) once per test run, shared with the other suites. */
export function buildCli(): void {
  ensureBuilt();
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The parent's environment without colour switches, so each test decides them. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  return { ...env, ...extra };
}

export function hai(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: cleanEnv(opts.env),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const fixture = (name: string): string => `test/fixtures/cli/${name}`;

/**
 * The text report without its trailing list of checks that did not run for lack of data (issue 13
 * added it after the summary line; tests of other things compare the report without it).
 */
export function withoutNotRun(stdout: string): string {
  const at = stdout.indexOf('\nNot run for lack of data');
  return at < 0 ? stdout : stdout.slice(0, at + 1);
}

/** stderr without the `note: not run: ...` lines that --format json writes (issue 13). */
export function withoutNotRunNotes(stderr: string): string {
  return stderr.split(/(?<=\n)/).filter((l) => !l.startsWith('hai-claims: note: not run: ')).join('');
}
