import { ClaimDocument, toDiagnostics, loadDefaultTables } from '../server/src/core/languageService';
import { longClaim, singleClaimOf } from './long-claim';
const tables = loadDefaultTables();
const { text, services } = process.env.MIX ? longClaim(10000, 1250, 3) : singleClaimOf(10000, 1250, 5);
const doc = new ClaimDocument(text);
let a = doc.analyze(tables);
toDiagnostics(a.findings, 'file:///x');
console.log('findings', a.findings.length);
const times: number[] = []; const cpus: number[] = [];
for (let i = 0; i < Number(process.env.EDITS ?? 40); i++) {
  const s = services[(i * 997) % services.length];
  const c0 = process.cpuUsage(); const t0 = performance.now();
  doc.update([{ range: { start: { line: s.line, character: s.character + 4 }, end: { line: s.line, character: s.character + 5 } }, text: String(i % 10) }]);
  a = doc.analyze(tables);
  const d = toDiagnostics(a.findings, 'file:///x');
  JSON.stringify(d);
  times.push(performance.now() - t0); const c = process.cpuUsage(c0); cpus.push((c.user + c.system) / 1000);
}
const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
console.log('edit median wall', med(times).toFixed(1), 'cpu', med(cpus).toFixed(1));
const by: Record<string, number> = {};
for (const f of a.findings) by[f.rule] = (by[f.rule] ?? 0) + 1;
console.log(JSON.stringify(by));
