import { analyze } from '../server/src/core/analysis';
import { loadDefaultTables } from '../server/src/core/tables';
import { longClaim } from '../bench/long-claim';
const t = loadDefaultTables();
for (const n of (process.argv[2] ?? '500,1000,2000').split(',').map(Number)) {
  const { text } = longClaim(n, Number(process.argv[3] ?? 1));
  const c0 = process.cpuUsage(); const t0 = performance.now();
  const a = analyze(text, t);
  const t1 = performance.now();
  const e = a.estimate();
  const t2 = performance.now();
  const by: Record<string, number> = {};
  for (const f of a.findings) by[f.rule] = (by[f.rule] ?? 0) + 1;
  const cpu = process.cpuUsage(c0); console.log(n, "cpu", ((cpu.user + cpu.system) / 1000).toFixed(0), 'analyze', (t1 - t0).toFixed(0), 'ms estimate', (t2 - t1).toFixed(0), 'ms', a.findings.length, JSON.stringify(by), e[0]?.total, (process.memoryUsage().rss / 1e6).toFixed(0), 'MB');
}
