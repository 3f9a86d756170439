// Entry point @vscode/test-electron calls inside VS Code: runs every *.test.js next to this file with mocha.
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: true });
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')))
    mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) =>
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve())),
  );
}
