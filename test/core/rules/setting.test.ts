// Setting family: incident-to codes in a facility (endnote d), pump drugs in a hospital (endnote +),
// A4220 bundled into 96522 (endnote #), NA allowables in the date's setting; and what happens when
// the place of service is missing or unknown (the checks say they could not run).
import assert from 'node:assert/strict';
import { claim, expectFindings, expectFixClears, expectNoRule, medicare, run } from '../../helpers/billing';

const GUIDE = /CY2026 HAI coding and billing guide/;
const SETTING_RULES = ['incident-to-facility', 'drug-hospital', 'setting-na'];

describe('incident-to-facility', () => {
  it('96522 on an inpatient date (pos 21): fires on the code, related to the claim\'s pos', () => {
    const src = medicare(claim`
      on 2026-03-16
        [[96522]] dx A
    `, { pos: '21' });
    const [f] = expectFindings(src, 'incident-to-facility', {
      severity: 'error',
      related: '21',
      message: [/^96522 is an "incident to" service and is not payable in a hospital setting/, GUIDE, /endnote d/, /place of service 21 \(Inpatient Hospital\)/, /Bill it on an office date/],
    });
    assert.equal(f.deniesLine, f.line);
  });

  it('the date\'s own pos decides: an on-campus outpatient date of an office claim fires, related to the on line', () => {
    expectFindings(medicare(claim`
      on 2026-03-16 pos 22
        [[96522]] dx A
    `, { pos: '11' }), 'incident-to-facility', { severity: 'error', related: '22' });
  });

  it('96522 in a facility gets only incident-to-facility, not setting-na as well', () => {
    expectNoRule(medicare(claim`
      on 2026-03-16
        96522 dx A
    `, { pos: '21' }), 'setting-na');
  });

  it('96522 in the office (pos 11), and on an office date of a hospital claim: does not fire', () => {
    expectNoRule(medicare(claim`
      on 2026-03-16
        96522 dx A
    `, { pos: '11' }), 'incident-to-facility');
    expectNoRule(medicare(claim`
      on 2026-03-16 pos 11
        96522 dx A
    `, { pos: '21' }), 'incident-to-facility');
  });
});

describe('drug-hospital', () => {
  it('J9200-KD at pos 21: fires on the code, related to the pos; the fix removes the line', () => {
    const src = medicare(claim`
      on 2026-03-16
        [[J9200]]-KD x2 dx A
    `, { pos: '21' });
    const [f] = expectFindings(src, 'drug-hospital', {
      severity: 'warning',
      related: '21',
      message: [/^J9200 is given at place of service 21 \(Inpatient Hospital\)/, /the hospital must bill Medicare for the drug/, GUIDE, /endnote \+/, /Remove it from the physician claim/],
    });
    assert.equal(f.deniesLine, f.line);
    assert.doesNotMatch(expectFixClears(src, f), /J9200/);
  });

  it('J9200-KD in the office: does not fire', () => {
    expectNoRule(medicare(claim`
      on 2026-03-16
        J9200-KD x2 dx A
    `, { pos: '11' }), 'drug-hospital');
  });
});

