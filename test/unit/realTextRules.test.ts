import * as assert from 'assert';
import * as path from 'path';
import { expandAlternatives, Glossary } from '../../server/src/core/glossary';
import { isIdentifierToken } from '../../server/src/core/inlineExclusions';
import type { Knob } from '../../server/src/core/knobs';
import { analyzeDocument, CONTEXT_REACH } from '../../server/src/core/mentions';
import { findRegions } from '../../server/src/core/regions';
import { knobHints } from '../../server/src/core/knobHints';
import { completeName } from '../../server/src/core/nameCompletion';
import { suggestCandidates } from '../../server/src/core/suggest';
import { inflectedForms } from '../../server/src/core/wordForms';
import { nodeFileSystem } from '../../server/src/glossary/fileSystem';
import { loadGlossary } from '../../server/src/glossary/load';
import { readGlossaryMeta } from '../../server/src/glossary/meta';
import { makeTerm } from '../support/termFactory';

const knob = (name: string, extra: Partial<Knob> = {}): Knob => ({
  name,
  spellings: [],
  engine: 'vllm',
  kind: 'flag',
  source: 'https://example.org/x',
  ...extra,
});

function glossaryOf(...terms: ReturnType<typeof makeTerm>[]): Glossary {
  return new Glossary([terms], [], { commonWords: new Set(['batch', 'sample', 'rank', 'cache']) });
}
const mentioned = (glossary: Glossary, languageId: string, text: string) =>
  analyzeDocument(glossary, languageId, text).mentions.map(
    (m) => `${text.slice(m.extendsFrom ?? m.start, m.end)}=${m.termIds.join(',')}`,
  );

describe('Word forms', () => {
  it('inflect the last word of a name: verbs, participles, -ization, -ism and plurals', () => {
    assert.deepStrictEqual(inflectedForms('Decode').sort(), ['decoded', 'decodes', 'decoding']);
    assert.ok(inflectedForms('Quantization').includes('quantized'));
    assert.ok(inflectedForms('Quantization').includes('quantising'));
    assert.ok(inflectedForms('Tensor parallelism').includes('Tensor parallel'));
    assert.ok(inflectedForms('Stop sequences').includes('Stop sequence'));
    assert.ok(inflectedForms('Preemption').includes('preempted'));
    assert.deepStrictEqual(inflectedForms('TTFT'), []);
    assert.deepStrictEqual(inflectedForms('vLLM'), []);
  });

  it('find "decoding", "batched" and "quantized", but never an everyday word or another term\'s form', () => {
    const glossary = glossaryOf(
      makeTerm('decode', 'Decode'),
      makeTerm('batching', 'Batching'),
      makeTerm('quantization', 'Quantization'),
      makeTerm('sampling', 'Sampling'),
      makeTerm('sampler', 'Sampler'),
    );
    assert.deepStrictEqual(
      mentioned(glossary, 'markdown', 'Decoding is batched; a quantized batch. The sampler samples.\n'),
      ['Decoding=decode', 'batched=batching', 'quantized=quantization', 'sampler=sampler', 'samples=sampling'],
    );
  });

  it('join multi-word names into the PascalCase of Kubernetes kinds and type names', () => {
    const glossary = glossaryOf(makeTerm('rolling-update', 'Rolling update'));
    assert.deepStrictEqual(mentioned(glossary, 'yaml', '# strategy: RollingUpdate, not rollingupdate\n'), [
      'RollingUpdate=rolling-update',
    ]);
  });

  it('skip the forms a term refuses in exclude_forms', () => {
    const glossary = glossaryOf(makeTerm('decode', 'Decode', { excludeForms: ['decoded'] }));
    assert.deepStrictEqual(mentioned(glossary, 'markdown', 'It decoded while decoding.\n'), ['decoding=decode']);
  });
});

