/** What an ABI-stability comparison reports: one difference between the old and the new domain. */
import { ENode } from '../expander/eTree';

export interface AbiDifference {
  /** stable id of the rule that found it, e.g. `abi-memory` */
  rule: string;
  /** true: libvirt refuses the new XML for a running/saved guest; false: allowed change */
  abi: boolean;
  message: string;
  /** where libvirt applies the rule (version + function) */
  source: string;
  old?: ENode;
  new?: ENode;
}

/** a top-level value libvirt compares between the two definitions */
export interface ValueRule {
  id: string;
  what: string;
  /** reads the value from an expanded domain; undefined = absent */
  read: (domain: ENode) => string | undefined;
  /** the node to point at */
  node: (domain: ENode) => ENode | undefined;
  source: string;
}

/** a device kind libvirt compares element by element (same count, same order) */
export interface DeviceRule {
  id: string;
  /** element name under <devices> */
  element: string;
  /** attributes/paths whose values must match, as `path/@attr` or `path` (text) relative to the device */
  fields: string[];
  /** whether the device's <address> must match */
  address: boolean;
  /** PS/2 inputs: libvirt re-adds the implicit ones after the explicit ones, so their order does not count */
  ps2Unordered?: boolean;
  source: string;
}

export const LIBVIRT_9 = 'libvirt 9.0 src/conf/domain_conf.c';
