/**
 * Test oracle: real libvirt (`virsh define` + `virsh dumpxml --inactive`).
 *
 * The expander predicts what libvirt fills into a domain XML at define time;
 * this module asks a running libvirtd what it actually does. Everything is
 * synchronous (execFileSync) so tests stay simple.
 *
 * Several daemons can be asked, one per Debian release (DAEMONS): the host's
 * libvirt 9.0 at qemu:///system and the chrooted 7.0 / 11.3 started by
 * scripts/start-libvirt-roots.sh.
 *
 * Answers are kept in two places, both keyed by sha256(input xml) and both
 * recording the daemon's version:
 * - committed truth, test/oracle/truth/<version>/, for the project's own
 *   fixtures (`{ commit: true }`): `npm test` scores from it without libvirt;
 *   `npm run test:oracle` (DOMXML_ORACLE_LIVE=1) asks the daemons again,
 *   rewrites it and records any drift (truthDrift());
 * - a cache outside the repo (~/.cache/domxml-oracle/<version>/) for
 *   everything else, e.g. the shared corpus, which must stay out of the repo.
 *
 * Environment:
 *   DOMXML_LIBVIRT_URI        URI of the 9.0 daemon (default qemu:///system)
 *   DOMXML_LIBVIRT_URI_7_0 / DOMXML_LIBVIRT_URI_11_3  the other daemons
 *   DOMXML_ORACLE_LIVE        1 = read neither truth nor cache, ask the daemon
 *   DOMXML_ORACLE_NOCACHE     1 = do not read or write the cache
 *   DOMXML_ORACLE_CACHE_DIR   override the cache directory
 */
import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const LIBVIRT_URI: string = process.env.DOMXML_LIBVIRT_URI || 'qemu:///system';

const ROOTS = process.env.DOMXML_ROOTS || '/var/cache/domxml-roots';
const rootUri = (suite: string) => `qemu:///system?socket=${ROOTS}/${suite}/run/libvirt/libvirt-sock`;

/** One real libvirt daemon and the built-in profile that stands for it. */
export interface OracleDaemon {
  /** major.minor of the libvirt it must be, e.g. "7.0" */
  version: string;
  /** built-in profile id predicting this daemon */
  profile: string;
  /** Debian suite it comes from */
  suite: string;
  uri: string;
}

export const DAEMONS: readonly OracleDaemon[] = [
  { version: '7.0', profile: 'debian-11', suite: 'bullseye', uri: process.env.DOMXML_LIBVIRT_URI_7_0 || rootUri('bullseye') },
  { version: '9.0', profile: 'debian-12', suite: 'bookworm', uri: LIBVIRT_URI },
  { version: '11.3', profile: 'debian-13', suite: 'trixie', uri: process.env.DOMXML_LIBVIRT_URI_11_3 || rootUri('trixie') },
];

/** the host's daemon (libvirt 9.0), the default of every function here */
export const HOST_DAEMON: OracleDaemon = DAEMONS[1];

export function daemonFor(version: string): OracleDaemon {
  const d = DAEMONS.find((x) => x.version === version);
  if (!d) throw new Error(`no oracle daemon for libvirt ${version}`);
  return d;
}

/** Prefix of the temporary names given to domains while they are defined. */
export const ORACLE_NAME_PREFIX = 'domxml-oracle-';

const VIRSH_TIMEOUT_MS = 60_000;
const CACHE_FORMAT = 2;

export interface DefineOptions {
  /** Also dump with `--inactive --migratable`. */
  migratable?: boolean;
  /** The input is the project's own (a fixture): keep the answer as committed truth. */
  commit?: boolean;
  /** Recorded with committed truth to say where the input came from. */
  source?: string;
}

export type DefineResult = { ok: true; xml: string; migratableXml?: string } | { ok: false; error: string };

/** What one define run found out; this is what the cache stores. */
type RawOutcome = { ok: true; xml: string; migratableXml?: string; migratableError?: string } | { ok: false; error: string };

interface VirshOutcome {
  ok: boolean;
  stdout: string;
  stderr: string;
}

