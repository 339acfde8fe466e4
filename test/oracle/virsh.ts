/**
 * Test oracle: real libvirt (`virsh define` + `virsh dumpxml --inactive`).
 *
 * The expander predicts what libvirt fills into a domain XML at define time;
 * this module asks a running libvirtd what it actually does. Everything is
 * synchronous (execFileSync) so tests stay simple.
 *
 * Results are cached under `<repo>/.oracle-cache/<sha256(input xml)>.json`
 * together with the libvirt version that produced them; set
 * DOMXML_ORACLE_NOCACHE=1 to bypass the cache (neither read nor written).
 *
 * Environment:
 *   DOMXML_LIBVIRT_URI      connection URI (default qemu:///system)
 *   DOMXML_ORACLE_NOCACHE   1 = do not read or write the cache
 *   DOMXML_ORACLE_CACHE_DIR override the cache directory
 */
import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const LIBVIRT_URI: string = process.env.DOMXML_LIBVIRT_URI || 'qemu:///system';

/** Prefix of the temporary names given to domains while they are defined. */
export const ORACLE_NAME_PREFIX = 'domxml-oracle-';

const VIRSH_TIMEOUT_MS = 60_000;
const CACHE_FORMAT = 2;

export interface DefineOptions {
    /** Also dump with `--inactive --migratable`. */
    migratable?: boolean;
}

export type DefineResult =
    | { ok: true; xml: string; migratableXml?: string }
    | { ok: false; error: string };

/** What one define run found out; this is what the cache stores. */
type RawOutcome =
    | { ok: true; xml: string; migratableXml?: string; migratableError?: string }
    | { ok: false; error: string };

interface VirshOutcome {
    ok: boolean;
    stdout: string;
    stderr: string;
}

