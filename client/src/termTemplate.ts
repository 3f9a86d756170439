// Pure helpers of the New Term command (no vscode import, so unit tests can load them).

/** Lower-case kebab-case id from a term name: "Time to First Token (TTFT)" → "time-to-first-token-ttft". */
export function termIdFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The template with the new term's id and title filled in. */
export function fillTemplate(template: string, id: string, title: string): string {
  const yamlTitle = /^[\w][\w .()/+-]*$/.test(title) ? title : JSON.stringify(title);
  return template.replace(/^id: .*$/m, `id: ${id}`).replace(/^title: .*$/m, `title: ${yamlTitle}`);
}
