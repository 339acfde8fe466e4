/**
 * What `domxml check` is given on its command line, turned into the files to
 * check: a file is checked whatever its root element; a directory is searched
 * recursively for `*.xml` and a glob (`vms/**\/*.xml`) is expanded, and of
 * those only documents whose root element is `<domain>` are kept (a tree of
 * libvirt XML also holds networks, pools, snapshots...). `-` is standard input.
 */
import * as fs from 'fs';
import * as path from 'path';
import { globSync, isDynamicPattern } from 'tinyglobby';

export interface Inputs {
  /** files in the order given, each directory's and glob's matches sorted */
  files: string[];
  /** arguments that name nothing, with the reason */
  missing: { arg: string; reason: string }[];
  /** files found by a directory or glob search and left out because their root is not <domain> */
  skipped: number;
}

/** true when the text's first element is `<domain` (after an XML declaration, comments, a DOCTYPE, blanks) */
export function looksLikeDomain(head: string): boolean {
  return /^(\uFEFF)?\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*|<\?[\s\S]*?\?>\s*)*<domain[\s>/]/.test(head);
}

function rootIsDomain(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(8192);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return looksLikeDomain(buf.subarray(0, n).toString('utf8'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export function resolveInputs(args: string[]): Inputs {
  const out: Inputs = { files: [], missing: [], skipped: 0 };
  const seen = new Set<string>();
  const add = (f: string) => {
    if (!seen.has(f)) {
      seen.add(f);
      out.files.push(f);
    }
  };
  const addSearched = (found: string[]) => {
    for (const f of found.sort()) {
      if (rootIsDomain(f)) add(f);
      else out.skipped++;
    }
  };
  for (const arg of args) {
    if (arg === '-') {
      add(arg);
      continue;
    }
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(arg);
    } catch {
      st = undefined;
    }
    if (st?.isDirectory()) {
      const found = globSync('**/*.xml', { cwd: arg, absolute: false, dot: false, followSymbolicLinks: false }).map((f) =>
        path.join(arg, f),
      );
      addSearched(found);
    } else if (st) add(arg);
    else if (isDynamicPattern(arg)) {
      const found = globSync(arg, { absolute: false, dot: false, followSymbolicLinks: false, onlyFiles: true });
      if (!found.length) out.missing.push({ arg, reason: 'no file matches' });
      addSearched(found);
    } else out.missing.push({ arg, reason: 'ENOENT (no such file or directory)' });
  }
  return out;
}
