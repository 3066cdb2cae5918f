// Hover, tested on the core with cursor-marked fixtures: `|` is where the user points.
import assert from 'node:assert/strict';
import { doHover } from '../../../server/src/core/languageService';
import { run } from '../../helpers/fixture';
import { HEAD, hoverAt } from '../../helpers/features';
import { ICD, nationalTables, RVU } from '../../helpers/cms-fixtures';

const NATIONAL_HEAD = 'claim "visit"\npayer medicare\nstate GA\npos 11\ndx C78.7\n';

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

  it('an endnote b imaging code shows the guide\'s 25% PC reduction as an erratum, with CMS\'s 5% and its source (issue 22)', () => {
    const v = hoverAt(`${HEAD}on day 0 pos 22\n  7416|0-26 dx A\n`);
    assert.match(v, /Erratum: endnote b's 25% PC reduction is outdated\. CMS reduces the 2nd and later imaging procedures of a session by 50% of the technical and 5% of the professional component \(CMS CR 9647/);
  });

  it('a code from the PFS file shows its payment indicators (issue 22)', () => {
    const v = hoverAt(`${NATIONAL_HEAD}on 2026-03-02\n  767|00 dx A\n`, nationalTables());
    assert.match(v, /BILAT SURG 0 · MULT PROC 4 · ASST SURG 0 · CO-SURG 0 · TEAM SURG 0/);
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

  it('a consultation code keeps the guide\'s figure and says Medicare does not pay it (issue 13)', () => {
    const h = hoverAt(`${HEAD}on day 0 pos 11\n  992|45 dx A\n`);
    assert.match(h, /\$209/);
    assert.match(h, /Medicare does not pay consultation codes/);
    assert.match(h, /section 30\.6\.10/);
  });

  it('a modifier that cannot apply says so in the mod-invalid check\'s words; -78 says what it does to the global period (issue 13)', () => {
    assert.match(hoverAt(`${HEAD}on day 0\n  36260-2|6 dx A\n`), /✘ -26 is not valid on 36260: it is a surgical procedure/);
    assert.match(hoverAt(`${HEAD}on day 0\n  74160-T|C dx A\n`), /Replace -TC with -26/);
    assert.match(hoverAt(`${HEAD}on day 0\n  36260 dx A\non day 40\n  36261-7|8 dx A\n`), /continues that global period and is paid only its intra-operative share \(Medicare Claims Processing Manual/);
  });

  it('a CMS modifier and a place of service cite their CMS source (issue 13)', () => {
    assert.match(hoverAt(`${HEAD}on day 0\n  36260-G|C dx A\n`), /teaching physician[\s\S]*_Source: CMS's HCPCS Level II modifier list_/);
    assert.match(hoverAt(`${HEAD}on day 0\n  78830-2|6 dx A\n`), /_Source: CPT Appendix A_/);
    assert.match(hoverAt(`${HEAD}on day 0\n  36260-Q|Q dx A\n`), /in neither CPT Appendix A nor CMS's HCPCS Level II modifier list/);
    const tele = hoverAt(HEAD.replace('pos 21', 'pos 0|2'));
    assert.match(tele, /Facility rates apply \(CMS pays telehealth[\s\S]*_Source: CMS Place of Service code set/);
    assert.match(hoverAt(HEAD.replace('pos 21', 'pos 1|0')), /Non-facility rates apply \(CMS pays telehealth/);
    assert.match(hoverAt(HEAD.replace('pos 21', 'pos 6|6')), /PACE[\s\S]*Non-facility rates apply\.[\s\S]*_Source: CMS Place of Service code set/);
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

describe('hover with the national files', () => {
  it('a code only in the RVU file: its allowables and the file it came from', () => {
    const v = hoverAt(`${NATIONAL_HEAD}on 2026-03-02\n  992|13 dx A\n`, nationalTables());
    assert.match(v, /\*\*99213\*\* · Office o\/p est low 20 min/);
    assert.match(v, /\| 1\.30 \| 1\.72 \| \$57\.45 \| 2\.85 \| \$95\.19 \|/);
    // Markdown escapes the underscores of the file name.
    assert.match(v, new RegExp(`_Source: PFS relative value file 2026 April release \\(${RVU.replace(/_/g, '\\\\_')}\\)_`));
  });

  it('a diagnosis only in the ICD-10-CM file: its description and the file', () => {
    const v = hoverAt(`${NATIONAL_HEAD}dx E11.6|5\non 2026-03-02\n  99213 dx A\n`, nationalTables());
    assert.match(v, /\*\*E11\.65\*\* · Type 2 diabetes mellitus with hyperglycemia/);
    assert.match(v, new RegExp(`ICD-10-CM FY2026 code list \\(${ICD.replace(/_/g, '\\\\_')}\\)`));
  });
  it('a claim not estimated: the claim hover says "not estimated" with the reason (issue 13)', () => {
    const { analysis } = run('claim "T"\npayer aetna\npos 11\ndx C78.7\non 2026-03-16\n  96522 dx A\n');
    const value = (doHover(analysis, 0, 2)?.contents as { value: string }).value;
    assert.match(value, /^### T: not estimated/);
    assert.match(value, /Not estimated: this claim's payer \(line \d+\) is not covered/);
    assert.doesNotMatch(value, /\$0\.00/);
  });
  it('the payer hover reads payer Medicare as Medicare (issue 13)', () => {
    const { analysis } = run('claim "T"\npayer Medicare\n');
    assert.match((doHover(analysis, 1, 8)?.contents as { value: string }).value, /^\*\*Medicare\*\*/);
  });
});
