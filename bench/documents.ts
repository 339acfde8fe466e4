/** The documents benchmarks run on: typical virt-install-style domains and a generated large one. */
import * as fs from 'fs';
import * as path from 'path';

export const REPO = path.resolve(__dirname, '..', '..');
export const SHARED_CORPUS = path.resolve(REPO, '..', 'shared', 'corpus');

function xmlIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.xml'))
    .map((f) => path.join(dir, f))
    .sort();
}

/** domain documents of 3-10 KB: the shared virt-install corpus when present, else the repo's fixtures and samples */
export function typicalDocuments(): { name: string; text: string }[] {
  const candidates = [
    ...xmlIn(path.join(SHARED_CORPUS, 'virt-install')),
    ...xmlIn(path.join(REPO, 'test', 'fixtures', 'domains')),
    ...xmlIn(path.join(REPO, 'samples')),
  ];
  const docs = candidates.map((f) => ({ name: path.basename(f), text: fs.readFileSync(f, 'utf8') }));
  const typical = docs.filter((d) => d.text.length >= 3000 && d.text.length <= 10_000);
  return typical.length ? typical : docs;
}

/** a realistic domain grown to about `bytes` characters with many disks, interfaces and channels */
export function largeDocument(bytes = 200_000): string {
  const head = `<domain type='kvm'>\n  <name>large</name>\n  <memory unit='GiB'>64</memory>\n  <vcpu>32</vcpu>\n  <os>\n    <type arch='x86_64' machine='q35'>hvm</type>\n  </os>\n  <features><acpi/><apic/></features>\n  <cpu mode='host-model'/>\n  <devices>\n`;
  const tail = `  </devices>\n</domain>\n`;
  let body = '';
  for (let i = 0; head.length + body.length + tail.length < bytes; i++) {
    const dev = `vd${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26) || ''}`;
    body += `    <disk type='file' device='disk'>\n      <driver name='qemu' type='qcow2' cache='none' io='native'/>\n      <source file='/var/lib/libvirt/images/large-${i}.qcow2'/>\n      <target dev='${dev}' bus='scsi'/>\n    </disk>\n`;
    body += `    <interface type='bridge'>\n      <source bridge='br${i % 4}'/>\n      <model type='virtio'/>\n    </interface>\n`;
    body += `    <!-- channel ${i} -->\n    <channel type='unix'>\n      <target type='virtio' name='org.example.ch${i}'/>\n    </channel>\n`;
  }
  return head + body + tail;
}
