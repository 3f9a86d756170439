/**
 * Environment changes for the server process (`undefined` removes a variable). With NODE_EXTRA_CA_CERTS set, as
 * behind many corporate proxies, Node reads and parses that certificate bundle before running any code: about
 * 40 ms of every start on the bench machine. The server never opens a network connection, so it goes without.
 *
 * (No V8 options: a 2 MB young generation saved 4 MB of idle RSS but made opening a 1 MB document 35 ms slower,
 * as markdown-it's tokens were copied from scavenge to scavenge. `npm run bench` measured both.)
 */
export const SERVER_ENV: Readonly<Record<string, undefined>> = { NODE_EXTRA_CA_CERTS: undefined };

/**
 * The server keeps its cache (the glossaries of team folders, compiled: see server/src/glossary/cache.ts) in the
 * folder this variable names ("off": none); without it, in the platform's cache folder for the user. The VS Code
 * client sets it to a folder of the extension's global storage.
 */
export const CACHE_DIR_VARIABLE = 'LLM_GLOSSARY_CACHE_DIR';
