/**
 * Glossary text comes from repositories users clone, so it is shown as plain Markdown only: raw HTML is
 * escaped and links that would run commands or scripts are reduced to their text. The only links in a
 * hover are the ones built above.
 */
export function sanitizeGlossaryMarkdown(markdown: string): string {
  return markdown
    .replace(/</g, '&lt;')
    .replace(/\[([^\]]*)\]\(\s*<?(?:command|javascript|vbscript|data):(?:[^()]|\([^()]*\))*\)/gi, '$1')
    .replace(/\b(?:command|javascript|vbscript):[^\s)]*/gi, '');
}
