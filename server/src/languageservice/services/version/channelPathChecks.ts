/**
 * A virtio channel's own unix socket path that libvirt takes for one it
 * generated and drops at define time (knowledge/channelPaths.ts): on the
 * target host, and on the migration floor where the target keeps it. A path
 * of libvirt's own making is left alone: dropping it is what libvirt means
 * to do, and the guest gets the same kind of socket back.
 */
import { CHANNEL_PATH_ROWS, ChannelPathTest, channelPathTest, channelSocket, dropsChannelPath } from '../../knowledge/channelPaths';
import { CheckContext } from './checkContext';
import { nameRange } from './guest';
import { VERSION_DROP } from './versionRules';

const CHECK = 'channel-generated-path';

/** libvirt's own generated paths, in any release's directories */
const OWN_PATHS: ChannelPathTest = {
  prefixes: [...new Set(CHANNEL_PATH_ROWS.flatMap((r) => r.value.prefixes))],
  match: 'anchored',
};

function lost(path: string): string {
  return `the channel gets a new socket in libvirt's channel directory instead, and whatever waits on ${path} finds nothing`;
}

function kept(prefixes: readonly string[], name: string | undefined): string {
  return `A path outside ${prefixes.join(', ')} that does not end in domain-*/${name ?? '(name)'} is kept.`;
}

export function channelPathDrops(ctx: CheckContext): void {
  const channels = ctx.devices('channel').flatMap((ch) => channelSocket(ch) ?? []);
  if (!channels.length) return;
  const target = channelPathTest(ctx.profile.libvirt);
  const floor = ctx.floor.libvirt ? channelPathTest(ctx.floor.libvirt) : undefined;
  for (const { source, path, name } of channels) {
    if (dropsChannelPath(OWN_PATHS, path, name)) continue;
    const onTarget = !!target && dropsChannelPath(target.test, path, name);
    if (onTarget) {
      ctx.report(
        VERSION_DROP.id,
        nameRange(source),
        `${ctx.targetLabel} takes this socket path for one it generated and drops it at define time`,
        {
          scope: 'target',
          node: 'element',
          outcome: 'dropped',
          path: '/domain/devices/channel/source/@path',
          value: path,
          target: ctx.profile.libvirt,
          check: CHECK,
        },
        undefined,
        `libvirt before 10.0.0 matches too much: ${lost(path)}. ${kept(target.test.prefixes, name)}`,
      );
    } else if (floor && dropsChannelPath(floor.test, path, name)) {
      ctx.report(
        VERSION_DROP.id,
        nameRange(source),
        `libvirt ${ctx.floor.libvirt} (migration floor) takes this socket path for one it generated and drops it`,
        {
          scope: 'floor',
          node: 'element',
          outcome: 'dropped',
          path: '/domain/devices/channel/source/@path',
          value: path,
          floor: ctx.floor.libvirt,
          check: CHECK,
        },
        undefined,
        `libvirt before 10.0.0 matches too much: ${lost(path)} after migration. ${kept(floor.test.prefixes, name)}`,
      );
    }
  }
}