describe('Prose regions on real text', () => {
  it('leave out identifiers: paths, domains, dotted and file names, flags, issue references, calls and camelCase keys', () => {
    for (const token of [
      'kubernetes.io/hostname',
      '/sys/class/infiniband',
      'network-roce.yaml',
      'vllm-project/vllm#1234',
      '--enable-prefix-caching',
      '+kubebuilder:default',
      '.Spec.Prefill',
      'tokens[i]',
      'driverInstallDir',
      'vllm:num_requests_waiting',
      'batch_size',
      'recvbuff_nbytes',
    ]) {
      assert.ok(isIdentifierToken(token), token);
    }
    const wordsLike = [
      'prefill/decode',
      'TTFT/TPOT',
      'FP8/INT8',
      'P/D',
      'GPU(s)',
      'vLLM',
      'KV-cache',
      'TP=2',
      '_emphasis_',
    ];
    for (const words of wordsLike) assert.ok(!isIdentifierToken(words), words);
  });

  it('drop a lower-case word heading two more hyphenated parts, a component name, but keep phrases and capitalised words', () => {
    const glossary = glossaryOf(makeTerm('kubernetes', 'Kubernetes', { aliases: ['k8s'] }), makeTerm('token', 'Token'));
    const text = '# Upgrade k8s-node-agent before k8s itself; stream token-by-token; K8s-Native-Scheduler aside.\n';
    assert.deepStrictEqual(mentioned(glossary, 'yaml', text), [
      'k8s=kubernetes',
      'token=token',
      'token=token',
      'K8s=kubernetes',
    ]);
  });

  it('keep terms in words joined by slashes, and drop them inside identifiers and template expressions', () => {
    const glossary = glossaryOf(
      makeTerm('kv-cache', 'KV cache'),
      makeTerm('prefill', 'Prefill'),
      makeTerm('decode', 'Decode'),
    );
    const text = '# prefill/decode share the KV cache; see kv-cache.md, {{ .Values.decode }} and vllm#12 (prefill)\n';
    assert.deepStrictEqual(mentioned(glossary, 'yaml', text), [
      'prefill=prefill',
      'decode=decode',
      'KV cache=kv-cache',
      'prefill=prefill',
    ]);
  });

  it("leave a snake_case name to the exact-name matcher: a program's variable in prose, a knob where the glossary says so", () => {
    const glossary = glossaryOf(
      makeTerm('batch-size', 'Batch size'),
      makeTerm('ext-proc', 'ext_proc'),
      makeTerm('max-num-seqs', 'Max num seqs', { knobs: [knob('max_num_seqs', { kind: 'config' })] }),
    );
    assert.deepStrictEqual(
      mentioned(glossary, 'python', '# batch_size rows; `batch_size` too; the batch size\nx = 1\n'),
      ['batch size=batch-size'],
    );
    assert.deepStrictEqual(
      mentioned(
        glossary,
        'markdown',
        'Set `max_num_seqs`; ext_proc, also written ext-proc; `batch_size` is a parameter.\n',
      ),
      ['max_num_seqs=max-num-seqs', 'ext_proc=ext-proc', 'ext-proc=ext-proc'],
    );
  });

  it('leave out the factors of a product in a comment, but keep a sum, which prose writes too', () => {
    const glossary = glossaryOf(makeTerm('rank', 'Rank'), makeTerm('tp', 'TP'), makeTerm('pp', 'PP'));
    assert.deepStrictEqual(
      mentioned(glossary, 'c', '// buff + rank * count, or nranks*count; TP + PP; each rank\nint x;\n'),
      ['TP=tp', 'PP=pp', 'rank=rank'],
    );
  });

  it("leave out the parameter a doc comment's @param, \\param or :param tag names, and keep its description", () => {
    const glossary = glossaryOf(
      makeTerm('split-kv', 'Split-KV', { aliases: ['split_kv'] }),
      makeTerm('kv-cache', 'KV cache'),
    );
    const text = '/**\n * \\param split_kv Whether to split the KV cache\n * @param split_kv the same\n */\nint f();\n';
    assert.deepStrictEqual(mentioned(glossary, 'cpp', text), ['KV cache=kv-cache']);
    assert.deepStrictEqual(mentioned(glossary, 'markdown', 'Set split_kv to split the work.\n'), ['split_kv=split-kv']);
  });

  it('read underscore emphasis as prose, not as part of an identifier', () => {
    const glossary = glossaryOf(makeTerm('kv-cache', 'KV cache'));
    assert.deepStrictEqual(mentioned(glossary, 'markdown', 'The _KV cache_ and __KV cache__, not kv_cache_dtype.\n'), [
      'KV cache=kv-cache',
      'KV cache=kv-cache',
    ]);
  });
});

