/**
 * Cold start from a V8 heap snapshot. Loading libvirt's RelaxNG schema (≈30
 * files) and compiling it into patterns is most of what a one-file
 * `domxml check` costs; a snapshot of the heap taken after that load starts
 * in a fraction of the time (node --snapshot-blob). The snapshot is a cache:
 * built once per bundle and schema folder, kept in the user's cache folder
 * (`$DOMXML_CACHE_DIR`, else `$XDG_CACHE_HOME/domxml`, else `~/.cache/domxml`),
 * checked against the schema files on every start and rebuilt in the
 * background when they change. `bin/domxml` starts from it when it exists.
 * `DOMXML_NO_SNAPSHOT=1` turns both the use and the building off.
 */
import { spawn } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { cacheDirectory } from '../host/cacheDirectory';
import { DEFAULT_SCHEMA_DIRECTORY, forgetSchema, SchemaStore } from '../languageservice/services/schemaStore';
import { defaultIO, runCli } from './main';

/** what a snapshot was built from */
export interface SnapshotBasis {
  schemaDirectory: string;
  /** schemaStamp() of that folder at build time */
  stamp: string;
}

/** names, sizes and modification times of the schema files: changes when libvirt's schemas are upgraded */
export function schemaStamp(directory: string): string {
  const h = createHash('sha1');
  let names: string[];
  try {
    names = fs
      .readdirSync(directory)
      .filter((n) => n.endsWith('.rng'))
      .sort();
  } catch {
    return 'missing';
  }
  for (const n of names) {
    try {
      const st = fs.statSync(path.join(directory, n));
      h.update(`${n}\0${st.size}\0${st.mtimeMs}\n`);
    } catch {
      h.update(`${n}\0gone\n`);
    }
  }
  return h.digest('hex').slice(0, 16);
}

/** the bundle's identity, written next to it at build time (dist/cli.id) */
function bundleId(distDir: string): string | undefined {
  try {
    return fs.readFileSync(path.join(distDir, 'cli.id'), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** the snapshot file `bin/domxml` looks for; the shell launcher computes the same name */
export function snapshotFile(distDir: string): string | undefined {
  const id = bundleId(distDir);
  return id ? path.join(cacheDirectory(), `cli-${id}.blob`) : undefined;
}

/** called by bin/build-snapshot.js inside `node --build-snapshot`: load what the snapshot should hold */
export function preloadForSnapshot(schemaDirectory = DEFAULT_SCHEMA_DIRECTORY): SnapshotBasis {
  new SchemaStore((p) => {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  }).get(schemaDirectory);
  return { schemaDirectory, stamp: schemaStamp(schemaDirectory) };
}

/** the main function of a snapshot: forget a schema that changed since, then run as usual */
export function runFromSnapshot(argv: string[], basis: SnapshotBasis, distDir: string): number {
  if (schemaStamp(basis.schemaDirectory) !== basis.stamp) {
    forgetSchema(basis.schemaDirectory);
    const file = snapshotFile(distDir);
    if (file) {
      try {
        fs.unlinkSync(file);
      } catch {
        // another process removed it
      }
    }
    scheduleSnapshotBuild(distDir);
  }
  return runCli(argv, defaultIO());
}

/**
 * Starts a detached background build of the snapshot when there is none yet
 * (one builder at a time: a lock file created exclusively; a stale lock older
 * than two minutes is taken over). Never throws and never waits.
 */
export function scheduleSnapshotBuild(distDir: string): void {
  if (process.env.DOMXML_NO_SNAPSHOT) return;
  try {
    const file = snapshotFile(distDir);
    const builder = path.join(distDir, '..', 'bin', 'build-snapshot.js');
    if (!file || fs.existsSync(file) || !fs.existsSync(builder) || !fs.existsSync(DEFAULT_SCHEMA_DIRECTORY)) return;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const lock = `${file}.lock`;
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
    } catch {
      const age = Date.now() - fs.statSync(lock).mtimeMs;
      if (age < 120_000) return;
      fs.writeFileSync(lock, String(process.pid));
    }
    const child = spawn(process.execPath, [builder, file], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // a cache that cannot be written only means a slower start
  }
}
