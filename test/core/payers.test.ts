// The payer registry: one entry per payer, read without regard to case.
import assert from 'node:assert/strict';
import { DEFAULT_PAYER, lookupPayer, payerNamed, payerOf, PAYERS } from '../../server/src/core/payers';

describe('payers', () => {
  it('medicare is the default payer, with billing checks and an estimate', () => {
    assert.equal(DEFAULT_PAYER.id, 'medicare');
    assert.ok(DEFAULT_PAYER.billingChecks && DEFAULT_PAYER.estimate);
  });
  it('a payer name is looked up without regard to case, and says whether it is spelled as written', () => {
    assert.deepEqual(lookupPayer('medicare'), { payer: DEFAULT_PAYER, exact: true });
    assert.deepEqual(lookupPayer('Medicare'), { payer: DEFAULT_PAYER, exact: false });
    assert.deepEqual(lookupPayer('MEDICARE'), { payer: DEFAULT_PAYER, exact: false });
    assert.equal(lookupPayer('aetna'), undefined);
  });
  it("a claim's payer: its payer line's in any case (issue 13), or the default without one", () => {
    assert.equal(payerOf({}), DEFAULT_PAYER);
    assert.equal(payerNamed('medicare'), DEFAULT_PAYER);
    assert.equal(payerNamed('Medicare'), DEFAULT_PAYER);
    assert.equal(payerNamed('MEDICARE'), DEFAULT_PAYER);
    assert.equal(payerNamed('aetna'), undefined);
  });
  it('ids and aliases are lower case and unique', () => {
    const names = PAYERS.flatMap((p) => [p.id, ...p.aliases]);
    for (const n of names) assert.equal(n, n.toLowerCase());
    assert.equal(new Set(names).size, names.length);
  });
});
