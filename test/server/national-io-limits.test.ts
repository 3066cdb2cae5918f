// loadNationalFiles on a data file with no line breaks (a sparse file, as a disk image or a
// truncated download gives): rejected at line 1 with the reason, and not read past the first
// chunks: the builders' work is counted, not timed.
import assert from 'node:assert/strict';
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Icd10Builder, MueBuilder, PtpBuilder, RvuBuilder } from '../../server/src/core/tables/loaders';
import { loadNationalFiles } from '../../server/src/national-io';

describe('loadNationalFiles on a file with no line breaks', () => {
  let dir: string;
  let sparse: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'hai-national-limits-'));
    sparse = join(dir, 'sparse.dat');
    const fd = openSync(sparse, 'w');
    ftruncateSync(fd, 16 << 20);
    closeSync(fd);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const kinds = [
    ['ncciPtp', PtpBuilder],
    ['mue', MueBuilder],
    ['pfsRvu', RvuBuilder],
    ['icd10cm', Icd10Builder],
  ] as const;

  for (const [key, Builder] of kinds) {
    it(`${key}: rejected at line 1 after reading a chunk or two of its 16 MB`, async () => {
      const proto = Builder.prototype as { push(chunk: string): void };
      const push = proto.push;
      let chars = 0;
      proto.push = function (this: unknown, chunk: string) {
        chars += chunk.length;
        return push.call(this, chunk);
      };
      try {
        const none = { ncciPtp: [], mue: [], pfsRvu: [], icd10cm: [] };
        const r = await loadNationalFiles({ ...none, [key]: [sparse] }, dir);
        assert.deepEqual(r.national, {});
        assert.equal(r.problems.length, 1);
        assert.equal(r.problems[0].file, sparse);
        assert.equal(r.problems[0].line, 1);
        assert.match(r.problems[0].reason, /a row longer than 65,536 characters starts here/);
      } finally {
        proto.push = push;
      }
      // 256 KiB chunks: the first one passes the limit.
      assert.ok(chars <= 2 * 256 * 1024, `${chars} characters pushed`);
    });
  }
});
