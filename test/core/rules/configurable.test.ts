// Issue 13's checks are configurable like the others: every rule id of the registry is a valid key of
// haiClaims.rules (parseSettings, as the server and the CLI's --config read it), and a level set for a
// new check changes its findings and, for the checks that deny, the estimate. (The CLI's --rule: test/cli/rule-ids.test.ts.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/core/analysis';
import { RULE_IDS } from '../../../server/src/core/rules';
import { parseSettings, type Settings } from '../../../server/src/core/settings';
import { loadDefaultTables } from '../../../server/src/core/tables';

const LEVELS = ['off', 'hint', 'information', 'warning', 'error'] as const;

/** Issue 13's new ids, and the existing ids it gave new behaviour. */
const ISSUE_13 = [
  'spelling', 'unknown-payer', 'global-period', 'mod-invalid', 'bad-modifier', 'mod-conflict', 'duplicate-line',
  'units-impossible', 'addon-without-primary', 'mod26-required', 'em-multiple', 'consult-medicare', 'em-needs-25',
  'dx-duplicate', 'bad-dx', 'dx-not-listed',
];

/** Each check with an acceptance claim that fires it (test/acceptance/claims), and whether it denies a line there. */
const FIRES: Record<string, { slug: string; denies: boolean }> = {
  'unknown-payer': { slug: '52-therapy-commercial-payer', denies: false },
  'global-period': { slug: '38-revision-58-then-removal', denies: true },
  'mod-invalid': { slug: '12-eval-visit-26-modifier', denies: true },
  'bad-modifier': { slug: '75-therapy-invalid-modifier', denies: true },
  'mod-conflict': { slug: '47-removal-ga-and-gz', denies: false },
  'duplicate-line': { slug: '53-therapy-refill-pasted-twice', denies: true },
  'units-impossible': { slug: '57-therapy-refill-two-units', denies: true },
  'addon-without-primary': { slug: '63-therapy-ultrasound-guidance-alone', denies: true },
  'mod26-required': { slug: '14-prep-cholangiogram-without-26', denies: false },
  'em-multiple': { slug: '08-eval-two-visits-same-day', denies: true },
  'consult-medicare': { slug: '02-eval-consult-office-medicare', denies: true },
  'em-needs-25': { slug: '60-therapy-visit-same-day-no-25', denies: true },
  'dx-duplicate': { slug: '67-therapy-diagnosis-twice', denies: false },
  'bad-dx': { slug: '68-therapy-diagnosis-without-dot', denies: false },
  'dx-not-listed': { slug: '65-therapy-refill-pointing-only-z451', denies: false },
  spelling: { slug: '18-prep-upper-case-keywords-ncci', denies: false },
  // Issue 22's checks.
  'gz-no-abn': { slug: '221-therapy-drug-gz-no-abn', denies: true },
  'telehealth-not-allowed': { slug: '223-therapy-refill-by-telehealth', denies: true },
  'pos-pace': { slug: '232-therapy-pace-with-visit', denies: false },
  'mod51-addon': { slug: '228-cholangiogram-addon-with-51', denies: false },
  'drug-double-bill': { slug: '229-therapy-glycerin-two-codes', denies: false },
  'complication-in-global': { slug: '225-visit-24-for-pump-complication', denies: false },
};

const tables = loadDefaultTables();
const claimText = (slug: string): string => readFileSync(join(__dirname, '..', '..', 'acceptance', 'claims', `${slug}.claim`), 'utf8');

function settingsFor(id: string, level: (typeof LEVELS)[number]): Settings {
  const { settings, problems } = parseSettings({ rules: { [id]: level } }, RULE_IDS);
  assert.deepEqual(problems, [], `${id}=${level}`);
  return settings;
}

/** The reasons of the estimate's $0 lines that name the check. */
function denialsBy(text: string, id: string, settings?: Settings): string[] {
  const lines = analyze(text, tables, { settings }).estimate().flatMap((e) => e.dates).flatMap((d) => d.lines);
  return lines.flatMap((l) => l.adjustments.map((a) => a.reason)).filter((r) => r.includes(id));
}

describe('every check is configurable (issue 13)', () => {
  it('parseSettings accepts every rule id of the registry at every level', () => {
    for (const id of RULE_IDS) {
      for (const level of LEVELS) assert.equal(settingsFor(id, level).rules[id], level);
    }
  });

  it("issue 13's checks are in the registry (so haiClaims.rules and --rule accept them)", () => {
    for (const id of ISSUE_13) assert.ok(RULE_IDS.has(id), id);
  });

  for (const [id, { slug, denies }] of Object.entries(FIRES)) {
    it(`${id}: "off" removes its findings${denies ? ' and its denials' : ''}; "error" and "information" set the level (${slug})`, () => {
      const text = claimText(slug);
      const by = (settings?: Settings) => analyze(text, tables, { settings }).findings.filter((f) => f.rule === id);
      assert.ok(by().length > 0, `${id} fires on ${slug} by default`);
      assert.deepEqual(by(settingsFor(id, 'off')), []);
      for (const level of ['error', 'information'] as const) {
        const found = by(settingsFor(id, level));
        assert.ok(found.length > 0 && found.every((f) => f.severity === level), `${id}=${level}`);
      }
      if (denies) {
        assert.ok(denialsBy(text, id).length > 0, `${id} denies a line of ${slug} by default`);
        assert.deepEqual(denialsBy(text, id, settingsFor(id, 'off')), [], `${id}=off denies nothing`);
      }
    });
  }
});
