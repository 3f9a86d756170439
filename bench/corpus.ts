// Deterministic text: English prose about LLM serving, code with comments and YAML, with glossary jargon
// sprinkled in at a realistic density (about one term per 15-20 words, as in a design doc or runbook).
import * as fs from 'fs';
import * as path from 'path';
import { BENCH_DIR, Rng } from './lib';

// Real jargon, some of it in the bundled glossary (KV cache, TTFT and their aliases), most of it not (yet).
const REAL_JARGON = [
  'KV cache',
  'KV-cache',
  'key-value cache',
  'KV caches',
  'TTFT',
  'time to first token',
  'time-to-first-token',
  'TPOT',
  'ITL',
  'continuous batching',
  'PagedAttention',
  'paged attention',
  'tensor parallelism',
  'TP',
  'pipeline parallelism',
  'prefill',
  'decode',
  'chunked prefill',
  'speculative decoding',
  'prefix caching',
  'CUDA graphs',
  'FlashAttention',
  'HBM',
  'NCCL',
  'all-reduce',
  'goodput',
  'tokens per second',
  'p99 latency',
  'OOM',
  'preemption',
  'LoRA adapters',
  'FP8',
  'AWQ',
  'quantization',
  'autoscaler',
  'admission control',
  'disaggregated serving',
  'expert parallelism',
  'MoE',
  'rate limiting',
  'head-of-line blocking',
  'cold start',
  'model weights',
  'GPU memory utilization',
  'batch size',
  'context length',
  'QPS',
];
const ENGINES = ['vLLM', 'SGLang', 'TGI', 'TensorRT-LLM', 'llama.cpp', 'Triton'];
const MODELS = ['Llama-3-70B', 'Mixtral-8x7B', 'Qwen2-72B', 'Llama-3.1-8B', 'Mistral-7B', 'DeepSeek-V2'];
const GPUS = ['H100', 'A100 80GB', 'L40S', 'A10G', 'H200', 'MI300X'];
const FLAGS = [
  '--max-num-seqs',
  '--gpu-memory-utilization',
  '--max-model-len',
  '--enable-prefix-caching',
  '--tensor-parallel-size',
  '--max-num-batched-tokens',
];
const NOUNS = [
  'the scheduler',
  'the router',
  'each replica',
  'the engine',
  'the load balancer',
  'the worker pool',
  'the gateway',
  'the batch',
  'the queue',
  'every request',
  'the node',
  'the cluster',
  'the tokenizer',
  'the sidecar',
  'the controller',
];
const VERBS = [
  'drops',
  'doubles',
  'stalls',
  'recovers',
  'spikes',
  'stays flat',
  'degrades',
  'improves',
  'saturates',
  'backs up',
];
const ADJ = [
  'noticeably',
  'sharply',
  'slightly',
  'immediately',
  'gradually',
  'under load',
  'at peak',
  'during rollouts',
  'overnight',
];
const TEMPLATES = [
  'We moved the {model} deployment to {engine} and cut p95 {J} from {num} ms to {num} ms.',
  'When the {J} fills up, {noun} starts preempting requests, which shows up as a spike in queue time.',
  'Set `{flag}` to {num} before enabling {J}; otherwise {noun} runs out of memory on {gpu} nodes.',
  'The dashboard shows {J} per replica next to {J}, so regressions are visible within minutes.',
  'On {gpu} hardware {noun} {verb} {adj} once {J} is turned on.',
  'Our runbook says to check {J} first — most pages turn out to be caused by {J}.',
  '{noun} {verb} {adj} when the prompt mix shifts toward long contexts.',
  'Because {J} trades memory for latency, we size it against {J} rather than against raw throughput.',
  'In the load test {noun} {verb} at {num} QPS, and the team’s follow-up traced it to {J}.',
  'Nobody expected {noun} to {verb2} this much; the root cause was a misconfigured {J}.',
  'The {engine} upgrade changed the default for {J}, which is why {noun} {verb} {adj}.',
  'A quick rule of thumb: keep {J} under {num}% and watch {J} on the latency panel.',
  'We measured {num} tokens/s per GPU with {J}, about {num}× what the old stack reached.',
  'If {J} is disabled, {noun} falls back to static batching and latency {verb} {adj}.',
  'See the postmortem for details on how {J} interacted with {J} during the incident.',
  '{noun} {verb} {adj}; the fix was to lower `{flag}` and to enable {J}.',
  'Latency budgets are written per stage: queueing, {J}, the first decode step and streaming ({num} µs each at most).',
  'The capacity model assumes {J} and a {model} replica on {num} {gpu} GPUs.',
]; // {J}: a glossary term; every other slot is ordinary text.
const TERM_REFERENCES = ['it', 'this setting', 'that path', 'the change', 'the new default'];
const VERBS2 = ['regress', 'thrash', 'slow down', 'fall over', 'lag'];
/** The word lists of the other slots of TEMPLATES. */
const WORDS = new Map<string, readonly string[]>([
  ['{model}', MODELS],
  ['{engine}', ENGINES],
  ['{gpu}', GPUS],
  ['{flag}', FLAGS],
  ['{noun}', NOUNS],
  ['{verb}', VERBS],
  ['{verb2}', VERBS2],
  ['{adj}', ADJ],
]);

