/** uuid: generated at define when absent; a live domain's id is dropped. */
import { ENode } from '../eTree';
import { Rule } from '../context';
import { GENERATED } from '../fill';

export const identityRule: Rule = {
  id: 'uuid',
  description: 'a domain without <uuid> gets a random one; the id of a running domain is not stored',
  apply(ctx) {
    // <domain id='N'> is the id of a running domain (live XML); the persistent
    // definition has none, so define parses it and dumpxml --inactive omits it
    // (libvirt 7.0, 9.0 and 11.3 alike, observed with virsh define). Not a fill:
    // nothing is filled in and nothing of the guest's ABI changes.
    ctx.root.attrs.delete('id');
    if (ctx.root.child('uuid')) return;
    const uuid = new ENode('uuid');
    uuid.text = GENERATED;
    ctx.addElement(ctx.root, uuid, {
      rule: this.id,
      category: 'generated',
      reason: 'libvirt generates a random UUID when the document has none; it identifies the domain from then on',
      source: { ref: 'src/conf/domain_conf.c, virDomainDefParseXML (virUUIDGenerate)' },
    });
  },
};
