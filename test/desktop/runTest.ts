// `npm run test:desktop`: downloads desktop VS Code with @vscode/test-electron (needs internet) and runs the suite
// in test/desktop/suite inside it, with this checkout as the extension under development and samples/ open.
// CI on machines without internet uses the code-server suite (npm run test:e2e) instead.
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  await runTests({
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
    launchArgs: [path.join(repoRoot, 'samples'), '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