function virsh(args: string[], timeoutMs = VIRSH_TIMEOUT_MS): VirshOutcome {
    try {
        const stdout = execFileSync('virsh', ['-q', '-c', LIBVIRT_URI, ...args], {
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

let availableMemo: boolean | undefined;

/** True when `virsh` exists and libvirtd answers on LIBVIRT_URI. Memoized. */
export function libvirtAvailable(): boolean {
    if (availableMemo === undefined) {
        const r = virsh(['uri'], 15_000);
        availableMemo = r.ok && r.stdout.trim().length > 0;
    }
    return availableMemo;
}

export interface LibvirtVersions {
    /** Version of the running libvirtd, e.g. "9.0.0". */
    daemon: string;
    /** Version of the libvirt library used by virsh. */
    library: string;
    /** Hypervisor name and version, e.g. "QEMU 7.2.0". */
    hypervisor: string;
}

let versionsMemo: LibvirtVersions | null | undefined;

/** Versions reported by `virsh version`, or undefined when libvirt is unavailable. */
export function libvirtVersions(): LibvirtVersions | undefined {
    if (versionsMemo === undefined) {
        versionsMemo = null;
        if (libvirtAvailable()) {
            const r = virsh(['version']);
            if (r.ok) {
                const pick = (label: string): string => {
                    const m = new RegExp(`^${label}:\\s*(.*)$`, 'mi').exec(r.stdout);
                    return m ? m[1].trim() : '';
                };
                const library = pick('Using library').replace(/^libvirt\s+/, '');
                const daemon = pick('Running against daemon') || library;
                versionsMemo = { daemon, library, hypervisor: pick('Running hypervisor') };
            }
        }
    }
    return versionsMemo ?? undefined;
}

/** Version of the running libvirtd ("9.0.0"), or undefined when unavailable. */
export function libvirtVersion(): string | undefined {
    return libvirtVersions()?.daemon;
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
    const re = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<![^>]*>|<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;
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
// Cache

interface CacheEntry {
    format: number;
    libvirtVersion: string;
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

export function oracleCacheDir(): string {
    return process.env.DOMXML_ORACLE_CACHE_DIR || path.join(findRepoRoot(), '.oracle-cache');
}

function cacheEnabled(): boolean {
    const v = process.env.DOMXML_ORACLE_NOCACHE;
    return !(v && v !== '0' && v.toLowerCase() !== 'false');
}

export function oracleCacheKey(xml: string): string {
    return crypto.createHash('sha256').update(xml, 'utf8').digest('hex');
}

function readCache(key: string, version: string | undefined): RawOutcome | undefined {
    const file = path.join(oracleCacheDir(), `${key}.json`);
    let entry: CacheEntry;
    try {
        entry = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheEntry;
    } catch {
        return undefined;
    }
    if (entry.format !== CACHE_FORMAT || !entry.result) return undefined;
    // A cached answer from another libvirt version is stale. When libvirt is
    // not reachable at all the cached answer is still the best we have.
    if (version !== undefined && entry.libvirtVersion !== version) return undefined;
    return entry.result;
}

function writeCache(key: string, version: string, result: RawOutcome): void {
    const dir = oracleCacheDir();
    try {
        fs.mkdirSync(dir, { recursive: true });
        const file = path.join(dir, `${key}.json`);
        const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
        const entry: CacheEntry = { format: CACHE_FORMAT, libvirtVersion: version, result };
        fs.writeFileSync(tmp, JSON.stringify(entry, null, 1));
        fs.renameSync(tmp, file);
    } catch {
        // cache is best effort
    }
}

// ---------------------------------------------------------------------------
// define + dump

function cleanError(stderr: string, tmpFile: string): string {
    return stderr
        .split(tmpFile).join('<input>')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.length > 0 && !/^error: Failed to define domain from/.test(l))
        .map((l) => l.replace(/^error:\s*/, ''))
        .join('\n');
}

function undefine(name: string): void {
    // --keep-nvram: define never creates the NVRAM file, so there is nothing
    // of ours to delete; a path named by the input may belong to someone else.
    // --keep-tpm likewise (TPM state is only created when a domain starts).
    const r = virsh(['undefine', name, '--keep-nvram', '--keep-tpm']);
    if (!r.ok) {
        // Older virsh without --keep-tpm, or a domain needing other flags.
        const r2 = virsh(['undefine', name, '--keep-nvram']);
        if (!r2.ok) virsh(['undefine', name]);
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

let swept = false;

/**
 * Undefine temporary oracle domains left behind by processes that died
 * between define and undefine (killed test runs, or a `virsh define` that
 * timed out client-side but completed in the daemon). Only names of the form
 * `domxml-oracle-<pid>-<hex>` whose pid is no longer running are touched.
 * Runs once per process.
 */
export function sweepStaleOracleDomains(): string[] {
    if (swept) return [];
    swept = true;
    const list = virsh(['list', '--all', '--name']);
    if (!list.ok) return [];
    const removed: string[] = [];
    const re = new RegExp(`^${ORACLE_NAME_PREFIX}(\\d+)-[0-9a-f]+$`);
    for (const line of list.stdout.split('\n')) {
        const name = line.trim();
        const m = re.exec(name);
        if (!m) continue;
        const pid = Number(m[1]);
        if (pid === process.pid || pidAlive(pid)) continue;
        undefine(name);
        removed.push(name);
    }
    return removed;
}

function runDefine(xml: string, opts: DefineOptions): RawOutcome {
    const originalName = domainNameOf(xml);
    const tempName = uniqueName();
    const renamed = withDomainName(xml, tempName);
    if (renamed === undefined) {
        return { ok: false, error: 'input has no <domain> root element' };
    }
    const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-oracle-'));
    const tmpFile = path.join(tmpDir, 'domain.xml');
    let defined = false;
    try {
        fs.writeFileSync(tmpFile, renamed);
        const def = virsh(['define', tmpFile]);
        if (!def.ok) {
            // Should a define have half-succeeded, make sure nothing lingers.
            if (virsh(['domuuid', tempName]).ok) {
                defined = true;
            }
            return { ok: false, error: cleanError(def.stderr, tmpFile) };
        }
        defined = true;
        const restore = (out: string): string =>
            originalName !== undefined && originalName !== '' ? out.split(tempName).join(originalName) : out;
        const dump = virsh(['dumpxml', '--inactive', tempName]);
        if (!dump.ok) return { ok: false, error: `dumpxml failed: ${cleanError(dump.stderr, tmpFile)}` };
        const result: RawOutcome = { ok: true, xml: restore(dump.stdout) };
        if (opts.migratable) {
            // Formatting for migration runs extra checks; it can fail for a
            // definition that `define` accepted (e.g. auto-numbered ISA
            // serial ports beyond 3), so keep that apart from the define.
            const mig = virsh(['dumpxml', '--inactive', '--migratable', tempName]);
            if (mig.ok) result.migratableXml = restore(mig.stdout);
            else result.migratableError = cleanError(mig.stderr, tmpFile);
        }
        return result;
    } finally {
        if (defined) undefine(tempName);
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

/**
 * Define `xml` under a unique temporary name, dump it back with
 * `dumpxml --inactive` (and `--inactive --migratable` when asked), undefine
 * it. The temporary name is replaced by the document's own `<name>` in the
 * returned XML (a name is inserted when the document has none; it then stays
 * in the output). Results are cached (see module comment).
 */
export function defineAndDump(xml: string, opts: DefineOptions = {}): DefineResult {
    const key = oracleCacheKey(xml);
    const useCache = cacheEnabled();
    const available = libvirtAvailable();
    const version = available ? libvirtVersion() : undefined;
    if (useCache) {
        const cached = readCache(key, version);
        const fromCache = cached && answer(cached, opts);
        if (fromCache) return fromCache;
    }
    if (!available) {
        return { ok: false, error: `libvirt is not available at ${LIBVIRT_URI}` };
    }
    // Always collect the migratable dump as well when caching: it is cheap and
    // makes the cache entry serve both kinds of request.
    sweepStaleOracleDomains();
    const raw = runDefine(xml, { migratable: opts.migratable || useCache });
    if (useCache && version !== undefined && cacheable(raw)) writeCache(key, version, raw);
    return answer(raw, opts) ?? { ok: false, error: 'internal error: no migratable dump collected' };
}
