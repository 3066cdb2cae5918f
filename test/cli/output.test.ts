// `hai-claims check --format json|sarif` and `hai-claims estimate`: shapes, SARIF validity against
// the official schema, and the examples' expected findings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { analyze } from '../../server/src/core/analysis';
import { RULES } from '../../server/src/core/rules';
import { loadDefaultTables } from '../../server/src/core/tables';
import { ROOT, buildCli, fixture, hai, withoutNotRun, withoutNotRunNotes } from '../helpers/cli';

interface JsonDiagnostic {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: string;
  code: string;
  source: string;
  message: string;
  related?: { range: JsonDiagnostic['range']; message: string }[];
}

const schema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a SARIF log is read field by field below
const validateSarif = ajv.compile<any>(schema);

describe('hai-claims output formats (built CLI)', function () {
  this.timeout(60_000);
  before(() => buildCli());

  describe('--format json', () => {
    it('is an array of {file, range, severity, code, source, message} with 0-based LSP ranges', () => {
      const r = hai(['check', '--format', 'json', fixture('errors.claim')]);
      assert.equal(r.status, 1);
      assert.equal(withoutNotRunNotes(r.stderr), '');
      const list = JSON.parse(r.stdout) as JsonDiagnostic[];
      assert.ok(Array.isArray(list));
      assert.deepEqual(
        list.map((d) => [d.file, d.range, d.severity, d.code, d.source]),
        [
          ['test/fixtures/cli/errors.claim', { start: { line: 8, character: 2 }, end: { line: 8, character: 7 } }, 'error', 'ncci-ptp', 'hai-claims'],
          ['test/fixtures/cli/errors.claim', { start: { line: 9, character: 2 }, end: { line: 9, character: 7 } }, 'warning', 'kd-required', 'hai-claims'],
          ['test/fixtures/cli/errors.claim', { start: { line: 9, character: 2 }, end: { line: 9, character: 7 } }, 'warning', 'drug-hospital', 'hai-claims'],
        ],
      );
      for (const d of list) {
        assert.deepEqual(Object.keys(d).filter((k) => k !== 'related').sort(), ['code', 'file', 'message', 'range', 'severity', 'source']);
        assert.ok(d.message.length > 20);
      }
      // The NCCI finding points at the other code's line.
      assert.deepEqual(list[0].related?.map((x) => x.range.start.line), [7]);
    });

    it('agrees with the text output position for position', () => {
      const text = withoutNotRun(hai(['check', fixture('errors.claim')]).stdout).trim().split('\n').slice(0, -1);
      const json = JSON.parse(hai(['check', '--format', 'json', fixture('errors.claim')]).stdout) as JsonDiagnostic[];
      assert.deepEqual(
        text,
        json.map((d) => `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code}: ${d.message}`),
      );
    });

    it('a clean file gives an empty array and exit 0', () => {
      const r = hai(['check', '--format', 'json', fixture('clean.claim')]);
      assert.equal(r.status, 0);
      assert.deepEqual(JSON.parse(r.stdout), []);
    });
  });

  describe('--format sarif', () => {
    const run = () => hai(['check', '--format', 'sarif', fixture('errors.claim'), fixture('clean.claim')]);

    it('is valid against the official SARIF 2.1.0 schema', () => {
      const r = run();
      assert.equal(r.status, 1);
      const log = JSON.parse(r.stdout);
      const ok = validateSarif(log);
      assert.ok(ok, JSON.stringify(validateSarif.errors, null, 2));
      assert.equal(log.version, '2.1.0');
    });

    it('a run with no results is valid too', () => {
      const log = JSON.parse(hai(['check', '--format', 'sarif', fixture('clean.claim')]).stdout);
      assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2));
      assert.deepEqual(log.runs[0].results, []);
    });

    it('lists every rule of the registry with a short description and default level', () => {
      const driver = JSON.parse(run().stdout).runs[0].tool.driver;
      assert.equal(driver.name, 'hai-claims');
      const byId = new Map<string, { shortDescription: { text: string }; defaultConfiguration: { level: string } }>(
        driver.rules.map((r: { id: string }) => [r.id, r]),
      );
      for (const rule of RULES) {
        const d = byId.get(rule.id);
        assert.ok(d, `rule ${rule.id} in the driver`);
        assert.equal(d.shortDescription.text, rule.summary);
        assert.equal(d.defaultConfiguration.level, rule.defaultSeverity === 'error' ? 'error' : rule.defaultSeverity === 'warning' ? 'warning' : 'note');
      }
    });

    it('results: ruleId and ruleIndex agree, level, message, 1-based regions, related locations', () => {
      const runObj = JSON.parse(run().stdout).runs[0];
      const [ncci, kd] = runObj.results;
      assert.equal(ncci.ruleId, 'ncci-ptp');
      assert.equal(runObj.tool.driver.rules[ncci.ruleIndex].id, 'ncci-ptp');
      assert.equal(ncci.level, 'error');
      assert.match(ncci.message.text, /^49000 is not reimbursable/);
      const loc = ncci.locations[0].physicalLocation;
      assert.deepEqual(loc.artifactLocation, { uri: 'test/fixtures/cli/errors.claim', uriBaseId: '%SRCROOT%' });
      assert.deepEqual(loc.region, { startLine: 9, startColumn: 3, endLine: 9, endColumn: 8 });
      assert.equal(ncci.relatedLocations[0].physicalLocation.region.startLine, 8);
      assert.match(ncci.relatedLocations[0].message.text, /36260/);
      assert.equal(kd.level, 'warning');
      assert.ok(runObj.originalUriBaseIds['%SRCROOT%'].uri.startsWith('file:///'));
    });

    it('the examples as a whole give a valid log', () => {
      const log = JSON.parse(hai(['check', '--format', 'sarif', 'examples/']).stdout);
      assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2));
      assert.ok(log.runs[0].results.length > 10);
    });
  });

  describe('estimate', () => {
    it('text: an aligned table per claim with base, reduction, reason, amount and totals', () => {
      const r = hai(['estimate', 'examples/language-page-example.claim']);
      assert.equal(r.status, 0);
      assert.equal(r.stderr, '');
      const lines = r.stdout.split('\n');
      assert.equal(lines[0], 'examples/language-page-example.claim: claim 1 (line 2)');
      const header = lines[1];
      assert.match(header, /^ {2}DATE +POS +LINE +CODE +UNITS +BASE +REDUCTION +AMOUNT +REASON$/);
      const mppr = lines.find((l) => /\b15860\b/.test(l))!;
      assert.match(mppr, /^ {2}2026-03-02 +21 facility +12 +15860 +1 +93\.00 +46\.50 +46\.50 +MPPR \(endnote a\)/);
      assert.match(lines.find((l) => /\b49000\b/.test(l))!, /729\.00 +729\.00 +0\.00 +Denied by the ncci-ptp check\./);
      assert.match(r.stdout, /date total +771\.50\n/);
      assert.match(r.stdout, /date total +8,381\.00\n/);
      assert.match(r.stdout, /claim total +9,152\.50\n/);
      assert.match(r.stdout, /1 claim in 1 file: estimated Medicare allowable \$9,152\.50\.\n$/);
      // Aligned: the amounts of one table end in the same column.
      const table = lines.slice(2, lines.findIndex((l) => l.includes('claim total')) + 1);
      const ends = new Set(table.map((l) => l.search(/\d\.\d\d(?= {2}[A-Z]|$)/) ));
      assert.equal(ends.size, 1, `amounts aligned:\n${table.join('\n')}`);
    });

    it('json: per claim and date, the same figures as the core', () => {
      const r = hai(['estimate', '--format', 'json', 'examples/language-page-example.claim']);
      assert.equal(r.status, 0);
      const [claim] = JSON.parse(r.stdout);
      const text = readFileSync(join(ROOT, 'examples/language-page-example.claim'), 'utf8');
      const [core] = analyze(text, loadDefaultTables()).estimate();
      assert.equal(claim.file, 'examples/language-page-example.claim');
      assert.equal(claim.claim, 1);
      assert.equal(claim.total, core.total);
      assert.deepEqual(claim.dates.map((d: { date: string; total: number }) => [d.date, d.total]), core.dates.map((d) => [d.label, d.total]));
      const line15860 = claim.dates[0].lines.find((l: { code: string }) => l.code === '15860');
      assert.deepEqual(
        { base: line15860.base, reduction: line15860.reduction, amount: line15860.amount, kind: line15860.reductions[0].kind, line: line15860.line },
        { base: 93, reduction: 46.5, amount: 46.5, kind: 'mppr-surgery', line: 12 },
      );
      assert.ok(!('name' in claim), 'claim names are document text');
    });

    it('exit 2 for a missing file', () => {
      const r = hai(['estimate', fixture('missing.claim')]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /missing\.claim: no such file or directory/);
    });
  });

  describe('examples/', () => {
    it('check examples/ --format json lists the expected findings of every example', () => {
      const r = hai(['check', 'examples/', '--format', 'json']);
      assert.equal(r.status, 1);
      const byFile: Record<string, string[]> = {};
      for (const d of JSON.parse(r.stdout) as JsonDiagnostic[]) (byFile[d.file] ??= []).push(`${d.range.start.line + 1} ${d.code}`);
      assert.deepEqual(byFile, {
        // Issue 13: the consultation codes of the problem examples are consult-medicare findings too.
        'examples/1-patient-evaluation-problems.claim': ['8 dx-jurisdiction', '11 consult-medicare', '11 setting-na', '14 mod26-required', '16 nucmed-one'],
        'examples/2-surgical-preparation-problems.claim': ['11 consult-medicare', '11 global-period', '15 ncci-ptp', '16 ncci-ptp', '17 ncci-77002'],
        'examples/3-pump-implant-problems.claim': ['12 mod26-required', '13 nucmed-one', '14 ncci-77002'],
        'examples/4-revision-removal-problems.claim': ['13 global-period', '16 global-period'],
        'examples/5-hai-therapy-problems.claim': ['11 kd-required', '12 a4220-bundled', '15 incident-to-facility', '16 drug-hospital', '19 mod-invalid'],
        'examples/language-page-example.claim': ['13 ncci-ptp'],
      });
    });

    it('the clean examples are clean even with --fail-on hint', () => {
      const clean = ['1-patient-evaluation', '2-surgical-preparation', '3-pump-implant', '4-revision-removal', '5-hai-therapy'];
      const r = hai(['check', '--fail-on', 'hint', ...clean.map((n) => `examples/${n}.claim`)]);
      assert.match(withoutNotRun(r.stdout), /^5 files checked: no problems found\.\n$/);
      assert.equal(r.status, 0);
    });
  });
});
