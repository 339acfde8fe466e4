/**
 * Which socket paths of a virtio <channel type='unix'> libvirt takes for one
 * it generated itself, and so drops at define time (the guest then gets a
 * freshly generated socket, `<source mode='bind'/>`). libvirt does this so
 * that a path it generated for one run does not stick in the config
 * (qemuDomainChrDefDropDefaultPath in src/qemu/qemu_domain.c).
 *
 * Before 10.0.0 the test is a regular expression whose alternation binds
 * loosest, so it matches far more than libvirt's own paths: any path whose
 * first name under the channel directory has a dot in it
 * (`.../channel/target/example.sock`), and any path anywhere that ends in
 * `domain-<something>/<target name>`. A socket the user chose there is
 * silently replaced. libvirt 10.0.0 anchors the test (NEWS: "Be less
 * aggressive when dropping channel source paths").
 *
 * 9.7.0 moved the directory of generated sockets under the state directory
 * and 10.0.0 fixed the test; what 9.7.0 to 9.10.0 match exactly is not known
 * here, so no row holds for them (no finding rather than a guess).
 *
 * The directories are those of a system daemon of a Debian build
 * (localstatedir /var, runstatedir /run, sysconfdir /etc).
 */
import { pickRow, Row, rowSource } from './rows';
import { Source } from './source';

export interface ChannelPathTest {
  /** the directories libvirt generates channel sockets under (escaped into its expression literally) */
  prefixes: readonly string[];
  /**
   * 'loose': `^PREFIX/([^/]+\.)|(domain-[^/]+/)NAME$` as written, that is either
   * alternative alone; 'anchored': `^PREFIX/(target/)?(X\.|domain-X/|N-X/)NAME$`
   */
  match: 'loose' | 'anchored';
}

const REF = 'src/qemu/qemu_domain.c, qemuDomainChrDefDropDefaultPath';

export const CHANNEL_PATH_ROWS: Row<ChannelPathTest>[] = [
  {
    key: 'channel-generated-path',
    libvirt: '<9.7.0',
    value: { prefixes: ['/var/lib/libvirt/qemu/channel/target'], match: 'loose' },
    source: {
      ref: `${REF} (7.0.0, 9.0.0); src/qemu/qemu_conf.c: channelTargetDir is <libDir>/channel/target`,
      verifiedOn: ['7.0.0', '9.0.0'],
    },
  },
  {
    key: 'channel-generated-path',
    libvirt: '>=10.0.0',
    value: {
      prefixes: ['/run/libvirt/qemu/channel', '/var/lib/libvirt/qemu/channel', '/etc/libvirt/qemu/channel'],
      match: 'anchored',
    },
    source: {
      ref: `${REF} and qemuDomainChrMatchDefaultPath (11.3.0); NEWS.rst 10.0.0 for the release of the fix`,
      verifiedOn: ['11.3.0'],
    },
  },
];

/** an element of the document or of the expansion: what the socket test reads */
interface Node<T> {
  readonly name: string;
  attr(name: string): string | undefined;
  child(name: string): T | undefined;
}

/** a virtio channel's unix socket: the <source> with its path and the target name, which libvirt tests */
export function channelSocket<T extends Node<T>>(ch: T): { source: T; path: string; name: string | undefined } | undefined {
  const target = ch.child('target');
  const source = ch.child('source');
  const path = source?.attr('path');
  if (ch.name !== 'channel' || ch.attr('type') !== 'unix' || target?.attr('type') !== 'virtio' || !source || !path) return undefined;
  return { source, path, name: target.attr('name') };
}

const ANY_GUEST = { arch: '', machine: 'other' as const };

/** the test of the libvirt version, with its source */
export function channelPathTest(libvirt: string): { test: ChannelPathTest; source: Source } | undefined {
  const row = pickRow(CHANNEL_PATH_ROWS, 'channel-generated-path', { libvirt, qemu: '' }, ANY_GUEST);
  return row && { test: row.value, source: rowSource(row) };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** whether that libvirt drops `path` from a virtio channel named `name` */
export function dropsChannelPath(test: ChannelPathTest, path: string, name: string | undefined): boolean {
  // a channel without a name: libvirt formats a NULL name as "(null)"
  const target = escape(name ?? '(null)');
  return test.prefixes.some((prefix) => {
    const p = escape(prefix);
    if (test.match === 'loose') return new RegExp(`^${p}/[^/]+\\.`).test(path) || new RegExp(`domain-[^/]+/${target}$`).test(path);
    return new RegExp(`^${p}/(target/)?(([^/]+\\.)|(domain-[^/]+/)|([0-9]+-[^/]+/))${target}$`).test(path);
  });
}