describe('Overlapping terms', () => {
  it('find both terms of "GPU memory bandwidth": the second as its part after the first', () => {
    const glossary = glossaryOf(makeTerm('gpu-memory', 'GPU memory'), makeTerm('memory-bandwidth', 'Memory bandwidth'));
    const text = 'Decode is bound by GPU memory bandwidth.\n';
    const { mentions } = analyzeDocument(glossary, 'markdown', text);
    assert.deepStrictEqual(
      mentions.map((m) => [
        text.slice(m.start, m.end),
        m.termIds[0],
        m.extendsFrom === undefined ? undefined : text.slice(m.extendsFrom, m.end),
      ]),
      [
        ['GPU memory', 'gpu-memory', undefined],
        ['bandwidth', 'memory-bandwidth', 'memory bandwidth'],
      ],
    );
  });
});

describe('Senses', () => {
  it('expand alternatives in avoid phrases', () => {
    assert.deepStrictEqual(expandAlternatives('{GitHub|HF} token'), ['GitHub token', 'HF token']);
  });

  it('skip a term where its context names another sense, before or after it', () => {
    const glossary = glossaryOf(
      makeTerm('decode', 'Decode', { avoid: ['decode ... {certificate|base64|json}', '{PEM|base64} ... decode'] }),
      makeTerm('token', 'Token', { avoid: ['{GitHub|HF|service account} token'] }),
    );
    const text =
      'Decode the PEM certificate. Base64 decode it. Decode is memory bound. Set the HF token and count each token.\n';
    assert.deepStrictEqual(mentioned(glossary, 'markdown', text), ['Decode=decode', 'token=token']);
  });
});

describe('Senses of one name', () => {
  it("apply only to mentions that read like the name the avoid entry gives, not to the term's other names", () => {
    const glossary = glossaryOf(
      makeTerm('mig', 'MIG', { aliases: ['MIG device', 'GPU instance'], avoid: ['GPU instance ... {type|pricing}'] }),
    );
    const text = 'Pick a GPU instance type by price. Each MIG device type gets its own label.\n';
    assert.deepStrictEqual(mentioned(glossary, 'markdown', text), ['MIG device=mig']);
  });
});

describe('Doc comments of fields', () => {
  it("leave out the field's name that opens its doc comment, and keep a type's name, which names its concept", () => {
    const glossary = glossaryOf(makeTerm('kv-cache', 'KV cache', { aliases: ['KVCache', 'Cache'] }));
    const text = [
      '// KVCache is the resource that reserves memory for a model.',
      'type KVCache struct {',
      '\t// Cache is the number of bytes held.',
      '\t// It may grow.',
      '\tCache int64',
      '\t// Size is the KV cache size in pages.',
      '\tSize int',
      '}',
      '',
    ].join('\n');
    assert.deepStrictEqual(mentioned(glossary, 'go', text), ['KVCache=kv-cache', 'KV cache=kv-cache']);
  });
});

