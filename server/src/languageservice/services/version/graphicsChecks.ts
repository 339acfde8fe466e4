/**
 * libvirt's rules for graphics and video devices (libvirt 7.0, 9.0, 11.3):
 * - src/qemu/qemu_validate.c qemuValidateDomainDeviceDefGraphics:
 *   egl-headless pairs only with VNC or SPICE, and not with SPICE's own
 *   OpenGL;
 * - src/conf/domain_validate.c virDomainDefVideoValidate: one primary video.
 * The SPICE tlsPort rule is domainChecks.ts spice.
 */
import { attrRange, LibvirtRule, nameOf } from './ruleFacts';

export const GRAPHICS_RULES: LibvirtRule[] = [
  {
    id: 'graphics-egl-headless',
    source: 'src/qemu/qemu_validate.c qemuValidateDomainDeviceDefGraphics',
    run(f, reject) {
      const graphics = f.domain.child('devices')?.elements('graphics') ?? [];
      if (!graphics.some((g) => g.attr('type') === 'egl-headless')) return;
      for (const g of graphics) {
        const type = g.attr('type');
        if (type === 'egl-headless' || type === 'vnc') continue;
        if (type !== 'spice')
          reject(
            'graphics-egl-headless',
            attrRange(g, 'type'),
            `egl-headless renders for a VNC or SPICE display ("graphics type 'egl-headless' is only supported with one of: 'vnc', 'spice' graphics types")`,
          );
        else if (g.child('gl')?.attr('enable') === 'yes')
          reject(
            'graphics-egl-headless',
            nameOf(g.child('gl')!),
            `SPICE's OpenGL and egl-headless exclude each other ("multiple OpenGL displays are not supported by QEMU")`,
          );
      }
    },
  },
  {
    id: 'video-primary',
    source: 'src/conf/domain_validate.c virDomainDefVideoValidate',
    run(f, reject) {
      const primaries = (f.domain.child('devices')?.elements('video') ?? []).filter((v) => v.child('model')?.attr('primary') === 'yes');
      if (primaries.length > 1)
        reject(
          'video-primary',
          attrRange(primaries[1].child('model')!, 'primary'),
          `two videos say primary='yes' ("Only one primary video device is supported")`,
        );
    },
  },
];
