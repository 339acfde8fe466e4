/**
 * Versioned knowledge rows. A row is one fact about libvirt's define-time
 * behaviour (a default, an implicit device, a model choice) together with the
 * libvirt (and, where it matters, QEMU) versions, architectures and machines
 * it holds for. `pickRow` chooses the row for a profile and a guest; the
 * expander's rules call it, so a libvirt 7.0 profile expands with 7.0's rows
 * and an 11.3 profile with 11.3's.
 *
 * Rows of one key must not overlap: for any version, arch and machine at most
 * one row holds (test/unit/knowledgeRows.test.ts lints every registered table).
 */
import { MachineKind } from './machineKind';
import { Source } from './source';
import { compareVersions, inRange } from './versions';

export interface Row<V> {
  /** what the row decides, e.g. 'implicit-audio'; rows of one key form the history of one fact */
  key: string;
  /** the libvirt versions the row holds for ('>=7.2.0', '<7.2.0', '7.0.0-9.0.99'); required */
  libvirt: string;
  /** the QEMU versions the row holds for, when the fact depends on QEMU */
  qemu?: string;
  /** guest architectures the row holds for; absent: all */
  arches?: readonly string[];
  /** machine kinds the row holds for; absent: all */
  machines?: readonly MachineKind[];
  value: V;
  source: Source;
}

/** the versions of the libvirt a document is expanded for (a target profile or the migration floor) */
export interface Versions {
  libvirt: string;
  qemu: string;
}

/** the guest a row is picked for */
export interface Guest {
  arch: string;
  machine: MachineKind;
}

function holdsFor<V>(row: Row<V>, versions: Versions, guest: Guest): boolean {
  return (
    (!row.arches || row.arches.includes(guest.arch)) &&
    (!row.machines || row.machines.includes(guest.machine)) &&
    inRange(versions.libvirt, row.libvirt) &&
    (!row.qemu || inRange(versions.qemu, row.qemu))
  );
}

/** the one row of `key` that holds for these versions and this guest, or undefined when none does */
export function pickRow<V>(rows: readonly Row<V>[], key: string, versions: Versions, guest: Guest): Row<V> | undefined {
  for (const row of rows) if (row.key === key && holdsFor(row, versions, guest)) return row;
  return undefined;
}

/** the row's source with the versions it holds for, as hovers and fills cite it */
export function rowSource(row: Row<unknown>): Source {
  return { ...row.source, libvirt: row.libvirt, qemu: row.qemu ?? row.source.qemu };
}

/** a version interval: lower and upper bound (absent: open), each inclusive or not */
export interface Interval {
  lo?: string;
  loIncl: boolean;
  hi?: string;
  hiIncl: boolean;
}

/** the interval a range string denotes, or undefined when it does not parse */
export function rangeInterval(range: string): Interval | undefined {
  const iv: Interval = { loIncl: true, hiIncl: true };
  const lower = (v: string, incl: boolean) => {
    const c = iv.lo === undefined ? -1 : compareVersions(iv.lo, v);
    if (c < 0 || (c === 0 && !incl)) Object.assign(iv, { lo: v, loIncl: incl });
  };
  const upper = (v: string, incl: boolean) => {
    const c = iv.hi === undefined ? 1 : compareVersions(iv.hi, v);
    if (c > 0 || (c === 0 && !incl)) Object.assign(iv, { hi: v, hiIncl: incl });
  };
  for (const part of range.split(/\s*,\s*/)) {
    const m = /^(>=|<=|>|<|=)?\s*(\d[\w.]*)(?:\s*-\s*(\d[\w.]*))?$/.exec(part.trim());
    if (!m) return undefined;
    const [, op, a, b] = m;
    if (b) {
      lower(a, true);
      upper(b, true);
    } else if (op === '>=') lower(a, true);
    else if (op === '>') lower(a, false);
    else if (op === '<=') upper(a, true);
    else if (op === '<') upper(a, false);
    else {
      lower(a, true);
      upper(a, true);
    }
  }
  return iv;
}

function intervalsOverlap(x: Interval, y: Interval): boolean {
  // x starts before y ends, and y starts before x ends
  const before = (lo: string | undefined, loIncl: boolean, hi: string | undefined, hiIncl: boolean) => {
    if (lo === undefined || hi === undefined) return true;
    const c = compareVersions(lo, hi);
    return c < 0 || (c === 0 && loIncl && hiIncl);
  };
  return before(x.lo, x.loIncl, y.hi, y.hiIncl) && before(y.lo, y.loIncl, x.hi, x.hiIncl);
}

/** true when two ranges (absent: all versions) share a version */
export function rangesOverlap(a: string | undefined, b: string | undefined): boolean {
  const x = a ? rangeInterval(a) : { loIncl: true, hiIncl: true };
  const y = b ? rangeInterval(b) : { loIncl: true, hiIncl: true };
  if (!x || !y) return true;
  return intervalsOverlap(x, y);
}

function setsOverlap(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return !a || !b || a.some((x) => b.includes(x));
}

/** the problems of a table of rows: rows without a usable range, and pairs of rows of one key that hold for the same guest and versions */
export function lintRows(rows: readonly Row<unknown>[]): string[] {
  const problems: string[] = [];
  const name = (r: Row<unknown>) =>
    `${r.key} [libvirt ${r.libvirt || '?'}${r.qemu ? `, QEMU ${r.qemu}` : ''}${r.arches ? `, ${r.arches.join('/')}` : ''}${r.machines ? `, ${r.machines.join('/')}` : ''}]`;
  for (const r of rows) {
    if (!r.libvirt || !rangeInterval(r.libvirt)) problems.push(`${name(r)}: no libvirt version range`);
    if (r.qemu !== undefined && !rangeInterval(r.qemu)) problems.push(`${name(r)}: QEMU range does not parse`);
    if (!r.source?.ref) problems.push(`${name(r)}: no source`);
  }
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      const a = rows[i];
      const b = rows[j];
      if (a.key !== b.key) continue;
      if (
        setsOverlap(a.arches, b.arches) &&
        setsOverlap(a.machines, b.machines) &&
        rangesOverlap(a.libvirt, b.libvirt) &&
        rangesOverlap(a.qemu, b.qemu)
      ) {
        problems.push(`${name(a)} and ${name(b)} overlap`);
      }
    }
  }
  return problems;
}
