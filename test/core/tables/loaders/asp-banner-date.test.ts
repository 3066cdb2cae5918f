// An impossible date in an ASP file's title rows ("February 30") is reported, never rolled over
// into March (issue 26): the quarter the file prices would be a guess, so the file is not loaded.
import assert from 'node:assert/strict';
import { aspQuarterOf, impossibleBannerDate, loadAsp } from '../../../../server/src/core/tables/loaders';
import { day } from '../../../helpers/cms-fixtures';
import { ASP_Q2, localFixture } from '../../../helpers/local-fixtures';

describe('ASP title rows: impossible dates (issue 26)', () => {
  it('"February 30" and "April 31" are not dates: no quarter, said by the date', () => {
    assert.equal(aspQuarterOf(' effective February 30, 2026 through March 31, 2026', 'x.csv'), undefined);
    assert.equal(aspQuarterOf(' effective April 1, 2026 through April 31, 2026', 'asp-2026q2.csv'), undefined);
    assert.equal(impossibleBannerDate(' effective February 30, 2026 through March 31, 2026'), 'February 30, 2026');
    assert.equal(impossibleBannerDate(' effective April 1, 2026 through June 30, 2026'), undefined);
    // February 29 exists in a leap year only.
    assert.equal(aspQuarterOf(' effective February 29, 2028 through March 31, 2028', 'x.csv')?.from, day('2028-02-29'));
    assert.equal(impossibleBannerDate(' effective February 29, 2026 through March 31, 2026'), 'February 29, 2026');
  });

  it('the loader reports the file with the date and loads nothing, even when the name has a quarter', () => {
    const q2 = localFixture(ASP_Q2);
    const text = q2.text.replace(/April 1, 2026/, 'February 30, 2026');
    assert.notEqual(text, q2.text, 'the fixture has the effective range in its title rows');
    const r = loadAsp({ name: q2.name, text });
    assert.equal(r.table.size, 0);
    assert.match(r.problems[0].reason, /February 30, 2026 as an effective date, which is not a day of that month/);
  });
});
