import * as assert from 'assert';
import { languageOfDocument, languageOfPath } from '../../server/src/core/languages';
import { analyzeDocument } from '../../server/src/core/mentions';
import { sampleGlossary } from '../support/termFactory';

const glossary = sampleGlossary();
function mentioned(languageId: string, text: string): string[] {
  return analyzeDocument(glossary, languageId, text).mentions.map((m) => text.slice(m.start, m.end));
}

describe('Document formats beyond Markdown, YAML and code', () => {
  it('read MDX as Markdown without its import lines and {expressions}', () => {
    const doc =
      "import { Chart } from './KV cache'\nexport const meta = {\n  title: 'TTFT'\n}\n\n# KV cache\n\nThe <Chart label={'TTFT'} /> shows TTFT {props.TTFT}.\n";
    assert.deepStrictEqual(mentioned('mdx', doc), ['KV cache', 'TTFT']);
  });

  it('read reStructuredText prose and admonitions, not literal blocks, code directives or inline literals', () => {
    const doc = [
      'KV cache',
      '========',
      '',
      'The TTFT grows; see ``KV cache`` and :code:`TTFT`::',
      '',
      '    kv cache = TTFT  # literal block',
      '',
      '.. code-block:: python',
      '',
      '   # TTFT in a code block',
      '',
      '.. note:: The scheduler decides.',
      '',
      '   Indented paged attention note.',
      '',
      '.. _TTFT: https://example.com/TTFT',
      '.. a comment about the KV cache',
      '',
      ':param TTFT: the KV cache size',
    ].join('\n');
    assert.deepStrictEqual(mentioned('restructuredtext', doc), [
      'KV cache',
      'TTFT',
      'scheduler',
      'paged attention',
      'KV cache',
      'KV cache',
    ]);
  });

  it('read AsciiDoc prose, titles and comments, not listing blocks, attributes or literal paragraphs', () => {
    const doc = [
      '= KV cache',
      ':description: TTFT attribute',
      '',
      '.The scheduler',
      '[source,python]',
      '----',
      '# TTFT in code',
      '----',
      '',
      'NOTE: Paged attention saves memory, see `x = TTFT` and +KV cache+.',
      '',
      '  TTFT in a literal paragraph',
      '',
      '// a TTFT comment',
      '////',
      'KV cache in a comment block',
      '////',
    ].join('\n');
    assert.deepStrictEqual(mentioned('asciidoc', doc), [
      'KV cache',
      'scheduler',
      'Paged attention',
      'TTFT',
      'KV cache',
    ]);
  });

  it('read plain text throughout, and commit messages without git comments or the diff below the scissors', () => {
    assert.deepStrictEqual(mentioned('plaintext', 'The KV cache\ngrows with TTFT. https://x.io/TTFT\n'), [
      'KV cache',
      'TTFT',
    ]);
    const commit =
      'Cap the KV cache\n\nTTFT was too high.\n# Please enter the commit message. TTFT\n# ------------------------ >8 ------------------------\ndiff --git a/x b/x\n+KV cache\n';
    assert.deepStrictEqual(mentioned('git-commit', commit), ['KV cache', 'TTFT']);
  });

  it('read Helm templates as YAML around the actions, with the text of {{/* comments */}}', () => {
    const doc =
      '{{/* The KV cache sizing helper */}}\n{{- if .Values.TTFT }}\napiVersion: v1\n# the scheduler config\nimage: "{{ .Values.TTFT }}"\ndescription: Keeps the paged attention warm\n{{- end }}\n';
    assert.deepStrictEqual(mentioned('helm', doc), ['KV cache', 'scheduler', 'paged attention']);
  });

  it('know the new languages by path, and a YAML file in a chart templates/ folder as a Helm template', () => {
    assert.strictEqual(languageOfPath('chart/templates/deployment.yaml'), 'helm');
    assert.strictEqual(languageOfPath('chart/templates/_helpers.tpl'), 'helm');
    assert.strictEqual(languageOfPath('chart/values.yaml'), 'yaml');
    assert.strictEqual(languageOfPath('.git/COMMIT_EDITMSG'), 'git-commit');
    assert.strictEqual(languageOfPath('docs/index.rst'), 'restructuredtext');
    assert.strictEqual(languageOfPath('kernel.cu'), 'cuda-cpp');
    assert.strictEqual(languageOfPath('index.php'), 'php');
    assert.strictEqual(languageOfDocument('/c/templates/svc.yaml', 'yaml'), 'helm');
    assert.strictEqual(languageOfDocument('/c/values.yaml', 'yaml'), 'yaml');
    assert.strictEqual(languageOfDocument('/c/x.proto', 'proto'), 'proto3');
  });

  it('read comments of PHP, CUDA, Kotlin, Scala, Lua, Swift and Protobuf', () => {
    const cases: [string, string][] = [
      ['php', '<?php\n// the KV cache\n$ttft = "TTFT";'],
      ['cuda-cpp', '// the KV cache\n__global__ void k() { auto s = "TTFT"; }'],
      ['kotlin', '/** the KV cache */\nval s = "TTFT"'],
      ['scala', '// the KV cache\nval s = "TTFT"'],
      ['lua', '-- the KV cache\nlocal s = "TTFT"'],
      ['swift', '/// the KV cache\nlet s = "TTFT"'],
      ['proto3', '// the KV cache\nmessage TTFT {}'],
    ];
    for (const [languageId, text] of cases)
      assert.deepStrictEqual(mentioned(languageId, text), ['KV cache'], languageId);
  });
});
