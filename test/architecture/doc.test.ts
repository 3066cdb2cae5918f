// docs/architecture.md names, for each invariant, the tests that guard it: they must exist, so
// a renamed or deleted test shows here instead of leaving the page pointing at nothing.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/sources';

describe('architecture: docs/architecture.md', () => {
  it('every test the invariants table names exists, with the title it quotes', () => {
    const page = readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8');
    const table = page.slice(page.indexOf('## Invariants'), page.indexOf('\n## ', page.indexOf('## Invariants') + 1));
    const missing: string[] = [];
    let named = 0;
    for (const row of table.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Invariant') && !l.startsWith('|---'))) {
      const cell = row.split(' | ').at(-1) ?? '';
      for (const segment of cell.split('`test/').slice(1)) {
        const file = `test/${segment.slice(0, segment.indexOf('`'))}`;
        named++;
        if (!existsSync(path.join(ROOT, file))) { missing.push(file); continue; }
        const text = readFileSync(path.join(ROOT, file), 'utf8').replaceAll('\\', '');
        for (const quoted of segment.slice(segment.indexOf('`') + 1).split('›').slice(1)) {
          // The page shortens a title with "..." and adds notes in "(also ...)".
          const title = quoted.split('...')[0].split(' (also')[0].replace(/[\s;|`]+$/, '').trim();
          if (title && !text.includes(title)) missing.push(`${file} › ${title}`);
        }
      }
    }
    assert.ok(named >= 20, `only ${named} tests named: the table was not read`);
    assert.deepEqual(missing, []);
  });
});
