// COVERAGE.md maps each bullet of issue 13 to the tests that show it; a renamed or removed test would
// leave the table pointing at nothing. Every quoted name there must still be a test or describe title.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const TEST_ROOT = join(__dirname, '..');

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'fixtures' ? [] : testFiles(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('acceptance: COVERAGE.md', () => {
  it('every test it quotes exists (a quoted name up to its "...")', () => {
    const table = readFileSync(join(__dirname, 'COVERAGE.md'), 'utf8');
    // Titles as the source writes them: \' inside single quotes.
    const tests = testFiles(TEST_ROOT).map((f) => readFileSync(f, 'utf8').replace(/\\'/g, "'")).join('\n');
    // "fires: X" and "does not fire: X" are the titles structure.test.ts's fires() and quiet() give X.
    const quoted = [...table.matchAll(/"([^"\n]+)"/g)]
      .map((m) => m[1].split('...')[0].replace(/^(fires|does not fire): /, '').trim())
      .filter((q) => q.length >= 12);
    assert.ok(quoted.length > 60, `COVERAGE.md quotes ${quoted.length} test names`);
    const missing = quoted.filter((q) => !tests.includes(q));
    assert.deepEqual(missing, [], 'names COVERAGE.md quotes that no test file has');
  });
});
