#!/usr/bin/env bash
# Regenerates the README images from a real VS Code run: the e2e suite saves screenshots under test/e2e/out,
# and the ones the README shows are copied to docs/images.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
npm run build --silent
bash scripts/e2e/run.sh --grep "real VS Code"
mkdir -p docs/images
for shot in hover-markdown hover-python-comment completion go-to-definition glossary-view; do
  cp "test/e2e/out/$shot.png" "docs/images/$shot.png"
done
echo "docs/images updated"