export interface Spot {
  offset: number; // UTF-16 offset of the inserted term in the text
  form: string;
  real: boolean; // true: real jargon; false: a synthetic glossary form
}

/** Generates sentences; `termDensity` is the chance that a {J} slot gets a glossary term rather than plain words. */
export class ProseWriter {
  constructor(
    private readonly rng: Rng,
    private readonly syntheticForms: readonly string[],
    private readonly termDensity = 0.85,
  ) {}

  /** One sentence, appended to `out` (whose current length is `base`), recording where terms went. */
  sentence(spots: Spot[], base: number): string {
    const rng = this.rng;
    let text = '';
    const template = rng.pick(TEMPLATES);
    const parts = template.split(/(\{[a-z0-9]+\})/i);
    for (const part of parts) {
      switch (part) {
        case '{J}': {
          if (!rng.chance(this.termDensity)) {
            text += rng.pick(TERM_REFERENCES);
            break;
          }
          const real = rng.chance(0.5) || this.syntheticForms.length === 0;
          let form = real ? rng.pick(REAL_JARGON) : rng.pick(this.syntheticForms);
          if (!real && !/^[A-Z0-9]+$/.test(form) && rng.chance(0.7)) form = form.toLowerCase(); // mid-sentence case
          spots.push({ offset: base + text.length, form, real });
          text += form;
          break;
        }
        case '{num}':
          text += String(rng.chance(0.5) ? rng.int(100) : rng.int(20000));
          break;
        default: {
          const words = WORDS.get(part);
          text += words ? rng.pick(words) : part;
        }
      }
    }
    return text.replace(/^[a-z]/, (c) => c.toUpperCase());
  }

  paragraph(spots: Spot[], base: number, sentences: number): string {
    let text = '';
    for (let i = 0; i < sentences; i++)
      text += (i > 0 ? ' ' : '') + this.sentence(spots, base + text.length + (i > 0 ? 1 : 0));
    return text;
  }
}

/** Replaces spaces by line breaks so no line is much longer than `width` (offsets stay the same). */
export function hardWrap(text: string, width: number): string {
  const chars = text.split('');
  let lineStart = 0;
  let lastSpace = -1;
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === ' ') lastSpace = i;
    if (i - lineStart >= width && lastSpace > lineStart) {
      chars[lastSpace] = '\n';
      lineStart = lastSpace + 1;
    }
  }
  return chars.join('');
}

const PYTHON = (c: string, c2: string) =>
  `def admit(batch, max_num_seqs=256):\n    # ${c}\n    tokens = sum(len(r.prompt_ids) for r in batch)  # ${c2}\n    if tokens > budget.max_tokens:\n        return scheduler.preempt(batch[-1])\n    return None\n`;
const GO = (c: string, c2: string) =>
  `// ${c}\nfunc (s *Scheduler) Admit(req *Request) error {\n\tif s.kvBlocksFree() < req.Blocks { // ${c2}\n\t\treturn ErrNoCapacity\n\t}\n\treturn nil\n}\n`;
const TS = (c: string, c2: string) =>
  `/**\n * ${c}\n */\nexport function pickReplica(replicas: Replica[]): Replica {\n  // ${c2}\n  return replicas.reduce((a, b) => (a.queueDepth <= b.queueDepth ? a : b));\n}\n`;
const YAML = (c: string, c2: string) =>
  `engine:\n  # ${c}\n  gpu_memory_utilization: 0.92\n  max_num_batched_tokens: 8192  # ${c2}\n  enable_prefix_caching: true\n  description: >\n    ${c2}\nautoscaling:\n  min_replicas: 2\n  target_queue_time_ms: 250\n`;

/**
 * The 20 MB mixed corpus (prose paragraphs, code with comments, YAML), cached in bench/corpus/ under a name
 * that changes with the seed and generator version; regenerated when missing.
 */
