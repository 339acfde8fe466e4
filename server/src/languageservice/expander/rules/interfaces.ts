/** <interface>: generated MAC address, default NIC model. */
import { defaultNetModel, NET_MODEL_SOURCE } from '../../knowledge/deviceDefaults';
import { Rule } from '../context';
import { ENode } from '../eTree';
import { GENERATED } from '../fill';

export const interfacesRule: Rule = {
  id: 'interface',
  description: 'generates MAC addresses and fills the NIC model',
  apply(ctx) {
    for (const nic of ctx.root.child('devices')?.all('interface') ?? []) {
      if (!nic.child('mac')) {
        ctx.addElement(nic, new ENode('mac', { address: GENERATED }), {
          rule: this.id,
          category: 'generated',
          reason: 'libvirt generates a MAC address in the 52:54:00 range; the guest sees it, so pin it once generated',
          source: { ref: 'src/conf/domain_conf.c, virDomainNetGenerateMAC' },
        });
      }
      if (nic.attr('type') === 'hostdev' || nic.attr('type') === 'vdpa') continue;
      const model = defaultNetModel(ctx.arch, ctx.machineKind, ctx.machine);
      const meta = {
        rule: this.id,
        category: 'abi' as const,
        reason: `a NIC without <model> is emulated as ${model} on ${ctx.machine}; the guest driver depends on it`,
        source: NET_MODEL_SOURCE,
      };
      const m = nic.child('model');
      if (!m) ctx.addElement(nic, new ENode('model', { type: model }), meta);
      else ctx.fillAttr(m, 'type', model, meta);
    }
  },
};
