// Incremental analysis: a document analysed edit after edit with one AnalysisCache (as the server
// does) must give exactly what a fresh analysis of the same text gives: findings (ranges, data,
// related lines, fixes), model, estimate. Many random edits over generated claim files, including
// edits that add or remove lines above reused claims, split or merge claims, duplicate them, and
// touch the lines before the first claim and the end of the document.
import assert from 'node:assert/strict';
import { generateClaims, renderClaims, rng } from '../../bench/generate';
import { longClaim } from '../../bench/long-claim';
import { DATE_SCOPED_RULES } from '../../server/src/core/rules/runner';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, AnalysisCache, ClaimDocument, type Analysis } from '../../server/src/core/analysis';
import { parseSettings, RULE_IDS } from '../../server/src/core/languageService';
import type { Settings } from '../../server/src/core/settings';
import { applyChanges, parseText, reparseText, textOf, type ContentChange } from '../../server/src/core/syntax/incremental';
import { LineCache, parseLine, splitLines } from '../../server/src/core/syntax/parser';
import { loadDefaultTables } from '../../server/src/core/tables';

const tables = loadDefaultTables();

const LINES = [
  'claim "another"',
  'claim "HAI patient 1"',
  'payer medicare',
  'payer aetna',
  'state GA',
  'state WV',
  'pos 21',
  'pos 11',
  'start 2026-01-05',
  'dx C78.7',
  'dx C49.A0',
  'dx Z99.9',
  'on 2026-03-02',
  'on day 14 pos 11',
  'on 2025-12-30',
  '  36260          dx A',
  '  49000          dx A',
  '  15860          dx A',
  '  77002          dx A',
  '  96522          dx A',
  '  96522          dx A',
  '  J9200 x2       dx A',
  '  A4220          dx A',
  '  78830 -26 -XS  dx A,B',
  '  99214 dx A',
  '  99214-25 dx A',
  '  74170          dx C',
  '  bogus line',
  '# a comment',
  // Suppressions: kept with each claim's lines (reuse.ts), so an edit must move and drop them right.
  '  96522 dx A  # hai-claims-ignore duplicate-line: second visit that day',
  '# hai-claims-ignore ncci-ptp',
  '',
];
const CHARS = ['\n', '\r', '\r\n', ' ', '-', '#', '"', '0', '2', '6', '9', 'A', 'x', 'X', 'S', 'K', 'D', ',', 'c', 'l', 'a', 'i', 'm'];

type Edit = { at: number; remove: number; insert: string };

/** A random edit: a character, a deletion, a whole line added or removed, or a block copied. */
function randomEdit(text: string, r: () => number): Edit {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const lineAt = (n: number) => lineStarts[Math.min(n, lineStarts.length - 1)];
  const k = r();
  if (k < 0.35) return { at: Math.floor(r() * (text.length + 1)), remove: 0, insert: pick(CHARS) };
  if (k < 0.5) {
    const at = Math.floor(r() * text.length);
    return { at, remove: 1 + Math.floor(r() * 12), insert: '' };
  }
  if (k < 0.7) return { at: lineAt(Math.floor(r() * lineStarts.length)), remove: 0, insert: `${pick(LINES)}\n` };
  if (k < 0.82) {
    const line = Math.floor(r() * lineStarts.length);
    const start = lineAt(line);
    const end = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
    return { at: start, remove: end - start, insert: '' };
  }
  if (k < 0.9) {
    // Copy a block of lines elsewhere: duplicate claims and dates.
    const a = Math.floor(r() * lineStarts.length);
    const b = Math.min(lineStarts.length - 1, a + 1 + Math.floor(r() * 12));
    const block = text.slice(lineAt(a), lineAt(b));
    return { at: lineAt(Math.floor(r() * lineStarts.length)), remove: 0, insert: block };
  }
  if (k < 0.95) return { at: text.length, remove: 0, insert: pick(['\n', `\n${pick(LINES)}`, '  ', '\n\n']) };
  return { at: 0, remove: 0, insert: `${pick(LINES)}\n` };
}

