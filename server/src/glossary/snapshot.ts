import * as path from 'path';
import { URI } from 'vscode-uri';
import type { Problem } from '../core/frontMatter';
import { Glossary, GlossaryData } from '../core/glossary';
import type { Category, Engine } from '../core/taxonomy';
import type { Term, TermFileResult } from '../core/termFile';
import { checksum } from '../checksum';
import type { FileSystem } from './fileSystem';
import type { GlossaryLayer } from './layers';

/** Where the build writes the snapshot of the bundled glossary, below the bundled root (next to dist/server.js). */
export const SNAPSHOT_PATH = path.join('dist', 'glossary.bin');
export const TAXONOMY_PATH = path.join('_meta', 'taxonomy.md');
export const COMMON_WORDS_PATH = path.join('_meta', 'common-words.txt');
const MAGIC = 'LLMGLOSS';
const FORMAT = 4;
/** The fixed start: magic, format, the header's length, the length the checksum covers, the checksum. */
const PREAMBLE = 24;
const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024;
/**
 * A file changed this little before it was read may change again within the same tick of the file system's clock
 * (FAT's is 2 s) with a stat that does not show it: its stat is not recorded, and it is read and hashed instead.
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
 * A file the snapshot was made from (path relative to the bundled root, with "/"; absolute in a cache entry, see
 * cache.ts): its content hash, and its stat as it was when the file was read. An unchanged stat (size, modification
 * and status-change times, inode) tells that the file still has that content without reading it; the status-change
 * time moves on with every write and every change of the modification time, which a user cannot set back. Without
 * `ctimeMs` and `ino` (not recorded for a file changed just before it was read, see RACY_MS) it is hashed.
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
  ids: readonly string[];
  /** For each term in force (in order), the index of its file in `files`. */
  files: ArrayLike<number>;
  /** Problems (shape only: `quality` off) by file index. */
  problems: [number, Problem[]][];
  data: GlossaryData;
}

/** A file of the snapshot: which layer it is of (an index), whether it was skipped as no term file. */
interface FileEntry extends SnapshotInput {
  layer?: number;
  skipped?: true;
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
  /**
   * The layers the files are of, when not the bundled layer alone (a cache entry's; its files' paths are absolute),
   * with what listing each layer's folder noted, and what reading the files noted (files skipped).
   */
  layers?: GlossaryLayer[];
  listingNotes?: string[][];
  notes?: string[];
  /**
   * Files in listing order as columns (encoded as encodeValue encodes; see FileTable), each with where its parse
   * result (UTF-8 JSON) is in the file, unless it was skipped.
   */
  files: unknown;
  glossary?: unknown;
}

/**
 * The files of a snapshot by column, so that reading the 10,000 files of a team glossary's cache entry parses no
 * JSON: each file's path, content hash (as a number: 14 hex digits are 53 bits; NaN when none), stat (NaN for what
 * was not recorded), layer, whether it was skipped, and where its parse result is (`resultAt` -1: none).
 */
interface FileTable {
  count: number;
  path: string[];
  hash: Float64Array;
  size: Float64Array;
  mtimeMs: Float64Array;
  ctimeMs: Float64Array;
  ino: Float64Array;
  layer: Int32Array;
  skipped: Uint8Array;
  resultAt: Float64Array;
  resultLength: Float64Array;
  /** The checksum of each parse result's bytes (checked when it is decoded). */
  resultSum: Float64Array;
}

