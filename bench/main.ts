// `npm run bench`: builds dist/, then measures the matcher, the language server over stdio, cold start, memory,
// workspace indexing, the CLI, large documents and bundle sizes, each against a floor measured in the same run where
// one exists (a hello-world LSP server, ripgrep, `node -e ""`); prints a table and writes bench/results.json.
//   options: --runs N (default 5)   --only matcher,analysis,cold,lsp,index,large,bundle
//   BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" profiles every server process the bench starts.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { benchAnalysis } from './analysis.bench';
import { benchBundle } from './bundle.bench';
import { benchColdStart } from './coldStart.bench';
import type { Context } from './context';
import { markdownDocument, mixedCorpus, Spot, yamlDocument } from './corpus';
import { measureFloors } from './floors.bench';
import { loadGlossary, syntheticTerms, writeSyntheticGlossary } from './glossaries';
import { BENCH_DIR, printTable, Row, SERVER_JS, status } from './lib';
import { benchIndex } from './index.bench';
import { benchLargeDocs } from './largeDocs.bench';
import { benchLsp } from './lsp.bench';
import { benchMatcher } from './matcher.bench';
import { CACHE_DIR_VARIABLE } from '../server/shared/launch';

/** Offsets of the spots between `from` and `to` (fractions of the text's length). */
function spotsBetween(doc: { text: string; spots: Spot[] }, from: number, to: number): number[] {
  const n = doc.text.length;
  return doc.spots.filter((s) => s.offset >= from * n && s.offset <= to * n).map((s) => s.offset);
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  if (!fs.existsSync(SERVER_JS))
    throw new Error(`${SERVER_JS} is missing: run npm run build first (npm run bench does)`);
  const runs = Number(option('runs') ?? 5);
  const only = new Set((option('only') ?? 'matcher,analysis,cold,lsp,index,large,bundle').split(','));
  const log = (message: string) => console.error(`bench: ${message}`);

  log('generating the synthetic 10k-term glossary and the corpora ...');
  const terms = syntheticTerms();
  const syntheticFolder = writeSyntheticGlossary(terms);
  const syntheticForms = terms.flatMap((t) => [t.title, ...t.aliases]);
  const bundled = loadGlossary();
  const synthetic = loadGlossary([syntheticFolder]);
  const badSynthetic = synthetic.problemUris.filter((uri) => !bundled.problemUris.includes(uri));
  if (badSynthetic.length > 0)
    throw new Error(
      `bench bug: ${badSynthetic.length} synthetic term file(s) do not lint clean, e.g. ${badSynthetic[0]}`,
    );
  if (bundled.problemUris.length > 0)
    log(
      `note: ${bundled.problemUris.length} bundled term file(s) have lint problems (the server publishes them as diagnostics)`,
    );
  const ctx: Context = {
    runs,
    bundled,
    synthetic,
    syntheticTerms: terms,
    syntheticFolder,
    corpus: mixedCorpus(syntheticForms),
    doc: markdownDocument(syntheticForms),
    largeDocs: {},
    yamlEdit: { text: '', offsets: [] },
    floors: { nodeStartMs: NaN, helloInitMs: NaN, helloFirstHoverMs: NaN, helloHoverP99Ms: NaN },
    raw: {},
  };
  const markdown4 = markdownDocument([], 4_000_000, 5);
  const yaml5 = yamlDocument([], 5_000_000, 13);
  ctx.largeDocs = {
    '4 MB .md': {
      text: markdown4.text,
      languageId: 'markdown',
      offsets: spotsBetween(markdown4, 0.45, 0.55),
      where: 'a term in its middle',
    },
    '5 MB .yaml': {
      text: yaml5.text,
      languageId: 'yaml',
      offsets: spotsBetween(yaml5, 0.45, 0.55),
      where: 'a term in its middle',
    },
  };
  const yaml1 = yamlDocument([], 1_000_000, 17);
  ctx.yamlEdit = { text: yaml1.text, offsets: yaml1.spots.filter((s) => s.real).map((s) => s.offset) };
  const rows: Row[] = [
    {
      section: '0 setup',
      name: 'load 10k glossary in-process (read, lint, build)',
      value: synthetic.timings.loadMs,
      unit: 'ms',
      note: `${synthetic.files} files`,
    },
  ];
  const sections: [string, () => Row[] | Promise<Row[]>][] = [
    ['matcher', () => benchMatcher(ctx)],
    ['analysis', () => benchAnalysis(ctx)],
    ['cold', () => benchColdStart(ctx)],
    ['lsp', () => benchLsp(ctx)],
    ['index', () => benchIndex(ctx)],
    ['large', () => benchLargeDocs(ctx)],
    ['bundle', () => benchBundle()],
  ];
  // The floors of the figures below, in the same run (the matcher's ripgrep floor is measured in its section).
  if (['cold', 'lsp', 'index', 'large'].some((name) => only.has(name)))
    sections.unshift(['floors', () => measureFloors(ctx)]);
  // Every server the bench starts keeps its glossary cache (server/src/glossary/cache.ts) in a folder of this run, as
  // the VS Code client gives it one of its own: the first start with the 10k glossary writes it (when it shuts down),
  // later starts use it. The cold start section also measures a start with an empty cache.
  const cacheFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'glossary-bench-cache-'));
  process.env[CACHE_DIR_VARIABLE] = cacheFolder;
  try {
    for (const [name, run] of sections) {
      if (!only.has(name) && name !== 'floors') continue;
      log(`${name} ...`);
      rows.push(...(await run()));
    }
  } finally {
    fs.rmSync(syntheticFolder, { recursive: true, force: true });
    fs.rmSync(cacheFolder, { recursive: true, force: true });
  }

  rows.sort((a, b) => (a.section < b.section ? -1 : a.section > b.section ? 1 : 0)); // stable: keeps each section's order
  console.log('');
  printTable(rows);
  const failed = rows.filter((r) => status(r) === 'FAIL');
  console.log(
    `\n${rows.filter((r) => status(r) === 'PASS').length} targets pass, ${failed.length} fail${failed.length ? ': ' + failed.map((r) => r.name).join('; ') : ''}`,
  );
  const results = {
    date: new Date().toISOString(),
    environment: {
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      cpu: os.cpus()[0]?.model,
      cpus: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    },
    settings: {
      runs,
      corpusBytes: Buffer.byteLength(ctx.corpus.text),
      docChars: ctx.doc.text.length,
      docSpots: ctx.doc.spots.length,
      largeDocs: Object.fromEntries(Object.entries(ctx.largeDocs).map(([name, d]) => [name, d.text.length])),
      bundledTerms: bundled.glossary.terms.size,
      syntheticTerms: terms.length,
      syntheticForms: synthetic.glossary.forms.length,
    },
    rows: rows.map((r) => ({ ...r, result: status(r) || undefined })),
    raw: ctx.raw,
  };
  fs.writeFileSync(path.join(BENCH_DIR, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(`wrote ${path.relative(process.cwd(), path.join(BENCH_DIR, 'results.json'))}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
