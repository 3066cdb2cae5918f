// The client's pure parts: phase snippets made for the user's settings (every claim snippet stays
// a clean claim with another state and place of service), and the estimate view's table and CSV.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { estimateCsv, estimateTableHtml } from '../../client/src/estimateTable';
import { parsePhaseSnippets, personalize, snippetDefaults } from '../../client/src/snippetBodies';
import { analyze } from '../../server/src/core/analysis';
import { loadDefaultTables } from '../../server/src/core/tables';
import { expand } from '../helpers/snippets';

const problems = (text: string) =>
  analyze(text, loadDefaultTables())
    .findings.filter((f) => f.severity === 'error' || f.severity === 'warning')
    .map((f) => `${f.severity} ${f.rule} line ${f.line}`);

const PHASE_SNIPPETS = parsePhaseSnippets(JSON.parse(readFileSync('snippets/hai-claim.json', 'utf8')));

describe('client: phase snippets with the settings', () => {
  it('has every snippet of snippets/hai-claim.json', () => {
    const file = JSON.parse(readFileSync('snippets/hai-claim.json', 'utf8')) as Record<string, unknown>;
    assert.deepEqual(PHASE_SNIPPETS.map((s) => s.name), Object.keys(file));
  });

  it('puts haiClaims.defaultState in every claim and defaultPos in office claims', () => {
    const d = { state: 'NY', pos: '22' };
    for (const s of PHASE_SNIPPETS.filter((x) => x.isClaim)) {
      const text = expand(personalize(s.body, d));
      assert.match(text, /^state NY$/m, `${s.prefixes[0]} keeps another state`);
      assert.doesNotMatch(text, /^state GA\b/m);
      const own = /^pos \$\{\d+:(\d\d)\}/m.exec(s.body)?.[1];
      assert.match(text, new RegExp(`^pos ${own === '11' ? '22' : own}$`, 'm'), `${s.prefixes[0]} place of service`);
    }
  });

  it('leaves out what is not a snippet', () => {
    assert.deepEqual(parsePhaseSnippets({ a: { prefix: 'hai-x' }, b: 7, c: { prefix: ['hai-y'], body: ['x'] } }).map((s) => s.name), ['c']);
    assert.deepEqual(parsePhaseSnippets(null), []);
  });

  it('keeps the package defaults when the settings are the defaults, or invalid', () => {
    for (const s of PHASE_SNIPPETS) assert.equal(personalize(s.body, snippetDefaults('GA', '11')), s.body);
    assert.deepEqual(snippetDefaults('New York', 7), { state: 'GA', pos: '11' });
  });

  for (const s of PHASE_SNIPPETS.filter((x) => x.isClaim)) {
    it(`${s.prefixes[0]} with state NY is a clean claim`, () => {
      assert.deepEqual(problems(expand(personalize(s.body, { state: 'NY', pos: '11' }))), []);
    });
  }
});

describe('client: the estimate table and its CSV', () => {
  const a = analyze(readFileSync('examples/language-page-example.claim', 'utf8'), loadDefaultTables());
  const claims = a.estimate();

  it('shows each line with base, reductions with reasons, amount and status, and a line to reveal', () => {
    const html = estimateTableHtml(claims);
    // amount and status come right after the code: a 500 px view keeps them in sight (issue 25)
    assert.match(html, /<tr data-line="11"[^>]*><td class="num line">12<\/td><td><code>15860<\/code><\/td><td class="num amount">\$46\.50<\/td><td class="status">reduced<\/td><td class="num base">\$93\.00<\/td><td class="reductions"><div>&minus;\$46\.50 MPPR/);
    assert.match(html, /<code>49000<\/code><\/td><td class="num amount">\$0\.00<\/td><td class="status">denied<\/td>/);
    assert.match(html, /Claim total: <strong>\$/);
  });

  it('escapes the claim name', () => {
    const html = estimateTableHtml([{ ...claims[0]!, name: '<img src=x onerror=alert(1)>' }]);
    assert.doesNotMatch(html, /<img/);
  });

  it('CSV: a header, one row per line, plain numbers, no claim name, CRLF', () => {
    const csv = estimateCsv([{ file: 'a.claim', claims: [{ ...claims[0]!, name: '=cmd, "x"' }] }]);
    const rows = csv.split('\r\n');
    assert.equal(rows[0], 'file,claim,line,date,place of service,code,modifiers,units,base,reductions,amount,status,reason');
    assert.equal(rows.length - 2, claims[0]!.dates.reduce((n, d) => n + d.lines.length, 0));
    assert.doesNotMatch(csv, /cmd/);
    assert.match(rows[2]!, /^a\.claim,1,12,2026-03-02,21,15860,,1,93\.00,-?46\.50,46\.50,reduced,"?MPPR \(endnote a\)/);
    assert.equal(rows.at(-1), '');
  });

  it('CSV leaves an unpriced line without amounts (never 0.00)', () => {
    const c = structuredClone(claims[0]!);
    const l = c.dates[0]!.lines[0]!;
    Object.assign(l, { status: 'unpriced', base: 0, amount: 0, adjustments: [{ kind: 'unpriced', amount: 0, reason: 'No place of service.' }] });
    const row = estimateCsv([{ file: 'a.claim', claims: [c] }]).split('\r\n')[1]!;
    assert.match(row, /,,,,unpriced,No place of service\.$/);
  });
});
