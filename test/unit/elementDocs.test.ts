/**
 * The hover descriptions table (knowledge/elementDocs.ts): size, path shape,
 * summary length, documentation anchors, exact-path lookup, coverage of the
 * elements hovers must explain, and that the wording is our own.
 *
 * The wording check compares summaries with libvirt's formatdomain.rst when a
 * copy is available on this machine (LIBVIRT_FORMATDOMAIN_RST, or a libvirt
 * source tree unpacked under /tmp/lvsrc); libvirt's text itself is never kept
 * in this repository, so without a copy that check is skipped.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { docFor, ELEMENT_DOCS, FORMAT_DOMAIN_URL } from '../../server/src/languageservice/knowledge/elementDocs';
import { VERSION_FACTS } from '../../server/src/languageservice/knowledge/versionFacts';
import { loadSchemaPaths, SchemaPaths } from './rngPaths';

/**
 * Section ids of https://libvirt.org/formatdomain.html, read from the section
 * titles of libvirt's docs/formatdomain.rst (libvirt/libvirt, the 9.x document
 * that has "Watchdog devices", "Common <os> element configuration" and
 * "Crypto"): docutils lowercases a title and joins its words with hyphens.
 */
const FORMATDOMAIN_ANCHORS = new Set([
  'domain-xml-format',
  'element-and-attribute-overview',
  'general-metadata',
  'operating-system-booting',
  'bios-bootloader',
  'host-bootloader',
  'direct-kernel-boot',
  'container-boot',
  'common-os-element-configuration',
  'smbios-system-information',
  'cpu-allocation',
  'iothreads-allocation',
  'cpu-tuning',
  'memory-allocation',
  'memory-backing',
  'memory-tuning',
  'numa-node-tuning',
  'block-i-o-tuning',
  'resource-partitioning',
  'fibre-channel-vmid',
  'cpu-model-and-topology',
  'acpi-heterogeneous-memory-attribute-table',
  'events-configuration',
  'power-management',
  'hypervisor-features',
  'time-keeping',
  'performance-monitoring-events',
  'devices',
  'hard-drives-floppy-disks-cdroms',
  'filesystems',
  'device-addresses',
  'virtio-related-options',
  'virtio-transitional-devices',
  'controllers',
  'device-leases',
  'host-device-assignment',
  'usb-pci-scsi-devices',
  'block-character-devices',
  'redirected-devices',
  'smartcard-devices',
  'network-interfaces',
  'virtual-network',
  'bridge-to-lan',
  'userspace-slirp-or-passt-connection',
  'generic-ethernet-connection',
  'direct-attachment-to-physical-interface',
  'pci-passthrough',
  'vdpa-devices',
  'teaming-a-virtio-hostdev-nic-pair',
  'multicast-tunnel',
  'tcp-tunnel',
  'udp-unicast-tunnel',
  'null-network-interface',
  'vmware-distributed-switch',
  'setting-the-nic-model',
  'setting-nic-driver-specific-options',
  'setting-network-backend-specific-options',
  'overriding-the-target-element',
  'specifying-boot-order',
  'interface-rom-bios-configuration',
  'setting-up-a-network-backend-in-a-driver-domain',
  'quality-of-service',
  'setting-vlan-tag-on-supported-network-types-only',
  'isolating-guests-network-traffic-from-each-other',
  'modifying-virtual-link-state',
  'mtu-configuration',
  'coalesce-settings',
  'ip-configuration',
  'vhost-user-interface',
  'traffic-filtering-with-nwfilter',
  'input-devices',
  'hub-devices',
  'graphical-framebuffers',
  'video-devices',
  'consoles-serial-parallel-channel-devices',
  'guest-interface',
  'parallel-port',
  'serial-port',
  'console',
  'relationship-between-serial-ports-and-consoles',
  'channel',
  'host-interface',
  'domain-logfile',
  'device-logfile',
  'virtual-console',
  'null-device',
  'pseudo-tty',
  'host-device-proxy',
  'named-pipe',
  'tcp-client-server',
  'udp-network-console',
  'unix-domain-socket-client-server',
  'spice-channel',
  'nmdm-device',
  'sound-devices',
  'audio-backends',
  'none-audio-backend',
  'alsa-audio-backend',
  'coreaudio-audio-backend',
  'd-bus-audio-backend',
  'jack-audio-backend',
  'oss-audio-backend',
  'pulseaudio-audio-backend',
  'sdl-audio-backend',
  'spice-audio-backend',
  'file-audio-backend',
  'watchdog-devices',
  'memory-balloon-device',
  'random-number-generator-device',
  'tpm-device',
  'nvram-device',
  'panic-device',
  'shared-memory-device',
  'memory-devices',
  'iommu-devices',
  'vsock',
  'crypto',
  'security-label',
  'key-wrap',
  'launch-security',
  'example-configs',
]);

