// The check worker's findings on the wire (server/src/handlers/findings-wire.ts): what the main
// thread reads of them is what the worker had, read as often as asked; and the copies the core
// makes of a finding (a suppressed one) keep what is decoded when read.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { analyze, ClaimDocument, drain, loadDefaultTables, withFindings, type Finding } from '../../server/src/core/languageService';
import { decodeFindings, encodeFindings, transferables, type FindingsWire } from '../../server/src/handlers/findings-wire';
import { dir, slugs } from '../acceptance/corpus';

const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

/** Every finding of the acceptance corpus, with what rules put in data, related places and fixes. */
function corpusFindings(): Finding[] {
  const tables = loadDefaultTables();
  const out: Finding[] = [];
  for (const slug of slugs) for (const f of analyze(readFileSync(join(dir, `${slug}.claim`), 'utf8'), tables).checked ?? []) out.push(f);
  return out;
}

describe('findings on the wire from the check worker', () => {
  it('decode to what was encoded, across the acceptance corpus and values of every kind', () => {
    const findings = corpusFindings();
    assert.ok(findings.length > 50, `${findings.length} findings`);
    // Kinds the corpus may lack: doubles, -0, booleans, null, undefined, nested arrays, denials.
    const odd = {
      rule: 'mue',
      severity: 'error',
      line: 3,
      start: 0,
      end: 5,
      data: { amount: 12.34, big: 2 ** 40, negative: -7, zero: -0, yes: true, no: false, none: null, missing: undefined, codes: ['a', 'b'], empty: [] },
      deniesLine: 3,
      deniesUnits: 2,
      deniesLines: [4, 5],
    } as unknown as Finding;
    const all = [...findings, odd];
    const decoded = decodeFindings(encodeFindings(all));
    assert.deepEqual(plain(decoded), plain(all));
    // The decoded finding's fields, read twice, are the same; -0 and undefined survive.
    const last = decoded.at(-1)!;
    assert.deepEqual(last.data, last.data);
    assert.ok(Object.is((last.data as Record<string, unknown>).zero, -0));
    assert.ok('missing' in last.data);
    assert.deepEqual(last.deniesLines, [4, 5]);
    for (let i = 0; i < findings.length; i++) {
      assert.deepEqual(decoded[i].related, findings[i].related);
      assert.deepEqual(decoded[i].fixes, findings[i].fixes);
    }
  });

  it('travel as transferred arrays: a message of them costs the sender nothing to keep', async () => {
    const wire = encodeFindings(corpusFindings());
    const { port1, port2 } = new MessageChannel();
    const got = new Promise<FindingsWire>((resolve) => port2.once('message', resolve));
    port1.postMessage(wire, transferables(wire));
    const received = await got;
    assert.equal(wire.values.byteLength, 0, 'transferred, not copied');
    assert.ok(received.values.byteLength > 0);
    assert.equal(decodeFindings(received).length, received.count);
    port1.close();
    port2.close();
  });

  it('the main thread analysis from decoded findings is the one analyze gives, suppressions included', () => {
    const tables = loadDefaultTables();
    // A claim of the corpus with a finding on a line without a comment: a directive there suppresses it.
    let withDirective = '';
    for (const slug of slugs) {
      const text = readFileSync(join(dir, `${slug}.claim`), 'utf8');
      const lines = text.split('\n');
      const f = analyze(text, tables).checked?.find((x) => x.line > 0 && !lines[x.line].includes('#'));
      if (!f) continue;
      lines[f.line] += ` # hai-claims-ignore ${f.rule}: op note reviewed`;
      withDirective = lines.join('\n');
      break;
    }
    const expected = analyze(withDirective, tables);
    const model = drain(new ClaimDocument(withDirective).modelSteps(tables))!;
    const got = withFindings(model, decodeFindings(encodeFindings(expected.checked ?? [])))!;
    assert.deepEqual(plain(got.findings), plain(expected.findings));
    assert.ok((expected.suppressed ?? []).length > 0, 'a finding is suppressed');
    assert.ok(expected.suppressed!.every((f) => f.data), 'with its data');
    assert.deepEqual(plain(got.suppressed), plain(expected.suppressed));
    assert.deepEqual(plain(got.estimate()), plain(expected.estimate()));
  });
});
