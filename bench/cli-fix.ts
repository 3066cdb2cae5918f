// `hai-claims check --fix` on one large file (issue 26: 1 MB took 25 s and 4.9 MB did not finish in
// 600 s, the fixes being applied one slice at a time). The file is generated claims with a fixable
// line in every tenth (a keyword or code in the wrong case, blanks out of line), 1 MB and 5 MB
// (under the default maxFileBytes); each run fixes a fresh copy. `npm run bench -- --only fix`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateClaims, renderClaims } from './generate';

export interface FixSample {
  values: number[];
}

/** A claim text of about `bytes` bytes, every tenth line made fixable. */
export function messyClaims(bytes: number): string {
  const base = renderClaims(generateClaims(2_000, 77)).text.split('\n');
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    let l = base[i % base.length];
    if (i % 10 === 3) l = l.replace(/^payer /, 'PAYER ').replace(/^(\s+)([A-Z]\d{4})/, (_m, s: string, c: string) => `${s}${c.toLowerCase()}`).replace(/ dx /, '    dx ');
    lines.push(l);
    size += l.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

/** Milliseconds per `check --fix` run on a fresh `bytes`-byte file. */
export function cliFix(cli: string, outDir: string, bytes: number, runs: number): FixSample | undefined {
  if (!existsSync(cli)) return undefined;
  const dir = path.join(outDir, 'cli-fix');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const text = messyClaims(bytes);
  const file = path.join(dir, 'big.claim');
  const values: number[] = [];
  for (let i = 0; i < runs; i++) {
    writeFileSync(file, text);
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [cli, 'check', '--fix', file, '--fail-on', 'none', '--no-color'], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
    values.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`CLI check --fix exited ${r.status}: ${r.stderr.slice(0, 500)}`);
    if (!/^Fixed \d+ problems? in 1 file/m.test(r.stdout)) throw new Error('CLI check --fix fixed nothing');
  }
  return { values };
}
