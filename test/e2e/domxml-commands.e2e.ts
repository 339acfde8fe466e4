/**
 * The palette commands and the status bar of the packaged extension
 * (domxml.vsix, or $DOMXML_E2E_VSIX), in a real VS Code:
 *
 * - "Pin All ABI Defaults" writes what libvirt would fill in (machine='pc' ->
 *   pc-i440fx-7.2, a piix3-uhci USB controller...) and a second run changes
 *   nothing;
 * - non-domain XML in the same workspace (a libvirt <network>, a
 *   <domainsnapshot>, a random broken XML) gets no domxml diagnostics;
 * - "Show What libvirt Will Store" opens a diff editor whose right side has
 *   the expanded machine type;
 * - the status bar shows the target profile, "Select Target Profile" lists
 *   the built-in profiles, and choosing Ubuntu 22.04 changes the diagnostics
 *   (pc-q35-jammy, libvirt 8.0). Runs last: it writes the workspace settings.
 *
 * The user settings pin the profile to debian-12 so the expectations do not
 * depend on this machine's libvirt (without the setting the local host is
 * used when `virsh` answers). Skipped when there is no vsix.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Problem } from './browser';
import { makeWorkspace, repoRoot } from './codeServer';
import { useWorkbench } from './session';

const VSIX = process.env.DOMXML_E2E_VSIX || path.join(repoRoot(), 'domxml.vsix');
const FIXTURE = path.join(repoRoot(), 'test', 'e2e', 'workspace');

/** machine='pc' and no USB controller: define adds pc-i440fx-7.2 and a piix3-uhci controller. */
const LEGACY01 = `<domain type='kvm'>
  <name>legacy01</name>
  <memory unit='MiB'>1024</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
  </os>
  <devices>
    <disk type='file' device='disk'>
      <source file='/var/lib/libvirt/images/legacy01.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
  </devices>
</domain>
`;

const NETWORK = `<network>
  <name>default</name>
  <forward mode='nat'/>
  <bridge name='virbr0' stp='on' delay='0'/>
  <ip address='192.168.122.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.122.2' end='192.168.122.254'/>
    </dhcp>
  </ip>
</network>
`;

/** Not libvirt at all, with a <domain> that is not the root, and not even well-formed. */
const CATALOG = `<?xml version="1.0" encoding="UTF-8"?>
<!-- not libvirt: a <domain> element that is not the root -->
<catalog>
  <site>
    <domain>example.org</domain>
    <os><type arch='x86_64' machine='pc'>linux</type></os>
  </site>
  <unclosed>
</catalog>
`;

/** A root whose name starts with "domain" but is not <domain>. */
const SNAPSHOT = `<domainsnapshot>
  <name>before-upgrade</name>
  <description>libvirt snapshot XML, not a domain</description>
</domainsnapshot>
`;

const NON_DOMAIN = ['network.xml', 'catalog.xml', 'snapshot.xml'];

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const inFile = (p: Problem, name: string) => p.file.endsWith(`${path.sep}${name}`);

