// Code lenses: the estimate on claims and lines.
import assert from 'node:assert/strict';
import { getCodeLenses } from '../../../server/src/core/languageService';
import { HEAD } from '../../helpers/features';
import { run } from '../../helpers/fixture';

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
});
