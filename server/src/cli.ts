import * as fs from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { frontMatterGrammar } from './core/frontMatterGrammar';
import { Glossary } from './core/glossary';
import { languageOfPath } from './core/languageOfPath';
import { lintGlossary, parseWordList } from './core/lint';
import { analyzeDocument } from './core/mentions';
import { parseTaxonomy } from './core/taxonomy';
import { isInside, readGlossaryFiles } from './glossaryStore';
import { findBundledGlossary, resolveLayers } from './settings';

const USAGE = `llm-glossary — the LLM Deployment Glossary on the command line

  llm-glossary lint [FOLDER...]          check term files (default: the bundled terms/); exit 1 on errors
  llm-glossary scan [--glossary DIR]... FILE...
                                         print every glossary mention: path:line:col<TAB>surface<TAB>term id
`;

const bundledRoot = findBundledGlossary(__dirname);
const log = (message: string) => process.stderr.write(`${message}\n`);

function readMeta() {
  const meta = path.join(bundledRoot, '_meta');
  const taxonomy = parseTaxonomy(fs.readFileSync(path.join(meta, 'taxonomy.md'), 'utf8'));
  const commonWords = fs.existsSync(path.join(meta, 'common-words.txt')) ? parseWordList(fs.readFileSync(path.join(meta, 'common-words.txt'), 'utf8')) : undefined;
  return { categories: taxonomy.categories, commonWords };
}

function lint(folders: string[]): number {
  // A team folder is checked on top of the bundled glossary, so its related ids may point at bundled terms.
  const bundled = { name: 'bundled', folder: path.join(bundledRoot, 'terms') };
  const checked = folders.length > 0 ? folders.map((f) => ({ name: f, folder: path.resolve(f) })) : [bundled];
  const layers = folders.length > 0 ? [bundled, ...checked.filter((l) => l.folder !== bundled.folder)] : checked;
  const { categories, commonWords } = readMeta();
  const { files: allFiles, unreadable } = readGlossaryFiles(layers, log);
  const result = lintGlossary(allFiles, { categories: new Set(categories.map((c) => c.id)), commonWords });
  for (const [uri, problem] of unreadable) result.problems.set(uri, [problem]);
  const isChecked = (uri: string) => checked.some((l) => isInside(l.folder, URI.parse(uri).fsPath));
  for (const uri of [...result.problems.keys()]) if (!isChecked(uri)) result.problems.delete(uri);
  const files = allFiles.filter((f) => isChecked(f.uri));
  let errors = 0;
  let warnings = 0;
  for (const [uri, problems] of [...result.problems].sort(([a], [b]) => a.localeCompare(b))) {
    const shown = path.relative(process.cwd(), URI.parse(uri).fsPath);
    for (const p of [...problems].sort((a, b) => a.line - b.line)) {
      process.stdout.write(`${shown}:${p.line + 1}: ${p.severity}: ${p.message}\n`);
      if (p.severity === 'error') errors++;
      else warnings++;
    }
  }
  const terms = result.layers.flat().filter((t) => isChecked(t.source)).length;
  process.stdout.write(`lint: ${files.length + unreadable.size} file(s), ${terms} term(s), ${errors} error(s), ${warnings} warning(s)\n`);
  return errors > 0 ? 1 : 0;
}

function scan(args: string[]): number {
  const glossaryPaths: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--glossary') glossaryPaths.push(path.resolve(args[++i] ?? '.'));
    else files.push(args[i]);
  }
  const { categories, commonWords } = readMeta();
  const { files: termFiles } = readGlossaryFiles(resolveLayers(bundledRoot, glossaryPaths, []), log);
  const glossary = new Glossary(lintGlossary(termFiles, { commonWords }).layers, categories);
  let failures = 0;
  for (const file of files) {
    const languageId = languageOfPath(file);
    if (!languageId) {
      log(`${file}: skipped (not a language the glossary reads)`);
      continue;
    }
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      log(`${file}: ${(error as Error).message}`);
      failures++;
      continue;
    }
    const lineStarts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    let line = 0;
    for (const mention of analyzeDocument(glossary, languageId, text).mentions) {
      while (line + 1 < lineStarts.length && lineStarts[line + 1] <= mention.start) line++;
      const surface = text.slice(mention.start, mention.end).replace(/\s+/g, ' ');
      process.stdout.write(`${file}:${line + 1}:${mention.start - lineStarts[line] + 1}\t${surface}\t${mention.termIds.join(',')}\n`);
    }
  }
  return failures > 0 ? 2 : 0;
}

/** Prints (or with --write, writes) the front-matter TextMate grammar generated from the schema and taxonomy. */
function grammar(args: string[]): number {
  const json = `${JSON.stringify(frontMatterGrammar(readMeta().categories.map((c) => c.id)), null, 2)}\n`;
  if (!args.includes('--write')) process.stdout.write(json);
  else fs.writeFileSync(path.join(bundledRoot, 'syntaxes', 'glossary-frontmatter.tmLanguage.json'), json);
  return 0;
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === 'lint') return lint(rest);
  if (command === 'grammar') return grammar(rest);
  if (command === 'scan') return scan(rest);
  process.stdout.write(USAGE);
  return command === undefined || command === '--help' || command === '-h' ? 0 : 2;
}

process.exitCode = main(process.argv.slice(2));
