// Completion, tested on the core with cursor-marked fixtures: `|` is where the user points.
import assert from 'node:assert/strict';
import { doComplete } from '../../../server/src/core/languageService';
import { parseSettings } from '../../../server/src/core/settings';
import { HEAD, completeAt } from '../../helpers/features';
import { run } from '../../helpers/fixture';
import { nationalTables } from '../../helpers/cms-fixtures';

const NATIONAL_HEAD = 'claim "visit"\npayer medicare\nstate GA\npos 11\ndx C78.7\n';

describe('completion', () => {
  it('keywords at the start of a line', () => {
    const labels = completeAt(`${HEAD}s|`).map((i) => i.label);
    assert.deepEqual(labels, ['state', 'start']);
  });

  it('codes in a dated block by code prefix, with RVUs and allowable for the date setting', () => {
    const items = completeAt(`${HEAD}on day 0\n  4756|`);
    assert.deepEqual(items.map((i) => i.label).sort(), ['47562', '47563', '47564']);
    assert.match(items[0].detail ?? '', /^facility \$\d+ · [\d.]+ RVUs/);
  });

  it('codes by words of the description', () => {
    const items = completeAt(`${HEAD}on day 0\n  hepatec|`);
    assert.deepEqual(items.filter((i) => /^\d/.test(i.label)).map((i) => i.label).sort(), ['47120', '47122']);
  });

  it('the current phase ranks first', () => {
    const items = completeAt(`${HEAD}on day 14 pos 11\n  96522 dx A\n  |`);
    const sorted = [...items].filter((i) => /^[0-9A-V]/.test(i.label)).sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.ok(['96522', '77002', '76937', 'A4220', 'A4216', 'J1644', 'J9200', 'J1100', 'J3490', 'J7999'].includes(sorted[0].label));
  });

  it('ICD-10-CM codes after dx', () => {
    const items = completeAt(`${HEAD}dx C18|`);
    assert.ok(items.some((i) => i.label === 'C18.6' && /descending colon/.test(String(i.labelDetails?.description))));
  });

  it('modifiers after -, the ones that make sense for the code first', () => {
    const first = (src: string) => [...completeAt(src)].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''))[0].label;
    assert.equal(first(`${HEAD}on day 0\n  74160-|`), '26');
    assert.equal(first(`${HEAD}on day 0\n  J9200-|`), 'KD');
    const m77002 = completeAt(`${HEAD}on day 0\n  77002-26-|`).filter((i) => i.sortText?.startsWith('0')).map((i) => i.label);
    assert.ok(['59', 'XE', 'XS', 'XP', 'XU'].every((m) => m77002.includes(m)));
    // Issue 13: a modifier that cannot apply is never offered (it used to be listed last, marked "not valid").
    const refill = completeAt(`${HEAD}on day 0\n  96522-|`).map((i) => i.label);
    assert.ok(!refill.includes('26') && !refill.includes('TC') && !refill.includes('KD') && !refill.includes('25'), '96522: no -26/-TC (endnote d), KD or -25');
  });

  it('modifiers after -: the ones that apply on this date first, never ones that cannot apply (issue 13)', () => {
    const ordered = (src: string) => [...completeAt(src)].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map((i) => i.label);
    // A revision 40 days after the implant: 58, 78, 79 first; no -26/-TC/KD/-24/-25/-57/-50 on a surgery.
    const revision = ordered(`${HEAD}on day 0\n  36260 dx A\non day 40\n  36261-|`);
    assert.deepEqual(revision.slice(0, 3), ['58', '78', '79']);
    for (const m of ['26', 'TC', 'KD', '24', '25', '57', '50']) assert.ok(!revision.includes(m), `36261 offers no -${m}`);
    // After the global period, 58/78/79 are not first.
    assert.notEqual(ordered(`${HEAD}on day 0\n  36260 dx A\non day 120\n  36261-|`)[0], '58');
    // Imaging in a facility: 26 first; a visit after the surgery: 24 first; on a refill date: 25 first.
    assert.equal(ordered(`${HEAD}on day 0\n  74300-|`)[0], '26');
    assert.equal(ordered(`${HEAD}on day 0\n  36260 dx A\non day 20 pos 11\n  99214-|`)[0], '24');
    assert.equal(ordered(`${HEAD}on day 200 pos 11\n  96522 dx A\n  99214-|`)[0], '25');
    // A visit offers no -58/-78/-79, -26 or KD.
    const visit = ordered(`${HEAD}on day 200 pos 11\n  99214-|`);
    for (const m of ['58', '78', '79', '26', 'TC', 'KD']) assert.ok(!visit.includes(m), `99214 offers no -${m}`);
  });

  it('pointer letters after dx on a service line, with their codes', () => {
    const items = completeAt(`${HEAD}on day 0\n  36260 dx A,|`);
    assert.deepEqual(items.map((i) => [i.label, i.detail]), [['B', 'C18.6']]);
  });

  it('places of service, states, payer, day N and dates after on', () => {
    assert.ok(completeAt(`${HEAD}on day 0 pos |`).some((i) => i.label === '11'));
    assert.ok(completeAt(HEAD.replace('state GA', 'state |')).some((i) => i.label === 'GA' && /LCA A56695/.test(i.detail ?? '')));
    assert.deepEqual(completeAt(HEAD.replace('payer medicare', 'payer |')).map((i) => i.label), ['medicare', 'medicare advantage']);
    const on = completeAt(`${HEAD}on |`).map((i) => i.label);
    assert.deepEqual(on, ['day N', '2026-03-02']);
    assert.ok(completeAt(`${HEAD}on day |`).some((i) => i.label === '14' && i.detail === '2026-03-16'));
  });

  it('nothing inside a comment', () => {
    assert.deepEqual(completeAt(`${HEAD}# 362|`), []);
  });
});

