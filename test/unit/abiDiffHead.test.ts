import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { abiDiffWithHead } from '../../server/src/languageserver/abiDiffHead';
import { builtinProfile } from '../../server/src/languageservice/profiles/builtinProfiles';
import { REPO } from '../helpers';

const profile = builtinProfile('debian-12')!;
const text = fs.readFileSync(path.join(REPO, 'samples', 'debian12-q35.xml'), 'utf8');

describe('Compare ABI with Git HEAD (server side)', () => {
  it('reports the ABI changes of the open text against the committed file as markdown', function () {
    if (spawnSync('git', ['--version']).status !== 0) this.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abihead-'));
    try {
      const git = (...a: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...a], { cwd: dir, encoding: 'utf8' });
      git('init', '-q');
      const file = path.join(dir, 'vm.xml');
      fs.writeFileSync(file, text);
      git('add', 'vm.xml');
      assert.strictEqual(git('commit', '-qm', 'x').status, 0);
      const uri = pathToFileURL(file).toString();
      const same = abiDiffWithHead(TextDocument.create(uri, 'xml', 1, text), profile);
      assert.match(same, /The guest ABI is kept/);
      const changed = abiDiffWithHead(TextDocument.create(uri, 'xml', 2, text.replace('<vcpu>2', '<vcpu>4')), profile);
      assert.match(changed, /2 ABI change\(s\)/);
      assert.match(changed, /\*\*abi-vcpu-max\*\*.*vm\.xml:9:3 \(was HEAD:vm\.xml:9:3\)/);
      const untracked = abiDiffWithHead(TextDocument.create(pathToFileURL(path.join(dir, 'new.xml')).toString(), 'xml', 1, text), profile);
      assert.match(untracked, /No git HEAD version of new\.xml/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
