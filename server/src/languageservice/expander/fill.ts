/** What the expander records for every value libvirt fills in or changes at define time. */
import { Source } from '../knowledge/source';
import { ENode } from './eTree';

/**
 * - abi: part of the guest ABI; must be pinned to stay stable
 * - address: a device address (pinned by its own action)
 * - generated: a fresh value each define (uuid, MAC): predicted as generated, never as a value
 * - normalised: the same meaning written differently (memory units to KiB), or a
 *   device the machine always has, now listed (q35's iTCO watchdog)
 */
export type FillCategory = 'abi' | 'address' | 'generated' | 'normalised';

export interface FillMeta {
  /** id of the rule that decided it, e.g. `usb-controller` */
  rule: string;
  category: FillCategory;
  /** why libvirt does it, one sentence */
  reason: string;
  source: Source;
  /** why the value cannot be written into the document (libvirt assigns it but rejects it written); pins skip it */
  unpinnable?: string;
}

export interface Fill extends FillMeta {
  /** the node added or changed */
  node: ENode;
  kind: 'element' | 'attribute' | 'text';
  /** for attribute fills */
  attribute?: string;
  value?: string;
  /** for changes: what the document had */
  previous?: string;
}

/** the value libvirt generates afresh; used in place of a concrete value */
export const GENERATED = '(generated)';
