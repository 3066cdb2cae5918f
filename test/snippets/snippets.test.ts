// Every snippet in snippets/hai-claim.json expands, with its defaults (and with each alternative
// of each choice), to text that the core parses and checks with no error and no warning.
// Snippets that insert a claim are checked on their own; dated blocks (a body starting with `on`)
// are checked appended to the pump-implant claim, the claim they are written to follow.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analysis';
import { formatDocument } from '../../server/src/core/features/format';
import { fixText } from '../../server/src/core/fixes';
import { loadDefaultTables } from '../../server/src/core/tables';
import { choices, expand, snippetText } from '../helpers/snippets';

interface Snippet {
  prefix: string | string[];
  description?: string;
  body: string | string[];
}

const snippets = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'snippets', 'hai-claim.json'), 'utf8'),
) as Record<string, Snippet>;
const HOST = 'HAI pump implantation';

interface Finding {
  rule: string;
  severity: string;
  range?: unknown;
}

function prefixes(s: Snippet): string[] {
  return Array.isArray(s.prefix) ? s.prefix : [s.prefix];
}

/** The claim text a snippet expansion is checked as. */
function document(name: string, expanded: string): string {
  if (/^\s*claim\b/.test(expanded)) return expanded;
  const host = snippets[HOST];
  assert.ok(host, `host snippet "${HOST}" is missing`);
  return `${expand(snippetText(host.body))}\n${expanded}`;
}

/** Findings of error or warning severity, as codes and line:column only (never document text). */
function problems(text: string): string[] {
  const tables = loadDefaultTables();
  const findings: readonly Finding[] = analyze(text, tables).findings;
  return findings
    .filter((f) => f.severity === 'error' || f.severity === 'warning')
    .map((f) => `${f.severity} ${f.rule} at ${JSON.stringify(f.range)}`);
}

describe('snippets: snippets/hai-claim.json', () => {
  it('has a snippet for every HAI treatment phase', () => {
    const bodies = Object.values(snippets).map((s) => snippetText(s.body));
    const has = (re: RegExp) => bodies.some((b) => re.test(b));
    assert.ok(has(/99214/) && has(/74175|74160/), 'patient evaluation: office visit + CT workup');
    assert.ok(has(/7881[1245]/), 'patient evaluation: PET');
    assert.ok(has(/\$\{\d+\|47562,47563,47564,47600,47605,47610,47612,47620\|\}/), 'surgical preparation: cholecystectomy choice');
    assert.ok(has(/47120,47122/), 'surgical preparation: hepatectomy');
    assert.ok(has(/36260/) && has(/15860/) && has(/78830/) && has(/37242/), 'pump implantation');
    assert.ok(has(/36261,36262/), 'revision and removal');
    assert.ok(has(/96522[\s\S]*J9200-KD[\s\S]*A4216-KD[\s\S]*J1644-KD/), 'floxuridine refill');
    assert.ok(bodies.some((b) => /96522/.test(b) && !/J9200/.test(b) && /J1644-KD/.test(b)), 'heparinized saline refill');
  });

  it('uses unique prefixes that start with hai-', () => {
    const all = Object.values(snippets).flatMap(prefixes);
    assert.equal(new Set(all).size, all.length, 'duplicate prefix');
    for (const p of all) assert.match(p, /^hai-[a-z-]+$/);
  });

  for (const [name, snippet] of Object.entries(snippets)) {
    const body = snippetText(snippet.body);

    it(`${prefixes(snippet)[0]}: defaults check clean`, () => {
      const text = document(name, expand(body));
      assert.deepEqual(problems(text), [], `snippet "${name}" with its defaults`);
    });

    const alternatives = choices(body).flatMap((c) =>
      c.options.slice(1).map((option, k) => ({ tabstop: c.tabstop, index: k + 1, option })),
    );
    if (alternatives.length > 0) {
      it(`${prefixes(snippet)[0]}: every choice alternative checks clean`, () => {
        for (const alt of alternatives) {
          const text = document(name, expand(body, { choose: new Map([[alt.tabstop, alt.index]]) }));
          assert.deepEqual(problems(text), [], `snippet "${name}" with choice $${alt.tabstop} = ${alt.option}`);
        }
      });
    }
  }
});

describe('snippets: as clean as the checks (issue 25)', () => {
  const tables = loadDefaultTables();
  const host = expand(snippetText(snippets[HOST]!.body));
  for (const [name, snippet] of Object.entries(snippets)) {
    it(`${prefixes(snippet)[0]}: Format Document changes nothing it inserts`, () => {
      const inserted = expand(snippetText(snippet.body));
      const isClaim = /^\s*claim\b/.test(inserted);
      // a dated block is inserted after a claim: its own lines are what it must get right
      const text = isClaim ? inserted : `${host}\n${inserted}`;
      const from = isClaim ? 0 : host.split('\n').length;
      const changed = formatDocument(analyze(text, tables)).filter((e) => e.range.start.line >= from);
      assert.deepEqual(changed.map((e) => `line ${e.range.start.line - from + 1}`), [], `snippet "${name}" is not as the formatter writes it`);
    });
  }

  it("README's snippet table: one row per snippet, its first prefix and then its others", () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const rows = readme.split('\n').filter((l) => /^\s*\| `hai-/.test(l));
    const fromReadme = rows.map((r) => [...r.split('|')[1]!.matchAll(/`(hai-[a-z-]+)`/g)].map((m) => m[1]!).join(' ')).sort();
    const fromSnippets = Object.values(snippets).map((s) => prefixes(s).join(' ')).sort();
    assert.deepEqual(fromReadme, fromSnippets);
  });

  it('the examples pass --fix unchanged (formatted, nothing a safe fix would change)', () => {
    const dir = join(__dirname, '..', '..', 'examples');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.claim'))) {
      const text = readFileSync(join(dir, f), 'utf8');
      const fixed = fixText(text, (t) => {
        const a = analyze(t, tables);
        return { tree: a.tree, findings: a.findings, formatEdits: () => formatDocument(a).map((e) => ({ line: e.range.start.line, start: e.range.start.character, endLine: e.range.end.line, end: e.range.end.character, newText: e.newText })) };
      });
      assert.equal(fixed.text, text, `examples/${f} changes under --fix`);
    }
  });
});
