// Code lenses: the estimate on claims and lines.
import assert from 'node:assert/strict';
import { getCodeLenses } from '../../../server/src/core/languageService';
import { HEAD } from '../../helpers/features';
import { run } from '../../helpers/fixture';
import { pfsTables } from '../../helpers/pfs';

describe('lenses', () => {
  const src = `${HEAD}on day 0\n  36260 dx A\n  15860 dx A\n\non day 14 pos 11\n  96522 dx A\n`;
  it('puts the estimate on claim and on lines', () => {
    const { analysis } = run(src);
    assert.deepEqual(getCodeLenses(analysis, 'file:///x.claim').map((l) => l.command?.title), [
      'Claim estimate $804.50',
      'Est. allowable $679.50 (MPPR -$46.50)',
      'Est. allowable $125.00',
    ]);
  });
  it('a claim not estimated says so with its reason, never $0.00 (issue 13)', () => {
    const { analysis } = run('claim "T"\npayer aetna\npos 11\ndx C78.7\non 2026-03-16\n  96522 dx A\n');
    const titles = getCodeLenses(analysis, 'file:///x.claim').map((l) => l.command?.title ?? '');
    assert.equal(titles.length, 1);
    assert.match(titles[0], /^Not estimated: this claim's payer \(line \d+\) is not covered/);
    assert.ok(!titles.some((t) => t.includes('$0.00')));
  });
  it('a date written in two blocks: one total on the first block, the second points at it (issue 13)', () => {
    const { analysis } = run('claim "T"\npayer medicare\npos 11\ndx C78.7\non 2026-05-04\n  96522 dx A\non 2026-05-04\n  J9200-KD dx A\n');
    assert.deepEqual(getCodeLenses(analysis, 'file:///x.claim').map((l) => [l.range.start.line, l.command?.title]), [
      [0, 'Claim estimate $4,253.00'],
      [4, 'Est. allowable $4,253.00'],
      [6, 'Same date as line 5: in its total $4,253.00'],
    ]);
  });
});

describe('lenses: a -78 line (issue 13)', () => {
  it('names the intra-operative cut when the PFS file gives the share', () => {
    const tables = pfsTables([{ code: '36261', globalDays: '090', intraOp: 0.84 }]);
    const { analysis } = run(`${HEAD}on day 40\n  36261-78 dx A\n`, { tables });
    assert.deepEqual(getCodeLenses(analysis, 'file:///x.claim').map((l) => l.command?.title), [
      'Claim estimate $341.88',
      'Est. allowable $341.88 (-78 intra-op share -$65.12)',
    ]);
  });
});
