#!/usr/bin/env bash
# Makes the release tag v<version> (package.json) that pre-commit and the GitHub Action install
# from without building: a commit on top of HEAD that adds the built, minified command line
# (dist/cli.js and its source map, which git otherwise ignores), tagged. The branch is not moved
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
tree="$(GIT_INDEX_FILE="$index" git write-tree)"
commit="$(git commit-tree "$tree" -p HEAD -m "Release $tag: the built command line (dist/cli.js) for pre-commit and the GitHub Action")"
git tag $force -a "$tag" "$commit" -m "hai-claims $tag"
echo "release: tagged $tag at $commit (git push origin $tag to publish it)"