/** What the build (buildSnapshot.ts) or the cache (cache.ts) puts in a snapshot. */
export interface SnapshotContent {
  buildId?: string;
  recordedAtMs: number;
  vocabulary: string;
  taxonomy: Header['taxonomy'];
  commonWords: SnapshotInput;
  layers?: GlossaryLayer[];
  listingNotes?: string[][];
  notes?: string[];
  files: (FileEntry & { result?: TermFileResult })[];
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

type TypedArray = Int32Array | Uint16Array | Uint8Array | Float64Array;
const TYPED: Record<string, new (buffer: ArrayBufferLike, byteOffset: number, length: number) => TypedArray> = {
  Int32Array,
  Uint16Array,
  Uint8Array,
  Float64Array,
};
/** Arrays of at least this many strings are stored as one UTF-8 text and the strings' lengths (see encodeValue). */
const STRINGS_APART = 16;
/** A lone surrogate: a string holding one does not survive UTF-8, so its array stays JSON. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

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
  // Typed arrays become { $: type, at, length }; long arrays of strings { $: "strings", at, bytes, lengths } (their
  // UTF-8 bytes one after the other, and each one's length in bytes: each string is decoded when first read, see
  // lazyStrings); other arrays are left as they are.
  const encodeValue = (value: unknown): unknown => {
    if (ArrayBuffer.isView(value)) {
      const typed = value as TypedArray;
      const [at] = place(new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength), 8);
      return { $: typed.constructor.name, at, length: typed.length };
    }
    if (Array.isArray(value)) {
      if (
        value.length < STRINGS_APART ||
        !value.every((v) => typeof v === 'string' && (v.length === 0 || !LONE_SURROGATE.test(v)))
      )
        return value;
      // One encoding of them all; each one's length in bytes (they hold no lone surrogate: the sum is exact).
      const strings = value as string[];
      const joined = utf8.encode(strings.join(''));
      const byteLengths = Int32Array.from(strings, (v) => Buffer.byteLength(v, 'utf8'));
      if (byteLengths.reduce((sum, n) => sum + n, 0) !== joined.length) throw new Error('strings of unexpected length');
      const lengths = encodeValue(byteLengths);
      const [at, bytes] = place(joined, 1);
      return { $: 'strings', at, bytes, lengths };
    }
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeValue(v)]));
    return value;
  };
  const glossary =
    content.glossary && encodeValue({ ...content.glossary, files: Int32Array.from(content.glossary.files) });
  const n = content.files.length;
  const column = () => new Float64Array(n).fill(NaN);
  const table: FileTable = {
    count: n,
    path: content.files.map((f) => f.path),
    hash: column(),
    size: column(),
    mtimeMs: column(),
    ctimeMs: column(),
    ino: column(),
    layer: new Int32Array(n),
    skipped: new Uint8Array(n),
    resultAt: new Float64Array(n).fill(-1),
    resultLength: new Float64Array(n),
    resultSum: new Float64Array(n),
  };
  content.files.forEach((file, i) => {
    if (file.hash !== '') {
      if (!/^[0-9a-f]{14}$/.test(file.hash)) throw new Error(`${file.path}: not a content hash: ${file.hash}`);
      table.hash[i] = parseInt(file.hash, 16);
    }
    table.size[i] = file.size;
    table.mtimeMs[i] = file.mtimeMs;
    if (file.ctimeMs !== undefined) table.ctimeMs[i] = file.ctimeMs;
    if (file.ino !== undefined) table.ino[i] = file.ino;
    table.layer[i] = file.layer ?? 0;
    table.skipped[i] = file.skipped ? 1 : 0;
  });
  // The columns are placed (as views: what is set below is in them), then the parse results, after everything the
  // checksum covers: they are read one by one, each checked against its own sum.
  const files = encodeValue(table);
  const checkedBinary = offset;
  // All in one encoding, each result's bytes a part of it.
  const results = content.files.map((file) => (file.result ? JSON.stringify(file.result) : undefined));
  const resultBytes = utf8.encode(results.join(''));
  const [resultsAt] = place(resultBytes, 1);
  let resultEnd = 0;
  results.forEach((json, i) => {
    if (json === undefined) return;
    const length = Buffer.byteLength(json, 'utf8');
    table.resultAt[i] = resultsAt + resultEnd;
    table.resultLength[i] = length;
    table.resultSum[i] = checksum(resultBytes.subarray(resultEnd, resultEnd + length));
    resultEnd += length;
  });
  if (resultEnd !== resultBytes.length) throw new Error('parse results of unexpected length');
  const header: Header = {
    format: FORMAT,
    littleEndian: LITTLE_ENDIAN,
    buildId: content.buildId,
    recordedAtMs: content.recordedAtMs,
    vocabulary: content.vocabulary,
    taxonomy: content.taxonomy,
    commonWords: content.commonWords,
    layers: content.layers,
    listingNotes: content.listingNotes,
    notes: content.notes,
    files,
    glossary,
  };
  // Offsets in the header are relative to the binary part, which starts at a multiple of 8 after the header.
  const headerBytes = utf8.encode(JSON.stringify(header));
  const binaryStart = align8(PREAMBLE + headerBytes.length);
  const out = new Uint8Array(binaryStart + offset);
  out.set(utf8.encode(MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, FORMAT, true);
  view.setUint32(12, headerBytes.length, true);
  out.set(headerBytes, PREAMBLE);
  let at = binaryStart;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  // The checksum covers the header and every part but the parse results.
  const checkedEnd = binaryStart + checkedBinary;
  view.setUint32(16, checkedEnd - PREAMBLE, true);
  view.setUint32(20, checksum(out.subarray(PREAMBLE, checkedEnd)), true);
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
  readonly files: readonly FileEntry[];
  /** The layers of the files (the bundled layer alone in the build's snapshot), what listing and reading them noted. */
  readonly layers: readonly GlossaryLayer[];
  readonly listingNotes: readonly (readonly string[])[];
  readonly notes: readonly string[];
  /** The prebuilt glossary's parts, when the build made one. */
  readonly prebuilt?: PrebuiltPart;
  private readonly paths: (string | undefined)[];
  private readonly results: (TermFileResult | undefined)[];
  private readonly uris: (string | undefined)[];
  private entries?: Map<string, { hash: string; result: TermFileResult }>;
  private glossary?: { glossary: Glossary; categories: readonly Category[]; engines: readonly Engine[] };