function virsh(args: string[], timeoutMs = VIRSH_TIMEOUT_MS, uri = LIBVIRT_URI): VirshOutcome {
  try {
    const stdout = execFileSync('virsh', ['-q', '-c', uri, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
      env: { ...process.env, LC_ALL: 'C' },
    });
    return { ok: true, stdout, stderr: '' };
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stdout?: string | Buffer; stderr?: string | Buffer };
    const stderr = err.stderr !== undefined ? String(err.stderr) : '';
    const stdout = err.stdout !== undefined ? String(err.stdout) : '';
    return { ok: false, stdout, stderr: stderr || err.message };
  }
}

const availableMemo = new Map<string, boolean>();

/** True when `virsh` exists and the daemon answers (and is the version it stands for). Memoized. */
export function libvirtAvailable(daemon: OracleDaemon = HOST_DAEMON): boolean {
  let a = availableMemo.get(daemon.uri);
  if (a === undefined) {
    const r = virsh(['uri'], 15_000, daemon.uri);
    a = r.ok && r.stdout.trim().length > 0;
    availableMemo.set(daemon.uri, a);
    if (a) {
      const v = libvirtVersions(daemon)?.daemon ?? '';
      a = v === daemon.version || v.startsWith(`${daemon.version}.`);
      availableMemo.set(daemon.uri, a);
    }
  }
  return a;
}

/** why a daemon cannot be asked, for skip messages */
export function unavailableReason(daemon: OracleDaemon): string {
  const v = libvirtVersions(daemon)?.daemon;
  const start =
    daemon.suite === 'bookworm' ? 'scripts/start-libvirtd.sh' : 'scripts/install-libvirt-roots.sh && scripts/start-libvirt-roots.sh';
  return v
    ? `the daemon at ${daemon.uri} is libvirt ${v}, not ${daemon.version}`
    : `libvirt ${daemon.version} is not running at ${daemon.uri} (${start})`;
}

export interface LibvirtVersions {
  /** Version of the running libvirtd, e.g. "9.0.0". */
  daemon: string;
  /** Version of the libvirt library used by virsh. */
  library: string;
  /** Hypervisor name and version, e.g. "QEMU 7.2.0". */
  hypervisor: string;
}

const versionsMemo = new Map<string, LibvirtVersions | null>();

/** Versions reported by `virsh version`, or undefined when libvirt is unavailable. */
export function libvirtVersions(daemon: OracleDaemon = HOST_DAEMON): LibvirtVersions | undefined {
  let memo = versionsMemo.get(daemon.uri);
  if (memo === undefined) {
    memo = null;
    versionsMemo.set(daemon.uri, null);
    if (availableMemo.get(daemon.uri) !== false) {
      const r = virsh(['version', '--daemon'], VIRSH_TIMEOUT_MS, daemon.uri);
      if (r.ok) {
        const pick = (label: string): string => {
          const m = new RegExp(`^${label}:\\s*(.*)$`, 'mi').exec(r.stdout);
          return m ? m[1].trim() : '';
        };
        const library = pick('Using library').replace(/^libvirt\s+/, '');
        const d = pick('Running against daemon') || library;
        memo = { daemon: d, library, hypervisor: pick('Running hypervisor') };
        versionsMemo.set(daemon.uri, memo);
      }
    }
  }
  return memo ?? undefined;
}

/** Version of the running libvirtd ("9.0.0"), or undefined when unavailable. */
export function libvirtVersion(daemon: OracleDaemon = HOST_DAEMON): string | undefined {
  return libvirtAvailable(daemon) ? libvirtVersions(daemon)?.daemon : undefined;
}

// ---------------------------------------------------------------------------
// Name rewriting

interface NameLocation {
  /** Offset of the first character of the element's text content. */
  start: number;
  /** Offset just past the content (start of `</name>`). */
  end: number;
}

/**
 * Find the `<name>` element that is a direct child of the root `<domain>`
 * with a tiny tag scanner (skips comments, CDATA, PIs and doctype).
 * Returns `{ name }` when found, `{ insertAt }` (just after the `<domain>`
 * start tag) when the root has no name, or undefined when the document has
 * no usable `<domain>` start tag.
 */
