// `hai-claims import FILE.837 [-o DIR]` (issue 24): each claim of an 837P as a de-identified
// `.claim` template. The files written are listed on stdout; the reader's problems (with their
// segment) on stderr; nothing from the file but codes is printed.
import { resolve } from 'node:path';
import type { CliOptions } from './args';
import { toDiagnostic } from './diagnostics';
import { displayPath } from './files';
import { diagnosticLine } from './format-text';
import { PLAIN } from './color';
import { printable } from './printable';
import type { CliIO } from './run';
import { importX12File } from './x12';

export function runImport(options: CliOptions, io: CliIO): number {
  // `-o` is --output-file for the other commands; for import it names the folder, as --out-dir does.
  const outDir = resolve(io.cwd, options.outDir ?? options.outputFile ?? '.');
  let failed = false;
  for (const input of options.inputs) {
    const abs = resolve(io.cwd, input);
    const file = displayPath(abs, io.cwd);
    const result = importX12File(abs, outDir, (path) => {
      io.stderr.write(`hai-claims: ${printable(displayPath(path, io.cwd))} exists: not overwritten (it may be an edited template); move it or import to another folder with -o\n`);
      failed = true;
    });
    for (const p of result.problems) io.stderr.write(`${diagnosticLine(toDiagnostic(file, p), PLAIN)}\n`);
    if (result.error) {
      io.stderr.write(`hai-claims: ${printable(`${file}: ${result.error}`)}\n`);
      failed = true;
    }
    for (const w of result.written) io.stdout.write(`${printable(displayPath(w, io.cwd))}\n`);
    io.stderr.write(`hai-claims: ${printable(file)}: ${result.written.length} claim${result.written.length === 1 ? '' : 's'} imported\n`);
  }
  return failed ? 2 : 0;
}
