// No claim text in any output (issue 26; the rule is stated once, in SECURITY.md). Every place a
// coder types free text is seeded with a marker ("zqx"): claim names, comments, suppression
// reasons, the words of a suppression comment, payer, county and locality words, modifier- and
// code-shaped words, diagnoses, dates; file names carry ESC and U+202E. Every output of every
// command and format is searched, and so are the editor's diagnostics, hovers, inlay hints (and
// their resolved tooltips) and code lenses. Excepted by request: the diff of --fix-dry-run, the
// fixed claim of `check - --fix`, and SARIF reasons with --sarif-reasons.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, doHover, getCodeLenses, getInlayHints, loadDefaultTables, resolveInlayHint, toDiagnostics } from '../../server/src/core/languageService';
import { runCli } from '../helpers/cli-in-process';

const MARK = /zqx/i;
/** Raw ESC or a bidirectional override in text meant for a terminal or a CI log. */
const RAW_CONTROL = /[\u001b\u202e]/;

const SEEDED = [
  '# zqx a comment before the first claim',
  'claim "Zqx Doe, Jane"   # zqx comment on the claim line',
  'payer medicare',
  'state GA',
  'pos 11',
  'dx C78.7   # zqx comment on a diagnosis',
  'dx ZQXDX',
  '',
  'on 2026-03-02',
  '  36260 dx A',
  '  49000 dx A   # hai-claims-ignore ncci-ptp: zqx seen by Dr Zqxsmith',
  '  96522 dx A   # hai-claims-ignore kd-required zqx per Dr Zqxsmith',
  '  77002 dx A   # hai-claims-ignore Zqxsmith: reviewed with Dr Zqxsmith',
  '  99214-ZQXDOE dx A',
  '  99215-zq dx A',
  '  ZQXCODE dx A',
  '  J9200 dx A x2zqx',
  '',
  'claim "Zqx second"',
  'payer zqxpayer',
  'state GA',
  'pos 11',
  'county GA ZQX COUNTY',
  'dx C78.7',
  'on 2026-03-02',
  '  96522 dx A',
  '',
  'claim "zqx third"',
  'payer medicare',
  'state GA',
  'pos 11',
  'locality ZQX-99',
  'start zqx-date',
  'pos zqx',
  'state zqx',
  'dx C78.7',
  'on day zqx',
  '  96522 dx A',
  '',
].join('\n');

describe('no claim text in any output (issue 26)', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'hai-leak-'));
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'seeded.claim'), SEEDED);
    writeFileSync(join(dir, 'esc\u001b[2J\u202eevil.claim'), SEEDED);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const runs: [string, string[]][] = [
    ...['text', 'json', 'sarif', 'github', 'gitlab'].map((f): [string, string[]] => [`check --format ${f}`, ['check', '--no-config', '--format', f, '.']]),
    ...['text', 'json', 'csv'].map((f): [string, string[]] => [`estimate --format ${f}`, ['estimate', '--no-config', '--format', f, '.']]),
    ['check --fix-dry-run (stderr)', ['check', '--no-config', '--fix-dry-run', '.']],
    ['rules', ['rules']],
  ];
  for (const [name, args] of runs) {
    it(`${name}: no marker, no raw ESC or U+202E`, async () => {
      const r = await runCli(args, dir);
      const out = name.startsWith('check --fix-dry-run') ? r.stderr : r.stdout + r.stderr;
      assert.doesNotMatch(out, MARK, `${name}: ${MARK.exec(out) ? out.slice(Math.max(0, out.search(MARK) - 200), out.search(MARK) + 60) : ''}`);
      // JSON outputs carry file names as data (JSON escapes ESC itself); the others are read raw.
      assert.doesNotMatch(/json|sarif|gitlab/.test(name) ? out.replace(/\u202e/g, '') : out, RAW_CONTROL, name);
    });
  }

  it('standard input: the same, under its own name', async () => {
    const r = await runCli(['check', '--no-config', '-'], dir, SEEDED);
    assert.doesNotMatch(r.stdout + r.stderr, MARK);
  });

  it("the editor's diagnostics, hovers, inlay hints (resolved) and code lenses", () => {
    const analysis = analyze(SEEDED, loadDefaultTables());
    const uri = 'file:///seeded.claim';
    const said: unknown[] = [toDiagnostics(analysis.findings, uri), getCodeLenses(analysis, uri)];
    for (const hint of getInlayHints(analysis, undefined, uri)) said.push(hint, resolveInlayHint(analysis, hint));
    const lines = SEEDED.split('\n');
    lines.forEach((text, line) => {
      for (let character = 0; character <= text.length; character++) said.push(doHover(analysis, line, character));
    });
    // A hover's estimate heading names the claim to the coder, in the editor (SECURITY.md); nothing else may.
    const json = JSON.stringify(said).replace(/### Zqx Doe, Jane: |### Zqx second: |### zqx third: /g, '### (claim): ');
    const at = json.search(MARK);
    assert.equal(at, -1, at >= 0 ? json.slice(Math.max(0, at - 300), at + 80) : '');
  });
});
