import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { REPO, rng } from '../helpers';
import { TestLspClient } from '../lspClient';

const BROKEN = `<domain type='kvm'>\n  <name>broken</name>\n  <devices>\n    <disk type='file'>\n      <target dev='vda' bus="virtio/>\n  </devices>\n</domain>\n`;

describe('language server over stdio', function () {
  let client: TestLspClient;

  before(async function () {
    if (!fs.existsSync(path.join(REPO, 'dist', 'server.js'))) throw new Error('dist/server.js is missing: run npm run build');
    client = new TestLspClient(['--stdio']);
    const init = (await client.initialize()) as { capabilities: { hoverProvider?: boolean; textDocumentSync?: unknown } };
    assert.ok(init.capabilities.textDocumentSync, 'announces text document sync');
  });

  after(async () => {
    if (client) assert.strictEqual(await client.shutdown(), 0, 'exits with 0 after shutdown+exit');
  });

  it('publishes located diagnostics for a broken domain', async () => {
    const uri = 'file:///ws/broken.xml';
    const p = client.nextDiagnostics(uri);
    await client.open(uri, BROKEN);
    const diags = await p;
    const quote = diags.find((d) => /not closed: expected "/.test(d.message));
    assert.ok(quote, JSON.stringify(diags));
    // the open quote runs to the next tag; the range covers `"virtio/>` on that line
    assert.deepStrictEqual(quote!.range, { start: { line: 4, character: 28 }, end: { line: 4, character: 37 } });
    assert.strictEqual(quote!.severity, 1);
    assert.strictEqual(quote!.code, 'syntax');
    const disk = diags.find((d) => /<disk> is not closed/.test(d.message));
    assert.deepStrictEqual(disk?.range.start, { line: 3, character: 5 });
  });

  it('publishes nothing for XML that is not a domain', async () => {
    const uri = 'file:///ws/network.xml';
    const p = client.nextDiagnostics(uri);
    await client.open(uri, `<network><name>default</name><bridge name='virbr0'</network>`);
    assert.deepStrictEqual(await p, []);
  });

  it('updates diagnostics on change and clears them when fixed', async () => {
    const uri = 'file:///ws/edit.xml';
    let p = client.nextDiagnostics(uri);
    await client.open(uri, BROKEN, 'libvirt-domain-xml');
    assert.ok((await p).length > 0);
    p = client.nextDiagnostics(uri, 2);
    const fixed = BROKEN.replace('bus="virtio/>', 'bus="virtio"/>\n    </disk>');
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: fixed }],
    });
    const after = await p;
    assert.deepStrictEqual(
      after.filter((d) => d.code === 'syntax'),
      [],
    );
  });

  it('answers hover requests on any position, and says what libvirt stores for q35', async () => {
    const uri = 'file:///ws/hover.xml';
    const text = fs.readFileSync(path.join(REPO, 'samples', 'debian12-q35.xml'), 'utf8');
    const p = client.nextDiagnostics(uri);
    await client.open(uri, text);
    await p;
    type H = { contents: { kind: string; value: string }; range?: { start: { line: number } } } | null;
    const lines = text.split('\n');
    for (let line = 0; line < lines.length; line += 3) {
      const h = (await client.connection.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line, character: 6 },
      })) as H;
      if (h) assert.strictEqual(h.contents.kind, 'markdown');
    }
    // on the value machine='q35': the canonical machine libvirt stores, why, and the documentation link
    const line = lines.findIndex((l) => l.includes("machine='q35'"));
    const character = lines[line].indexOf("'q35'") + 2;
    const h = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } })) as H;
    assert.ok(h, 'a hover on q35');
    assert.strictEqual(h!.range?.start.line, line);
    assert.match(h!.contents.value, /\*\*`machine` of `<type>`\*\*/);
    assert.match(h!.contents.value, /stores `machine='pc-q35-\d+\.\d+'` \(was `q35`\)/);
    assert.match(h!.contents.value, /\[libvirt documentation\]\(https:\/\/libvirt\.org\/formatdomain\.html#/);
  });

  it('survives random bytes and every prefix of a document sent as edits', async () => {
    const uri = 'file:///ws/fuzz.xml';
    const random = rng(99);
    let p = client.nextDiagnostics(uri);
    await client.open(uri, '<domain>');
    await p;
    const text = fs.readFileSync(path.join(REPO, 'samples', 'debian12-q35.xml'), 'utf8');
    let version = 2;
    for (let i = 0; i < text.length; i += 7) {
      const junk = random() < 0.2 ? String.fromCharCode(Math.floor(random() * 0xffff)) : '';
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: version++ },
        contentChanges: [{ text: text.slice(0, i) + junk }],
      });
    }
    p = client.nextDiagnostics(uri, version);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    const final = await p;
    assert.deepStrictEqual(
      final.filter((d) => d.code === 'syntax'),
      [],
    );
  });
});

