// Payment modifiers and PFS indicators in the estimate (issue 22): -80/-81/-82/-AS, -62, -66 with
// the ASST SURG, CO-SURG and TEAM SURG indicators, and MULT PROC deciding the MPPR over the guide.
// Amounts computed by hand from the guide (36260 facility $633, 37242 $413, 15860 $93).
import assert from 'node:assert/strict';
import { medicare, run } from '../../helpers/billing';
import { pfsTables, type PfsRow } from '../../helpers/pfs';
import type { Tables } from '../../../server/src/core/tables';
import { hintLabel } from '../../../server/src/core/features/inlayHints';
import { lensTitle } from '../../../server/src/core/features/describe';

function lines(body: string, tables?: Tables) {
  return run(medicare(body), tables ? { tables } : {}).analysis.estimate()[0].dates[0].lines;
}
const row = (r: Partial<PfsRow>): PfsRow => ({ code: '36260', globalDays: '090', multProc: '2', ...r });

describe('estimate: assistant at surgery, co-surgeons and team surgery (Pub. 100-04, Ch. 12, sections 20.4.3 and 40.8)', () => {
  it('-80/-81/-82 pay 16% and -AS 13.6% (85% of 16%) of the fee schedule amount, without the file too', () => {
    // 633 x 16% = 101.28; 633 x 13.6% = 86.088 -> 86.09
    const all = [...lines('on 2026-03-02\n  36260-80 dx A\n'), ...lines('on 2026-03-02\n  36260-AS dx A\n')];
    assert.deepEqual(all.map((l) => [l.code, l.modifiers.join(), l.amount, l.status]), [['36260', '80', 101.28, 'reduced'], ['36260', 'AS', 86.09, 'reduced']]);
    assert.match(all[0].adjustments[0].reason, /16% of the fee schedule amount.*ASST SURG indicator, which is not loaded/);
    assert.match(all[1].adjustments[0].reason, /85% of the physician assistant-at-surgery amount 13\.6%/);
  });

  it('ASST SURG decides: 1 and 9 not paid ($0, with the reason), 0 paid with a documentation note, 2 paid', () => {
    for (const [indicator, amount, status, said] of [
      ['1', 0, 'not-payable', /ASST SURG 1 .*not paid for this procedure/],
      ['9', 0, 'not-payable', /ASST SURG 9 .*does not apply/],
      ['0', 101.28, 'reduced', /ASST SURG 0 .*documentation of medical necessity/],
      ['2', 101.28, 'reduced', /16% of the fee schedule amount/],
    ] as const) {
      const [l] = lines('on 2026-03-02\n  36260-82 dx A\n', pfsTables([row({ assistant: indicator })]));
      assert.deepEqual([l.amount, l.status], [amount, status], `ASST SURG ${indicator}`);
      assert.match(l.adjustments.map((a) => a.reason).join(' '), said);
    }
  });

  it('-62 pays each co-surgeon 62.5% (CO-SURG 1 with a documentation note, 2), not at all under 0 or 9; -66 is priced by the contractor', () => {
    // 633 x 62.5% = 395.625 -> 395.63
    const [co] = lines('on 2026-03-02\n  36260-62 dx A\n');
    assert.deepEqual([co.amount, co.status], [395.63, 'reduced']);
    assert.match(co.adjustments[0].reason, /62\.5%/);
    const [doc] = lines('on 2026-03-02\n  36260-62 dx A\n', pfsTables([row({ coSurgeon: '1' })]));
    assert.equal(doc.amount, 395.63);
    assert.match(doc.adjustments[0].reason, /CO-SURG 1 .*documentation that two surgeons were needed/);
    const [no] = lines('on 2026-03-02\n  36260-62 dx A\n', pfsTables([row({ coSurgeon: '0' })]));
    assert.deepEqual([no.amount, no.status], [0, 'not-payable']);
    const [team] = lines('on 2026-03-02\n  36260-66 dx A\n', pfsTables([row({ teamSurgeon: '2' })]));
    assert.deepEqual([team.amount, team.status], [0, 'unpriced']);
    assert.match(team.adjustments[0].reason, /priced by the contractor, by report/);
  });

  it('an assistant line takes part in the surgical MPPR at its reduced amount', () => {
    // 36260-80 $101.28 and 15860-80 $14.88 (93 x 16%): 36260 first, 15860 at 50% = $7.44.
    const got = lines('on 2026-03-02\n  36260-80 dx A\n  15860-80 dx A\n');
    assert.deepEqual(got.map((l) => l.amount), [101.28, 7.44]);
  });
});

