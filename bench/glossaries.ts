// The two glossaries the benchmark runs with: the bundled terms/ folder, and a synthetic 10,000-term folder
// (about 30,000 surface forms) written as real term files, both loaded through the server's own code.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Glossary } from '../server/src/core/glossary';
import { nodeFileSystem } from '../server/src/glossary/fileSystem';
import { loadGlossary as loadLayers } from '../server/src/glossary/load';
import { readGlossaryMeta } from '../server/src/glossary/meta';
import { now, ROOT, Rng } from './lib';

export const CATEGORIES = [
  'execution',
  'serving',
  'control-plane',
  'gpu-memory',
  'distributed-parallelism',
  'scheduling-admission',
  'performance-metrics',
  'reliability',
];

// Name parts of synthetic terms: technical modifiers and heads, many of them words the prose also uses,
// so the trie is entered (and walked a few characters) at many word starts, as with a real large glossary.
const MODIFIERS = (
  'adaptive async batched blocked bucketed chunked cold compressed continuous dense disaggregated distributed dynamic eager elastic ' +
  'fused global greedy grouped hierarchical hybrid incremental inflight interleaved layered lazy local lockstep mixed nested offloaded ' +
  'optimistic paged partitioned persistent pinned pipelined prefix priority quantized radix ragged relaxed remote replicated rolling ' +
  'rotary sharded sliding sparse speculative static streaming striped tiered tiled unified warm weighted token request batch sequence ' +
  'attention decode prefill expert router queue adapter kernel block page prompt memory tensor pipeline context cache gpu host ' +
  'cluster node replica shard stream graph draft beam sampling logit vocab'
).split(' ');
const HEADS = (
  'admission allocator arena autoscaler balancer batcher budget buffer checkpoint collective compiler controller coordinator decoder ' +
  'dispatcher drain eviction executor fabric gateway handoff heap index journal ledger limiter loader lease manager mesh migration ' +
  'monitor offload planner policy pool prefetcher profiler quota resolver sampler scheduler sidecar slot snapshot splitter table ' +
  'throttle tokenizer topology tracker window worker watermark registry barrier fence semaphore reservoir spillway governor'
).split(' ');
// The hyphenated alias names the activity ("paged-radix-scheduling" for "Paged radix scheduler").
const activity = (head: string) =>
  head.endsWith('er') ? head.slice(0, -2) + 'ing' : head.endsWith('or') ? head.slice(0, -2) + 'ion' : head + '-mode';

export interface SyntheticTerm {
  id: string;
  title: string;
  aliases: string[]; // [acronym, hyphenated]
  category: string;
}

/** 10,000 distinct terms, each with a title, an acronym and a hyphenated alias, none sharing a folded form. */
export function syntheticTerms(count = 10_000, seed = 1234): SyntheticTerm[] {
  const rng = new Rng(seed);
  const taken = new Set<string>();
  const fold = (s: string) => s.toLowerCase().replace(/[-_\s]+/g, ' ');
  const terms: SyntheticTerm[] = [];
  while (terms.length < count) {
    const words = rng.chance(0.5)
      ? [rng.pick(MODIFIERS), rng.pick(HEADS)]
      : [rng.pick(MODIFIERS), rng.pick(MODIFIERS), rng.pick(HEADS)];
    if (new Set(words).size < words.length) continue;
    const title = words.join(' ').replace(/^./, (c) => c.toUpperCase());
    const hyphenated = [...words.slice(0, -1), activity(words[words.length - 1])].join('-');
    const initials = words.map((w) => w[0].toUpperCase()).join('');
    let acronym = initials;
    for (let k = 2; taken.has(fold(acronym)); k++) acronym = initials + k; // "PRS2", like "H100" or "FP8"
    if ([title, hyphenated].some((form) => taken.has(fold(form)))) continue;
    for (const form of [title, acronym, hyphenated]) taken.add(fold(form));
    terms.push({
      id: words.join('-'),
      title,
      aliases: [acronym, hyphenated],
      category: CATEGORIES[terms.length % CATEGORIES.length],
    });
  }
  return terms;
}

function termFileText(term: SyntheticTerm): string {
  const t = term.title.toLowerCase();
  return `---
id: ${term.id}
title: ${term.title}
aliases: [${term.aliases.join(', ')}]
category: ${term.category}
related: []
---

## Definition

The ${t} is the component of an LLM serving stack that decides how work of its kind is ordered and placed, so
that requests keep their latency targets while the accelerator stays busy.

## Why it exists

Without the ${t}, engines either over-commit GPU memory or leave it idle between batches.

## Where in the stack

Inside the inference engine, between the request scheduler and the model executor.

## Key properties

- Configured per replica; typical values are a few hundred concurrent sequences.

## Common pitfalls

- Setting it too aggressively causes preemption storms and tail-latency spikes.

## Related terms

- None yet.

## In practice

Watch the engine's queue-time metric after changing it, and roll out one replica at a time.
`;
}

/** Writes the synthetic terms as term files into a fresh temporary folder and returns it. */
export function writeSyntheticGlossary(terms: readonly SyntheticTerm[]): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'glossary-bench-10k-'));
  for (const term of terms) fs.writeFileSync(path.join(folder, `${term.id}.md`), termFileText(term));
  return folder;
}

export interface LoadedGlossary {
  glossary: Glossary;
  files: number;
  /** Term files with lint problems (URIs). */
  problemUris: string[];
  timings: { loadMs: number };
}

/** Loads glossary folders with the server's own loader; bundled terms are always the first layer. */
export function loadGlossary(extraFolders: readonly string[] = []): LoadedGlossary {
  const layers = [
    { name: 'bundled', folder: path.join(ROOT, 'terms') },
    ...extraFolders.map((folder) => ({ name: folder, folder })),
  ];
  const t0 = now();
  const loaded = loadLayers(nodeFileSystem, layers, readGlossaryMeta(nodeFileSystem, ROOT));
  const loadMs = now() - t0;
  return {
    glossary: loaded.glossary,
    files: loaded.fileUris.length,
    problemUris: [...loaded.problems.keys()],
    timings: { loadMs },
  };
}
