/**
 * Environment changes for the server process (`undefined` removes a variable). With NODE_EXTRA_CA_CERTS set, as
 * behind many corporate proxies, Node reads and parses that certificate bundle before running any code: about
 * 40 ms of every start on the bench machine. The server never opens a network connection, so it goes without.
 *
 * (No V8 options on the command line: a 2 MB young generation saved 4 MB of idle RSS but made opening a 1 MB document
 * 35 ms slower, as markdown-it's tokens were copied from scavenge to scavenge. `npm run bench` measured both. The
 * server sets its one V8 option itself, SERVER_V8_FLAGS below.)
 */
export const SERVER_ENV: Readonly<Record<string, undefined>> = { NODE_EXTRA_CA_CERTS: undefined };

/**
 * The server keeps its cache (the glossaries of team folders, compiled: see server/src/glossary/cache.ts) in the
 * folder this variable names ("off": none); without it, in the platform's cache folder for the user. The VS Code
 * client sets it to a folder of the extension's global storage.
 */
export const CACHE_DIR_VARIABLE = 'LLM_GLOSSARY_CACHE_DIR';

/**
 * V8 options the server process sets for itself as it starts (main.ts, with v8.setFlagsFromString), so that every
 * editor's launch has them, not only VS Code's. They are read at each garbage collection, so setting them at start-up
 * works; process-wide, they hold for the workspace index's worker too.
 *
 * `--heap-growing-percent=100`: after a full collection, the next one comes once the old generation has doubled what
 * survived. V8's own factor (up to 4×, when the program allocates fast, as the server does on a large document) let
 * the garbage of a few hundred documents pile up: in the fuzzer's minute over stdio the heap reached 214 MB with 30 to
 * 60 MB live and the process 404 MiB. 50 gave 61 MB and 243 MiB but made the first hover in a just-opened 4 MB
 * Markdown document 4.9× its floor (far more collections while markdown-it builds its tokens); 100 keeps that at 1.8× and
 * ten fuzzing minutes over stdio under 300 MiB (297). (`--optimize-for-size` halved the throughput; a hard heap limit
 * such as `--max-old-space-size=128` made the server die of a full heap on one large document.)
 */
export const SERVER_V8_FLAGS: readonly string[] = ['--heap-growing-percent=100'];
