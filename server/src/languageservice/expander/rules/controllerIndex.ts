/**
 * <controller> without index, as libvirt numbers it (src/conf/domain_postparse.c,
 * virDomainAssignControllerIndexes; domain_conf.c before 8.x, the same code in
 * 7.0, 9.0 and 11.3): the controllers are taken in libvirt's internal list
 * order (virDomainControllerInsertPreAlloced: grouped by type, an indexed one
 * placed before the first of its type with a higher index, an unindexed one
 * after the last of its type), and each unindexed one gets the lowest index of
 * its type not used yet, except a USB2 controller (ich9-ehci1, ich9-uhci1..3)
 * that follows another USB2 controller in the list: it shares that one's index
 * unless a controller of its own model already has it. At parse, an ich9-uhciN
 * without <master> gets <master startport='0|2|4'/> (virDomainControllerDefParseXML).
 */
import { Rule } from '../context';
import { ENode } from '../eTree';

const USB2 = ['ich9-ehci1', 'ich9-uhci1', 'ich9-uhci2', 'ich9-uhci3'];
const UHCI_STARTPORT: Record<string, string> = { 'ich9-uhci1': '0', 'ich9-uhci2': '2', 'ich9-uhci3': '4' };

interface Entry {
  node: ENode;
  type: string;
  model: string;
  idx: number;
  master: boolean;
}

const isUsb2 = (e: Entry) => e.type === 'usb' && USB2.includes(e.model);

/** libvirt's virDomainControllerInsertPreAlloced: where a parsed controller goes in the list */
function insert(list: Entry[], c: Entry): void {
  let at = -1;
  for (let i = list.length - 1; i >= 0; i--) {
    const cur = list[i];
    if (cur.type !== c.type) continue;
    if (c.idx === -1) {
      at = i + 1;
      break;
    }
    if (cur.idx > c.idx) at = i;
    else if (!c.master && cur.master && cur.idx === c.idx) at = i;
    else if (at === -1) at = i + 1;
  }
  if (at === -1) list.push(c);
  else list.splice(at, 0, c);
}

export const controllerIndexRule: Rule = {
  id: 'controller-index',
  description: 'numbers controllers that have no index as libvirt does, and gives ICH9 UHCI companions their master start port',
  apply(ctx) {
    const controllers = ctx.root.child('devices')?.all('controller') ?? [];
    for (const c of controllers) {
      const port = c.attr('type') === 'usb' && !c.child('master') ? UHCI_STARTPORT[c.attr('model') ?? ''] : undefined;
      if (port === undefined) continue;
      ctx.addElement(c, new ENode('master', { startport: port }), {
        rule: this.id,
        category: 'abi',
        reason: `an ${c.attr('model')} companion without <master> serves the EHCI controller's ports from ${port}`,
        source: { ref: 'src/conf/domain_conf.c, virDomainControllerDefParseXML (uhci1/2/3 get master startport 0/2/4)' },
      });
    }
    const list: Entry[] = [];
    for (const node of controllers) {
      const written = node.attr('index');
      const idx = written !== undefined && /^\d+$/.test(written) ? Number(written) : -1;
      insert(list, { node, type: node.attr('type') ?? '', model: node.attr('model') ?? '', idx, master: !!node.child('master') });
    }
    const used = (type: string, idx: number) => list.some((e) => e.type === type && e.idx === idx);
    for (let outer = 0; outer < list.length; outer++) {
      const cont = list[outer];
      if (cont.idx !== -1 || cont.node.attr('index') !== undefined) continue;
      let prev: Entry | undefined;
      if (outer > 0 && isUsb2(cont)) {
        for (let p = outer - 1; p >= 0 && !prev; p--) if (list[p].type === 'usb') prev = list[p];
        if (prev && !isUsb2(prev)) prev = undefined;
        if (prev && list.some((e) => e.type === 'usb' && e.idx === prev!.idx && e.model === cont.model)) prev = undefined;
      }
      if (prev) {
        cont.idx = prev.idx;
        ctx.fillAttr(cont.node, 'index', String(cont.idx), {
          rule: this.id,
          category: 'abi',
          reason: 'a USB2 companion controller listed right after another USB2 controller shares its index',
          source: { ref: 'src/conf/domain_postparse.c, virDomainAssignControllerIndexes (USB2 companions)' },
        });
        continue;
      }
      let i = 0;
      while (used(cont.type, i)) i++;
      cont.idx = i;
      ctx.fillAttr(cont.node, 'index', String(i), {
        rule: this.id,
        category: 'abi',
        reason: `the controller gets the lowest free ${cont.type} index`,
        source: {
          ref: 'src/conf/domain_postparse.c, virDomainAssignControllerIndexes (index -1 becomes the lowest unused index of the type)',
        },
      });
    }
  },
};
