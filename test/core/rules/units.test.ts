// units-impossible (issue 13): units above 1 for a service billed once per date (a visit, a major
// surgery, the refill), without the MUE file: the excess units are denied, one is paid. With the
// MUE file, the mue check rules instead.
import assert from 'node:assert/strict';
import { oncePerDate } from '../../../server/src/core/rules/units';
import { loadDefaultTables } from '../../../server/src/core/tables';
import { nationalTables } from '../../helpers/cms-fixtures';
import { claim, expectFindings, expectFixClears, expectNoRule, medicare, run } from '../../helpers/billing';

describe('units-impossible', () => {
  it('36260 x2: fires on the units, cites its source, denies the excess unit (one is paid, MPPR ranks one unit)', () => {
    const src = medicare(claim`
      on 2026-03-02
        36260 [[x2]] dx A
        15860 dx A
    `);
    const [f] = expectFindings(src, 'units-impossible', { severity: 'error', message: [/^36260 is billed x2/, /a surgical procedure, billed once per date/, /MUE/, /the extra unit is not paid/, /x1/] });
    assert.equal(f.deniesUnits, 1);
    assert.match(expectFixClears(src, f), /^ {2}36260 dx A$/m);
    const [c] = run(src).analysis.estimate();
    assert.equal(c.total, 679.5);
  });

  it('96522 x2 and 99214 x3 fire; drugs, supplies, imaging and add-ons with units do not', () => {
    expectFindings(medicare(claim`
      on 2026-05-18
        96522 [[x2]] dx A
        99214-25 [[x3]] dx A
        J9200-KD x2 dx A
        A4216-KD x3 dx A
        76937 x2 dx A
    `, { pos: '11' }), 'units-impossible', { severity: 'error' });
    expectNoRule(medicare(claim`
      on 2026-03-02
        36260 dx A
        37242 x2 dx A
        74160-26 x2 dx A
    `), 'units-impossible');
  });

  it('with the MUE file loaded, the mue check rules instead', () => {
    expectNoRule(medicare(claim`
      on 2026-03-02
        36260 x2 dx A
    `), 'units-impossible', { tables: nationalTables() });
  });

  it('oncePerDate: visits, major surgery and the refill; not drugs, imaging, add-ons or codes outside the guide', () => {
    const t = loadDefaultTables();
    assert.deepEqual(['99214', '36260', '47563', '96522'].map((c) => oncePerDate(t, c)), [true, true, true, true]);
    assert.deepEqual(['J9200', 'A4216', '74160', '76937', '74301', '37242', '97110'].map((c) => oncePerDate(t, c)), [false, false, false, false, false, false, false]);
  });
});
