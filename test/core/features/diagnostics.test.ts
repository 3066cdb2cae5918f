// Every diagnostic links to its check's row in docs/checks.md (codeDescription), and the link
// resolves: the anchor exists, and the repository is the one package.json names.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze } from '../../../server/src/core/analysis';
import { CHECKS_DOC_URL, toDiagnostics } from '../../../server/src/core/features/diagnostics';
import { RULE_IDS } from '../../../server/src/core/rules';
import { loadDefaultTables } from '../../../server/src/core/tables';

describe('diagnostic links (codeDescription)', () => {
  const checks = readFileSync('docs/checks.md', 'utf8');

  it('point at the repository package.json names', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { repository: { url: string } };
    assert.equal(CHECKS_DOC_URL, `${pkg.repository.url.replace(/\.git$/, '')}/blob/main/docs/checks.md`);
  });

  it('every rule id has its anchor in docs/checks.md', () => {
    for (const id of RULE_IDS) assert.ok(checks.includes(`<a id="${id}"></a>`), `docs/checks.md has no anchor for ${id}`);
  });

  it('a diagnostic carries its rule link; a host can point it elsewhere', () => {
    const text = readFileSync('examples/language-page-example.claim', 'utf8');
    const a = analyze(text, loadDefaultTables());
    const [ncci] = toDiagnostics(a.findings.filter((f) => f.rule === 'ncci-ptp'), 'file:///x.claim');
    assert.equal(ncci?.codeDescription?.href, `${CHECKS_DOC_URL}#ncci-ptp`);
    const local = toDiagnostics(a.findings, 'file:///x.claim', (rule) => `file:///ext/docs/checks.md#${rule}`);
    assert.ok(local.every((d) => d.codeDescription?.href === `file:///ext/docs/checks.md#${String(d.code)}`));
  });
});
