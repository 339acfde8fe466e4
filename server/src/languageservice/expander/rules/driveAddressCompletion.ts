/**
 * Drive addresses the document gives only in part (<address type='drive'
 * controller='1'/>): libvirt reads the missing numbers as 0 and writes all
 * four (src/conf/device_conf.c, virDomainDeviceDriveAddressParseXML).
 */
import { Source } from '../../knowledge/source';
import { parseNum, writeAddress } from '../addresses';
import { Rule } from '../context';

const RULE = 'drive-address-completion';
const SOURCE: Source = {
  ref: 'src/conf/device_conf.c, virDomainDeviceDriveAddressParseXML (controller, bus, target and unit default to 0); observed on libvirt 9.0.0',
};

export const driveAddressCompletionRule: Rule = {
  id: RULE,
  description: 'completes drive addresses the document gives in part',
  apply(ctx) {
    const devices = ctx.root.child('devices');
    for (const n of [...(devices?.all('disk') ?? []), ...(devices?.all('hostdev') ?? [])]) {
      const a = n.child('address');
      if (a?.attr('type') !== 'drive') continue;
      const parts = ['controller', 'bus', 'target', 'unit'];
      // a part written but not a number ('', 'x') fails the parse: libvirt rejects the domain, nothing is completed
      if (parts.some((k) => a.attr(k) !== undefined && parseNum(a.attr(k)) === undefined)) continue;
      const attrs: [string, string][] = [['type', 'drive']];
      for (const k of parts) attrs.push([k, String(parseNum(a.attr(k)) ?? 0)]);
      writeAddress(ctx, n, attrs, {
        rule: RULE,
        category: 'address',
        reason: 'a drive address part the document leaves out is 0',
        source: SOURCE,
      });
    }
  },
};
