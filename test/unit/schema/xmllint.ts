/** Running `xmllint --relaxng` on many documents at once, for verdict comparisons. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const LIBVIRT_SCHEMAS = '/usr/share/libvirt/schemas';
export const DOMAIN_RNG = path.join(LIBVIRT_SCHEMAS, 'domain.rng');

export function hasXmllint(): boolean {
  return spawnSync('xmllint', ['--version']).status === 0;
}

export function hasLibvirtSchemas(): boolean {
  return fs.existsSync(DOMAIN_RNG);
}

/**
 * xmllint's verdict (true: validates) for each text, against the schema file;
 * undefined for a text xmllint could not parse. Files are validated in
 * batches, one xmllint process per batch.
 */
export function xmllintVerdicts(schema: string, texts: string[], batch = 400): (boolean | undefined)[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rng-parity-'));
  try {
    const files = texts.map((t, i) => {
      const f = path.join(dir, `d${i}.xml`);
      fs.writeFileSync(f, t);
      return f;
    });
    const verdict = new Map<string, boolean>();
    for (let i = 0; i < files.length; i += batch) {
      const out = spawnSync('xmllint', ['--noout', '--relaxng', schema, ...files.slice(i, i + batch)], {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      });
      for (const line of out.stderr.split('\n')) {
        let m = /^(\S+) validates$/.exec(line);
        if (m) verdict.set(m[1], true);
        m = /^(\S+) fails to validate$/.exec(line);
        if (m) verdict.set(m[1], false);
      }
    }
    return files.map((f) => verdict.get(f));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
