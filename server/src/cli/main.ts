import * as fs from 'fs';
import * as path from 'path';
import { frontMatterGrammar } from '../core/frontMatterGrammar';
import { bundledRoot, loadCliGlossary, readMeta, unusableFolder } from './context';
import { Format, formatFindings, summaryLine } from './formats';
import { lint, LintCommandOptions } from './lint';
import { expandPaths, scanFiles } from './scan';
import { formatCandidates, suggest } from './suggest';

const USAGE = `llm-glossary — the LLM Deployment Glossary on the command line

  llm-glossary lint [--no-quality] [--max-review-age DAYS] [FOLDER...]
      Check term files (default: the bundled glossary). Besides their shape, warns about entries without sources,
      reviews older than DAYS (365; 0 turns the check off) and stub sections, unless --no-quality. Exit 1 on errors.
  llm-glossary scan [--glossary DIR]... [--format text|json|sarif] PATH...
      Print every mention of a glossary term in files (folders are searched; .ipynb notebooks are read cell by
      cell). A summary line goes to stderr.
  llm-glossary check [--glossary DIR]... [--engine-version ENGINE=VERSION]... [--format text|json|sarif] PATH...
      Report terms written differently from the glossary, deprecated terms, and engine flags, variables and
      metrics that were removed or deprecated (in the targeted ENGINE VERSION, e.g. vllm=0.11, when given; else
      in any version) or that need a later version than the targeted one. Exit 1 when any is found.
  llm-glossary suggest [--glossary DIR]... [--min N] [--format text|json] PATH...
      List names the files use and the glossary lacks (acronyms, type names, capitalised phrases, other word
      forms of terms), most frequent first, each with an example line: candidates for new terms or aliases.
  llm-glossary grammar [--write]
      Print (or write to syntaxes/) the TextMate grammar generated from the schema and taxonomy.

  Bad input exits 2 with the reason on stderr: a FOLDER or --glossary DIR that is missing or not a folder, a term
  file in DIR that could not be loaded, a PATH that names nothing, a file that could not be analysed.
`;

interface Options {
  glossaryPaths: string[];
  format: Format;
  paths: string[];
  minCount: number;
  engineVersions: Record<string, string>;
}

function parseOptions(args: string[]): Options | string {
  const options: Options = { glossaryPaths: [], format: 'text', paths: [], minCount: 2, engineVersions: {} };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--glossary') {
      const folder = args[++i];
      if (!folder) return '--glossary needs a folder';
      options.glossaryPaths.push(folder);
    } else if (arg === '--min') {
      options.minCount = Number(args[++i]);
      if (!Number.isInteger(options.minCount) || options.minCount < 1)
        return '--min needs a whole number of occurrences';
    } else if (arg === '--engine-version') {
      const match = /^([a-z0-9][a-z0-9._-]*)=(v?\d+(?:\.\d+){0,3})$/.exec(args[++i] ?? '');
      if (!match) return '--engine-version needs ENGINE=VERSION, such as vllm=0.11';
      options.engineVersions[match[1]] = match[2];
    } else if (arg === '--format') {
      const format = args[++i];
      if (format !== 'text' && format !== 'json' && format !== 'sarif')
        return `unknown --format "${format}": use text, json or sarif`;
      options.format = format;
    } else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else options.paths.push(arg);
  }
  return options.paths.length > 0 ? options : 'name at least one file or folder';
}

function suggestCommand(args: string[]): number {
  const options = parseOptions(args);
  if (typeof options === 'string' || options.format === 'sarif') {
    process.stderr.write(`${typeof options === 'string' ? options : 'suggest writes text or json'}\n\n${USAGE}`);
    return 2;
  }
  const { glossary, errors } = loadCliGlossary(options.glossaryPaths);
  const files = expandPaths(options.paths);
  const candidates = suggest(glossary, files, options.minCount);
  process.stdout.write(formatCandidates(candidates, options.format, glossary));
  return errors > 0 || files.missing > 0 ? 2 : 0;
}

async function scanCommand(args: string[], mode: 'mentions' | 'hints'): Promise<number> {
  const options = parseOptions(args);
  if (typeof options === 'string') {
    process.stderr.write(`${options}\n\n${USAGE}`);
    return 2;
  }
  const { glossary, errors } = loadCliGlossary(options.glossaryPaths);
  const files = expandPaths(options.paths);
  const result = await scanFiles(glossary, files, mode, options.engineVersions);
  process.stdout.write(formatFindings(result.findings, options.format, glossary));
  if (result.failed > 0)
    process.stderr.write(`llm-glossary: ${result.failed} file(s) could not be analysed (named above)
`);
  process.stderr.write(summaryLine(mode === 'hints' ? 'check' : 'scan', result));
  // 2 for bad input (a --glossary folder or term file, a path that names nothing, a file that failed), else 1 for
  // findings of check.
  if (result.failed > 0 || errors > 0 || files.missing > 0) return 2;
  return mode === 'hints' && result.findings.length > 0 ? 1 : 0;
}

function lintCommand(args: string[]): number {
  const options: LintCommandOptions = { folders: [], quality: true };
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--no-quality') options.quality = false;
    else if (args[i] === '--max-review-age') {
      const days = Number(args[++i]);
      if (!Number.isInteger(days) || days < 0) {
        process.stderr.write(`--max-review-age needs a whole number of days\n\n${USAGE}`);
        return 2;
      }
      options.maxReviewAgeDays = days;
    } else if (args[i].startsWith('--')) {
      process.stderr.write(`unknown option ${args[i]}\n\n${USAGE}`);
      return 2;
    } else options.folders.push(args[i]);
  }
  const unusable = options.folders.flatMap((folder) => {
    const why = unusableFolder(folder);
    return why ? [`llm-glossary lint: ${folder}: ${why}`] : [];
  });
  if (unusable.length > 0) {
    process.stderr.write(unusable.map((line) => `${line}\n`).join(''));
    return 2;
  }
  return lint(options);
}

function grammar(args: string[]): number {
  const json = `${JSON.stringify(frontMatterGrammar(readMeta().categories.map((c) => c.id)), null, 2)}\n`;
  if (args.includes('--write'))
    fs.writeFileSync(path.join(bundledRoot, 'syntaxes', 'glossary-frontmatter.tmLanguage.json'), json);
  else process.stdout.write(json);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'lint') return lintCommand(rest);
  if (command === 'scan') return scanCommand(rest, 'mentions');
  if (command === 'check') return scanCommand(rest, 'hints');
  if (command === 'suggest') return suggestCommand(rest);
  if (command === 'grammar') return grammar(rest);
  process.stdout.write(USAGE);
  return command === undefined || command === '--help' || command === '-h' ? 0 : 2;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    process.stderr.write(`llm-glossary: ${error.stack ?? error.message}\n`);
    process.exitCode = 2;
  },
);