describe('Exact names: knobs, metrics and identifier-like names', () => {
  const glossary = glossaryOf(
    makeTerm('max-num-seqs', 'max-num-seqs', { knobs: [knob('--max-num-seqs', { spellings: ['max_num_seqs'] })] }),
    makeTerm('request-queue', 'Request queue', {
      knobs: [knob('vllm:num_requests_waiting', { kind: 'metric', metricType: 'gauge' })],
    }),
    makeTerm('device-plugin', 'Device plugin', {
      knobs: [knob('nvidia.com/gpu', { kind: 'config', engine: 'kubernetes' })],
    }),
    makeTerm('sampling-temperature', 'Sampling temperature', { knobs: [knob('temperature', { kind: 'param' })] }),
    makeTerm('llama-cpp', 'llama.cpp'),
  );
  const names = (languageId: string, text: string) =>
    mentioned(glossary, languageId, text).filter(
      (m) => !/=sampling-temperature$|^Request queue/.test(m) || m.startsWith('temperature'),
    );

  it('find flags and metrics anywhere: YAML lists, shell lines, PromQL, with values attached', () => {
    assert.deepStrictEqual(
      names(
        'yaml',
        'args: ["--max-num-seqs", "32"]\nexpr: rate(vllm:num_requests_waiting_total[5m])\ncmd: vllm serve --max-num-seqs=8\n',
      ),
      ['--max-num-seqs=max-num-seqs', 'vllm:num_requests_waiting_total=request-queue', '--max-num-seqs=max-num-seqs'],
    );
  });

  it('find identifier-like keys in deployment files and prose, but not in program code', () => {
    assert.deepStrictEqual(names('yaml', 'max_num_seqs: 64\ntemperature: 0.2\n'), [
      'max_num_seqs=max-num-seqs',
      'temperature=sampling-temperature',
    ]);
    assert.deepStrictEqual(names('python', 'max_num_seqs = 4  # max_num_seqs caps the batch\n'), [
      'max_num_seqs=max-num-seqs',
    ]);
  });

  it("find identifier-like keys in a doc's code blocks, which are example configuration, but not a label key there", () => {
    const doc =
      'Send a request:\n\n```bash\ncurl localhost:8000/v1/completions -d \'{"max_num_seqs": 8, "temperature": 0}\'\n```\n\n```yaml\nresources:\n  limits:\n    nvidia.com/gpu: 1\n```\n';
    assert.deepStrictEqual(names('markdown', doc), ['max_num_seqs=max-num-seqs', 'temperature=sampling-temperature']);
  });

  it('find an API path as a value in manifests and as the URL a request line calls, not in a URL given as a value', () => {
    const glossary = glossaryOf(makeTerm('health-check', 'Health check', { aliases: ['/health'] }));
    const yaml = 'livenessProbe:\n  httpGet:\n    path: /health\n';
    assert.deepStrictEqual(mentioned(glossary, 'yaml', yaml), ['/health=health-check']);
    const doc =
      'The prober polls http://localhost:9000/health by default.\n\n```bash\ncurl -s http://localhost:9000/health\nprober --target=http://localhost:9000/health\n```\n';
    const found = analyzeDocument(glossary, 'markdown', doc).mentions.map(
      (m) => doc.slice(0, m.start).split('\n').length,
    );
    assert.deepStrictEqual(found, [4]);
  });

  it("leave out a name in backticks that opens a program's parameter entry, and keep it in a document's list", () => {
    const code =
      '/// `max_num_seqs`: caps the batch.\n/// Raise `max_num_seqs` for throughput.\nfn f(max_num_seqs: usize) {}\n';
    const lines = analyzeDocument(glossary, 'rust', code).mentions.map(
      (m) => code.slice(0, m.start).split('\n').length,
    );
    assert.deepStrictEqual(lines, [2]);
    const doc = '* `max_num_seqs`: caps the batch.\n';
    assert.deepStrictEqual(names('markdown', doc), ['max_num_seqs=max-num-seqs']);
  });

  it('find resource and label keys only in prose and code spans, not as manifest structure', () => {
    assert.deepStrictEqual(names('yaml', 'limits:\n  nvidia.com/gpu: 1  # one nvidia.com/gpu each\n'), [
      'nvidia.com/gpu=device-plugin',
    ]);
    assert.deepStrictEqual(names('markdown', 'Each node advertises `nvidia.com/gpu` resources.\n'), [
      'nvidia.com/gpu=device-plugin',
    ]);
  });

  it('find a plain-word parameter only as a key, and identifier-like titles such as llama.cpp in any case', () => {
    assert.deepStrictEqual(names('markdown', 'The GPU temperature rose. Llama.cpp and llama.cpp both run GGUF.\n'), [
      'Llama.cpp=llama-cpp',
      'llama.cpp=llama-cpp',
    ]);
  });
});

