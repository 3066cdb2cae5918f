// Modifier family: -26 on imaging headings (mod26-required), no -26/-TC on incident-to codes
// (mod-invalid, endnote d), KD on pump-infused drugs (kd-required, endnote +).
import assert from 'node:assert/strict';
import { messageOf } from '../../../server/src/core/rules/messages';
import { applyFix, claim, expectFindings, expectFixClears, expectNoRule, medicare, run } from '../../helpers/billing';
import { pfsTables } from '../../helpers/pfs';

const GUIDE = /CY2026 HAI coding and billing guide/;

describe('mod26-required', () => {
  it('74160 without -26: fires on the code; the fix adds -26', () => {
    const src = medicare(claim`
      on 2026-02-02
        [[74160]] dx A
    `, { pos: '11' });
    const [f] = expectFindings(src, 'mod26-required', {
      severity: 'warning',
      message: [/^74160 is billed without -26/, /"Imaging \(Diagnostic Workup\) - requires -26 modifier"/, GUIDE, /Patient Evaluation/, /Add -26/],
    });
    const fixed = expectFixClears(src, f);
    assert.match(fixed, /^ {2}74160-26 dx A$/m);
  });

  it('a spaced modifier style is kept by the fix', () => {
    const src = medicare(claim`
      on 2026-02-02
        [[71260]] -XS dx A
    `);
    const [f] = expectFindings(src, 'mod26-required', { severity: 'warning' });
    assert.match(expectFixClears(src, f), /^ {2}71260 -XS -26 dx A$/m);
  });

  it('74160-26 and 78830-26: do not fire', () => {
    expectNoRule(medicare(claim`
      on 2026-03-02
        74160-26 dx A
        78830 -26 dx A
    `), 'mod26-required');
  });

  it('77002 without -26 in the office with no other procedure: does not fire (the HAI Therapy listing is global)', () => {
    expectNoRule(medicare(claim`
      on 2026-04-02
        77002 dx A
    `, { pos: '11' }), 'mod26-required');
  });

  it('77002 without -26 in a facility: fires, and says the date is in a facility', () => {
    expectFindings(medicare(claim`
      on 2026-03-02
        [[77002]] dx A
    `, { pos: '22' }), 'mod26-required', { severity: 'warning', message: [/Imaging Guidance - requires -26 modifier/, /in a facility/, /Add -26/] });
  });

  it('77002 without -26 on a date with no place of service: warns rather than passing silently', () => {
    expectFindings(medicare(claim`
      on 2026-03-02
        [[77002]] dx A
    `, { pos: null }), 'mod26-required', { severity: 'warning', message: [/no place of service/] });
  });

  it('an `on ... pos` date overrides the claim: 77002 on an office date of a hospital claim does not fire', () => {
    expectNoRule(medicare(claim`
      on 2026-04-02 pos 11
        77002 dx A
    `, { pos: '21' }), 'mod26-required');
  });
});

describe('mod26-required: radiology S&I codes the guide prices only as a professional component (issue 13)', () => {
  it('74300 and 74301 in a facility without -26: fire, say why; the fix adds -26', () => {
    const src = medicare(claim`
      on 2026-02-24
        47563 dx A
        [[74300]] dx A
        [[74301]] dx A
    `);
    const [f] = expectFindings(src, 'mod26-required', { severity: 'warning', message: [/^743\d\d is billed without -26 in a facility/, /prices only as a professional component/, GUIDE, /Laparoscopic Cholecystectomy/, /Add -26/] });
    assert.equal(f.data.pcOnly, true);
    assert.match(applyFix(src, f), /^ {2}74300-26 dx A$/m);
  });

  it('74300-26 in a facility: does not fire; 77002/76937 in the office (global listing): do not fire', () => {
    expectNoRule(medicare(claim`
      on 2026-02-24
        47563 dx A
        74300-26 dx A
        74301-26 dx A
    `), 'mod26-required');
    expectNoRule(medicare(claim`
      on 2026-06-01
        96522 dx A
        77002 dx A
        76937 dx A
    `, { pos: '11' }), 'mod26-required');
  });
});

