// Reasoned exceptions (core/suppressions.ts) and the safe fixes (core/fixes.ts), without IO.
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis';
import { suppressionActions } from '../../../server/src/core/features/suppress';
import { applyEditGroups, fixText } from '../../../server/src/core/fixes';
import { RULE_IDS } from '../../../server/src/core/rules';
import { messageOf } from '../../../server/src/core/rules/messages';
import { DEFAULT_SETTINGS, layerSettings, parseSettings } from '../../../server/src/core/settings';
import { applySuppressions, parseDirective, PLACEHOLDER_REASON, suppressionFix } from '../../../server/src/core/rules/suppressions';
import { loadDefaultTables } from '../../../server/src/core/tables';

const tables = loadDefaultTables();
const CLAIM = ['claim "Implant"', 'payer medicare', 'state GA', 'pos 21', 'dx C78.7', '', 'on 2026-03-02', '  36260          dx A', '  49000          dx A', ''].join('\n');
const withComment = (comment: string) => CLAIM.replace('  49000          dx A', `  49000          dx A   ${comment}`);

/** applySuppressions on the checks' own findings (the analysis has already applied it: undone here). */
function suppress(text: string, settings = DEFAULT_SETTINGS, notRun = new Set<string>()) {
  const a = analyze(text, tables, { settings });
  const raw = [...a.findings.filter((f) => f.rule !== 'bad-suppression'), ...(a.suppressed ?? []).map(({ justification: _, ...f }) => f)];
  raw.sort((x, y) => x.line - y.line || x.start - y.start);
  return { analysis: a, ...applySuppressions(raw, a.tree, settings, RULE_IDS, notRun) };
}