describe("Generic keys that belong under certain keys (a knob's `under`)", () => {
  // Invented: a "pollSeconds" that is the watchdog's field only under `watchdog:` or `heartbeat:`; any other
  // pollSeconds (a cache refresher's, say) is another setting of the same name.
  const glossary = glossaryOf(
    makeTerm('engine-watchdog', 'Engine watchdog', {
      knobs: [knob('pollSeconds', { kind: 'config', engine: 'kubernetes', under: ['watchdog', 'heartbeat'] })],
    }),
  );
  const found = (languageId: string, text: string) =>
    analyzeDocument(glossary, languageId, text).mentions.map((m) => text.slice(0, m.start).split('\n').length);

  it('count the key only directly under those keys: block and flow YAML, list items, JSON, schema properties', () => {
    const yaml = [
      'server:', // 1
      '  replicas:',
      '    - name: engine',
      '      watchdog:',
      '        endpoint: /health', // 5
      '        pollSeconds: 5',
      '      cacheRefresher:',
      '        pollSeconds: 300',
      '  heartbeat: {target: engine, pollSeconds: 2}',
      '  pollSeconds: 60', // 10
      '  heartbeats:',
      '    - pollSeconds: 1',
      '  watchdog:',
      '    # pollSeconds below is in seconds',
      '    pollSeconds: 7', // 15
      '',
    ].join('\n');
    assert.deepStrictEqual(found('yaml', yaml), [6, 9, 14, 15]);
    const json =
      '{\n  "watchdog": {\n    "endpoint": "/health",\n    "pollSeconds": 5\n  },\n  "refresher": {\n    "pollSeconds": 300\n  }\n}\n';
    assert.deepStrictEqual(found('json', json), [4]);
    const schema = [
      'watchdog:',
      '  description: Watchdog settings.',
      '  properties:',
      '    pollSeconds:',
      '      type: integer',
      'refresher:',
      '  properties:',
      '    pollSeconds:',
      '      type: integer',
      '',
    ].join('\n');
    assert.deepStrictEqual(found('yaml', schema), [4]);
  });

  it('leave the name alone in prose and in lines that are not YAML or JSON keys', () => {
    assert.deepStrictEqual(found('markdown', 'Raise `pollSeconds` when the engine is slow to answer.\n'), [1]);
    assert.deepStrictEqual(found('shellscript', 'export OPTS="pollSeconds=5"\n'), [1]);
  });
});

describe('Suggestions for the glossary', () => {
  it('rank acronyms, type names, capitalised phrases and other word forms the glossary lacks, with an example line', () => {
    const glossary = glossaryOf(makeTerm('preemption', 'Preemption'), makeTerm('kv-cache', 'KV cache'));
    const text =
      'The EPP picks a preemptible set. The EPP reads the KV cache.\nAn InferencePool and an InferencePool.\nThe Endpoint Picker, the Endpoint Picker.\nkv_cache_size is code.\n';
    const { regions, mentions } = analyzeDocument(glossary, 'markdown', text);
    const candidates = suggestCandidates(
      glossary,
      [{ file: 'doc.md', text, regions, mentions }],
      new Set(['the', 'an', 'picks', 'set']),
      1,
    );
    assert.deepStrictEqual(
      candidates.map((c) => `${c.count} ${c.kind} ${c.text}`),
      ['2 phrase Endpoint Picker', '2 acronym EPP', '2 type name InferencePool', '1 word form preemptible'],
    );
    assert.deepStrictEqual(candidates[1].example, {
      file: 'doc.md',
      line: 1,
      text: 'The EPP picks a preemptible set. The EPP reads the KV cache.',
    });
  });
});

describe('Knob and metric hints', () => {
  const old = knob('vllm:gpu_cache_usage_perc', {
    kind: 'metric',
    metricType: 'gauge',
    deprecated: '0.10.0',
    removed: '0.12.0',
    replacedBy: 'vllm:kv_cache_usage_perc',
  });
  const fresh = knob('vllm:kv_cache_usage_perc', { kind: 'metric', metricType: 'gauge', since: '0.9.2' });
  const glossary = glossaryOf(makeTerm('kv-cache', 'KV cache', { knobs: [old, fresh] }));
  const hints = (text: string, versions?: Record<string, string>) =>
    knobHints(text, analyzeDocument(glossary, 'yaml', text).mentions, versions).map(
      (h) => `${h.kind} ${text.slice(h.start, h.end)} → ${h.replacement ?? '-'}`,
    );

  it('report a removed or deprecated name with its replacement, keeping a PromQL suffix', () => {
    assert.deepStrictEqual(hints('expr: avg(vllm:gpu_cache_usage_perc) > 0.9\n'), [
      'removed vllm:gpu_cache_usage_perc → vllm:kv_cache_usage_perc',
    ]);
    assert.deepStrictEqual(hints('expr: vllm:gpu_cache_usage_perc_sum\n'), [
      'removed vllm:gpu_cache_usage_perc_sum → vllm:kv_cache_usage_perc_sum',
    ]);
  });

  it('follow the targeted engine version: nothing before deprecation, deprecated before removal, too new before introduction', () => {
    assert.deepStrictEqual(hints('expr: vllm:gpu_cache_usage_perc\n', { vllm: '0.9.0' }), []);
    assert.deepStrictEqual(hints('expr: vllm:gpu_cache_usage_perc\n', { vllm: '0.11' }), [
      'deprecated vllm:gpu_cache_usage_perc → vllm:kv_cache_usage_perc',
    ]);
    assert.deepStrictEqual(hints('expr: vllm:kv_cache_usage_perc\n', { vllm: '0.9.0' }), [
      'too-new vllm:kv_cache_usage_perc → -',
    ]);
  });
});