describe('completion: a new claim', () => {
  it('offers a whole header with the default state and place of service from the settings', () => {
    const { analysis, marked } = run('cl|', { settings: parseSettings({ defaultState: 'NC', defaultPos: '22' }).settings });
    const items = doComplete(analysis, marked.cursor!.line, marked.cursor!.character).items;
    const header = items.find((i) => i.label === 'claim (new claim)');
    assert.match((header?.textEdit as { newText: string }).newText, /state \$\{2:NC\}\npos \$\{3:22\}/);
  });
});

describe('completion with the national files', () => {
  it('completes diagnoses from the ICD-10-CM file, headings marked not billable', () => {
    const { analysis, marked } = run(`${NATIONAL_HEAD}dx E11|\n`, { tables: nationalTables() });
    const items = doComplete(analysis, marked.cursor!.line, marked.cursor!.character).items;
    const e11 = items.filter((i) => i.label.startsWith('E11'));
    assert.deepEqual(e11.map((i) => i.label), ['E11', 'E11.65']);
    assert.match(String(e11[0].detail), /header, not billable/);
  });
});

describe('completion offers back only valid dates (issue 17)', () => {
  it('after `on`, "a date already on this claim" lists valid dates only, never free text', () => {
    const text = 'claim "x"\npayer medicare\nstate GA\npos 11\nstart JANE_Q_PATIENT\ndx C78.7\non MARY_1950\n  96522 dx A\non 2026-02-30\n  96522 dx A\non 2026-03-16\n  96522 dx A\non |\n';
    const { analysis, marked } = run(text);
    const items = doComplete(analysis, marked.cursor!.line, marked.cursor!.character).items;
    assert.deepEqual(items.filter((i) => i.detail === 'a date already on this claim').map((i) => i.label), ['2026-03-16']);
    assert.doesNotMatch(JSON.stringify(items), /JANE|MARY|02-30/);
  });

  it('a valid start date is offered', () => {
    const { analysis, marked } = run('claim "x"\npayer medicare\nstate GA\npos 11\nstart 2026-03-02\ndx C78.7\non |\n');
    const items = doComplete(analysis, marked.cursor!.line, marked.cursor!.character).items;
    assert.deepEqual(items.filter((i) => i.detail === 'a date already on this claim').map((i) => i.label), ['2026-03-02']);
  });
});
