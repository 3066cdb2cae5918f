// What the .vsix ships: every file package.json names (icons, grammar, walkthrough pages) and
// every document README.md links to is in the package (.vscodeignore), so nothing is dead once
// installed; and the third-party notices list what the bundles really contain.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { BUNDLES, noticesText } from '../scripts/gen-notices';

interface Pkg {
  main: string;
  icon: string;
  repository: { url: string };
  bugs: { url: string };
  categories: string[];
  contributes: {
    languages: { configuration?: string; icon?: { light: string; dark: string } }[];
    grammars: { path: string }[];
    walkthroughs: { steps: { media: { markdown?: string; image?: string } }[] }[];
  };
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as Pkg;
const rel = (p: string) => p.replace(/^\.\//, '');

/** The paths .vscodeignore lets into the package (its `!` lines after the leading `**`). */
function shipped(): (path: string) => boolean {
  const allow = readFileSync('.vscodeignore', 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('!'))
    .map((l) => new RegExp(`^${l.slice(1).trim().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*')}$`));
  return (p) => allow.some((re) => re.test(p));
}

function named(): string[] {
  const c = pkg.contributes;
  return [
    pkg.main,
    pkg.icon,
    ...c.languages.flatMap((l) => [l.configuration, l.icon?.light, l.icon?.dark]),
    ...c.grammars.map((g) => g.path),
    ...c.walkthroughs.flatMap((w) => w.steps.flatMap((s) => [s.media.markdown, s.media.image])),
  ]
    .filter((p): p is string => typeof p === 'string')
    .map(rel);
}

/** Relative links and pictures of a markdown file, without their #fragment. */
function links(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!)
    .filter((l) => !/^[a-z]+:/i.test(l) && !l.startsWith('#'))
    .map((l) => l.split('#')[0]!);
}

describe('the .vsix contents', () => {
  const ok = shipped();

  it('ships every file package.json names, and each exists', () => {
    for (const p of named()) {
      assert.ok(ok(p), `${p} is named in package.json but .vscodeignore leaves it out`);
      if (!p.startsWith('dist/')) assert.ok(existsSync(p), `${p} is named in package.json but does not exist`);
    }
  });

  it('ships every document README.md links to (no dead link once installed)', () => {
    for (const l of links('README.md')) {
      assert.ok(existsSync(l), `README.md links to ${l}, which does not exist`);
      assert.ok(ok(l), `README.md links to ${l}, which .vscodeignore leaves out`);
    }
  });

  it('has the Marketplace fields: icon, repository, bugs, the Formatters category', () => {
    assert.match(pkg.icon, /\.png$/, 'the Marketplace takes a PNG icon');
    assert.match(pkg.repository.url, /^https:\/\//);
    assert.match(pkg.bugs.url, /^https:\/\//);
    assert.ok(pkg.categories.includes('Formatters'));
  });

  it('THIRD-PARTY-NOTICES.txt lists the bundled packages (run npm run docs)', async () => {
    assert.ok(ok('THIRD-PARTY-NOTICES.txt'), 'the notices are not in the .vsix');
    assert.equal(readFileSync('THIRD-PARTY-NOTICES.txt', 'utf8'), await noticesText());
  });

  it('the notices name every bundle the .vsix or the npm package ships, the check worker included (issue 25)', () => {
    const ok = shipped();
    const npm = readFileSync('.npmignore', 'utf8').split('\n').filter((l) => /^!dist\/[\w-]+\.js$/.test(l)).map((l) => l.slice(1));
    const bundles = [...['dist/extension.js', 'dist/server.js', 'dist/check-worker.js', 'dist/cli.js'].filter((b) => ok(b)), ...npm];
    assert.ok(bundles.includes('dist/check-worker.js'));
    for (const b of new Set(bundles)) assert.ok(BUNDLES.includes(b), `${b} ships but the notices do not name it`);
    const head = readFileSync('THIRD-PARTY-NOTICES.txt', 'utf8').split('\n\n')[1]!;
    for (const b of BUNDLES) assert.ok(head.includes(b), `the notices' first paragraph does not name ${b}`);
  });

  it('no bundle of a packaged build points at a source map that does not ship (issue 25)', function () {
    this.timeout(180_000);
    const ok = shipped();
    const npmMaps = readFileSync('.npmignore', 'utf8').split('\n').filter((l) => /^!dist\/.*\.map$/.test(l)).map((l) => l.slice(1));
    // the build `npm run package` (vscode:prepublish) and scripts/release.sh make
    const built = spawnSync(process.execPath, ['scripts/build.mjs', '--minify'], { encoding: 'utf8' });
    try {
      assert.equal(built.status, 0, built.stderr);
      for (const b of ['dist/extension.js', 'dist/server.js', 'dist/check-worker.js', 'dist/cli.js']) {
        const map = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(b, 'utf8'))?.[1];
        if (!map) continue;
        const mapPath = `dist/${map}`;
        const shipsBundle = ok(b) || b === 'dist/cli.js';
        if (shipsBundle) assert.ok(ok(mapPath) || npmMaps.includes(mapPath), `${b} points at ${mapPath}, which is not shipped`);
      }
    } finally {
      spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
    }
  });
});
