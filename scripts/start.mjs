// `npm start`: opens the sample workspace (samples/) in a real VS Code with the extension installed.
// Desktop VS Code (`code` on PATH) gets the extension from this checkout; otherwise code-server (VS Code in the
// browser, installed into .e2e-cache by scripts/e2e/setup.sh) starts on 127.0.0.1 and the URL is printed.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const samples = join(root, 'samples');

if (spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0 && !process.env.CI) {
  console.log('Opening samples/ in VS Code with the extension from this checkout ...');
  spawn('code', ['--new-window', `--extensionDevelopmentPath=${root}`, samples], {
    stdio: 'inherit',
    detached: true,
  }).unref();
} else {
  execFileSync('bash', [join(root, 'scripts/e2e/setup.sh')], { stdio: 'inherit' });
  execFileSync('bash', [join(root, 'scripts/e2e/compile.sh')], { stdio: 'inherit' });
  const harness = createRequire(import.meta.url)(join(root, '.e2e-cache/out/test/e2e/harness.js'));
  // A copy, so edits made while trying it out never touch the checked-in samples.
  const workspace = mkdtempSync(join(tmpdir(), 'llm-glossary-samples-'));
  cpSync(samples, workspace, { recursive: true });
  const server = await harness.startCodeServer({
    workspace,
    extensions: [harness.shippedExtension()],
    idleTimeoutSeconds: 0,
  });
  console.log(
    `\nVS Code (code-server) with LLM Deployment Glossary is running:\n\n    ${server.url}\n\nOpen it in a browser on this machine, open design-doc.md and hover "KV cache". Ctrl+C stops it.`,
  );
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => undefined, 1 << 30); // stay in the foreground until stopped
}
