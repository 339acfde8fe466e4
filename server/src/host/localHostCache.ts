/**
 * What `virsh -r version` and `virsh -r capabilities` said about the local
 * libvirt, kept between runs: two `virsh` processes cost about 100 ms, more
 * than a whole `domxml check` of one file started from its snapshot. The
 * entry is valid while the local daemon's read-only socket is the same one
 * (a restarted or upgraded daemon makes a new socket) and for at most an
 * hour; LIBVIRT_DEFAULT_URI and the user are part of the key.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cacheDirectory } from './cacheDirectory';

const MAX_AGE_MS = 3_600_000;
/** where a local daemon listens read-only: the monolithic libvirtd, or the modular QEMU daemon */
const SOCKETS = [
  '/run/libvirt/libvirt-sock-ro',
  '/run/libvirt/virtqemud-sock-ro',
  '/var/run/libvirt/libvirt-sock-ro',
  '/var/run/libvirt/virtqemud-sock-ro',
];

export interface LocalHostAnswers {
  version: string;
  capabilities: string;
}

/** identifies the daemon answering now; undefined when no local socket exists (nothing is cached then) */
function daemonKey(): string | undefined {
  for (const s of SOCKETS) {
    try {
      const st = fs.statSync(s);
      return createHash('sha1')
        .update([s, st.ino, st.mtimeMs, process.env.LIBVIRT_DEFAULT_URI ?? '', os.userInfo().uid].join('\0'))
        .digest('hex')
        .slice(0, 16);
    } catch {
      // try the next one
    }
  }
  return undefined;
}

function entryFile(key: string): string {
  return path.join(cacheDirectory(), `local-host-${key}.json`);
}

export function readLocalHostCache(): LocalHostAnswers | undefined {
  const key = daemonKey();
  if (!key || process.env.DOMXML_NO_HOST_CACHE) return undefined;
  try {
    const file = entryFile(key);
    if (Date.now() - fs.statSync(file).mtimeMs > MAX_AGE_MS) return undefined;
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LocalHostAnswers>;
    return typeof v.version === 'string' && typeof v.capabilities === 'string'
      ? { version: v.version, capabilities: v.capabilities }
      : undefined;
  } catch {
    return undefined;
  }
}

export function writeLocalHostCache(answers: LocalHostAnswers): void {
  const key = daemonKey();
  if (!key || process.env.DOMXML_NO_HOST_CACHE) return;
  try {
    const file = entryFile(key);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(answers));
    fs.renameSync(tmp, file);
  } catch {
    // an unwritable cache only costs the next run two virsh calls
  }
}