/** paths every hover user is likely to point at: each must be described */
const REQUIRED = [
  '/domain',
  '/domain/@type',
  '/domain/name',
  '/domain/uuid',
  '/domain/title',
  '/domain/description',
  '/domain/metadata',
  '/domain/os',
  '/domain/os/type',
  '/domain/os/type/@arch',
  '/domain/os/type/@machine',
  '/domain/os/boot',
  '/domain/os/boot/@dev',
  '/domain/os/loader',
  '/domain/os/nvram',
  '/domain/os/@firmware',
  '/domain/features',
  '/domain/features/acpi',
  '/domain/features/apic',
  '/domain/features/hyperv',
  '/domain/features/kvm',
  '/domain/features/smm',
  '/domain/features/vmport',
  '/domain/features/pmu',
  '/domain/features/gic',
  '/domain/features/ioapic',
  '/domain/cpu',
  '/domain/cpu/@mode',
  '/domain/cpu/@match',
  '/domain/cpu/@check',
  '/domain/cpu/@migratable',
  '/domain/cpu/model',
  '/domain/cpu/model/@fallback',
  '/domain/cpu/feature',
  '/domain/cpu/feature/@policy',
  '/domain/cpu/topology',
  '/domain/cpu/topology/@sockets',
  '/domain/cpu/topology/@cores',
  '/domain/cpu/topology/@threads',
  '/domain/clock',
  '/domain/clock/@offset',
  '/domain/clock/timer',
  '/domain/clock/timer/@name',
  '/domain/clock/timer/@tickpolicy',
  '/domain/clock/timer/@present',
  '/domain/on_poweroff',
  '/domain/on_reboot',
  '/domain/on_crash',
  '/domain/memory',
  '/domain/memory/@unit',
  '/domain/currentMemory',
  '/domain/vcpu',
  '/domain/vcpu/@placement',
  '/domain/vcpu/@current',
  '/domain/devices',
  '/domain/devices/emulator',
  '/domain/devices/disk',
  '/domain/devices/disk/@type',
  '/domain/devices/disk/@device',
  '/domain/devices/disk/driver',
  '/domain/devices/disk/driver/@name',
  '/domain/devices/disk/driver/@type',
  '/domain/devices/disk/driver/@cache',
  '/domain/devices/disk/driver/@io',
  '/domain/devices/disk/driver/@discard',
  '/domain/devices/disk/source',
  '/domain/devices/disk/target',
  '/domain/devices/disk/target/@dev',
  '/domain/devices/disk/target/@bus',
  '/domain/devices/disk/address',
  '/domain/devices/disk/boot',
  '/domain/devices/disk/boot/@order',
  '/domain/devices/disk/readonly',
  '/domain/devices/controller',
  '/domain/devices/controller/@type',
  '/domain/devices/controller/@index',
  '/domain/devices/controller/@model',
  '/domain/devices/controller/model/@name',
  '/domain/devices/controller/target/@chassis',
  '/domain/devices/controller/target/@port',
  '/domain/devices/controller/driver/@queues',
  '/domain/devices/interface',
  '/domain/devices/interface/@type',
  '/domain/devices/interface/mac/@address',
  '/domain/devices/interface/source',
  '/domain/devices/interface/model/@type',
  '/domain/devices/interface/driver',
  '/domain/devices/input',
  '/domain/devices/input/@type',
  '/domain/devices/input/@bus',
  '/domain/devices/graphics',
  '/domain/devices/graphics/@type',
  '/domain/devices/graphics/@port',
  '/domain/devices/graphics/@autoport',
  '/domain/devices/graphics/@listen',
  '/domain/devices/graphics/listen/@type',
  '/domain/devices/audio',
  '/domain/devices/audio/@id',
  '/domain/devices/audio/@type',
  '/domain/devices/video',
  '/domain/devices/video/model',
  '/domain/devices/video/model/@type',
  '/domain/devices/video/model/@vram',
  '/domain/devices/video/model/@ram',
  '/domain/devices/video/model/@vgamem',
  '/domain/devices/video/model/@heads',
  '/domain/devices/video/model/@primary',
  '/domain/devices/serial',
  '/domain/devices/serial/target/@type',
  '/domain/devices/serial/target/@port',
  '/domain/devices/serial/target/model/@name',
  '/domain/devices/console',
  '/domain/devices/console/target/@type',
  '/domain/devices/console/target/@port',
  '/domain/devices/channel',
  '/domain/devices/channel/target/@type',
  '/domain/devices/channel/target/@name',
  '/domain/devices/memballoon',
  '/domain/devices/memballoon/@model',
  '/domain/devices/rng',
  '/domain/devices/rng/@model',
  '/domain/devices/rng/backend',
  '/domain/devices/panic',
  '/domain/devices/panic/@model',
  '/domain/devices/tpm',
  '/domain/devices/tpm/@model',
  '/domain/devices/tpm/backend/@type',
  '/domain/devices/watchdog',
  '/domain/devices/watchdog/@model',
  '/domain/devices/watchdog/@action',
  '/domain/devices/sound',
  '/domain/devices/sound/@model',
  '/domain/devices/hostdev',
  '/domain/devices/hostdev/@type',
  '/domain/devices/hostdev/@managed',
  '/domain/devices/hostdev/source',
  '/domain/devices/filesystem',
  '/domain/devices/filesystem/driver/@type',
  '/domain/devices/redirdev',
  '/domain/devices/smartcard',
  '/domain/devices/hub',
  '/domain/devices/iommu',
  '/domain/devices/iommu/@model',
  '/domain/devices/vsock',
  '/domain/devices/vsock/cid/@address',
  '/domain/devices/shmem',
  '/domain/devices/memory',
  '/domain/devices/memory/@model',
  '/domain/launchSecurity',
  '/domain/launchSecurity/@type',
  '/domain/seclabel',
  '/domain/sysinfo',
  '/domain/memoryBacking',
  '/domain/cputune',
  '/domain/numatune',
  '/domain/pm',
  '/domain/resource',
  '/domain/iothreads',
];

