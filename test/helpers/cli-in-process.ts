// Runs the CLI's flow in this process (cli/run.ts with an io object): the output, the exit code,
// and standard input given as a string (bounded as the real one is).
import { run } from '../../server/src/cli/run';

export async function runCli(args: string[], cwd: string, stdin?: string): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await run(
    args,
    {
      cwd,
      env: {},
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      readStdin: stdin === undefined ? undefined : (max) => (Buffer.byteLength(stdin) > max ? { tooLarge: Buffer.byteLength(stdin) } : { text: stdin }),
    },
    'test',
  );
  return { status, stdout, stderr };
}
