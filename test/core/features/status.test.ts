// The status the editor shows: tables in force with sources and rows, and what cannot run.
import assert from 'node:assert/strict';
import { dataStatus } from '../../../server/src/core/features/status';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { loadDefaultTables } from '../../../server/src/core/tables';
import { nationalTables } from '../../helpers/cms-fixtures';

describe('data status (haiClaims/status)', () => {
  it('the guide alone: CY2026 guide, and the checks limited for lack of national files', () => {
    const s = dataStatus(loadDefaultTables(), { loading: false, problems: [], untrusted: false, settings: DEFAULT_SETTINGS });
    assert.equal(s.state, 'ready');
    assert.deepEqual(s.tables.map((t) => t.name), ['CY2026 guide']);
    assert.deepEqual(s.limited.map((l) => l.check), ['ncci-ptp', 'mue', 'pfs-rvu', 'addon-aoc', 'icd10']);
    assert.equal(s.limited.find((l) => l.check === 'mue')!.data, 'mue');
    const off = dataStatus(loadDefaultTables(), { loading: false, problems: [], untrusted: false, settings: { rules: { mue: 'off' } } });
    assert.ok(!off.limited.some((l) => l.check === 'mue'), 'a check turned off needs no file');
  });

  it('with CMS files: their short names, sources (file names) and row counts; only the file not loaded is limited', () => {
    const s = dataStatus(nationalTables(), { loading: false, problems: [], untrusted: false, settings: DEFAULT_SETTINGS });
    assert.deepEqual(s.tables.map((t) => t.name), ['CY2026 guide', 'NCCI 2026Q2', 'MUE', 'PFS', 'ICD-10-CM']);
    assert.match(s.tables[1]!.source, /ccipra-v321r0-f1\.txt/);
    assert.ok(s.tables.every((t) => t.rows > 0));
    // No add-on code edit file among them: only that is limited.
    assert.deepEqual(s.limited.map((l) => l.check), ['addon-aoc']);
  });

  it('loading, a failed file, an untrusted workspace', () => {
    const t = loadDefaultTables();
    assert.equal(dataStatus(t, { loading: true, problems: [], untrusted: false, settings: DEFAULT_SETTINGS }).state, 'loading');
    const failed = dataStatus(t, { loading: false, problems: ['mue.csv: cannot be read'], untrusted: false, settings: DEFAULT_SETTINGS });
    assert.equal(failed.state, 'warning');
    assert.deepEqual(failed.problems, ['mue.csv: cannot be read']);
    assert.equal(dataStatus(t, { loading: false, problems: [], untrusted: true, settings: DEFAULT_SETTINGS }).state, 'warning');
  });
});
