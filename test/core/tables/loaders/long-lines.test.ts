// Data files with no line breaks, or very long lines: the splitters stay linear in the text (no
// re-scan of a growing line, no re-copy of it per chunk) and reject a line over MAX_LINE_CHARS
// with file, line and reason, reading nothing more of that file. Linearity is shown by the work
// done (characters the splitters search or copy), not by time.
import assert from 'node:assert/strict';
import {
  CsvSplitter,
  Icd10Builder,
  LineSplitter,
  MAX_LINE_CHARS,
  MueBuilder,
  PtpBuilder,
  RvuBuilder,
  type TableBuilder,
} from '../../../../server/src/core/tables/loaders';
import { fixture, PTP_F1 } from '../../../helpers/cms-fixtures';

interface Work {
  /** Characters of the strings searched by indexOf (from the start position on), or copied by slice/join. */
  chars: number;
  /** The longest string searched or sliced: a splitter that re-scans a growing line shows it here. */
  longest: number;
}

/** Runs `fn` counting the characters string methods search or copy. */
function measure(fn: () => void): Work {
  const proto = String.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const arrays = Array.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const saved = { indexOf: proto.indexOf, slice: proto.slice, join: arrays.join };
  const work: Work = { chars: 0, longest: 0 };
  proto.indexOf = function (this: string, search: unknown, from?: unknown) {
    const at = saved.indexOf.call(this, search, from) as number;
    // What a search reads: up to the match, or to the end of the string.
    work.chars += Math.max(0, (at >= 0 ? at + 1 : this.length) - (Number(from) || 0));
    work.longest = Math.max(work.longest, this.length);
    return at;
  };
  proto.slice = function (this: string, ...args: unknown[]) {
    const r = saved.slice.apply(this, args) as string;
    work.chars += r.length;
    work.longest = Math.max(work.longest, this.length);
    return r;
  };
  arrays.join = function (this: unknown[], ...args: unknown[]) {
    const r = saved.join.apply(this, args) as string;
    work.chars += r.length;
    return r;
  };
  try {
    fn();
  } finally {
    proto.indexOf = saved.indexOf;
    proto.slice = saved.slice;
    arrays.join = saved.join;
  }
  return work;
}

const MB = 1 << 20;

/** Feeds `total` characters of `fill` (no line break) after `head` in chunks of `chunk`. */
function feedNoBreaks(b: TableBuilder<{ size: number }>, head: string, total: number, chunk: number, fill = '\0') {
  const piece = fill.repeat(chunk);
  b.beginFile('sparse.dat', total);
  if (head) b.push(head);
  for (let fed = 0; fed < total; fed += chunk) b.push(piece);
  b.endFile();
  return b.finish();
}

