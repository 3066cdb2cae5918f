// Edit consistency over LSP: random incremental edits (inserts, deletes, replacements across line
// breaks, CR and LF typed separately so they fuse into CRLF) sent as didChange; after each
// sequence the server's last diagnostics must equal those of a fresh didOpen of the final text,
// which the test computes itself by applying the edits to a string.
// Short form in `npm test`; HAI_SOAK=1 (npm run test:soak) sends thousands of edits and checks
// that the server's memory (RSS, from haiClaims/_stats) settles within a stated margin.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { claimDocument, insertText } from '../helpers/arbitraries';
import { ensureBuilt } from '../helpers/build';
import { applyChange, lineStarts, type Position } from '../helpers/text';
import { TestClient } from '../helpers/lsp-client';

const SOAK = process.env.HAI_SOAK === '1';

/** An edit as fractions of the current text, turned into a range when it is applied. */
interface EditIntent {
  kind: 'insert' | 'delete' | 'replace' | 'full';
  at: number;
  length: number;
  text: string;
}

const editIntent: fc.Arbitrary<EditIntent> = fc.record({
  kind: fc.constantFrom('insert', 'insert', 'insert', 'delete', 'delete', 'replace', 'replace', 'full'),
  at: fc.nat(),
  // Mostly short (typing), sometimes long (a pasted or deleted block spanning lines).
  length: fc.oneof({ weight: 4, arbitrary: fc.nat(6) }, { weight: 1, arbitrary: fc.nat(400) }),
  text: fc.oneof({ weight: 4, arbitrary: insertText }, { weight: 1, arbitrary: fc.constantFrom('\r', '\n', '\r\n', 'x\r', '\ny') }),
});

/** A batch of 1 to 3 changes sent in one didChange, each relative to the text after the one before. */
const changeBatch = fc.array(editIntent, { minLength: 1, maxLength: 3 });

