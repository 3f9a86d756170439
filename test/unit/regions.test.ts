import * as assert from 'assert';
import { analyzeDocument } from '../../server/src/core/mentions';
import { sampleGlossary } from '../support/termFactory';

const glossary = sampleGlossary();
/** The mentioned surface texts of a document, in order. */
function mentioned(languageId: string, text: string): string[] {
  return analyzeDocument(glossary, languageId, text).mentions.map((m) => text.slice(m.start, m.end));
}

describe('Regions in Markdown', () => {
  it('include headings, paragraphs, lists, tables, quotes and link text', () => {
    const doc =
      '# KV cache\n\nThe TTFT grows.\n\n- TP=2\n\n| metric | TTFT |\n|---|---|\n\n> Scheduler\n\nSee [paged attention](https://x.io/paged-attention).\n';
    assert.deepStrictEqual(mentioned('markdown', doc), [
      'KV cache',
      'TTFT',
      'TP',
      'TTFT',
      'Scheduler',
      'paged attention',
    ]);
  });

  it('leave out fenced and indented code, code spans, URLs, HTML and front matter keys', () => {
    const doc =
      '---\ntitle: KV cache\n---\n\n```python\nttft = "KV cache"\n```\n\n    KV cache indented code\n\nUse `kv_cache = TTFT` or see https://example.com/KV-cache or <span title="TTFT">x</span>.\n\n[ref]: https://example.com/TTFT\n';
    assert.deepStrictEqual(mentioned('markdown', doc), []);
  });

  it('read the comments of fenced code in a known language, prose values of front matter, and a code span that is just a name', () => {
    const doc =
      '---\ndescription: Sizing the KV cache for TTFT\n---\n\n```yaml\n# Paged attention keeps TTFT low\nkv: 1\n```\n\n```python\nx = 1  # the KV cache\n```\n\nRun `TTFT` checks, not `TTFT = x`.\n';
    assert.deepStrictEqual(mentioned('markdown', doc), [
      'KV cache',
      'TTFT',
      'Paged attention',
      'TTFT',
      'KV cache',
      'TTFT',
    ]);
  });
});

describe('Regions in YAML', () => {
  it('include comments and prose-like values but never keys or identifiers', () => {
    const doc =
      '# kv-cache sizing for TTFT\nkv_cache: fp8  # the KV cache dtype\nTTFT: 500\ndescription: "Keeps the KV cache warm"\nmode: TTFT\nnotes: |\n  The scheduler runs here.\nurl: "http://x/KV cache/y"\n';
    assert.deepStrictEqual(mentioned('yaml', doc), ['kv-cache', 'TTFT', 'KV cache', 'KV cache', 'scheduler']);
  });

  it('do not take a hash inside a quoted string for a comment', () => {
    assert.deepStrictEqual(mentioned('yaml', 'a: "x # TTFT"\nb: \'y # TTFT\'\n'), []);
  });
});

describe('Regions in code', () => {
  it('are Python comments and docstrings, not code or strings', () => {
    const doc =
      'def f():\n    """Returns TTFT."""\n    ttft = 1  # TTFT in seconds\n    s = "# TTFT"\n    t = \'KV cache\'\n';
    assert.deepStrictEqual(mentioned('python', doc), ['TTFT', 'TTFT']);
  });

  it('are line and block comments in C-like languages, skipping strings with // inside', () => {
    const doc =
      'const u = "http://x // TTFT"; // KV cache\n/* Paged attention\n * and TP */ const tp = `TTFT // no`;\n';
    assert.deepStrictEqual(mentioned('typescript', doc), ['KV cache', 'Paged attention', 'TP']);
  });

  it('in JavaScript and TypeScript are not confused by quotes inside regular expression literals', () => {
    const doc =
      "const re = /'/; // TTFT budget\nif (/[/\"]/.test(s)) x = a / b / c; // KV cache\nreturn /'\\//g; // TP\n";
    assert.deepStrictEqual(mentioned('javascript', doc), ['TTFT', 'KV cache', 'TP']);
    assert.deepStrictEqual(mentioned('typescript', 'const half = total / 2; // TTFT\n'), ['TTFT']);
  });

  it('in Rust, Swift, Kotlin and Scala follow nested block comments to their end', () => {
    for (const languageId of ['rust', 'swift', 'kotlin', 'scala'])
      assert.deepStrictEqual(mentioned(languageId, '/* a /* b */ TTFT */ let tp = 1; // KV cache\n'), [
        'TTFT',
        'KV cache',
      ]);
    assert.deepStrictEqual(mentioned('c', '/* a /* b */ TP */\n'), []);
  });

  it('in Rust are not confused by lifetimes or char literals', () => {
    const doc = "fn f<'a>(x: &'a str) -> char { '\"' } // TTFT\nlet s = \"// TP\"; /// KV cache\n";
    assert.deepStrictEqual(mentioned('rust', doc), ['TTFT', 'KV cache']);
  });

  it('in shell scripts start only at a word, so $# is code', () => {
    assert.deepStrictEqual(mentioned('shellscript', 'echo $# TTFT\necho "# TP" # KV cache\n'), ['KV cache']);
  });

  it('in Dockerfiles are whole-line comments only', () => {
    assert.deepStrictEqual(mentioned('dockerfile', '# KV cache warmup\nRUN echo TTFT # TP\n'), ['KV cache']);
  });

  it('skip strings holding comment markers in Go, C++, Java, C#, shell, Ruby and Python', () => {
    assert.deepStrictEqual(mentioned('go', 'x := "// TP" // TTFT\n'), ['TTFT']);
    assert.deepStrictEqual(mentioned('java', 'String s = "/* TP */"; // TTFT\n'), ['TTFT']);
    assert.deepStrictEqual(mentioned('shellscript', 'echo "${#arr[@]} # TP" # TTFT\n'), ['TTFT']);
    assert.deepStrictEqual(mentioned('ruby', 's = "# TP" # TTFT\n'), ['TTFT']);
    assert.deepStrictEqual(mentioned('python', 'def f():\n    s = f"{x} # TP"  # KV cache\n'), ['KV cache']);
    // Raw and verbatim strings read as ordinary strings: right as long as they hold no double quote.
    assert.deepStrictEqual(mentioned('cpp', 'auto s = R"(// TP)"; /* TTFT */\n'), ['TTFT']);
    assert.deepStrictEqual(mentioned('csharp', 'var s = @"// TP"; // TTFT\n'), ['TTFT']);
    assert.deepStrictEqual(mentioned('rust', 'let s = r#"// TP"#; /// KV cache\n'), ['KV cache']);
  });

  it('exist in Go, Java, C and C++ comments', () => {
    for (const language of ['go', 'java', 'c', 'cpp']) {
      assert.deepStrictEqual(mentioned(language, 'int x = 1; // TTFT\n/* KV cache */'), ['TTFT', 'KV cache'], language);
    }
  });

  it('exclude URLs and code inside comments, but not a code span that is just a term name', () => {
    assert.deepStrictEqual(mentioned('python', '# see https://docs.example/ttft/TTFT and `KV cache` for `TP = 2`\n'), [
      'KV cache',
    ]);
  });

  it('read doctest lines in docstrings as code, except their comments', () => {
    const doc = 'def f():\n    """The KV cache.\n\n    >>> ttft = TTFT  # TTFT in seconds\n    """\n';
    assert.deepStrictEqual(mentioned('python', doc), ['KV cache', 'TTFT']);
  });

  it('are empty for languages the glossary does not serve', () => {
    assert.deepStrictEqual(mentioned('json', '{"a": "KV cache"} // TTFT'), []);
  });
});
