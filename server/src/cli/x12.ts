// X12 837P files on the command line (issue 24): `check` and `estimate` read them in chunks (a
// 100 MB interchange in bounded memory: one chunk and one claim at a time) through the core's
// X12Stream, and `import` writes each claim as a de-identified `.claim`. Nothing from the file is
// printed but codes; the positions are the X12 file's (segment number, line, column).
import { closeSync, constants, fstatSync, mkdirSync, openSync, readSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { getLanguageService, type ClaimEstimate, type Settings, type SuppressedFinding, type Tables, type X12Claim, type X12Finding } from '../core/languageService';
import { reason } from './national';

const ls = getLanguageService();

/** The extensions an 837 is saved under; any other file is an 837 when its text starts with ISA. */
export const X12_EXTENSIONS = ['.837', '.x12', '.edi'];
const CHUNK = 1 << 20;

export interface X12Checked {
  findings: X12Finding[];
  suppressed: (SuppressedFinding & { x12: X12Finding['x12'] })[];
  internalErrors: string[];
  estimates?: ClaimEstimate[];
}

/** Reads a regular file in chunks (never whole); `onChunk` gets UTF-8 text. Returns the error, if any. */
export function streamFile(abs: string, onChunk: (text: string) => void, first?: number): string | undefined {
  let fd: number;
  try {
    fd = openSync(abs, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return `cannot read: ${reason(e)}`;
  }
  try {
    const s = fstatSync(fd);
    if (!s.isFile()) return 'skipped: it is not a regular file';
    const limit = Math.min(s.size, first ?? s.size);
    const buf = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(1, limit)));
    const decoder = new StringDecoder('utf8');
    // Up to the size fstat gave: a file that grows while it is read is still bounded.
    for (let read = 0; read < limit; ) {
      const got = readSync(fd, buf, 0, Math.min(buf.length, limit - read), null);
      if (got === 0) break;
      read += got;
      onChunk(decoder.write(buf.subarray(0, got)));
    }
    onChunk(decoder.end());
    return undefined;
  } catch (e) {
    return `cannot read: ${reason(e)}`;
  } finally {
    closeSync(fd);
  }
}

/** The chunks without a leading byte-order mark (VS Code drops it too, so columns match the editor's). */
function withoutBom(push: (text: string) => void): (text: string) => void {
  let first = true;
  return (text) => {
    if (first && text.length) {
      first = false;
      push(text.startsWith('\uFEFF') ? text.slice(1) : text);
    } else push(text);
  };
}

/** Whether the CLI reads this file as an 837: by its extension, or a text that starts with ISA. */
export function isX12File(abs: string): boolean {
  const ext = extname(abs).toLowerCase();
  if (X12_EXTENSIONS.includes(ext)) return true;
  if (ext === '.claim') return false;
  let head = '';
  streamFile(abs, (t) => (head += t), 64);
  return ls.looksLikeX12(head);
}

/** Reads an 837 file in chunks, each claim through every check (and the estimate when asked). */
export function checkX12File(abs: string, tables: Tables, settings: Settings, withEstimate: boolean): X12Checked | { error: string } {
  const out: X12Checked = { findings: [], suppressed: [], internalErrors: [], estimates: withEstimate ? [] : undefined };
  const stream = ls.x12Stream(
    (claim) => {
      const result = ls.checkX12Claim(claim, tables, settings);
      out.findings.push(...result.findings); // spread-ok: one claim's findings
      out.suppressed.push(...result.suppressed); // spread-ok: one claim's findings
      out.internalErrors.push(...result.internalErrors); // spread-ok: one claim's rules
      const e = withEstimate ? result.estimate() : undefined;
      if (e) out.estimates!.push(e);
    },
    (p) => out.findings.push(ls.x12ProblemFinding(p)),
  );
  const error = streamFile(abs, withoutBom((t) => stream.push(t)));
  if (error) return { error };
  stream.end();
  out.findings.sort((a, b) => a.line - b.line || a.start - b.start);
  return out;
}

export interface Imported {
  written: string[];
  problems: X12Finding[];
  error?: string;
}

/** The `.claim` file name of a claim: its interchange control number and its ordinal in it. */
export function importName(claim: X12Claim): string {
  return `${claim.interchange || 'interchange'}-${String(claim.ordinal).padStart(3, '0')}.claim`;
}

/**
 * `import`: one de-identified `.claim` per claim in `outDir`. A file that exists is never
 * overwritten (it may be a template a coder has edited): the claim is skipped and said.
 */
export function importX12File(abs: string, outDir: string, onSkip: (name: string) => void): Imported {
  const result: Imported = { written: [], problems: [] };
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (e) {
    return { ...result, error: `cannot create ${outDir}: ${reason(e)}` };
  }
  const used = new Set<string>();
  let writeError: string | undefined;
  const stream = ls.x12Stream(
    (claim) => {
      if (writeError) return;
      let name = importName(claim);
      // Two interchanges with one control number: the file's claim number keeps them apart.
      if (used.has(name)) name = name.replace(/\.claim$/, `-${claim.fileOrdinal}.claim`);
      used.add(name);
      const path = join(outDir, name);
      try {
        writeFileSync(path, ls.x12ClaimFile(claim).text, { encoding: 'utf8', flag: 'wx' });
        result.written.push(path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') onSkip(path);
        else writeError = `cannot write ${path}: ${reason(e)}`;
      }
    },
    (p) => result.problems.push(ls.x12ProblemFinding(p)),
  );
  const error = streamFile(abs, withoutBom((t) => stream.push(t)));
  if (!error) stream.end();
  return { ...result, error: error ?? writeError };
}
