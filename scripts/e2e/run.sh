#!/usr/bin/env bash
# Builds and runs the end-to-end suite (test/e2e/*.e2e.ts) in a real VS Code (code-server) with the
# tools from .e2e-cache: runs setup.sh (fast when done; skip with E2E_SKIP_SETUP=1), compiles
# test/e2e with the cache's TypeScript into .e2e-cache/out, and runs it with the cache's mocha.
# Extra arguments go to mocha (e.g. --grep hover). Screenshots land in test/e2e/out/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${E2E_CACHE_DIR:-$ROOT/.e2e-cache}"
export E2E_CACHE_DIR="$CACHE"
# The suites are compiled into the cache: with a cache shared between checkouts, the harness would otherwise find
# the repository (its fixtures and .vsix) by walking up from the cache, i.e. the checkout that holds it.
export E2E_REPO_ROOT="${E2E_REPO_ROOT:-$ROOT}"

if [ "${E2E_SKIP_SETUP:-0}" != "1" ]; then
  bash "$ROOT/scripts/e2e/setup.sh"
fi

bash "$ROOT/scripts/e2e/compile.sh"

echo "[e2e] running mocha"
cd "$ROOT"
exec node "$CACHE/node_modules/mocha/bin/mocha.js" \
  --timeout 300000 --slow 30000 --exit \
  "$@" "$CACHE/out/test/e2e/*.e2e.js"
