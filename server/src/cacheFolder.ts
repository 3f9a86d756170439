import * as path from 'path';
import { CACHE_DIR_VARIABLE } from '../shared/launch';

/**
 * Where the server keeps its cache: LLM_GLOSSARY_CACHE_DIR when set ("" or "off": no cache), else the platform's
 * cache folder for the current user ($XDG_CACHE_HOME or ~/.cache, ~/Library/Caches, %LOCALAPPDATA%), in
 * "llm-glossary".
 */
export function defaultCacheFolder(
  env: Readonly<Record<string, string | undefined>>,
  platform: string,
  home: string | undefined,
): string | undefined {
  const configured = env[CACHE_DIR_VARIABLE];
  if (configured !== undefined) return configured === '' || configured === 'off' ? undefined : configured;
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA ?? (home && path.join(home, 'AppData', 'Local'));
    return local ? path.join(local, 'llm-glossary', 'Cache') : undefined;
  }
  if (!home) return undefined;
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'llm-glossary');
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'llm-glossary');
}
