// npm run eval: recall on hand-labelled probes and precision on a judged random sample of matches, per class of text,
// over real repositories (see README.md here). Options: --misses (list every miss), --draw N (add N random unjudged
// matches to audit.yaml for a person to judge), --draw-class NAME N (the same, all N from one audit class or slice:
// knobs, knobs-deployment, ...), --json FILE (write the numbers), --repos OWNER/NAME,... (only those repositories: the
// held-out set, for example).
import * as fs from 'fs';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { Glossary } from '../../server/src/core/glossary';
import { analyzeDocument, Mention } from '../../server/src/core/mentions';
import type { Region } from '../../server/src/core/regions';
import { nodeFileSystem } from '../../server/src/glossary/fileSystem';
import { loadGlossary } from '../../server/src/glossary/load';
import { readGlossaryMeta } from '../../server/src/glossary/meta';
import { CorpusFile, isDeploymentFile, lineStartsOf, loadCorpus, Probe, ProbeClass, probeSpan, ROOT } from './corpus';

const CLASSES: ProbeClass[] = ['markdown', 'yaml', 'comment', 'docstring'];
/** The audit also samples exact-name matches (knobs, metrics) as a class of their own. */
type AuditClass = ProbeClass | 'knobs';
const AUDIT_CLASSES: AuditClass[] = [...CLASSES, 'knobs'];
const AUDIT_FILE = path.join(ROOT, 'test', 'realtext', 'audit.yaml');
/**
 * Slices of the precision report: subsets of the audit classes, reported in their own rows besides the classes (the
 * judgements are the same; a slice only picks some). Each also names a pool for --draw-class.
 */
const SLICES: Record<string, { label: string; has: (m: Match) => boolean }> = {
  'knobs-deployment': {
    label: 'knob matches in deployment files (YAML, Helm templates, JSON, Dockerfiles, shell scripts, .env files)',
    has: (m) => m.class === 'knobs' && isDeploymentFile(m.corpusFile),
  },
};

type Cause =
  'no term in the glossary' | 'outside every region' | 'not matched (word form or spelling)' | 'another term matched';
interface Miss {
  probe: Probe;
  cause: Cause;
  found?: string;
}
interface Judgement {
  repo: string;
  file: string;
  line: number;
  surface: string;
  nth: number;
  terms: string[];
  class: AuditClass;
  verdict: 'correct' | 'wrong' | '?';
  by: string;
  note?: string;
}
interface Match {
  repo: string;
  file: string;
  line: number;
  surface: string;
  nth: number;
  terms: string[];
  class: AuditClass;
  start: number;
  end: number;
  corpusFile: CorpusFile;
}

