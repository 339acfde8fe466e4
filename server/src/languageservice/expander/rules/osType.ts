/** <os><type arch machine>: the guest arch and the canonical, versioned machine type. */
import {
  canonicalMachine,
  DEFAULT_MACHINE_SOURCE,
  defaultMachineAlias,
  hostDefaultMachine,
  MACHINE_SOURCE,
} from '../../knowledge/machineTypes';
import { Rule } from '../context';
import { ENode } from '../eTree';

export const osTypeRule: Rule = {
  id: 'machine-type',
  description: 'fills the guest arch and resolves the machine type alias to the versioned machine of the target QEMU',
  apply(ctx) {
    const os = ctx.ensureChild(ctx.root, 'os', {
      rule: this.id,
      category: 'abi',
      reason: 'every domain has an <os> element',
      source: MACHINE_SOURCE,
    });
    let type = os.child('type');
    if (!type) {
      type = new ENode('type');
      type.text = 'hvm';
      ctx.addElement(os, type, {
        rule: this.id,
        category: 'abi',
        reason: 'QEMU domains are full virtualisation (hvm)',
        source: MACHINE_SOURCE,
      });
    }
    ctx.fillAttr(type, 'arch', ctx.arch, {
      rule: this.id,
      category: 'abi',
      reason: `with no arch, libvirt uses the host's architecture (${ctx.profile.hostArch})`,
      source: { ref: 'src/conf/capabilities.c, virCapabilitiesDomainDataLookup: the host arch is preferred' },
    });
    const written = type.attr('machine');
    if (!written) {
      const alias = defaultMachineAlias(ctx.arch);
      // with the host's capabilities, an arch without a known alias gets the first machine they list (QEMU's default)
      const canonical = alias ? canonicalMachine(ctx.profile, ctx.arch, alias) : hostDefaultMachine(ctx.profile, ctx.arch);
      if (canonical) {
        ctx.fillAttr(type, 'machine', canonical, {
          rule: this.id,
          category: 'abi',
          reason: alias
            ? `with no machine type, libvirt picks QEMU's default for ${ctx.arch} (${alias}) and stores its versioned name ${canonical}; the machine type fixes the guest's chipset and device defaults`
            : `with no machine type, libvirt picks QEMU's default for ${ctx.arch}, ${canonical} on this host; the machine type fixes the guest's chipset and device defaults`,
          source: DEFAULT_MACHINE_SOURCE,
        });
      }
      ctx.machine = type.attr('machine') ?? '';
      return;
    }
    const canonical = canonicalMachine(ctx.profile, ctx.arch, written);
    if (canonical && canonical !== written) {
      ctx.changeAttr(type, 'machine', canonical, {
        rule: this.id,
        category: 'abi',
        reason: `'${written}' is an alias of QEMU's newest ${written} machine; libvirt stores ${canonical} so the guest keeps this chipset version on newer QEMU`,
        source: MACHINE_SOURCE,
      });
    }
    ctx.machine = type.attr('machine') ?? written;
  },
};