describe('suppressions', () => {
  it('parses ids (commas or blanks) and the reason after the first colon', () => {
    const d = parseDirective({ start: 4, text: '# hai-claims-ignore ncci-ptp, mue  kd-required: see op note: page 2' }, 3)!;
    assert.deepEqual(d.ids.map((i) => i.id), ['ncci-ptp', 'mue', 'kd-required']);
    assert.equal(d.reason, 'see op note: page 2');
    assert.equal(d.ids[0].start, 4 + '# hai-claims-ignore '.length);
    assert.equal(parseDirective({ start: 0, text: '# a note about hai-claims-ignore' }, 0), undefined);
  });

  it('a reasoned directive removes that finding on that line only, and keeps its reason', () => {
    const plain = suppress(CLAIM);
    assert.ok(plain.findings.some((f) => f.rule === 'ncci-ptp'));
    const r = suppress(withComment('# hai-claims-ignore ncci-ptp: distinct encounter'));
    assert.ok(!r.findings.some((f) => f.rule === 'ncci-ptp'));
    assert.deepEqual(r.suppressed.map((f) => [f.rule, f.line, f.justification]), [['ncci-ptp', 8, 'distinct encounter']]);
    assert.ok(!r.findings.some((f) => f.rule === 'bad-suppression'));
    // The analysis applies it itself: what the editor and the CLI report.
    assert.deepEqual(r.analysis.findings, r.findings);
    assert.deepEqual(r.analysis.suppressed, r.suppressed);
    // The payer's view is unchanged: the line is still denied in the estimate.
    assert.equal(r.analysis.estimate()[0].dates[0].lines.find((l) => l.code === '49000')?.status, 'denied');
  });

  it('without a reason, or with the placeholder, nothing is suppressed and it says so', () => {
    for (const [comment, reason] of [['# hai-claims-ignore ncci-ptp', 'no-reason'], [`# hai-claims-ignore ncci-ptp: ${PLACEHOLDER_REASON}`, 'placeholder'], ['# hai-claims-ignore ncci-ptp:   ', 'no-reason']]) {
      const r = suppress(withComment(comment));
      assert.ok(r.findings.some((f) => f.rule === 'ncci-ptp'), comment);
      const bad = r.findings.filter((f) => f.rule === 'bad-suppression');
      assert.deepEqual(bad.map((f) => f.data.reason), [reason], comment);
      assert.equal(r.suppressed.length, 0);
    }
  });

  it('an unknown id, no id, or nothing to suppress is a finding on the id', () => {
    const r = suppress(withComment('# hai-claims-ignore ncci-ptp, kd-required, not-a-check: reason'));
    assert.deepEqual(r.findings.filter((f) => f.rule === 'bad-suppression').map((f) => [f.data.reason, f.data.id]), [['unused', 'kd-required'], ['unknown-id', '']]);
    assert.deepEqual(suppress(withComment('# hai-claims-ignore: reason')).findings.filter((f) => f.rule === 'bad-suppression').map((f) => f.data.reason), ['no-id']);
    // An id that is not shaped like one is not quoted (it is text the user typed).
    const odd = suppress(withComment('# hai-claims-ignore Jane/Doe: a real reason')).findings.find((f) => f.rule === 'bad-suppression')!;
    assert.equal(odd.data.id, '');
    assert.doesNotMatch(messageOf(odd), /Jane/);
  });

  it('a check that could not run, or that the settings turn off, is not called unused', () => {
    const notRun = suppress(withComment('# hai-claims-ignore ncci-ptp, mue: reason'), DEFAULT_SETTINGS, new Set(['mue']));
    assert.deepEqual(notRun.findings.filter((f) => f.rule === 'bad-suppression').map((f) => f.data.reason), ['not-run']);
    const off = parseSettings({ rules: { 'kd-required': 'off' } }, RULE_IDS).settings;
    assert.equal(suppress(withComment('# hai-claims-ignore ncci-ptp, kd-required: reason'), off).findings.filter((f) => f.rule === 'bad-suppression').length, 0);
  });

  it('bad-suppression takes its level from the settings like any check', () => {
    const settings = parseSettings({ rules: { 'bad-suppression': 'error' } }, RULE_IDS).settings;
    assert.deepEqual(suppress(withComment('# hai-claims-ignore ncci-ptp'), settings).findings.filter((f) => f.rule === 'bad-suppression').map((f) => f.severity), ['error']);
    const off = parseSettings({ rules: { 'bad-suppression': 'off' } }, RULE_IDS).settings;
    assert.equal(suppress(withComment('# hai-claims-ignore ncci-ptp'), off).findings.filter((f) => f.rule === 'bad-suppression').length, 0);
  });

  it('the quick fix inserts a directive with a placeholder reason, or adds the id to one', () => {
    const plain = suppress(CLAIM);
    const f = plain.findings.find((x) => x.rule === 'ncci-ptp')!;
    const fix = suppressionFix(f, plain.analysis.tree)!;
    const once = applyEditGroups(CLAIM, [fix.edits]).text;
    assert.match(once, /^ {2}49000 {10}dx A {2}# hai-claims-ignore ncci-ptp: <reason>$/m);
    // Until the reason is written, the finding stays and bad-suppression says why.
    const pending = suppress(once);
    assert.ok(pending.findings.some((x) => x.rule === 'ncci-ptp'));
    const commented = withComment('# a note');
    const c = suppress(commented);
    const withNote = applyEditGroups(commented, [suppressionFix(c.findings.find((x) => x.rule === 'ncci-ptp')!, c.analysis.tree)!.edits]).text;
    assert.match(withNote, /# hai-claims-ignore ncci-ptp: <reason>; {2}a note$/m);
    const existing = withComment('# hai-claims-ignore kd-required: why');
    const e = suppress(existing);
    const added = applyEditGroups(existing, [suppressionFix(e.findings.find((x) => x.rule === 'ncci-ptp')!, e.analysis.tree)!.edits]).text;
    assert.match(added, /# hai-claims-ignore kd-required, ncci-ptp: why$/m);
    const actions = suppressionActions(plain.analysis, 'file:///x.claim', { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } });
    assert.deepEqual(actions.map((a) => a.title), ['Suppress ncci-ptp on this line (with a reason)']);
  });
});

describe('safe fixes (--fix)', () => {
  const analyse = (t: string) => {
    const a = analyze(t, tables);
    return { tree: a.tree, findings: a.findings };
  };

  it('applies spelling and case fixes and removes an exact repeated header; never adds a modifier', () => {
    const messy = ['Claim "x"', 'PAYER medicare', 'payer medicare', 'state ga', 'pos 21', 'dx c78.7', '', 'on 2026-03-02', '  36260 dx a', '  j9200 dx A', '  77002 dx A', ''].join('\n');
    const r = fixText(messy, analyse);
    assert.ok(r.settled);
    assert.equal(r.text, ['claim "x"', 'payer medicare', 'state GA', 'pos 21', 'dx C78.7', '', 'on 2026-03-02', '  36260 dx A', '  J9200 dx A', '  77002 dx A', ''].join('\n'));
    assert.equal(fixText(r.text, analyse).applied, 0);
  });

  it('a repeated header that differs is not removed (which one is right is the coder\'s call)', () => {
    const text = ['claim "x"', 'payer medicare', 'state GA', 'state FL', 'pos 21', ''].join('\n');
    assert.equal(fixText(text, analyse).text, text);
  });

  it('overlapping edits: the first wins, the other waits for the next pass; CRLF kept', () => {
    const t = 'ab\r\ncd\r\n';
    const r = applyEditGroups(t, [[{ line: 0, start: 0, end: 2, newText: 'AB' }], [{ line: 0, start: 1, end: 2, newText: 'X' }], [{ line: 1, start: 0, end: 1, newText: 'C' }]]);
    assert.equal(r.text, 'AB\r\nCd\r\n');
    assert.equal(r.applied, 2);
  });
});

describe('settings layers: .haiclaims.json under the user settings', () => {
  it('a key the user set wins; the others and the rules come from the file, the user winning per rule', () => {
    const file = parseSettings({ rules: { 'ncci-ptp': 'warning', 'kd-required': 'error' }, 'data.mue': 'mue.csv', defaultPos: '21', maxFileBytes: 2000 }, RULE_IDS).settings;
    const user = parseSettings({ rules: { 'kd-required': 'off' }, defaultPos: '11' }, RULE_IDS).settings;
    const explicit = layerSettings(file, user, new Set(['defaultPos', 'rules']));
    assert.deepEqual(explicit.rules, { 'ncci-ptp': 'warning', 'kd-required': 'off' });
    assert.equal(explicit.defaultPos, '11');
    assert.deepEqual(explicit.data.mue, ['mue.csv']);
    assert.equal(explicit.maxFileBytes, 2000);
    // Not told which keys the user set: a value equal to the default is not the user's choice.
    const guessed = layerSettings(file, parseSettings({ maxFileBytes: DEFAULT_SETTINGS.maxFileBytes, 'data.mue': [] }, RULE_IDS).settings);
    assert.equal(guessed.maxFileBytes, 2000);
    assert.deepEqual(guessed.data.mue, ['mue.csv']);
  });
});

describe('safe fixes: an exact repeated once-per-date line', () => {
  const analyse = (t: string) => {
    const a = analyze(t, tables);
    return { tree: a.tree, findings: a.findings };
  };
  const REFILL = ['claim "x"', 'payer medicare', 'state GA', 'pos 11', 'dx C78.7', '', 'on 2026-03-30', '  96522 dx A'];

  it('is never removed by --fix (a billed service is a person\'s call: issue 26); a repeat that differs is left too', () => {
    const pasted = [...REFILL, '  96522 dx A', ''].join('\n');
    assert.equal(fixText(pasted, analyse).text, pasted);
    const differs = [...REFILL, 'dx C18.7', '', 'on 2026-03-30', '  96522 dx B', ''].join('\n');
    assert.match(fixText(differs, analyse).text, /96522 dx B/);
  });
});

describe('suppression comments: case, placeholder and short reasons, no comment words quoted (issue 26)', () => {
  const base = ['claim "x"', 'payer medicare', 'state GA', 'pos 11', 'dx C78.7', '', 'on 2026-03-02', '  36260 dx A', '  49000 dx A'];
  const withComment = (c: string) => [...base.slice(0, -1), `  49000 dx A   ${c}`, ''].join('\n');
  const run = (c: string) => analyze(withComment(c), tables);
  const bad = (c: string) => run(c).findings.filter((f) => f.rule === 'bad-suppression');

  it('an upper-case # HAI-CLAIMS-IGNORE NCCI-PTP is honoured', () => {
    const a = run('# HAI-CLAIMS-IGNORE NCCI-PTP: distinct encounter, see op note');
    assert.ok(!a.findings.some((f) => f.rule === 'ncci-ptp'));
    assert.deepEqual(a.suppressed?.map((s) => s.rule), ['ncci-ptp']);
  });

  it('<REASON> in any case and one-character reasons suppress nothing, and say so', () => {
    for (const [c, reason] of [['# hai-claims-ignore ncci-ptp: <REASON>', 'placeholder'], ['# hai-claims-ignore ncci-ptp: x', 'too-short'], ['# hai-claims-ignore ncci-ptp: .', 'too-short']] as const) {
      const a = run(c);
      assert.ok(a.findings.some((f) => f.rule === 'ncci-ptp'), c);
      assert.equal(bad(c)[0]?.data.reason, reason, c);
    }
  });

  it('words of the comment are never quoted: only check ids', () => {
    const messages = [...bad('# hai-claims-ignore ncci-ptp per Dr Smith'), ...bad('# hai-claims-ignore Smith: seen by Dr Smith today')].map((f) => messageOf(f));
    assert.ok(messages.length >= 2);
    for (const m of messages) assert.doesNotMatch(m, /Smith|\bDr\b|\bper\b/, m);
    assert.match(messages[0], /\(ncci-ptp still reported\)/);
  });
});