export function mixedCorpus(
  syntheticForms: readonly string[],
  bytes = 20_000_000,
  seed = 42,
): { file: string; text: string } {
  const file = path.join(BENCH_DIR, 'corpus', `mixed-v1-seed${seed}-${bytes}.txt`);
  if (fs.existsSync(file) && fs.statSync(file).size === bytes) return { file, text: fs.readFileSync(file, 'utf8') };
  const rng = new Rng(seed);
  const writer = new ProseWriter(rng, syntheticForms);
  const chunks: string[] = [];
  let size = 0;
  const spots: Spot[] = []; // unused here: the corpus is scanned whole
  while (size < bytes) {
    const roll = rng.next();
    const short = () => writer.sentence(spots, 0);
    const chunk =
      roll < 0.6
        ? hardWrap(writer.paragraph(spots, 0, 2 + rng.int(5)), 100) + '\n\n'
        : rng.pick([PYTHON, GO, TS, YAML])(short(), short()) + '\n';
    chunks.push(chunk);
    size += Buffer.byteLength(chunk);
  }
  // Trim to exactly `bytes` (at a character boundary: pad the tail with spaces).
  let text = chunks.join('');
  let buffer = Buffer.from(text);
  buffer = buffer.subarray(0, bytes);
  text = buffer.toString('utf8').replace(/\uFFFD+$/, '');
  text += ' '.repeat(bytes - Buffer.byteLength(text));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return { file, text };
}

/**
 * A ~1 MB Markdown design doc: front matter, headings, paragraphs, lists, tables, quotes, links, code spans
 * and fenced code. Spots are the terms inserted into prose (never into code), for hover and completion positions.
 */
export function markdownDocument(
  syntheticForms: readonly string[],
  chars = 1_000_000,
  seed = 7,
): { text: string; spots: Spot[] } {
  const rng = new Rng(seed);
  const writer = new ProseWriter(rng, syntheticForms);
  const spots: Spot[] = [];
  let text =
    '---\ntitle: Serving platform design notes\nowners: [inference-platform]\n---\n\n# Serving platform design notes\n\n';
  const add = (s: string) => void (text += s);
  for (let section = 1; text.length < chars; section++) {
    add(`## ${section}. ${writer.sentence([], 0).replace(/[.;:,].*$/, '')}\n\n`);
    add(hardWrap(writer.paragraph(spots, text.length, 3 + rng.int(4)), 110) + '\n\n');
    for (let i = 0, n = 2 + rng.int(3); i < n; i++) add('- ' + writer.sentence(spots, text.length + 2) + '\n');
    add('\n');
    if (rng.chance(0.5)) {
      add('| Setting | Value | Notes |\n| --- | --- | --- |\n');
      for (let i = 0; i < 3; i++) {
        const cells = `| \`${rng.pick(FLAGS)}\` | ${rng.int(9000)} | `;
        add(cells + writer.sentence(spots, text.length + cells.length) + ' |\n');
      }
      add('\n');
    }
    if (rng.chance(0.5))
      add('```python\n' + PYTHON('keep the KV cache warm between batches', 'TTFT budget check') + '```\n\n');
    if (rng.chance(0.3)) add('> ' + writer.sentence(spots, text.length + 2) + '\n\n');
    add(
      `See [the ${rng.pick(ENGINES)} docs](https://docs.example.com/serving/${section}) and run \`kubectl rollout status\` before paging.\n\n`,
    );
  }
  // A spot's text may differ only by a line break (hard wrap) or a capitalised first letter.
  const wrong = spots.find(
    (s) =>
      text
        .slice(s.offset, s.offset + s.form.length)
        .replace(/\n/g, ' ')
        .toLowerCase() !== s.form.toLowerCase(),
  );
  if (wrong) throw new Error(`bench bug: spot ${JSON.stringify(wrong)} does not point at its term`);
  return { text, spots };
}

/**
 * A large YAML document (Helm values / Kubernetes manifests style): many entries with comments, prose
 * descriptions (block scalars and plain strings) and settings. Spots are terms inserted into comments and prose.
 */
export function yamlDocument(
  syntheticForms: readonly string[],
  chars = 1_000_000,
  seed = 11,
): { text: string; spots: Spot[] } {
  const rng = new Rng(seed);
  const writer = new ProseWriter(rng, syntheticForms);
  const spots: Spot[] = [];
  let text = '# Serving platform values\n';
  const add = (s: string) => void (text += s);
  for (let i = 0; text.length < chars; i++) {
    add(`deployment-${i}:\n`);
    add('  # ');
    add(writer.sentence(spots, text.length) + '\n');
    add(`  engine: ${rng.pick(ENGINES)}\n  model: ${rng.pick(MODELS)}\n  gpu: ${rng.pick(GPUS)}\n`);
    add(`  replicas: ${1 + rng.int(8)}\n  resources:\n    limits:\n      nvidia.com/gpu: ${1 + rng.int(8)}\n`);
    add('  args:\n');
    for (let a = 0, n = 1 + rng.int(3); a < n; a++) add(`    - ${rng.pick(FLAGS)}=${rng.int(9000)}\n`);
    add('  description: "'); // quoted: a sentence may hold ": "
    add(writer.sentence(spots, text.length).replace(/"/g, "'") + '"\n');
    if (rng.chance(0.5)) {
      add('  notes: |\n    ');
      add(writer.sentence(spots, text.length) + '\n');
    }
    add(`  labels: { team: inference, tier: "${rng.pick(['gold', 'silver', 'bronze'])}" }\n`);
  }
  return { text, spots };
}