function apply(text: string, e: Edit): string {
  return text.slice(0, e.at) + e.insert + text.slice(e.at + e.remove);
}

/**
 * One LSP content change applied to a whole text: positions are (line, UTF-16 column) of the
 * text's lines as splitLines reads them; a column past the end of its line means the line's end.
 */
function applyToText(text: string, change: ContentChange): string {
  if (!change.range) return change.text;
  const { tree } = parseText(text);
  const starts = parseText(text).starts ?? [];
  const offset = (p: { line: number; character: number }) => {
    if (p.line >= starts.length) return text.length;
    if (p.line < 0) return 0;
    return starts[p.line] + Math.max(0, Math.min(p.character, tree.texts[p.line].length));
  };
  let a = offset(change.range.start);
  let b = offset(change.range.end);
  if (a > b) [a, b] = [b, a];
  return text.slice(0, a) + change.text + text.slice(b);
}

/** Everything an analysis offers the features, in a form deepStrictEqual compares. */
function observable(a: Analysis) {
  return { findings: a.findings, suppressed: a.suppressed, model: a.model, estimate: a.estimate(), internalErrors: a.internalErrors, tree: a.tree };
}

function settingsWith(rules: Record<string, string>, extra: Record<string, unknown> = {}): Settings {
  return parseSettings({ rules, ...extra }, RULE_IDS).settings;
}

describe('incremental parsing', () => {
  it('splits lines as LSP does and re-splits only around an edit, equal to a fresh split', () => {
    const r = rng(7);
    const alphabet = ['a', 'b', ' ', '\n', '\r', '\r\n', 'claim', '#'];
    const pick = () => alphabet[Math.floor(r() * alphabet.length)];
    const cache = new LineCache();
    for (let doc = 0; doc < 200; doc++) {
      let text = Array.from({ length: Math.floor(r() * 40) }, pick).join('');
      let parsed = parseText(text, cache);
      for (let step = 0; step < 30; step++) {
        const at = Math.floor(r() * (text.length + 1));
        const remove = r() < 0.5 ? Math.floor(r() * 4) : 0;
        text = text.slice(0, at) + Array.from({ length: Math.floor(r() * 3) }, pick).join('') + text.slice(at + remove);
        const { parsed: next, window } = reparseText(parsed, text, cache);
        const fresh = parseText(text);
        assert.deepStrictEqual(next.tree.texts, splitLines(text));
        assert.deepStrictEqual(next.tree, fresh.tree);
        assert.deepStrictEqual(next.starts, fresh.starts);
        assert.deepStrictEqual(next.tree.lines, splitLines(text).map(parseLine));
        assert.ok(window.from <= window.oldTo && window.from <= window.newTo);
        parsed = next;
      }
    }
  });

  it('applies editor changes by range as LSP defines them, and re-reads only around them', () => {
    const r = rng(8);
    const alphabet = ['a', 'b', ' ', '\n', '\r', '\r\n', 'claim', '#', '\n\n'];
    const cache = new LineCache();
    for (const withCr of [false, true]) {
      const letters = withCr ? alphabet : alphabet.filter((c) => !c.includes('\r'));
      const pick = () => letters[Math.floor(r() * letters.length)];
      for (let doc = 0; doc < 150; doc++) {
        const initial = Array.from({ length: Math.floor(r() * 40) }, pick).join('');
        let expected = initial;
        // vscode-languageserver-textdocument agrees while no change joins \r and \n into one break
        // (its line bookkeeping does not notice the join); the reference below is exact.
        const td = withCr ? undefined : TextDocument.create('file:///x', 'hai-claim', 0, initial);
        const parsed = parseText(initial, cache);
        for (let step = 0; step < 30; step++) {
          // Each change of a batch is made on the text the previous one left.
          const one = (): ContentChange => {
            const lines = parseText(expected).tree.texts.length;
            const pos = () => ({ line: Math.floor(r() * lines), character: Math.floor(r() * 8) - (r() < 0.05 ? 3 : 0) });
            const c = r() < 0.03 ? { text: Array.from({ length: 5 }, pick).join('') } : { range: { start: pos(), end: pos() }, text: Array.from({ length: Math.floor(r() * 3) }, pick).join('') };
            expected = applyToText(expected, c);
            return c;
          };
          const changes = Array.from({ length: r() < 0.2 ? 2 + Math.floor(r() * 3) : 1 }, one);
          const before = parsed.tree.texts.slice();
          const window = applyChanges(parsed, changes, cache);
          if (td) {
            TextDocument.update(td, changes, step + 1);
            assert.equal(td.getText(), expected);
          }
          const fresh = parseText(expected);
          assert.equal(textOf(parsed), expected);
          assert.deepStrictEqual(parsed.tree, fresh.tree);
          assert.deepStrictEqual(parsed.breaks, fresh.breaks);
          assert.equal(parsed.length, expected.length);
          // The window accounts for every change: outside it, the old lines are the new lines.
          assert.deepStrictEqual(window.removed, before.slice(window.from, window.oldTo));
          assert.deepStrictEqual(before.slice(0, window.from), parsed.tree.texts.slice(0, window.from));
          assert.deepStrictEqual(before.slice(window.oldTo), parsed.tree.texts.slice(window.newTo));
        }
      }
    }
  });

  it('touches only the lines around a one-character edit in a long document', () => {
    const text = renderClaims(generateClaims(2000, 3)).text;
    const parsed = parseText(text);
    const at = text.indexOf('96522', text.length >> 1) + 4;
    const { window } = reparseText(parsed, `${text.slice(0, at)}9${text.slice(at + 1)}`);
    assert.ok(window.oldTo - window.from <= 3 && window.newTo === window.oldTo, JSON.stringify(window));
  });
});

