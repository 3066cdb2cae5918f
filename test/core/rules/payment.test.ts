// Issue 22: every rule declares its payment effect, and the estimate applies it. A walk over the
// registry: each rule that denies (or denies units) has a firing fixture here, and there the line it
// names is $0.00 (or its units are cut) with that rule as the reason. A rule of no effect never
// carries a denial (the type checker refuses one; the corpus run below checks the findings too).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/core/analysis';
import { RULES } from '../../../server/src/core/rules';
import { messageOf } from '../../../server/src/core/rules/messages';
import type { Finding } from '../../../server/src/core/rules/types';
import { loadDefaultTables, type Tables } from '../../../server/src/core/tables';
import { nationalTables } from '../../helpers/cms-fixtures';
import { claim, medicare } from '../../helpers/billing';
import { slugs } from '../../acceptance/corpus';

interface Fixture {
  text: string;
  tables?: () => Tables;
}

const office = (body: string): Fixture => ({ text: medicare(body, { pos: '11' }) });
const hospital = (body: string): Fixture => ({ text: medicare(body, { pos: '21' }) });

/** One firing claim per rule whose payment effect is not `none`: a new one fails the walk until it is added. */
const FIRING: Record<string, Fixture> = {
  'bad-date': office(claim`
    on 2026-02-30
      99214 dx A
  `),
  'bad-modifier': office(claim`
    on 2026-03-02
      99214-00 dx A
  `),
  'duplicate-line': office(claim`
    on 2026-03-02
      96522 dx A
      96522 dx A
  `),
  'ncci-ptp': hospital(claim`
    on 2026-03-02
      47562 dx A
      47600 dx A
  `),
  'ncci-77002': hospital(claim`
    on 2026-03-02
      36260 dx A
      77002-26 dx A
  `),
  'nucmed-one': hospital(claim`
    on 2026-03-03
      78803-26 dx A
      78830-26 dx A
  `),
  'addon-without-primary': office(claim`
    on 2026-03-02
      76937 dx A
  `),
  'units-impossible': office(claim`
    on 2026-03-02
      96522 x2 dx A
  `),
  'em-multiple': office(claim`
    on 2026-03-02
      99214 dx A
      99215 dx A
  `),
  'consult-medicare': office(claim`
    on 2026-03-02
      99245 dx A
  `),
  'em-needs-25': office(claim`
    on 2026-03-02
      99214 dx A
      96522 dx A
  `),
  'mod-invalid': office(claim`
    on 2026-03-02
      99214-26 dx A
  `),
  'incident-to-facility': hospital(claim`
    on 2026-03-02
      96522 dx A
  `),
  'drug-hospital': hospital(claim`
    on 2026-03-02
      J9200-KD dx A
  `),
  'a4220-bundled': office(claim`
    on 2026-03-02
      96522 dx A
      A4220 dx A
  `),
  'setting-na': office(claim`
    on 2026-03-02
      47562 dx A
  `),
  'global-period': hospital(claim`
    on 2026-03-02
      36260 dx A
    on 2026-03-20
      99214 dx A
  `),
  mue: { ...office(claim`
    on 2026-03-02
      96522 x2 dx A
  `), tables: nationalTables },
  'gz-no-abn': office(claim`
    on 2026-03-02
      99214-GZ dx A
  `),
  'telehealth-not-allowed': { text: medicare(claim`
    on 2026-03-02
      96522 dx A
  `, { pos: '10' }) },
};

describe('payment effects (issue 22)', () => {
  it('every rule declares one of denies, units, reduces, none; every effect but none cites its source', () => {
    for (const r of RULES) {
      assert.ok(['denies', 'units', 'reduces', 'none'].includes(r.payment), `${r.id}: ${String(r.payment)}`);
      if (r.payment !== 'none') assert.ok(r.paymentSource && r.paymentSource.length > 8, `${r.id} cites the source of its payment effect`);
    }
  });

  it('the walk covers exactly the rules that deny', () => {
    const denying = RULES.filter((r) => r.payment === 'denies' || r.payment === 'units').map((r) => r.id).sort();
    assert.deepEqual(Object.keys(FIRING).sort(), denying);
  });

  for (const [id, fx] of Object.entries(FIRING)) {
    it(`${id}: a firing claim prices the line it denies at $0.00 (or cuts its units) with ${id} as the reason`, () => {
      const analysis = analyze(fx.text, fx.tables ? fx.tables() : loadDefaultTables());
      assert.deepEqual(analysis.internalErrors, []);
      const found = analysis.findings.filter((f) => f.rule === id && (f.deniesLine !== undefined || f.deniesLines !== undefined));
      assert.ok(found.length > 0, `${id} fires with a denial: ${analysis.findings.map((f) => f.rule).join(', ')}`);
      const lines = analysis.estimate().flatMap((e) => e.dates).flatMap((d) => d.lines);
      for (const f of found) {
        for (const line of f.deniesLine !== undefined ? [f.deniesLine] : (f.deniesLines ?? [])) {
          const l = lines.find((x) => x.line === line);
          assert.ok(l, `${id}: line ${line + 1} is in the estimate`);
          const reasons = l.adjustments.map((a) => a.reason).join(' | ');
          assert.match(reasons, new RegExp(id), `${id}: the reason names the check`);
          if (f.deniesUnits !== undefined) {
            assert.ok((l.deniedUnits ?? 0) > 0, `${id}: units denied`);
          } else {
            assert.equal(l.amount, 0, `${id}: line ${line + 1} is $0.00`);
            assert.equal(l.status, 'denied');
          }
        }
      }
    });
  }

  it('bad-modifier: a two-digit modifier CPT does not have is unprocessable ($0); a letter modifier the list lacks only warns (it may be a CMS modifier the list does not carry)', () => {
    const a = analyze(medicare('on 2026-03-02\n  99214-00 dx A\n  96522-ZZ dx A\n', { pos: '11' }), loadDefaultTables());
    const found = a.findings.filter((f) => f.rule === 'bad-modifier');
    assert.deepEqual(found.map((f) => [f.line + 1, f.deniesLine !== undefined]), [[7, true], [8, false]]);
    assert.match(messageOf(found[0]), /^-00 is not a CPT modifier .*unprocessable and the line is not paid as billed \(Pub\. 100-04, Ch\. 1, section 80\.3\.1\)/);
    assert.match(messageOf(found[1]), /could not be checked on 96522.*the estimate keeps the line/);
    const lines = a.estimate()[0].dates[0].lines;
    assert.deepEqual(lines.map((l) => [l.code, l.amount]), [['99214', 0], ['96522', 125]]);
  });

  it('across the acceptance corpus, no finding of a rule of no payment effect carries a denial, and its message never says the line is not paid', () => {
    const none = new Set(RULES.filter((r) => r.payment === 'none').map((r) => r.id));
    const tables = loadDefaultTables();
    const offenders: string[] = [];
    for (const slug of slugs) {
      const text = readFileSync(join(__dirname, '..', '..', 'acceptance', 'claims', `${slug}.claim`), 'utf8');
      for (const f of analyze(text, tables).findings as Finding[]) {
        if (!none.has(f.rule)) continue;
        if (f.deniesLine !== undefined || f.deniesLines !== undefined) offenders.push(`${slug}: ${f.rule} denies`);
        if (/\b(is|are) not paid\b|\bline is denied\b|priced (at )?\$0/i.test(messageOf(f))) offenders.push(`${slug}: ${f.rule} says not paid`);
      }
    }
    assert.deepEqual(offenders, []);
  });
});
