import { readFileSync } from 'node:fs';
import { loadNationalFiles } from '/work/wt-i21a/server/src/national-io';
const mode = process.argv[2];
const parts = JSON.parse(readFileSync('/tmp/i21a-x/mem/files.json', 'utf8')) as string[];
(async () => {
  const t = performance.now(); const cpu0 = process.cpuUsage();
  const r = await loadNationalFiles({ ncciPtp: mode === 'zip' ? ['/tmp/i21a-x/mem/ptp.zip'] : parts }, '/');
  const ms = performance.now() - t; const cpu = process.cpuUsage(cpu0); console.log('cpu ms', Math.round((cpu.user + cpu.system) / 1000));
  (globalThis as any).gc();
  const m = process.memoryUsage();
  console.log(mode, r.national.ptp?.size, Math.round(ms), 'peakRSS', Math.round(process.resourceUsage().maxRSS / 1024), 'heap', Math.round(m.heapUsed / 1048576), 'ab', Math.round(m.arrayBuffers / 1048576), 'ext', Math.round(m.external/1048576));
})();