describe('language server when analysis throws', function () {
  it('shows one internal-error diagnostic on that document, logs the stack, and keeps serving the others', async () => {
    const client = new TestLspClient(['--stdio'], undefined, { DOMXML_FAULT_INJECT: 'victim.xml', DOMXML_NO_LOCAL_PROFILE: '1' });
    try {
      await client.initialize();
      const victim = 'file:///ws/victim.xml';
      let p = client.nextDiagnostics(victim);
      await client.open(victim, BROKEN);
      const diags = await p;
      assert.deepStrictEqual(
        diags.map((d) => [d.code, d.severity, d.range.start.line]),
        [['internal-error', 1, 0]],
      );
      assert.match(diags[0].message, /could not analyse this document/);
      assert.ok(
        client.log.some((l) => /validation failed: Error: fault injected/.test(l) && /\n\s+at /.test(l)),
        `log: ${client.log.join('\n')}`,
      );
      // the server still answers, and other documents are analysed as before
      const other = 'file:///ws/other.xml';
      p = client.nextDiagnostics(other);
      await client.open(other, BROKEN);
      assert.ok((await p).some((d) => d.code === 'syntax'));
      const hover = await client.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: victim },
        position: { line: 0, character: 2 },
      });
      assert.ok(hover === null || typeof hover === 'object');
    } finally {
      assert.strictEqual(await client.shutdown(), 0);
    }
  });
});

describe('language server over node IPC', () => {
  it('starts with --node-ipc and answers initialize', async function () {
    const { fork } = await import('child_process');
    const child = fork(path.join(REPO, 'dist', 'server.js'), ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const { createProtocolConnection, IPCMessageReader, IPCMessageWriter, InitializeRequest } =
      await import('vscode-languageserver-protocol/node');
    const conn = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    conn.listen();
    const r = await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
    assert.ok(r.capabilities.hoverProvider);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    assert.strictEqual(await exited, 0);
    conn.dispose();
  });
});

describe('language server code actions', () => {
  const PC = `<domain type='qemu'>\n  <name>pc</name>\n  <memory unit='MiB'>512</memory>\n  <os>\n    <type arch='x86_64' machine='pc'>hvm</type>\n  </os>\n  <devices>\n    <controller type='usb' index='0'/>\n  </devices>\n</domain>\n`;
  let client: TestLspClient;
  before(async () => {
    client = new TestLspClient(['--stdio']);
    await client.initialize({ settings: { profile: 'debian-12' } });
  });
  after(async () => {
    await client.shutdown();
  });

  it('offers a quick fix that pins the machine type, with the exact edit', async () => {
    const uri = 'file:///ws/pin.xml';
    const p = client.nextDiagnostics(uri);
    await client.open(uri, PC);
    const diags = await p;
    const machine = diags.find((d) => /pc-i440fx-7.2/.test(d.message))!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: machine.range,
      context: { diagnostics: [machine], only: ['quickfix'] },
    })) as { title: string; kind: string; edit: { changes: Record<string, { range: unknown; newText: string }[]> } }[];
    const fix = actions.find((a) => /machine/i.test(a.title));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.strictEqual(fix!.kind, 'quickfix');
    const edits = fix!.edit.changes[uri];
    assert.ok(
      edits.some((e) => e.newText.includes('pc-i440fx-7.2')),
      JSON.stringify(edits),
    );
  });

  it('offers "pin all" as a fixAll source action for the whole document', async () => {
    const uri = 'file:///ws/pinall.xml';
    const p = client.nextDiagnostics(uri);
    await client.open(uri, PC);
    await p;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as { title: string; kind: string; edit: { changes: Record<string, { newText: string }[]> } }[];
    const all = actions.find((a) => a.kind.startsWith('source.fixAll'));
    assert.ok(all, JSON.stringify(actions.map((a) => a.title)));
    const text = all!.edit.changes[uri].map((e) => e.newText).join('');
    assert.match(text, /piix3-uhci/);
    assert.match(text, /memballoon/);
  });
});
