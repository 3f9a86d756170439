import * as assert from 'assert';
import { Glossary } from '../../server/src/core/glossary';
import { sanitizeGlossaryMarkdown } from '../../server/src/core/safeMarkdown';
import { describeTerm } from '../../server/src/features/hover';
import { makeTerm } from '../support/termFactory';

describe('Hover text', () => {
  const kv = makeTerm('kv-cache', 'KV cache', {
    aliases: ['key-value cache'],
    related: ['prefill'],
    category: 'gpu-memory',
  });
  kv.sections.Definition = { text: 'First paragraph.\n\nSecond paragraph stays in the file.', line: 6 };
  const glossary = new Glossary(
    [
      [kv, makeTerm('prefill', 'Prefill')],
      [makeTerm('prefill', 'Prefill', { layer: 'team', source: 'file:///team/prefill.md' })],
    ],
    [{ id: 'gpu-memory', title: 'GPU & Memory', description: '' }],
  );

  it('shows the canonical name, category, aliases and only the first paragraph', () => {
    const text = describeTerm(glossary, kv);
    assert.match(text, /^### KV cache\n\n\*GPU & Memory\* · also: key-value cache\n\nFirst paragraph\.\n\n/);
    assert.doesNotMatch(text, /Second paragraph/);
  });

  it('links related terms and the longer sections to their lines in the term files', () => {
    const text = describeTerm(glossary, kv);
    assert.match(text, /\*\*Related:\*\* \[Prefill\]\(file:\/\/\/team\/prefill\.md#L7\)/);
    assert.match(
      text,
      /\[Open the KV cache entry\]\(file:\/\/\/glossary\/kv-cache\.md#L7\) · \[Key properties\]\(file:\/\/\/glossary\/kv-cache\.md#L13\)/,
    );
  });

  it('marks a workspace term that overrides a bundled one', () => {
    assert.match(describeTerm(glossary, glossary.get('prefill')!), /from your workspace glossary/);
  });

  it('neutralises HTML and command or script links from glossary text', () => {
    const cleaned = sanitizeGlossaryMarkdown(
      '<img src=x onerror=alert(1)> [run](command:workbench.action.terminal.new) [js](javascript:alert(1)) [ok](https://x.io)',
    );
    assert.strictEqual(cleaned, '\\<img src=x onerror=alert(1)\\> run js [ok](https://x.io/)');
  });
});
