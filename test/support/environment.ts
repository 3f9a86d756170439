// Loaded before every suite (test/.mocharc.json): every server the tests start, in this process or spawned (it
// inherits the environment), keeps its glossary cache in a temporary folder of this run, never in the user's own.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

if (process.env.LLM_GLOSSARY_CACHE_DIR === undefined) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'glossary-test-cache-'));
  process.env.LLM_GLOSSARY_CACHE_DIR = folder;
  process.on('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
}
