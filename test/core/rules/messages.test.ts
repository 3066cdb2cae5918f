// Messages never quote free text: a malformed word may be a patient's name, and the CLI prints
// messages into CI logs.
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis';
import { messageOf } from '../../../server/src/core/rules/messages';
import { loadDefaultTables } from '../../../server/src/core/tables';
import { longClaim } from '../../../bench/long-claim';
import { readExpectation, slugs } from '../../acceptance/corpus';

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

  it('every message of the acceptance corpus, and every CMS citation in the reference data, is plain ASCII (a thousand diagnostics with one non-ASCII character each are encoded and decoded on the slow UTF-8 path at both ends: about 3 ms a keystroke in a 10,000-line claim)', () => {
    const tables = loadDefaultTables();
    const nonAscii = /[^\x00-\x7f]/;
    for (const [key, policy] of Object.entries(tables.reference.cmsPolicies)) assert.ok(!nonAscii.test(JSON.stringify(policy)), `cmsPolicies.${key}`);
    let checked = 0;
    // The coder's corpus, and a long claim drawn from every code of the guide (every rule fires in it).
    const texts = [...slugs.map((slug) => [slug, readExpectation(slug).text]), ['long claim', longClaim(3000, 40, 3).text]];
    for (const [slug, text] of texts) {
      for (const f of analyze(text, tables).findings) {
        const m = messageOf(f);
        assert.ok(!nonAscii.test(m), `${slug}: ${f.rule}: ${m.replace(/[^\x00-\x7f]/g, '<?>')}`);
        for (const r of f.related ?? []) assert.ok(!nonAscii.test(r.label), `${slug}: ${f.rule} related label`);
        checked++;
      }
    }
    assert.ok(checked > 1000);
  });
});
