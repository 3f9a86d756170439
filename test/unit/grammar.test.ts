import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { frontMatterGrammar } from '../../server/src/core/frontMatterGrammar';
import { parseTaxonomy } from '../../server/src/core/taxonomy';

const root = path.resolve(__dirname, '..', '..', '..');

describe('The contributed TextMate grammar', () => {
  it('is exactly what the schema and taxonomy generate (run `npm run grammar` after changing either)', () => {
    const taxonomy = parseTaxonomy(fs.readFileSync(path.join(root, '_meta', 'taxonomy.md'), 'utf8'));
    const committed = JSON.parse(
      fs.readFileSync(path.join(root, 'syntaxes', 'glossary-frontmatter.tmLanguage.json'), 'utf8'),
    );
    assert.deepStrictEqual(
      committed,
      JSON.parse(JSON.stringify(frontMatterGrammar(taxonomy.categories.map((c) => c.id)))),
    );
  });
});
