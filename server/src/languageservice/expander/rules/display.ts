/** <graphics>, <audio> and <video>: ports and listeners, the audio backend, video models and their memory. */
import { defaultVideoModel, implicitDevice, VIDEO_MODEL_ATTRS, VIDEO_SOURCE } from '../../knowledge/deviceDefaults';
import { Rule } from '../context';
import { ENode } from '../eTree';

const GRAPHICS_SOURCE = {
  ref: 'src/conf/domain_conf.c, virDomainGraphicsDefParseXML (autoport when no port; a listen element mirrors the listen attribute); observed on libvirt 9.0.0',
};

export const displayRule: Rule = {
  id: 'display',
  description: 'fills graphics ports and listeners, adds the audio backend and a video device, and fills video model attributes',
  apply(ctx) {
    const devices = ctx.root.child('devices');
    const graphics = devices?.all('graphics') ?? [];
    for (const g of graphics) {
      const type = g.attr('type');
      if (type !== 'vnc' && type !== 'spice') continue;
      const meta = {
        rule: this.id,
        category: 'abi' as const,
        reason: 'without a port the display gets a free one when the guest starts',
        source: GRAPHICS_SOURCE,
      };
      const port = g.attr('port');
      if (type === 'vnc' && (port === undefined || port === '-1')) {
        ctx.fillAttr(g, 'port', '-1', meta);
        ctx.fillAttr(g, 'autoport', 'yes', meta);
      } else if (type === 'spice' && port === undefined && g.attr('tlsPort') === undefined && g.attr('autoport') === undefined) {
        // SPICE with no port at all listens nowhere until ports are given (observed on libvirt 9.0.0)
        if (!g.child('listen'))
          ctx.addElement(g, new ENode('listen', { type: 'none' }), {
            ...meta,
            reason: 'SPICE graphics without a port or autoport get no network listener',
          });
        continue;
      }
      if (!g.child('listen') && !g.attr('socket')) {
        const listen = new ENode('listen', { type: 'address' });
        if (g.attr('listen')) listen.attrs.set('address', g.attr('listen')!);
        ctx.addElement(g, listen, { ...meta, reason: 'libvirt writes the listen address as a <listen> element' });
      }
    }
    if (!devices) return;
    // SDL and egl-headless displays get no audio backend; VNC, SPICE or no display get one
    const audioDisplay = !graphics.length || graphics.some((g) => g.attr('type') === 'vnc' || g.attr('type') === 'spice');
    const audio = implicitDevice('implicit-audio', ctx.versions, ctx.guest);
    if (audio?.add && !devices.child('audio') && audioDisplay) {
      const spice = graphics.some((g) => g.attr('type') === 'spice');
      const meta = {
        rule: this.id,
        category: 'abi' as const,
        reason: spice ? 'SPICE graphics carry the guest audio' : 'with no audio backend the guest sound card plays into nothing',
        source: audio.source,
      };
      ctx.addElement(devices, new ENode('audio', { id: '1', type: spice ? 'spice' : 'none' }), meta);
    }
    let videos = devices.all('video');
    if (!videos.length && graphics.length) {
      const model = defaultVideoModel(ctx.arch);
      const meta = {
        rule: this.id,
        category: 'abi' as const,
        reason: `a guest with graphics needs a video card; libvirt adds ${model}`,
        source: VIDEO_SOURCE,
      };
      const v = ctx.addElement(devices, new ENode('video'), meta);
      ctx.addElement(v, new ENode('model', { type: model }), meta);
      videos = [v];
    }
    // the video written primary='yes' is put first when parsed (virDomainDefParseXML); the first one is the primary
    const primaries = videos.filter((v) => v.child('model')?.attr('primary') === 'yes');
    if (primaries.length === 1 && primaries[0] !== videos[0]) {
      devices.remove(primaries[0]);
      devices.insertAt(devices.children.indexOf(videos[0]), primaries[0]);
      videos = devices.all('video');
    }
    videos.forEach((v, i) => {
      const meta = {
        rule: this.id,
        category: 'abi' as const,
        reason: 'the video memory and head count are guest-visible',
        source: VIDEO_SOURCE,
      };
      const model = v.child('model') ?? ctx.addElement(v, new ENode('model', { type: defaultVideoModel(ctx.arch) }), meta);
      const type = model.attr('type') ?? defaultVideoModel(ctx.arch);
      ctx.fillAttr(model, 'type', type, meta);
      for (const [k, val] of Object.entries(VIDEO_MODEL_ATTRS[type] ?? {})) ctx.fillAttr(model, k, val, meta);
      if (i === 0 && type !== 'none')
        ctx.fillAttr(model, 'primary', 'yes', { ...meta, reason: 'the first video device is the primary display' });
    });
  },
};
