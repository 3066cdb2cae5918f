// Folding ranges: claims and dated blocks.
import assert from 'node:assert/strict';
import { getFoldingRanges } from '../../../server/src/core/languageService';
import { HEAD } from '../../helpers/features';
import { run } from '../../helpers/fixture';

describe('folding', () => {
  const src = `${HEAD}on day 0\n  36260 dx A\n  15860 dx A\n\non day 14 pos 11\n  96522 dx A\n`;
  it('folds claims and dated blocks', () => {
    const { analysis } = run(src);
    assert.deepEqual(getFoldingRanges(analysis).map((f) => [f.startLine, f.endLine]), [[0, 12], [7, 9], [11, 12]]);
  });
});
