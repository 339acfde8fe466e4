/**
 * spapr-vio registers on pSeries (qemuDomainAssignSpaprVIOAddresses):
 * spapr-vlan NICs, ibmvscsi controllers, spapr-vty serials, nvram and TPMs
 * sit on the VIO bus; each without a reg takes its class default, raised by
 * 0x1000 while another device has it.
 */
import { SPAPR_VIO_DEFAULT_REG, SPAPR_VIO_SOURCE } from '../../knowledge/busAddresses';
import { addressOf, addressType, hex, parseNum, writeAddress } from '../addresses';
import { ExpandContext, Rule } from '../context';
import { controllerList, isSerialConsoleAlias, iterationOrder } from '../deviceOrder';
import { ENode } from '../eTree';
import { FillMeta } from '../fill';

const RULE = 'spapr-vio-addresses';

/** the devices on the VIO bus, in the order libvirt numbers them, with their class default */
function vioDevices(ctx: ExpandContext): { node: ENode; base: number }[] {
  const devices = ctx.root.child('devices')!;
  const out: { node: ENode; base: number }[] = [];
  const onVio = (n: ENode, becomesVio: boolean) => becomesVio || addressType(n) === 'spapr-vio';
  for (const n of devices.all('interface'))
    if (onVio(n, n.child('model')?.attr('type') === 'spapr-vlan')) out.push({ node: n, base: SPAPR_VIO_DEFAULT_REG.net });
  for (const n of controllerList(ctx))
    if (onVio(n, n.attr('type') === 'scsi' && n.attr('model') === 'ibmvscsi'))
      out.push({ node: n, base: SPAPR_VIO_DEFAULT_REG.controller });
  for (const n of devices.all('serial'))
    if (onVio(n, n.child('target')?.attr('type') === 'spapr-vio-serial')) out.push({ node: n, base: SPAPR_VIO_DEFAULT_REG.serial });
  for (const n of devices.all('nvram')) if (onVio(n, ctx.isPseries)) out.push({ node: n, base: SPAPR_VIO_DEFAULT_REG.nvram });
  for (const n of devices.all('tpm'))
    if (onVio(n, ctx.isPseries && n.attr('model') !== 'spapr-tpm-proxy')) out.push({ node: n, base: SPAPR_VIO_DEFAULT_REG.tpm });
  return out;
}

export const spaprVioAddressesRule: Rule = {
  id: RULE,
  description: 'gives spapr-vio devices (pSeries NICs, SCSI, serial consoles, nvram, TPM) their VIO register',
  apply(ctx) {
    if (!ctx.root.child('devices')) return;
    const vio = vioDevices(ctx);
    if (!vio.length) return;
    // regs written in the document are known from the start; the others as libvirt assigns them
    const regs = new Map<ENode, number>();
    for (const { node } of iterationOrder(ctx)) {
      const reg = addressType(node) === 'spapr-vio' ? parseNum(addressOf(node)?.attr('reg')) : undefined;
      if (reg !== undefined) regs.set(node, reg);
    }
    const taken = (node: ENode, reg: number) => [...regs].some(([n, r]) => n !== node && r === reg);
    for (const { node, base } of vio) {
      let reg = regs.get(node);
      if (reg !== undefined) {
        if (taken(node, reg)) return; // libvirt refuses the domain
      } else {
        reg = base;
        while (taken(node, reg)) reg += 0x1000;
        regs.set(node, reg);
      }
      const given = regs.get(node) === base && addressOf(node)?.attr('reg') === undefined;
      const meta: FillMeta = {
        rule: RULE,
        category: 'address',
        reason: given
          ? `the device takes its class's first VIO register, ${hex(base, 8)}`
          : 'the device takes the next free VIO register (its class default plus 0x1000 steps)',
        source: SPAPR_VIO_SOURCE,
      };
      writeAddress(
        ctx,
        node,
        [
          ['type', 'spapr-vio'],
          ['reg', hex(reg, 8)],
        ],
        meta,
      );
    }
    // console 0 mirrors serial 0, address included
    const devices = ctx.root.child('devices')!;
    const console0 = devices.all('console')[0];
    const serial0 = devices.all('serial')[0];
    const serialAddr = serial0 && addressOf(serial0);
    if (
      console0 &&
      serialAddr?.attr('type') === 'spapr-vio' &&
      isSerialConsoleAlias(ctx, console0) &&
      ['none', 'spapr-vio'].includes(addressType(console0))
    ) {
      writeAddress(ctx, console0, [...serialAddr.attrs.entries()], {
        rule: RULE,
        category: 'address',
        reason: "the console is the first serial port, and libvirt writes it with that port's address",
        source: SPAPR_VIO_SOURCE,
      });
    }
  },
};
