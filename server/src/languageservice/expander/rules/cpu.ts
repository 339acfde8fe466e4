/** <cpu>: the default model from QEMU's machine, and mode/match/check/fallback. */
import { CPU_CHECK_SOURCE, DEFAULT_CPU_SOURCE, defaultCpuModel } from '../../knowledge/deviceDefaults';
import { Rule } from '../context';
import { ENode } from '../eTree';

export const cpuRule: Rule = {
  id: 'cpu',
  description: 'sets the default CPU model and the mode, match, check and fallback of the guest CPU',
  apply(ctx) {
    let cpu = ctx.root.child('cpu');
    const mode = cpu?.attr('mode') ?? 'custom';
    const model = cpu?.child('model');
    if (!cpu || (mode === 'custom' && !model?.value)) {
      const def = defaultCpuModel(ctx.arch, ctx.machineKind, ctx.isKvm, ctx.profile.qemu, ctx.machine);
      if (def) {
        const meta = {
          rule: this.id,
          category: 'abi' as const,
          reason: def.model
            ? `the guest gets QEMU's default CPU for ${ctx.machine} (${def.model}); libvirt records it so the CPU does not change with QEMU`
            : `QEMU's default CPU for ${ctx.machine} is the host's`,
          source: DEFAULT_CPU_SOURCE,
        };
        if (!cpu) cpu = ctx.addElement(ctx.root, new ENode('cpu'), meta);
        if (def.model) {
          ctx.fillAttr(cpu, 'mode', 'custom', meta);
          ctx.fillAttr(cpu, 'match', 'exact', meta);
          ctx.fillAttr(cpu, 'check', 'none', meta);
          const m = cpu.child('model') ?? ctx.addElement(cpu, new ENode('model'), meta);
          ctx.fillAttr(m, 'fallback', 'forbid', meta);
          ctx.setText(m, def.model, meta);
        } else if (def.mode) {
          ctx.fillAttr(cpu, 'mode', def.mode, meta);
        }
      }
    }
    if (!cpu) return;
    const finalMode = cpu.attr('mode') ?? 'custom';
    const hasModel = !!cpu.child('model')?.value;
    if (finalMode === 'custom' && !hasModel) return; // topology only
    const meta = (reason: string) => ({ rule: this.id, category: 'abi' as const, reason, source: CPU_CHECK_SOURCE });
    if (finalMode === 'custom') {
      ctx.fillAttr(cpu, 'mode', 'custom', meta('a CPU with a model is a custom CPU'));
      ctx.fillAttr(cpu, 'match', 'exact', meta('a custom CPU must match its model exactly unless told otherwise'));
      const m = cpu.child('model');
      if (m)
        ctx.fillAttr(m, 'fallback', 'allow', meta('libvirt may fall back to a close model the host supports unless told to forbid it'));
    }
    const check = finalMode === 'host-model' ? 'partial' : finalMode === 'custom' && ctx.isKvm ? 'partial' : 'none';
    ctx.fillAttr(
      cpu,
      'check',
      check,
      meta(
        check === 'partial'
          ? 'libvirt compares this CPU with the host before starting the guest (check partial); older libvirt (<3.2.0) drops the attribute'
          : ctx.isKvm || finalMode !== 'custom'
            ? 'a host-passthrough CPU is not compared with the host (check none)'
            : 'under TCG the emulated CPU is not compared with the host CPU (check none)',
      ),
    );
    // only QEMU's x86 host CPU has the migratable property (ppc64 and ARM reject the attribute);
    // the 32-bit x86 binary reports it off; `maximum` gets none written (observed on libvirt 9.0.0)
    if (finalMode === 'host-passthrough' && ctx.isX86) {
      const value = ctx.arch === 'x86_64' ? 'on' : 'off';
      ctx.fillAttr(cpu, 'migratable', value, {
        rule: this.id,
        category: 'abi',
        reason:
          value === 'on'
            ? 'a host-passthrough CPU hides the host features that would block migration'
            : 'the 32-bit QEMU binary cannot hide non-migratable host features, so libvirt records migratable off',
        source: {
          ref: "src/qemu/qemu_domain.c, qemuDomainDefCPUPostParse (migratable from the QEMU binary's host CPU capability); observed on libvirt 9.0.0",
          libvirt: '>=6.5.0',
        },
      });
    }
  },
};