describe('mod-invalid', () => {
  it('96522-26: fires on the modifier; the fix removes it', () => {
    const src = medicare(claim`
      on 2026-04-02
        96522-[[26]] dx A
    `, { pos: '11' });
    const [f] = expectFindings(src, 'mod-invalid', {
      severity: 'error',
      message: [/^-26 is not valid on 96522/, /"incident to"/, GUIDE, /endnote d/, /Remove -26/],
    });
    assert.match(expectFixClears(src, f), /^ {2}96522 dx A$/m);
  });

  it('96522 -TC (spaced): fires on TC; the fix removes it with its blank', () => {
    const src = medicare(claim`
      on 2026-04-02
        96522 -[[TC]] dx A
    `, { pos: '11' });
    const [f] = expectFindings(src, 'mod-invalid', { severity: 'error', message: [/^-TC is not valid on 96522/] });
    assert.match(expectFixClears(src, f), /^ {2}96522 dx A$/m);
  });

  it('96522 without -26/-TC, and -26 on a code that is not incident-to: do not fire', () => {
    expectNoRule(medicare(claim`
      on 2026-04-02
        96522 dx A
        74160-26 dx A
    `, { pos: '11' }), 'mod-invalid');
  });
});

describe('kd-required', () => {
  it('J9200 without KD: fires on the code; the fix adds KD before the units', () => {
    const src = medicare(claim`
      on 2026-04-02
        [[J9200]] x2 dx A
    `, { pos: '11' });
    const [f] = expectFindings(src, 'kd-required', {
      severity: 'warning',
      message: [/^J9200 is billed without the KD modifier/, /durable medical equipment/, GUIDE, /endnote \+/, /Add -KD/],
    });
    assert.match(expectFixClears(src, f), /^ {2}J9200-KD x2 dx A$/m);
  });

  it('every `+` drug (J1644 heparin, A4216 diluent) needs KD; A4220 and 96522 do not', () => {
    expectFindings(medicare(claim`
      on 2026-04-02
        96522 dx A
        [[J1644]] x5 dx A
        [[A4216]] dx A
        A4220 dx A
    `, { pos: '11' }), 'kd-required', { severity: 'warning' });
  });

  it('J9200-KD: does not fire', () => {
    expectNoRule(medicare(claim`
      on 2026-04-02
        J9200-KD x2 dx A
        J1644 -KD dx A
    `, { pos: '11' }), 'kd-required');
  });
});

