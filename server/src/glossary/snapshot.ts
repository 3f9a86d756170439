import * as path from 'path';
import { URI } from 'vscode-uri';
import type { Problem } from '../core/frontMatter';
import { Glossary, GlossaryData } from '../core/glossary';
import type { Category, Engine } from '../core/taxonomy';
import type { Term, TermFileResult } from '../core/termFile';
import type { FileSystem } from './fileSystem';

/** Where the build writes the snapshot of the bundled glossary, below the bundled root (next to dist/server.js). */
export const SNAPSHOT_PATH = path.join('dist', 'glossary.bin');
export const TAXONOMY_PATH = path.join('_meta', 'taxonomy.md');
export const COMMON_WORDS_PATH = path.join('_meta', 'common-words.txt');
const MAGIC = 'LLMGLOSS';
const FORMAT = 2;
const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024;
/**
 * A file changed this little before its stat was recorded may change again within the same tick of the file
 * system's clock (FAT's is 2 s) with a stat that does not show it: such a file is read and hashed instead.
 */
export const RACY_MS = 3000;

declare const __GLOSSARY_BUILD_ID__: string | undefined;
/**
 * The build this code came from (a hash of the server's sources, set by the build in the bundles); undefined when it
 * runs unbundled (tests), where the snapshot's build is not checked.
 */
export const BUILD_ID: string | undefined =
  typeof __GLOSSARY_BUILD_ID__ === 'string' ? __GLOSSARY_BUILD_ID__ : undefined;

/**
 * A file the snapshot was made from (path relative to the bundled root, with "/"): its content hash, and its stat
 * when the build recorded it. An unchanged stat (size, modification and status-change times, inode) tells that the
 * file still has that content without reading it; the status-change time moves on with every write and every
 * change of the modification time, which a user cannot set back.
 */
export interface SnapshotInput {
  path: string;
  hash: string;
  size: number;
  mtimeMs: number;
  ctimeMs?: number;
  ino?: number;
}

/** The prebuilt glossary of the bundled layer alone: terms in force by file, compiled data, problems by file. */
export interface PrebuiltPart {
  ids: string[];
  /** For each term in force (in order), the index of its file in `files`. */
  files: number[];
  /** Problems (shape only: `quality` off) by file index. */
  problems: [number, Problem[]][];
  data: GlossaryData;
}

/** The header of the snapshot file: everything but the typed arrays and the term files' parse results. */
interface Header {
  format: typeof FORMAT;
  littleEndian: boolean;
  buildId?: string;
  recordedAtMs: number;
  vocabulary: string;
  taxonomy: SnapshotInput & { categories: Category[]; engines: Engine[]; problems: Problem[] };
  commonWords: SnapshotInput;
  /** Term files in listing order, each with where its parse result (UTF-8 JSON) is in the file. */
  files: (SnapshotInput & { result: [number, number] })[];
  glossary?: Omit<PrebuiltPart, 'data'> & { data: unknown };
}

