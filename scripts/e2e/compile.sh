#!/usr/bin/env bash
# Compiles test/e2e (the harness and the suites) with the TypeScript in .e2e-cache into .e2e-cache/out.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${E2E_CACHE_DIR:-$ROOT/.e2e-cache}"
echo "[e2e] compiling test/e2e"
rm -rf "$CACHE/out"
node "$CACHE/node_modules/typescript/bin/tsc" -p "$ROOT/test/e2e/tsconfig.json" \
  --outDir "$CACHE/out/test/e2e" --typeRoots "$CACHE/node_modules/@types"
