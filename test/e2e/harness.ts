/**
 * End-to-end harness: a real VS Code (code-server) driven by Chromium through playwright-core. One module per
 * concern under harness/: paths, poll, packaging (temporary folders, .vsix archives, staging), codeServer and
 * workbench (with the playwright-core types it uses); this file gathers them for the suites and scripts/start.mjs.
 *
 * Only yazl and yauzl come from the project's node_modules (harness/packaging.ts); code-server, Node 24 and playwright-core
 * live in `<repo>/.e2e-cache/` (installed by `scripts/e2e/setup.sh`) and are loaded at run time, so
 * the harness compiles with only Node's built-in types. The small `Pw*` interfaces in harness/playwright.ts describe the
 * part of playwright-core's API that the harness uses.
 *
 * Every wait polls a condition with a deadline; there are no blind sleeps.
 *
 * Environment:
 *   E2E_CACHE_DIR   where setup.sh installed the tools (default `<repo>/.e2e-cache`)
 *   E2E_REPO_ROOT   the repository root (default: found by walking up to `scripts/e2e/setup.sh`)
 *   E2E_KEEP_TMP=1  keep the temporary user-data, extensions and workspace folders
 *   E2E_VERBOSE=1   echo code-server's output and the browser console to stderr
 *   E2E_HEADED=1    show the browser window (needs a display)
 */
export * from './harness/codeServer';
export * from './harness/packaging';
export * from './harness/paths';
export * from './harness/playwright';
export * from './harness/poll';
export * from './harness/workbench';
export * from './harness/screenshots';