  private readonly table: FileTable;
  /** Told when a part read on first use turns out damaged (the cache removes its entry). */
  onDamaged?: () => void;

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
    this.layers = header.layers ?? [{ name: 'bundled', folder: path.join(root, 'terms') }];
    this.listingNotes = header.listingNotes ?? this.layers.map(() => []);
    this.notes = header.notes ?? [];
    const table = this.decodeValue(header.files) as FileTable;
    const n = table.count;
    const columns = [
      table.hash,
      table.size,
      table.mtimeMs,
      table.ctimeMs,
      table.ino,
      table.resultAt,
      table.resultLength,
      table.resultSum,
    ];
    if (
      !Number.isInteger(n) ||
      !Array.isArray(table.path) ||
      table.path.length !== n ||
      columns.some((c) => !(c instanceof Float64Array) || c.length !== n) ||
      !(table.layer instanceof Int32Array && table.layer.length === n) ||
      !(table.skipped instanceof Uint8Array && table.skipped.length === n)
    )
      throw new Error('inconsistent');
    const files = new Array<FileEntry>(n);
    for (let i = 0; i < n; i++) {
      const at = table.resultAt[i];
      const length = table.resultLength[i];
      if (at !== -1 && !(at >= 0 && length >= 0 && binaryStart + at + length <= bytes.length))
        throw new Error('truncated');
      const layer = table.layer[i];
      if (!(layer >= 0 && layer < this.layers.length)) throw new Error('inconsistent');
      files[i] = new TableFile(table, i);
    }
    this.table = table;
    this.files = files;
    this.paths = new Array<string | undefined>(n);
    this.results = new Array<TermFileResult | undefined>(n);
    this.uris = new Array<string | undefined>(n);
    if (header.glossary) {
      const prebuilt = this.decodeValue(header.glossary) as PrebuiltPart;
      const ids = prebuilt.ids;
      if (!Array.isArray(ids) || !(prebuilt.files instanceof Int32Array) || prebuilt.files.length !== ids.length)
        throw new Error('inconsistent');
      if (prebuilt.files.some((i) => !(i >= 0 && i < n && table.resultAt[i] !== -1))) throw new Error('inconsistent');
      this.prebuilt = prebuilt;
    }
  }

  /** The path of file `i`: below the root (its path is relative, normalised, with "/", as is the root) or absolute. */
  fileOf(i: number): string {
    let file = this.paths[i];
    if (file === undefined) {
      const input = this.files[i].path;
      if (this.header.layers) file = input;
      else file = path.sep === '/' ? `${this.root}/${input}` : path.join(this.root, ...input.split('/'));
      this.paths[i] = file;
    }
    return file;
  }

  /** The URI of file `i`. */
  uriOf(i: number): string {
    return (this.uris[i] ??= URI.file(this.fileOf(i)).toString());
  }

  /** The parse result of file `i` (decoded once; its term's source is the file's URI). */
  resultOf(i: number): TermFileResult {
    let result = this.results[i];
    if (!result) {
      const at = this.table.resultAt[i];
      if (at === -1) throw new Error(`${this.files[i].path} was skipped: it has no parse result`);
      const start = this.binaryStart + at;
      const length = this.table.resultLength[i];
      if (checksum(this.bytes.subarray(start, start + length)) !== this.table.resultSum[i]) {
        this.onDamaged?.();
        throw new Error(
          `glossary snapshot damaged: the parse result of ${this.files[i].path} differs from its checksum`,
        );
      }
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
        if (this.table.resultAt[i] === -1) continue;
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

  /** A value as encodeSnapshot's encodeValue stored it. */
  private decodeValue(value: unknown): unknown {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
    const record = value as Record<string, unknown>;
    if (record.$ === 'strings') {
      const { at, bytes } = record as { at: number; bytes: number };
      const lengths = this.decodeValue(record.lengths);
      const start = this.binaryStart + at;
      if (!(lengths instanceof Int32Array) || !(at >= 0 && bytes >= 0 && start + bytes <= this.bytes.length))
        throw new Error('truncated');
      const offsets = new Int32Array(lengths.length + 1);
      for (let i = 0; i < lengths.length; i++) {
        if (!(lengths[i] >= 0)) throw new Error('inconsistent');
        offsets[i + 1] = offsets[i] + lengths[i];
      }
      if (offsets[lengths.length] !== bytes) throw new Error('inconsistent');
      return lazyStrings(this.bytes.subarray(start, start + bytes), offsets);
    }
    if (typeof record.$ === 'string') {
      const Type = TYPED[record.$];
      const { at, length } = record as { at: number; length: number };
      if (!Type) throw new Error(`unknown array type ${record.$}`);
      const byteOffset = this.bytes.byteOffset + this.binaryStart + at;
      const byteLength = length * Type.prototype.BYTES_PER_ELEMENT;
      if (!(at >= 0 && length >= 0) || byteOffset + byteLength > this.bytes.byteOffset + this.bytes.length)
        throw new Error('truncated');
      return byteOffset % Type.prototype.BYTES_PER_ELEMENT === 0
        ? new Type(this.bytes.buffer, byteOffset, length)
        : new Type(this.bytes.buffer.slice(byteOffset, byteOffset + byteLength), 0, length);
    }
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, this.decodeValue(v)]));
  }
}

