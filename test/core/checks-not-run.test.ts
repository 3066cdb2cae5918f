// Checks that cannot run for lack of data are listed (issue 13: never a silent pass).
import assert from 'node:assert/strict';
import { checkNotRunText, checksNotRun } from '../../server/src/core/checks-not-run';
import { DEFAULT_SETTINGS, parseSettings } from '../../server/src/core/settings';
import { createTables, loadDefaultTables } from '../../server/src/core/tables';
import type { NationalTables } from '../../server/src/core/tables/national';

describe('checks not run for lack of data', () => {
  it('with the guide tables only: PTP beyond the guide, MUE, PFS and ICD-10-CM, each saying which data file is missing', () => {
    const list = checksNotRun(loadDefaultTables(), DEFAULT_SETTINGS);
    assert.deepEqual(list.map((c) => [c.check, c.data]), [['ncci-ptp', 'ncciPtp'], ['mue', 'mue'], ['pfs-rvu', 'pfsRvu'], ['addon-aoc', 'addOn'], ['icd10', 'icd10cm']]);
    assert.match(checkNotRunText(list[1]), /^mue: no data\.mue file: /);
    assert.match(checkNotRunText(list[0]), /only the guide's NCCI edits were checked/);
    // The guide alone cannot know a type 1 add-on's listed primaries (issue 21).
    assert.match(checkNotRunText(list[3]), /^addon-aoc: no data\.addOn file: .*74301 is paid only with 74300/);
  });

  it('a loaded file takes its check off the list', () => {
    const t = loadDefaultTables();
    const fake = { mue: { source: { kind: 'mue', label: 'x' }, lookup: () => undefined, size: 0 } } as unknown as NationalTables;
    const list = checksNotRun(createTables(t.guide, t.reference, fake), DEFAULT_SETTINGS);
    assert.deepEqual(list.map((c) => c.check), ['ncci-ptp', 'pfs-rvu', 'addon-aoc', 'icd10']);
  });

  it('a check the settings turn off is not missed', () => {
    const { settings } = parseSettings({ rules: { mue: 'off', 'ncci-ptp': 'off', 'addon-without-primary': 'off' } }, new Set(['mue', 'ncci-ptp', 'addon-without-primary']));
    assert.deepEqual(checksNotRun(loadDefaultTables(), settings).map((c) => c.check), ['pfs-rvu', 'icd10']);
  });
});

describe('checks not run: a named file that could not be used (issue 25)', () => {
  it('says the file could not be used, never "no data.ncciPtp file"', () => {
    const named = { ...DEFAULT_SETTINGS, data: { ...DEFAULT_SETTINGS.data, ncciPtp: ['ccipra.txt'] } };
    const ptp = checksNotRun(loadDefaultTables(), named).find((c) => c.check === 'ncci-ptp')!;
    assert.match(ptp.reason, /^the data\.ncciPtp file could not be used: only the guide's NCCI edits were checked/);
    assert.match(checksNotRun(loadDefaultTables(), DEFAULT_SETTINGS).find((c) => c.check === 'ncci-ptp')!.reason, /^no data\.ncciPtp file/);
  });
});
