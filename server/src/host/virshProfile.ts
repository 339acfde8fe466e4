/**
 * The profile of a real host, read through `virsh` (read-only): the local
 * libvirt, or a remote one such as qemu+ssh://host/system. I/O lives here,
 * outside the pure language service.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import { customProfile, distributionProfile } from '../languageservice/profiles/builtinProfiles';
import { parseDomainCapabilities, withHostFacts } from '../languageservice/profiles/capabilities';
import { DomainCapabilities, TargetProfile } from '../languageservice/profiles/profile';
import { readLocalHostCache, writeLocalHostCache } from './localHostCache';

/** runs virsh read-only, except where libvirt refuses a read-only connection (domain capabilities) */
function virsh(uri: string | undefined, args: string[], timeout = 10_000, readOnly = true): string {
  const conn = uri ? ['-c', uri] : [];
  return execFileSync('virsh', [...(readOnly ? ['-r'] : []), ...conn, ...args], {
    encoding: 'utf8',
    timeout,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_ALL: 'C' },
  });
}

/** `Running against daemon: 9.0.0` / `Running hypervisor: QEMU 7.2.0` */
function versions(out: string): { libvirt?: string; qemu?: string } {
  return {
    libvirt: /Running against daemon: (\d+\.\d+\.\d+)/.exec(out)?.[1] ?? /Using library: libvirt (\d+\.\d+\.\d+)/.exec(out)?.[1],
    qemu: /Running hypervisor: QEMU (\d+\.\d+\.\d+)/.exec(out)?.[1],
  };
}

/**
 * The domain capabilities of the guests checked, asked of the host per arch, virt type and machine as
 * the domains come (each combination once). libvirt refuses them on a read-only connection ("read only
 * access prevents virConnectGetDomainCapabilities"), so this one call is made read-write; a host that
 * refuses it answers nothing and the checks that need it stay silent.
 */
function liveDomcaps(uri: string | undefined): TargetProfile['domcapsProvider'] {
  const asked = new Map<string, DomainCapabilities | undefined>();
  return ({ arch, virttype, machine }) => {
    const key = `${arch} ${virttype} ${machine}`;
    if (!asked.has(key)) {
      let caps: DomainCapabilities | undefined;
      try {
        const args = ['domcapabilities', '--arch', arch, '--virttype', virttype, ...(machine ? ['--machine', machine] : [])];
        caps = parseDomainCapabilities(virsh(uri, args, 30_000, false));
      } catch {
        caps = undefined;
      }
      asked.set(key, caps);
    }
    return asked.get(key);
  };
}

/**
 * The distribution release of a daemon on this machine, from its os-release: the host's for qemu:///system,
 * a chroot's when the URI's socket lives inside one (ROOT/run/libvirt/libvirt-sock). Undefined for a remote
 * host, whose files cannot be read.
 */
export function localDistribution(uri?: string): { id: string; versionId: string } | undefined {
  if (uri && !/^qemu:\/\/\/(system|session)\b/.test(uri)) return undefined;
  const socket = uri ? /[?&]socket=([^&]+)/.exec(uri)?.[1] : undefined;
  const root = socket ? socket.replace(/\/(var\/)?run\/libvirt\/libvirt-sock$/, '') : '';
  if (socket && root === socket) return undefined;
  try {
    const text = fs.readFileSync(`${root}/etc/os-release`, 'utf8');
    const field = (k: string) => new RegExp(`^${k}="?([^"\n]*)"?$`, 'm').exec(text)?.[1];
    const id = field('ID');
    const versionId = field('VERSION_ID');
    return id && versionId ? { id, versionId } : undefined;
  } catch {
    return undefined;
  }
}

/** reads a host's profile; undefined when virsh is missing or the host does not answer */
export function readHostProfile(uri?: string, withDomcaps = false): TargetProfile | undefined {
  try {
    // the local daemon's answers are kept between runs (localHostCache.ts); remote hosts are always asked
    const cached = uri === undefined ? readLocalHostCache() : undefined;
    const versionText = cached?.version ?? virsh(uri, ['version', '--daemon']);
    const v = versions(versionText);
    if (!v.libvirt || !v.qemu) return undefined;
    const caps = cached?.capabilities ?? virsh(uri, ['capabilities']);
    if (uri === undefined && !cached) writeLocalHostCache({ version: versionText, capabilities: caps });
    const os = localDistribution(uri);
    const distro = os && distributionProfile(os, v.libvirt, v.qemu);
    // the packaging facts of the distribution release the daemon is from, with the daemon's own versions
    const base = distro
      ? { ...distro, libvirt: v.libvirt, qemu: v.qemu, source: `${distro.label}'s packaging (os-release ${os.id} ${os.versionId})` }
      : customProfile(v.libvirt, v.qemu);
    const p = withHostFacts(base, caps);
    if (withDomcaps) p.domcapsProvider = liveDomcaps(uri);
    p.id = uri ? `host:${uri}` : 'local';
    p.label = `${uri ? uri : 'local host'} (libvirt ${v.libvirt}, QEMU ${v.qemu})`;
    p.source = `read from virsh ${uri ?? 'default connection'}${distro ? `; ${base.source}` : ''}`;
    return p;
  } catch {
    return undefined;
  }
}