/** A file of a snapshot read from its table: nothing is made for it (its hash as text) until it is read. */
class TableFile implements FileEntry {
  constructor(
    private readonly table: FileTable,
    private readonly i: number,
  ) {}

  get path(): string {
    return this.table.path[this.i];
  }

  get hash(): string {
    const hash = this.table.hash[this.i];
    return Number.isNaN(hash) ? '' : hash.toString(16).padStart(14, '0');
  }

  get size(): number {
    return this.table.size[this.i];
  }

  get mtimeMs(): number {
    return this.table.mtimeMs[this.i];
  }

  get ctimeMs(): number | undefined {
    const ctimeMs = this.table.ctimeMs[this.i];
    return Number.isNaN(ctimeMs) ? undefined : ctimeMs;
  }

  get ino(): number | undefined {
    const ino = this.table.ino[this.i];
    return Number.isNaN(ino) ? undefined : ino;
  }

  get layer(): number {
    return this.table.layer[this.i];
  }

  get skipped(): true | undefined {
    return this.table.skipped[this.i] === 1 ? true : undefined;
  }
}

/**
 * An array of strings stored one after the other as UTF-8 (`offsets`: where each starts, and the end), each decoded
 * the first time it is read: a start that matches a few terms decodes a few of the 100,000 forms and ids of a large
 * glossary. An array to every reader (Array.isArray, length, map, join, JSON); its strings never change.
 */