// Issue 13 changed this case on purpose (rules13.md, lead's decision): -TC in a facility cannot
// apply (the hospital bills the technical component), so it is mod-invalid with "replace -TC with
// -26", not mod26-required (whose fix would give -TC-26); the line is denied.
describe('mod26-required on a -TC line', () => {
  it('in a facility: mod-invalid only, the fix replaces -TC with -26, the line is denied', () => {
    const { analysis } = run('claim "t"\npayer medicare\nstate GA\npos 22\ndx C78.7\non 2026-03-02\n  74160-TC dx A\n');
    assert.deepEqual(analysis.findings.map((f) => f.rule), ['mod-invalid']);
    const [f] = analysis.findings;
    assert.match(messageOf(f), /hospital bills the technical component/);
    assert.match(messageOf(f), /Replace -TC with -26/);
    assert.equal(f.fixes![0].edits[0].newText, '26');
    const line = analysis.estimate()[0].dates[0].lines[0];
    assert.equal(line.status, 'denied');
    assert.equal(line.amount, 0);
    assert.match(line.adjustments[0].reason, /mod-invalid/);
  });

  it('in the office: -TC is valid on an imaging code, never told to "Add -26"; priced as global less -26, labelled derived (issue 22)', () => {
    const { analysis } = run('claim "t"\npayer medicare\nstate GA\npos 11\ndx C78.7\non 2026-03-02\n  74160-TC dx A\n');
    // Only the information that -TC is right when the practice performed the technical part.
    assert.deepEqual(analysis.findings.map((f) => [f.rule, f.severity]), [['tc-billed', 'information']]);
    const message = messageOf(analysis.findings[0]);
    assert.match(message, /right only when this practice performed the technical part/);
    assert.doesNotMatch(message, /Add -26/);
    assert.ok(analysis.findings.every((f) => !(f.fixes ?? []).some((x) => /Add -26/.test(x.title))));
    const line = analysis.estimate()[0].dates[0].lines[0];
    // The guide: 74160 global (non-facility) $230, -26 $58: TC = 230 - 58 = $172.
    assert.deepEqual([line.status, line.amount], ['paid', 172]);
    assert.match(line.source ?? '', /derived: the guide's global non-facility figure \$230 less its -26 figure \$58 .*whole-dollar figures/);
  });

  it('with the PFS file, -TC is priced from its TC row; a code with no figures to derive from is not priced, with the reason', () => {
    const tables = pfsTables([{ code: '74160', pctc: '1' }, { code: '74160', modifier: 'TC', pctc: '1', total: 5 }, { code: '74160', modifier: '26', pctc: '1', total: 1.7 }]);
    const { analysis } = run('claim "t"\npayer medicare\nstate GA\npos 11\ndx C78.7\non 2026-03-02\n  74160-TC dx A\n', { tables });
    assert.deepEqual(analysis.findings.map((f) => f.rule), ['tc-billed']);
    const line = analysis.estimate()[0].dates[0].lines[0];
    // 5.00 RVUs x 33.4009 = 167.0045 -> $167.00
    assert.deepEqual([line.status, line.amount], ['paid', 167]);
    assert.match(line.source ?? '', /-TC row \(5 RVUs x 33\.4009\)/);
    // 71046: the guide prints $10 both ways (no technical part to derive).
    const xray = run('claim "t"\npayer medicare\nstate GA\npos 11\ndx C78.7\non 2026-03-02\n  71046-TC dx A\n').analysis.estimate()[0].dates[0].lines[0];
    assert.equal(xray.status, 'unpriced');
    assert.match(xray.adjustments[0].reason, /^The guide prints no figures from which the technical component \(-TC\) of 71046 can be derived/);
  });
});

describe('mod-invalid: modifiers that cannot apply (issue 13)', () => {
  const denied = (src: string, code: string) => {
    const line = run(src).analysis.estimate()[0].dates.flatMap((d) => d.lines).find((l) => l.code === code)!;
    assert.equal(line.amount, 0, `${code} is priced $0`);
    assert.match(line.adjustments.map((a) => a.reason).join(' '), /mod-invalid/);
  };

  it('-26 on an E/M visit, a surgery and a drug: fires on the modifier, removes it, denies the line', () => {
    const src = medicare(claim`
      on 2026-03-02
        36260-[[26]] dx A
      on 2026-07-02 pos 11
        99215-[[26]] dx A
        J9200-KD-[[TC]] dx A
    `);
    const found = expectFindings(src, 'mod-invalid', { severity: 'error', message: [/no separate professional and technical components/, /Remove -(26|TC)/, /denied/] });
    assert.deepEqual(found.map((f) => f.data.reason), ['no-split', 'no-split', 'no-split']);
    const one = medicare(claim`
      on 2026-03-02
        36260-[[26]] dx A
    `);
    assert.match(expectFixClears(one, expectFindings(one, 'mod-invalid', { severity: 'error' })[0]), /^ {2}36260 dx A$/m);
    denied(src, '36260');
    denied(src, '99215');
  });

  it('-26 and -TC on the guide\'s imaging codes: do not fire (a split exists)', () => {
    expectNoRule(medicare(claim`
      on 2026-03-02
        74300-26 dx A
        78830-26 dx A
      on 2026-04-02 pos 11
        74160-TC dx A
        77002-26 dx A
    `), 'mod-invalid');
  });

  it('KD on a procedure: fires; on J/A codes: does not', () => {
    const src = medicare(claim`
      on 2026-04-10
        36262-[[KD]] dx A
      on 2026-04-20 pos 11
        J9200-KD dx A
        A4216-KD dx A
    `);
    expectFindings(src, 'mod-invalid', { severity: 'error', message: [/^-KD is not valid on 36262/, /durable medical equipment/, /CPT Appendix A/, /Remove -KD/] });
    denied(src, '36262');
  });

  it('-24/-25/-57 on a non-E/M code: fires; on a visit: does not', () => {
    const src = medicare(claim`
      on 2026-04-10
        36261-[[25]] dx A
      on 2026-04-20 pos 11
        96522-[[57]] dx A
        99214-25 dx A
        99215-24 dx A
    `);
    expectFindings(src, 'mod-invalid', { severity: 'error', message: [/applies only to an E\/M visit/, /-58, -78 or -79/] });
    denied(src, '36261');
  });

  it('-58/-78/-79 on a visit or a drug: fires; on a procedure: does not', () => {
    const src = medicare(claim`
      on 2026-03-02
        36260 dx A
      on 2026-04-01 pos 11
        99214-24-[[78]] dx A
        J9200-KD-[[79]] dx A
      on 2026-04-10
        36261-78 dx A
    `);
    const found = expectFindings(src, 'mod-invalid', { severity: 'error', message: [/applies only to a procedure/] });
    assert.match(messageOf(found[0]), /-24 \(unrelated\)/);
    assert.match(messageOf(found[1]), /needs no global-surgery modifier/);
  });

  it('-50 on a guide code: mod50-not-bilateral warns and the single code is priced (not denied); with the PFS file, BILAT SURG decides (issue 22)', () => {
    const src = medicare(claim`
      on 2026-03-02
        36260-[[50]] dx A
    `);
    const [g] = expectFindings(src, 'mod50-not-bilateral', { severity: 'warning', message: [/none of the guide's codes is a bilateral procedure/, /priced as the single code, not denied/] });
    assert.equal(g.deniesLine, undefined);
    expectNoRule(src.replace(/\[\[|\]\]/g, ''), 'mod-invalid');
    // 36260 facility $633, paid once at 100%.
    const line = run(src.replace(/\[\[|\]\]/g, '')).analysis.estimate()[0].dates[0].lines[0];
    assert.deepEqual([line.status, line.amount], ['paid', 633]);
    assert.match(line.adjustments[0].reason, /-50 does not apply to 36260/);
    const tables = pfsTables([
      { code: '36260', globalDays: '090', bilateral: '0' },
      { code: '27447', globalDays: '090', bilateral: '1', total: 30 },
      { code: '27448', globalDays: '090', bilateral: '3', total: 20 },
      { code: '27449', globalDays: '090', bilateral: '2', total: 10 },
    ]);
    const text = medicare(claim`
      on 2026-03-02
        36260-[[50]] dx A
        27447-50 dx A
        27448-50 dx A
        27449-[[50]] dx A
    `);
    const [f] = expectFindings(text, 'mod50-not-bilateral', { severity: 'warning', tables, message: [/BILAT SURG indicator is [02]/] });
    assert.equal(f.data.bilateral, '0');
    const lines = run(text.replace(/\[\[|\]\]/g, ''), { tables }).analysis.estimate()[0].dates[0].lines;
    // The guide's 36260 $633 (indicator 0: 100%); 27447 30 RVUs x 33.4009 = 1002.03 x 150% = 1503.05 (rounded
    // to the cent: 1503.045 -> 1503.05); 27448 20 x 33.4009 = 668.02 x 200% = 1336.04; 27449 10 x 33.4009 = 334.01 (100%).
    // No MULT PROC in these rows (0): no MPPR.
    assert.deepEqual(lines.map((l) => [l.code, l.unitAllowable, l.amount]), [['36260', 633, 633], ['27447', 1503.05, 1503.05], ['27448', 1336.04, 1336.04], ['27449', 334.01, 334.01]]);
  });

  it('with the PFS file, the PC/TC indicator decides -26/-TC on the codes it lists', () => {
    const tables = pfsTables([{ code: '36260', globalDays: '090', pctc: '0' }, { code: '99215', pctc: '1' }]);
    // An odd file row (99215 with a split) is believed: the file decides for the codes it lists.
    expectFindings(medicare(claim`
      on 2026-03-02
        36260-[[26]] dx A
      on 2026-04-02 pos 11
        99215-26 dx A
    `), 'mod-invalid', { severity: 'error', tables, message: [/PC\/TC indicator is 0/] });
  });

  it('a code the tables do not know is left alone (no denial on a guess)', () => {
    expectNoRule(medicare(claim`
      on 2026-04-02 pos 11
        G2211-25 dx A
        Q5111-KD dx A
    `), 'mod-invalid');
  });
});
