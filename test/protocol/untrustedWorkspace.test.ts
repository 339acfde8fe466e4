/**
 * Restricted Mode: a client that says the workspace is untrusted gets a server
 * that runs no program. The ABI comparison with HEAD would run git inside the
 * workspace's repository (whose own configuration can name programs), so it is
 * refused there and works once the workspace is trusted.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { SERVER_COMMAND } from '../../server/src/protocol';
import { REPO } from '../helpers';
import { TestLspClient } from '../lspClient';

const VM = `<domain type='qemu'>\n  <name>vm</name>\n  <memory unit='MiB'>512</memory>\n  <vcpu>1</vcpu>\n  <os><type arch='x86_64' machine='pc'>hvm</type></os>\n</domain>\n`;

describe('language server in an untrusted workspace', function () {
  let repo: string;
  let file: string;

  before(function () {
    try {
      execFileSync('git', ['--version'], { stdio: 'ignore' });
    } catch {
      this.skip();
    }
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-trust-'));
    file = path.join(repo, 'vm.xml');
    fs.writeFileSync(file, VM);
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: repo, stdio: 'ignore' });
    git('init', '-q');
    git('add', 'vm.xml');
    git('commit', '-qm', 'vm');
  });

  after(() => repo && fs.rmSync(repo, { recursive: true, force: true }));

  async function compareWithHead(trusted: boolean): Promise<unknown> {
    const client = new TestLspClient(['--stdio'], undefined, { DOMXML_NO_LOCAL_PROFILE: '1' });
    try {
      await client.initialize({ settings: { profile: 'debian-12' }, trusted });
      const uri = pathToFileURL(file).href;
      const diagnostics = client.nextDiagnostics(uri);
      // one more vCPU than HEAD: an ABI change the comparison reports
      await client.open(uri, VM.replace('<vcpu>1</vcpu>', '<vcpu>2</vcpu>'));
      await diagnostics;
      return await client.connection.sendRequest('workspace/executeCommand', { command: SERVER_COMMAND.abiDiffHead, arguments: [uri] });
    } finally {
      assert.strictEqual(await client.shutdown(), 0);
    }
  }

  it('does not run git for Compare ABI with Git HEAD, and says why', async () => {
    const report = await compareWithHead(false);
    assert.strictEqual(typeof report, 'string');
    assert.match(report as string, /not trusted \(Restricted Mode\), so domxml does not run git/);
    assert.doesNotMatch(report as string, /vcpu/i);
  });

  it('compares with HEAD once the workspace is trusted', async () => {
    const report = await compareWithHead(true);
    assert.doesNotMatch(report as string, /Restricted Mode/);
    assert.match(report as string, /vcpu/i);
  });

  it('the extension declares limited support and restricts the settings that choose programs and paths', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const u = pkg.capabilities.untrustedWorkspaces;
    assert.strictEqual(u.supported, 'limited');
    assert.deepStrictEqual([...u.restrictedConfigurations].sort(), [
      'domxml.caps',
      'domxml.domcaps',
      'domxml.profile',
      'domxml.schemaDirectory',
    ]);
    for (const key of u.restrictedConfigurations) assert.ok(pkg.contributes.configuration.properties[key], `${key} is a setting`);
  });
});
