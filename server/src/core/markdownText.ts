// Small pieces of Markdown the hover and completion texts are built from.

/** Glossary text placed inline in generated Markdown, with the characters that would format it escaped. */
export function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`);
}

/**
 * A link to a source, labelled by its host and last path part. Only https URLs become links (the parser accepts no
 * others), with characters that could break the Markdown link percent-encoded.
 */
export function sourceLink(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:') return undefined;
  const last = safeDecode(parsed.pathname.split('/').filter(Boolean).pop() ?? '');
  // On GitHub the repository says more than the host: "vllm-project/vllm …/cache.py".
  const repo = parsed.hostname === 'github.com' ? parsed.pathname.split('/').slice(1, 3).join('/') : '';
  const site = repo || parsed.hostname.replace(/^www\./, '');
  const label = escapeInline(`${site}${last && !site.endsWith(last) ? ` …/${last.slice(0, 40)}` : ''}`);
  return `[${label}](${parsed.href.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})`;
}

/** A path part as written; a malformed escape stays as it is. */
function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