/** What the build puts in a snapshot (see buildSnapshot.ts). */
export interface SnapshotContent {
  buildId?: string;
  recordedAtMs: number;
  vocabulary: string;
  taxonomy: Header['taxonomy'];
  commonWords: SnapshotInput;
  files: (SnapshotInput & { result: TermFileResult })[];
  glossary?: PrebuiltPart;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * A 53-bit content hash of a text (cyrb53: two 32-bit multiply-xorshift lanes), as 14 hex digits. Not
 * cryptographic: it tells a changed file from the one the snapshot was made from.
 */
export function contentHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

type TypedArray = Int32Array | Uint16Array | Uint8Array;
const TYPED: Record<string, new (buffer: ArrayBufferLike, byteOffset: number, length: number) => TypedArray> = {
  Int32Array,
  Uint16Array,
  Uint8Array,
};

/**
 * The snapshot file: "LLMGLOSS", the format and the header's length (two little-endian 32-bit numbers), the header
 * (UTF-8 JSON), then the typed arrays (each at a multiple of 8 bytes, in the machine's byte order) and the term
 * files' parse results (UTF-8 JSON each).
 */
export function encodeSnapshot(content: SnapshotContent): Uint8Array {
  const chunks: Uint8Array[] = [];
  let offset = 0; // of the binary part; made absolute once the header's length is known
  const place = (bytes: Uint8Array, align: number): [number, number] => {
    const pad = (align - (offset % align)) % align;
    if (pad > 0) chunks.push(new Uint8Array(pad));
    offset += pad;
    chunks.push(bytes);
    const at = offset;
    offset += bytes.length;
    return [at, bytes.length];
  };
  const utf8 = new TextEncoder();
  // Typed arrays become { $: type, at, length }; plain arrays are left as they are (they hold none).
  const encodeData = (value: unknown): unknown => {
    if (ArrayBuffer.isView(value)) {
      const typed = value as TypedArray;
      const [at] = place(new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength), 8);
      return { $: typed.constructor.name, at, length: typed.length };
    }
    if (value && typeof value === 'object' && !Array.isArray(value))
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeData(v)]));
    return value;
  };
  const glossary = content.glossary && { ...content.glossary, data: encodeData(content.glossary.data) };
  const files = content.files.map(({ result, ...input }) => ({
    ...input,
    result: place(utf8.encode(JSON.stringify(result)), 1),
  }));
  const header: Header = {
    format: FORMAT,
    littleEndian: LITTLE_ENDIAN,
    buildId: content.buildId,
    recordedAtMs: content.recordedAtMs,
    vocabulary: content.vocabulary,
    taxonomy: content.taxonomy,
    commonWords: content.commonWords,
    files,
    glossary,
  };
  // Offsets in the header are relative to the binary part, which starts at a multiple of 8 after the header.
  const headerBytes = utf8.encode(JSON.stringify(header));
  const binaryStart = align8(16 + headerBytes.length);
  const out = new Uint8Array(binaryStart + offset);
  out.set(utf8.encode(MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, FORMAT, true);
  view.setUint32(12, headerBytes.length, true);
  out.set(headerBytes, 16);
  let at = binaryStart;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

/** A snapshot read for one bundled root: the header, the parse results (made on first use) and the prebuilt glossary. */
export class LoadedSnapshot {
  readonly buildId?: string;
  readonly recordedAtMs: number;
  readonly vocabulary: string;
  readonly taxonomy: Header['taxonomy'];
  readonly commonWords: SnapshotInput;
  readonly files: readonly SnapshotInput[];
  /** The prebuilt glossary's parts, when the build made one. */
  readonly prebuilt?: PrebuiltPart;
  private readonly results: (TermFileResult | undefined)[];
  private readonly uris: (string | undefined)[];
  private entries?: Map<string, { hash: string; result: TermFileResult }>;
  private glossary?: { glossary: Glossary; categories: readonly Category[]; engines: readonly Engine[] };

  constructor(
    readonly root: string,
    readonly bytes: Uint8Array,
    private readonly binaryStart: number,
    private readonly header: Header,
  ) {
    this.buildId = header.buildId;
    this.recordedAtMs = header.recordedAtMs;
    this.vocabulary = header.vocabulary;
    this.taxonomy = header.taxonomy;
    this.commonWords = header.commonWords;
    this.files = header.files;
    for (const { result } of header.files)
      if (!(result[0] >= 0 && result[1] >= 0 && binaryStart + result[0] + result[1] <= bytes.length))
        throw new Error('truncated');
    if (header.glossary?.files.some((i) => !(i >= 0 && i < header.files.length))) throw new Error('inconsistent');
    this.results = new Array<TermFileResult | undefined>(header.files.length);
    this.uris = new Array<string | undefined>(header.files.length);
    if (header.glossary)
      this.prebuilt = { ...header.glossary, data: this.decodeData(header.glossary.data) as GlossaryData };
  }

  /** The URI of file `i`. */
  uriOf(i: number): string {
    return (this.uris[i] ??= URI.file(path.join(this.root, ...this.files[i].path.split('/'))).toString());
  }

  /** The parse result of file `i` (decoded once; its term's source is the file's URI). */
  resultOf(i: number): TermFileResult {
    let result = this.results[i];
    if (!result) {
      const [at, length] = this.header.files[i].result;
      const start = this.binaryStart + at;
      result = JSON.parse(new TextDecoder().decode(this.bytes.subarray(start, start + length))) as TermFileResult;
      if (result.term) result.term.source = this.uriOf(i);
      this.results[i] = result;
    }
    return result;
  }

  /** Parse results by term-file URI, each decoded when first read. */
  get byUri(): ReadonlyMap<string, { hash: string; result: TermFileResult }> {
    if (!this.entries) {
      this.entries = new Map();
      for (let i = 0; i < this.files.length; i++) {
        const resultOf = () => this.resultOf(i);
        this.entries.set(this.uriOf(i), {
          hash: this.files[i].hash,
          get result() {
            return resultOf();
          },
        });
      }
    }
    return this.entries;
  }

  /**
   * The prebuilt glossary (one for the life of the snapshot, for the same taxonomy), its terms decoded on first use.
   * Only for the bundled files as the snapshot recorded them: the caller checks that (see load.ts).
   */
  prebuiltGlossary(categories: readonly Category[], engines: readonly Engine[]): Glossary | undefined {
    const prebuilt = this.prebuilt;
    if (!prebuilt) return undefined;
    if (this.glossary?.categories === categories && this.glossary.engines === engines) return this.glossary.glossary;
    const terms = new LazyTerms(prebuilt.ids, (i) => this.resultOf(prebuilt.files[i]).term!);
    const glossary = Glossary.fromData(prebuilt.data, terms, categories, { engines });
    this.glossary = { glossary, categories, engines };
    prebuiltSnapshots.set(glossary, this);
    return glossary;
  }

  private decodeData(value: unknown): unknown {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
    const record = value as Record<string, unknown>;
    if (typeof record.$ === 'string') {
      const Type = TYPED[record.$];
      const { at, length } = record as { at: number; length: number };
      if (!Type) throw new Error(`unknown array type ${record.$}`);
      const byteOffset = this.bytes.byteOffset + this.binaryStart + at;
      const byteLength = length * Type.prototype.BYTES_PER_ELEMENT;
      if (byteOffset + byteLength > this.bytes.byteOffset + this.bytes.length) throw new Error('truncated');
      return byteOffset % Type.prototype.BYTES_PER_ELEMENT === 0
        ? new Type(this.bytes.buffer, byteOffset, length)
        : new Type(this.bytes.buffer.slice(byteOffset, byteOffset + byteLength), 0, length);
    }
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, this.decodeData(v)]));
  }
}

