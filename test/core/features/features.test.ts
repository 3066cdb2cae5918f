// Hover, completion, actions, symbols, folding, lenses and formatting, tested on the core with
// cursor-marked fixtures: `|` is where the user points.
import assert from 'node:assert/strict';
import type { MarkupContent } from 'vscode-languageserver-types';
import {
  doCodeActions,
  doComplete,
  doHover,
  findDocumentSymbols,
  formatDocument,
  getCodeLenses,
  getFoldingRanges,
} from '../../../server/src/core/languageService';
import { parseSettings } from '../../../server/src/core/settings';
import { applyEdits, claim, run } from '../../helpers/fixture';

const HEAD = claim`
  claim "implant"
  payer medicare
  state GA
  pos 21
  start 2026-03-02
  dx C78.7
  dx C18.6
`;

function hoverAt(source: string): string {
  const { analysis, marked } = run(source);
  assert.ok(marked.cursor, 'fixture needs a | cursor');
  const h = doHover(analysis, marked.cursor.line, marked.cursor.character);
  assert.ok(h, 'expected a hover');
  return (h.contents as MarkupContent).value;
}

function completeAt(source: string) {
  const { analysis, marked } = run(source);
  assert.ok(marked.cursor, 'fixture needs a | cursor');
  return doComplete(analysis, marked.cursor.line, marked.cursor.character).items;
}

describe('hover', () => {
  it('a procedure code: description, phase, RVUs and allowables with the date setting first, endnotes, NCCI, source', () => {
    const v = hoverAt(`${HEAD}on day 0\n  362|60 dx A\n`);
    assert.match(v, /\*\*36260\*\* · Insertion of implantable intra-arterial infusion pump/);
    assert.match(v, /Surgical Pump Implant - Inpatient Hospital › Pump Implant · guide p\. 8/);
    assert.match(v, /\| Work RVUs \| facility RVUs \| facility allowable \| non-facility RVUs/);
    assert.match(v, /\| 9\.66 \| 18\.96 \| \$633 \| NA \| NA \|/);
    assert.match(v, /This date: \*\*facility\*\* \(pos 21\) → \$633 per unit/);
    assert.match(v, /\*\*c\*\* Major surgery/);
    assert.match(v, /makes 49000 not reimbursable/);
    assert.match(v, /_Source: CY2026 HAI coding and billing guide_/);
  });

  it('a code listed twice shows both listings and marks the one that prices the line', () => {
    const v = hoverAt(`${HEAD}on day 14 pos 11\n  7700|2 dx A\n`);
    assert.match(v, /Imaging Guidance \| 0\.53 \| 3?\.?/);
    assert.match(v, /Chemotherapy Administration, Pump Refill, and Maintenance ✔ \| 0\.53 \| 3\.63 \| \$121/);
    assert.match(v, /-26 not needed here/);
  });

  it('the PET rows name their pricing exception', () => {
    assert.match(hoverAt(`${HEAD}on day 0 pos 11\n  7881|5-26 dx A\n`), /Published allowable differs from RVUs x 33\.4/);
  });

  it('a diagnosis: description, list, coverage, and the C18.6 erratum', () => {
    const v = hoverAt(`${HEAD.replace('dx C18.6', 'dx C18.|6')}`);
    assert.match(v, /\*\*C18\.6\*\* · Malignant neoplasm of descending colon/);
    assert.match(v, /Erratum: the guide prints "Malignant neoplasm of splenic flexure"/);
    assert.match(v, /Guide list: secondary diagnosis/);
  });

  it('an italic diagnosis names the LCA and its states, West Virginia included', () => {
    assert.match(hoverAt(`${HEAD}dx C49.A|2\n`), /LCA A56695[\s\S]*AL, GA, TN, NC, SC, VA, WV/);
  });

  it('a modifier: meaning and validity on the code', () => {
    assert.match(hoverAt(`${HEAD}on day 14 pos 11\n  96522-2|6 dx A\n`), /Not valid on 96522: an "incident to" service \(endnote d\)/);
    assert.match(hoverAt(`${HEAD}on day 14 pos 11\n  J9200-K|D dx A\n`), /Required on J9200/);
    assert.match(hoverAt(`${HEAD}on day 0\n  36260 dx A\n  77002-26 -X|S dx A\n`), /Satisfies the NCCI modifier rule for 77002/);
  });

  it('pos, state and pointers', () => {
    assert.match(hoverAt(HEAD.replace('pos 21', 'pos 2|1')), /Inpatient Hospital[\s\S]*Facility rates apply/);
    assert.match(hoverAt(HEAD.replace('state GA', 'state G|A')), /Georgia \(GA\)\*\* · Medicare A\/B MAC jurisdiction J/);
    assert.match(hoverAt(`${HEAD}on day 0\n  36260 dx A,|B\n`), /Pointer B\*\* → \*\*C18\.6/);
  });

  it('an on line shows that date\'s estimate with its MPPR breakdown; the claim line the total', () => {
    const src = `${HEAD}o|n day 0\n  36260 dx A\n  15860 dx A\n`;
    const v = hoverAt(src);
    assert.match(v, /2026-03-02\*\* · facility \(pos 21\) · estimated \*\*\$679\.50\*\*/);
    assert.match(v, /\| 15860 \| \$93\.00 \| -\$46\.50 \| \$46\.50 \| MPPR \(endnote a\)/);
    assert.match(hoverAt(`${HEAD.replace('claim "implant"', 'cl|aim "implant"')}on day 0\n  36260 dx A\n`), /estimated Medicare allowable \$633\.00/);
  });

  it('nothing on blanks and comments', () => {
    const { analysis } = run(`${HEAD}# note\n\n`);
    assert.equal(doHover(analysis, 7, 3), null);
    assert.equal(doHover(analysis, 8, 0), null);
  });
});

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
    assert.deepEqual(completeAt(HEAD.replace('payer medicare', 'payer |')).map((i) => i.label), ['medicare']);
    const on = completeAt(`${HEAD}on |`).map((i) => i.label);
    assert.deepEqual(on, ['day N', '2026-03-02']);
    assert.ok(completeAt(`${HEAD}on day |`).some((i) => i.label === '14' && i.detail === '2026-03-16'));
  });

  it('nothing inside a comment', () => {
    assert.deepEqual(completeAt(`${HEAD}# 362|`), []);
  });
});

