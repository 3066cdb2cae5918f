// The NCCI add-on code edit types applied to a date's codes (issue 16), on the AOC fixture.
import assert from 'node:assert/strict';
import { aocVerdict } from '../../../server/src/core/rules/addon-aoc';
import { loadAoc } from '../../../server/src/core/tables/loaders';
import { day } from '../../helpers/cms-fixtures';
import { AOC, localFixture } from '../../helpers/local-fixtures';

const aoc = loadAoc(localFixture(AOC)).table;
const d = day('2026-05-04');

describe('add-on code edits by type', () => {
  it('type 1: only the listed primaries; alone or with another code it is an error that denies', () => {
    assert.equal(aocVerdict(aoc, '74301', d, ['74301', '74300']), undefined);
    const other = aocVerdict(aoc, '74301', d, ['74301', '47562']);
    assert.ok(other && other !== 'not-listed');
    assert.deepEqual([other.type, other.reason, other.severity, other.denies, other.primaries, other.others], [1, 'no-listed-primary', 'error', true, ['74300'], ['47562']]);
    const alone = aocVerdict(aoc, '74301', d, ['74301']);
    assert.equal(alone && alone !== 'not-listed' && alone.reason, 'alone');
  });

  it('type 2: any primary the contractor accepts; flagged only alone on its date', () => {
    assert.equal(aocVerdict(aoc, '76937', d, ['76937', '36260']), undefined);
    assert.equal(aocVerdict(aoc, '76937', d, ['76937', '99213']), undefined);
    const alone = aocVerdict(aoc, '76937', d, ['76937']);
    assert.ok(alone && alone !== 'not-listed');
    assert.deepEqual([alone.type, alone.reason, alone.severity, alone.denies], [2, 'alone', 'error', true]);
    // Another add-on code is not a primary.
    const withAddOn = aocVerdict(aoc, '76937', d, ['76937', '74301']);
    assert.equal(withAddOn && withAddOn !== 'not-listed' && withAddOn.reason, 'alone');
  });

  it('type 3: the listed primaries, or information (not an error) with an unlisted one', () => {
    assert.equal(aocVerdict(aoc, '77002', d, ['77002', '36260']), undefined);
    const other = aocVerdict(aoc, '77002', d, ['77002', '96522']);
    assert.ok(other && other !== 'not-listed');
    assert.deepEqual([other.type, other.reason, other.severity, other.denies], [3, 'unlisted-primary', 'information', false]);
    const alone = aocVerdict(aoc, '77002', d, ['77002']);
    assert.equal(alone && alone !== 'not-listed' && alone.severity, 'error');
  });

  it('honours the edit dates: an edit deleted before the date of service does not apply', () => {
    // 99999: type 3, effective 2026-01-01, deletion date 2026-03-31 (the first day it no longer applies).
    const inForce = aocVerdict(aoc, '99999', day('2026-03-30'), ['99999']);
    assert.ok(inForce && inForce !== 'not-listed' && inForce.reason === 'alone');
    // A deleted row never decides: the code falls back to the guide's own add-on rule.
    assert.equal(aocVerdict(aoc, '99999', day('2026-03-31'), ['99999']), 'not-listed');
    assert.equal(aocVerdict(aoc, '99999', day('2026-04-01'), ['99999']), 'not-listed');
  });

  it('a code the file does not list is left to the guide\'s rule', () => {
    assert.equal(aocVerdict(aoc, '36260', d, ['36260']), 'not-listed');
  });
});
