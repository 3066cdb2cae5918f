// Issue 21: the claim's locality is resolved once, into the claim model (claim.resolvedLocality),
// as kinds and data with no prose; the locality rules, the estimate and hover read that field, and
// every word about it comes from messages.ts (the findings' own messages, in the estimate's notes
// too). A locally priced line never reads "National Medicare allowable". Fixtures:
// test/fixtures/cms/as-shipped (copied from ../shared/cms-layouts/as-shipped; made-up figures).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/core/analysis';
import { doHover, getInlayHints, resolveInlayHint } from '../../../server/src/core/languageService';
import { messageOf } from '../../../server/src/core/rules/messages';
import { parseSettings } from '../../../server/src/core/settings';
import { createTables } from '../../../server/src/core/tables';
import { loadGuideTables, loadReferenceTables } from '../../../server/src/core/tables/load';
import { loadGpci, loadLocalities, loadPfsRvu, type LoaderFile } from '../../../server/src/core/tables/loaders';
import { CMS_DIR } from '../../helpers/cms-fixtures';

const shipped = (name: string): LoaderFile => ({ name, text: readFileSync(join(CMS_DIR, 'as-shipped', name), 'utf8') });
const tables = createTables(loadGuideTables(), loadReferenceTables(), {
  rvu: loadPfsRvu(shipped('PPRRVU2026_Jan_nonQPP.csv')).table,
  gpci: loadGpci(shipped('GPCI2026.csv')).table,
  localities: loadLocalities(shipped('26LOCCO.csv')).table,
});
/** A claim with its `locality` or `county` line (`where`), or with neither (''). */
const claim = (where: string) => ['claim "x"', 'payer medicare', 'state GA', ...(where ? [where] : []), 'pos 11', 'dx C78.7', '', 'on 2026-02-10', '  99213 dx A', ''].join('\n');
const withDefault = (id: string) => ({ settings: parseSettings({ defaultLocality: id }).settings });
const text = (contents: unknown): string => (typeof contents === 'object' && contents && 'value' in contents ? String((contents as { value: string }).value) : JSON.stringify(contents));

describe('the locality in the claim model (issue 21)', () => {
  it('is resolved into claim.resolvedLocality: a locality line, a county line, the default setting', () => {
    const byLine = analyze(claim('locality 10212-01'), tables).model.claims[0].resolvedLocality;
    assert.deepEqual([byLine.locality?.id, byLine.locality?.via, byLine.problems, byLine.national], ['10212-01', 'locality', [], undefined]);
    const byCounty = analyze(claim('county GA DE KALB'), tables).model.claims[0].resolvedLocality;
    assert.deepEqual([byCounty.locality?.id, byCounty.locality?.via, byCounty.locality?.area?.area], ['10212-01', 'county', 'ATLANTA']);
    const none = analyze(claim(''), tables).model.claims[0].resolvedLocality;
    assert.deepEqual([none.locality, none.national], [undefined, 'no-locality']);
    // The default is the settings': another setting, another analysis, another model.
    const byDefault = analyze(claim(''), tables, withDefault('10212-99')).model.claims[0].resolvedLocality;
    assert.deepEqual([byDefault.locality?.id, byDefault.locality?.via], ['10212-99', 'default']);
  });

  it('the estimate prices in the model\'s locality and names it in its typed provenance', () => {
    const est = analyze(claim('county GA DE KALB'), tables).estimate()[0];
    assert.deepEqual(est.locality, { id: '10212-01', label: 'ATLANTA, GA (MAC 10212, locality 01)', via: 'county' });
    assert.deepEqual(est.provenance?.locality, { id: '10212-01', label: 'ATLANTA, GA (MAC 10212, locality 01)', via: 'county', gpciFile: 'CY2026 PFS GPCIs (GPCI2026.csv)', countyFile: 'CY2026 PFS locality-to-county file (26LOCCO.csv)' });
    assert.equal(est.dates[0].lines[0].basis, 'locality');
  });

  it("a locality problem is said in the finding's own words in the estimate's notes (one wording)", () => {
    const a = analyze(claim('locality 10212-05'), tables);
    const finding = a.findings.find((f) => f.rule === 'unknown-locality')!;
    assert.ok(finding);
    const est = a.estimate()[0];
    assert.ok(est.notes.includes(messageOf(finding)), est.notes.join('\n'));
    assert.equal(est.provenance?.national, 'unknown-locality');
    assert.match(est.provenance!.nationalBecause!, /^locality 10212-05 is not in CY2026 PFS GPCIs \(GPCI2026\.csv\)$/);
    assert.ok(est.notes.includes('National Medicare allowables (no geographic adjustment): locality 10212-05 is not in CY2026 PFS GPCIs (GPCI2026.csv).'));
  });

  it('a default locality the GPCI file does not list: no finding (the setting has no line), the estimate says so by the setting\'s name', () => {
    const a = analyze(claim(''), tables, withDefault('10212-05'));
    assert.deepEqual(a.findings.filter((f) => f.rule === 'unknown-locality'), []);
    const notes = a.estimate()[0].notes;
    assert.ok(notes.some((n) => n.startsWith('haiClaims.defaultLocality 10212-05 is not in CY2026 PFS GPCIs (GPCI2026.csv), so claims with no locality or county line are priced nationally.')), notes.join('\n'));
  });

  it('a county in no locality: the hover on the county line says it in the finding\'s words', () => {
    const doc = claim('county WY LARAMIE');
    const a = analyze(doc, tables);
    const finding = a.findings.find((f) => f.rule === 'unknown-county')!;
    const line = doc.split('\n').findIndex((l) => l.startsWith('county'));
    assert.equal(text(doHover(a, line, 2)?.contents), `**Locality** · ${messageOf(finding)}`);
  });

  it('a locally priced line never reads "National Medicare allowable": hover, inlay tooltip, estimate notes', () => {
    const doc = claim('county GA FULTON');
    const a = analyze(doc, tables);
    const line = doc.split('\n').findIndex((l) => l.trim().startsWith('99213'));
    const hover = text(doHover(a, line, 3)?.contents);
    assert.match(hover, /ATLANTA/);
    const hint = resolveInlayHint(a, getInlayHints(a)[0]);
    const tip = typeof hint.tooltip === 'string' ? hint.tooltip : hint.tooltip!.value;
    const notes = a.estimate()[0].notes.join('\n');
    for (const words of [hover, tip, notes]) assert.doesNotMatch(words, /National Medicare allowable/);
    assert.match(tip, /GPCI-adjusted for locality 10212-01/);
  });
});
