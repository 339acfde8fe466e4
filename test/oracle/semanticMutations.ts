/**
 * Semantic mutations of domains libvirt accepts, for measuring the
 * define-time checks against real libvirt on documents nobody wrote by hand:
 * move a guest to another machine or architecture, duplicate a device,
 * change a disk's bus, a model or a type. Each mutation is a small text
 * edit; it may or may not make the document invalid, libvirt decides.
 *
 * Families were added one at a time and measured before any rule was
 * written for what they found (see the report of the rejection test); a new
 * family is the honest way to measure how well the rules generalise.
 */

export interface SemanticMutation {
  family: string;
  name: string;
  /** the mutated document, or null when the mutation does not apply to it */
  text: string | null;
}

/** replaces the first match of `re` (group 1 = what precedes the value, group 2 = quote) with a new value */
function setValue(re: RegExp, value: string): (x: string) => string | null {
  return (x) => {
    const m = re.exec(x);
    if (!m) return null;
    return x.slice(0, m.index) + `${m[1]}'${value}'` + x.slice(m.index + m[0].length);
  };
}

const attrOf = (elementRe: string, attr: string) => new RegExp(`(<${elementRe}[^>]*?\\b${attr}=)(["'])[^"']*\\2`);

function archTo(arch: string, machine: string): (x: string) => string | null {
  return (x) => {
    if (!/arch=["']x86_64["']/.test(x)) return null;
    return x.replace(/arch=(["'])x86_64\1/, `arch=$1${arch}$1`).replace(/machine=(["'])[^"']*\1/, `machine=$1${machine}$1`);
  };
}

function machineSwap(from: RegExp, to: string): (x: string) => string | null {
  return (x) => (from.test(x) ? x.replace(from, `machine='${to}'`) : null);
}

function duplicateFirstDevice(x: string): string | null {
  const devices = /<devices>([\s\S]*?)<\/devices>/.exec(x);
  if (!devices) return null;
  const dev =
    /\n\s*<(watchdog|video|interface|disk|controller|input|sound|rng|panic|memballoon|tpm|serial|channel)\b[\s\S]*?(\/>|<\/\1>)/.exec(
      devices[1],
    );
  return dev ? x.replace('</devices>', `${dev[0]}\n</devices>`) : null;
}

function diskBus(bus: string): (x: string) => string | null {
  return (x) => {
    const m = /<disk\b[\s\S]*?<\/disk>/.exec(x);
    if (!m) return null;
    let d = m[0].replace(/\s*<address type=["']drive["'][^>]*\/>/, '');
    d = /<target\b[^>]*\bbus=/.test(d)
      ? d.replace(/(<target\b[^>]*\bbus=)(["'])[^"']*\2/, `$1'${bus}'`)
      : d.replace(/<target\b/, `<target bus='${bus}'`);
    return x.replace(m[0], d);
  };
}

function addFeature(feature: string): (x: string) => string | null {
  return (x) =>
    /<features>/.test(x) ? x.replace('<features>', `<features>${feature}`) : x.replace(/(<\/os>)/, `$1<features>${feature}</features>`);
}

function addDevice(device: string): (x: string) => string | null {
  return (x) => (x.includes('</devices>') ? x.replace('</devices>', `${device}</devices>`) : null);
}

const FAMILIES: [string, [string, (x: string) => string | null][]][] = [
  [
    'machine and arch',
    [
      ['pc->q35', machineSwap(/machine=(["'])(pc|pc-i440fx-[\d.]+)\1/, 'q35')],
      ['q35->pc', machineSwap(/machine=(["'])(q35|pc-q35-[\d.]+)\1/, 'pc')],
      ['x86->aarch64', archTo('aarch64', 'virt')],
    ],
  ],
  [
    'more arches, duplicated devices',
    [
      ['x86->ppc64', archTo('ppc64', 'pseries')],
      ['x86->s390x', archTo('s390x', 's390-ccw-virtio')],
      ['x86->riscv64', archTo('riscv64', 'virt')],
      ['duplicate first device', duplicateFirstDevice],
    ],
  ],
  [
    'disk bus, video and NIC models',
    [
      ...['ide', 'sata', 'scsi', 'usb', 'virtio', 'fdc', 'sd'].map((b): [string, (x: string) => string | null] => [
        `disk bus ${b}`,
        diskBus(b),
      ]),
      ...['vga', 'cirrus', 'qxl', 'virtio', 'bochs', 'ramfb', 'vmvga', 'none'].map((v): [string, (x: string) => string | null] => [
        `video ${v}`,
        setValue(/(<video>\s*<model\b[^>]*\btype=)(["'])[^"']*\2/, v),
      ]),
      ...['e1000', 'e1000e', 'rtl8139', 'virtio', 'ne2k_pci', 'pcnet', 'vmxnet3', 'igb'].map(
        (v): [string, (x: string) => string | null] => [
          `nic ${v}`,
          setValue(/(<interface\b[\s\S]*?<model\b[^>]*\btype=)(["'])[^"']*\2/, v),
        ],
      ),
    ],
  ],
  [
    'controller, input, sound, serial, balloon, CPU and graphics models',
    [
      ...['piix3-uhci', 'qemu-xhci', 'nec-xhci', 'ich9-ehci1', 'pci-ohci', 'none'].map((v): [string, (x: string) => string | null] => [
        `usb ${v}`,
        setValue(attrOf(`controller\\s+type=["']usb["']`, 'model'), v),
      ]),
      ...['virtio-scsi', 'lsilogic', 'lsisas1068', 'vmpvscsi', 'ibmvscsi', 'megasas', 'am53c974'].map(
        (v): [string, (x: string) => string | null] => [`scsi ${v}`, setValue(attrOf(`controller\\s+type=["']scsi["']`, 'model'), v)],
      ),
      ...['ps2', 'usb', 'virtio'].map((v): [string, (x: string) => string | null] => [
        `input bus ${v}`,
        setValue(attrOf('input\\b', 'bus'), v),
      ]),
      ...['ich6', 'ich9', 'ac97', 'es1370', 'sb16', 'usb', 'pcspk'].map((v): [string, (x: string) => string | null] => [
        `sound ${v}`,
        setValue(attrOf('sound\\b', 'model'), v),
      ]),
      ...['isa-serial', 'usb-serial', 'pci-serial', 'spapr-vio-serial', 'system-serial', 'sclp-serial'].map(
        (v): [string, (x: string) => string | null] => [
          `serial ${v}`,
          setValue(/(<serial\b[\s\S]*?<target\b[^>]*?\btype=)(["'])[^"']*\2/, v),
        ],
      ),
      ...['virtio', 'none', 'xen'].map((v): [string, (x: string) => string | null] => [
        `balloon ${v}`,
        setValue(attrOf('memballoon\\b', 'model'), v),
      ]),
      ...['host-model', 'host-passthrough', 'maximum', 'custom'].map((v): [string, (x: string) => string | null] => [
        `cpu ${v}`,
        setValue(attrOf('cpu\\b', 'mode'), v),
      ]),
      ...['vnc', 'spice', 'sdl', 'egl-headless', 'dbus', 'rdp'].map((v): [string, (x: string) => string | null] => [
        `graphics ${v}`,
        setValue(attrOf('graphics\\b', 'type'), v),
      ]),
    ],
  ],
  [
    'features and arch-bound devices, interface types, disk devices',
    [
      ...['disk', 'cdrom', 'floppy', 'lun'].map((v): [string, (x: string) => string | null] => [
        `disk device ${v}`,
        setValue(attrOf('disk\\b', 'device'), v),
      ]),
      ...['user', 'network', 'bridge', 'direct', 'vhostuser', 'ethernet', 'mcast'].map((v): [string, (x: string) => string | null] => [
        `interface ${v}`,
        setValue(attrOf('interface\\b', 'type'), v),
      ]),
      ...['tpm-tis', 'tpm-crb', 'tpm-spapr', 'spapr-tpm-proxy'].map((v): [string, (x: string) => string | null] => [
        `add tpm ${v}`,
        addDevice(`<tpm model='${v}'><backend type='emulator' version='2.0'/></tpm>`),
      ]),
      ...['i6300esb', 'ib700', 'diag288', 'itco'].map((v): [string, (x: string) => string | null] => [
        `add watchdog ${v}`,
        addDevice(`<watchdog model='${v}'/>`),
      ]),
      ...['isa', 'hyperv', 'pseries', 's390', 'pvpanic'].map((v): [string, (x: string) => string | null] => [
        `add panic ${v}`,
        addDevice(`<panic model='${v}'/>`),
      ]),
      ...[
        "<smm state='on'/>",
        "<vmport state='on'/>",
        "<hpt resizing='enabled'/>",
        "<gic version='3'/>",
        "<htm state='on'/>",
        "<ioapic driver='qemu'/>",
        "<pmu state='off'/>",
        "<kvm><hidden state='on'/></kvm>",
        "<hyperv mode='custom'><relaxed state='on'/></hyperv>",
        "<ccf-assist state='on'/>",
        "<tcg><tb-cache unit='MiB'>128</tb-cache></tcg>",
      ].map((f): [string, (x: string) => string | null] => [`add feature ${f}`, addFeature(f)]),
      ...[
        "<graphics type='vnc'/>",
        "<graphics type='spice'/>",
        "<rng model='virtio'><backend model='builtin'/></rng>",
        "<iommu model='intel'/>",
        "<iommu model='smmuv3'/>",
        "<vsock model='virtio'><cid auto='yes'/></vsock>",
        "<shmem name='s1'><model type='ivshmem-plain'/><size unit='M'>4</size></shmem>",
        '<nvram/>',
        "<smartcard mode='passthrough' type='spicevmc'/>",
        "<hub type='usb'/>",
      ].map((d): [string, (x: string) => string | null] => [`add ${d}`, addDevice(d)]),
    ],
  ],
];

/** a seeded generator (LCG), so that the sample of the larger families is stable */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

/**
 * The mutations of each family for one document: every mutation of the small
 * families, `sample` drawn ones of the large ones. `docIndex` seeds the draw.
 */
export function semanticMutations(sample = 4): { family: string; forDocument: (xml: string, docIndex: number) => SemanticMutation[] }[] {
  return FAMILIES.map(([family, muts]) => ({
    family,
    forDocument(xml: string, docIndex: number) {
      let chosen = muts;
      if (muts.length > 8) {
        const rand = lcg(docIndex * 7919 + family.length);
        chosen = Array.from({ length: sample }, () => muts[Math.floor(rand() * muts.length)]);
      }
      const out: SemanticMutation[] = [];
      for (const [name, apply] of chosen) out.push({ family, name, text: apply(xml) });
      return out;
    },
  }));
}
