// Real repositories for the indexing and CLI floors: checkouts extracted from the local git snapshots of the
// real-text corpus (test/realtext/probes/*.yaml pin the commits) into a cache folder outside the repository.
// Nothing of them is ever committed here.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from './lib';

/** Where snapshots are: $REALTEXT_MIRROR/<owner>+<name>/repo (git directories), as for `npm run eval`. */
const MIRROR = process.env.REALTEXT_MIRROR ?? '/work/.mirror';
/** Extracted checkouts: $BENCH_CACHE or the system's temporary folder. */
export const CACHE = process.env.BENCH_CACHE ?? path.join(os.tmpdir(), 'llm-glossary-bench');

/** The commit the real-text corpus pins for a repository ("NVIDIA/gpu-operator"), or HEAD of the snapshot. */
function pinnedCommit(repo: string): string {
  const probes = path.join(ROOT, 'test', 'realtext', 'probes', `${repo.replace('/', '__')}.yaml`);
  const pinned = fs.existsSync(probes) ? /^commit:\s*([0-9a-f]{40})/m.exec(fs.readFileSync(probes, 'utf8')) : null;
  return pinned?.[1] ?? 'HEAD';
}

/**
 * A checkout of `repo` at its pinned commit (extracted once, then reused), or a reason why there is none. Blobs the
 * snapshot lacks (its largest files) are left out; symbolic links are not made.
 */
export function realRepository(repo: string): { dir: string; commit: string } | { reason: string } {
  const gitDir = path.join(MIRROR, repo.replace('/', '+'), 'repo');
  if (!fs.existsSync(gitDir))
    return { reason: `no snapshot of ${repo} at ${gitDir} (set REALTEXT_MIRROR to a folder of <owner>+<name>/repo)` };
  const commit = pinnedCommit(repo);
  const git = (args: string[], input?: string) =>
    spawnSync('git', ['--git-dir', gitDir, ...args], { input, maxBuffer: 1 << 30 });
  const resolved = git(['rev-parse', commit]).stdout?.toString().trim();
  if (!resolved) return { reason: `commit ${commit} is not in the snapshot of ${repo}` };
  const dir = path.join(CACHE, 'repos', `${repo.replace('/', '+')}@${resolved.slice(0, 12)}`);
  if (fs.existsSync(path.join(dir, '.bench-extracted'))) return { dir, commit: resolved };

  fs.rmSync(dir, { recursive: true, force: true });
  const entries = git(['ls-tree', '-r', '-z', resolved])
    .stdout.toString()
    .split('\0')
    .filter((e) => e !== '')
    .map((e) => {
      const [meta, file] = e.split('\t');
      const [mode, type, sha] = meta.split(' ');
      return { mode, type, sha, file };
    })
    .filter((e) => e.type === 'blob' && e.mode !== '120000');
  const batch = git(['cat-file', '--batch'], entries.map((e) => e.sha).join('\n') + '\n').stdout;
  let at = 0;
  for (const entry of entries) {
    const headerEnd = batch.indexOf(10, at);
    const header = batch.subarray(at, headerEnd).toString();
    at = headerEnd + 1;
    if (header.endsWith(' missing')) continue;
    const size = Number(header.split(' ')[2]);
    const target = path.join(dir, entry.file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, batch.subarray(at, at + size));
    at += size + 1;
  }
  fs.writeFileSync(path.join(dir, '.bench-extracted'), `${repo} ${resolved}\n`);
  return { dir, commit: resolved };
}

/** A workspace made of `copies` hard-linked copies of a checkout (for "the same repository, N times larger"). */
export function copiesOf(dir: string, copies: number): string {
  const target = `${dir}-x${copies}`;
  if (fs.existsSync(path.join(target, '.bench-extracted'))) return target;
  fs.rmSync(target, { recursive: true, force: true });
  for (let i = 0; i < copies; i++) {
    const copy = path.join(target, `copy-${i}`);
    const walk = (from: string, to: string) => {
      fs.mkdirSync(to, { recursive: true });
      for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
        const source = path.join(from, entry.name);
        if (entry.isDirectory()) walk(source, path.join(to, entry.name));
        else if (entry.isFile()) fs.linkSync(source, path.join(to, entry.name));
      }
    };
    walk(dir, copy);
  }
  fs.writeFileSync(path.join(target, '.bench-extracted'), `${copies} copies of ${dir}\n`);
  return target;
}
