// The national file descriptors (core/tables/national-files.ts) are the one list of national CMS
// files: package.json's settings and untrusted-workspace restrictions, the settings schema and
// its default, and each descriptor's builder must agree with it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, parseSettings } from '../../../server/src/core/settings';
import { DATA_KEYS, emptyNationalData, NATIONAL_FILE_LIST } from '../../../server/src/core/tables/national-files';
import { loadWith } from '../../../server/src/core/tables/loaders';
import { CMS_DIR, fixture, ICD, MUE, PTP_F1, RVU } from '../../helpers/cms-fixtures';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { type?: string; items?: { type?: string }; default?: unknown; markdownDescription?: string }> } };
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
};
const settingNames = DATA_KEYS.map((k) => `haiClaims.data.${k}`).sort();

describe('national file descriptors', () => {
  it('package.json contributes exactly one haiClaims.data.* setting per descriptor, a list of paths described by its label', () => {
    const props = pkg.contributes.configuration.properties;
    assert.deepEqual(Object.keys(props).filter((k) => k.startsWith('haiClaims.data.')).sort(), settingNames);
    for (const d of NATIONAL_FILE_LIST) {
      const p = props[`haiClaims.data.${d.key}`];
      assert.equal(p.type, 'array', d.key);
      assert.equal(p.items?.type, 'string', d.key);
      assert.deepEqual(p.default, [], d.key);
      assert.ok(p.markdownDescription?.includes(d.label), `haiClaims.data.${d.key}'s description names "${d.label}"`);
    }
  });

  it('package.json restricts exactly the descriptors\' settings in untrusted workspaces', () => {
    assert.deepEqual([...pkg.capabilities.untrustedWorkspaces.restrictedConfigurations].sort(), settingNames);
  });

  it('the settings read every descriptor\'s key, nested or dotted, and default to no files', () => {
    assert.deepEqual(DEFAULT_SETTINGS.data, emptyNationalData());
    assert.deepEqual(Object.keys(emptyNationalData()), DATA_KEYS);
    for (const key of DATA_KEYS) {
      const nested = parseSettings({ data: { [key]: 'a.txt' } });
      assert.deepEqual(nested.problems, []);
      assert.deepEqual(nested.settings.data[key], ['a.txt']);
      const dotted = parseSettings({ [`data.${key}`]: ['a.txt', 'b.txt'] });
      assert.deepEqual(dotted.settings.data[key], ['a.txt', 'b.txt']);
      assert.deepEqual(parseSettings({ data: { [key]: 3 } }).problems.map((p) => p.path), [`data.${key}`]);
    }
  });

  it('each builder reads its CMS file into a table of the descriptor\'s source kind', () => {
    const sample: Record<string, string> = { ncciPtp: PTP_F1, mue: MUE, pfsRvu: RVU, icd10cm: ICD, gpci: 'local/GPCI2026.csv', localities: 'local/26LOCCO.csv', asp: 'local/asp-2026q2.csv', addOn: 'local/AOC_V2026Q2-Practitioner.txt', oppsCap: 'as-shipped/OPPSCAP_JAN.csv' };
    assert.deepEqual(Object.keys(sample).sort(), [...DATA_KEYS].sort(), 'a sample file for every descriptor');
    for (const d of NATIONAL_FILE_LIST) {
      const { table } = loadWith<{ size: number; source: { kind: string } }>(d.builder(), fixture(sample[d.key]));
      assert.ok(table.size > 0, `${d.key}: rows from ${join(CMS_DIR, sample[d.key])}`);
      assert.equal(table.source.kind, d.source, d.key);
    }
  });
});
