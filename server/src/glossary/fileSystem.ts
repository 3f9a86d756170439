import * as fs from 'fs';
import * as path from 'path';

export type EntryKind = 'file' | 'directory' | 'symlink' | 'other';

/**
 * The file access the glossary loader and the workspace index need, behind one interface: the server runs on
 * the disk (`nodeFileSystem`), tests on files held in memory.
 */
export interface FileSystem {
  /** Entries of a directory; throws when it cannot be read. */
  readDirectory(dir: string): { name: string; kind: EntryKind }[];
  /**
   * What a path is (following symbolic links), with its size and modification time; undefined when absent or not
   * accessible. Where the file system has them, also its status-change time and inode number: with the size and
   * modification time they tell an unchanged file from a changed one without reading it (see snapshot.ts).
   */
  stat(
    p: string,
  ): { kind: Exclude<EntryKind, 'symlink'>; size: number; mtimeMs: number; ctimeMs?: number; ino?: number } | undefined;
  /** The path with every symbolic link resolved; throws when it does not exist. */
  realPath(p: string): string;
  /**
   * The UTF-8 text of a regular file of at most `maxBytes`. Anything else — a FIFO, a device such as /dev/zero, a
   * socket, a file too large or with NUL bytes — is refused with the reason, without blocking or reading it.
   */
  readTextFile(p: string, maxBytes: number): { text: string; mtimeMs: number } | { refused: string };
  /** The bytes of a regular file of at most `maxBytes`, refused as readTextFile refuses (binary content aside). */
  readBytes(p: string, maxBytes: number): { bytes: Uint8Array } | { refused: string };
  /**
   * Writes a file whole, its folders made first; a reader sees the old file or the new one, never part of one (it is
   * written beside it, then renamed). Only the server's own cache is written (cache.ts); throws on failure.
   */
  writeFileAtomic?(p: string, bytes: Uint8Array): void;
  /** Removes a file (the cache's old entries); throws on failure. */
  removeFile?(p: string): void;
  /** True when paths are files of this machine's disk, which a worker thread can read too (the workspace index's). */
  readonly local?: boolean;
}

const BINARY_PROBE_BYTES = 8192;

export const nodeFileSystem: FileSystem = {
  local: true,
  readDirectory(dir) {
    return fs.readdirSync(dir, { withFileTypes: true }).map((entry) => ({
      name: entry.name,
      kind: entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : entry.isSymbolicLink() ? 'symlink' : 'other',
    }));
  },
  stat(p) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(p, { throwIfNoEntry: false });
    } catch {
      return undefined; // EACCES, ELOOP, ENAMETOOLONG…: as good as absent for the glossary
    }
    if (!stat) return undefined;
    return {
      kind: stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other',
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      ctimeMs: stat.ctimeMs,
      ino: stat.ino,
    };
  },
  realPath: (p) => fs.realpathSync(p),
  readTextFile(p, maxBytes) {
    const read = readRegularFile(p, maxBytes);
    if ('refused' in read) return read;
    if (read.bytes.subarray(0, BINARY_PROBE_BYTES).includes(0))
      return { refused: 'is binary (contains NUL bytes), not text' };
    return { text: read.bytes.toString('utf8'), mtimeMs: read.mtimeMs };
  },
  readBytes(p, maxBytes) {
    const read = readRegularFile(p, maxBytes);
    return 'refused' in read ? read : { bytes: read.bytes };
  },
  writeFileAtomic(p, bytes) {
    fs.mkdirSync(path.dirname(p), { recursive: true });
    // A name no other writer uses (two servers may write the same entry at once); a new file ('wx'), never one there.
    const temporary = `${p}.${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`;
    try {
      fs.writeFileSync(temporary, bytes, { flag: 'wx' });
      fs.renameSync(temporary, p);
    } catch (error) {
      fs.rmSync(temporary, { force: true });
      throw error;
    }
  },
  removeFile(p) {
    fs.rmSync(p, { force: true });
  },
};

/** The content of a regular file of at most `maxBytes`, opened without blocking on a FIFO or device. */
function readRegularFile(p: string, maxBytes: number): { bytes: Buffer; mtimeMs: number } | { refused: string } {
  let fd: number;
  try {
    // Non-blocking: opening a FIFO for reading would otherwise wait for a writer forever.
    fd = fs.openSync(p, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    return { refused: `could not be opened: ${(error as Error).message}` };
  }
  try {
    const stat = fs.fstatSync(fd); // of what was opened, so a file swapped in between cannot slip past the checks
    if (!stat.isFile()) return { refused: 'is not a regular file (a FIFO, device, socket or folder): not read' };
    if (stat.size > maxBytes) return { refused: `is ${stat.size} bytes; the limit is ${maxBytes}` };
    // A buffer of its own (not a slice of Node's pool), so typed arrays can view it at any aligned offset.
    const bytes = Buffer.allocUnsafeSlow(stat.size);
    let read = 0;
    while (read < bytes.length) {
      const n = fs.readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return { bytes: bytes.subarray(0, read), mtimeMs: stat.mtimeMs };
  } catch (error) {
    return { refused: `could not be read: ${(error as Error).message}` };
  } finally {
    fs.closeSync(fd);
  }
}
