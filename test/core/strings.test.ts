// String helpers (core/strings.ts).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { thousands } from '../../server/src/core/strings';

describe('strings: thousands', () => {
  it("writes integers as toLocaleString('en-US') does, and keeps a fraction", () => {
    for (const n of [0, 7, 999, 1000, 1098, 12345, 999999, 1000000, 65536, 1500000, -2500, 123456789]) assert.equal(thousands(n), n.toLocaleString('en-US'), String(n));
    assert.equal(thousands(1098.56), '1,098.56');
    assert.equal(thousands(-0.5), '-0.5');
    assert.equal(thousands(Number.NaN), 'NaN');
  });

  it("costs no Intl (toLocaleString loads ICU's locale data: about 9 MB resident on first use)", function () {
    this.timeout(30_000);
    // In a fresh process: the resident size after formatting with thousands() is unchanged by it, while toLocaleString grows it.
    const script = `const { thousands } = require(${JSON.stringify(require.resolve('../../server/src/core/strings'))});
const rss = () => process.memoryUsage().rss;
const a = rss(); for (let i = 0; i < 1000; i++) thousands(i * 1001); const b = rss(); (1234).toLocaleString('en-US'); const c = rss();
console.log(JSON.stringify({ ours: b - a, intl: c - b }));`;
    const r = spawnSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { encoding: 'utf8' });
    const { ours, intl } = JSON.parse(r.stdout.trim().split('\n').pop()!) as { ours: number; intl: number };
    assert.ok(intl > 4 * 1024 * 1024, `toLocaleString grew the process by ${intl} bytes`);
    assert.ok(ours < 1024 * 1024, `thousands grew the process by ${ours} bytes`);
  });
});
