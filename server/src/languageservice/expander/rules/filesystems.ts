/**
 * <filesystem>: without an accessmode, libvirt stores 'passthrough' (the
 * guest sees the host's ownership and permissions), except for a virtiofs
 * filesystem served by an external daemon (<source socket=...>), whose
 * daemon decides (src/conf/domain_postparse.c virDomainFSDefPostParse; the
 * parse in 7.0). Observed on 7.0.0, 9.0.0 and 11.3.0.
 */
import { Rule } from '../context';

export const filesystemsRule: Rule = {
  id: 'filesystems',
  description: 'stores the access mode of a <filesystem> that names none (passthrough)',
  apply(ctx) {
    for (const fs of ctx.root.child('devices')?.all('filesystem') ?? []) {
      if (fs.child('source')?.attr('socket') !== undefined) continue;
      ctx.fillAttr(fs, 'accessmode', 'passthrough', {
        rule: this.id,
        category: 'abi',
        reason: "a shared folder without accessmode passes the host's file ownership and permissions through",
        source: {
          ref: 'src/conf/domain_postparse.c virDomainFSDefPostParse (accessmode passthrough unless a socket serves it)',
          verifiedOn: ['7.0.0', '9.0.0', '11.3.0'],
        },
      });
    }
  },
};
