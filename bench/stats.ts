/** Timing helpers for benchmarks: run a function many times, report percentiles. */

export interface Percentiles {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function percentiles(samples: number[]): Percentiles {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { n: s.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: s[s.length - 1] };
}

/** milliseconds of each call of fn, after warm-up runs */
export function samples(fn: () => void, runs: number, warmup = Math.min(50, runs)): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

/** percentiles of the milliseconds per call of fn, after warm-up runs */
export function time(fn: () => void, runs: number, warmup = Math.min(50, runs)): Percentiles {
  return percentiles(samples(fn, runs, warmup));
}

export function fmt(p: Percentiles, unit = 'ms'): string {
  const f = (x: number) => (x < 10 ? x.toFixed(3) : x.toFixed(1));
  return `p50 ${f(p.p50)} ${unit}  p90 ${f(p.p90)} ${unit}  p99 ${f(p.p99)} ${unit}  max ${f(p.max)} ${unit}  (n=${p.n})`;
}

/** a pass/fail mark against a goal, for the printed report */
export function goal(value: number, limit: number, lowerIsBetter = true): string {
  const ok = lowerIsBetter ? value <= limit : value >= limit;
  return `${ok ? 'meets' : 'MISSES'} goal ${lowerIsBetter ? '<=' : '>='} ${limit}`;
}
