// The answers while a document's checks still run (issue 23): from the tree and model alone
// (ClaimDocument.modelSteps, whose findings cannot be read) of a worker-held document, or from none
// (a document checked in steps on the server's thread), saying so, never an amount.
import assert from 'node:assert/strict';
import { CHECKS_RUNNING, checkFailedText, ClaimDocument, drain, getCodeLenses, loadDefaultTables, pendingEstimateMarkdown, pendingHover, pendingLenses, pendingSymbols, type Analysis } from '../../../server/src/core/languageService';
import { HEAD } from '../../helpers/features';

const uri = 'file:///x.claim';
const SRC = `${HEAD}on day 0\n  36260 dx A\n  15860 dx A\n\non day 14 pos 11\n  96522 dx A\n`;

/** The model-only analysis the main thread holds of a worker-held document. */
function modelOf(text: string): Analysis {
  return drain(new ClaimDocument(text).modelSteps(loadDefaultTables()))!;
}

const lines = SRC.split('\n');
const lineOf = (prefix: string) => lines.findIndex((l) => l.trimStart().startsWith(prefix));

describe('pending answers (checks still running)', () => {
  it('the model analysis cannot be read as clean: its findings throw', () => {
    assert.throws(() => modelOf(SRC).findings, { name: 'FindingsNotRead' });
  });

  it('hover on a code: its own information, then the line saying the checks are running', () => {
    const line = lineOf('36260');
    const hover = pendingHover(modelOf(SRC), line, lines[line].indexOf('36260') + 1);
    const value = (hover?.contents as { value: string }).value;
    assert.match(value, /\*\*36260\*\*/);
    assert.ok(value.endsWith(`_${CHECKS_RUNNING}_`));
  });

  it('hover on the claim line (its hover is the estimate): that line alone', () => {
    const hover = pendingHover(modelOf(SRC), 0, 8);
    assert.deepEqual(hover?.contents, { kind: 'markdown', value: `_${CHECKS_RUNNING}_` });
  });

  it('the outline: claims and dates from the model, each claim "checking...", no estimate', () => {
    const symbols = pendingSymbols(modelOf(SRC));
    assert.equal(symbols.length, 1);
    assert.equal(symbols[0].detail, 'checking...');
    assert.equal(symbols[0].children?.length, 2);
    assert.ok(!JSON.stringify(symbols).includes('$'));
  });

  it('lenses: on each claim and date where the estimates go, "checking...", no amount; the full analysis gives amounts at the same places', () => {
    const pending = pendingLenses(modelOf(SRC), uri);
    assert.deepEqual(pending.map((l) => [l.range.start.line, l.command?.title]), [
      [0, 'Claim estimate: checking...'],
      [lineOf('on day 0'), 'Date estimate: checking...'],
      [lineOf('on day 14'), 'Date estimate: checking...'],
    ]);
    const full = getCodeLenses(drain(new ClaimDocument(SRC).analyzeSteps(loadDefaultTables()))!, uri);
    assert.deepEqual(full.map((l) => l.range.start.line), pending.map((l) => l.range.start.line));
  });

  it('lenses on more claims than PLAN.lensClaims: the last says how many have none', () => {
    const text = `${SRC}\n${SRC}\n${SRC}`;
    const titles = pendingLenses(modelOf(text), uri, 2).map((l) => l.command?.title);
    assert.equal(titles.at(-1), 'Estimate lenses shown for the first 2 of 3 claims: use Show Claim Estimate for the others');
  });

  it('without a model (a document checked in steps on the server\'s thread, its check not ended): hover says only that it is being checked, no outline, one "checking..." lens, never an amount', () => {
    assert.deepEqual(pendingHover(undefined, 3, 4), { contents: { kind: 'markdown', value: `_${CHECKS_RUNNING}_` } });
    assert.deepEqual(pendingSymbols(undefined), []);
    assert.deepEqual(pendingLenses(undefined, uri).map((l) => [l.range.start.line, l.command?.title, l.command?.arguments]), [[0, 'Claim estimates: checking...', [uri]]]);
  });

  it('the estimate note says the checks are running (plain ASCII)', () => {
    assert.equal(pendingEstimateMarkdown(), `_${CHECKS_RUNNING}_`);
    assert.match(CHECKS_RUNNING, /^[\x20-\x7e]+$/);
  });

  it('after the check of the version failed: each answer says so instead of "checking...", by the error\'s name, in plain ASCII, never an amount', () => {
    const failed = checkFailedText('RangeError');
    assert.match(failed, /^[\x20-\x7e]+$/);
    assert.match(failed, /stopped on an internal error \(RangeError\).*Edit or reopen the file/);
    const hover = pendingHover(modelOf(SRC), 0, 8, 'RangeError');
    assert.deepEqual(hover?.contents, { kind: 'markdown', value: `_${failed}_` });
    assert.ok(pendingSymbols(modelOf(SRC), undefined, 'RangeError').every((s) => s.detail === 'check failed'));
    const titles = pendingLenses(modelOf(SRC), uri, undefined, 'RangeError').map((l) => l.command?.title ?? '');
    assert.ok(titles.length > 0 && titles.every((t) => t.endsWith(': check failed')));
    assert.deepEqual(pendingLenses(undefined, uri, undefined, 'RangeError').map((l) => l.command?.title), ['Claim estimates: check failed']);
    assert.equal(pendingEstimateMarkdown('RangeError'), `_${failed}_`);
    assert.ok(!JSON.stringify([hover, titles]).includes('$'));
  });
});