/** The position of an offset; an offset between the \r and \n of a CRLF is moved before the \r (LSP cannot name it). */
function positionOf(text: string, offset: number): Position {
  if (offset > 0 && text[offset - 1] === '\r' && text[offset] === '\n') offset--;
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

/** Applies one intent to `text`: the change to send and the text after it. */
function realize(text: string, e: EditIntent): { change: TextDocumentContentChangeEvent; text: string } {
  if (e.kind === 'full') return { change: { text: e.text }, text: e.text };
  const start = e.at % (text.length + 1);
  const end = e.kind === 'insert' ? start : Math.min(text.length, start + e.length);
  const range = { start: positionOf(text, start), end: positionOf(text, end) };
  const newText = e.kind === 'delete' ? '' : e.text;
  return { change: { range, text: newText }, text: applyChange(text, range, newText) };
}

/** Diagnostics with one document's URI written as another's, for comparing two documents. */
function asUri(diags: Diagnostic[], from: string, to: string): Diagnostic[] {
  return JSON.parse(JSON.stringify(diags).split(JSON.stringify(from).slice(1, -1)).join(JSON.stringify(to).slice(1, -1)));
}

let seq = 0;

/** Opens a document, sends the batches, and checks the last diagnostics against a fresh open. Returns the final text. */
async function runSequence(client: TestClient, initial: string, batches: EditIntent[][], wait: 'each' | 'last'): Promise<string> {
  const uri = `file:///edits/doc-${++seq}.claim`;
  await client.open(uri, initial);
  let text = initial;
  let last: Promise<Diagnostic[]> | undefined;
  for (const batch of batches) {
    const changes: TextDocumentContentChangeEvent[] = [];
    for (const e of batch) {
      const r = realize(text, e);
      changes.push(r.change);
      text = r.text;
    }
    if (wait === 'each') last = client.change(uri, changes);
    else {
      const version = await client.changeNoWait(uri, changes);
      last = client.diagnosticsFor(uri, version);
    }
  }
  const got = last ? await last : await client.diagnosticsFor(uri, 1);
  const freshUri = `file:///edits/fresh-${seq}.claim`;
  const expected = await client.open(freshUri, text);
  assert.deepEqual(asUri(got, uri, freshUri), expected, 'diagnostics after the edits equal those of a fresh open of the final text');
  await client.close(uri);
  await client.close(freshUri);
  return text;
}

async function stats(client: TestClient): Promise<{ rss: number; heapUsed: number; openDocuments: number }> {
  return client.request('haiClaims/_stats', { gc: true });
}

describe('edit consistency over LSP', function () {
  this.timeout(SOAK ? 900_000 : 60_000);
  const clients: TestClient[] = [];
  const start = (settings: unknown) => {
    const c = new TestClient({ settings });
    clients.push(c);
    return c;
  };
  before(() => ensureBuilt());
  // A failed test must not leave its server running (mocha would wait for it forever).
  afterEach(() => {
    for (const c of clients.splice(0)) if (c.proc.exitCode === null) c.kill();
  });

  it('incremental edits, each awaited, end where a fresh open of the final text is', async () => {
    const client = start({ diagnostics: { debounceMs: 0 } });
    await client.initialize();
    await fc.assert(
      fc.asyncProperty(claimDocument, fc.array(changeBatch, { minLength: 1, maxLength: 25 }), async (initial, batches) => {
        await runSequence(client, initial, batches, 'each');
      }),
      { numRuns: SOAK ? 1000 : 60 },
    );
    assert.equal(await client.shutdown(), 0);
  });

  it('a typing burst under debounce publishes, for its last version, what a fresh open does', async () => {
    const client = start({ diagnostics: { debounceMs: 20 } });
    await client.initialize();
    await fc.assert(
      fc.asyncProperty(claimDocument, fc.array(changeBatch, { minLength: 1, maxLength: 40 }), async (initial, batches) => {
        await runSequence(client, initial, batches, 'last');
      }),
      { numRuns: SOAK ? 500 : 30 },
    );
    assert.equal(await client.shutdown(), 0);
  });

  it('edits that fuse and split CRLF pairs keep lines and diagnostics in step', async () => {
    const client = start({ diagnostics: { debounceMs: 0 } });
    await client.initialize();
    const uri = 'file:///edits/crlf.claim';
    let text = 'claim "x"\rpayer medicare\rpos 11\rdx C78.7\ron day 0\r  96522 dx A\r  J9200 dx A\r';
    await client.open(uri, text);
    // Type \n after each lone \r: every \r\n pair fuses two lines into one break.
    for (let line = 0; line < 7; line++) {
      const range = { start: { line: line + 1, character: 0 }, end: { line: line + 1, character: 0 } };
      text = applyChange(text, range, '\n');
      await client.change(uri, [{ range, text: '\n' }]);
    }
    assert.equal(text, 'claim "x"\r\npayer medicare\r\npos 11\r\ndx C78.7\r\non day 0\r\n  96522 dx A\r\n  J9200 dx A\r\n');
    // Put a service line where the last one was: it must land on line 6, not elsewhere.
    const range = { start: { line: 6, character: 0 }, end: { line: 6, character: 12 } };
    text = applyChange(text, range, '  49000 dx Z');
    const diags = await client.change(uri, [{ range, text: '  49000 dx Z' }]);
    const expected = await client.open('file:///edits/crlf-fresh.claim', text);
    assert.deepEqual(asUri(diags, uri, 'file:///edits/crlf-fresh.claim'), expected);
    assert.ok(diags.some((d) => d.code === 'bad-pointer' && d.range.start.line === 6), 'the pointer Z is flagged on line 6');
    assert.equal(await client.shutdown(), 0);
  });

  (SOAK ? it : it.skip)('soak: thousands of edits, diagnostics never drift, memory settles (HAI_SOAK=1)', async () => {
    // --expose-gc lets haiClaims/_stats collect garbage before it measures.
    const client = new TestClient({ settings: { diagnostics: { debounceMs: 0 } }, env: { NODE_OPTIONS: '--expose-gc' } });
    clients.push(client);
    await client.initialize();
    const sequences = fc.sample(fc.tuple(claimDocument, fc.array(changeBatch, { minLength: 20, maxLength: 60 })), { numRuns: 200, seed: Number(process.env.HAI_SOAK_SEED ?? 20260302) });
    // Warm up (tables, caches, JIT) before the baseline, so the margin measures growth, not start-up.
    for (const [initial, batches] of sequences.slice(0, 40)) await runSequence(client, initial, batches, 'each');
    const before = await stats(client);
    let edits = 0;
    // Many documents, each opened, edited and closed.
    for (const [initial, batches] of sequences.slice(40)) {
      await runSequence(client, initial, batches, 'each');
      edits += batches.reduce((n, b) => n + b.length, 0);
    }
    // One document typed in for hours: every batch of every sequence, checked every 50 changes.
    const uri = 'file:///edits/long-lived.claim';
    let text = sequences[0][0];
    await client.open(uri, text);
    let n = 0;
    for (const [, batches] of sequences) {
      for (const batch of batches) {
        const changes: TextDocumentContentChangeEvent[] = [];
        for (const e of batch) {
          const r = realize(text, e);
          changes.push(r.change);
          text = r.text;
        }
        edits += batch.length;
        if (++n % 50 !== 0) {
          await client.changeNoWait(uri, changes);
          continue;
        }
        const got = await client.change(uri, changes);
        const fresh = `file:///edits/long-lived-check-${n}.claim`;
        assert.deepEqual(asUri(got, uri, fresh), await client.open(fresh, text), `long-lived document after ${n} changes`);
        await client.close(fresh);
      }
    }
    const open = await stats(client);
    await client.close(uri);
    const after = await stats(client);
    assert.ok(edits >= 2000, `soaked with ${edits} edits`);
    assert.equal(after.openDocuments, 0, 'every closed document is forgotten');
    // The stated margin: after a garbage collection, RSS within 40 MB of the warmed-up baseline
    // (V8 keeps some pages it grew into; ~13 MB is typical) and the live heap within 16 MB. Each
    // document's line cache holds only its current lines and goes on close, so more is a leak.
    const mb = (x: number) => `${(x / 1024 / 1024).toFixed(1)} MB`;
    console.log(`      soak: ${edits} edits; RSS ${mb(before.rss)} -> ${mb(after.rss)}, heap ${mb(before.heapUsed)} -> ${mb(after.heapUsed)} (${mb(open.heapUsed)} with the long-lived document open)`);
    assert.ok(after.rss <= before.rss + 40 * 1024 * 1024, `RSS grew from ${mb(before.rss)} to ${mb(after.rss)} (margin 40 MB)`);
    assert.ok(after.heapUsed <= before.heapUsed + 16 * 1024 * 1024, `heap grew from ${mb(before.heapUsed)} to ${mb(after.heapUsed)} (margin 16 MB)`);
    assert.equal(await client.shutdown(), 0);
  });
});
