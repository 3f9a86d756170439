#!/usr/bin/env bash
# Regenerates the README images from a real VS Code run: the e2e suite saves screenshots under test/e2e/out, each
# with a <name>.txt of what it shows (a hover's text, a suggestion list), and the ones the README shows are copied
# to docs/images with their .txt. A normal e2e run compares what the product shows with those .txt files and fails
# when an image is stale.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
npm run package --silent
E2E_UPDATE_SCREENSHOTS=1 bash scripts/e2e/run.sh --grep "real VS Code"
mkdir -p docs/images
for shot in hover-markdown hover-python-comment hover-notebook hover-php-comment completion go-to-definition; do
  cp "test/e2e/out/$shot.png" "docs/images/$shot.png"
  cp "test/e2e/out/$shot.txt" "docs/images/$shot.txt"
done
echo "docs/images updated"
