import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { SERVED_LANGUAGES } from '../../server/shared/languages';
import { isSupportedLanguage } from '../../server/src/core/regions';
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
    for (const language of SERVED_LANGUAGES) assert.ok(isSupportedLanguage(language), language);
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

describe('New Term', () => {
  it('derives a kebab-case id from the name', () => {
    assert.strictEqual(termIdFromName('Time to First Token (TTFT)'), 'time-to-first-token-ttft');
    assert.strictEqual(termIdFromName('  Café cache! '), 'cafe-cache');
  });

  it('fills the template, quoting titles YAML would misread', () => {
    const template = fs.readFileSync(path.join(root, '_meta', 'template.md'), 'utf8');
    const filled = fillTemplate(template, 'kv-cache', 'KV cache');
    assert.match(filled, /^id: kv-cache$/m);
    assert.match(filled, /^title: KV cache$/m);
    assert.match(fillTemplate(template, 'x', 'a: b # c'), /^title: "a: b # c"$/m);
  });
});
