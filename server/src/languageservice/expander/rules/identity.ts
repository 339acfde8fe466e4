/** uuid: generated at define when absent. */
import { ENode } from '../eTree';
import { Rule } from '../context';
import { GENERATED } from '../fill';

export const identityRule: Rule = {
  id: 'uuid',
  description: 'a domain without <uuid> gets a random one',
  apply(ctx) {
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
