#!/usr/bin/env bash
# CI: the pre-commit hook installed as a user installs it, with the real pre-commit (Debian's
# package, installed with apt-get when missing; run as root, non-interactive). In a scratch clone
# of HEAD, scripts/release.sh makes the release tag (dist/cli.js inside); `pre-commit try-repo`
# then installs the hook from that tag and runs it on a scratch repository's claims: a clean
# claim passes, a claim with an NCCI edit fails naming ncci-ptp. Offline: pre-commit uses this
# machine's node (language_version system) and the package has no dependencies to fetch.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
log() { echo "[pre-commit-try] $*" >&2; }

if ! command -v pre-commit >/dev/null; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    log "FAIL: pre-commit is not installed and apt-get cannot install it here (not root, or not Debian)"
    exit 1
  fi
  log "apt-get install pre-commit"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends pre-commit >/dev/null 2>&1 \
    || { apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends pre-commit >/dev/null; }
fi
log "$(pre-commit --version)"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
git clone -q "$root" "$scratch/hai-claims"
ln -s "$root/node_modules" "$scratch/hai-claims/node_modules"
version="$(cd "$root" && node -p 'require("./package.json").version')"
(cd "$scratch/hai-claims" && GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@localhost GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@localhost bash scripts/release.sh --force >&2)
rm "$scratch/hai-claims/node_modules"

mkdir -p "$scratch/user"
cd "$scratch/user"
git init -q
cp "$root/examples/3-pump-implant.claim" clean.claim
git add clean.claim
export PRE_COMMIT_HOME="$scratch/cache" npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
try() { pre-commit try-repo "$scratch/hai-claims" hai-claims --ref "v$version" "$@"; }
if ! out="$(try --files clean.claim 2>&1)"; then
  echo "$out" >&2
  log "FAIL: the hook failed on a clean claim"
  exit 1
fi
cp "$root/examples/language-page-example.claim" ncci.claim
git add ncci.claim
if out="$(try --files ncci.claim 2>&1)"; then
  echo "$out" >&2
  log "FAIL: the hook passed a claim with an NCCI edit"
  exit 1
fi
if ! grep -q 'ncci-ptp' <<<"$out"; then
  echo "$out" >&2
  log "FAIL: the hook failed without naming ncci-ptp"
  exit 1
fi
log "ok: pre-commit try-repo installs the hook from v$version and runs it (clean passes, NCCI fails)"
