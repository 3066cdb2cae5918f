// One stray quote in a data row of a CSV file whose data cells never span lines (PPRRVU, MUE) costs
// that row, reported with file, line and reason, not the rest of the file; a PPRRVU file that
// loses most of its rows is not loaded at all, with a whole-file problem saying why.
import assert from 'node:assert/strict';
import { loadMue, loadPfsRvu, MueBuilder, RvuBuilder, type TableBuilder } from '../../../../server/src/core/tables/loaders';
import { fixture, MUE, RVU } from '../../../helpers/cms-fixtures';

const rvuText = fixture(RVU).text;
const rvuLines = rvuText.split('\n');
/** The header (banner and split column names) of the PPRRVU sample layout. */
const rvuHeader = rvuLines.slice(0, 6);
/** A made-up row in the layout (the fixture's 99213 row with another code and description). */
const rvuRow = (code: string, description = 'Made-up row') => rvuLines[6].replace(/^99213,,Office o\/p est low 20 min,/, `${code},,${description},`);

function chunked<T>(b: TableBuilder<T>, name: string, text: string, size: number) {
  b.beginFile(name, text.length);
  for (let at = 0; at < text.length; at += size) b.push(text.slice(at, at + size));
  b.endFile();
  return b.finish();
}

describe('a stray quote in a data row', () => {
  // 3,000 rows; row 101 (line 107) has a quote opening its description that never closes, and
  // 0059T comes long after it.
  const codes = Array.from({ length: 3000 }, (_, i) => `9${String(i).padStart(4, '0')}`);
  const rows = codes.map((c, i) => (i === 100 ? rvuRow(c, '"Stray quote, then more') : rvuRow(c)));
  rows.push(rvuRow('0059T', 'Cryoablation of renal tumor'));
  const text = `${[...rvuHeader, ...rows].join('\n')}\n`;

  it('PPRRVU: costs its own row only, reported with file, line and reason', () => {
    const r = loadPfsRvu({ name: RVU, text });
    assert.deepEqual(r.problems, [{ file: RVU, line: 107, reason: 'a cell opens a quote (") that is not closed on its line, so the row\'s cells cannot be told apart; the row was skipped' }]);
    assert.equal(r.table.size, 3000);
    assert.equal(r.table.lookup(codes[100]), undefined);
    assert.equal(r.table.lookup(codes[101])?.workRvu, 1.3);
    // The row far after the quote is read as written.
    assert.equal(r.table.lookup('0059T')?.description, 'Cryoablation of renal tumor');
    assert.equal(r.table.lookup('0059T')?.nonFacilityTotal, 2.85);
  });

  it('PPRRVU: the same whatever the chunk boundaries', () => {
    const whole = loadPfsRvu({ name: RVU, text });
    for (const size of [1, 97, 4096, 65_536]) {
      const r = chunked(new RvuBuilder(), RVU, text, size);
      assert.deepEqual(r.problems, whole.problems, `chunks of ${size}`);
      assert.equal(r.table.size, whole.table.size);
      assert.deepEqual(r.table.lookup('0059T'), whole.table.lookup('0059T'));
    }
  });

  it('PPRRVU: quoted cells that close on their line still read (commas inside)', () => {
    const quoted = `${[...rvuHeader, rvuRow('99214', '"Office visit, established"'), rvuRow('99215', '"Says ""hello"""')].join('\r\n')}\r\n`;
    const r = loadPfsRvu({ name: RVU, text: quoted });
    assert.deepEqual(r.problems, []);
    assert.equal(r.table.lookup('99214')?.description, 'Office visit, established');
    assert.equal(r.table.lookup('99215')?.description, 'Says "hello"');
    assert.equal(r.table.lookup('99215')?.conversionFactor, 33.4009);
  });

  it('MUE: costs its own row only, while the multi-line copyright cell and header still read', () => {
    const mue = fixture(MUE).text;
    const lines = mue.split('\n');
    const at = lines.findIndex((l) => l.startsWith('36415,'));
    lines.splice(at, 0, '99211,1,"3 Date of Service Edit: Clinical,Clinical: Data');
    const r = loadMue({ name: MUE, text: lines.join('\n') });
    const whole = loadMue(fixture(MUE));
    assert.equal(r.table.size, whole.table.size);
    assert.deepEqual(r.table.lookup('36415'), whole.table.lookup('36415'));
    assert.deepEqual(
      r.problems.filter((p) => /quote/.test(p.reason)),
      [{ file: MUE, line: at + 1, reason: 'a cell opens a quote (") that is not closed on its line, so the row\'s cells cannot be told apart; the row was skipped' }],
    );
    for (const size of [1, 13, 4096]) assert.deepEqual(chunked(new MueBuilder(), MUE, lines.join('\n'), size).problems, r.problems);
  });
});

describe('a PPRRVU file that loses most of its rows', () => {
  it('is not loaded, with a whole-file problem saying how many rows were read', () => {
    // 4 good rows, 6 with a description that is not a code where the code should be.
    const rows = [...['99211', '99212', '99214', '99215'].map((c) => rvuRow(c)), ...Array.from({ length: 6 }, (_, i) => rvuRow(`BAD${i}`))];
    const r = loadPfsRvu({ name: RVU, text: `${[...rvuHeader, ...rows].join('\n')}\n` });
    assert.equal(r.table.size, 0);
    assert.equal(r.table.lookup('99211'), undefined);
    const whole = r.problems.filter((p) => p.line === 0);
    assert.equal(whole.length, 1);
    assert.match(whole[0].reason, /^only 4 of its 10 data rows could be read, so none of its rows were loaded/);
    // The bad rows are still listed with their lines.
    assert.deepEqual(r.problems.filter((p) => p.line > 0).map((p) => p.line), [11, 12, 13, 14, 15, 16]);
  });

  it('does not take another file\'s rows down with it', () => {
    const bad = `${[...rvuHeader, rvuRow('99211'), rvuRow('BAD-1'), rvuRow('BAD-2'), rvuRow('BAD-3')].join('\n')}\n`;
    const r = loadPfsRvu([fixture(RVU), { name: 'second.csv', text: bad }]);
    assert.equal(r.table.lookup('99211'), undefined);
    assert.equal(r.table.size, loadPfsRvu(fixture(RVU)).table.size);
    assert.match(r.problems.find((p) => p.file === 'second.csv' && p.line === 0)!.reason, /^only 1 of its 4 data rows/);
  });

  it('half its rows read is still loaded (the bad ones reported)', () => {
    const rows = [rvuRow('99211'), rvuRow('99212'), rvuRow('BAD-1'), rvuRow('BAD-2')];
    const r = loadPfsRvu({ name: RVU, text: `${[...rvuHeader, ...rows].join('\n')}\n` });
    assert.equal(r.table.size, 2);
    assert.deepEqual(r.problems.map((p) => p.line), [9, 10]);
  });
});
