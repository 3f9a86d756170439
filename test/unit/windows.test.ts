import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from '../../server/src/analysisCache';
import { analyzeDocument, mentionAt } from '../../server/src/core/mentions';
import { nodeFileSystem } from '../../server/src/glossary/fileSystem';
import { loadGlossary } from '../../server/src/glossary/load';
import { readGlossaryMeta } from '../../server/src/glossary/meta';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('Answers from the regions around a request, with the bundled glossary', () => {
  const meta = readGlossaryMeta(nodeFileSystem, ROOT);
  const { glossary } = loadGlossary(nodeFileSystem, [{ name: 'bundled', folder: path.join(ROOT, 'terms') }], meta);
  const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

  for (const [languageId, text] of [
    ['markdown', [read('README.md'), read('samples/design-doc.md'), read('samples/runbook.md')].join('\n\n').repeat(3)],
    ['yaml', read('samples/values.yaml').repeat(40)],
  ] as const) {
    it(`in a just-opened long ${languageId} document equal the full analysis's (names, senses and expansions too)`, () => {
      const full = analyzeDocument(glossary, languageId, text).mentions;
      assert.ok(full.length > 100);
      for (let k = 0; k < 60; k++) {
        const cache = new AnalysisCache(() => undefined);
        cache.prefixMinChars = 0;
        cache.markdownPieceLines = 16 + k;
        const document = TextDocument.create(`file:///doc-${k}`, languageId, 1, text);
        const mention = full[Math.floor((k / 60) * full.length)];
        for (const offset of [mention.start, mention.end - 1, mention.start + 9_000])
          assert.deepStrictEqual(
            cache.mentionAt(document, glossary, offset),
            mentionAt(full, offset),
            `${languageId} at ${offset}`,
          );
      }
    });
  }
});
