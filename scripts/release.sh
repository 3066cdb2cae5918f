#!/usr/bin/env bash
# Makes the release tag v<version> (package.json) that pre-commit and the GitHub Action install
# from without building: a commit on top of HEAD that adds the built, minified command line
# (dist/cli.js and its source map, which git otherwise ignores) and drops what only a build needs
# (devDependencies, scripts, the lock file), tagged. The branch is not moved
# and nothing is pushed: push the tag yourself (git push origin v0.1.0).
# Needs the dev dependencies (npm ci) and a clean work tree. Usage: scripts/release.sh [--force]
set -euo pipefail
cd "$(dirname "$0")/.."
version="$(node -p 'require("./package.json").version')"
tag="v$version"
force=""
[ "${1:-}" = "--force" ] && force="-f"
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "release: the work tree has changes; commit them first (the tag is built from HEAD)" >&2
  exit 1
fi
if git rev-parse -q --verify "refs/tags/$tag" >/dev/null && [ -z "$force" ]; then
  echo "release: $tag exists already (scripts/release.sh --force replaces it)" >&2
  exit 1
fi
node scripts/build.mjs --minify
node dist/cli.js --version >/dev/null
# A throwaway index: HEAD's tree plus dist/cli.js and its map, without touching the real index.
index="$(mktemp)"
trap 'rm -f "$index"' EXIT
GIT_INDEX_FILE="$index" git read-tree HEAD
GIT_INDEX_FILE="$index" git add -f dist/cli.js dist/cli.js.map
# The tag is the installable command line: its package.json lists no dev dependencies and no
# scripts, and it has no lock file, so that pre-commit's `npm install` (which may include dev
# dependencies) fetches nothing and builds nothing. Build and package the extension from the branch.
release_pkg="$(node -e '
  const p = require("./package.json");
  delete p.devDependencies;
  delete p.scripts;
  process.stdout.write(JSON.stringify(p, null, 2) + "\n");
' | git hash-object -w --stdin)"
GIT_INDEX_FILE="$index" git update-index --cacheinfo "100644,$release_pkg,package.json"
GIT_INDEX_FILE="$index" git rm -q --cached package-lock.json
tree="$(GIT_INDEX_FILE="$index" git write-tree)"
commit="$(git commit-tree "$tree" -p HEAD -m "Release $tag: the built command line (dist/cli.js) for pre-commit and the GitHub Action")"
git tag $force -a "$tag" "$commit" -m "hai-claims $tag"
echo "release: tagged $tag at $commit (git push origin $tag to publish it)"