describe('e2e: domxml commands and status bar', function () {
  this.timeout(180_000);

  /** legacy01.xml holds pc-i440fx-7.2 now (the pin test passed) */
  let pinnedLegacy01 = false;

  const s = useWorkbench('commands', async function () {
    if (!fs.existsSync(VSIX)) {
      console.warn(`    (no ${VSIX}: run \`npm run package\` first)`);
      this.skip();
    }
    const workspace = makeWorkspace({
      'legacy01.xml': LEGACY01,
      'web01.xml': fs.readFileSync(path.join(FIXTURE, 'web01.xml'), 'utf8'),
      'network.xml': NETWORK,
      'catalog.xml': CATALOG,
      'snapshot.xml': SNAPSHOT,
    });
    return { workspace, vsix: [VSIX], settings: { 'domxml.profile': 'debian-12', 'domxml.defaults': 'diagnostics' } }; // every fill a Problems entry (editorFeatures.e2e.ts tests the ranked default)
  });

  it('Pin All ABI Defaults writes pc-i440fx-7.2 and a piix3-uhci controller; a second run changes nothing', async function () {
    await s.wb.openFile('legacy01.xml');
    const before = await s.wb.waitForProblems(
      (ps) =>
        ps.some((p) => inFile(p, 'legacy01.xml') && /will store machine='pc-i440fx-7\.2' instead of 'pc'/.test(p.message)) &&
        ps.some((p) => inFile(p, 'legacy01.xml') && /USB controller, model piix3-uhci/.test(p.message)),
      90_000,
    );
    assert.ok(before.filter((p) => inFile(p, 'legacy01.xml') && p.code === 'abi-default').length >= 5, JSON.stringify(before, null, 1));
    assert.strictEqual(await s.wb.getEditorText(), LEGACY01);
    await s.wb.screenshot('commands-pin-all-before.png');

    await s.wb.runCommand('Domain XML: Pin All ABI Defaults');
    let pinned = LEGACY01;
    for (const until = Date.now() + 15_000; pinned === LEGACY01 && Date.now() < until;) {
      await sleep(200);
      pinned = await s.wb.getEditorText();
    }
    const lines = pinned.split('\n').map((l) => l.trim());
    assert.ok(lines.includes("<type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type>"), pinned);
    assert.ok(lines.includes("<controller type='usb' index='0' model='piix3-uhci'/>"), pinned);
    assert.ok(lines.includes("<vcpu placement='static'>1</vcpu>"), pinned);
    assert.ok(lines.includes("<boot dev='hd'/>"), pinned);
    assert.ok(lines.includes("<memballoon model='virtio'/>"), pinned);
    assert.doesNotMatch(pinned, /machine='pc'/);
    // What was written is kept, in order.
    for (const keep of [
      '<name>legacy01</name>',
      "<source file='/var/lib/libvirt/images/legacy01.qcow2'/>",
      "<target dev='vda' bus='virtio'/>",
    ]) {
      assert.ok(lines.includes(keep), `${keep} lost:\n${pinned}`);
    }
    assert.ok(pinned.indexOf('<name>legacy01</name>') < pinned.indexOf('<devices>'), pinned);
    // Nothing left for the Problems panel (only hints: addresses, the generated UUID).
    await s.wb.waitForProblems((ps) => !ps.some((p) => inFile(p, 'legacy01.xml')), 30_000);
    await s.wb.screenshot('commands-pin-all.png');

    // Again: nothing to pin, the document stays as it is.
    await s.wb.runCommand('Domain XML: Pin All ABI Defaults');
    const note = await s.wb.waitForNotification(/Nothing to pin/);
    await sleep(600); // the toast slides in
    await s.wb.screenshot('commands-pin-all-again.png');
    assert.strictEqual(await s.wb.getEditorText(), pinned, note);
    await s.wb.clearNotifications();
    pinnedLegacy01 = true;
  });

  it('a libvirt <network>, a <domainsnapshot> and a random broken XML get no domxml diagnostics', async function () {
    for (const f of NON_DOMAIN) {
      await s.wb.openFile(f);
      assert.strictEqual(await s.wb.languageMode(), 'XML', f);
    }
    // A domain opened after them: once its diagnostics are listed, the server
    // has handled the earlier documents too (it answers in order).
    await s.wb.openFile('web01.xml');
    await s.wb.waitForProblems((ps) => ps.some((p) => inFile(p, 'web01.xml') && p.source === 'domxml'), 90_000);
    await sleep(2000);
    const problems = await s.wb.readProblems();
    const stray = problems.filter((p) => NON_DOMAIN.some((f) => inFile(p, f)));
    assert.deepStrictEqual(stray, [], JSON.stringify(stray, null, 1));
    // ... and still none after an edit (diagnostics are recomputed on change).
    await s.wb.openFile('catalog.xml');
    await s.wb.goTo(4, 9);
    await s.wb.typeText('<os/>');
    await sleep(2500);
    const afterEdit = (await s.wb.readProblems()).filter((p) => NON_DOMAIN.some((f) => inFile(p, f)));
    assert.deepStrictEqual(afterEdit, [], JSON.stringify(afterEdit, null, 1));
    // No hover from us either on what would be a filled value in a domain.
    const hover = await s.wb.hoverAt(6, 'machine', 5000);
    assert.doesNotMatch(hover, /libvirt|pc-i440fx/, hover);
    await s.wb.screenshot('commands-non-domain.png');
  });

  it('Show What libvirt Will Store opens a diff whose right side has the expanded machine type', async function () {
    await s.wb.openFile('web01.xml');
    await s.wb.waitForProblems((ps) => ps.some((p) => inFile(p, 'web01.xml') && /machine='pc-q35-7\.2'/.test(p.message)), 90_000);
    await s.wb.screenshot('commands-diagnostics.png');
    await s.wb.screenshot('docs-diagnostics.png', { clipTo: ['.part.editor', '.part.panel'] });
    await s.wb.runCommand('Domain XML: Show What libvirt Will Store (Expanded XML)');
    const diff = await s.wb.waitForDiffEditor((d) => /machine='pc-q35-7\.2'/.test(d.modified));
    assert.match(await s.wb.activeTabTitle(), /^web01\.xml ↔ after define/);
    assert.ok(diff.sideBySide, 'side by side');
    assert.match(diff.original, /<type arch='x86_64' machine='q35'>hvm<\/type>/, diff.original);
    assert.doesNotMatch(diff.original, /pc-q35-7\.2/);
    assert.match(diff.modified, /<type arch='x86_64' machine='pc-q35-7\.2'>hvm<\/type>/, diff.modified);
    // The whole right side: what libvirt stores, with the filled-in devices.
    assert.strictEqual(diff.focused, 'modified');
    const right = await s.wb.getEditorText();
    assert.match(right, /<controller type='usb' index='0' model='qemu-xhci'/, right);
    assert.match(right, /<currentMemory unit='KiB'>4194304<\/currentMemory>/, right);
    await s.wb.screenshot('commands-expanded-diff.png');
    // A view without the side bar and panel, for the documentation.
    await s.wb.runCommand('View: Close Primary Side Bar');
    await s.wb.runCommand('View: Hide Panel');
    await s.wb.focusEditor();
    await sleep(500);
    await s.wb.screenshot('commands-expanded-diff-wide.png');
    await s.wb.screenshot('docs-expanded-diff.png', { clipTo: ['.part.editor'] });
    await s.wb.runCommand('View: Close Editor');
    await s.wb.runCommand('View: Toggle Primary Side Bar Visibility');
  });

  it('the status bar shows the target profile; Select Target Profile → Ubuntu 22.04 moves the diagnostics to pc-q35-jammy', async function () {
    await s.wb.openFile('web01.xml');
    const item = await s.wb.waitForStatusBarItem('domxml.profile', (t) => t === 'Debian 12');
    assert.match(item.aria, /Target: Debian 12 \(libvirt 9\.0\.0, QEMU 7\.2\)/, item.aria);
    await s.wb.waitForProblems(
      (ps) => ps.some((p) => inFile(p, 'web01.xml') && /^libvirt 9\.0 will store machine='pc-q35-7\.2' instead of 'q35'/.test(p.message)),
      90_000,
    );

    await s.wb.runCommand('Domain XML: Select Target Profile');
    const rows = await s.wb.waitForQuickPickItem(/^Ubuntu 22\.04/);
    const labels = rows.map((r) => r.label);
    for (const want of [
      /^Local host$/,
      /^Debian 12 \(libvirt 9\.0\.0/,
      /^Debian 11 \(libvirt 7\.0\.0, QEMU 5\.2\)$/,
      /^Debian 13 /,
      /^Ubuntu 22\.04 \(libvirt 8\.0\.0, QEMU 6\.2; unverified\)$/,
      /^Ubuntu 24\.04 /,
    ]) {
      assert.ok(
        labels.some((l) => want.test(l)),
        `${want} not in ${JSON.stringify(labels)}`,
      );
    }
    await s.wb.screenshot('commands-select-profile.png');
    assert.match(await s.wb.pickQuickInput(/^Ubuntu 22\.04/), /^Ubuntu 22\.04/);

    const after = await s.wb.waitForStatusBarItem('domxml.profile', (t) => t === 'Ubuntu 22.04');
    assert.match(after.aria, /Target: Ubuntu 22\.04 \(libvirt 8\.0\.0, QEMU 6\.2; unverified\)/, after.aria);
    // Messages may name other releases ("9.0 stores pc-q35-7.2"), never as the target.
    const stale = (p: Problem) => inFile(p, 'web01.xml') && /^libvirt 9\.0|will store machine='pc-q35-7\.2'/.test(p.message);
    // The Problems panel re-renders its rows a few at a time: wait until none is left from Debian 12.
    const problems = await s.wb.waitForProblems(
      (ps) =>
        ps.some((p) => inFile(p, 'web01.xml') && /^libvirt 8\.0 will store machine='pc-q35-jammy' instead of 'q35'/.test(p.message)) &&
        !ps.some(stale) &&
        (!pinnedLegacy01 || ps.some((p) => inFile(p, 'legacy01.xml') && p.code === 'define-reject')),
      30_000,
    );
    const web01 = problems.filter((p) => inFile(p, 'web01.xml') && p.source === 'domxml');
    assert.ok(!web01.some(stale), JSON.stringify(web01, null, 1));
    const machine = web01.find((p) => /pc-q35-jammy/.test(p.message))!;
    assert.strictEqual(machine.line, 6, JSON.stringify(machine));
    if (pinnedLegacy01) {
      // What was pinned for Debian 12 does not exist on Ubuntu 22.04's QEMU 6.2.
      const reject = problems.find((p) => inFile(p, 'legacy01.xml') && p.code === 'define-reject');
      assert.ok(
        reject && reject.severity === 'error' && /pc-i440fx-7\.2/.test(reject.message),
        JSON.stringify(
          problems.filter((p) => inFile(p, 'legacy01.xml')),
          null,
          1,
        ),
      );
    }
    // The choice is stored as a workspace setting.
    const settings = JSON.parse(fs.readFileSync(path.join(s.workspace, '.vscode', 'settings.json'), 'utf8'));
    assert.strictEqual(settings['domxml.profile'], 'ubuntu-22.04');
    await s.wb.screenshot('commands-profile-ubuntu.png');
  });
});
