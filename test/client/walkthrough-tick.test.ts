// The walkthrough's ticks (client/src/walkthroughTick.ts, issue 25): a step's context key is set
// only when its command gave a result, and only for the moment of the tick, so that VS Code's
// walkthrough service, created later, does not take it as an event already seen and never tick.
import assert from 'node:assert/strict';
import { tickOnSuccess } from '../../client/src/walkthroughTick';

describe('client: walkthrough ticks', () => {
  const recorder = () => {
    const values: boolean[] = [];
    let pending = 0;
    const setKey = async (value: boolean) => {
      // the second value is set only after the first was applied
      assert.equal(pending, 0, 'the key was set again before the last value was applied');
      pending++;
      await Promise.resolve();
      values.push(value);
      pending--;
    };
    return { values, setKey };
  };

  it('a command that worked sets the key true, then false again', async () => {
    const r = recorder();
    let ticked!: (ok: boolean) => void;
    const both = new Promise<boolean>((resolve) => (ticked = resolve));
    assert.equal(await tickOnSuccess(Promise.resolve('| table |'), r.setKey, ticked), '| table |');
    assert.equal(await both, true);
    assert.deepEqual(r.values, [true, false]);
  });

  it('a command that gave nothing (a dismissed pick, no claim document, nothing shown) leaves the key alone', async () => {
    const r = recorder();
    assert.equal(await tickOnSuccess(Promise.resolve(undefined), r.setKey), undefined);
    assert.deepEqual(r.values, []);
  });

  it('a command that failed leaves the key alone and fails', async () => {
    const r = recorder();
    await assert.rejects(tickOnSuccess(Promise.reject(new Error('boom')), r.setKey), /boom/);
    assert.deepEqual(r.values, []);
  });
});