describe('code actions', () => {
  it('offers the fixes of the findings the range touches, preferred first', () => {
    const src = `${HEAD}on day 14 pos 11\n  J9200 dx A\n`;
    const { analysis } = run(src);
    const actions = doCodeActions(analysis, 'file:///x.claim', { start: { line: 8, character: 3 }, end: { line: 8, character: 3 } });
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Add -KD (drug infused through DME) to J9200', true]]);
    const fixed = applyEdits(src, actions[0].edit!.changes!['file:///x.claim'].map((e) => ({ line: e.range.start.line, start: e.range.start.character, end: e.range.end.character, newText: e.newText })));
    assert.match(fixed, /J9200-KD dx A/);
  });

  it('none when only other kinds are asked for', () => {
    const { analysis } = run(`${HEAD}on day 14 pos 11\n  J9200 dx A\n`);
    assert.deepEqual(doCodeActions(analysis, 'file:///x.claim', { start: { line: 8, character: 3 }, end: { line: 8, character: 3 } }, ['refactor']), []);
  });
});

describe('symbols, folding, lenses, formatting', () => {
  const src = `${HEAD}on day 0\n  36260 dx A\n  15860 dx A\n\non day 14 pos 11\n  96522 dx A\n`;
  it('outlines claims, dates and lines', () => {
    const { analysis } = run(src);
    const [c] = findDocumentSymbols(analysis);
    assert.equal(c.name, 'implant');
    assert.deepEqual(c.children?.map((d) => d.name), ['on 2026-03-02', 'on 2026-03-16']);
    assert.deepEqual(c.children?.[0].children?.map((s) => s.name), ['36260', '15860']);
  });
  it('folds claims and dated blocks', () => {
    const { analysis } = run(src);
    assert.deepEqual(getFoldingRanges(analysis).map((f) => [f.startLine, f.endLine]), [[0, 12], [7, 9], [11, 12]]);
  });
  it('puts the estimate on claim and on lines', () => {
    const { analysis } = run(src);
    assert.deepEqual(getCodeLenses(analysis, 'file:///x.claim').map((l) => l.command?.title), [
      'Claim estimate $804.50',
      'Est. allowable $679.50 (MPPR -$46.50)',
      'Est. allowable $125.00',
    ]);
  });
  it('formatting is idempotent and leaves unreadable lines alone', () => {
    const messy = `claim "x"\npayer medicare\npos 11\ndx C78.7\non day 0\n   96522    dx   A\n  ???  what\nJ9200-KD   x2 dx A   # drug\n`;
    const { analysis } = run(messy);
    const once = applyEdits(messy, formatDocument(analysis).map((e) => ({ line: e.range.start.line, start: e.range.start.character, end: e.range.end.character, newText: e.newText })));
    assert.ok(once.includes('  ???  what'));
    const again = run(once).analysis;
    assert.deepEqual(formatDocument(again), []);
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
