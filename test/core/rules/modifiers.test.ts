// Modifier family: -26 on imaging headings (mod26-required), no -26/-TC on incident-to codes
// (mod-invalid, endnote d), KD on pump-infused drugs (kd-required, endnote +).
import assert from 'node:assert/strict';
import { claim, expectFindings, expectFixClears, expectNoRule, medicare, run } from '../../helpers/billing';

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

describe('mod26-required on a -TC line', () => {
  it('asks for -26 and leaves the line unpriced: the guide prices no technical component', () => {

    const { analysis } = run('claim "t"\npayer medicare\nstate GA\npos 22\ndx C78.7\non 2026-03-02\n  74160-TC dx A\n');
    assert.deepEqual(analysis.findings.map((f) => f.rule), ['mod26-required']);
    const line = analysis.estimate()[0].dates[0].lines[0];
    assert.equal(line.status, 'unpriced');
    assert.match(line.adjustments[0].reason, /no technical component/);
  });
});