describe('data files with no line breaks or very long lines', () => {
  const ptpHeader = `${fixture(PTP_F1).text.split('\r\n').slice(0, 6).join('\r\n')}\r\n`;
  const makers: [string, () => TableBuilder<{ size: number }>, string, number][] = [
    ['ptp', () => new PtpBuilder(), '', 1],
    ['ptp after its header', () => new PtpBuilder(), ptpHeader, 7],
    ['mue', () => new MueBuilder(), '', 1],
    ['rvu', () => new RvuBuilder(), '', 1],
    ['icd10', () => new Icd10Builder(), '', 1],
  ];

  for (const [name, make, head, line] of makers) {
    it(`${name}: 4 MB without a line break is rejected at its line, with linear work`, () => {
      for (const chunk of [256 * 1024, 4096]) {
        let r: ReturnType<typeof feedNoBreaks> | undefined;
        const work = measure(() => {
          r = feedNoBreaks(make(), head, 4 * MB, chunk);
        });
        assert.equal(r!.table.size, 0);
        const long = r!.problems.filter((p) => /longer than 65,536 characters/.test(p.reason));
        assert.deepEqual(long.map((p) => [p.file, p.line]), [['sparse.dat', line]], `${name}, chunks of ${chunk}`);
        assert.match(long[0].reason, /not a CMS file in the expected layout; the file was not read further/);
        // Reading stops at the limit: about the limit's worth of work, not the 4 MB (let alone 4 MB per chunk).
        assert.ok(work.chars < 4 * MAX_LINE_CHARS + 2 * chunk + 4 * head.length, `${name}, chunks of ${chunk}: ${work.chars} characters of work`);
        assert.ok(work.longest <= MAX_LINE_CHARS + chunk + head.length + 2, `${name}: a string of ${work.longest} characters was searched`);
      }
    });
  }

  it('reads long lines under the limit in small chunks with work linear in the text', () => {
    const lines = Array.from({ length: 64 }, (_, i) => String.fromCharCode(65 + (i % 26)).repeat(MAX_LINE_CHARS - 1 - i));
    const text = `${lines.join('\r\n')}\r\n`;
    for (const chunk of [1000, 65_537, 300_000]) {
      const got: string[] = [];
      const split = new LineSplitter((t, s, e, no) => {
        assert.equal(no, got.length + 1);
        got.push(t.slice(s, e));
      });
      const chunks: string[] = [];
      for (let at = 0; at < text.length; at += chunk) chunks.push(text.slice(at, at + chunk));
      const work = measure(() => {
        for (const c of chunks) split.push(c);
        split.end();
      });
      assert.equal(got.length, lines.length, `chunks of ${chunk}`);
      assert.ok(got.every((l, i) => l === lines[i]));
      // Each character searched, copied into a piece, joined and sliced a bounded number of times.
      assert.ok(work.chars < 8 * text.length, `chunks of ${chunk}: ${work.chars} characters of work for ${text.length}`);
      assert.ok(work.longest <= Math.max(chunk, MAX_LINE_CHARS) + 2, `chunks of ${chunk}: ${work.longest}`);
    }
  });

  it('takes a line of exactly the limit and rejects one over it, whatever the chunks (CRLF too)', () => {
    for (const eol of ['\n', '\r\n']) {
      for (const [len, ok] of [
        [MAX_LINE_CHARS, true],
        [MAX_LINE_CHARS + 1, false],
      ] as const) {
        const text = `a${eol}${'x'.repeat(len)}${eol}b${eol}`;
        for (const chunk of [1, 4096, MAX_LINE_CHARS, MAX_LINE_CHARS + 2, text.length]) {
          const seen: number[] = [];
          let error: unknown;
          const split = new LineSplitter((t, s, e) => seen.push(e - s));
          try {
            for (let at = 0; at < text.length; at += chunk) split.push(text.slice(at, at + chunk));
          } catch (err) {
            error = err;
          }
          split.end();
          const where = `line of ${len}, ${JSON.stringify(eol)}, chunks of ${chunk}`;
          if (ok) {
            assert.equal(error, undefined, where);
            assert.deepEqual(seen, [1, len, 1], where);
          } else {
            assert.equal((error as { line?: number })?.line, 2, where);
            assert.deepEqual(seen, [1], where);
          }
        }
      }
    }
  });

  it('CSV: a quote opened and never closed stops at the limit, not at the end of the file', () => {
    // In a banner or header (quoted line breaks allowed): the record grows until the limit.
    const head = 'a,b\n"open quote,1\n';
    const rows = '99213,1\n'.repeat(Math.ceil((2 * MB) / 8));
    const records: number[] = [];
    let error: { line?: number } | undefined;
    const csv = new CsvSplitter((_, line) => records.push(line));
    const work = measure(() => {
      try {
        for (const piece of [head, ...rows.match(/[^]{1,65536}/g)!]) csv.push(piece);
      } catch (err) {
        error = err as { line?: number };
      }
    });
    csv.end();
    assert.deepEqual(records, [1]);
    assert.equal(error?.line, 2);
    assert.ok(work.chars < 8 * MAX_LINE_CHARS, `${work.chars} characters of work`);
  });
});
