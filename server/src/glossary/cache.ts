import * as path from 'path';
export { defaultCacheFolder } from '../cacheFolder';
import type { FileSystem } from './fileSystem';
import type { GlossaryLayer } from './layers';
import { LoadedGlossary, LoadOptions, loadVerified } from './load';
import type { GlossaryMeta } from './meta';
import {
  BUILD_ID,
  contentHash,
  encodeSnapshot,
  LoadedSnapshot,
  parseSnapshot,
  SnapshotContent,
  statUnchanged,
} from './snapshot';

/** The largest entry written or read: a glossary at the loader's caps stays well below it. */
const MAX_ENTRY_BYTES = 256 * 1024 * 1024;
/**
 * Entries kept: the most recently written (one per set of layers: a workspace folder's glossary), at most this many,
 * this many bytes in all, and none unused this long (an entry is written again after every change of its files, and
 * an entry of another build or of folders no longer opened is never read again).
 */
const MAX_ENTRIES = 6;
const MAX_TOTAL_BYTES = 512 * 1024 * 1024;
const MAX_AGE_MS = 30 * 24 * 3600 * 1000;
/** A temporary file this old was left by a write that never finished (a process killed). */
const STALE_TEMPORARY_MS = 3600 * 1000;
const PREFIX = 'glossary-';

/**
 * The server's own cache of glossaries it loaded from their files, in its cache folder (defaultCacheFolder; never in
 * a user's folders): each entry is a snapshot (snapshot.ts) of one set of layers — every file's parse result, the
 * glossary compiled, each file's content hash and stat — keyed by the build, the bundled root and the layers. A
 * start whose layers have an entry takes the glossary from it when every file is as recorded (loadVerified: by
 * stat, or else by hash), so a team glossary of 10,000 files is not read, parsed or compiled again; any change
 * loads from the files, and the entry is written again once the server is idle.
 */
export class GlossaryCache {
  private last?: { file: string; stat: NonNullable<ReturnType<FileSystem['stat']>>; snapshot: LoadedSnapshot };
  private failed = false;
  /** Told when an entry in use turns out damaged: the server reloads its glossaries from their files. */
  onDamaged?: () => void;

  constructor(
    private readonly fileSystem: FileSystem,
    readonly folder: string,
    private readonly log: (message: string) => void,
    private readonly buildId: string | undefined = BUILD_ID,
  ) {}

  /** The entry read last, if any: its parse results spare parsing files again after a change (LoadOptions.seeds). */
  get lastRead(): LoadedSnapshot | undefined {
    return this.last?.snapshot;
  }

  /** The entry of a set of layers. */
  fileFor(layers: readonly GlossaryLayer[], meta: GlossaryMeta): string {
    const key = contentHash(
      JSON.stringify([this.buildId ?? '', meta.root ?? '', layers.map((l) => [l.name, l.folder])]),
    );
    return path.join(this.folder, `${PREFIX}${key}.bin`);
  }

  /** The glossary of these layers from their entry, when there is one and every file is as it recorded. */
  load(layers: readonly GlossaryLayer[], meta: GlossaryMeta, options: LoadOptions): LoadedGlossary | undefined {
    if (options.quality) return undefined;
    const file = this.fileFor(layers, meta);
    const stat = this.fileSystem.stat(file);
    if (!stat || stat.kind !== 'file') return undefined;
    let snapshot =
      this.last?.file === file && statUnchanged({ path: file, hash: '', ...this.last.stat }, stat)
        ? this.last.snapshot
        : undefined;
    if (!snapshot) {
      const read = this.fileSystem.readBytes(file, MAX_ENTRY_BYTES);
      if ('refused' in read) {
        this.log(`glossary cache ${file} ${read.refused}; glossaries load from their files`);
        return undefined;
      }
      const parsed = parseSnapshot(meta.root ?? '', read.bytes, this.buildId ?? null);
      if (typeof parsed === 'string') {
        this.log(`glossary cache ${file} ${parsed}; it is written again`);
        return undefined;
      }
      snapshot = parsed;
      snapshot.onDamaged = () => {
        this.log(`glossary cache ${file} is damaged; it is removed, and the glossary is loaded from its files`);
        if (this.last?.snapshot === parsed) this.last = undefined;
        try {
          this.fileSystem.removeFile?.(file);
        } catch {
          // gone already, or the folder cannot be written: the next start finds the damage again
        }
        this.onDamaged?.();
      };
      this.last = { file, stat, snapshot };
    }
    return loadVerified(this.fileSystem, snapshot, layers, meta, options);
  }

  /** Writes the entry of these layers (what a load's `cacheable` gave), and drops old entries (see MAX_ENTRIES). */
  save(layers: readonly GlossaryLayer[], meta: GlossaryMeta, content: SnapshotContent): void {
    if (this.failed || !this.fileSystem.writeFileAtomic) return;
    const file = this.fileFor(layers, meta);
    try {
      const bytes = encodeSnapshot({ ...content, buildId: this.buildId });
      if (bytes.length > MAX_ENTRY_BYTES) {
        this.log(
          `glossary cache: the entry of ${layers.map((l) => l.folder).join(', ')} would be ${bytes.length} bytes; not written`,
        );
        return;
      }
      this.fileSystem.writeFileAtomic(file, bytes);
      this.last = undefined;
    } catch (error) {
      this.failed = true; // said once: a read-only or full disk stays so
      this.log(
        `glossary cache not written to ${this.folder} (${(error as Error).message}); glossaries load from their files`,
      );
      return;
    }
    try {
      this.prune(file);
    } catch (error) {
      this.log(`glossary cache: old entries in ${this.folder} not removed (${(error as Error).message})`);
    }
  }

  /** Removes entries beyond the bounds (the oldest first) and temporary files a killed write left behind. */
  private prune(keep: string): void {
    const now = Date.now();
    const entries: { p: string; mtimeMs: number; size: number }[] = [];
    for (const { name } of this.fileSystem.readDirectory(this.folder)) {
      if (!name.startsWith(PREFIX)) continue;
      const p = path.join(this.folder, name);
      const stat = this.fileSystem.stat(p);
      if (!stat || stat.kind !== 'file') continue;
      if (name.endsWith('.tmp')) {
        if (stat.mtimeMs < now - STALE_TEMPORARY_MS) this.fileSystem.removeFile?.(p);
      } else if (name.endsWith('.bin') && p !== keep) entries.push({ p, mtimeMs: stat.mtimeMs, size: stat.size });
    }
    entries.sort((a, b) => b.mtimeMs - a.mtimeMs);
    let total = this.fileSystem.stat(keep)?.size ?? 0;
    entries.forEach(({ p, mtimeMs, size }, i) => {
      total += size;
      if (i + 1 >= MAX_ENTRIES || total > MAX_TOTAL_BYTES || mtimeMs < now - MAX_AGE_MS)
        this.fileSystem.removeFile?.(p);
    });
  }
}