function lazyStrings(bytes: Uint8Array, offsets: Int32Array): string[] {
  const count = offsets.length - 1;
  const decoded = new Array<string>(count);
  let decodedAll = false;
  // ignoreBOM: a string starting with U+FEFF keeps it.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const at = (i: number): string => (decoded[i] ??= decoder.decode(bytes.subarray(offsets[i], offsets[i + 1])));
  const all = () => {
    if (decodedAll) return;
    decodedAll = true;
    // All at once: one decoding, then (when every byte is a character, as in ASCII) slices of it.
    const text = decoder.decode(bytes);
    if (text.length === bytes.length) {
      for (let i = 0; i < count; i++) decoded[i] ??= text.slice(offsets[i], offsets[i + 1]);
    } else for (let i = 0; i < count; i++) at(i);
  };
  return new Proxy(decoded, {
    get(target, key, receiver) {
      if (typeof key === 'string') {
        const first = key.charCodeAt(0);
        const i = first >= 48 && first <= 57 && key.length < 11 ? Number(key) : NaN;
        if (i >= 0 && i < count && String(i) === key) return at(i);
      }
      if (key === 'length') return count;
      all(); // a method reads every element (through this proxy or not): made first
      const value = Reflect.get(target, key, receiver) as unknown;
      // A method (map, join, an iterator) runs on the array itself, all made: no trap per element.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
    has(target, key) {
      all();
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      all();
      return Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(target, key) {
      all();
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });
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
    if (bytes.length < PREAMBLE || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC)
      return 'is not a glossary snapshot';
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    if (view.getUint32(8, true) !== FORMAT) return 'has another format';
    const headerLength = view.getUint32(12, true);
    const checkedEnd = PREAMBLE + view.getUint32(16, true);
    if (PREAMBLE + headerLength > checkedEnd || checkedEnd > bytes.length) return 'is truncated';
    if (checksum(bytes.subarray(PREAMBLE, checkedEnd)) !== view.getUint32(20, true))
      return 'is damaged (its checksum differs)';
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(PREAMBLE, PREAMBLE + headerLength))) as Header;
    if (header.format !== FORMAT || !header.files || typeof header.files !== 'object') return 'has another format';
    if (header.littleEndian !== LITTLE_ENDIAN) return 'was made on a machine of the other byte order';
    if (buildId && header.buildId !== buildId) return 'was made by another build';
    return new LoadedSnapshot(bundledRoot, bytes, align8(PREAMBLE + headerLength), header);
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
 * Whether a file still has the stat recorded when it was read (`input`), which vouches for its content: size,
 * modification and status-change times and inode all unchanged.
 */
export function statUnchanged(input: SnapshotInput, stat: ReturnType<FileSystem['stat']>): boolean {
  return (
    stat !== undefined &&
    stat.kind === 'file' &&
    input.ctimeMs !== undefined &&
    input.ino !== undefined &&
    stat.size === input.size &&
    stat.mtimeMs === input.mtimeMs &&
    stat.ctimeMs === input.ctimeMs &&
    stat.ino === input.ino
  );
}

/**
 * A file as an input of a snapshot: its content hash, and the stat taken before it was read at `readAtMs` (see
 * recordedStat).
 */
export function snapshotInput(
  path: string,
  text: string,
  stat: ReturnType<FileSystem['stat']>,
  readAtMs: number | undefined,
): SnapshotInput {
  return { path, hash: contentHash(text), ...recordedStat(stat, readAtMs) };
}

/**
 * The stat of a file read at `readAtMs` as a snapshot records it: with its status-change time and inode only when
 * the file was not changed within RACY_MS before it was read, so that the stat vouches for that content (see
 * statUnchanged).
 */
export function recordedStat(
  stat: ReturnType<FileSystem['stat']>,
  readAtMs: number | undefined,
): Omit<SnapshotInput, 'path' | 'hash'> {
  const vouches =
    stat?.ctimeMs !== undefined &&
    stat.ino !== undefined &&
    readAtMs !== undefined &&
    Math.max(stat.mtimeMs, stat.ctimeMs) < readAtMs - RACY_MS;
  return {
    size: stat?.size ?? -1,
    mtimeMs: stat?.mtimeMs ?? -1,
    ...(vouches ? { ctimeMs: stat.ctimeMs, ino: stat.ino } : {}),
  };
}
