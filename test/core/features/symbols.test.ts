// Document symbols: the outline of claims, dates and lines.
import assert from 'node:assert/strict';
import { findDocumentSymbols } from '../../../server/src/core/languageService';
import { HEAD } from '../../helpers/features';
import { run } from '../../helpers/fixture';

describe('symbols', () => {
  const src = `${HEAD}on day 0\n  36260 dx A\n  15860 dx A\n\non day 14 pos 11\n  96522 dx A\n`;
  it('outlines claims, dates and lines', () => {
    const { analysis } = run(src);
    const [c] = findDocumentSymbols(analysis);
    assert.equal(c.name, 'implant');
    assert.deepEqual(c.children?.map((d) => d.name), ['on 2026-03-02', 'on 2026-03-16']);
    assert.deepEqual(c.children?.[0].children?.map((s) => s.name), ['36260', '15860']);
  });
});
