/**
 * The expander's rules, in the order libvirt applies the behaviour they model:
 * parse-time defaults (src/conf/domain_conf.c), then the QEMU driver's
 * post-parse (src/qemu/qemu_domain.c), then address assignment
 * (src/qemu/qemu_domain_address.c).
 */
import { Rule } from '../context';
import { bootOrderRule } from './bootOrder';
import { ccwAddressesRule } from './ccwAddresses';
import { chardevsRule } from './chardevs';
import { clockRule } from './clock';
import { controllerIndexRule } from './controllerIndex';
import { cpuRule } from './cpu';
import { cpuTopologyRule } from './cpuTopology';
import { defaultControllersRule } from './defaultControllers';
import { defaultDevicesRule } from './defaultDevices';
import { dimmAddressesRule } from './dimmAddresses';
import { disksRule } from './disks';
import { driveAddressCompletionRule } from './driveAddressCompletion';
import { displayRule } from './display';
import { emulatorRule } from './emulator';
import { featuresRule } from './features';
import { filesystemsRule } from './filesystems';
import { firmwareAutoselectRule } from './firmwareAutoselect';
import { identityRule } from './identity';
import { implicitControllersRule } from './implicitControllers';
import { inputsRule } from './inputs';
import { interfacesRule } from './interfaces';
import { lifecycleRule } from './lifecycle';
import { hostdevsRule } from './hostdevs';
import { memoryRule } from './memory';
import { numaCellsRule } from './numaCells';
import { numaMemoryTotalRule } from './numaMemoryTotal';
import { osTypeRule } from './osType';
import { panicRule } from './panic';
import { pciAddressesRule } from './pciAddresses';
import { rngsRule } from './rngs';
import { scsiHostdevAddressesRule } from './scsiHostdevAddresses';
import { smartcardAddressesRule } from './smartcardAddresses';
import { spaprVioAddressesRule } from './spaprVioAddresses';
import { tpmRule } from './tpm';
import { usbAddressesRule } from './usbAddresses';
import { vcpuRule } from './vcpu';
import { virtioMmioAddressesRule } from './virtioMmioAddresses';
import { virtioSerialAddressesRule } from './virtioSerialAddresses';

export const EXPANDER_RULES: Rule[] = [
  // parse-time defaults
  identityRule,
  numaCellsRule,
  numaMemoryTotalRule,
  memoryRule,
  vcpuRule,
  osTypeRule,
  bootOrderRule,
  clockRule,
  lifecycleRule,
  emulatorRule,
  // QEMU driver post-parse
  controllerIndexRule,
  inputsRule,
  defaultControllersRule,
  defaultDevicesRule,
  featuresRule,
  firmwareAutoselectRule,
  cpuRule,
  cpuTopologyRule,
  disksRule,
  filesystemsRule,
  rngsRule,
  interfacesRule,
  chardevsRule,
  displayRule,
  panicRule,
  tpmRule,
  hostdevsRule,
  scsiHostdevAddressesRule,
  implicitControllersRule,
  smartcardAddressesRule,
  // address assignment (qemuDomainAssignAddresses), in libvirt's order
  virtioSerialAddressesRule,
  spaprVioAddressesRule,
  ccwAddressesRule,
  virtioMmioAddressesRule,
  pciAddressesRule,
  usbAddressesRule,
  dimmAddressesRule,
  driveAddressCompletionRule,
];
