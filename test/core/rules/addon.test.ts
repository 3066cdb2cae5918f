// addon-without-primary (issue 13): an add-on code (the guide's "List separately in addition to
// code for primary procedure", or PFS global days ZZZ) without an eligible primary on its date of
// service is an error and the line is denied.
import assert from 'node:assert/strict';
import { isAddOn, primaryOf } from '../../../server/src/core/rules/addon';
import { loadDefaultTables } from '../../../server/src/core/tables';
import { claim, expectFindings, expectFixClears, expectNoRule, medicare, run } from '../../helpers/billing';
import { pfsTables } from '../../helpers/pfs';

describe('addon-without-primary', () => {
  it('74301 on a date without its primary: fires, cites the guide and CMS, denies the line; the fix removes it', () => {
    const src = medicare(claim`
      on 2026-02-24
        47563 dx A
        74300-26 dx A
      on 2026-02-25
        [[74301]]-26 dx A
    `);
    const [f] = expectFindings(src, 'addon-without-primary', {
      severity: 'error',
      message: [/^74301 is an add-on code/, /CY2026 HAI coding and billing guide: "List separately in addition to code for primary procedure"/, /2026-02-25/, /NCCI add-on code edits/, /denied/],
    });
    assert.match(expectFixClears(src, f), /2026-02-25\n$/);
    const lines = run(src).analysis.estimate()[0].dates[1].lines;
    assert.equal(lines[0].amount, 0);
    assert.match(lines[0].adjustments[0].reason, /addon-without-primary/);
  });

  it('76937 alone on a refill-less office date: fires; with the refill or a surgery on the date: does not', () => {
    expectFindings(medicare(claim`
      on 2026-06-01
        [[76937]] dx A
    `, { pos: '11' }), 'addon-without-primary', { severity: 'error' });
    expectNoRule(medicare(claim`
      on 2026-06-01
        96522 dx A
        76937 dx A
        77002 dx A
    `, { pos: '11' }), 'addon-without-primary');
    expectNoRule(medicare(claim`
      on 2026-03-02
        36260 dx A
        76937-26 dx A
        77002-26-XS dx A
    `), 'addon-without-primary');
  });

  it('a primary in another `on` block of the same date counts; a visit, a drug or another add-on does not', () => {
    expectNoRule(medicare(claim`
      on 2026-02-24
        47563 dx A
      on 2026-02-24
        74301-26 dx A
    `), 'addon-without-primary');
    expectFindings(medicare(claim`
      on 2026-06-01
        99214 dx A
        J9200-KD dx A
        [[76937]] dx A
        [[77002]] dx A
    `, { pos: '11' }), 'addon-without-primary', { severity: 'error' });
  });

  it('with the PFS file, a ZZZ code outside the guide is an add-on', () => {
    const tables = pfsTables([{ code: '11045', globalDays: 'ZZZ' }, { code: '11042', globalDays: '000' }]);
    assert.equal(isAddOn(tables, '11045'), true);
    assert.equal(isAddOn(loadDefaultTables(), '11045'), false);
    expectFindings(medicare(claim`
      on 2026-06-01
        [[11045]] dx A
    `, { pos: '11' }), 'addon-without-primary', { severity: 'error', tables, message: [/PFS relative value file/] });
    expectNoRule(medicare(claim`
      on 2026-06-01
        11042 dx A
        11045 dx A
    `, { pos: '11' }), 'addon-without-primary', { tables });
  });

  it('primaryOf is a small function over the date\'s services (the add-on code file can replace it)', () => {
    const { analysis } = run(medicare(claim`
      on 2026-06-01
        96522 dx A
        76937 dx A
    `, { pos: '11' }));
    const [refill, guidance] = analysis.model.claims[0].dates[0].services;
    assert.equal(primaryOf(loadDefaultTables(), guidance, [refill, guidance]), refill);
    assert.equal(primaryOf(loadDefaultTables(), guidance, [guidance]), undefined);
  });
});
