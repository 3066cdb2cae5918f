// Issue 13: never $0.00 because something was skipped. In `hai-claims estimate`, a line that could
// not be priced reads "not priced" (with its reason), not 0.00, and the summary counts it apart.
import assert from 'node:assert/strict';
import { buildCli, hai } from '../helpers/cli';

const CLAIMS = 'test/acceptance/claims';

describe('hai-claims estimate: lines not priced', function () {
  this.timeout(60_000);
  before(() => buildCli());

  it('an unknown place of service: the lines read "not priced" with the reason, and the summary counts them apart', () => {
    const r = hai(['estimate', `${CLAIMS}/73-therapy-unassigned-pos.claim`]);
    assert.equal(r.status, 0);
    const line = r.stdout.split('\n').find((l) => /\s96522\s/.test(l))!;
    assert.match(line, /\bnot priced\s+The place of service on line 5 is not a CMS place-of-service code/);
    assert.doesNotMatch(line, /\b0\.00\b/);
    assert.match(r.stdout, /estimated Medicare allowable \$0\.00 \(2 lines not priced and left out: see the notes above\)\.\n$/);
  });

  it('a priced claim has no such remark', () => {
    const r = hai(['estimate', `${CLAIMS}/50-therapy-refills-clean.claim`]);
    assert.doesNotMatch(r.stdout, /not priced/);
    assert.match(r.stdout, /estimated Medicare allowable \$[\d,]+\.\d\d\.\n$/);
  });
});
