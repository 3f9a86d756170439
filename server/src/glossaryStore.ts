import * as fs from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import type { Problem } from './core/frontMatter';
import { Glossary } from './core/glossary';
import { Category, Engine, parseTaxonomy } from './core/taxonomy';
import { GlossaryFile, lintGlossary, LintOptions, parseWordList } from './core/lint';

export interface GlossaryLayer {
  /** "bundled", or the folder's path as configured. */
  name: string;
  folder: string;
}

const MAX_TERM_FILE_BYTES = 512 * 1024;
const MAX_TERM_FILES_PER_LAYER = 50_000;

/**
 * Reads glossary layers from disk (with open editor buffers taking precedence over disk), keeps the
 * problems of every term file, and rebuilds the Glossary when asked. All file access of the server's
 * glossary lives here; the core only ever sees text.
 */
export class GlossaryStore {
  glossary: Glossary = new Glossary([]);
  categories: Category[] = [];
  engines: Engine[] = [];
  /** Problems by term-file URI; files without problems are absent. */
  problems = new Map<string, Problem[]>();
  private layers: GlossaryLayer[] = [];
  private readonly openBuffers = new Map<string, string>();
  private readonly textCache: TextCache = new Map();
  private readonly parseCache: NonNullable<LintOptions['parseCache']> = new Map();

  constructor(private readonly taxonomyFile: string, private readonly log: (message: string) => void) {}

  setLayers(layers: GlossaryLayer[]): void {
    this.layers = layers;
  }

  folders(): string[] {
    return this.layers.map((l) => l.folder);
  }

  /** True when the file is a term file of one of the layers (directly inside a layer folder or below it). */
  isTermFile(fsPath: string): boolean {
    return fsPath.endsWith('.md') && this.layers.some((l) => isInside(l.folder, fsPath));
  }

  setOpenBuffer(fsPath: string, text: string | undefined): void {
    if (text === undefined) this.openBuffers.delete(fsPath);
    else this.openBuffers.set(fsPath, text);
  }

  reload(): void {
    const started = Date.now();
    ({ categories: this.categories, engines: this.engines } = this.readTaxonomy());
    const { files, unreadable } = readGlossaryFiles(this.layers, this.log, this.openBuffers, this.textCache);
    const result = lintGlossary(files, {
      categories: this.categories.length > 0 ? new Set(this.categories.map((c) => c.id)) : undefined,
      engines: this.engines.length > 0 ? new Set(this.engines.map((e) => e.id)) : undefined,
      today: new Date().toISOString().slice(0, 10),
      commonWords: this.commonWords(),
      parseCache: this.parseCache,
    });
    for (const [uri, problem] of unreadable) result.problems.set(uri, [problem]);
    this.glossary = new Glossary(result.layers, this.categories);
    this.problems = result.problems;
    this.log(`glossary: ${this.glossary.terms.size} terms from ${this.layers.length} layer(s) in ${Date.now() - started} ms; ${result.problems.size} file(s) with problems`);
  }

  private commonWordsCache?: Set<string>;
  private commonWords(): Set<string> {
    if (!this.commonWordsCache) {
      try {
        this.commonWordsCache = parseWordList(fs.readFileSync(path.join(path.dirname(this.taxonomyFile), 'common-words.txt'), 'utf8'));
      } catch {
        this.commonWordsCache = new Set();
      }
    }
    return this.commonWordsCache;
  }

  private readTaxonomy(): { categories: Category[]; engines: Engine[] } {
    try {
      const result = parseTaxonomy(fs.readFileSync(this.taxonomyFile, 'utf8'));
      for (const p of result.problems) this.log(`taxonomy ${this.taxonomyFile}:${p.line + 1}: ${p.message}`);
      return result;
    } catch (error) {
      this.log(`taxonomy not read (${(error as Error).message}); categories are not checked`);
      return { categories: [], engines: [] };
    }
  }
}

/**
 * The term files of every layer as text (an open editor buffer wins over the disk), and the files that
 * could not be read with the reason.
 */
/** File texts by path with the size and modification time they were read at: unchanged files are not read again. */
export type TextCache = Map<string, { size: number; mtimeMs: number; text: string }>;

export function readGlossaryFiles(
  layers: readonly GlossaryLayer[],
  log: (message: string) => void,
  openBuffers: ReadonlyMap<string, string> = new Map(),
  textCache?: TextCache,
): { files: GlossaryFile[]; unreadable: Map<string, Problem> } {
  const files: GlossaryFile[] = [];
  const unreadable = new Map<string, Problem>();
  const listed = new Set<string>();
  for (const layer of layers) {
    for (const file of listMarkdownFiles(layer.folder, log)) {
      listed.add(file);
      const uri = URI.file(file).toString();
      const text = openBuffers.get(file) ?? readTermText(file, textCache);
      if (typeof text === 'string') files.push({ uri, stem: path.basename(file, '.md'), text, layer: layer.name });
      else unreadable.set(uri, text);
    }
  }
  if (textCache) for (const file of textCache.keys()) if (!listed.has(file)) textCache.delete(file);
  return { files, unreadable };
}

function readTermText(file: string, textCache?: TextCache): string | Problem {
  try {
    const stat = fs.statSync(file);
    if (stat.size > MAX_TERM_FILE_BYTES) return { line: 0, severity: 'error', message: `term file is ${stat.size} bytes; the limit is ${MAX_TERM_FILE_BYTES}` };
    const cached = textCache?.get(file);
    if (cached && cached.size === stat.size && cached.mtimeMs === stat.mtimeMs) return cached.text;
    const bytes = fs.readFileSync(file);
    if (bytes.includes(0)) return { line: 0, severity: 'error', message: 'term file is binary (contains NUL bytes), not Markdown' };
    const text = bytes.toString('utf8');
    textCache?.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, text });
    return text;
  } catch (error) {
    return { line: 0, severity: 'error', message: `term file could not be read: ${(error as Error).message}` };
  }
}

/** Markdown files below a folder, recursively, following no symbolic link twice (loops end). */
export function listMarkdownFiles(folder: string, log: (message: string) => void): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  const walk = (dir: string, depth: number) => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch {
      return;
    }
    if (seen.has(real) || depth > 8) return;
    seen.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      if (depth === 0) log(`glossary folder ${folder} not read: ${(error as Error).message}`);
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(full))) walk(full, depth + 1);
      else if (entry.name.endsWith('.md') && entry.name.toLowerCase() !== 'readme.md' && files.length < MAX_TERM_FILES_PER_LAYER) files.push(full);
    }
  };
  walk(folder, 0);
  return files;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
