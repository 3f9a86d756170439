// The extension and the workspace the tests install and open: temporary folders, copies, .vsix archives (read
// and written with yauzl and yazl, the zip libraries vsce itself uses, loaded from the project's node_modules),
// staging an extension the way VS Code lays out installed ones.
import * as fs from 'fs';
import { createRequire } from 'module';
import * as os from 'os';
import * as path from 'path';
import { Readable } from 'stream';
import { e2ePaths } from './paths';

/** Creates a fresh temporary folder whose name starts with `llm-glossary-e2e-<prefix>`. */
export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `llm-glossary-e2e-${prefix}-`));
}

/** Recursively copies `from` to `to`; `skip(relativePath)` can leave entries out. Symlinks are copied as links. */
export function copyTree(from: string, to: string, skip: (relativePath: string) => boolean = () => false): void {
  const walk = (rel: string): void => {
    const src = path.join(from, rel);
    const dst = path.join(to, rel);
    const stat = fs.lstatSync(src);
    if (stat.isSymbolicLink()) {
      fs.symlinkSync(fs.readlinkSync(src), dst);
    } else if (stat.isDirectory()) {
      fs.mkdirSync(dst, { recursive: true });
      for (const name of fs.readdirSync(src)) {
        const child = rel === '' ? name : path.join(rel, name);
        if (!skip(child)) {
          walk(child);
        }
      }
    } else if (stat.isFile()) {
      fs.copyFileSync(src, dst);
    }
  };
  walk('');
}

// The parts of yazl's and yauzl's APIs used here (the harness compiles with Node's types only).
interface YazlZipFile {
  addBuffer(data: Buffer, name: string): void;
  end(): void;
  outputStream: Readable;
}
interface YauzlEntry {
  fileName: string;
  externalFileAttributes: number;
}
interface YauzlZipFile {
  readEntry(): void;
  on(event: 'entry', listener: (entry: YauzlEntry) => void): this;
  on(event: 'end' | 'close', listener: () => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  openReadStream(entry: YauzlEntry, callback: (error: Error | null, stream?: Readable) => void): void;
  close(): void;
}
interface Zip {
  yazl: { ZipFile: new () => YazlZipFile };
  yauzl: {
    open(
      file: string,
      options: { lazyEntries: boolean },
      callback: (error: Error | null, zip?: YauzlZipFile) => void,
    ): void;
  };
}

function zipLibraries(): Zip {
  const load = createRequire(path.join(e2ePaths().repoRoot, 'package.json'));
  return { yazl: load('yazl') as Zip['yazl'], yauzl: load('yauzl') as Zip['yauzl'] };
}

/** Writes a zip archive with the given files; names use `/`. Enough to build a test .vsix. */
export async function writeZip(zipPath: string, files: ReadonlyMap<string, string | Buffer>): Promise<void> {
  const zip = new (zipLibraries().yazl.ZipFile)();
  const written = new Promise<void>((resolve, reject) => {
    const out = fs.createWriteStream(zipPath);
    out.on('close', resolve).on('error', reject);
    zip.outputStream.on('error', reject).pipe(out);
  });
  for (const [name, content] of files) zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content), name);
  zip.end();
  await written;
}

/**
 * Extracts the entries of a zip archive whose names start with `prefix` (the prefix is stripped) into `destDir`;
 * returns how many files were written. An entry whose name would leave `destDir` is refused: the archive is
 * rejected with "escapes the destination".
 */
export async function extractZip(zipPath: string, destDir: string, prefix = ''): Promise<number> {
  const zip = await new Promise<YauzlZipFile>((resolve, reject) =>
    zipLibraries().yauzl.open(zipPath, { lazyEntries: true }, (error, opened) =>
      error || !opened ? reject(error ?? new Error(`${zipPath}: not a zip archive`)) : resolve(opened),
    ),
  );
  const root = path.resolve(destDir);
  let written = 0;
  return new Promise<number>((resolve, reject) => {
    const fail = (error: Error) => {
      zip.close();
      // yauzl refuses names with `..` or a leading `/` itself; say it as the harness always has.
      reject(
        /invalid relative path|absolute path/.test(error.message)
          ? new Error(`${zipPath}: entry escapes the destination (${error.message})`)
          : error,
      );
    };
    zip.on('error', fail);
    zip.on('end', () => resolve(written));
    zip.on('entry', (entry) => {
      if (!entry.fileName.startsWith(prefix) || entry.fileName.endsWith('/')) return zip.readEntry();
      const target = path.resolve(root, entry.fileName.slice(prefix.length));
      if (!target.startsWith(root + path.sep))
        return fail(new Error(`${zipPath}: entry escapes the destination (${entry.fileName})`));
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return fail(error ?? new Error(`${zipPath}: cannot read ${entry.fileName}`));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        const mode = (entry.externalFileAttributes >>> 16) & 0o777;
        const out = fs.createWriteStream(target, mode ? { mode } : {});
        out.on('error', fail).on('close', () => {
          written++;
          zip.readEntry();
        });
        stream.on('error', fail).pipe(out);
      });
    });
    zip.readEntry();
  });
}