describe('Completion of knob and metric names', () => {
  const glossary = glossaryOf(
    makeTerm('max-num-seqs', 'max-num-seqs', { knobs: [knob('--max-num-seqs'), knob('--max-model-len')] }),
    makeTerm('request-queue', 'Request queue', {
      knobs: [
        knob('vllm:num_requests_waiting', { kind: 'metric', metricType: 'gauge' }),
        knob('VLLM_LOGGING_LEVEL', { kind: 'env' }),
      ],
    }),
  );
  const names = (text: string) => completeName(glossary, text, text.length)?.candidates.map((c) => c.name);

  it('offers flags after "--", metrics after "engine:" and variables in capitals, anywhere', () => {
    assert.deepStrictEqual(names('args:\n  - --max-'), ['--max-model-len', '--max-num-seqs']);
    assert.deepStrictEqual(names('expr: rate(vllm:num'), ['vllm:num_requests_waiting']);
    assert.deepStrictEqual(names('ENV VLLM_LOG'), ['VLLM_LOGGING_LEVEL']);
    assert.strictEqual(completeName(glossary, 'the max', 7), undefined);
  });
});

describe('Plurals the suffixes cannot make', () => {
  it('are generated for names ending in a consonant and y: capability → capabilities', () => {
    assert.ok(inflectedForms('Compute capability').includes('Compute capabilities'));
  });
});

describe('Context forms', () => {
  it('count an everyday word for a term only near a mention of it or of its context terms', () => {
    const glossary = glossaryOf(
      makeTerm('process-rank', 'Process rank', { contextForms: ['rank'], related: ['nccl'] }),
      makeTerm('nccl', 'NCCL'),
    );
    const near = 'NCCL gives each rank one GPU.\n';
    const far = `Rank the results by score.${' x'.repeat(CONTEXT_REACH)}\n\nNCCL is fast.\n`;
    assert.deepStrictEqual(mentioned(glossary, 'markdown', near), ['NCCL=nccl', 'rank=process-rank']);
    assert.deepStrictEqual(mentioned(glossary, 'markdown', far), ['NCCL=nccl']);
  });

  it('count an everyday word several comment blocks below the related mention, as in a header documenting its calls', () => {
    const glossary = glossaryOf(
      makeTerm('process-rank', 'Process rank', { contextForms: ['rank'], related: ['nccl'] }),
      makeTerm('nccl', 'NCCL'),
    );
    const block = (name: string) =>
      `/*\n * ${name}\n *\n * Copies count elements between the buffers of this call.\n * Returns an error code.\n */\nint ${name}(void *buf, int count);\n\n`;
    const text = `/* NCCL collectives. */\n\n${['copyIn', 'copyOut', 'pack', 'unpack', 'fill'].map(block).join('')}/* The root rank sends first. */\n`;
    assert.ok(text.indexOf('root rank') > 600, 'the mention is several blocks below');
    assert.deepStrictEqual(mentioned(glossary, 'c', text), ['NCCL=nccl', 'rank=process-rank']);
  });

  it('read an everyday word right before a determiner as a verb, and a plural there as the noun', () => {
    const glossary = glossaryOf(
      makeTerm('kv-cache', 'KV cache', { contextForms: ['cache'] }),
      makeTerm('process-rank', 'Process rank', { contextForms: ['rank'], related: ['kv-cache'] }),
    );
    const text =
      'The KV cache fills up. Cache every finished page, then rank the pages; the cache that remains is split over ranks the usual way.\n';
    assert.deepStrictEqual(mentioned(glossary, 'markdown', text), [
      'KV cache=kv-cache',
      'cache=kv-cache',
      'ranks=process-rank',
    ]);
  });

  it("obey their term's senses: an EFA driver is no NVIDIA driver", () => {
    const glossary = glossaryOf(
      makeTerm('nvidia-driver', 'NVIDIA driver', {
        contextForms: ['driver'],
        related: ['cuda'],
        avoid: ['{EFA|ENA} ... driver'],
      }),
      makeTerm('cuda', 'CUDA'),
    );
    const text = 'CUDA needs the driver on every node. The EFA userspace drivers come from the cloud image.\n';
    assert.deepStrictEqual(mentioned(glossary, 'markdown', text), ['CUDA=cuda', 'driver=nvidia-driver']);
  });
});

