/**
 * libvirt's rules about <cpu><feature>s that need no host: SVE vector
 * lengths (sve128, sve256...) need SVE itself (src/qemu/qemu_postparse.c,
 * 9.0: qemu_domain.c, qemuDomainDefCPUPostParse; rejected by 9.0.0 and 11.3.0).
 */
import { LibvirtRule, nameOf } from './ruleFacts';

export const CPU_FEATURE_RULES: LibvirtRule[] = [
  {
    id: 'cpu-sve-lengths',
    source: 'src/qemu/qemu_postparse.c qemuDomainDefCPUPostParse',
    run(f, reject) {
      const features = f.domain.child('cpu')?.elements('feature') ?? [];
      const sve = features.find((x) => x.attr('name') === 'sve');
      const lengths = features.some((x) => x.attr('name')?.startsWith('sve') && x.attr('name') !== 'sve');
      const policy = sve?.attr('policy') ?? 'require';
      if (sve && lengths && (policy === 'disable' || policy === 'forbid'))
        reject('cpu-sve-lengths', nameOf(sve), `SVE vector lengths need SVE ("SVE disabled, but SVE vector lengths provided")`);
    },
  },
];
