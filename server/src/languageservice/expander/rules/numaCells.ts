/**
 * Guest NUMA cells (<cpu><numa><cell>) as libvirt stores them (src/conf/numa_conf.c,
 * virDomainNumaDefParseXML / virDomainNumaDefNodeDistanceParseXML and
 * virDomainNumaDefFormatXML; the same code in 7.0, 9.0 and 11.3):
 * - a cell without id takes its position; the cells are written in id order,
 *   each with its id and its memory in KiB;
 * - distances: once a cell lists a sibling, it has a row of distances whose
 *   own entry is the local distance 10; the sibling's row is created the same
 *   way and, where it has no value for this cell yet, takes the same value
 *   (symmetry). Cells are read in document order; each row is written with
 *   one <sibling> per known value, in id order.
 * Invalid cells (ids out of range or repeated, bad values) are left alone:
 * libvirt rejects them.
 */
import { Source } from '../../knowledge/source';
import { ExpandContext, Rule } from '../context';
import { ENode } from '../eTree';
import { FillMeta } from '../fill';
import { toKiB } from './memory';

const LOCAL_DISTANCE = 10;
const UNREACHABLE = 255;
const VERIFIED = ['7.0.0', '9.0.0', '11.3.0'];

const CELL_SOURCE: Source = {
  ref: 'src/conf/numa_conf.c, virDomainNumaDefParseXML (a cell without id is numbered by position) and virDomainNumaDefFormatXML (cells in id order, id and KiB always written)',
  verifiedOn: VERIFIED,
};
const DISTANCE_SOURCE: Source = {
  ref: 'src/conf/numa_conf.c, virDomainNumaDefNodeDistanceParseXML (local distance 10, the reverse direction filled when not given) and virNumaDistanceFormat',
  verifiedOn: VERIFIED,
};

function uint(v: string | undefined): number | undefined {
  return v !== undefined && /^\s*\d+\s*$/.test(v) ? Number(v) : undefined;
}

/** each cell's id as libvirt reads it, or undefined when libvirt would reject the cells */
export function numaCellIds(cells: ENode[]): number[] | undefined {
  const ids: number[] = [];
  for (let i = 0; i < cells.length; i++) {
    const raw = cells[i].attr('id');
    const id = raw === undefined ? i : uint(raw);
    if (id === undefined || id >= cells.length || ids.includes(id)) return undefined;
    ids.push(id);
  }
  return ids;
}

/** the distance rows libvirt builds (index = cell id; 0 = no value), or undefined when it would reject them */
function distanceRows(cells: ENode[], ids: number[]): (number[] | undefined)[] | undefined {
  const n = cells.length;
  const rows: (number[] | undefined)[] = new Array(n).fill(undefined);
  const row = (id: number) => {
    let r = rows[id];
    if (!r) {
      r = new Array(n).fill(0);
      r[id] = LOCAL_DISTANCE;
      rows[id] = r;
    }
    return r;
  };
  for (let i = 0; i < n; i++) {
    const distances = cells[i].child('distances');
    if (!distances) continue;
    const siblings = distances.all('sibling');
    if (siblings.length === 0) return undefined;
    const cur = ids[i];
    for (const s of siblings) {
      const sid = uint(s.attr('id'));
      const value = uint(s.attr('value'));
      if (sid === undefined || value === undefined || sid >= n) return undefined;
      if (value < LOCAL_DISTANCE || value > UNREACHABLE || (sid === cur) !== (value === LOCAL_DISTANCE)) return undefined;
      row(cur)[sid] = value;
      const reverse = row(sid);
      if (!reverse[cur]) reverse[cur] = value;
    }
  }
  return rows;
}

function writeDistances(ctx: ExpandContext, cell: ENode, values: number[], meta: FillMeta): void {
  const distances = ctx.ensureChild(cell, 'distances', meta);
  const written = new Map<number, ENode>();
  for (const s of distances.all('sibling')) {
    const id = uint(s.attr('id'))!;
    if (written.has(id)) distances.remove(written.get(id)!);
    written.set(id, s);
  }
  const ordered: ENode[] = [];
  values.forEach((value, id) => {
    if (!value) return;
    let s = written.get(id);
    if (s) ctx.changeAttr(s, 'value', String(value), meta);
    else s = ctx.addElement(distances, new ENode('sibling', { id: String(id), value: String(value) }), meta);
    ordered.push(s);
  });
  // libvirt writes the siblings in id order
  for (const s of ordered) distances.remove(s);
  for (const s of ordered) distances.append(s);
}

export const numaCellsRule: Rule = {
  id: 'numa-cells',
  description: 'numbers guest NUMA cells, writes their memory in KiB and fills the NUMA distances libvirt derives (local 10, symmetric)',
  apply(ctx) {
    const numa = ctx.root.path('cpu', 'numa');
    const cells = numa?.all('cell') ?? [];
    const ids = numa && numaCellIds(cells);
    if (!numa || !ids) return;
    const cellMeta: FillMeta = {
      rule: this.id,
      category: 'normalised',
      reason: 'libvirt numbers NUMA cells and stores their memory in KiB',
      source: CELL_SOURCE,
    };
    cells.forEach((cell, i) => {
      ctx.fillAttr(cell, 'id', String(ids[i]), cellMeta);
      const kib = toKiB(cell.attr('memory') ?? '', cell.attr('unit'));
      if (kib === undefined) return;
      ctx.changeAttr(cell, 'memory', String(kib), cellMeta);
      ctx.changeAttr(cell, 'unit', 'KiB', cellMeta);
    });
    const rows = distanceRows(cells, ids);
    if (rows) {
      const meta: FillMeta = {
        rule: this.id,
        category: 'abi',
        reason: 'libvirt completes the NUMA distance table: 10 to the cell itself, and the same distance back where none is given',
        source: DISTANCE_SOURCE,
      };
      cells.forEach((cell, i) => {
        const values = rows[ids[i]];
        if (values) writeDistances(ctx, cell, values, meta);
      });
    }
    // libvirt writes the cells in id order
    if (ids.some((id, i) => id !== i)) {
      const at = numa.children.indexOf(cells[0]);
      const sorted = cells.map((c, i) => [ids[i], c] as const).sort((a, b) => a[0] - b[0]);
      for (const c of cells) numa.remove(c);
      sorted.forEach(([, c], k) => numa.insertAt(at + k, c));
    }
  },
};
