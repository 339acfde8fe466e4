/** <serial>, <console>, <channel>: target types and ports, the console/serial pairing, virtio-serial ports. */
import {
  ISA_SERIAL_MAX_PORT,
  SERIAL_MODEL_BY_TARGET,
  SERIAL_PORTS_AFTER_PARSE_SINCE,
  SERIAL_SOURCE,
  serialTargetDefault,
} from '../../knowledge/deviceDefaults';
import { compareVersions } from '../../knowledge/versions';
import { channelPathTest, channelSocket, dropsChannelPath } from '../../knowledge/channelPaths';
import { ExpandContext, Rule } from '../context';
import { ENode } from '../eTree';

/** a copy of a character device's backend (type attribute and source) under a new element name */
function copyChardev(from: ENode, name: string): ENode {
  const n = new ENode(name, { type: from.attr('type') ?? 'pty' });
  for (const c of from.children) {
    if (c.name === 'source' || c.name === 'protocol' || c.name === 'log') {
      const copy = new ENode(c.name, [...c.attrs.entries()]);
      n.append(copy);
    }
  }
  return n;
}

/** libvirt numbers ISA serial ports past 3 itself but rejects them written, and writing the target type renumbers them */
function isaOverflow(ctx: ExpandContext, serial: ENode, port: number): string | undefined {
  const type = serial.child('target')?.attr('type') ?? serialTargetDefault(ctx.arch, ctx.machineKind)?.type;
  if (type !== 'isa-serial' || port <= ISA_SERIAL_MAX_PORT) return undefined;
  return `libvirt numbers this ISA serial port ${port} itself, but rejects ports above ${ISA_SERIAL_MAX_PORT} when written, and writing the target renumbers it (the guest cannot start with it either)`;
}

function serialTarget(ctx: ExpandContext, serial: ENode, port: number, rule: string, unpinnable: string | undefined): void {
  const def = serialTargetDefault(ctx.arch, ctx.machineKind);
  const meta = {
    rule,
    category: 'abi' as const,
    reason: def ? `a serial port on ${ctx.arch} is a ${def.type} device (${def.model})` : 'serial ports are numbered from 0',
    source: SERIAL_SOURCE,
    ...(unpinnable ? { unpinnable } : {}),
  };
  const target = serial.child('target') ?? ctx.addElement(serial, new ENode('target'), meta);
  // a written isa-serial target type counts as none (it used to be the only default), so the machine's default
  // replaces it; where the machine has none, libvirt leaves the type unset and the pin must not add an ISA model
  if (target.attr('type') === 'isa-serial' && def?.type !== 'isa-serial' && target.child('model')?.attr('name') === undefined) {
    if (!def) return void ctx.fillAttr(target, 'port', String(port), meta);
    ctx.changeAttr(target, 'type', def.type, {
      ...meta,
      reason: `libvirt reads a written isa-serial target as no target type, and gives a serial port on ${ctx.machine} its default, ${def.type}`,
    });
  }
  if (def) ctx.fillAttr(target, 'type', def.type, meta);
  ctx.fillAttr(target, 'port', String(port), meta);
  const type = target.attr('type');
  const model = type === def?.type ? def?.model : SERIAL_MODEL_BY_TARGET[type ?? ''];
  if (model && !target.child('model')) ctx.addElement(target, new ENode('model', { name: model }), meta);
}

/**
 * The port of each serial: a serial without one is numbered, when libvirt numbers after the whole
 * document is parsed, after the highest port written anywhere (9.0, 11.3: pty, file, port 3, pci-serial
 * get 4, 5, 3, 6); when it numbers while parsing, after the highest port of the serials before it
 * (7.0: 0, 1, 3, 4)
 */
