import * as path from 'path';
import type { EntryKind, FileSystem } from '../../server/src/glossary/fileSystem';

type Node =
  | { kind: 'file'; text: string; mtimeMs: number; ino: number; bytes?: Uint8Array }
  | { kind: 'directory' }
  | { kind: 'other' }
  | { kind: 'symlink'; target: string };

/**
 * Files held in memory behind the server's FileSystem interface: tests lay out a workspace and glossary
 * folders without touching the disk. Folders exist implicitly above every file. `special` makes a FIFO-like
 * entry that a real read would block on; `link` a symbolic link.
 */
export class MemoryFileSystem implements FileSystem {
  private readonly nodes = new Map<string, Node>([['/', { kind: 'directory' }]]);
  private clock = 1;

  constructor(files: Record<string, string> = {}) {
    for (const [p, text] of Object.entries(files)) this.write(p, text);
  }

  write(p: string, text: string): this {
    this.makeParents(p);
    // A file written again keeps its inode, as an editor writing in place does: its times tell the change.
    const before = this.nodes.get(path.resolve(p));
    const ino = before?.kind === 'file' ? before.ino : this.clock;
    this.nodes.set(path.resolve(p), { kind: 'file', text, mtimeMs: this.clock++, ino });
    return this;
  }

  /** A file of bytes (read as text, it is their UTF-8 decoding). */
  writeBytes(p: string, bytes: Uint8Array): this {
    this.write(p, Buffer.from(bytes).toString('utf8'));
    (this.nodes.get(path.resolve(p)) as { bytes?: Uint8Array }).bytes = bytes;
    return this;
  }

  writeFileAtomic(p: string, bytes: Uint8Array): void {
    this.writeBytes(p, new Uint8Array(bytes));
  }

  removeFile(p: string): void {
    this.remove(p);
  }

  /** Sets a file's modification time, as `touch -d` does (its status-change time moves on, as on a disk). */
  touch(p: string, mtimeMs: number): this {
    const node = this.nodes.get(path.resolve(p));
    if (node?.kind === 'file') Object.assign(node, { mtimeMs, ctimeMs: this.clock++ });
    return this;
  }

  remove(p: string): this {
    const full = path.resolve(p);
    for (const key of [...this.nodes.keys()]) if (key === full || key.startsWith(`${full}/`)) this.nodes.delete(key);
    return this;
  }

  special(p: string): this {
    this.makeParents(p);
    this.nodes.set(path.resolve(p), { kind: 'other' });
    return this;
  }

  link(p: string, target: string): this {
    this.makeParents(p);
    this.nodes.set(path.resolve(p), { kind: 'symlink', target: path.resolve(path.dirname(path.resolve(p)), target) });
    return this;
  }

  readDirectory(dir: string): { name: string; kind: EntryKind }[] {
    const full = this.resolve(dir);
    if (this.nodes.get(full)?.kind !== 'directory') throw new Error(`ENOTDIR: not a directory, scandir '${dir}'`);
    const prefix = full === '/' ? '/' : `${full}/`;
    const entries: { name: string; kind: EntryKind }[] = [];
    for (const [key, node] of this.nodes) {
      if (key.startsWith(prefix) && key !== full && !key.slice(prefix.length).includes('/'))
        entries.push({ name: key.slice(prefix.length), kind: node.kind });
    }
    return entries;
  }

  stat(p: string): ReturnType<FileSystem['stat']> {
    let full: string;
    try {
      full = this.resolve(p);
    } catch {
      return undefined;
    }
    const node = this.nodes.get(full);
    if (!node || node.kind === 'symlink') return undefined;
    if (node.kind !== 'file') return { kind: node.kind, size: 0, mtimeMs: 0 };
    return {
      kind: node.kind,
      size: node.bytes?.length ?? Buffer.byteLength(node.text),
      mtimeMs: node.mtimeMs,
      ctimeMs: (node as { ctimeMs?: number }).ctimeMs ?? node.mtimeMs,
      ino: node.ino,
    };
  }

  realPath(p: string): string {
    return this.resolve(p);
  }

  readTextFile(p: string, maxBytes: number): ReturnType<FileSystem['readTextFile']> {
    const stat = this.stat(p);
    if (!stat) return { refused: `could not be opened: ENOENT: no such file or directory, open '${p}'` };
    if (stat.kind !== 'file') return { refused: 'is not a regular file (a FIFO, device, socket or folder): not read' };
    if (stat.size > maxBytes) return { refused: `is ${stat.size} bytes; the limit is ${maxBytes}` };
    const node = this.nodes.get(this.resolve(p)) as { text: string; mtimeMs: number };
    if (node.text.slice(0, 8192).includes('\u0000')) return { refused: 'is binary (contains NUL bytes), not text' };
    return { text: node.text, mtimeMs: node.mtimeMs };
  }

  readBytes(p: string, maxBytes: number): ReturnType<FileSystem['readBytes']> {
    const stat = this.stat(p);
    if (!stat) return { refused: `could not be opened: ENOENT: no such file or directory, open '${p}'` };
    if (stat.kind !== 'file') return { refused: 'is not a regular file (a FIFO, device, socket or folder): not read' };
    if (stat.size > maxBytes) return { refused: `is ${stat.size} bytes; the limit is ${maxBytes}` };
    const node = this.nodes.get(this.resolve(p)) as { text: string; bytes?: Uint8Array };
    return { bytes: node.bytes ?? new Uint8Array(Buffer.from(node.text)) };
  }

  /** The path with symbolic links followed (at most 40, as Linux does). */
  private resolve(p: string): string {
    let full = path.resolve(p);
    for (let hops = 0; hops < 40; hops++) {
      const parts = full.split('/').filter(Boolean);
      let at = '/';
      let followed = false;
      for (let i = 0; i < parts.length; i++) {
        at = path.join(at, parts[i]);
        const node = this.nodes.get(at);
        if (node?.kind === 'symlink') {
          full = path.join(node.target, ...parts.slice(i + 1));
          followed = true;
          break;
        }
      }
      if (!followed) return full;
    }
    throw new Error(`ELOOP: too many symbolic links, '${p}'`);
  }

  private makeParents(p: string): void {
    for (let dir = path.dirname(path.resolve(p)); dir !== '/'; dir = path.dirname(dir)) {
      if (!this.nodes.has(dir)) this.nodes.set(dir, { kind: 'directory' });
    }
  }
}
