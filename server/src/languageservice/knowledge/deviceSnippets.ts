/**
 * Snippets for common devices, offered inside <devices>. Each one is valid
 * against libvirt's schema (checked by test/unit/completion.test.ts) and
 * leaves to libvirt what libvirt fills in anyway.
 */
export interface DeviceSnippet {
  label: string;
  description: string;
  /** LSP snippet syntax; `'` is replaced by the document's quote character */
  body: string;
}

export const DEVICE_SNIPPETS: DeviceSnippet[] = [
  {
    label: 'disk (virtio, qcow2 file)',
    description: 'a virtio block disk backed by a qcow2 image',
    body: "<disk type='file' device='disk'>\n\t<driver name='qemu' type='qcow2'/>\n\t<source file='${1:/var/lib/libvirt/images/disk.qcow2}'/>\n\t<target dev='${2:vda}' bus='virtio'/>\n</disk>",
  },
  {
    label: 'interface (virtio, libvirt network)',
    description: 'a virtio NIC on a libvirt virtual network',
    body: "<interface type='network'>\n\t<source network='${1:default}'/>\n\t<model type='virtio'/>\n</interface>",
  },
  {
    label: 'interface (virtio, bridge)',
    description: 'a virtio NIC on a host bridge',
    body: "<interface type='bridge'>\n\t<source bridge='${1:br0}'/>\n\t<model type='virtio'/>\n</interface>",
  },
  {
    label: 'serial console',
    description: 'a pty serial port and the console on it',
    body: "<serial type='pty'>\n\t<target port='0'/>\n</serial>\n<console type='pty'>\n\t<target type='serial' port='0'/>\n</console>",
  },
  {
    label: 'channel (QEMU guest agent)',
    description: 'the virtio-serial channel qemu-guest-agent talks on',
    body: "<channel type='unix'>\n\t<target type='virtio' name='org.qemu.guest_agent.0'/>\n</channel>",
  },
  {
    label: 'graphics (SPICE)',
    description: 'a SPICE display on a free port, local connections only',
    body: "<graphics type='spice' autoport='yes'>\n\t<listen type='address' address='${1:127.0.0.1}'/>\n</graphics>",
  },
  {
    label: 'graphics (VNC)',
    description: 'a VNC display on a free port, local connections only',
    body: "<graphics type='vnc' port='-1' autoport='yes'>\n\t<listen type='address' address='${1:127.0.0.1}'/>\n</graphics>",
  },
  {
    label: 'rng (virtio, /dev/urandom)',
    description: 'a virtio random number generator fed by the host',
    body: "<rng model='virtio'>\n\t<backend model='random'>/dev/urandom</backend>\n</rng>",
  },
];