describe('incremental analysis', function () {
  this.timeout(120_000);

  for (const [seed, settings] of [
    [1, undefined],
    [2, undefined],
    [3, settingsWith({ 'ncci-ptp': 'warning', 'kd-required': 'off' })],
    [4, undefined],
    [5, settingsWith({ 'dx-not-listed': 'error' })],
  ] as const) {
    it(`equals a fresh analysis after each of 300 random edits (seed ${seed})`, () => {
      const r = rng(seed);
      let text = renderClaims(generateClaims(40 + seed * 10, seed)).text;
      const cache = new AnalysisCache();
      for (let step = 0; step < 300; step++) {
        // Keep the document around its size: more deletions when it has grown.
        let e = randomEdit(text, r);
        if (text.length > 6000 && e.insert.length > 0 && r() < 0.5) e = { at: Math.floor(r() * text.length), remove: 200, insert: '' };
        text = apply(text, e);
        const incremental = analyze(text, tables, { settings, cache });
        const fresh = analyze(text, tables, { settings });
        try {
          assert.deepStrictEqual(observable(incremental), observable(fresh));
        } catch (err) {
          // The edit, never the document text (house rule: no claim text in logs).
          throw new Error(`seed ${seed}, step ${step}, edit at ${e.at} removing ${e.remove} inserting ${JSON.stringify(e.insert).length - 2} characters: ${(err as Error).message.slice(0, 2000)}`);
        }
      }
    });
  }

  for (const seed of [11, 12, 13]) {
    it(`a ClaimDocument updated by editor changes equals a fresh analysis (seed ${seed})`, () => {
      const r = rng(seed);
      let text = renderClaims(generateClaims(60, seed)).text;
      const doc = new ClaimDocument(text);
      // The position of an offset in the current text (lines as splitLines reads them).
      const positionAt = (offset: number) => {
        const starts = parseText(text).starts ?? [0];
        let line = 0;
        while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
        return { line, character: offset - starts[line] };
      };
      const edit = (change: ContentChange) => {
        doc.update([change]);
        text = applyToText(text, change);
      };
      for (let step = 0; step < 300; step++) {
        // Several edits between analyses sometimes, as when diagnostics are debounced while typing.
        const batches = r() < 0.2 ? 3 : 1;
        for (let b = 0; b < batches; b++) {
          const e = randomEdit(text, r);
          edit({ range: { start: positionAt(e.at), end: positionAt(Math.min(text.length, e.at + e.remove)) }, text: e.insert });
        }
        if (text.length > 6000) edit({ range: { start: positionAt(0), end: positionAt(2000) }, text: '' });
        const incremental = doc.analyze(tables);
        assert.equal(doc.getText(), text);
        try {
          assert.deepStrictEqual(observable(incremental), observable(analyze(text, tables)));
        } catch (err) {
          throw new Error(`seed ${seed}, step ${step}: ${(err as Error).message.slice(0, 2000)}`);
        }
      }
    });
  }

  it('equals a fresh analysis when the text is replaced wholesale and when the settings change', () => {
    const cache = new AnalysisCache();
    const a = renderClaims(generateClaims(60, 11)).text;
    const b = renderClaims(generateClaims(60, 12)).text;
    const off = settingsWith({ 'a4220-bundled': 'off' });
    for (const [text, settings] of [[a, undefined], [b, undefined], [a, off], [a, undefined], ['', undefined], [a, undefined]] as const) {
      assert.deepStrictEqual(observable(analyze(text, tables, { settings, cache })), observable(analyze(text, tables, { settings })));
    }
  });

  it('knows a claim that stops being the last one: a fix that deletes its last line deletes the line break before or after it', () => {
    const claim = 'claim "pump"\npayer medicare\nstate GA\npos 11\ndx C78.7\non 2026-03-02\n  96522 dx A\n  A4220 dx A';
    const cache = new AnalysisCache();
    for (const text of [claim, `${claim}\n${claim}`, claim, `${claim}\n\n`, claim]) {
      assert.deepStrictEqual(observable(analyze(text, tables, { cache })), observable(analyze(text, tables)));
    }
    const fix = analyze(`${claim}\n${claim}`, tables, { cache }).findings.find((f) => f.rule === 'a4220-bundled' && f.line === 7)?.fixes?.[0].edits[0];
    assert.deepEqual(fix && [fix.line, fix.start, fix.endLine, fix.end], [7, 0, 8, 0]);
  });

  it('re-checks only the claim an edit touched and reuses the others, moved when lines were added above', () => {
    const cache = new AnalysisCache();
    const doc = renderClaims(generateClaims(200, 21));
    const before = analyze(doc.text, tables, { cache });
    const claims = before.model.claims;
    assert.ok(claims.length > 8);
    const lines = doc.text.split('\n');
    const target = claims[4];

    // One character in claim 4: every other claim is the same object, claim 4 is new.
    const edited = [...lines];
    edited[target.dates[0].services[0].line] = edited[target.dates[0].services[0].line].replace(/\d(?=\D)/, '7');
    const after = analyze(edited.join('\n'), tables, { cache });
    after.model.claims.forEach((c, i) => (i === 4 ? assert.notEqual(c, claims[i]) : assert.equal(c, claims[i], `claim ${i} reused`)));

    // A line added in claim 2: claims 0, 1 and 3.. are reused; 3.. moved one line down.
    const lineOf5 = claims[5].line;
    const grown = edited.slice();
    grown.splice(claims[2].line + 1, 0, '# a note');
    const third = analyze(grown.join('\n'), tables, { cache });
    assert.equal(third.model.claims[5], claims[5]);
    assert.equal(third.model.claims[5].line, lineOf5 + 1);
    assert.deepStrictEqual(observable(third), observable(analyze(grown.join('\n'), tables)));
  });

  // Issue 17: below the claim. A long claim re-checks only the dates an edit touched (and the
  // claim-wide rules); the result must still be a fresh analysis's, whatever the edit.
  for (const [seed, dates] of [
    [41, 1],
    [42, 100],
    [43, 400],
  ] as const) {
    it(`a single long claim (${dates === 1 ? 400 : 800} lines, ${dates} date${dates === 1 ? '' : 's'}) equals a fresh analysis after each of 60 random edits (seed ${seed})`, () => {
      const r = rng(seed);
      const start = longClaim(dates === 1 ? 400 : 800, dates, seed).text;
      let text = start;
      const cache = new AnalysisCache();
      const doc = new ClaimDocument(text);
      const positionAt = (t: string, offset: number) => {
        const starts = parseText(t).starts ?? [0];
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (starts[mid] <= offset) lo = mid;
          else hi = mid - 1;
        }
        return { line: lo, character: offset - starts[lo] };
      };
      for (let step = 0; step < 60; step++) {
        // Mostly edits inside the claim's dates; now and then its header lines (pos, start, dx).
        let e = randomEdit(text, r);
        if (r() < 0.1) {
          const header = ['pos 11', 'pos 21', 'start 2026-02-01', 'dx C18.7', 'dx Z99.9'][Math.floor(r() * 5)];
          e = { at: text.indexOf('\n', text.indexOf('claim "long"')) + 1, remove: 0, insert: `${header}\n` };
        }
        if (text.length > start.length * 1.2 && e.insert.length > 0) e = { at: Math.floor(r() * text.length), remove: 200, insert: '' };
        const range = { start: positionAt(text, e.at), end: positionAt(text, Math.min(text.length, e.at + e.remove)) };
        text = apply(text, e);
        doc.update([{ range, text: e.insert }]);
        const fresh = observable(analyze(text, tables));
        try {
          assert.deepStrictEqual(observable(analyze(text, tables, { cache })), fresh);
          assert.deepStrictEqual(observable(doc.analyze(tables)), fresh);
        } catch (err) {
          throw new Error(`seed ${seed}, step ${step}, edit at ${e.at} removing ${e.remove} inserting ${JSON.stringify(e.insert).length - 2} characters: ${(err as Error).message.slice(0, 2000)}`);
        }
      }
    });
  }

  it('a one-character edit in a long claim re-checks and re-resolves only its date: the other dates keep their findings and models', () => {
    const { text, services } = longClaim(4000, 500, 7);
    const cache = new AnalysisCache();
    const before = analyze(text, tables, { cache });
    const blocksBefore = new Set(before.model.claims[0].dates);
    const lines = text.split('\n');
    const at = services[2000];
    lines[at.line] = `${lines[at.line].slice(0, at.character + 4)}${lines[at.line][at.character + 4] === '9' ? '8' : '9'}${lines[at.line].slice(at.character + 5)}`;
    const after = analyze(lines.join('\n'), tables, { cache });
    const date = after.model.claims[0].dates.find((d) => d.line <= at.line && at.line <= d.endLine)!;
    const kept = new Set(before.findings);
    const rechecked = after.findings.filter((f) => !kept.has(f));
    // New findings only on the edited date, or from the claim-wide rules.
    for (const f of rechecked) assert.ok((f.line >= date.line && f.line <= date.endLine) || !DATE_SCOPED_RULES.has(f.rule), `${f.rule} on line ${f.line + 1}`);
    assert.ok(after.findings.filter((f) => kept.has(f)).length > after.findings.length / 2, 'most findings are the earlier objects');
    // Resolved again, the claim took its other date blocks (and their service models) from before: one block is new.
    assert.deepStrictEqual(after.model.claims[0].dates.filter((d) => !blocksBefore.has(d)), [date]);
    assert.deepStrictEqual(observable(after), observable(analyze(lines.join('\n'), tables)));
  });

  it('prices one claim without pricing the others', () => {
    const a = analyze(renderClaims(generateClaims(100, 31)).text, tables, { cache: new AnalysisCache() });
    const one = a.estimateOf(3);
    assert.ok(one);
    assert.equal(one.claim, 3);
    assert.deepStrictEqual(a.estimate()[3], one);
    assert.equal(a.estimateOf(a.model.claims.length), undefined);
  });
});