/**
 * Terms in force by id, in order, each decoded from the snapshot the first time it is asked for: a start decodes the
 * few its first requests need, not all of them.
 */
class LazyTerms implements ReadonlyMap<string, Term> {
  private readonly index: Map<string, number>;
  private readonly terms: (Term | undefined)[];

  constructor(
    private readonly ids: readonly string[],
    private readonly decode: (i: number) => Term,
  ) {
    this.index = new Map(ids.map((id, i) => [id, i]));
    this.terms = new Array<Term | undefined>(ids.length);
  }

  get size(): number {
    return this.ids.length;
  }

  get(id: string): Term | undefined {
    const i = this.index.get(id);
    return i === undefined ? undefined : this.at(i);
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  private at(i: number): Term {
    return (this.terms[i] ??= this.decode(i));
  }

  *entries(): MapIterator<[string, Term]> {
    for (let i = 0; i < this.ids.length; i++) yield [this.ids[i], this.at(i)];
  }

  keys(): MapIterator<string> {
    return this.ids[Symbol.iterator]() as MapIterator<string>;
  }

  *values(): MapIterator<Term> {
    for (let i = 0; i < this.ids.length; i++) yield this.at(i);
  }

  [Symbol.iterator](): MapIterator<[string, Term]> {
    return this.entries();
  }

  forEach(callback: (value: Term, key: string, map: ReadonlyMap<string, Term>) => void, thisArg?: unknown): void {
    for (let i = 0; i < this.ids.length; i++) callback.call(thisArg, this.at(i), this.ids[i], this);
  }
}

/**
 * The snapshot of the bundled glossary at `bundledRoot`, or undefined when there is none (a checkout before its
 * first build, the in-memory file systems of tests), it cannot be read, or another build made it (`buildId`: this
 * code's build, see BUILD_ID); `log` says why in the last cases.
 */
export function readSnapshot(
  fileSystem: FileSystem,
  bundledRoot: string,
  log: (message: string) => void = () => undefined,
  buildId: string | undefined = BUILD_ID,
): LoadedSnapshot | undefined {
  const file = path.join(bundledRoot, SNAPSHOT_PATH);
  if (!fileSystem.stat(file)) return undefined;
  const unused = (why: string) => {
    log(`glossary snapshot ${file} ${why}; the bundled glossary is parsed from its files`);
    return undefined;
  };
  const read = fileSystem.readBytes(file, MAX_SNAPSHOT_BYTES);
  if ('refused' in read) return unused(read.refused);
  const snapshot = parseSnapshot(bundledRoot, read.bytes, buildId);
  return typeof snapshot === 'string' ? unused(snapshot) : snapshot;
}

/** A snapshot from its bytes, or why it cannot be used; `buildId` null takes one of any build. */
export function parseSnapshot(
  bundledRoot: string,
  bytes: Uint8Array,
  buildId: string | null | undefined = BUILD_ID,
): LoadedSnapshot | string {
  try {
    if (bytes.length < 16 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC)
      return 'is not a glossary snapshot';
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    if (view.getUint32(8, true) !== FORMAT) return 'has another format';
    const headerLength = view.getUint32(12, true);
    if (16 + headerLength > bytes.length) return 'is truncated';
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + headerLength))) as Header;
    if (header.format !== FORMAT || !Array.isArray(header.files)) return 'has another format';
    if (header.littleEndian !== LITTLE_ENDIAN) return 'was made on a machine of the other byte order';
    if (buildId && header.buildId !== buildId) return 'was made by another build';
    return new LoadedSnapshot(bundledRoot, bytes, align8(16 + headerLength), header);
  } catch (error) {
    return `cannot be read (${(error as Error).message})`;
  }
}

