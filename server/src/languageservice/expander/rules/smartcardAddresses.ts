/**
 * Smartcards (virDomainDefMaybeAddSmartcardController): a smartcard without
 * an address goes in the next slot of CCID controller 0, and libvirt adds the
 * CCID controller each smartcard names when the document has none.
 */
import { Source } from '../../knowledge/source';
import { addressOf, addressType, parseNum, writeAddress } from '../addresses';
import { Rule } from '../context';
import { ENode } from '../eTree';

const RULE = 'smartcard-addresses';
const SOURCE: Source = {
  ref: 'src/conf/domain_conf.c, virDomainDefMaybeAddSmartcardController (slot = highest slot used on CCID controller 0 + 1; a CCID controller for each controller index in use); observed on libvirt 9.0.0',
};

export const smartcardAddressesRule: Rule = {
  id: RULE,
  description: 'gives smartcards their CCID slot and adds the CCID controller they sit on',
  apply(ctx) {
    const devices = ctx.root.child('devices');
    if (!devices) return;
    for (const card of devices.all('smartcard')) {
      let controller = 0;
      const type = addressType(card);
      if (type === 'ccid') controller = parseNum(addressOf(card)?.attr('controller')) ?? 0;
      else if (type === 'none') {
        let max = -1;
        for (const other of devices.all('smartcard')) {
          const a = addressOf(other);
          if (a?.attr('type') === 'ccid' && (parseNum(a.attr('controller')) ?? 0) === 0) max = Math.max(max, parseNum(a.attr('slot')) ?? 0);
        }
        writeAddress(
          ctx,
          card,
          [
            ['type', 'ccid'],
            ['controller', '0'],
            ['slot', String(max + 1)],
          ],
          {
            rule: RULE,
            category: 'address',
            reason: 'the smartcard takes the next slot of CCID controller 0',
            source: SOURCE,
          },
        );
      }
      if (!devices.all('controller').some((c) => c.attr('type') === 'ccid' && Number(c.attr('index') ?? '0') === controller)) {
        ctx.addElement(devices, new ENode('controller', { type: 'ccid', index: String(controller) }), {
          rule: RULE,
          category: 'abi',
          reason: `a smartcard sits on CCID controller ${controller}, so libvirt adds it`,
          source: SOURCE,
        });
      }
    }
  },
};
