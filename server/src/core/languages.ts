import { Language, LANGUAGES, ProseFinder } from '../../shared/languages';

const byId = new Map(LANGUAGES.map((l) => [l.id, l]));
const byExtension = new Map(LANGUAGES.flatMap((l) => (l.extensions ?? []).map((e) => [e, l] as const)));
const byFileName = new Map(LANGUAGES.flatMap((l) => (l.fileNames ?? []).map((n) => [n, l] as const)));
const byAlias = new Map(
  LANGUAGES.flatMap((l) => [...(l.aliases ?? []), ...(l.vscodeAliases ?? [])].map((a) => [a, l] as const)),
);
const inFolder = LANGUAGES.filter((l) => l.inFolder);

/** The language of a file name, for tools that read files without an editor ("Dockerfile.dev" → dockerfile). */
export function languageOfPath(filePath: string): string | undefined {
  // A build template (config.h.in, Makefile.in) is written in the language of what it becomes.
  const name = filePath
    .split(/[\\/]/)
    .pop()!
    .toLowerCase()
    .replace(/(.)\.in$/, '$1');
  const segments = filePath.split(/[\\/]/);
  const folder = segments.length > 1 ? segments[segments.length - 2].toLowerCase() : undefined;
  const dotAt = name.lastIndexOf('.');
  const extension = dotAt >= 0 ? name.slice(dotAt + 1) : undefined;
  const foldered = inFolder.find((l) => l.inFolder!.folder === folder && l.inFolder!.extensions.includes(extension!));
  if (foldered) return foldered.id;
  const named = byFileName.get(name) ?? [...byFileName].find(([fileName]) => name.startsWith(`${fileName}.`))?.[1];
  if (named) return named.id;
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? byExtension.get(name.slice(dot + 1))?.id : undefined;
}

/**
 * The language the server reads a document in: the editor's id, canonical, except where the file's place says more
 * (a YAML file in a Helm chart's templates/ folder is a Helm template, whose `{{ }}` actions are not YAML).
 */
export function languageOfDocument(filePath: string, languageId: string): string {
  const canonical = canonicalLanguageId(languageId);
  if (canonical !== 'yaml') return canonical;
  return languageOfPath(filePath) === 'helm' ? 'helm' : canonical;
}

/** The language id the server knows for an id some editor sent: "sh" → "shellscript", "c++" → "cpp". */
export function canonicalLanguageId(languageId: string): string {
  if (byId.has(languageId)) return languageId;
  const lower = languageId.toLowerCase();
  return byId.get(lower)?.id ?? byAlias.get(lower)?.id ?? languageId;
}

export function proseFinderOf(languageId: string): ProseFinder | undefined {
  return byId.get(languageId)?.prose;
}

/** docs, config or code (see Language.family); unknown languages count as code. */
export function familyOf(languageId: string): Language['family'] {
  return byId.get(languageId)?.family ?? 'code';
}
