/**
 * (original, mutated) pairs for the abi-diff oracle: each mutation changes one
 * thing in the base domain (libvirt 9.0's own saved-image XML of a tiny TCG
 * guest), so libvirt's save-image-define verdict can be compared with ours.
 */
export interface Mutation {
  id: string;
  apply: (xml: string) => string;
}

function sub(id: string, from: string | RegExp, to: string): Mutation {
  return {
    id,
    apply: (x) => {
      const y = x.replace(from, to);
      if (y === x) throw new Error(`mutation ${id} did not apply`);
      return y;
    },
  };
}

const dev = (id: string, xml: string) => sub(id, '</devices>', `${xml}\n  </devices>`);

export function mutations(): Mutation[] {
  const m: Mutation[] = [];
  for (const v of [32768, 65535, 65537, 98304, 131072, 262144])
    m.push(sub(`memory-${v}`, /<memory unit='KiB'>65536/, `<memory unit='KiB'>${v}`));
  m.push(sub('memory-same-mib', /<memory unit='KiB'>65536/, "<memory unit='MiB'>64"));
  for (const v of [16384, 32768, 49152, 65535])
    m.push(sub(`current-memory-${v}`, /<currentMemory unit='KiB'>65536/, `<currentMemory unit='KiB'>${v}`));
  for (const v of [2, 3, 4, 8]) m.push(sub(`vcpu-${v}`, /<vcpu placement='static'>1/, `<vcpu placement='static'>${v}`));
  for (const v of [2, 4]) m.push(sub(`vcpu-current-${v}`, /<vcpu placement='static'>1/, `<vcpu placement='static' current='1'>${v}`));
  for (const n of ['abio-renamed', 'other', 'abio-probe2']) m.push(sub(`name-${n}`, '<name>abio-probe</name>', `<name>${n}</name>`));
  m.push(sub('uuid', '6a1d0c8e-5b1e-4c35-9d44-2b7b1e0a0001', '6a1d0c8e-5b1e-4c35-9d44-2b7b1e0a0002'));
  m.push(sub('uuid-case', '6a1d0c8e-5b1e-4c35-9d44-2b7b1e0a0001', '6A1D0C8E-5B1E-4C35-9D44-2B7B1E0A0001'));
  for (const t of ['Title one', 'Another']) m.push(sub(`title-${t}`, '</uuid>', `</uuid>\n  <title>${t}</title>`));
  for (const t of ['some text', 'x']) m.push(sub(`description-${t}`, '</uuid>', `</uuid>\n  <description>${t}</description>`));
  for (const v of ['pc-q35-7.1', 'pc-q35-6.2', 'pc-q35-5.2']) m.push(sub(`machine-${v}`, "machine='pc-q35-7.2'", `machine='${v}'`));
  m.push(sub('virt-type-kvm', "<domain type='qemu'>", "<domain type='kvm'>"));
  m.push(sub('boot-network', "<boot dev='hd'/>", "<boot dev='network'/>"));
  m.push(sub('boot-cdrom', "<boot dev='hd'/>", "<boot dev='cdrom'/>"));
  for (const f of ['acpi', 'apic', 'pae', 'hap', 'vmport state="off"', 'pmu state="off"'])
    m.push(sub(`feature-${f.split(' ')[0]}`, '</os>', `</os>\n  <features><${f}/></features>`));
  for (const o of ['localtime', 'variable']) m.push(sub(`clock-offset-${o}`, "<clock offset='utc'/>", `<clock offset='${o}'/>`));
  for (const t of ["rtc' tickpolicy='catchup", "pit' tickpolicy='delay", "hpet' present='no", "kvmclock' present='no"])
    m.push(sub(`timer-${t.split("'")[0]}`, "<clock offset='utc'/>", `<clock offset='utc'><timer name='${t}'/></clock>`));
  for (const c of ['qemu32', 'Nehalem', 'core2duo', 'kvm64']) m.push(sub(`cpu-model-${c}`, '>qemu64<', `>${c}<`));
  m.push(sub('cpu-topology', '</model>', "</model>\n    <topology sockets='1' dies='1' cores='1' threads='1'/>"));
  m.push(sub('cpu-feature', '</model>', "</model>\n    <feature policy='require' name='sse4.2'/>"));
  for (const [e, v] of [
    ['on_poweroff', 'preserve'],
    ['on_reboot', 'destroy'],
    ['on_crash', 'restart'],
    ['on_crash', 'preserve'],
  ])
    m.push(sub(`${e}-${v}`, new RegExp(`<${e}>[a-z]+</${e}>`), `<${e}>${v}</${e}>`));
  for (const v of [8192, 32768, 65536, 4096]) m.push(sub(`video-vram-${v}`, "vram='16384'", `vram='${v}'`));
  for (const v of [2, 4]) m.push(sub(`video-heads-${v}`, "heads='1'", `heads='${v}'`));
  m.push(sub('video-vgamem', "vram='16384'", "vram='16384' vgamem='16384'"));
  for (const t of ['cirrus', 'bochs', 'virtio', 'qxl']) m.push(sub(`video-model-${t}`, "<model type='vga'", `<model type='${t}'`));
  m.push(
    sub('video-slot', "bus='0x00' slot='0x01' function='0x0'/>\n    </video>", "bus='0x00' slot='0x05' function='0x0'/>\n    </video>"),
  );
  for (const i of ['02', '03', '10', 'ff']) m.push(sub(`mac-${i}`, '52:54:00:aa:bb:01', `52:54:00:aa:bb:${i}`));
  for (const t of ['e1000e', 'rtl8139', 'e1000']) m.push(sub(`net-model-${t}`, "<model type='virtio'/>", `<model type='${t}'/>`));
  for (const b of ['0x04']) m.push(sub(`net-bus-${b}`, "bus='0x01' slot='0x00'", `bus='${b}' slot='0x00'`));
  m.push(sub('net-remove', /<interface type='user'>[\s\S]*?<\/interface>\n/, ''));
  m.push(dev('net-add', "    <interface type='user'><mac address='52:54:00:aa:bb:09'/><model type='virtio'/></interface>"));
  m.push(sub('net-link-down', "<model type='virtio'/>", "<model type='virtio'/>\n      <link state='down'/>"));
  for (const t of ['nec-xhci', 'piix3-uhci', 'ich9-ehci1']) m.push(sub(`usb-model-${t}`, "model='qemu-xhci'", `model='${t}'`));
  m.push(sub('usb-index', "<controller type='usb' index='0'", "<controller type='usb' index='1'"));
  for (const c of ['5', '9']) m.push(sub(`root-port-chassis-${c}`, "chassis='1' port='0x10'", `chassis='${c}' port='0x10'`));
  for (const p of ['0x18', '0x1a']) m.push(sub(`root-port-port-${p}`, "chassis='2' port='0x11'", `chassis='2' port='${p}'`));
  m.push(sub('root-port-remove', /<controller type='pci' index='4'[\s\S]*?<\/controller>\n/, ''));
  m.push(dev('root-port-add', "    <controller type='pci' index='5' model='pcie-root-port'/>"));
  m.push(dev('scsi-controller-add', "    <controller type='scsi' index='0' model='virtio-scsi'/>"));
  m.push(dev('virtio-serial-add', "    <controller type='virtio-serial' index='0'/>"));
  m.push(sub('sata-remove', /<controller type='sata'[\s\S]*?<\/controller>\n/, ''));
  m.push(sub('input-mouse-remove', "<input type='mouse' bus='ps2'/>\n", ''));
  m.push(sub('input-keyboard-remove', "<input type='keyboard' bus='ps2'/>\n", ''));
  for (const [t, b] of [
    ['tablet', 'usb'],
    ['mouse', 'usb'],
    ['keyboard', 'usb'],
    ['tablet', 'virtio'],
  ])
    m.push(dev(`input-add-${t}-${b}`, `    <input type='${t}' bus='${b}'/>`));
  m.push(sub('memballoon-none', /<memballoon model='virtio'>[\s\S]*?<\/memballoon>/, "<memballoon model='none'/>"));
  m.push(sub('memballoon-slot', "bus='0x03' slot='0x00'", "bus='0x04' slot='0x00'"));
  m.push(sub('memballoon-stats', "<memballoon model='virtio'>", "<memballoon model='virtio'>\n      <stats period='10'/>"));
  for (const w of ['i6300esb', 'ib700', 'itco']) m.push(dev(`watchdog-${w}`, `    <watchdog model='${w}' action='reset'/>`));
  for (const s of ['ich9', 'ich6', 'ac97', 'es1370']) m.push(dev(`sound-${s}`, `    <sound model='${s}'/>`));
  m.push(dev('rng-random', "    <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>"));
  m.push(dev('rng-builtin', "    <rng model='virtio'><backend model='builtin'/></rng>"));
  for (const p of ['isa', 'pvpanic']) m.push(dev(`panic-${p}`, `    <panic model='${p}'/>`));
  m.push(dev('serial-pty', "    <serial type='pty'><target port='0'/></serial>"));
  m.push(dev('serial-null', "    <serial type='null'/>"));
  m.push(dev('console-pty', "    <console type='pty'><target type='serial' port='0'/></console>"));
  m.push(dev('serial-console', "    <serial type='null'/>\n    <console type='null'/>"));
  m.push(dev('channel-guestagent', "    <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>"));
  m.push(dev('hub-usb', "    <hub type='usb'/>"));
  m.push(dev('redirdev-spicevmc', "    <redirdev bus='usb' type='spicevmc'/>"));
  m.push(dev('redirdev-tcp', "    <redirdev bus='usb' type='tcp'><source mode='connect' host='127.0.0.1' service='4000'/></redirdev>"));
  m.push(dev('tpm-emulator', "    <tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm>"));
  m.push(dev('graphics-vnc', "    <graphics type='vnc' port='-1' autoport='yes'/>"));
  m.push(dev('graphics-spice', "    <graphics type='spice' autoport='yes'/>"));
  m.push(dev('vsock', "    <vsock model='virtio'><cid auto='yes'/></vsock>"));
  m.push(dev('iommu-intel', "    <iommu model='intel'/>"));
  m.push(dev('disk-cdrom-sata', "    <disk type='file' device='cdrom'><target dev='sda' bus='sata'/><readonly/></disk>"));
  m.push(dev('disk-virtio', "    <disk type='file' device='disk'><source file='/dev/null'/><target dev='vda' bus='virtio'/></disk>"));
  m.push(dev('shmem', "    <shmem name='abio'><model type='ivshmem-plain'/><size unit='M'>4</size></shmem>"));
  m.push(dev('smartcard', "    <smartcard mode='passthrough' type='spicevmc'/>"));
  m.push(sub('audio-remove', "<audio id='1' type='none'/>\n", ''));
  m.push(
    sub(
      'emulator-same',
      '<emulator>/usr/bin/qemu-system-x86_64</emulator>',
      '<emulator>/usr/bin/qemu-system-x86_64</emulator>'.replace('x86_64<', 'x86_64<'),
    ),
  );
  const single = m.filter((x) => x.id !== 'emulator-same');
  // each again with a description added: a change that keeps the ABI must not hide one that does not
  const withText = single
    .filter((x) => !x.id.startsWith('description-'))
    .map((x) => ({
      id: `${x.id}+description`,
      apply: (xml: string) => x.apply(xml).replace('</uuid>', '</uuid>\n  <description>d</description>'),
    }));
  return [...single, ...withText];
}
