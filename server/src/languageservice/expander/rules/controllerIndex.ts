/** <controller> without index: the lowest index of its type not yet used. */
import { Rule } from '../context';

export const controllerIndexRule: Rule = {
  id: 'controller-index',
  description: 'numbers controllers that have no index',
  apply(ctx) {
    const controllers = ctx.root.child('devices')?.all('controller') ?? [];
    const used = new Map<string, Set<string>>();
    for (const c of controllers) {
      const t = c.attr('type') ?? '';
      if (!used.has(t)) used.set(t, new Set());
      if (c.attr('index') !== undefined) used.get(t)!.add(c.attr('index')!);
    }
    let lastUsbMaster: string | undefined;
    for (const c of controllers) {
      // UHCI companions of an EHCI controller: marked by <master>, or by an ich9-uhciN model
      const isCompanion = c.attr('type') === 'usb' && (!!c.child('master') || /^ich9-uhci\d$/.test(c.attr('model') ?? ''));
      if (c.attr('index') !== undefined) {
        if (c.attr('type') === 'usb' && !isCompanion) lastUsbMaster = c.attr('index');
        continue;
      }
      if (isCompanion) {
        // a USB companion controller (UHCI behind an EHCI master) shares its master's index
        ctx.fillAttr(c, 'index', lastUsbMaster ?? '0', {
          rule: this.id,
          category: 'abi',
          reason: 'a USB companion controller shares the index of the EHCI controller it serves',
          source: {
            ref: 'src/conf/domain_conf.c, virDomainControllerDefParseXML / virDomainDefPostParse (USB companions keep their master index)',
          },
        });
        continue;
      }
      const set = used.get(c.attr('type') ?? '')!;
      let i = 0;
      while (set.has(String(i))) i++;
      set.add(String(i));
      if (c.attr('type') === 'usb') lastUsbMaster = String(i);
      ctx.fillAttr(c, 'index', String(i), {
        rule: this.id,
        category: 'abi',
        reason: `the controller gets the lowest free ${c.attr('type')} index`,
        source: {
          ref: 'src/conf/domain_conf.c, virDomainControllerDefParseXML / virDomainDefPostParse (index -1 becomes the next free index of the type)',
        },
      });
    }
  },
};
