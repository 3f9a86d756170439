import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { SERVED_LANGUAGES } from '../../server/shared/languages';
import { canonicalLanguageId } from '../../server/src/core/languages';
import { isSupportedLanguage } from '../../server/src/core/regions';
import { SECTION_NAMES } from '../../server/src/core/termFile';
import { fillTemplate, termIdFromName } from '../../client/src/termTemplate';

const root = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));

describe('The extension manifest', () => {
  it('activates on exactly the languages the client serves', () => {
    assert.deepStrictEqual(
      manifest.activationEvents,
      SERVED_LANGUAGES.map((l) => `onLanguage:${l}`),
    );
  });

  it('serves only languages the server can find regions in', () => {
    for (const language of SERVED_LANGUAGES) assert.ok(isSupportedLanguage(canonicalLanguageId(language)), language);
  });

  it("leaves mention highlighting off and the user's quick-suggestion settings alone by default", () => {
    assert.strictEqual(
      manifest.contributes.configuration.properties['llmGlossary.semanticHighlighting'].default,
      false,
    );
    assert.strictEqual(manifest.contributes.configurationDefaults, undefined);
  });

  it('has a localised string for every %placeholder%', () => {
    const placeholders = [...JSON.stringify(manifest).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(placeholders.length > 10);
    for (const key of placeholders) assert.ok(typeof nls[key] === 'string', `package.nls.json lacks ${key}`);
  });

  it('puts every command in the Glossary category and describes every setting in Markdown', () => {
    for (const command of manifest.contributes.commands)
      assert.strictEqual(command.category, '%category%', command.command);
    for (const [key, setting] of Object.entries<Record<string, unknown>>(manifest.contributes.configuration.properties))
      assert.ok(setting.markdownDescription, key);
  });
});

describe('The Marketplace package', () => {
  it('has an icon, an extension changelog, fitting categories and no placeholder URL', () => {
    assert.ok(fs.statSync(path.join(root, manifest.icon)).size > 0, 'icon');
    assert.match(fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'), /^# Changelog\n/);
    assert.ok(manifest.files.includes('CHANGELOG.md') && manifest.files.includes(manifest.icon));
    assert.ok(!manifest.categories.includes('Programming Languages'), 'the extension adds no programming language');
    assert.doesNotMatch(JSON.stringify(manifest), /example\.(invalid|com)/);
  });

  it('ships no editor configurations or sources, and only README images that record what they show', () => {
    assert.ok(!manifest.files.some((f: string) => f.startsWith('editors')), manifest.files.join(', '));
    for (const image of fs.readdirSync(path.join(root, 'docs', 'images')).filter((f) => f.endsWith('.png')))
      assert.ok(fs.existsSync(path.join(root, 'docs', 'images', image.replace(/\.png$/, '.txt'))), image);
  });
});

describe('New Term', () => {
  it('derives a kebab-case id from the name', () => {
    assert.strictEqual(termIdFromName('Time to First Token (TTFT)'), 'time-to-first-token-ttft');
    assert.strictEqual(termIdFromName('  Café cache! '), 'cafe-cache');
  });

  it('starts from a template with every section of a term file, in order', () => {
    const template = fs.readFileSync(path.join(root, '_meta', 'template.md'), 'utf8');
    assert.deepStrictEqual(
      [...template.matchAll(/^## (.+)$/gm)].map((m) => m[1].trim()),
      [...SECTION_NAMES],
    );
  });

  it('fills the template, quoting titles YAML would misread', () => {
    const template = fs.readFileSync(path.join(root, '_meta', 'template.md'), 'utf8');
    const filled = fillTemplate(template, 'kv-cache', 'KV cache');
    assert.match(filled, /^id: kv-cache$/m);
    assert.match(filled, /^title: KV cache$/m);
    assert.match(fillTemplate(template, 'x', 'a: b # c'), /^title: "a: b # c"$/m);
  });
});
