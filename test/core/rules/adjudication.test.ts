// Issue 22's new checks (rules/adjudication.ts): -GZ and telehealth deny; POS 66, -51 on an add-on,
// one drug under two codes, and complications in a global period warn. Each cites its source.
import assert from 'node:assert/strict';
import { claim, expectFindings, expectFixClears, expectNoRule, medicare, run } from '../../helpers/billing';

describe('gz-no-abn', () => {
  it('-GZ denies the line, cites CR 7228, and says to bill -GA when an ABN is on file', () => {
    const src = medicare(claim`
      on 2026-03-02
        99214-[[GZ]] dx A
        J9200-KD dx A
    `, { pos: '11' });
    expectFindings(src, 'gz-no-abn', { severity: 'warning', message: [/^99214 is billed -GZ/, /change request 7228/, /denies a -GZ line automatically/, /bill -GA/] });
    const lines = run(src).analysis.estimate()[0].dates[0].lines;
    assert.deepEqual(lines.map((l) => [l.code, l.amount]), [['99214', 0], ['J9200', 4128]]);
  });

  it('does not fire on -GA, or on a claim of a payer the tables do not cover', () => {
    expectNoRule(medicare(claim`
      on 2026-03-02
        99214-GA dx A
    `, { pos: '11' }), 'gz-no-abn');
    expectNoRule('claim "T"\npayer aetna\npos 11\ndx C78.7\non 2026-03-02\n  99214-GZ dx A\n', 'gz-no-abn');
  });
});

describe('telehealth-not-allowed', () => {
  it('the refill at POS 10 and a CT with -95 are denied; the visit at POS 02 or with -95 is paid', () => {
    const home = medicare(claim`
      on 2026-03-02
        99214-25 dx A
        [[96522]] dx A
    `, { pos: '10' });
    expectFindings(home, 'telehealth-not-allowed', { severity: 'warning', related: '10', message: [/^96522 is a procedure \(the pump refill\), which needs the patient in person/, /place of service 10/, /section 190/, /not paid/] });
    assert.deepEqual(run(home).analysis.estimate()[0].dates[0].lines.map((l) => [l.code, l.status]), [['99214', 'paid'], ['96522', 'denied']]);
    const modifier = medicare(claim`
      on 2026-03-02
        99214-95 dx A
        [[74160]]-26-95 dx A
    `, { pos: '11' });
    expectFindings(modifier, 'telehealth-not-allowed', { severity: 'warning', message: [/modifier -95/, /without -95/] });
  });

  it('drugs and supplies billed by telehealth are denied; visits are not', () => {
    expectFindings(medicare(claim`
      on 2026-03-02
        99214 dx A
        [[J9200]]-KD dx A
    `, { pos: '02' }), 'telehealth-not-allowed', { severity: 'warning', message: [/a drug or supply/] });
    expectNoRule(medicare(claim`
      on 2026-03-02
        99215 dx A
    `, { pos: '02' }), 'telehealth-not-allowed');
    // A medicine code outside the guide may be on CMS's telehealth list (psychotherapy): not denied.
    expectNoRule(medicare(claim`
      on 2026-03-02
        90834 dx A
    `, { pos: '02' }), 'telehealth-not-allowed');
  });
});

describe('pos-pace', () => {
  it('POS 66 warns once on the pos line, names section 1894; the amounts stay', () => {
    const src = 'claim "T"\npayer medicare\nstate CA\npos [[66]]\ndx C78.7\non 2026-06-08\n  96522 dx A\non 2026-06-22\n  96522 dx A\n';
    expectFindings(src, 'pos-pace', { severity: 'warning', message: [/PACE center/, /section 1894/, /Part B does not pay/] });
    assert.equal(run(src).analysis.estimate()[0].total, 250);
  });

  it('another place of service does not fire', () => {
    expectNoRule(medicare('on 2026-06-08\n  96522 dx A\n', { pos: '11' }), 'pos-pace');
  });
});

describe('mod51-addon', () => {
  it('-51 on the add-on 74301 warns; the fix removes it', () => {
    const src = medicare(claim`
      on 2026-03-02
        47563 dx A
        74300-26 dx A
        74301-26-[[51]] dx A
    `);
    const [f] = expectFindings(src, 'mod51-addon', { severity: 'warning', message: [/^74301 is an add-on code/, /exempt from the multiple procedure reduction/, /CPT Appendix D/, /Remove -51/] });
    expectFixClears(src, f);
  });

  it('-51 on a primary procedure does not fire', () => {
    expectNoRule(medicare('on 2026-03-02\n  47563 dx A\n  15860-51 dx A\n'), 'mod51-addon');
  });
});

describe('drug-double-bill', () => {
  it('J3490 and J7999 (both "used for glycerin injection") on one date warn on the second', () => {
    expectFindings(medicare(claim`
      on 2026-06-08
        96522 dx A
        J3490-KD dx A
        [[J7999]]-KD dx A
    `, { pos: '11' }), 'drug-double-bill', { severity: 'warning', related: 'J3490', message: [/^J7999 and J3490 \(line 8\)/, /glycerin injection/, /Bill the drug once/] });
  });

  it('on different dates, or one code with units, does not fire', () => {
    expectNoRule(medicare('on 2026-06-08\n  J3490-KD dx A\non 2026-06-22\n  J7999-KD dx A\n', { pos: '11' }), 'drug-double-bill');
    expectNoRule(medicare('on 2026-06-08\n  J3490-KD x2 dx A\n', { pos: '11' }), 'drug-double-bill');
  });
});

describe('complication-in-global', () => {
  const dx = ['C78.7', 'T82.898A', 'K91.89'];

  it('a -24 visit pointing only at complication codes inside the implant global period warns', () => {
    expectFindings(medicare(claim`
      on 2026-03-02
        36260 dx A
      on 2026-03-20
        99214-[[24]] dx B,C
    `, { dx }), 'complication-in-global', { severity: 'warning', related: '36260', message: [/billed -24/, /T82\.898A, K91\.89/, /section 40\.1/, /included in the surgery's payment/] });
  });

  it('a -79 revision of the pump for a complication warns that -78 applies; the fix writes -78', () => {
    const src = medicare(claim`
      on 2026-03-02
        36260 dx A
      on 2026-04-11
        36261-[[79]] dx B
    `, { dx });
    const [f] = expectFindings(src, 'complication-in-global', { severity: 'warning', related: '36260', message: [/billed -79/, /-78 applies/, /section 40\.2/] });
    assert.match(expectFixClears(src, f), /36261-78/);
  });

  it('a -24 visit for the cancer, a visit outside the global period, or a -79 for an unrelated problem does not fire', () => {
    expectNoRule(medicare('on 2026-03-02\n  36260 dx A\non 2026-03-20\n  99214-24 dx A,B\n', { dx }), 'complication-in-global');
    expectNoRule(medicare('on 2026-03-02\n  36260 dx A\non 2026-07-20\n  99214-24 dx B\n', { dx }), 'complication-in-global');
    expectNoRule(medicare('on 2026-03-02\n  36260 dx A\non 2026-04-11\n  36261-79 dx A\n', { dx }), 'complication-in-global');
  });
});
