/**
 * Captured `virsh domcapabilities` files named by the user (CLI --domcaps,
 * setting domxml.domcaps): a file, or a folder whose .xml files are read
 * when their root is <domainCapabilities>. I/O lives here, outside the pure
 * language service.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = /<domainCapabilities[\s>]/;

/** the documents a path names; throws (with the path) when it cannot be read or a folder holds none */
export function domcapsTexts(p: string, readFile: (file: string) => string = (f) => fs.readFileSync(f, 'utf8')): string[] {
  let entries: string[];
  try {
    if (!fs.statSync(p).isDirectory()) return [readFile(p)];
    entries = fs
      .readdirSync(p)
      .filter((f) => f.endsWith('.xml'))
      .sort();
  } catch (e) {
    throw new Error(`cannot read ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e });
  }
  const texts = entries.map((f) => readFile(path.join(p, f))).filter((t) => ROOT.test(t));
  if (!texts.length) throw new Error(`${p}: the folder holds no virsh domcapabilities XML`);
  return texts;
}