const prebuiltSnapshots = new WeakMap<Glossary, LoadedSnapshot>();

/**
 * How another thread makes the same glossary as `glossary` (the workspace index's worker): the bytes of the snapshot
 * it is the prebuilt glossary of (parseSnapshot, then prebuiltGlossary), or undefined for any other glossary.
 */
export function prebuiltSourceOf(glossary: Glossary): { root: string; bytes: Uint8Array } | undefined {
  const snapshot = prebuiltSnapshots.get(glossary);
  return snapshot && { root: snapshot.root, bytes: snapshot.bytes };
}

/**
 * Whether a file still has the content the snapshot recorded: by its stat when that is the one the build recorded
 * (and was not racy then), else by reading it (`text`, or the file's hash, when `stat` differs).
 */
export function statUnchanged(
  input: SnapshotInput,
  stat: ReturnType<FileSystem['stat']>,
  recordedAtMs: number,
): boolean {
  return (
    stat !== undefined &&
    stat.kind === 'file' &&
    input.ctimeMs !== undefined &&
    input.ino !== undefined &&
    stat.size === input.size &&
    stat.mtimeMs === input.mtimeMs &&
    stat.ctimeMs === input.ctimeMs &&
    stat.ino === input.ino &&
    Math.max(input.mtimeMs, input.ctimeMs) < recordedAtMs - RACY_MS
  );
}