function locateDomainName(xml: string): { name: NameLocation } | { insertAt: number } | undefined {
  const re =
    /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<![^>]*>|<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;
  let depth = 0;
  let rootEnd = -1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) !== null) {
    if (m[2] === undefined) continue; // comment, cdata, PI, doctype
    const closing = m[1] === '/';
    const selfClosing = m[4] === '/';
    const tag = m[2];
    if (closing) {
      depth--;
      if (depth <= 0) break;
      continue;
    }
    if (depth === 0) {
      if (tag !== 'domain' || selfClosing) return undefined;
      rootEnd = re.lastIndex;
      depth = 1;
      continue;
    }
    if (depth === 1 && tag === 'name') {
      if (selfClosing) return { name: { start: m.index, end: re.lastIndex } };
      const start = re.lastIndex;
      const close = xml.indexOf('</name', start);
      if (close < 0) return undefined;
      return { name: { start, end: close } };
    }
    if (!selfClosing) depth++;
  }
  return rootEnd >= 0 ? { insertAt: rootEnd } : undefined;
}

/** Return the raw text of the domain's top-level `<name>` element, if any. */
export function domainNameOf(xml: string): string | undefined {
  const loc = locateDomainName(xml);
  if (!loc || !('name' in loc)) return undefined;
  const raw = xml.slice(loc.name.start, loc.name.end);
  return raw.startsWith('<') ? '' : raw;
}

/**
 * Replace (or insert) the domain's top-level `<name>`. Returns undefined when
 * the document has no `<domain>` root start tag.
 */
export function withDomainName(xml: string, name: string): string | undefined {
  const loc = locateDomainName(xml);
  if (!loc) return undefined;
  if ('name' in loc) {
    const { start, end } = loc.name;
    if (xml.slice(start, end).startsWith('<')) {
      // <name/>
      return xml.slice(0, start) + `<name>${name}</name>` + xml.slice(end);
    }
    return xml.slice(0, start) + name + xml.slice(end);
  }
  return xml.slice(0, loc.insertAt) + `\n  <name>${name}</name>` + xml.slice(loc.insertAt);
}

function uniqueName(): string {
  return `${ORACLE_NAME_PREFIX}${process.pid}-${crypto.randomBytes(6).toString('hex')}`;
}

// ---------------------------------------------------------------------------
// Truth and cache

interface CacheEntry {
  format: number;
  libvirtVersion: string;
  /** e.g. "QEMU 7.2.0" */
  hypervisor?: string;
  /** where the input came from (committed truth only) */
  source?: string;
  result: RawOutcome;
}

function findRepoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/** the cache of answers about documents that are not the project's own (outside the repo) */
export function oracleCacheDir(daemon: OracleDaemon = HOST_DAEMON): string {
  const base =
    process.env.DOMXML_ORACLE_CACHE_DIR || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'domxml-oracle');
  return path.join(base, daemon.version);
}

/** committed answers about the project's own fixtures */
export function oracleTruthDir(daemon: OracleDaemon = HOST_DAEMON): string {
  return path.join(findRepoRoot(), 'test', 'oracle', 'truth', daemon.version);
}

function flag(name: string): boolean {
  const v = process.env[name];
  return !!v && v !== '0' && v.toLowerCase() !== 'false';
}

function cacheEnabled(): boolean {
  return !flag('DOMXML_ORACLE_NOCACHE');
}

/** `npm run test:oracle`: ask the daemons, never stored answers */
export function oracleLive(): boolean {
  return flag('DOMXML_ORACLE_LIVE');
}

export function oracleCacheKey(xml: string): string {
  return crypto.createHash('sha256').update(xml, 'utf8').digest('hex');
}

function readEntry(dir: string, key: string): CacheEntry | undefined {
  try {
    const entry = JSON.parse(fs.readFileSync(path.join(dir, `${key}.json`), 'utf8')) as CacheEntry;
    return entry.format === CACHE_FORMAT && entry.result ? entry : undefined;
  } catch {
    return undefined;
  }
}

