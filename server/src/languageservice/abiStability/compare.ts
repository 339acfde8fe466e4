/** Compares two expanded domains rule by rule, as libvirt's ABI-stability check does. */
import { ENode } from '../expander/eTree';
import { addressKey } from './addresses';
import { DEVICE_RULES, FREE_DEVICES, FREE_FIELDS } from './deviceRules';
import { DOMAIN_RULES, NON_ABI_RULES } from './domainRules';
import { readField } from './fields';
import { AbiDifference, DeviceRule, ValueRule } from './types';

function show(v: string | undefined): string {
  return v === undefined ? '(none)' : `'${v}'`;
}

function compareValues(rules: ValueRule[], abi: boolean, a: ENode, b: ENode, out: AbiDifference[]): void {
  for (const r of rules) {
    const va = r.read(a);
    const vb = r.read(b);
    if (va === vb) continue;
    const message =
      r.id === 'abi-features' || r.id === 'abi-timers' || r.id === 'abi-cpu'
        ? `${r.what} differ`
        : `${r.what} changed from ${show(va)} to ${show(vb)}`;
    out.push({ rule: r.id, abi, message, source: r.source, old: r.node(a) ?? a, new: r.node(b) ?? b });
  }
}

function ordered(rule: DeviceRule, list: ENode[]): ENode[] {
  if (!rule.ps2Unordered) return list;
  const ps2 = list.filter((n) => n.attr('bus') === 'ps2').sort((x, y) => ((x.attr('type') ?? '') < (y.attr('type') ?? '') ? -1 : 1));
  return [...ps2, ...list.filter((n) => n.attr('bus') !== 'ps2')];
}

function compareDevices(rule: DeviceRule, da: ENode | undefined, db: ENode | undefined, a: ENode, b: ENode, out: AbiDifference[]): void {
  const la = ordered(rule, da?.all(rule.element) ?? []);
  const lb = ordered(rule, db?.all(rule.element) ?? []);
  if (la.length !== lb.length) {
    out.push({
      rule: rule.id,
      abi: true,
      message: `<${rule.element}> device count changed from ${la.length} to ${lb.length}`,
      source: rule.source,
      old: la[lb.length] ?? la[la.length - 1] ?? da ?? a,
      new: lb[la.length] ?? lb[lb.length - 1] ?? db ?? b,
    });
    return;
  }
  la.forEach((x, i) => {
    const y = lb[i];
    for (const f of rule.fields) {
      const fx = readField(x, f);
      const fy = readField(y, f);
      if (fx.value === fy.value) continue;
      out.push({
        rule: rule.id,
        abi: true,
        message: `<${rule.element}> #${i + 1}: ${f} changed from ${show(fx.value)} to ${show(fy.value)}`,
        source: rule.source,
        old: fx.at ?? x,
        new: fy.at ?? y,
      });
    }
    if (rule.address) {
      const ka = addressKey(x.child('address'));
      const kb = addressKey(y.child('address'));
      if (ka !== kb)
        out.push({
          rule: rule.id,
          abi: true,
          message: `<${rule.element}> #${i + 1}: address changed from ${ka} to ${kb}`,
          source: `${rule.source} / virDomainDeviceInfoCheckABIStability`,
          old: x.child('address') ?? x,
          new: y.child('address') ?? y,
        });
    }
    for (const f of FREE_FIELDS[rule.element] ?? []) {
      const fx = readField(x, f);
      const fy = readField(y, f);
      if (fx.value !== fy.value)
        out.push({
          rule: `info-${rule.element}`,
          abi: false,
          message: `<${rule.element}> #${i + 1}: ${f} changed from ${show(fx.value)} to ${show(fy.value)}`,
          source: `not compared by ${rule.source}`,
          old: fx.at ?? x,
          new: fy.at ?? y,
        });
    }
  });
}

/** every difference between two expanded domains, ABI-changing first */
export function compareDomains(a: ENode, b: ENode): AbiDifference[] {
  const out: AbiDifference[] = [];
  compareValues(DOMAIN_RULES, true, a, b, out);
  const da = a.child('devices');
  const db = b.child('devices');
  for (const r of DEVICE_RULES) compareDevices(r, da, db, a, b, out);
  compareValues(NON_ABI_RULES, false, a, b, out);
  for (const kind of FREE_DEVICES) {
    const na = da?.all(kind).length ?? 0;
    const nb = db?.all(kind).length ?? 0;
    if (na !== nb)
      out.push({
        rule: `info-${kind}`,
        abi: false,
        message: `<${kind}> count changed from ${na} to ${nb}`,
        source: 'not compared by libvirt 9.0 virDomainDefCheckABIStabilityFlags',
        old: da?.all(kind)[0] ?? da ?? a,
        new: db?.all(kind)[0] ?? db ?? b,
      });
  }
  return out.sort((x, y) => Number(y.abi) - Number(x.abi));
}
