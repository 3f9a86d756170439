// The real-text corpus: probe files (our labels) and the labelled files themselves, extracted from local snapshots
// of public repositories at pinned commits into .realtext/ (never committed; see README.md here).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { languageOfPath } from '../../server/src/core/languages';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const PROBES_DIR = path.join(ROOT, 'test', 'realtext', 'probes');
export const EXTRACTED_DIR = path.join(ROOT, '.realtext');

export type ProbeClass = 'markdown' | 'yaml' | 'comment' | 'docstring';

export interface Probe {
  repo: string;
  file: string;
  line: number; // 1-based
  text: string;
  nth: number;
  /** Term id, 'none' for a must-not-match span, or 'new:<id>' for a concept the glossary lacks. */
  term: string;
  knob?: string;
  class: ProbeClass;
  why?: string;
}

export interface CorpusFile {
  repo: string;
  path: string;
  languageId: string;
  text: string;
  /** Labelled lines, 1-based inclusive; the whole file when absent. */
  lines?: [number, number];
  probes: Probe[];
}

interface ProbeFile {
  repo: string;
  commit: string;
  license: string;
  files: Record<
    string,
    {
      lines?: 'all' | [number, number];
      probes: (Omit<Probe, 'repo' | 'file' | 'class' | 'nth'> & { nth?: number; class?: ProbeClass })[];
    }
  >;
}

/** Where the snapshot of a repository is: $REALTEXT_MIRROR/<owner>+<name>/repo (the fetch tool's layout). */
function snapshotOf(repo: string): string {
  const mirror = process.env.REALTEXT_MIRROR ?? '/work/.mirror';
  return path.join(mirror, repo.replace('/', '+'), 'repo');
}

function classOf(file: string, explicit?: ProbeClass): ProbeClass {
  if (explicit) return explicit;
  const language = languageOfPath(file);
  return language === 'markdown' ? 'markdown' : language === 'yaml' ? 'yaml' : 'comment';
}

/**
 * Every labelled file with its probes. Files are extracted from the snapshots on first use (and kept in .realtext/);
 * a missing snapshot is an error that says how to bring it. With `repos`, only those repositories' files.
 */
export function loadCorpus(repos?: ReadonlySet<string>): CorpusFile[] {
  const corpus: CorpusFile[] = [];
  const concepts = newConcepts();
  for (const name of fs
    .readdirSync(PROBES_DIR)
    .filter((n) => n.endsWith('.yaml'))
    .sort()) {
    const probeFile = parse(fs.readFileSync(path.join(PROBES_DIR, name), 'utf8')) as ProbeFile;
    const { repo, commit } = probeFile;
    if (repos && !repos.has(repo)) continue;
    for (const [file, entry] of Object.entries(probeFile.files)) {
      const text = extract(repo, commit, file);
      const languageId = languageOfPath(file);
      if (!languageId) throw new Error(`${repo}/${file}: no language for this file type`);
      corpus.push({
        repo,
        path: file,
        languageId,
        text,
        lines: Array.isArray(entry.lines) ? entry.lines : undefined,
        probes: entry.probes.map((p) => ({
          ...p,
          repo,
          file,
          nth: p.nth ?? 1,
          class: classOf(file, p.class),
          term: resolveConcept(String(p.term), concepts),
        })),
      });
    }
  }
  return corpus;
}

/**
 * Where the concepts labelled `new:<id>` went once the glossary grew (test/realtext/new-concepts.yaml): the term
 * that now covers each. The labels themselves never change; a concept without an entry stays a miss.
 */
function newConcepts(): Map<string, string> {
  const file = path.join(ROOT, 'test', 'realtext', 'new-concepts.yaml');
  if (!fs.existsSync(file)) return new Map();
  const data = parse(fs.readFileSync(file, 'utf8')) as { covered_by?: Record<string, string> };
  return new Map(Object.entries(data.covered_by ?? {}));
}

function resolveConcept(term: string, concepts: ReadonlyMap<string, string>): string {
  return term.startsWith('new:') ? (concepts.get(term.slice(4)) ?? term) : term;
}

function extract(repo: string, commit: string, file: string): string {
  const target = path.join(EXTRACTED_DIR, repo.replace('/', '__'), commit.slice(0, 12), file);
  if (fs.existsSync(target)) return fs.readFileSync(target, 'utf8');
  const snapshot = snapshotOf(repo);
  if (!fs.existsSync(snapshot)) {
    throw new Error(
      `no snapshot of ${repo} at ${snapshot}: bring it with the search library's fetch (github:${repo}) or point REALTEXT_MIRROR at a folder of <owner>+<name>/repo git directories`,
    );
  }
  const text = execFileSync('git', ['--git-dir', snapshot, 'show', `${commit}:${file}`], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
  return text;
}

/** Offsets of a probe's span in its file: the nth occurrence of its text on its line. */
export function probeSpan(file: CorpusFile, probe: Probe, lineStarts: number[]): { start: number; end: number } {
  const lineStart = lineStarts[probe.line - 1];
  if (lineStart === undefined) throw new Error(`${probe.repo}/${probe.file}:${probe.line}: no such line`);
  const lineEnd = probe.line < lineStarts.length ? lineStarts[probe.line] : file.text.length;
  const line = file.text.slice(lineStart, lineEnd);
  let at = -1;
  for (let i = 0; i < probe.nth; i++) {
    at = line.indexOf(probe.text, at + 1);
    if (at < 0)
      throw new Error(
        `${probe.repo}/${probe.file}:${probe.line}: "${probe.text}" (occurrence ${probe.nth}) is not on this line`,
      );
  }
  return { start: lineStart + at, end: lineStart + at + probe.text.length };
}

/**
 * Deployment files, the "knobs in deployment files" slice of the precision report: what an engineer writes to run an
 * engine rather than to document or implement it. By language: YAML (Kubernetes manifests, Helm values, compose
 * files), Helm templates, JSON (dashboards, configs), Dockerfiles and shell scripts; by name: .env-like files
 * (`.env`, `.env.local`, `vllm.env`), which have no language of their own.
 */
export const DEPLOYMENT_LANGUAGES: ReadonlySet<string> = new Set(['yaml', 'helm', 'json', 'dockerfile', 'shellscript']);

export function isDeploymentFile(file: Pick<CorpusFile, 'languageId' | 'path'>): boolean {
  const name = file.path.split('/').pop()!.toLowerCase();
  return DEPLOYMENT_LANGUAGES.has(file.languageId) || /^\.env(\..+)?$|\.env$/.test(name);
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
