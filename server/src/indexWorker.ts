// The workspace index's worker thread: reads and analyses files off the server's main thread, so no request ever
// waits behind indexing, whatever a file costs. It matches with a glossary made from the server's terms.
import { parentPort } from 'worker_threads';
import type { Glossary } from './core/glossary';
import { nodeFileSystem } from './glossary/fileSystem';
import { parseSnapshot } from './glossary/snapshot';
import { FromWorker, glossaryForMatching, indexedMentions, MAX_INDEXED_FILE_BYTES, ToWorker } from './indexing';

let glossary: Glossary | undefined;
const port = parentPort!;
port.on('message', (message: ToWorker) => {
  if (message.kind === 'glossary') {
    glossary = glossaryForMatching(message.terms, message.commonWords);
    return;
  }
  if (message.kind === 'prebuilt') {
    // The main thread made its glossary from these bytes: they were checked there.
    const snapshot = parseSnapshot(message.root, message.bytes, null);
    if (typeof snapshot === 'string') throw new Error(`the glossary snapshot ${snapshot}`);
    glossary = snapshot.prebuiltGlossary([], []);
    return;
  }
  const { id, fsPath, languageId } = message;
  let answer: FromWorker;
  try {
    let text = message.text;
    if (text === undefined) {
      const read = nodeFileSystem.readTextFile(fsPath, MAX_INDEXED_FILE_BYTES);
      if ('refused' in read) {
        port.postMessage({ kind: 'skipped', id, reason: read.refused } satisfies FromWorker);
        return;
      }
      text = read.text;
    }
    answer = {
      kind: 'indexed',
      id,
      mentions: glossary ? indexedMentions(glossary, languageId, text) : [],
    };
  } catch (error) {
    answer = { kind: 'skipped', id, reason: `could not be analysed: ${(error as Error).message}` };
  }
  port.postMessage(answer);
});