describe('Shell blocks in documents', () => {
  it("read the program a command line runs as a code span, after a prompt, sudo and settings, but not a continuation's words", () => {
    const glossary = glossaryOf(makeTerm('fastserve', 'Fastserve'), makeTerm('kv-cache', 'KV cache'));
    const doc = [
      '```bash',
      '# size the KV cache first',
      'fastserve run model-a \\',
      '  fastserve-extra',
      '$ sudo FOO=1 fastserve stop',
      'echo fastserve',
      '```',
      '',
    ].join('\n');
    assert.deepStrictEqual(
      analyzeDocument(glossary, 'markdown', doc).mentions.map(
        (m) => `${doc.slice(0, m.start).split('\n').length}:${doc.slice(m.start, m.end)}`,
      ),
      ['2:KV cache', '3:fastserve', '5:fastserve'],
    );
  });
});

describe('Naming keys in YAML', () => {
  it('read the short value of kind: and engine: as a name, and other short values as data', () => {
    const text = 'kind: Widget\nengine: "Fastserve"\ntitle: Fastserve\nimage: fastserve\nmode: fast\n';
    const regions = findRegions('yaml', text).map((r) => text.slice(r.start, r.end));
    assert.deepStrictEqual(regions, ['Widget', 'Fastserve']);
  });
});

describe("The bundled glossary's senses", () => {
  const root = path.resolve(__dirname, '..', '..', '..');
  const { glossary } = loadGlossary(
    nodeFileSystem,
    [{ name: 'bundled', folder: path.join(root, 'terms') }],
    readGlossaryMeta(nodeFileSystem, root),
  );
  const terms = (languageId: string, text: string, id: string) =>
    analyzeDocument(glossary, languageId, text)
      .mentions.filter((m) => m.termIds.includes(id))
      .map((m) => `${text.slice(0, m.start).split('\n').length}:${text.slice(m.start, m.end)}`);

  it('read "token" beside a provider, an expiry or credentials as an access token, and keep the LLM token', () => {
    const text = [
      '// tokenSource hands out the token and its expiry time to every caller.',
      '// Rotate the OAuth token before it lapses; the token provider caches it.',
      '// Each response streams one token at a time.',
      '',
    ].join('\n');
    assert.deepStrictEqual(terms('go', text, 'token'), ['3:token']);
  });

  it('read "replica" beside a LeaderWorkerSet as a model replica', () => {
    const text = 'Each LeaderWorkerSet group serves the model; scale the group count to add a replica.\n';
    assert.deepStrictEqual(terms('markdown', text, 'model-replica'), ['1:replica']);
  });

  it("read a network adapter's driver as no NVIDIA driver", () => {
    const text = '# The GPU Operator installs the NVIDIA driver; the node image brings the EFA kernel driver.\n';
    assert.deepStrictEqual(terms('yaml', text, 'nvidia-driver'), ['1:NVIDIA driver']);
  });
});

describe('Commented-out settings in YAML', () => {
  it('are structure, not prose, except a naming key that still names its engine', () => {
    const text = [
      '#monitoring: fastserve',
      '#  - operator: Exists',
      '#   engine: Fastserve',
      '# Note: Fastserve needs a GPU',
      '# the default: Fastserve with two replicas',
      'a: 1',
      '',
    ].join('\n');
    const regions = findRegions('yaml', text).map((r) => text.slice(r.start, r.end).trim());
    assert.deepStrictEqual(regions, [
      'Fastserve',
      'Note: Fastserve needs a GPU',
      'the default: Fastserve with two replicas',
    ]);
  });
});

describe('Tool directives in code comments', () => {
  it('are not prose: generator markers and compiler directives', () => {
    const text = [
      '// +kubebuilder:validation:XValidation:rule="x",message="the KV cache must be set"',
      '// +optional',
      '//go:build linux',
      '// The KV cache is optional.',
      'type X struct{}',
      '',
    ].join('\n');
    const regions = findRegions('go', text).map((r) => text.slice(r.start, r.end).trim());
    assert.deepStrictEqual(regions, ['The KV cache is optional.']);
  });
});
