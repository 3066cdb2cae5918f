// The claim lines `locality 10212-01` and `county GA FULTON` (issue 16): parsing, the claim model,
// messages, and completion of the localities of the claim's state and the counties of a state.
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis';
import { doComplete } from '../../../server/src/core/languageService';
import { parseSettings } from '../../../server/src/core/settings';
import { parseLine } from '../../../server/src/core/syntax/parser';
import { createTables } from '../../../server/src/core/tables';
import { loadGuideTables, loadReferenceTables } from '../../../server/src/core/tables/load';
import { loadGpci, loadLocalities } from '../../../server/src/core/tables/loaders';
import { GPCI, localFixture, LOCCO } from '../../helpers/local-fixtures';

const problems = (text: string) => parseLine(text).problems.map((p) => ({ rule: p.rule, start: p.start, end: p.end, reason: p.data.reason }));
const tables = createTables(loadGuideTables(), loadReferenceTables(), { gpci: loadGpci(localFixture(GPCI)).table, localities: loadLocalities(localFixture(LOCCO)).table });

describe('locality and county lines', () => {
  it('parse, with the county name spanning its words', () => {
    const l = parseLine('locality 10212-01');
    assert.equal(l.kind, 'locality');
    assert.deepEqual(problems('locality 10212-01'), []);
    const c = parseLine('county GA  DE KALB # note');
    assert.ok(c.kind === 'county');
    assert.equal(c.value?.text, 'GA');
    assert.deepEqual(c.name, { start: 11, end: 18, text: 'DE KALB' });
    assert.deepEqual(problems('county GA DE KALB'), []);
  });

  it('report a malformed locality, a bad state, a missing county, a lower-case state', () => {
    assert.deepEqual(problems('locality 10212'), [{ rule: 'syntax', start: 9, end: 14, reason: 'bad-locality' }]);
    assert.deepEqual(problems('locality'), [{ rule: 'syntax', start: 0, end: 8, reason: 'missing-value' }]);
    assert.deepEqual(problems('locality 10212-01 x'), [{ rule: 'syntax', start: 18, end: 19, reason: 'unexpected-text' }]);
    assert.deepEqual(problems('county GEORGIA FULTON'), [{ rule: 'syntax', start: 7, end: 14, reason: 'bad-state' }]);
    assert.deepEqual(problems('county GA'), [{ rule: 'syntax', start: 0, end: 9, reason: 'missing-value' }]);
    assert.deepEqual(problems('county ga FULTON'), [{ rule: 'syntax', start: 7, end: 9, reason: 'value-case' }]);
  });

  it('are read into the claim model, a second one reported as a repeated header', () => {
    const a = analyze('claim "x"\npayer medicare\nstate GA\nlocality 10212-01\ncounty GA fulton\nlocality 10212-99\n', tables);
    const claim = a.model.claims[0];
    assert.equal(claim.locality?.value, '10212-01');
    assert.equal(claim.locality?.line, 3);
    assert.deepEqual([claim.county?.state, claim.county?.name], ['GA', 'FULTON']);
    assert.deepEqual(claim.repeatedHeaders.map((r) => [r.line, r.first]), [[5, 3]]);
  });

  it('complete the localities of the claim\'s state, and the counties of a state', () => {
    const doc = 'claim "x"\npayer medicare\nstate GA\nlocality \ncounty GA \n';
    const a = analyze(doc, tables);
    const items = doComplete(a, 3, 9).items;
    assert.deepEqual(items.map((i) => i.label), ['10212-01', '10212-99']);
    assert.match(String(items[0].detail), /ATLANTA, GA · BUTTS, CHEROKEE, CLAYTON, COBB, \.\.\./);
    assert.match(String(items[1].detail), /REST OF GEORGIA, GA · all other counties/);
    const counties = doComplete(a, 4, 10).items.map((i) => i.label);
    assert.ok(counties.includes('FULTON') && counties.length === 14);
  });

  it('put the default locality first, and offer every locality to a claim with no state', () => {
    const { settings } = parseSettings({ defaultLocality: '10212-99' });
    const a = analyze('claim "x"\nlocality \n', tables, { settings });
    const items = doComplete(a, 1, 9).items;
    assert.equal(items.length, 6);
    assert.equal([...items].sort((x, y) => String(x.sortText).localeCompare(String(y.sortText)))[0].label, '10212-99');
  });

  it('the setting is validated', () => {
    assert.deepEqual(parseSettings({ defaultLocality: '10212' }).problems.map((p) => p.path), ['defaultLocality']);
    assert.equal(parseSettings({ defaultLocality: '10212-01' }).settings.defaultLocality, '10212-01');
  });
});
