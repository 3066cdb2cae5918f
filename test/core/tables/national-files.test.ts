// The national file descriptors (core/tables/national-files.ts) are the one list of national CMS
// files: package.json's settings and untrusted-workspace restrictions, the settings schema and
// its default, and each descriptor's builder must agree with it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, parseSettings } from '../../../server/src/core/settings';
import { chooseMembers, DATA_KEYS, emptyNationalData, FILE_KEYS, NATIONAL_FILE_LIST, NATIONAL_FILES, pathsFor } from '../../../server/src/core/tables/national-files';
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
    const sample: Record<string, string> = { ncciPtp: PTP_F1, mue: MUE, pfsRvu: RVU, icd10cm: ICD, gpci: 'local/GPCI2026.csv', localities: 'local/26LOCCO.csv', asp: 'local/asp-2026q2.csv', addOn: 'local/AOC_V2026Q2-Practitioner.txt', oppsCap: 'as-shipped/extracted/OPPSCAP_JAN.csv' };
    assert.deepEqual(Object.keys(sample).sort(), [...FILE_KEYS].sort(), 'a sample file for every descriptor');
    for (const d of NATIONAL_FILE_LIST) {
      const { table } = loadWith<{ size: number; source: { kind: string } }>(d.builder(), fixture(sample[d.key]));
      assert.ok(table.size > 0, `${d.key}: rows from ${join(CMS_DIR, sample[d.key])}`);
      assert.equal(table.source.kind, d.source, d.key);
    }
  });

  it('data.pfsRelease fills the RVU, GPCI, locality and OPPS cap settings; a setting set on its own wins', () => {
    const data = { ...emptyNationalData(), pfsRelease: ['RVU26A.zip'], gpci: ['GPCI2026.csv'] };
    assert.deepEqual(pathsFor(data, 'pfsRvu'), { paths: ['RVU26A.zip'], from: 'pfsRelease' });
    assert.deepEqual(pathsFor(data, 'oppsCap'), { paths: ['RVU26A.zip'], from: 'pfsRelease' });
    assert.deepEqual(pathsFor(data, 'localities'), { paths: ['RVU26A.zip'], from: 'pfsRelease' });
    assert.deepEqual(pathsFor(data, 'gpci'), { paths: ['GPCI2026.csv'] });
    assert.deepEqual(pathsFor(data, 'asp'), { paths: [] });
    assert.ok(DATA_KEYS.includes('pfsRelease'));
  });

  it('finds each kind\'s member by pattern, CSV or TXT before a workbook (the add-on edits: the workbook before the fixed-width text)', () => {
    const release = ['PPRRVU2026_Jan_nonQPP.csv', 'PPRRVU2026_Jan_QPP.csv', 'PPRRVU2026_Jan_nonQPP.xlsx', 'PPRRVU2026_Jan_nonQPP.txt', 'GPCI2026.csv', 'GPCI2026.xlsx', '26LOCCO.csv', 'OPPSCAP_JAN.csv', 'RVU26A.pdf', 'ANES2026.csv'];
    assert.deepEqual(chooseMembers(release, NATIONAL_FILES.pfsRvu.members), ['PPRRVU2026_Jan_QPP.csv', 'PPRRVU2026_Jan_nonQPP.csv']);
    assert.deepEqual(chooseMembers(release, NATIONAL_FILES.gpci.members), ['GPCI2026.csv']);
    assert.deepEqual(chooseMembers(release, NATIONAL_FILES.localities.members), ['26LOCCO.csv']);
    assert.deepEqual(chooseMembers(release, NATIONAL_FILES.oppsCap.members), ['OPPSCAP_JAN.csv']);
    assert.deepEqual(chooseMembers(['GPCI2026.xlsx', 'x/GPCI2026.pdf'], NATIONAL_FILES.gpci.members), ['GPCI2026.xlsx']);
    assert.deepEqual(chooseMembers(['AOC_V2026Q2-MCR.txt', 'AOC_V2026Q2-MCR.xlsx'], NATIONAL_FILES.addOn.members), ['AOC_V2026Q2-MCR.xlsx']);
    assert.deepEqual(chooseMembers(['ccipra-v321r0-f2.txt', 'ccipra-v321r0-f1.txt', 'PTP-Alert.pdf'], NATIONAL_FILES.ncciPtp.members), ['ccipra-v321r0-f1.txt', 'ccipra-v321r0-f2.txt']);
    assert.deepEqual(chooseMembers(['MCR_MUE_PractitionerServices_Eff_01-01-2026.csv', 'MCR_MUE_PractitionerServices_Eff_01-01-2026.xlsx'], NATIONAL_FILES.mue.members), ['MCR_MUE_PractitionerServices_Eff_01-01-2026.csv']);
    assert.deepEqual(chooseMembers(['April 2026 ASP Pricing File 040126.csv', 'April 2026 ASP NDC-HCPCS Crosswalk 040126.csv'], NATIONAL_FILES.asp.members), ['April 2026 ASP Pricing File 040126.csv']);
    assert.deepEqual(chooseMembers(['icd10cm_order_2026.txt', 'icd10cm_tabular_2026.xml'], NATIONAL_FILES.icd10cm.members), ['icd10cm_order_2026.txt']);
    assert.deepEqual(chooseMembers(['__MACOSX/._GPCI2026.csv', 'RVU26A.pdf'], NATIONAL_FILES.gpci.members), []);
  });
});
