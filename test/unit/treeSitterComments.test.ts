import * as assert from 'assert';
import * as path from 'path';
import { analyzeDocument } from '../../server/src/core/mentions';
import { TreeSitterComments } from '../../server/src/treeSitterComments';
import { sampleGlossary } from '../support/termFactory';

describe('Comments found by tree-sitter grammars', () => {
  const glossary = sampleGlossary();
  const ready: string[] = [];
  const wasmDir = TreeSitterComments.findWasmDir(path.resolve(__dirname, '..', '..', '..', 'dist'));
  const treeSitter = new TreeSitterComments(
    wasmDir!,
    () => undefined,
    (languageId) => ready.push(languageId),
  );
  const mentioned = (languageId: string, text: string) =>
    analyzeDocument(glossary, languageId, text, treeSitter.parse).mentions.map((m) => text.slice(m.start, m.end));

  before(async () => {
    for (const languageId of ['javascript', 'python', 'rust', 'go', 'cpp', 'java', 'shellscript', 'csharp', 'ruby'])
      await treeSitter.load(languageId);
  });

  it('are loaded from the grammars shipped beside the server', () => {
    assert.ok(wasmDir, 'dist/wasm holds the grammars after npm run build');
    assert.deepStrictEqual(ready.sort(), [
      'cpp',
      'csharp',
      'go',
      'java',
      'javascript',
      'python',
      'ruby',
      'rust',
      'shellscript',
    ]);
  });

  it('are not fooled by a quote inside a JavaScript regular expression', () => {
    // A lexer sees the quote in /'/ open a string and loses the comment; the grammar knows it is a regex.
    assert.deepStrictEqual(mentioned('javascript', "const re = /'/; // KV cache\nconst s = '// TTFT';\n"), [
      'KV cache',
    ]);
  });

  it('include Python docstrings and comments but not strings holding a hash', () => {
    const text = 'def f():\n    """Reports TTFT."""\n    s = f"{x} # TP"  # KV cache\n';
    assert.deepStrictEqual(mentioned('python', text), ['TTFT', 'KV cache']);
  });

  it('include Rust doc comments and skip raw strings', () => {
    assert.deepStrictEqual(mentioned('rust', 'let s = r#"// TTFT "quoted" // TP"#; /// KV cache\n'), ['KV cache']);
  });

  it('work for Go, C++, Java, shell, C# and Ruby', () => {
    assert.deepStrictEqual(mentioned('go', 'x := "// TP" // TTFT\n'), ['TTFT']);
    assert.deepStrictEqual(mentioned('cpp', 'auto s = R"(// TP)"; /* TTFT */\n'), ['TTFT']);
    assert.deepStrictEqual(mentioned('java', 'String s = "/* TP */"; // TTFT\n'), ['TTFT']);
    assert.deepStrictEqual(mentioned('shellscript', 'echo "${#arr[@]} # TP" # TTFT\n'), ['TTFT']);
    assert.deepStrictEqual(mentioned('csharp', 'var s = @"// TP"; // TTFT\n'), ['TTFT']);
    assert.deepStrictEqual(mentioned('ruby', 's = "# TP" # TTFT\n'), ['TTFT']);
  });

  it('fall back to the lexer for languages without a grammar', () => {
    assert.strictEqual(treeSitter.parse('dockerfile', '# TTFT'), undefined);
    assert.deepStrictEqual(mentioned('dockerfile', '# TTFT\n'), ['TTFT']);
  });
});