describe('a4220-bundled', () => {
  it('A4220 with 96522: fires on A4220, related to 96522; the fix removes the line', () => {
    const src = medicare(claim`
      on 2026-03-16
        96522 dx A
        [[A4220]] dx A
    `, { pos: '11' });
    const [f] = expectFindings(src, 'a4220-bundled', {
      severity: 'warning',
      related: '96522',
      message: [/^A4220 \(refill kit\) is not separately payable/, /bundled into 96522/, GUIDE, /endnote #/, /may not be billed for it either, even with an ABN/, /Remove A4220/],
    });
    assert.equal(f.deniesLine, f.line);
    expectFixClears(src, f);
  });

  it('A4220 without 96522 on its date: still fires (never separately payable), with no related line', () => {
    const [f] = expectFindings(medicare(claim`
      on 2026-03-16
        [[A4220]] dx A
    `, { pos: '11' }), 'a4220-bundled', { severity: 'warning' });
    assert.equal(f.related, undefined);
  });

  it('a refill without A4220: does not fire', () => {
    expectNoRule(medicare(claim`
      on 2026-03-16
        96522 dx A
        A4216-KD dx A
    `, { pos: '11' }), 'a4220-bundled');
  });
});

describe('setting-na', () => {
  it('99254 (inpatient consultation) at pos 11: fires on the code, related to the pos', () => {
    const [f] = expectFindings(medicare(claim`
      on 2026-02-02
        [[99254]] dx A
    `, { pos: '11' }), 'setting-na', {
      severity: 'warning',
      related: '11',
      message: [/^99254 has no non-facility allowable \(the guide prints NA\)/, /place of service 11 \(Office\)/, /on 2026-02-02/, GUIDE, /priced in the facility setting: check the place of service/],
    });
    assert.equal(f.deniesLine, f.line);
  });

  it('36260 (pump insertion) on an office date: fires', () => {
    expectFindings(medicare(claim`
      on 2026-03-02 pos 11
        [[36260]] dx A
    `, { pos: '21' }), 'setting-na', { severity: 'warning', related: '11' });
  });

  it('78830 (SPECT-CT, NA in the office) without -26 on an office date: fires; billed -26 (the professional component, priced in every setting): does not', () => {
    expectFindings(medicare(claim`
      on 2026-03-03
        [[78830]] dx A
    `, { pos: '11' }), 'setting-na', { severity: 'warning', related: '11' });
    expectNoRule(medicare(claim`
      on 2026-03-03
        78830-26 dx A
    `, { pos: '11' }), 'setting-na');
  });

  it('99254 and 36260 in the hospital, 96522 in the office: do not fire', () => {
    expectNoRule(medicare(claim`
      on 2026-03-01
        99254-57 dx A
      on 2026-03-02
        36260 dx A
      on 2026-03-16 pos 11
        96522 dx A
    `, { pos: '21' }), 'setting-na');
  });
});

describe('setting checks without a place of service', () => {
  const src = medicare(claim`
    [[on 2026-03-16]]
      96522 dx A
      J9200-KD dx A
      99254 dx A
  `, { pos: null });

  it('reports missing-pos on the date, saying the setting checks could not run', () => {
    const [missing] = expectFindings(src, 'missing-pos', { severity: 'warning', message: [/no place of service/, /setting rules could not be checked/, /Add "pos NN"/] });
    assert.ok(missing);
    const { analysis } = run(src);
    for (const rule of SETTING_RULES) assert.equal(analysis.findings.filter((f) => f.rule === rule).length, 0, rule);
  });

  it('the estimate leaves every line unpriced and says why', () => {
    const { analysis } = run(src);
    const [c] = analysis.estimate();
    // Issue 13: a consultation code on a Medicare claim is denied whatever the setting (consult-medicare).
    assert.deepEqual(c.dates[0].lines.map((l) => l.status), ['unpriced', 'unpriced', 'denied']);
    assert.match(c.dates[0].lines[0].adjustments[0].reason, /No place of service/);
    assert.equal(c.total, 0);
    assert.ok(c.notes.some((n) => /2 lines could not be priced/.test(n)));
  });

  it('adding pos 11 (the quick fix) lets the setting checks run', () => {
    const { analysis } = run(src);
    const fixed = expectFixClears(src, analysis.findings.find((f) => f.rule === 'missing-pos')!, /pos 11/);
    const after = run(fixed).analysis;
    assert.deepEqual(after.findings.filter((f) => SETTING_RULES.includes(f.rule)).map((f) => [f.rule, f.data.code]), [['setting-na', '99254']]);
  });

  it('an unknown place of service: unknown-pos, and the setting checks do not run', () => {
    const { analysis } = run(medicare(claim`
      on 2026-03-16
        96522 dx A
    `, { pos: '98' }));
    assert.deepEqual(analysis.findings.map((f) => f.rule).filter((r) => r === 'unknown-pos' || SETTING_RULES.includes(r)), ['unknown-pos']);
    const line = analysis.estimate()[0].dates[0].lines[0];
    assert.equal(line.status, 'unpriced');
    // The reason names the unknown code, not a missing one (a coder would look for a pos that is there).
    assert.match(line.adjustments[0].reason, /^The place of service on line \d+ is not a CMS place-of-service code.*Correct the place of service/);
    assert.doesNotMatch(line.adjustments[0].reason, /No place of service/);
  });
});

describe('checks that lack data say so', () => {
  it('a code in no table: unknown-code says it cannot be checked or priced; no billing rule guesses about it', () => {
    const src = medicare(claim`
      on 2026-03-16
        96522 dx A
        [[96523]] dx A
    `, { pos: '21' });
    expectFindings(src, 'unknown-code', { severity: 'warning', message: [/not in the CY2026 HAI guide, so it cannot be checked or priced/] });
    const { analysis } = run(src);
    assert.deepEqual(analysis.findings.filter((f) => f.data.code === '96523').map((f) => f.rule), ['unknown-code']);
    // The estimate leaves it unpriced and says what to do (issue 13: every $0 line gives its reason).
    const line = analysis.estimate()[0].dates[0].lines.find((l) => l.code === '96523')!;
    assert.equal(line.status, 'unpriced');
    assert.match(line.adjustments[0].reason, /^96523 is in no loaded fee table, so it is not priced: load CMS's PFS relative value file \(haiClaims\.data\.pfsRvu\)/);
  });

  it('an E/M code the guide does not list is still an E/M visit for the global period (CPT ranges)', () => {
    expectFindings(medicare(claim`
      on 2026-03-02
        36260 dx A
      on 2026-03-20 pos 11
        [[99213]] dx A
    `), 'global-period', { severity: 'warning', related: '36260' });
  });
});
