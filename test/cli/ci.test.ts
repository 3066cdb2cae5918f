// Issue 15, in CI and in a team: the github and gitlab formats, estimate CSV, SARIF helpUri and
// suppressions, .haiclaims.json discovery, standard input, --fix, and globs as users write them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { escapeGithubData, escapeGithubProperty, githubAnnotation, toGitlab } from '../../server/src/cli/ci-formats';
import { csvField } from '../../server/src/cli/estimate';
import { CLI, ROOT, buildCli, cleanEnv, fixture, hai } from '../helpers/cli';
import { REASON_NOT_COPIED } from '../../server/src/cli/run';

const gitlabSchema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/gitlab/code-quality-schema.json'), 'utf8'));
const validateGitlab = new Ajv({ allErrors: true, strict: false }).compile<any>(gitlabSchema);
const sarifAjv = new AjvDraft04({ allErrors: true, strict: false });
addFormats(sarifAjv);
const validateSarif = sarifAjv.compile<any>(JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')));

/** The built CLI with standard input. */
function haiIn(args: string[], input: string, cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env: cleanEnv(), input, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const WARNINGS = readFileSync(join(ROOT, 'test/fixtures/cli/warnings.claim'), 'utf8');
const ERRORS = readFileSync(join(ROOT, 'test/fixtures/cli/errors.claim'), 'utf8');

describe('hai-claims in CI and in a team (built CLI)', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => buildCli());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hai-ci-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('--format github', () => {
    it("escapes as GitHub's toolkit does: data % CR LF; properties also : and ,", () => {
      assert.equal(escapeGithubData('100% a\r\nb: c, d'), '100%25 a%0D%0Ab: c, d');
      assert.equal(escapeGithubProperty('a%b\r\nc:d,e'), 'a%25b%0D%0Ac%3Ad%2Ce');
      // % first: an escape sequence in the input is not read as one by the runner.
      assert.equal(escapeGithubData('%0A'), '%250A');
      const line = githubAnnotation({
        file: 'dir,x/a:b.claim',
        range: { start: { line: 0, character: 2 }, end: { line: 0, character: 7 } },
        severity: 'information',
        code: 'ncci-ptp',
        source: 'hai-claims',
        message: 'one\ntwo 50%',
      });
      assert.equal(line, '::notice file=dir%2Cx/a%3Ab.claim,line=1,col=3,endLine=1,endColumn=8,title=hai-claims(ncci-ptp)::one%0Atwo 50%25');
    });

    it('one workflow command per finding on stdout, 1-based positions, the summary on stderr', () => {
      const r = hai(['check', '--format', 'github', fixture('errors.claim')]);
      assert.equal(r.status, 1);
      const lines = r.stdout.trimEnd().split('\n');
      assert.equal(lines.length, 3);
      for (const l of lines) assert.match(l, /^::(error|warning|notice) file=test\/fixtures\/cli\/errors\.claim,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=hai-claims\([a-z0-9-]+\)::[^\r\n]+$/);
      assert.match(lines[0], /^::error file=test\/fixtures\/cli\/errors\.claim,line=9,col=3,endLine=9,endColumn=8,title=hai-claims\(ncci-ptp\)::49000 is not reimbursable/);
      assert.match(r.stderr, /1 file checked, 1 file with findings: 1 error, 2 warnings\./);
    });
  });

  describe('--format gitlab', () => {
    it('is valid Code Quality JSON (the documented fields), with unique fingerprints', () => {
      const r = hai(['check', '--format', 'gitlab', 'examples/']);
      const report = JSON.parse(r.stdout);
      assert.ok(report.length > 5);
      assert.ok(validateGitlab(report), JSON.stringify(validateGitlab.errors));
      assert.equal(new Set(report.map((i: any) => i.fingerprint)).size, report.length);
      const clean = JSON.parse(hai(['check', '--format', 'gitlab', fixture('clean.claim')]).stdout);
      assert.deepEqual(clean, []);
      assert.ok(validateGitlab(clean));
    });

    it('fingerprints are stable across runs and when lines are added above a finding', () => {
      const a = JSON.parse(hai(['check', '--format', 'gitlab', fixture('errors.claim')]).stdout);
      const b = JSON.parse(hai(['check', '--format', 'gitlab', fixture('errors.claim')]).stdout);
      assert.deepEqual(a, b);
      const moved = join(dir, 'errors.claim');
      writeFileSync(moved, `# a note\n# another\n${ERRORS}`);
      const c = JSON.parse(hai(['check', '--format', 'gitlab', 'errors.claim'], { cwd: dir }).stdout);
      const d = toGitlab(a.map((i: any) => ({ file: 'errors.claim', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 'error', code: i.check_name, source: 'hai-claims', message: i.description })));
      assert.deepEqual(c.map((i: any) => i.fingerprint), d.map((i) => i.fingerprint));
      assert.deepEqual(c.map((i: any) => i.location.lines.begin), a.map((i: any) => i.location.lines.begin + 2));
    });
  });

  describe('estimate --format csv', () => {
    it('RFC 4180 fields: quoted when they hold a comma, quote or line break; quotes doubled', () => {
      assert.equal(csvField('plain'), 'plain');
      assert.equal(csvField('a,b'), '"a,b"');
      assert.equal(csvField('say "x"'), '"say ""x"""');
      assert.equal(csvField('a\r\nb'), '"a\r\nb"');
      assert.equal(csvField(12.5), '12.50');
    });

    it('a header and one row per service line, CRLF line ends, the JSON estimate figures', () => {
      const r = hai(['estimate', '--format', 'csv', 'examples/3-pump-implant.claim']);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(r.stdout.endsWith('\r\n'));
      assert.ok(!/[^\r]\n/.test(r.stdout), 'every line ends in CRLF');
      const rows = r.stdout.trimEnd().split('\r\n');
      assert.equal(rows[0], 'file,claim,line,date,place of service,code,modifiers,units,base,reductions,amount,status,reason');
      const json = JSON.parse(hai(['estimate', '--format', 'json', 'examples/3-pump-implant.claim']).stdout);
      const lines = json.flatMap((c: any) => c.dates.flatMap((d: any) => d.lines.map((l: any) => ({ c, d, l }))));
      assert.equal(rows.length - 1, lines.length);
      // A small RFC 4180 reader: quoted fields may hold commas and doubled quotes.
      const parse = (row: string): string[] => {
        const out: string[] = [];
        let cell = '';
        let quoted = false;
        for (let i = 0; i < row.length; i++) {
          const ch = row[i];
          if (quoted) {
            if (ch === '"' && row[i + 1] === '"') (cell += '"'), i++;
            else if (ch === '"') quoted = false;
            else cell += ch;
          } else if (ch === '"') quoted = true;
          else if (ch === ',') out.push(cell), (cell = '');
          else cell += ch;
        }
        out.push(cell);
        return out;
      };
      lines.forEach(({ c, d, l }: any, i: number) => {
        const cells = parse(rows[i + 1]);
        assert.equal(cells.length, 13, rows[i + 1]);
        assert.deepEqual(cells.slice(0, 8), [c.file, String(c.claim), String(l.line), d.date, d.pos ?? '', l.code, l.modifiers.join(' '), String(l.units)]);
        assert.equal(Number(cells[10]), l.amount);
        assert.equal(cells[11], l.status);
      });
    });

    it('a claim with nothing priced still has a row, never a silent $0; its notes go to stderr', () => {
      writeFileSync(join(dir, 'other.claim'), WARNINGS.replace('payer medicare', 'payer aetna'));
      const r = hai(['estimate', '--format', 'csv', 'other.claim'], { cwd: dir });
      const rows = r.stdout.trimEnd().split('\r\n');
      assert.equal(rows.length, 2);
      assert.match(rows[1], /^other\.claim,1,1,,,,,,,,,not-estimated,"?(Not estimated|No estimate)/);
      assert.match(r.stderr, /note: other\.claim: claim 1 \(line 1\): (Not estimated|No estimate)/);
      // A line not priced has empty amounts, never 0.00.
      writeFileSync(join(dir, 'unpriced.claim'), `${WARNINGS.replace('  J9200          dx A', '  J9200-KD dx A')}  99999 dx A\n`);
      const u = hai(['estimate', '--format', 'csv', 'unpriced.claim'], { cwd: dir }).stdout.trimEnd().split('\r\n');
      assert.match(u[u.length - 1], /^unpriced\.claim,1,10,2026-03-30,11,99999,,1,,,,unpriced,/);
    });

    it('csv is for estimate; github, gitlab and sarif are for check', () => {
      for (const [args, re] of [
        [['check', '--format', 'csv', 'x'], /csv is for estimate/],
        [['estimate', '--format', 'github', 'x'], /github is for check/],
        [['estimate', '--format', 'gitlab', 'x'], /gitlab is for check/],
      ] as [string[], RegExp][]) {
        const r = hai(args);
        assert.equal(r.status, 2);
        assert.match(r.stderr, re);
        assert.equal(r.stdout, '');
      }
    });
  });

  describe('suppressions', () => {
    const SUPPRESSED = ERRORS.replace('  49000          dx A', '  49000          dx A   # hai-claims-ignore ncci-ptp: distinct encounter, see op note');

    it('a reasoned comment suppresses the finding on its line: not reported, counted in the summary', () => {
      writeFileSync(join(dir, 'a.claim'), SUPPRESSED);
      const r = hai(['check', 'a.claim'], { cwd: dir });
      assert.equal(r.status, 0, r.stdout);
      assert.doesNotMatch(r.stdout, /^a\.claim:\d+:\d+: \w+ ncci-ptp/m);
      assert.match(r.stdout, /^1 file checked, 1 file with findings: 2 warnings\. 1 finding suppressed by hai-claims-ignore comments\.$/m);
      const json = JSON.parse(hai(['check', '--format', 'json', 'a.claim'], { cwd: dir }).stdout);
      assert.ok(!json.some((d: any) => d.code === 'ncci-ptp'));
    });

    it('SARIF lists it with suppressions and the justification, valid against the SARIF schema', () => {
      writeFileSync(join(dir, 'a.claim'), SUPPRESSED);
      const sarif = JSON.parse(hai(['check', '--format', 'sarif', 'a.claim'], { cwd: dir }).stdout);
      assert.ok(validateSarif(sarif), JSON.stringify(validateSarif.errors));
      const results = sarif.runs[0].results;
      const ncci = results.find((x: any) => x.ruleId === 'ncci-ptp');
      // The reason is the coder's free text: not copied unless asked (issue 26).
      assert.deepEqual(ncci.suppressions, [{ kind: 'inSource', status: 'accepted', justification: REASON_NOT_COPIED }]);
      assert.doesNotMatch(JSON.stringify(sarif), /distinct encounter/);
      assert.ok(results.filter((x: any) => x.ruleId !== 'ncci-ptp').every((x: any) => x.suppressions === undefined));
      const opted = JSON.parse(hai(['check', '--format', 'sarif', '--sarif-reasons', 'a.claim'], { cwd: dir }).stdout);
      assert.deepEqual(opted.runs[0].results.find((x: any) => x.ruleId === 'ncci-ptp').suppressions[0].justification, 'distinct encounter, see op note');
    });

    it('the estimate still denies the line as the payer would', () => {
      writeFileSync(join(dir, 'a.claim'), SUPPRESSED);
      writeFileSync(join(dir, 'b.claim'), ERRORS);
      const a = JSON.parse(hai(['estimate', '--format', 'json', 'a.claim'], { cwd: dir }).stdout);
      const b = JSON.parse(hai(['estimate', '--format', 'json', 'b.claim'], { cwd: dir }).stdout);
      assert.deepEqual(a[0].dates, b[0].dates);
      assert.equal(a[0].dates[0].lines.find((l: any) => l.code === '49000').status, 'denied');
    });

    it('no reason, an unknown id, or nothing to suppress is itself a finding (bad-suppression)', () => {
      const text = ERRORS.replace('  49000          dx A', '  49000          dx A   # hai-claims-ignore ncci-ptp')
        .replace('  36260          dx A', '  36260          dx A   # hai-claims-ignore no-such-check, kd-required: because');
      writeFileSync(join(dir, 'a.claim'), text);
      const r = JSON.parse(hai(['check', '--format', 'json', 'a.claim'], { cwd: dir }).stdout);
      const bad = r.filter((d: any) => d.code === 'bad-suppression').map((d: any) => [d.range.start.line, d.message.split('.')[0]]);
      assert.deepEqual(bad, [
        [7, 'This word is not a check id, so it suppresses nothing'],
        [7, 'There is no kd-required finding on this line to suppress'],
        [8, 'This hai-claims-ignore comment gives no reason, so it suppresses nothing (ncci-ptp still reported)'],
      ]);
      assert.ok(r.some((d: any) => d.code === 'ncci-ptp'), 'without a reason nothing is suppressed');
    });
  });

  describe('SARIF helpUri', () => {
    it('every rule links to its row of docs/checks.md, and the doc has that anchor', () => {
      const sarif = JSON.parse(hai(['check', '--format', 'sarif', fixture('clean.claim')]).stdout);
      const doc = readFileSync(join(ROOT, 'docs/checks.md'), 'utf8');
      for (const rule of sarif.runs[0].tool.driver.rules) {
        assert.match(rule.helpUri, new RegExp(`^https://.+/docs/checks\\.md#${rule.id}$`));
        assert.ok(doc.includes(`<a id="${rule.id}"></a>`), `docs/checks.md has no anchor for ${rule.id}`);
      }
      assert.ok(validateSarif(sarif), JSON.stringify(validateSarif.errors));
    });
  });

  describe('.haiclaims.json discovery', () => {
    // repo/.haiclaims.json: kd-required is an error; repo/team/.haiclaims.json turns it off.
    function tree(): string {
      const repo = join(dir, 'repo');
      mkdirSync(join(repo, '.git'), { recursive: true });
      mkdirSync(join(repo, 'team', 'deep'), { recursive: true });
      mkdirSync(join(repo, 'other'), { recursive: true });
      // Above the repository root: never read.
      writeFileSync(join(dir, '.haiclaims.json'), '{ "rules": { "kd-required": "hint" } }');
      writeFileSync(join(repo, '.haiclaims.json'), '// the team default\n{\n  "rules": { "kd-required": "error", }, /* trailing comma */\n}\n');
      writeFileSync(join(repo, 'team', '.haiclaims.json'), '{ "rules": { "kd-required": "off" } }');
      for (const p of ['a.claim', 'team/deep/b.claim', 'other/c.claim']) writeFileSync(join(repo, p), WARNINGS);
      return repo;
    }

    it('each file gets the nearest config up to the repository root (JSON with comments)', () => {
      const repo = tree();
      const r = hai(['check', '.'], { cwd: repo });
      assert.equal(r.stderr, '');
      assert.match(r.stdout, /^a\.claim:9:3: error kd-required/m);
      assert.match(r.stdout, /^other\/c\.claim:9:3: error kd-required/m);
      assert.doesNotMatch(r.stdout, /team\/deep\/b\.claim/);
      assert.equal(r.status, 1);
      // From a subfolder too: the lookup starts at the file, not the working directory.
      const sub = hai(['check', 'deep/b.claim', '../a.claim'], { cwd: join(repo, 'team') });
      assert.match(sub.stdout, /a\.claim:9:3: error kd-required/);
      assert.doesNotMatch(sub.stdout, /b\.claim/);
    });

    it('a config above the repository root is not used', () => {
      const repo = tree();
      rmSync(join(repo, '.haiclaims.json'));
      const r = hai(['check', 'a.claim'], { cwd: repo });
      assert.match(r.stdout, /a\.claim:9:3: warning kd-required/);
    });

    it('--config wins over discovery; --no-config ignores it', () => {
      const repo = tree();
      writeFileSync(join(dir, 'mine.json'), '{ "haiClaims.rules": { "kd-required": "information", }, }');
      const c = hai(['check', '--config', '../mine.json', '.'], { cwd: repo });
      assert.equal((c.stdout.match(/information kd-required/g) ?? []).length, 3);
      const n = hai(['check', '--no-config', '.'], { cwd: repo });
      assert.equal((n.stdout.match(/warning kd-required/g) ?? []).length, 3);
      const both = hai(['check', '--no-config', '--config', 'x.json', '.'], { cwd: repo });
      assert.equal(both.status, 2);
    });

    it('a discovered config that is not JSON: exit 2 naming it, nothing claimed clean', () => {
      const repo = tree();
      writeFileSync(join(repo, 'team', '.haiclaims.json'), '{ "rules": ');
      const r = hai(['check', 'team'], { cwd: repo });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /team\/\.haiclaims\.json: not valid JSON \(line 1, column \d+\)/);
      assert.doesNotMatch(r.stdout, /no problems found/);
    });
  });

  describe('check - (standard input)', () => {
    it('reads the claim from stdin; --stdin-filename names it and finds its config', () => {
      const plain = haiIn(['check', '-'], WARNINGS);
      assert.equal(plain.status, 0);
      assert.match(plain.stdout, /^<stdin>:9:3: warning kd-required/m);
      const repo = join(dir, 'repo');
      mkdirSync(join(repo, '.git'), { recursive: true });
      mkdirSync(join(repo, 'claims'));
      writeFileSync(join(repo, '.haiclaims.json'), '{ "rules": { "kd-required": "error" } }');
      const named = haiIn(['check', '-', '--stdin-filename', 'claims/x.claim'], WARNINGS, repo);
      assert.equal(named.status, 1);
      assert.match(named.stdout, /^claims\/x\.claim:9:3: error kd-required/m);
      assert.match(named.stdout, /1 file checked/);
    });

    it('- with files, or --stdin-filename without -, is a usage error', () => {
      assert.equal(haiIn(['check', '-', fixture('clean.claim')], '').status, 2);
      assert.equal(haiIn(['check', '--stdin-filename', 'a.claim', fixture('clean.claim')], '').status, 2);
    });

    it('check - --fix writes the fixed claim to stdout, the findings to stderr', () => {
      const r = haiIn(['check', '-', '--fix'], WARNINGS.replace('payer medicare', 'PAYER medicare'));
      assert.equal(r.stdout, WARNINGS.replace(/ {10}dx A/g, ' dx A'));
      assert.match(r.stderr, /<stdin>:9:3: warning kd-required/);
    });
  });

  describe('--fix and --fix-dry-run', () => {
    const MESSY = ['Claim "Refill"', 'PAYER Medicare', 'payer medicare', 'state ga', 'pos 11', 'dx c78.7', '', 'on 2026-03-30', '  96522    dx a', '  j9200          dx A', '  77002 dx A', ''].join('\n');

    it('applies the safe fixes only, and a second run changes nothing', () => {
      const file = join(dir, 'a.claim');
      writeFileSync(file, MESSY);
      const first = hai(['check', '--fix', 'a.claim'], { cwd: dir });
      assert.match(first.stdout, /^Fixed \d+ problems in 1 file\./m);
      const fixed = readFileSync(file, 'utf8');
      assert.equal(fixed, ['claim "Refill"', 'payer medicare', 'state GA', 'pos 11', 'dx C78.7', '', 'on 2026-03-30', '  96522 dx A', '  J9200 dx A', '  77002 dx A', ''].join('\n'));
      // Never a fix that asserts a clinical fact: no modifier is added.
      assert.doesNotMatch(fixed, /-KD|-XS|-59|-26|-25|-57/);
      assert.match(first.stdout, /warning kd-required/);
      const second = hai(['check', '--fix', 'a.claim'], { cwd: dir });
      assert.equal(readFileSync(file, 'utf8'), fixed);
      assert.doesNotMatch(second.stdout, /^Fixed/m);
      assert.equal(second.status, first.status);
    });

    it('--fix-dry-run prints a unified diff and writes nothing', () => {
      const file = join(dir, 'a.claim');
      writeFileSync(file, MESSY);
      const r = hai(['check', '--fix-dry-run', 'a.claim'], { cwd: dir });
      assert.equal(readFileSync(file, 'utf8'), MESSY);
      assert.match(r.stdout, /^--- a\/a\.claim\n\+\+\+ b\/a\.claim\n@@ -1,\d+ \+1,\d+ @@\n/);
      assert.match(r.stdout, /^-PAYER Medicare$/m);
      assert.match(r.stdout, /^\+state GA$/m);
      assert.match(r.stderr, /would change 1 file/);
      // Applying the diff gives what --fix writes.
      hai(['check', '--fix', 'a.claim'], { cwd: dir });
      const after = hai(['check', '--fix-dry-run', 'a.claim'], { cwd: dir });
      assert.equal(after.stdout, '');
      assert.match(after.stderr, /no safe fixes to apply/);
    });
  });

  describe('globs', () => {
    function files(): void {
      for (const p of ['claims/2025/a.claim', 'claims/2026/q1/b.claim', 'claims/2024/c.claim', 'claims/build/d.claim', 'claims/2026/e.claim']) {
        mkdirSync(join(dir, p, '..'), { recursive: true });
        writeFileSync(join(dir, p), WARNINGS);
      }
      mkdirSync(join(dir, '.git'));
      writeFileSync(join(dir, '.gitignore'), 'claims/build/\n');
      writeFileSync(join(dir, 'claims', '2026', '.gitignore'), 'e.claim\n');
    }
    const checked = (stdout: string) => [...new Set([...stdout.matchAll(/^([^:\n]+\.claim):/gm)].map((m) => m[1]))].sort();

    it('braces and ** as users write them; git-ignored folders and files skipped', () => {
      files();
      const r = hai(['check', 'claims/{2025,2026}/**/*.claim'], { cwd: dir });
      assert.deepEqual(checked(r.stdout), ['claims/2025/a.claim', 'claims/2026/q1/b.claim']);
      const all = hai(['check', 'claims'], { cwd: dir });
      assert.deepEqual(checked(all.stdout), ['claims/2024/c.claim', 'claims/2025/a.claim', 'claims/2026/q1/b.claim']);
      // A file named on the command line is taken as given, and so is a folder git ignores.
      assert.deepEqual(checked(hai(['check', 'claims/build/d.claim'], { cwd: dir }).stdout), ['claims/build/d.claim']);
      assert.deepEqual(checked(hai(['check', 'claims/build'], { cwd: dir }).stdout), ['claims/build/d.claim']);
    });

    it('a pattern that matches nothing is a usage error, and stdout does not say "no problems found"', () => {
      files();
      for (const format of ['text', 'json', 'sarif', 'github', 'gitlab']) {
        const r = hai(['check', '--format', format, 'claims/{2030,2031}/*.claim'], { cwd: dir });
        assert.equal(r.status, 2, format);
        assert.equal(r.stdout, '', format);
        assert.match(r.stderr, /no \.claim files match this pattern/);
      }
      const mixed = hai(['check', 'claims/2025/*.claim', 'nothing/*.claim'], { cwd: dir });
      assert.equal(mixed.status, 2);
      assert.doesNotMatch(mixed.stdout, /no problems found/);
      assert.match(mixed.stdout, /Not every input was checked/);
    });

    it('a bad glob is exit 2 with a reason, not a crash', () => {
      files();
      const r = hai(['check', 'claims/[2025/*.claim'], { cwd: dir });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /claims\/\[2025\/\*\.claim: not a valid pattern/);
      assert.doesNotMatch(r.stderr, /at .*\.js:\d+/);
    });
  });
});
