/** Version strings ('9.0.0', '7.2') compared numerically, and simple ranges ('>=5.2.0', '<3.2.0', '5.2.0-8.9.0'). */

const parsed = new Map<string, number[]>();

/** the numeric parts of a version; memoized, since version checks compare the same few strings many times */
export function parseVersion(v: string): number[] {
  let p = parsed.get(v);
  if (!p) {
    p = v
      .split(/[.\-+]/)
      .map((x) => parseInt(x.replace(/^v/, ''), 10))
      .filter((n) => !Number.isNaN(n));
    if (parsed.size < 10_000) parsed.set(v, p);
  }
  return p;
}

export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d) return d < 0 ? -1 : 1;
  }
  return 0;
}

export function atLeast(v: string, min: string): boolean {
  return compareVersions(v, min) >= 0;
}

/** major.minor of a version, as QEMU uses in machine type names */
export function majorMinor(v: string): string {
  const [a = 0, b = 0] = parseVersion(v);
  return `${a}.${b}`;
}

/** short human form: 9.0.0 -> 9.0 */
export function shortVersion(v: string): string {
  const p = parseVersion(v);
  return p[2] ? `${p[0]}.${p[1]}.${p[2]}` : `${p[0]}.${p[1] ?? 0}`;
}

export function inRange(v: string, range: string | undefined): boolean {
  if (!range) return true;
  for (const part of range.split(/\s*,\s*/)) {
    const m = /^(>=|<=|>|<|=)?\s*(\d[\w.]*)(?:\s*-\s*(\d[\w.]*))?$/.exec(part.trim());
    if (!m) continue;
    const [, op, a, b] = m;
    if (b) {
      if (compareVersions(v, a) < 0 || compareVersions(v, b) > 0) return false;
      continue;
    }
    const c = compareVersions(v, a);
    if (
      (op === '>=' && c < 0) ||
      (op === '>' && c <= 0) ||
      (op === '<=' && c > 0) ||
      (op === '<' && c >= 0) ||
      ((op === '=' || !op) && c !== 0)
    )
      return false;
  }
  return true;
}