function serialPorts(serials: ENode[], afterParse: boolean): number[] {
  const written = (s: ENode) => {
    const p = s.child('target')?.attr('port');
    return p === undefined ? undefined : Number(p);
  };
  let max = afterParse ? Math.max(-1, ...serials.map((s) => written(s) ?? -1)) : -1;
  return serials.map((s) => {
    const w = written(s);
    const port = w ?? max + 1;
    max = afterParse && w !== undefined ? max : Math.max(max, port);
    return port;
  });
}

/**
 * A virtio channel's socket path that the profile's libvirt takes for one it generated is dropped at
 * define time (knowledge/channelPaths.ts); libvirt then makes the socket a listening one, and a unix
 * source with nothing else left is not formatted at all: the inactive XML has no <source> (9.0 daemon,
 * also for mode='connect'). Not a fill: nothing can be pinned, the path is gone (the version
 * checks warn where it was the user's own).
 */
function dropGeneratedChannelPaths(ctx: ExpandContext, devices: ENode): void {
  const test = channelPathTest(ctx.profile.libvirt)?.test;
  if (!test) return;
  for (const ch of devices.all('channel')) {
    const socket = channelSocket(ch);
    if (!socket || !dropsChannelPath(test, socket.path, socket.name)) continue;
    const source = socket.source;
    // without a path libvirt generates one, which makes the socket a listening one (mode='bind')
    source.attrs.delete('path');
    source.attrs.set('mode', 'bind');
    if (source.attrs.size === 1 && !source.children.length) ch.remove(source);
  }
}

export const chardevsRule: Rule = {
  id: 'chardev',
  description: 'pairs the console with serial port 0, fills serial targets, and numbers virtio-serial ports',
  apply(ctx) {
    const devices = ctx.root.child('devices');
    if (!devices) return;
    const meta = {
      rule: this.id,
      category: 'abi' as const,
      reason: 'the first console is the first serial port; libvirt lists both',
      source: SERIAL_SOURCE,
    };
    dropGeneratedChannelPaths(ctx, devices);
    const consoles = devices.all('console');
    let serials = devices.all('serial');
    const first = consoles[0];
    const firstIsSerial = first && ['serial', undefined].includes(first.child('target')?.attr('type'));
    if (first && firstIsSerial && !serials.length) {
      ctx.addElement(devices, copyChardev(first, 'serial'), meta);
      serials = devices.all('serial');
    } else if (!consoles.length && serials.length) {
      ctx.addElement(devices, copyChardev(serials[0], 'console'), meta);
    }
    const ports = serialPorts(serials, compareVersions(ctx.profile.libvirt, SERIAL_PORTS_AFTER_PARSE_SINCE) >= 0);
    // one overflowing ISA port makes the whole numbering impossible to write down: writing any port renumbers the others
    const overflow = serials.map((s, i) => isaOverflow(ctx, s, ports[i])).find((x) => x);
    serials.forEach((s, i) => serialTarget(ctx, s, ports[i], this.id, overflow));
    devices.all('parallel').forEach((p, i) => {
      const target = p.child('target') ?? ctx.addElement(p, new ENode('target'), meta);
      ctx.fillAttr(target, 'port', String(i), { ...meta, reason: 'parallel ports are numbered from 0' });
    });
    devices.all('console').forEach((c, i) => {
      const mirrorsSerial = i === 0 && serials.length > 0 && (c.child('target')?.attr('type') ?? 'serial') === 'serial';
      const serialPort = Number(serials[0]?.child('target')?.attr('port') ?? 0);
      const unpinnable = mirrorsSerial ? overflow : undefined;
      const cmeta = unpinnable ? { ...meta, unpinnable } : meta;
      const target = c.child('target') ?? ctx.addElement(c, new ENode('target'), cmeta);
      ctx.fillAttr(target, 'type', mirrorsSerial ? 'serial' : ctx.isS390 ? 'sclp' : 'virtio', cmeta);
      // the first console is serial port 0's console and carries its port number
      ctx.fillAttr(target, 'port', mirrorsSerial ? String(serialPort) : String(i), cmeta);
    });
  },
};