/** Wilson score interval at 95%. */
export function wilson(successes: number, total: number): [number, number] {
  if (total === 0) return [0, 1];
  const z = 1.96;
  const p = successes / total;
  const centre = (p + (z * z) / (2 * total)) / (1 + (z * z) / total);
  const half = (z * Math.sqrt((p * (1 - p)) / total + (z * z) / (4 * total * total))) / (1 + (z * z) / total);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;
const keyOf = (j: Pick<Judgement, 'repo' | 'file' | 'line' | 'surface' | 'nth'>) =>
  `${j.repo}\u0000${j.file}\u0000${j.line}\u0000${j.surface}\u0000${j.nth}`;

function main(argv: string[]): void {
  const listMisses = argv.includes('--misses');
  const drawAt = argv.indexOf('--draw');
  const draw = drawAt >= 0 ? Number(argv[drawAt + 1]) : 0;
  const drawClassAt = argv.indexOf('--draw-class');
  const drawClass = drawClassAt >= 0 ? argv[drawClassAt + 1] : undefined;
  const drawClassCount = drawClassAt >= 0 ? Number(argv[drawClassAt + 2]) : 0;
  if (drawClass !== undefined && !(AUDIT_CLASSES as string[]).includes(drawClass) && !SLICES[drawClass])
    throw new Error(
      `--draw-class: no class or slice "${drawClass}"; known: ${[...AUDIT_CLASSES, ...Object.keys(SLICES)].join(', ')}`,
    );
  if (drawClass !== undefined && !(drawClassCount > 0))
    throw new Error('--draw-class NAME N: N must be a positive number');
  const jsonAt = argv.indexOf('--json');
  const jsonFile = jsonAt >= 0 ? argv[jsonAt + 1] : undefined;
  const reposAt = argv.indexOf('--repos');
  const repos = reposAt >= 0 ? new Set((argv[reposAt + 1] ?? '').split(',').filter(Boolean)) : undefined;

  const { glossary } = loadGlossary(
    nodeFileSystem,
    [{ name: 'bundled', folder: path.join(ROOT, 'terms') }],
    readGlossaryMeta(nodeFileSystem, ROOT),
  );
  const corpus = loadCorpus(repos);
  if (corpus.length === 0) throw new Error(`no labelled files${repos ? ` for ${[...repos].join(', ')}` : ''}`);

  const recall = new Map<string, { found: number; total: number }>();
  const misses: Miss[] = [];
  const forbidden: string[] = [];
  const matches: Match[] = [];
  for (const file of corpus) {
    const { regions, mentions } = analyzeDocument(glossary, file.languageId, file.text);
    const lineStarts = lineStartsOf(file.text);
    for (const probe of file.probes) {
      const span = probeSpan(file, probe, lineStarts);
      const hits = mentions.filter((m) => overlaps(m, span));
      if (probe.term === 'none') {
        for (const m of hits)
          forbidden.push(
            `${probe.repo}/${probe.file}:${probe.line}: "${file.text.slice(m.start, m.end)}" (${m.termIds.join(',')}) inside "${probe.text}" (${probe.why ?? 'must not match'})`,
          );
        continue;
      }
      const bucket = probe.knob ? 'knobs' : probe.class;
      const tally = recall.get(bucket) ?? { found: 0, total: 0 };
      recall.set(bucket, tally);
      tally.total++;
      if (hits.some((m) => m.termIds.includes(probe.term))) tally.found++;
      else misses.push({ probe, ...missCause(glossary, probe, span, regions, hits, file.text) });
    }
    matches.push(...matchesInLabelledLines(file, mentions, lineStarts));
  }

  const audit = readAudit();
  if (draw > 0) {
    const perClass = Math.ceil(draw / AUDIT_CLASSES.length);
    drawSample(
      audit,
      AUDIT_CLASSES.map((c) => ({ pool: matches.filter((m) => m.class === c), count: perClass })),
    );
  }
  if (drawClass !== undefined) {
    const has = SLICES[drawClass]?.has ?? ((m: Match) => m.class === drawClass);
    drawSample(audit, [{ pool: matches.filter(has), count: drawClassCount }]);
  }
  // Judgements of repositories left out with --repos are neither live nor stale here.
  const scanned = new Set(corpus.map((f) => f.repo));
  const inScope = { ...audit, judgements: audit.judgements.filter((j) => scanned.has(j.repo)) };
  report(recall, misses, forbidden, matches, inScope, listMisses, jsonFile);
}

function missCause(
  glossary: Glossary,
  probe: Probe,
  span: { start: number; end: number },
  regions: readonly Region[],
  hits: readonly Mention[],
  text: string,
): { cause: Cause; found?: string } {
  if (probe.term.startsWith('new:')) return { cause: 'no term in the glossary' };
  if (!glossary.get(probe.term))
    return { cause: 'no term in the glossary', found: `id ${probe.term} not in the glossary` };
  if (hits.length > 0)
    return {
      cause: 'another term matched',
      found: hits.map((m) => `"${text.slice(m.start, m.end)}" → ${m.termIds.join(',')}`).join('; '),
    };
  if (!regions.some((r) => r.start <= span.start && span.end <= r.end)) return { cause: 'outside every region' };
  return { cause: 'not matched (word form or spelling)' };
}

/** Every mention within a file's labelled lines, with the surface and its occurrence on the line (the audit's key). */
function matchesInLabelledLines(file: CorpusFile, mentions: readonly Mention[], lineStarts: number[]): Match[] {
  const [from, to] = file.lines ?? [1, lineStarts.length];
  const out: Match[] = [];
  for (const m of mentions) {
    let line = 1;
    while (line < lineStarts.length && lineStarts[line] <= m.start) line++;
    if (line < from || line > to) continue;
    const surface = file.text.slice(m.start, m.end);
    const before = file.text.slice(lineStarts[line - 1], m.start);
    let nth = 1;
    for (let at = before.indexOf(surface); at >= 0; at = before.indexOf(surface, at + 1)) nth++;
    const probeClass: AuditClass = m.knobs
      ? 'knobs'
      : file.probes.find((p) => p.line === line && p.class === 'docstring')
        ? 'docstring'
        : file.languageId === 'markdown'
          ? 'markdown'
          : file.languageId === 'yaml'
            ? 'yaml'
            : 'comment';
    out.push({
      repo: file.repo,
      file: file.path,
      line,
      surface,
      nth,
      terms: [...m.termIds],
      class: probeClass,
      start: m.start,
      end: m.end,
      corpusFile: file,
    });
  }
  return out;
}

function readAudit(): { seed: number; judgements: Judgement[] } {
  if (!fs.existsSync(AUDIT_FILE)) return { seed: 20261126, judgements: [] };
  const data = parse(fs.readFileSync(AUDIT_FILE, 'utf8')) as { seed: number; judgements?: Judgement[] };
  return { seed: data.seed, judgements: data.judgements ?? [] };
}

/**
 * Adds random matches not judged yet: `count` from each of the pools in turn (--draw: one pool per class; --draw-class:
 * one class or slice). Seeded by the audit's seed and its number of judgements, so the same draw on the same audit
 * picks the same matches. A match the labels already decide is judged by them: it covers a positive probe of the same
 * term (correct) or lies in a must-not-match span (wrong); the rest get verdict "?" for a person to judge.
 */
function drawSample(
  audit: { seed: number; judgements: Judgement[] },
  pools: readonly { pool: readonly Match[]; count: number }[],
): void {
  const judged = new Set(audit.judgements.map(keyOf));
  let state = audit.seed + audit.judgements.length;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (const { pool: matches, count } of pools) {
    const pool = matches.filter((m) => !judged.has(keyOf(m)));
    for (let i = 0; i < count && pool.length > 0; i++) {
      const [m] = pool.splice(Math.floor(random() * pool.length), 1);
      const spans = m.corpusFile.probes
        .map((p) => ({ p, span: probeSpan(m.corpusFile, p, lineStartsOf(m.corpusFile.text)) }))
        .filter(({ span }) => overlaps(span, m));
      const positive = spans.find(({ p }) => p.term !== 'none' && m.terms.includes(p.term));
      const negative = spans.find(({ p }) => p.term === 'none');
      const verdict = positive ? 'correct' : negative ? 'wrong' : '?';
      judged.add(keyOf(m));
      audit.judgements.push({
        repo: m.repo,
        file: m.file,
        line: m.line,
        surface: m.surface,
        nth: m.nth,
        terms: m.terms,
        class: m.class,
        verdict,
        by: verdict === '?' ? '' : 'label',
        ...(negative && !positive ? { note: negative.p.why ?? 'must-not-match span' } : {}),
      });
    }
  }
  fs.writeFileSync(
    AUDIT_FILE,
    `# Precision audit: random matches of the scanner over the labelled spans, each judged once (see README.md).\n${stringify(audit, { lineWidth: 0 })}`,
  );
}

function report(
  recall: Map<string, { found: number; total: number }>,
  misses: Miss[],
  forbidden: string[],
  matches: Match[],
  audit: { judgements: Judgement[] },
  listMisses: boolean,
  jsonFile?: string,
): void {
  const pct = (x: number) => x.toFixed(3);
  const row = (name: string, ok: number, total: number) => {
    const [lo, hi] = wilson(ok, total);
    return `  ${name.padEnd(16)} ${String(ok).padStart(5)} / ${String(total).padEnd(5)} ${total ? pct(ok / total) : '  -  '}  [${pct(lo)}, ${pct(hi)}]`;
  };
  const out: string[] = ['Recall: positive probes found with their term (95% Wilson interval)'];
  let found = 0;
  let total = 0;
  for (const name of [...CLASSES, 'knobs']) {
    const t = recall.get(name) ?? { found: 0, total: 0 };
    out.push(row(name, t.found, t.total));
    if (name !== 'knobs') {
      found += t.found;
      total += t.total;
    }
  }
  out.push(row('all prose', found, total));

  out.push('', 'Misses by cause (knob probes included):');
  const byCause = new Map<Cause, Miss[]>();
  for (const miss of misses) byCause.set(miss.cause, [...(byCause.get(miss.cause) ?? []), miss]);
  for (const [cause, list] of [...byCause].sort((a, b) => b[1].length - a[1].length)) {
    const tally = new Map<string, number>();
    for (const m of list) {
      const key = cause === 'no term in the glossary' ? m.probe.term : `"${m.probe.text}" (${m.probe.term})`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    const top = [...tally]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([k, n]) => `${k} ×${n}`)
      .join(', ');
    out.push(`  ${cause}: ${list.length}`, `    ${top}`);
  }
  if (listMisses)
    for (const m of misses)
      out.push(
        `  MISS ${m.cause}: ${m.probe.repo}/${m.probe.file}:${m.probe.line} "${m.probe.text}" (${m.probe.term})${m.probe.knob ? ' [knob]' : ''}${m.found ? ` — ${m.found}` : ''}`,
      );

  out.push('', `Must-not-match probes matched: ${forbidden.length}`, ...forbidden.map((f) => `  ${f}`));

  const current = new Map(matches.map((m) => [keyOf(m), m]));
  const live = audit.judgements.filter((j) => current.has(keyOf(j)) && j.verdict !== '?');
  out.push('', 'Precision: judged random matches that the scanner still makes (95% Wilson interval)');
  let ok = 0;
  for (const probeClass of AUDIT_CLASSES) {
    // By what the match is now (a name matched where prose matched before counts as a knob).
    const judged = live.filter((j) => current.get(keyOf(j))!.class === probeClass);
    const correct = judged.filter((j) => j.verdict === 'correct').length;
    ok += correct;
    out.push(row(probeClass, correct, judged.length));
  }
  out.push(row('all', ok, live.length));
  const slices: Record<string, { judged: number; correct: number; precision: number | null; interval: number[] }> = {};
  for (const [name, slice] of Object.entries(SLICES)) {
    const judged = live.filter((j) => slice.has(current.get(keyOf(j))!));
    const correct = judged.filter((j) => j.verdict === 'correct').length;
    out.push(`${row(name, correct, judged.length)}  ${slice.label}`);
    slices[name] = {
      judged: judged.length,
      correct,
      precision: judged.length ? correct / judged.length : null,
      interval: wilson(correct, judged.length),
    };
  }
  const pending = audit.judgements.filter((j) => j.verdict === '?' && current.has(keyOf(j))).length;
  const stale = audit.judgements.filter((j) => !current.has(keyOf(j))).length;
  const unjudged = matches.filter((m) => !audit.judgements.some((j) => keyOf(j) === keyOf(m))).length;
  out.push(
    `  ${pending} drawn but not judged yet (verdict "?" in audit.yaml); ${stale} judged matches the scanner no longer makes; ${unjudged} of ${matches.length} current matches never drawn (--draw N adds some)`,
  );
  for (const wrong of live.filter((j) => j.verdict === 'wrong'))
    out.push(
      `  WRONG ${wrong.repo}/${wrong.file}:${wrong.line} "${wrong.surface}" (${wrong.terms.join(',')})${wrong.note ? ` — ${wrong.note}` : ''}`,
    );
  process.stdout.write(`${out.join('\n')}\n`);

  if (jsonFile) {
    const classes = Object.fromEntries([...recall].map(([k, v]) => [k, v]));
    fs.writeFileSync(
      jsonFile,
      `${JSON.stringify({ recall: classes, misses: misses.length, forbidden: forbidden.length, judged: live.length, correct: ok, slices }, null, 2)}\n`,
    );
  }
}

try {
  main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`eval: ${(error as Error).message}\n`);
  process.exitCode = 2;
}
