// Every rule id of the registry is accepted by the CLI's --rule (issue 13: the new checks are
// configurable like the others), and a level given there reaches an issue-13 check.
import assert from 'node:assert/strict';
import { RULE_IDS } from '../../server/src/core/rules';
import { buildCli, fixture, hai } from '../helpers/cli';

const CLAIMS = 'test/acceptance/claims';

describe('hai-claims --rule: every rule id', function () {
  this.timeout(60_000);
  before(() => buildCli());

  it('accepts every rule id of the registry, at off and at error, with no complaint', () => {
    for (const level of ['off', 'error']) {
      const flags = [...RULE_IDS].flatMap((id) => ['--rule', `${id}=${level}`]);
      const r = hai(['check', ...flags, fixture('clean.claim')]);
      assert.equal(r.stderr, '', level);
      assert.equal(r.status, 0, level);
    }
  });

  it('`hai-claims rules` lists every id --rule accepts', () => {
    const r = hai(['rules']);
    assert.equal(r.status, 0);
    for (const id of RULE_IDS) assert.match(r.stdout, new RegExp(`^${id}\\b`, 'm'), id);
  });

  it('--rule em-needs-25=off removes it; =error makes it an error and fails the run', () => {
    const file = `${CLAIMS}/60-therapy-visit-same-day-no-25.claim`;
    assert.match(hai(['check', file]).stdout, /warning em-needs-25/);
    const off = hai(['check', '--rule', 'em-needs-25=off', file]);
    assert.doesNotMatch(off.stdout, /em-needs-25/);
    assert.equal(off.status, 0);
    const up = hai(['check', '--rule', 'em-needs-25=error', file]);
    assert.match(up.stdout, /error em-needs-25/);
    assert.equal(up.status, 1);
  });

  it('--rule consult-medicare=off also lifts its denial in the estimate', () => {
    const file = `${CLAIMS}/02-eval-consult-office-medicare.claim`;
    assert.match(hai(['estimate', file]).stdout, /consult-medicare/);
    assert.doesNotMatch(hai(['estimate', '--rule', 'consult-medicare=off', file]).stdout, /consult-medicare/);
  });
});
