/**
 * libvirt's rules for the <seclabel>s of a device (in a disk's or a host
 * device's <source>, a chardev's...), read by src/conf/domain_conf.c
 * virSecurityDeviceLabelDefParseXML (7.0, 9.0 and 11.3 unless said
 * otherwise): one label per security model, a <label> only while the device
 * is relabelled, and (11.3, confirmed by its daemon; not in 9.0's source)
 * no explicit relabel='yes' without a <label>. src/conf/domain_validate.c
 * virSecurityDeviceLabelDefValidate: a device label of a model whose
 * domain-level <seclabel> does not relabel (relabel='no', or type static or
 * none without relabel=) is refused (observed on 7.0, 9.0 and 11.3). The
 * domain's own <seclabel>s are domainChecks.ts'.
 */
import { XmlElement } from '../../parser/xmlNodes';
import { attrRange, below, LibvirtRule, nameOf, SEEN_IN_11_3 } from './ruleFacts';

/** the seclabel groups of devices: the <seclabel> children of each element below <devices> that has any */
function deviceLabelGroups(domain: XmlElement): XmlElement[][] {
  const devices = domain.child('devices');
  if (!devices) return [];
  const groups: XmlElement[][] = [];
  for (const el of below(devices)) {
    const labels = el.elements('seclabel');
    if (labels.length) groups.push(labels);
  }
  return groups;
}

/** the models of the domain's <seclabel>s that do not relabel */
function modelsNotRelabelled(domain: XmlElement): Set<string | undefined> {
  const out = new Set<string | undefined>();
  for (const l of domain.elements('seclabel')) {
    const relabel = l.attr('relabel');
    const type = l.attr('type') ?? 'dynamic';
    if (relabel === 'no' || (relabel === undefined && (type === 'static' || type === 'none'))) out.add(l.attr('model'));
  }
  return out;
}

export const DEVICE_SECLABEL_RULES: LibvirtRule[] = [
  {
    id: 'device-seclabel-override',
    source: 'src/conf/domain_validate.c virSecurityDeviceLabelDefValidate',
    run(f, reject) {
      const fixed = modelsNotRelabelled(f.domain);
      if (!fixed.size) return;
      for (const labels of deviceLabelGroups(f.domain))
        for (const l of labels)
          if (fixed.has(l.attr('model'))) {
            reject(
              'device-seclabel-override',
              nameOf(l),
              `the domain's ${l.attr('model') ?? ''} <seclabel> does not relabel, so a device cannot override it ("label overrides require relabeling to be enabled at the domain level")`,
            );
            return;
          }
    },
  },
  {
    id: 'device-seclabel',
    source: 'src/conf/domain_conf.c virSecurityDeviceLabelDefParseXML',
    run(f, reject) {
      for (const labels of deviceLabelGroups(f.domain)) {
        const models = new Set<string>();
        for (const l of labels) {
          const model = l.attr('model');
          if (model !== undefined && models.has(model)) {
            reject(
              'device-seclabel',
              attrRange(l, 'model'),
              `one label per security model ("seclabel for model ${model} is already provided")`,
            );
            return;
          }
          if (model !== undefined) models.add(model);
          const relabel = l.attr('relabel');
          const label = l.child('label');
          const hasLabel = !!label?.text();
          if (hasLabel && relabel === 'no') {
            reject(
              'device-seclabel',
              nameOf(label!),
              `a label is applied only when relabelling ("Cannot specify a label if relabelling is turned off. model=${model ?? '(null)'}")`,
            );
            return;
          }
          if (!hasLabel && relabel === 'yes' && f.targetIn(SEEN_IN_11_3)) {
            reject(
              'device-seclabel',
              attrRange(l, 'relabel'),
              `relabel='yes' says which label to apply: add a <label> ("Cannot specify relabel if label is missing. model=${model ?? '(null)'}")`,
            );
            return;
          }
        }
      }
    },
  },
];
