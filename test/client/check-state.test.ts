// The client's view of checks in the background (client/src/checkState.ts, the pure part of the
// status bar and the estimate view, issue 23): while the server answers the estimate in part the
// view shows that the file is being checked (no amount, never $0.00) and Copy as CSV copies
// nothing; on haiClaims/checking's end the view asks again; a failed check is said in the status
// bar, its tooltip and the view, until a check ends well.
import assert from 'node:assert/strict';
import { checkStatusText, checkTooltip, copyRefusal, docCheckOf, estimateOnChecking, estimateViewOf, failedNote, pageNote, pendingNote } from '../../client/src/checkState';
import type { ClaimEstimate, EstimateResult } from '../../server/src/protocol';
import { analyze } from '../../server/src/core/analysis';
import { loadDefaultTables } from '../../server/src/core/tables';
import { readFileSync } from 'node:fs';

const URI = 'file:///work/a.claim';
const EXAMPLE = readFileSync('examples/language-page-example.claim', 'utf8');

/** The server's answer for a file checked in part (the markdown as the core words it). */
const PENDING: EstimateResult = { markdown: '_The checks are still running._', claims: [], pending: true };

function claimsOf(text: string): ClaimEstimate[] {
  return analyze(text, loadDefaultTables()).estimate() as ClaimEstimate[];
}

describe('client: the estimate view and the status bar while a file is checked in the background (issue 23)', () => {
  it('a pending answer shows the note that the file is being checked: no table, no amount, never $0.00; Copy as CSV copies nothing and says why', () => {
    const view = estimateViewOf(PENDING);
    assert.equal(view.state, 'pending');
    assert.equal(view.html, pendingNote());
    assert.match(view.html, /still being checked/);
    assert.ok(!view.html.includes('$') && !view.html.includes('<table'), 'no amount and no table');
    assert.match(copyRefusal(view) ?? '', /still being checked; copy its estimate when the checks finish/);
  });

  it('a full answer shows the table of its claims (with the page note of a huge file), and Copy as CSV copies them', () => {
    const claims = claimsOf(EXAMPLE);
    assert.ok(claims.length > 0);
    const view = estimateViewOf({ markdown: '', claims });
    assert.equal(view.state, 'estimate');
    assert.ok(view.state === 'estimate' && view.claims === claims);
    assert.match(view.html, /<table/);
    assert.match(view.html, /\$\d/, 'amounts');
    assert.equal(copyRefusal(view), undefined);
    const paged = estimateViewOf({ markdown: '', claims, first: 200, total: 5000 });
    assert.ok(paged.html.startsWith(pageNote({ markdown: '', claims, first: 200, total: 5000 })));
    assert.ok(paged.html.startsWith(`<p class="note">Claims 201 to ${200 + claims.length} of 5000 are shown`));
  });

  it('haiClaims/checking: nothing while the checks run; asked again when they end; the failure shown, by name, when they fail', () => {
    assert.equal(estimateOnChecking({ uri: URI, checking: true, percent: 40 }), undefined, 'the pending note stays while the checks run');
    assert.deepEqual(estimateOnChecking({ uri: URI, checking: false }), { refresh: true });
    const failed = estimateOnChecking({ uri: URI, checking: false, failed: 'TypeError' });
    assert.ok(failed && 'show' in failed);
    assert.equal(failed.show.state, 'failed');
    assert.equal(failed.show.html, failedNote('TypeError'));
    assert.match(failed.show.html, /stopped on an internal error \(TypeError\), so no estimate is shown/);
    assert.ok(!failed.show.html.includes('$'));
    assert.match(copyRefusal(failed.show) ?? '', /failed, so there is no estimate to copy/);
    // A name is escaped (it comes from the server).
    assert.match(failedNote('<b>'), /\(&#60;b&#62;\)/);
  });

  it('the status bar: how far along while checking, a failed check by its name until a check ends well', () => {
    const checking = docCheckOf({ uri: URI, checking: true, percent: 40 });
    assert.deepEqual(checking, { state: 'checking', percent: 40 });
    assert.equal(checkStatusText(checking!), '$(sync~spin) HAI: checking in the background, 40%');
    assert.equal(checkStatusText(docCheckOf({ uri: URI, checking: true })!), '$(sync~spin) HAI: checking in the background');
    assert.match(checkTooltip(checking!), /being checked in the background \(40%\)/);

    const failed = docCheckOf({ uri: URI, checking: false, failed: 'RangeError' });
    assert.deepEqual(failed, { state: 'failed', error: 'RangeError' });
    assert.equal(checkStatusText(failed!), '$(error) HAI: check failed');
    const tip = checkTooltip(failed!);
    assert.match(tip, /stopped on an internal error\*\* \(RangeError\)/);
    assert.match(tip, /not shown as clean/);
    assert.match(tip, /Edit the file \(or close and reopen it\) to check it again/);
    assert.match(checkTooltip({ state: 'failed', error: 'a_b' }), /\(a\\_b\)/, 'markdown-safe');

    assert.equal(docCheckOf({ uri: URI, checking: false }), undefined, 'a check that ended well clears it');
  });

  it('the messages are plain ASCII', () => {
    const texts = [pendingNote(), failedNote('Error'), copyRefusal({ state: 'pending', html: '' }), copyRefusal({ state: 'failed', error: 'Error', html: '' }), checkTooltip({ state: 'failed', error: 'Error' })];
    for (const t of texts) assert.match(t ?? '', /^[\x20-\x7e\n]*$/);
  });
});