/** every attribute of the guest-side address element, under a few devices */
const ADDRESS_ATTRIBUTES = [
  'type',
  'domain',
  'bus',
  'slot',
  'function',
  'multifunction',
  'controller',
  'unit',
  'port',
  'cssid',
  'ssid',
  'devno',
  'reg',
];

const PATH_RE = /^\/domain(?:\/[A-Za-z_][\w.-]*)*(?:\/@[A-Za-z_][\w.-]*)?$/;

function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/:since:`[^`]*`/g, ' ')
      .match(/[a-z0-9_]+/g) ?? []
  );
}

/** a copy of libvirt's formatdomain.rst on this machine, if any */
function referenceRst(): string | undefined {
  const env = process.env.LIBVIRT_FORMATDOMAIN_RST;
  if (env) return fs.existsSync(env) ? env : undefined;
  const root = '/tmp/lvsrc';
  if (!fs.existsSync(root)) return undefined;
  for (const d of fs.readdirSync(root).sort().reverse()) {
    const p = path.join(root, d, 'docs', 'formatdomain.rst');
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}

describe('element docs', () => {
  const keys = Object.keys(ELEMENT_DOCS);

  it('has at least 250 entries', () => {
    assert.ok(keys.length >= 250, `only ${keys.length} entries`);
  });

  it('keys are absolute /domain paths with the attribute, if any, last', () => {
    const bad = keys.filter((k) => !PATH_RE.test(k));
    assert.deepStrictEqual(bad, []);
  });

  it('summaries are one or two plain sentences of at most 300 characters', () => {
    const bad = keys.filter((k) => {
      const s = ELEMENT_DOCS[k].summary;
      return !s || s !== s.trim() || s.length > 300 || /[\r\n]/.test(s) || !/[.)]$/.test(s);
    });
    assert.deepStrictEqual(bad, []);
  });

  it('anchors are section ids of formatdomain.html', () => {
    const bad = keys.filter((k) => !FORMATDOMAIN_ANCHORS.has(ELEMENT_DOCS[k].anchor)).map((k) => `${k} -> ${ELEMENT_DOCS[k].anchor}`);
    assert.deepStrictEqual(bad, []);
  });

  it('describes the paths hovers most need', () => {
    const missing = REQUIRED.filter((p) => !docFor(p));
    assert.deepStrictEqual(missing, []);
    for (const dev of ['disk', 'interface', 'controller', 'video', 'memballoon', 'serial']) {
      const absent = ADDRESS_ATTRIBUTES.filter((a) => !docFor(`/domain/devices/${dev}/address/@${a}`));
      assert.deepStrictEqual(absent, [], `address attributes under ${dev}`);
    }
  });

  it('docFor looks up exact paths only', () => {
    assert.strictEqual(docFor('/domain/devices/disk'), ELEMENT_DOCS['/domain/devices/disk']);
    assert.strictEqual(docFor('/domain/devices/controller/@model')?.anchor, 'controllers');
    assert.strictEqual(docFor('/domain/devices/disk/'), undefined);
    assert.strictEqual(docFor('/domain/devices/DISK'), undefined);
    assert.strictEqual(docFor('domain/devices/disk'), undefined);
    assert.strictEqual(docFor('/domain/devices/disk/nonsense'), undefined);
    assert.strictEqual(docFor('constructor'), undefined);
    assert.strictEqual(docFor('__proto__'), undefined);
    assert.strictEqual(FORMAT_DOMAIN_URL, 'https://libvirt.org/formatdomain.html');
  });

  describe('against what libvirt knows', () => {
    const factPaths = new Set(VERSION_FACTS.map((f) => f.path));
    let schema: SchemaPaths | undefined;

    before(function () {
      const entry = path.join(process.env.LIBVIRT_SCHEMA_DIR ?? '/usr/share/libvirt/schemas', 'domain.rng');
      if (fs.existsSync(entry)) schema = loadSchemaPaths(entry);
    });

    it('every key is in libvirt\u2019s schema or in the version facts', function () {
      if (!schema) this.skip();
      const s = schema!;
      const unknown = keys.filter((k) => {
        if (factPaths.has(k)) return false;
        const at = k.lastIndexOf('/@');
        return at >= 0 ? !s.attribute(k.slice(0, at), k.slice(at + 2)) : !s.hasElement(k);
      });
      assert.deepStrictEqual(unknown, []);
    });
  });

  it('shares no run of 8 words with libvirt\u2019s formatdomain.rst', function () {
    const rst = referenceRst();
    if (!rst) this.skip();
    const ref = words(fs.readFileSync(rst!, 'utf8'));
    const N = 8;
    const grams = new Set<string>();
    for (let i = 0; i + N <= ref.length; i++) grams.add(ref.slice(i, i + N).join(' '));
    const copied: string[] = [];
    for (const k of keys) {
      const w = words(ELEMENT_DOCS[k].summary);
      for (let i = 0; i + N <= w.length; i++) {
        const g = w.slice(i, i + N).join(' ');
        if (grams.has(g)) copied.push(`${k}: "${g}"`);
      }
    }
    assert.deepStrictEqual(copied, []);
  });
});