function writeEntry(dir: string, key: string, entry: CacheEntry): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${key}.json`);
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(entry, null, 1) + '\n');
    fs.renameSync(tmp, file);
  } catch {
    // best effort
  }
}

/** True when committed truth or the cache can answer for `daemon` without it running. */
export function storedAnswers(daemon: OracleDaemon, xml: string): boolean {
  const key = oracleCacheKey(xml);
  return (
    !oracleLive() &&
    (readEntry(oracleTruthDir(daemon), key) !== undefined || (cacheEnabled() && readEntry(oracleCacheDir(daemon), key) !== undefined))
  );
}

/** True when `daemon` answers live, or committed truth exists for it (npm test offline). */
export function oracleUsable(daemon: OracleDaemon = HOST_DAEMON): boolean {
  if (libvirtAvailable(daemon)) return true;
  if (oracleLive()) return false;
  try {
    return fs.readdirSync(oracleTruthDir(daemon)).some((f) => f.endsWith('.json'));
  } catch {
    return false;
  }
}

export interface TruthDrift {
  daemon: string;
  source: string;
  key: string;
}

const drift: TruthDrift[] = [];

/** committed answers that the live daemon contradicted in this process */
export function truthDrift(): readonly TruthDrift[] {
  return drift;
}

// ---------------------------------------------------------------------------
// define + dump

function cleanError(stderr: string, tmpFile: string): string {
  return stderr
    .split(tmpFile)
    .join('<input>')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !/^error: Failed to define domain from/.test(l))
    .map((l) => l.replace(/^error:\s*/, ''))
    .join('\n');
}

function undefine(name: string, uri: string): void {
  // --keep-nvram: define never creates the NVRAM file, so there is nothing
  // of ours to delete; a path named by the input may belong to someone else.
  // --keep-tpm likewise (TPM state is only created when a domain starts).
  const r = virsh(['undefine', name, '--keep-nvram', '--keep-tpm'], VIRSH_TIMEOUT_MS, uri);
  if (!r.ok) {
    // Older virsh without --keep-tpm, or a domain needing other flags.
    const r2 = virsh(['undefine', name, '--keep-nvram'], VIRSH_TIMEOUT_MS, uri);
    if (!r2.ok) virsh(['undefine', name], VIRSH_TIMEOUT_MS, uri);
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const swept = new Set<string>();

/**
 * Undefine temporary oracle domains left behind by processes that died
 * between define and undefine (killed test runs, or a `virsh define` that
 * timed out client-side but completed in the daemon). Only names of the form
 * `domxml-oracle-<pid>-<hex>` whose pid is no longer running are touched.
 * Runs once per process and daemon.
 */
export function sweepStaleOracleDomains(daemon: OracleDaemon = HOST_DAEMON): string[] {
  if (swept.has(daemon.uri)) return [];
  swept.add(daemon.uri);
  const list = virsh(['list', '--all', '--name'], VIRSH_TIMEOUT_MS, daemon.uri);
  if (!list.ok) return [];
  const removed: string[] = [];
  const re = new RegExp(`^${ORACLE_NAME_PREFIX}(\\d+)-[0-9a-f]+$`);
  for (const line of list.stdout.split('\n')) {
    const name = line.trim();
    const m = re.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || pidAlive(pid)) continue;
    undefine(name, daemon.uri);
    removed.push(name);
  }
  return removed;
}

function runDefine(xml: string, opts: DefineOptions, uri: string): RawOutcome {
  const originalName = domainNameOf(xml);
  const tempName = uniqueName();
  const renamed = withDomainName(xml, tempName);
  if (renamed === undefined) {
    return { ok: false, error: 'input has no <domain> root element' };
  }
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-oracle-'));
  const tmpFile = path.join(tmpDir, 'domain.xml');
  const v = (args: string[]) => virsh(args, VIRSH_TIMEOUT_MS, uri);
  let defined = false;
  try {
    fs.writeFileSync(tmpFile, renamed);
    const def = v(['define', tmpFile]);
    if (!def.ok) {
      // Should a define have half-succeeded, make sure nothing lingers.
      if (v(['domuuid', tempName]).ok) {
        defined = true;
      }
      return { ok: false, error: cleanError(def.stderr, tmpFile) };
    }
    defined = true;
    const restore = (out: string): string =>
      originalName !== undefined && originalName !== '' ? out.split(tempName).join(originalName) : out;
    const dump = v(['dumpxml', '--inactive', tempName]);
    if (!dump.ok) return { ok: false, error: `dumpxml failed: ${cleanError(dump.stderr, tmpFile)}` };
    const result: RawOutcome = { ok: true, xml: restore(dump.stdout) };
    if (opts.migratable) {
      // Formatting for migration runs extra checks; it can fail for a
      // definition that `define` accepted (e.g. auto-numbered ISA
      // serial ports beyond 3), so keep that apart from the define.
      const mig = v(['dumpxml', '--inactive', '--migratable', tempName]);
      if (mig.ok) result.migratableXml = restore(mig.stdout);
      else result.migratableError = cleanError(mig.stderr, tmpFile);
    }
    return result;
  } finally {
    if (defined) undefine(tempName, uri);
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

const ENVIRONMENT_FAILURE = /failed to connect|Cannot recv data|End of file while reading|ETIMEDOUT|ENOENT|spawnSync/i;

/** Failures that say something about the environment, not the document, are not cached. */
function cacheable(result: RawOutcome): boolean {
  if (!result.ok) return !ENVIRONMENT_FAILURE.test(result.error) && !/^dumpxml failed/.test(result.error);
  return result.migratableError === undefined || !ENVIRONMENT_FAILURE.test(result.migratableError);
}

/** Answer a request from a raw outcome, or undefined when it lacks what was asked for. */
function answer(raw: RawOutcome, opts: DefineOptions): DefineResult | undefined {
  if (!raw.ok) return raw;
  if (!opts.migratable) return { ok: true, xml: raw.xml };
  if (raw.migratableXml !== undefined) return { ok: true, xml: raw.xml, migratableXml: raw.migratableXml };
  if (raw.migratableError !== undefined) {
    return { ok: false, error: `dumpxml --migratable failed: ${raw.migratableError}` };
  }
  return undefined;
}

/** the daemon is gone (crashed or killed), as opposed to answering about the document */
const DAEMON_GONE = /failed to connect|Cannot recv data|End of file while reading/i;
const MAX_RESTARTS = 20;
const restarts = new Map<string, number>();
const crashes: TruthDrift[] = [];

/** inputs on which a daemon stopped answering twice in this process (a libvirtd crash, not a verdict) */
export function daemonCrashes(): readonly TruthDrift[] {
  return crashes;
}

/**
 * A failed define whose daemon is gone: no answer at all, or an answer from a
 * daemon that died giving it. libvirt 9.0 corrupts its heap on some NUMA
 * distance errors: it sends a message cut short ("XML error: 'sibling_id 2'
 * does n") and then crashes, so a rejection is trusted only if the daemon
 * still answers after it.
 */
function dying(raw: RawOutcome, daemon: OracleDaemon): boolean {
  if (raw.ok) return false;
  if (DAEMON_GONE.test(raw.error)) return true;
  // the crash follows the reply: give it a moment before asking whether the daemon is still there
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  return !virsh(['uri'], 15_000, daemon.uri).ok;
}

/**
 * Start a daemon again that stopped answering, the way CI started it (a
 * libvirtd crash on one input must not fail every test after it). Root only,
 * at most MAX_RESTARTS times per daemon; true when it answers again.
 */
function restartDaemon(daemon: OracleDaemon): boolean {
  if (process.getuid?.() !== 0) return false;
  const n = restarts.get(daemon.uri) ?? 0;
  if (n >= MAX_RESTARTS) return false;
  restarts.set(daemon.uri, n + 1);
  const scripts = path.join(findRepoRoot(), 'scripts');
  const args =
    daemon.suite === 'bookworm' ? [path.join(scripts, 'start-libvirtd.sh')] : [path.join(scripts, 'start-libvirt-roots.sh'), daemon.suite];
  try {
    execFileSync('sh', args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
  } catch {
    return false;
  }
  return virsh(['uri'], 15_000, daemon.uri).ok;
}

/**
 * Define `xml` under a unique temporary name, dump it back with
 * `dumpxml --inactive` (and `--inactive --migratable` when asked), undefine
 * it. The temporary name is replaced by the document's own `<name>` in the
 * returned XML (a name is inserted when the document has none; it then stays
 * in the output). Answers come from committed truth or the cache when they
 * hold one from the daemon's version (see module comment).
 */
export function defineAndDump(xml: string, opts: DefineOptions = {}, daemon: OracleDaemon = HOST_DAEMON): DefineResult {
  const key = oracleCacheKey(xml);
  const live = oracleLive();
  const useCache = cacheEnabled() && !opts.commit;
  const truthDir = oracleTruthDir(daemon);
  const cacheDir = oracleCacheDir(daemon);
  const committed = opts.commit ? readEntry(truthDir, key) : undefined;
  if (!live) {
    // Stored answers serve without asking the daemon, so that tests run
    // offline; their version is checked by `npm run test:oracle`.
    const stored = committed ?? readEntry(truthDir, key) ?? (useCache ? readEntry(cacheDir, key) : undefined);
    const fromStore = stored && answer(stored.result, opts);
    if (fromStore) return fromStore;
  }
  const available = libvirtAvailable(daemon);
  if (!available) {
    return { ok: false, error: `libvirt ${daemon.version} is not available at ${daemon.uri}` };
  }
  const versions = libvirtVersions(daemon)!;
  sweepStaleOracleDomains(daemon);
  // Always collect the migratable dump as well: it is cheap and makes the
  // stored entry serve both kinds of request.
  const crashed = `libvirt ${daemon.version} is not available at ${daemon.uri}: it stopped answering on this input twice`;
  if (crashes.some((c) => c.daemon === daemon.version && c.key === key)) return { ok: false, error: crashed };
  let raw = runDefine(xml, { migratable: true }, daemon.uri);
  if (dying(raw, daemon) && restartDaemon(daemon)) {
    const what = opts.source ?? `input ${key.slice(0, 12)}`;
    console.error(`      oracle: libvirt ${daemon.version} stopped answering while defining ${what}; restarted it, asking again`);
    raw = runDefine(xml, { migratable: true }, daemon.uri);
    if (dying(raw, daemon)) {
      // a crasher: never sent again in this process
      crashes.push({ daemon: daemon.version, source: what, key });
      restartDaemon(daemon);
      return { ok: false, error: crashed };
    }
  }
  // uuid and MAC addresses are generated afresh by every define
  const stable = (e: unknown) =>
    JSON.stringify(e)
      .replace(/<uuid>[^<]*<\/uuid>/g, '<uuid/>')
      .replace(/<mac address='[^']*'/g, "<mac address=''");
  // drift is a lasting difference: a rejection whose message differs from the committed one is asked
  // for twice more, since libvirt 9.0 now and then sends a message cut short (see dying())
  for (let again = 0; again < 2 && committed && !raw.ok && !committed.result.ok && stable(committed.result) !== stable(raw); again++) {
    const next = runDefine(xml, { migratable: true }, daemon.uri);
    if (!dying(next, daemon)) raw = next;
  }
  if (cacheable(raw)) {
    const entry: CacheEntry = { format: CACHE_FORMAT, libvirtVersion: versions.daemon, hypervisor: versions.hypervisor, result: raw };
    if (opts.commit) {
      if (opts.source) entry.source = opts.source;
      if (committed && stable(committed.result) !== stable(raw)) {
        drift.push({ daemon: daemon.version, source: opts.source ?? key, key });
      }
      if (!committed || stable(committed) !== stable(entry)) writeEntry(truthDir, key, entry);
    } else if (useCache) {
      writeEntry(cacheDir, key, entry);
    }
  }
  return answer(raw, opts) ?? { ok: false, error: 'internal error: no migratable dump collected' };
}
