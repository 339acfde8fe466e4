/** A small, strict command-line parser: declared options only, `--opt value` or `--opt=value`. */

export interface OptionSpec {
  name: string;
  /** takes a value (otherwise a boolean flag) */
  value?: string;
  description: string;
  /** allowed values */
  choices?: string[];
  /** may be given more than once */
  repeatable?: boolean;
}

export class UsageError extends Error {}

export interface ParsedArgs {
  options: Map<string, string[]>;
  flags: Set<string>;
  positional: string[];
}

export function parseArgs(argv: string[], specs: OptionSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const out: ParsedArgs = { options: new Map(), flags: new Set(), positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.positional.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--') || a === '-') {
      if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}'`);
      out.positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
    const spec = byName.get(name);
    if (!spec) throw new UsageError(`unknown option '--${name}'`);
    if (!spec.value) {
      if (eq >= 0) throw new UsageError(`option '--${name}' takes no value`);
      out.flags.add(name);
      continue;
    }
    let v: string | undefined;
    if (eq >= 0) v = a.slice(eq + 1);
    else v = argv[++i];
    if (v === undefined) throw new UsageError(`option '--${name}' needs a value (${spec.value})`);
    if (spec.choices && !spec.choices.includes(v)) {
      throw new UsageError(`option '--${name}' must be one of ${spec.choices.join(', ')} (got '${v}')`);
    }
    const list = out.options.get(name) ?? [];
    if (list.length && !spec.repeatable) throw new UsageError(`option '--${name}' is given twice`);
    list.push(v);
    out.options.set(name, list);
  }
  return out;
}

export function option(args: ParsedArgs, name: string): string | undefined {
  return args.options.get(name)?.[0];
}

export function formatOptions(specs: OptionSpec[]): string {
  const rows = specs.map((s) => [
    `--${s.name}${s.value ? ` ${s.value}` : ''}`,
    s.description + (s.choices ? ` (${s.choices.join('|')})` : ''),
  ]);
  const w = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([a, b]) => `  ${a.padEnd(w)}  ${b}`).join('\n');
}
