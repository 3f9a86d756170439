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
for shot in hover-markdown hover-python-comment hover-notebook hover-php-comment hover-knob completion go-to-definition; do
  cp "test/e2e/out/$shot.png" "docs/images/$shot.png"
  cp "test/e2e/out/$shot.txt" "docs/images/$shot.txt"
done
# Palette-quantised (lossy but visually identical for UI screenshots): about a third of the size in the .vsix.
if command -v pngquant >/dev/null; then
  pngquant --quality=80-100 --skip-if-larger --force --ext .png docs/images/*.png
else
  echo "pngquant not found (apt-get install pngquant): images left as Chromium wrote them" >&2
fi
echo "docs/images updated"