describe('estimate: MULT PROC from the PFS file over the guide (Pub. 100-04, Ch. 12, section 40.6)', () => {
  it('the file wins where it and the guide differ, and the line says so', () => {
    // The guide gives 36260 and 37242 endnote a; the file says 37242 is MULT PROC 0: no reduction.
    const tables = pfsTables([row({}), { code: '37242', globalDays: '090', multProc: '0' }]);
    const got = lines('on 2026-03-02\n  36260 dx A\n  37242 dx A\n', tables);
    assert.deepEqual(got.map((l) => [l.code, l.amount]), [['36260', 633], ['37242', 413]]);
    assert.match(got[1].adjustments[0].reason, /MULT PROC 0 in PFS relative value file .* decides the multiple-procedure rule for 37242, not the guide's endnote a/);
    // Without the file: the guide's endnote a, 413 at 50% = 206.50.
    assert.deepEqual(lines('on 2026-03-02\n  36260 dx A\n  37242 dx A\n').map((l) => l.amount), [633, 206.5]);
  });

  it('MULT PROC 3 without an ENDO BASE is ranked as standard surgery and says why the family rule is not applied', () => {
    const tables = pfsTables([row({}), { code: '37242', globalDays: '090', multProc: '3' }]);
    const got = lines('on 2026-03-02\n  36260 dx A\n  37242 dx A\n', tables);
    assert.deepEqual(got.map((l) => l.amount), [633, 206.5]);
    assert.match(got[1].adjustments.map((a) => a.reason).join(' '), /endoscopy family rule .* needs the base code/);
  });

  describe('the endoscopy family rule (MULT PROC 3 with ENDO BASE)', () => {
    // Base 43235 3.00 RVUs ($100.20), 43239 4.00 ($133.60), 43251 5.00 ($167.00), x 33.4009.
    const tables = pfsTables([
      row({}),
      { code: '43235', globalDays: '000', multProc: '3', endoBase: '43235', total: 3 },
      { code: '43239', globalDays: '000', multProc: '3', endoBase: '43235', total: 4 },
      { code: '43251', globalDays: '000', multProc: '3', endoBase: '43235', total: 5 },
    ]);

    it('the highest endoscopy in full, the next at its value less the base; the base alone with its family is not paid', () => {
      // 43251 $167.00 full; 43239 133.60 - 100.20 = $33.40.
      const two = lines('on 2026-03-02\n  43239 dx A\n  43251 dx A\n', tables);
      assert.deepEqual(two.map((l) => l.amount), [33.4, 167]);
      assert.match(two[0].adjustments.map((a) => a.reason).join(' '), /Endoscopy family \(MULT PROC 3, base 43235.*paid at its value less the base 43235's \$100\.2/);
      // 43239 with its base: 43239 $133.60, the base $0.
      assert.deepEqual(lines('on 2026-03-02\n  43235 dx A\n  43239 dx A\n', tables).map((l) => l.amount), [0, 133.6]);
    });

    it('a family ranks as one procedure in the standard MPPR: behind 36260 each of its lines is paid at 50%', () => {
      // 36260 $633 first; the family's $200.40 second: 43251 167.00 -> 83.50, 43239 33.40 -> 16.70.
      const got = lines('on 2026-03-02\n  36260 dx A\n  43239 dx A\n  43251 dx A\n', tables);
      assert.deepEqual(got.map((l) => l.amount), [633, 16.7, 83.5]);
    });
  });
});

describe('estimate: one code on an RT and an LT line is one bilateral procedure (Pub. 100-04, Ch. 12, section 40.7)', () => {
  const body = 'on 2026-03-02\n  64450-RT dx A\n  64450-LT dx A\n';
  const amounts = (bilateral: string) => lines(body, pfsTables([{ code: '64450', globalDays: '000', multProc: '2', bilateral, total: 2 }])).map((l) => l.amount);

  it('BILAT SURG 1: 150% of the code on the first line, the other side $0 with the line that carries it; 3: each side 100% (200% on the first line, as -50); 0 and 2: once', () => {
    // 2.00 RVUs x 33.4009 = 66.80; x 150% = 100.20.
    assert.deepEqual(amounts('1'), [100.2, 0]);
    assert.deepEqual(amounts('3'), [133.6, 0]);
    assert.deepEqual(amounts('0'), [66.8, 0]);
    assert.deepEqual(amounts('2'), [66.8, 0]);
    const [, lt] = lines(body, pfsTables([{ code: '64450', globalDays: '000', bilateral: '1', total: 2 }]));
    assert.equal(lt.status, 'reduced');
    assert.match(lt.adjustments[0].reason, /the other side of the bilateral procedure on line \d+, which carries the payment for both sides \(150% of the code/);
    // Without the file, RT/LT lines are left as billed.
    assert.equal(lines('on 2026-03-02\n  36260-RT dx A\n').length, 1);
  });

  it('the pair is ranked once in the surgical MPPR, at its bilateral amount', () => {
    const tables = pfsTables([{ code: '64450', globalDays: '000', multProc: '2', bilateral: '1', total: 2 }]);
    // 36260 $633 first; the pair $100.20 second at 50% = $50.10; the LT line $0.
    assert.deepEqual(lines(`on 2026-03-02\n  36260 dx A\n  64450-RT dx A\n  64450-LT dx A\n`, tables).map((l) => l.amount), [633, 50.1, 0]);
  });
});

describe('hints and lenses name the payment modifier (issue 22)', () => {
  it('an assistant line, a co-surgeon line, an assistant not paid and the other side of an RT/LT pair', () => {
    const [asst] = lines('on 2026-03-02\n  36260-80 dx A\n');
    assert.equal(hintLabel(asst), '$101.28, assistant at surgery');
    const [no] = lines('on 2026-03-02\n  36260-80 dx A\n', pfsTables([row({ assistant: '1' })]));
    assert.equal(hintLabel(no), 'not payable (assistant at surgery)');
    const [, lt] = lines('on 2026-03-02\n  64450-RT dx A\n  64450-LT dx A\n', pfsTables([{ code: '64450', globalDays: '000', bilateral: '1', total: 2 }]));
    assert.equal(hintLabel(lt), "$0.00, paid on the other side's line");
    const [co] = lines('on 2026-03-02\n  36260-62 dx A\n');
    assert.equal(lensTitle({ total: co.amount, lines: [co] }), 'Est. allowable $395.63 (assistant/co-surgeon share -$237.37)');
  });
});
