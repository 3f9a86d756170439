import * as assert from 'assert';
import { CompletionList } from 'vscode-languageserver-protocol';
import { hoverText, TestClient } from '../support/lspClient';

/** Documents that have crashed or hung editors' language servers; each must get a prompt, correct answer. */
const CASES: { name: string; languageId: string; text: string; hoverAt?: [number, number]; expectHover: boolean }[] = [
  {
    name: 'binary bytes',
    languageId: 'markdown',
    text: '\u0000\u0001\u0002KV cache\u0000'.repeat(1000),
    hoverAt: [0, 4],
    expectHover: false,
  },
  {
    name: 'invalid UTF-8 decoded to replacement characters',
    languageId: 'markdown',
    text: '\uFFFD\uFFFDKV cache \uFFFD',
    hoverAt: [0, 4],
    expectHover: true,
  },
  {
    name: 'a 10 MB single line',
    languageId: 'markdown',
    text: 'word '.repeat(2_000_000) + 'KV cache',
    hoverAt: [0, 10_000_002],
    expectHover: false,
  },
  {
    name: 'a 100k-line file',
    languageId: 'markdown',
    text: 'plain line of prose\n'.repeat(100_000) + 'The KV cache.\n',
    hoverAt: [100_000, 6],
    expectHover: true,
  },
  {
    name: 'CRLF line endings',
    languageId: 'python',
    text: 'x = 1\r\n# TTFT here\r\n',
    hoverAt: [1, 3],
    expectHover: true,
  },
  { name: 'a byte order mark', languageId: 'markdown', text: '\uFEFFTTFT first', hoverAt: [0, 2], expectHover: true },
  {
    name: 'lone surrogates around a term',
    languageId: 'markdown',
    text: '\uD800 TTFT \uDC00',
    hoverAt: [0, 3],
    expectHover: true,
  },
  {
    name: 'a zero-width joiner inside a term',
    languageId: 'markdown',
    text: 'The KV ca\u200Dche.',
    hoverAt: [0, 6],
    expectHover: true,
  },
  {
    name: 'a non-breaking hyphen inside a term',
    languageId: 'markdown',
    text: 'The KV\u2011cache.',
    hoverAt: [0, 6],
    expectHover: true,
  },
  { name: 'tabs between words', languageId: 'yaml', text: 'a: 1 #\tKV\tcache\n', hoverAt: [0, 8], expectHover: true },
  // Beyond markdown-it's nesting limit (100 levels) the parser stops descending: no prose, and no stack overflow.
  {
    name: 'lists and quotes nested 1,000 deep',
    languageId: 'markdown',
    text: `${'> '.repeat(500)}${'- '.repeat(500)}KV cache`,
    hoverAt: [0, 2002],
    expectHover: false,
  },
  {
    name: 'lists and quotes nested 20 deep',
    languageId: 'markdown',
    text: `${'> '.repeat(10)}${'- '.repeat(10)}KV cache`,
    hoverAt: [0, 42],
    expectHover: true,
  },
  {
    name: 'an unterminated fence',
    languageId: 'markdown',
    text: 'TTFT\n```\nKV cache\n',
    hoverAt: [2, 2],
    expectHover: false,
  },
  {
    name: 'YAML with an alias bomb',
    languageId: 'yaml',
    text: 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b] # TTFT\n',
    hoverAt: [2, 35],
    expectHover: true,
  },
  {
    name: 'invalid YAML',
    languageId: 'yaml',
    text: 'a: [unclosed\n  # TTFT\n: : :\n',
    hoverAt: [1, 5],
    expectHover: true,
  },
];

describe('The server on hostile documents', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ initializationOptions: { maxDocumentSize: 5_000_000 } });
  });
  after(async () => client.stop());

  for (const [index, c] of CASES.entries()) {
    it(`answers hover and completion on ${c.name}`, async () => {
      const uri = `file:///hostile/${index}.${c.languageId === 'python' ? 'py' : c.languageId === 'yaml' ? 'yaml' : 'md'}`;
      await client.open(uri, c.languageId, c.text);
      const [line, character] = c.hoverAt ?? [0, 0];
      const hover = await client.hover(uri, line, character);
      if (c.expectHover) assert.match(hoverText(hover), /^### (KV cache|TTFT)/);
      else assert.strictEqual(hover, null);
      const list: CompletionList = await client.completion(uri, line, character);
      assert.ok(Array.isArray(list.items));
    });
  }

  it('says why a document over the size limit gets no glossary features', async () => {
    // Its own documents, so the test holds when run alone (--grep) as well as after the cases above.
    await client.open('file:///hostile/oversize.md', 'markdown', 'KV cache '.repeat(600_000));
    assert.strictEqual(await client.hover('file:///hostile/oversize.md', 0, 1), null);
    await client.open('file:///hostile/binary.md', 'markdown', 'KV cache\u0000\u0001');
    assert.strictEqual(await client.hover('file:///hostile/binary.md', 0, 1), null);
    await client.waitFor('a message about the size limit', () =>
      client.logs.find((m) => /over the limit of 5000000/.test(m)),
    );
    await client.waitFor('a message about binary content', () => client.logs.find((m) => /looks binary/.test(m)));
  });

  it('is still healthy afterwards', async () => {
    await client.open('file:///hostile/after.md', 'markdown', 'TTFT');
    assert.match(hoverText(await client.hover('file:///hostile/after.md', 0, 1)), /^### TTFT/);
  });
});
