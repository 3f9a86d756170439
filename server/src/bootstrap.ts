// The llm-glossary-ls process's entry (dist/server.js): the server (dist/server-main.js, see main.ts) and the parsers
// it loads on first use run from V8's code cache in the server's cache folder when there is one (codeCache.ts).
import * as os from 'os';
import * as path from 'path';
import { setFlagsFromString } from 'v8';
import { SERVER_V8_FLAGS } from '../shared/launch';
import { defaultCacheFolder } from './cacheFolder';
import { installCodeCache } from './codeCache';

declare const __GLOSSARY_BUILD_ID__: string | undefined;

// V8 options first: V8 accepts a code cache only from a process with the same options, so they must be set before
// any code is compiled from it (main.ts sets them again, harmlessly, when it runs without this entry).
for (const flag of SERVER_V8_FLAGS) setFlagsFromString(flag);

const folder = defaultCacheFolder(process.env, process.platform, os.homedir());
if (folder && typeof __GLOSSARY_BUILD_ID__ === 'string')
  installCodeCache(
    __dirname,
    folder,
    `${__GLOSSARY_BUILD_ID__}-${process.version}-${process.arch}`.replace(/[^A-Za-z0-9.-]/g, '_'),
  );
require(path.join(__dirname, 'server-main.js'));
