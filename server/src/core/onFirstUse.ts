/**
 * A value made on first use and kept. The parsers (markdown-it, yaml, js-yaml) are loaded this way
 * so that starting the server, up to the initialize answer, does not pay for modules no request needed yet.
 */
export function onFirstUse<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
