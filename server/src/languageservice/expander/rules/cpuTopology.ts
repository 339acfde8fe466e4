/**
 * <cpu><topology>: libvirt stores every level of the topology, a level the
 * document leaves out being 1 (src/conf/cpu_conf.c virCPUDefParseXML /
 * virCPUDefFormatBuf): dies since libvirt 6.1, clusters since 10.1 (the
 * releases of the version table, knowledge/versionFacts.json). Observed:
 * 7.0 and 9.0 add dies='1', 11.3 dies='1' and clusters='1'. Normalised:
 * one die or cluster is what the guest has without them, so pins leave them out.
 */
import { sinceOf } from '../../knowledge/versionFacts';
import { compareVersions } from '../../knowledge/versions';
import { Rule } from '../context';

const LEVELS = ['dies', 'clusters'];

/** the first libvirt that parses a topology level (dies, clusters), from the version facts */
export function topologyLevelSince(level: string): string | undefined {
  return sinceOf(`/domain/cpu/topology/@${level}`)?.since;
}

export const cpuTopologyRule: Rule = {
  id: 'cpu-topology',
  description: 'records the topology levels the document leaves out (dies, clusters) as 1',
  apply(ctx) {
    const topology = ctx.root.child('cpu')?.child('topology');
    if (!topology) return;
    for (const level of LEVELS) {
      const since = topologyLevelSince(level);
      if (!since || compareVersions(ctx.profile.libvirt, since) < 0) continue;
      ctx.fillAttr(topology, level, '1', {
        rule: this.id,
        category: 'normalised',
        reason: `libvirt ${since} and later store every topology level; ${level} left out is 1`,
        source: {
          ref: `src/conf/cpu_conf.c virCPUDefParseXML (${level} default 1, since ${since}); observed on 7.0.0, 9.0.0 and 11.3.0`,
          verifiedOn: ['7.0.0', '9.0.0', '11.3.0'],
        },
      });
    }
  },
};
