import * as path from 'path';
import { URI } from 'vscode-uri';
import type { Glossary } from './core/glossary';
import { languageOfPath } from './core/languages';
import type { FileSystem } from './glossary/fileSystem';
import { LineMap } from './core/lineMap';
import { analyzeDocument } from './core/mentions';
import type { CommentParser } from './core/regions';

/** A mention as stored in the workspace index: positions, so answers need no file access. */
export interface IndexedMention {
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  termIds: readonly string[];
}

const SKIPPED_DIRECTORIES = new Set([
  'node_modules',
  '.git',
  'dist',
  'out',
  'build',
  'target',
  'vendor',
  '.venv',
  'venv',
  '__pycache__',
  '.e2e-cache',
  '.next',
  'coverage',
]);
const MAX_FILES = 20_000;
const MAX_FILE_BYTES = 1024 * 1024;
const FILES_PER_SLICE = 25;

/**
 * Every mention of every glossary term in the workspace's files, built in the background in small slices
 * (so requests are answered in between) and kept current file by file as files change.
 */
export class WorkspaceIndex {
  private readonly byUri = new Map<string, IndexedMention[]>();
  private queue: string[] = [];
  private running = false;
  private generation = 0;
  /** Resolves when the current full indexing pass has finished. */
  ready: Promise<void> = Promise.resolve();
  private finishPass: () => void = () => undefined;

  constructor(
    private readonly fileSystem: FileSystem,
    private readonly glossary: () => Glossary,
    private readonly openText: (uri: string) => { text: string; languageId: string } | undefined,
    private readonly parseComments: CommentParser | undefined,
    private readonly log: (message: string) => void,
  ) {}

  /** Re-indexes every file below the folders, e.g. after the glossary changed. */
  rebuild(folders: readonly string[]): void {
    this.generation++;
    this.byUri.clear();
    this.queue = folders.flatMap((folder) => listIndexableFiles(this.fileSystem, folder));
    this.ready = new Promise((resolve) => (this.finishPass = resolve));
    this.log(`workspace index: ${this.queue.length} file(s) queued`);
    this.pump();
  }

  /** Re-reads one file (created or changed), or forgets it (deleted). */
  update(uri: string, deleted: boolean): void {
    const parts = URI.parse(uri).fsPath.split(path.sep);
    if (deleted) this.byUri.delete(uri);
    else if (!parts.some((part) => SKIPPED_DIRECTORIES.has(part))) this.indexFile(uri);
  }

  mentionsOf(termId: string): { uri: string; mention: IndexedMention }[] {
    const found: { uri: string; mention: IndexedMention }[] = [];
    for (const [uri, mentions] of this.byUri)
      for (const mention of mentions) if (mention.termIds.includes(termId)) found.push({ uri, mention });
    return found;
  }

  countMentions(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const mentions of this.byUri.values())
      for (const m of mentions) for (const id of m.termIds) counts.set(id, (counts.get(id) ?? 0) + 1);
    return counts;
  }

  get fileCount(): number {
    return this.byUri.size;
  }

  private pump(): void {
    if (this.running) return;
    this.running = true;
    const generation = this.generation;
    const step = () => {
      if (generation !== this.generation) {
        this.running = false;
        this.pump();
        return;
      }
      for (let i = 0; i < FILES_PER_SLICE && this.queue.length > 0; i++)
        this.indexFile(URI.file(this.queue.pop()!).toString());
      if (this.queue.length > 0) setImmediate(step);
      else {
        this.running = false;
        this.finishPass();
      }
    };
    setImmediate(step);
  }

  private indexFile(uri: string): void {
    const fsPath = URI.parse(uri).fsPath;
    const open = this.openText(uri);
    const languageId = open?.languageId ?? languageOfPath(fsPath);
    if (!languageId) {
      this.byUri.delete(uri);
      return;
    }
    let text = open?.text;
    if (text === undefined) {
      const read = this.fileSystem.readTextFile(fsPath, MAX_FILE_BYTES);
      if ('refused' in read) {
        this.byUri.delete(uri); // it may have been readable text before this change
        return;
      }
      text = read.text;
    }
    const mentions = analyzeDocument(this.glossary(), languageId, text, this.parseComments).mentions;
    if (mentions.length === 0) {
      this.byUri.delete(uri);
      return;
    }
    const lines = new LineMap(text);
    this.byUri.set(
      uri,
      mentions.map((m) => {
        const start = lines.positionAt(m.extendsFrom ?? m.start);
        const end = lines.positionAt(m.end);
        return {
          line: start.line,
          character: start.character,
          endLine: end.line,
          endCharacter: end.character,
          termIds: m.termIds,
        };
      }),
    );
  }
}

/** Files below a folder that the glossary reads, skipping build output, dependencies and hidden folders. */
export function listIndexableFiles(fileSystem: FileSystem, folder: string): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  const walk = (dir: string) => {
    let real: string;
    try {
      real = fileSystem.realPath(dir);
    } catch {
      return;
    }
    if (seen.has(real) || files.length >= MAX_FILES) return;
    seen.add(real);
    let entries: { name: string; kind: string }[];
    try {
      entries = fileSystem.readDirectory(dir);
    } catch {
      return;
    }
    for (const entry of entries) {
      if (files.length >= MAX_FILES) return;
      const full = path.join(dir, entry.name);
      if (entry.kind === 'directory') {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && (!entry.name.startsWith('.') || entry.name === '.glossary'))
          walk(full);
      } else if (entry.kind === 'file' && languageOfPath(entry.name)) files.push(full);
    }
  };
  walk(folder);
  return files;
}
