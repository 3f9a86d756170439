// V8's code cache of the server's own bundles (dist/server-main.js, dist/parsers/*.js), in the server's cache folder:
// a start that finds it compiles none of their functions again. Installed by the process's entry (bootstrap.ts);
// written by the server once requests pause after its first ones (session.ts), or as it shuts down (main.ts).
import * as fs from 'fs';
import * as nodeModule from 'module';
import * as path from 'path';
import * as vm from 'vm';
import { checksum } from './checksum';
import { nodeFileSystem } from './glossary/fileSystem';

const REGISTRY = Symbol.for('llm-glossary.codeCache');
const PREFIX = 'code-';
/** Code caches kept: this build's (one per bundle) and a few of other builds (another VS Code's node, an update). */
const MAX_FILES = 12;
/** A code cache larger than this is neither read nor written (the server's is about 1 MB). */
const MAX_BYTES = 64 * 1024 * 1024;

interface CompiledFile {
  script: vm.Script;
  cacheFile: string;
  /** Still to be written: there was none, or V8 rejected it (another node, V8 or flags). */
  due: boolean;
}

interface Registry {
  folder: string;
  files: CompiledFile[];
  /** What to log once the server can log (why a code cache was not used). */
  notes: string[];
  failed: boolean;
}

interface ModuleClass {
  prototype: { _compile(this: { exports: unknown }, content: string, filename: string): unknown };
  wrap(content: string): string;
  createRequire(filename: string): NodeJS.Require;
}

function registry(): Registry | undefined {
  return (globalThis as Record<symbol, Registry | undefined>)[REGISTRY];
}

/**
 * From now on the JavaScript files below `root` are compiled with the code cache of `folder` (keyed by `key`: the
 * build, node's version and the machine, so that two builds or two editors' nodes keep caches of their own). A code cache
 * V8 rejects, or a damaged one, is not used: the file is compiled from its source, and its cache written again.
 */
export function installCodeCache(root: string, folder: string, key: string): void {
  const Module = (nodeModule as unknown as { Module: ModuleClass }).Module;
  const state: Registry = { folder, files: [], notes: [], failed: false };
  (globalThis as Record<symbol, Registry>)[REGISTRY] = state;
  const compile = Module.prototype._compile;
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  Module.prototype._compile = function (this: { exports: unknown }, content: string, filename: string) {
    if (!filename.startsWith(prefix) || !filename.endsWith('.js')) return compile.call(this, content, filename);
    const name = path.relative(root, filename).replace(/[^A-Za-z0-9.-]/g, '_');
    const cacheFile = path.join(folder, `${PREFIX}${key}-${name}.bin`);
    const read = nodeFileSystem.readBytes(cacheFile, MAX_BYTES);
    const cachedData = 'bytes' in read ? unsealed(read.bytes) : undefined;
    if ('bytes' in read && !cachedData) state.notes.push(`code cache ${cacheFile} is damaged; it is written again`);
    let script: vm.Script;
    try {
      script = new vm.Script(Module.wrap(content), { filename, cachedData });
    } catch {
      return compile.call(this, content, filename); // a syntax error: node reports it as it always does
    }
    if (script.cachedDataRejected)
      state.notes.push(`code cache ${cacheFile} not used (made by another node or build); it is written again`);
    state.files.push({ script, cacheFile, due: cachedData === undefined || script.cachedDataRejected === true });
    const run = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return run.call(this.exports, this.exports, Module.createRequire(filename), this, filename, path.dirname(filename));
  };
}

/** Whether a code cache is still to be written. */
export function codeCacheDue(): boolean {
  const state = registry();
  return state !== undefined && !state.failed && state.files.some((f) => f.due);
}

/**
 * Writes the code caches still to be written (with every function compiled so far: call it after the first
 * requests), each atomically, and removes the oldest of other builds beyond a few. Failures are logged once.
 */
export function saveCodeCache(log: (message: string) => void): void {
  const state = registry();
  if (!state) return;
  for (const note of state.notes.splice(0)) log(note);
  if (state.failed) return;
  let wrote = false;
  for (const file of state.files) {
    if (!file.due) continue;
    file.due = false;
    try {
      nodeFileSystem.writeFileAtomic!(file.cacheFile, sealed(file.script.createCachedData()));
      wrote = true;
    } catch (error) {
      state.failed = true;
      log(
        `code cache not written to ${state.folder} (${(error as Error).message}); the server compiles its code at every start`,
      );
      return;
    }
  }
  if (wrote) prune(state, log);
}

function prune(state: Registry, log: (message: string) => void): void {
  try {
    const ours = new Set(state.files.map((f) => path.basename(f.cacheFile)));
    const others = fs
      .readdirSync(state.folder)
      .filter((name) => name.startsWith(PREFIX) && name.endsWith('.bin') && !ours.has(name))
      .map((name) => ({
        file: path.join(state.folder, name),
        mtimeMs: fs.statSync(path.join(state.folder, name)).mtimeMs,
      }))
      .sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const { file } of others.slice(Math.max(0, MAX_FILES - ours.size))) fs.rmSync(file, { force: true });
  } catch (error) {
    log(`code cache: old files in ${state.folder} not removed (${(error as Error).message})`);
  }
}

/**
 * A code cache as written: "LLMCODE1", its length and a checksum of it (two little-endian 32-bit numbers), then V8's
 * bytes. V8 checks that its cache fits the source and its own version, not (in release builds) that its bytes are
 * intact: the checksum keeps a damaged file from ever reaching it.
 */
const MAGIC = 'LLMCODE1';

function sealed(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(16 + data.length);
  out.set(Buffer.from(MAGIC, 'latin1'), 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, data.length, true);
  view.setUint32(12, checksum(data), true);
  out.set(data, 16);
  return out;
}

/** V8's bytes of a code cache file, or undefined when it is not one or is damaged. */
function unsealed(bytes: Uint8Array): Buffer | undefined {
  if (bytes.length < 16 || Buffer.from(bytes.buffer, bytes.byteOffset, 8).toString('latin1') !== MAGIC)
    return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, 16);
  const data = Buffer.from(bytes.buffer, bytes.byteOffset + 16, bytes.length - 16);
  if (view.getUint32(8, true) !== data.length || view.getUint32(12, true) !== checksum(data)) return undefined;
  return data;
}

/** For tests: the file format of a code cache. */
export const codeCacheFormat = { sealed, unsealed };
