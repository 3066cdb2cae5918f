// Messages never quote free text: a malformed word may be a patient's name, and the CLI prints
// messages into CI logs.
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis';
import { messageOf } from '../../../server/src/core/rules/messages';
import { loadDefaultTables } from '../../../server/src/core/tables';

describe('messages and free text', () => {
  it('no message quotes a malformed word, wherever it is typed', () => {
    const name = 'Zzroe';
    const text = [
      `${name} Jane DOB 1950-01-01`,
      `claim ${name} Jane`,
      `payer ${name}`,
      `state ${name}`,
      `pos ${name}`,
      `start ${name}`,
      `dx ${name}`,
      `on ${name}`,
      `on day ${name}`,
      `on day 1 pos ${name}`,
      `  36260 ${name}`,
      `  36260-${name} dx A`,
      `  36260 x${name} dx A`,
      `  36260 dx ${name}`,
      `  3${name}`,
      `${name.toUpperCase()}1 dx A`,
    ].join('\n');
    const analysis = analyze(text, loadDefaultTables());
    assert.ok(analysis.findings.length > 10);
    for (const f of analysis.findings) {
      const m = messageOf(f);
      assert.ok(!m.toLowerCase().includes(name.toLowerCase()), `${f.rule} quotes free text: ${m.replace(new RegExp(name, 'gi'), '<NAME>')}`);
      for (const fix of f.fixes ?? []) assert.ok(!fix.title.toLowerCase().includes(name.toLowerCase()), `${f.rule} fix title quotes free text`);
    }
  });
});