export interface ExtensionManifest {
  publisher: string;
  name: string;
  version: string;
}

/** Reads publisher, name and version from an extension's package.json. */
export function readManifest(extensionDir: string): ExtensionManifest {
  const file = path.join(extensionDir, 'package.json');
  const json: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (typeof json !== 'object' || json === null) {
    throw new Error(`${file} is not a JSON object`);
  }
  const record = json as Record<string, unknown>;
  const field = (key: 'publisher' | 'name' | 'version'): string => {
    const value = record[key];
    if (typeof value !== 'string' || value === '') {
      throw new Error(`${file} has no "${key}"`);
    }
    return value;
  };
  return { publisher: field('publisher'), name: field('name'), version: field('version') };
}

export interface StagedExtension extends ExtensionManifest {
  /** `publisher.name`, as VS Code names the extension. */
  id: string;
  /** The staged folder, `<extensionsDir>/publisher.name-version`. */
  dir: string;
}

export interface StageOptions {
  /**
   * Top-level entries of an extension folder not to copy. Default: node_modules, .git, .e2e-cache,
   * .vscode-test, out, test, and *.vsix (a bundled extension needs only package.json, dist/ and its data).
   */
  exclude?: readonly string[];
}

const DEFAULT_STAGE_EXCLUDE: readonly string[] = ['node_modules', '.git', '.e2e-cache', '.vscode-test', 'out', 'test'];

/**
 * Installs an extension into `extensionsDir` the way VS Code lays out installed extensions:
 * `<extensionsDir>/publisher.name-version`. `source` is either a folder with package.json (and its built
 * dist/) or a .vsix file (whose `extension/` folder is unpacked).
 */
export async function stageExtension(
  source: string,
  extensionsDir: string,
  options: StageOptions = {},
): Promise<StagedExtension> {
  fs.mkdirSync(extensionsDir, { recursive: true });
  let tempFrom: string | undefined;
  let from = path.resolve(source);
  let skip: (rel: string) => boolean = () => false;
  if (source.toLowerCase().endsWith('.vsix') && fs.statSync(source).isFile()) {
    tempFrom = makeTempDir('vsix');
    const count = await extractZip(source, tempFrom, 'extension/');
    if (count === 0) {
      throw new Error(`${source} has no files under extension/`);
    }
    from = tempFrom;
  } else {
    const exclude = new Set(options.exclude ?? DEFAULT_STAGE_EXCLUDE);
    skip = (rel) => !rel.includes(path.sep) && (exclude.has(rel) || rel.toLowerCase().endsWith('.vsix'));
  }
  try {
    const manifest = readManifest(from);
    const id = `${manifest.publisher}.${manifest.name}`;
    const dir = path.join(extensionsDir, `${id}-${manifest.version}`);
    fs.rmSync(dir, { recursive: true, force: true });
    copyTree(from, dir, skip);
    return { ...manifest, id, dir };
  } finally {
    if (tempFrom !== undefined) {
      fs.rmSync(tempFrom, { recursive: true, force: true });
    }
  }
}

/**
 * The LLM Deployment Glossary extension as it ships: the .vsix from `npm run package`, or else the same files
 * (manifest, bundles, glossary, TextMate grammar) copied from the repository into a fresh folder.
 */
export function shippedExtension(): string {
  const { repoRoot } = e2ePaths();
  // The real artefact when `npm run package` built one (npm run test:e2e does), installed like a user would.
  const vsix = path.join(repoRoot, 'llm-deployment-glossary.vsix');
  if (fs.existsSync(vsix)) return vsix;
  const dir = makeTempDir('llm-glossary-extension');
  for (const entry of ['package.json', 'package.nls.json', 'README.md', 'dist', 'terms', '_meta', 'syntaxes']) {
    fs.cpSync(path.join(repoRoot, entry), path.join(dir, entry), {
      recursive: true,
      filter: (src) => !src.endsWith('.map'),
    });
  }
  return dir;
}

/** Copies test/e2e/fixtures (and optional extra files) into a fresh temporary workspace folder. */
export function makeWorkspace(extraFiles: Readonly<Record<string, string>> = {}): string {
  const dir = makeTempDir('workspace');
  copyTree(e2ePaths().fixturesDir, dir);
  for (const [rel, content] of Object.entries(extraFiles)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}
