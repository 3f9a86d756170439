// 1. Scan throughput of the core matcher over the 20 MB mixed corpus, side by side with ripgrep on the same
//    file and the same surface forms; and the build time of the matcher.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Glossary } from '../server/src/core/glossary';
import { SurfaceMatcher } from '../server/src/core/matcher';
import type { Context } from './context';
import { ensureRipgrep, mb, median, now, Row, timeRuns } from './lib';

const SECTION = '1 matcher';

export function benchMatcher(ctx: Context): Row[] {
  const { text, file } = ctx.corpus;
  const bytes = fs.statSync(file).size;
  const rows: Row[] = [
    {
      section: SECTION,
      name: 'corpus size (mixed prose, code comments, YAML)',
      value: mb(bytes),
      unit: 'MB',
      note: path.relative(process.cwd(), file),
    },
  ];
  const ripgrep = ensureRipgrep();
  if (ripgrep.reason) console.error(`bench: skipping the ripgrep comparison: ${ripgrep.reason}`);
  const raw: Record<string, unknown> = {};

  for (const [label, loaded] of [
    ['bundled', ctx.bundled],
    ['10k', ctx.synthetic],
  ] as const) {
    const { glossary } = loaded;
    const forms = glossary.forms;
    const buildTimes = timeRuns(ctx.runs, () => new SurfaceMatcher(forms));
    const glossaryTimes = timeRuns(ctx.runs, () => new Glossary([[...glossary.terms.values()]]));
    rows.push({
      section: SECTION,
      name: `${label}: terms / surface forms`,
      value: glossary.terms.size,
      unit: 'terms',
      note: `${forms.length} surface forms`,
    });
    rows.push({
      section: SECTION,
      name: `${label}: matcher build (new SurfaceMatcher)`,
      value: median(buildTimes),
      unit: 'ms',
      note: `new Glossary (matcher + completion index): ${median(glossaryTimes).toFixed(1)} ms`,
    });

    // What the server runs (findMentions visits each match), and what `rg -c` does: find and count, keep nothing.
    let matches = 0;
    const count = () => void matches++;
    const scanTimes = timeRuns(ctx.runs, () => {
      matches = 0;
      glossary.matcher.forEachMatch(text, 0, text.length, count);
    });
    const ours = mb(bytes) / (median(scanTimes) / 1000);
    rows.push({
      section: SECTION,
      name: `${label}: matcher.forEachMatch throughput`,
      value: ours,
      unit: 'MB/s',
      note: `median of ${ctx.runs}: ${median(scanTimes).toFixed(0)} ms, ${matches} matches`,
    });
    const objectTimes = timeRuns(ctx.runs, () => glossary.matcher.scan(text).length);
    rows.push({
      section: SECTION,
      name: `${label}: matcher.scan throughput (a Match object per match, all kept)`,
      value: mb(bytes) / (median(objectTimes) / 1000),
      unit: 'MB/s',
    });

    let rgMBs: number | null = null;
    if (ripgrep.rg) {
      const rg = runRipgrep(
        ripgrep.rg,
        forms.map((f) => f.text),
        file,
        ctx.runs,
      );
      rgMBs = mb(bytes) / (rg.netMs / 1000);
      raw[label] = { scanMs: scanTimes, scanObjectsMs: objectTimes, buildMs: buildTimes, rg };
      rows.push({
        section: SECTION,
        name: `${label}: ripgrep -c -i -F -f FORMS throughput`,
        value: rgMBs,
        unit: 'MB/s',
        note: `median ${rg.wallMs.toFixed(1)} ms wall − ${rg.startupMs.toFixed(1)} ms start-up (same forms, empty file); ${rg.matchingLines} matching lines`,
      });
      // For context: without -i ripgrep stays on its literal fast path even with 30k forms.
      const exact = runRipgrep(
        ripgrep.rg,
        forms.map((f) => f.text),
        file,
        Math.min(ctx.runs, 3),
        false,
      );
      rows.push({
        section: SECTION,
        name: `${label}: ripgrep -c -F (case-sensitive, context only)`,
        value: mb(bytes) / (exact.netMs / 1000),
        unit: 'MB/s',
        note: `ours / this: ${(ours / (mb(bytes) / (exact.netMs / 1000))).toFixed(2)}×`,
      });
      raw[`${label}-rg-case-sensitive`] = exact;
    }
    rows.push({
      section: SECTION,
      name: `${label}: ratio ours / ripgrep`,
      value: rgMBs === null ? null : ours / rgMBs,
      unit: '×',
      target: { op: '>=', limit: 0.5 },
      note: ripgrep.reason,
    });
  }

  // Where the time goes: the per-character loop alone (no forms), and a bare charCodeAt loop as the JS ceiling.
  const empty = new SurfaceMatcher([]);
  const emptyMs = median(timeRuns(ctx.runs, () => empty.scan(text)));
  rows.push({
    section: SECTION,
    name: 'diagnosis: scan with an empty glossary (word-start loop only)',
    value: mb(bytes) / (emptyMs / 1000),
    unit: 'MB/s',
  });
  let sink = 0;
  const loopMs = median(
    timeRuns(ctx.runs, () => {
      for (let i = 0; i < text.length; i++) sink = (sink + text.charCodeAt(i)) | 0;
    }),
  );
  rows.push({
    section: SECTION,
    name: 'diagnosis: bare charCodeAt loop (JS ceiling)',
    value: mb(bytes) / (loopMs / 1000),
    unit: 'MB/s',
  });
  ctx.raw.matcher = { ...raw, loopChecksum: sink }; // the checksum keeps the loop from being optimised away
  return rows;
}

/** Median wall time of `rg -c -i -F -f FORMS file`, and of the same command on an empty file (start-up + pattern compile). */
function runRipgrep(rg: string, forms: readonly string[], file: string, runs: number, ignoreCase = true) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glossary-bench-rg-'));
  const formsFile = path.join(dir, 'forms.txt');
  const emptyFile = path.join(dir, 'empty.txt');
  fs.writeFileSync(formsFile, [...new Set(forms)].join('\n') + '\n');
  fs.writeFileSync(emptyFile, '');
  const time = (target: string) => {
    const t0 = now();
    const result = spawnSync(
      rg,
      [
        '--regex-size-limit',
        '2G',
        '--dfa-size-limit',
        '2G',
        '-c',
        ...(ignoreCase ? ['-i'] : []),
        '-F',
        '-f',
        formsFile,
        target,
      ],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      },
    );
    const ms = now() - t0;
    if (result.status !== 0 && result.status !== 1) throw new Error(`rg failed: ${result.stderr}`);
    return { ms, count: Number(result.stdout.trim() || 0) };
  };
  time(file); // warm the page cache
  const wall = Array.from({ length: runs }, () => time(file).ms);
  const startup = Array.from({ length: runs }, () => time(emptyFile).ms);
  const matchingLines = time(file).count;
  fs.rmSync(dir, { recursive: true, force: true });
  const wallMs = median(wall);
  const startupMs = median(startup);
  return { wallMs, startupMs, netMs: Math.max(wallMs - startupMs, 0.1), matchingLines, wall, startup };
}
