/**
 * Walks a domain against the version table (knowledge/versionFacts.json):
 * every element, attribute and enum value newer than the checked libvirt is
 * reported with what that libvirt does with it (docs/version-safety.md):
 * unknown enum values and unknown children of <features>-like containers
 * reject the whole domain, other unknown elements and attributes are dropped.
 */
import { XmlAttribute, XmlElement } from '../../parser/xmlNodes';
import { Finding } from '../../findings';
import { factsFor, outcomeOnOlder, VersionFact } from '../../knowledge/versionFacts';
import { PathInfo, pathInfo, sinceIn } from './factLookup';
import { compareVersions } from '../../knowledge/versions';
import { KNOWN_ARCHES, KNOWN_CONTROLLER_MODELS, KNOWN_NAMES_VERSION } from '../../knowledge/knownNames';
import { Guest, libvirtLabel, nameRange, qemuLabel, Range, Scope, textRange, valueRange } from './guest';
import { VersionFindingData } from './findingData';
import { DEFINE_REJECT, VERSION_DROP, VERSION_QEMU, VERSION_REJECT } from './versionRules';
import { transitionalAlternative } from './transitional';

function newer(f: VersionFact | undefined, version: string | undefined): f is VersionFact {
  return !!f && !!version && compareVersions(f.since, version) > 0;
}

/** the fact when the QEMU has removed what it dates */
function qemuRemoved(f: VersionFact | undefined, qemu: string | undefined): VersionFact | undefined {
  return f && f.qemuRemoved && qemu && compareVersions(qemu, f.qemuRemoved) >= 0 ? f : undefined;
}

function qemuNewer(f: VersionFact | undefined, qemu: string | undefined): f is VersionFact {
  return !!f && !!f.qemu && !!qemu && compareVersions(f.qemu, qemu) > 0;
}

/**
 * For a fact of the guest's own driver that the checked libvirt predates:
 * whether that libvirt's parser knows the name anyway, from a fact of
 * another hypervisor or a general one ("bhyve since 6.7, QEMU since 7.2").
 * The parser then keeps it, and it is that release's QEMU driver that has
 * no support for it.
 */
function knownForOthers(info: PathInfo, value: string | undefined, own: VersionFact, version: string): boolean {
  if (!own.driver) return false;
  const candidates = value === undefined ? info.own : info.values.get(value);
  return !!candidates?.some((f) => f.driver !== own.driver && !f.when && compareVersions(f.since, version) <= 0);
}

/** how a driver is named in a message: 'QEMU', 'LXC', 'Xen', else its own name ('bhyve', 'vmware') */
const DRIVER_NAMES: Record<string, string> = { qemu: 'QEMU', lxc: 'LXC', xen: 'Xen' };
function driverLabel(f: VersionFact): string {
  return DRIVER_NAMES[f.driver ?? ''] ?? f.driver ?? '';
}

class Walker {
  /** 'libvirt 9.0.0 (the target)'-style label, built once per walk */
  private readonly label: string;

  constructor(
    private readonly g: Guest,
    private readonly scope: Scope,
    private readonly out: Finding[],
  ) {
    this.label = libvirtLabel(scope);
    this.knowsOnlyKnownNames = !!scope.libvirt && compareVersions(scope.libvirt, KNOWN_NAMES_VERSION) <= 0;
  }

  /** the checked libvirt is not newer than the closed name sets (knowledge/knownNames.ts), so a name outside them is unknown there */
  private readonly knowsOnlyKnownNames: boolean;

  private get version(): string | undefined {
    return this.scope.libvirt;
  }

  private data(extra: Omit<VersionFindingData, 'scope'>): VersionFindingData {
    const d: VersionFindingData = { scope: this.scope.kind, ...extra };
    const v = extra.outcome === 'qemu' ? this.scope.qemu : this.scope.libvirt;
    if (this.scope.kind === 'floor') d.floor = v;
    else d.target = v;
    return d;
  }

  private push(
    rule: string,
    [start, end]: Range,
    message: string,
    data: VersionFindingData,
    severity?: Finding['severity'],
    detail?: string,
  ): void {
    const f: Finding = { rule, start, end, message, data: data as unknown as Record<string, unknown> };
    if (severity) f.severity = severity;
    if (detail) f.detail = detail;
    this.out.push(f);
  }

  private rejectRule(): string {
    return this.scope.kind === 'floor' ? VERSION_REJECT.id : DEFINE_REJECT.id;
  }

  private rejects(): string {
    return this.scope.kind === 'floor' ? 'it rejects the whole domain' : 'define fails';
  }

  /** a name the checked libvirt parses for other hypervisors only (knownForOthers): a warning, whatever the rule */
  private otherDriversOnly(
    rule: string,
    range: Range,
    what: string,
    f: VersionFact,
    data: Omit<VersionFindingData, 'scope'>,
    hint?: string,
  ): void {
    const driver = driverLabel(f);
    this.push(
      rule,
      range,
      `${this.label} knows ${what} only for other hypervisors (${driver} support added in ${f.since})`,
      this.data(data),
      'warning',
      `Its ${driver} driver ignores or refuses it.${hint ? ` ${hint}` : ''}`,
    );
  }

  private added(f: VersionFact | undefined): string {
    return f ? ` (added in ${f.since})` : '';
  }

  /** checks `el` (at `info`, inside `parent`) and everything inside it */
  walk(el: XmlElement, info: PathInfo, parent?: PathInfo): void {
    const label = this.label;
    const path = info.path;
    const driver = this.g.driver;
    if (el.parent) {
      // `when` conditions read the element's attributes, else its ancestors'
      const own = sinceIn(info, undefined, el, driver);
      if (newer(own, this.version)) {
        const outcome = outcomeOnOlder(own);
        if (knownForOthers(info, undefined, own, this.version!)) {
          this.otherDriversOnly(VERSION_DROP.id, nameRange(el), `<${el.name}>`, own, {
            node: 'element',
            outcome: 'driver',
            path,
            since: own.since,
          });
        } else if (outcome === 'rejected') {
          this.push(
            this.rejectRule(),
            nameRange(el),
            `${label} does not know <${el.name}> in <${el.parent.name}>${this.added(own)}: ${this.rejects()}`,
            this.data({ node: 'element', outcome, path, since: own.since }),
          );
        } else {
          this.push(
            VERSION_DROP.id,
            nameRange(el),
            `${label} does not know <${el.name}>${this.added(own)}: it silently drops it`,
            this.data({ node: 'element', outcome: 'dropped', path, since: own.since }),
            undefined,
            DROPPED_ELEMENT,
          );
        }
        return;
      }
      const known = parent?.knownChildren;
      if (known && this.knowsOnlyKnownNames && !known.has(el.name) && !factsFor(path).length) {
        this.push(
          this.rejectRule(),
          nameRange(el),
          `${label} does not know <${el.name}> in <${el.parent.name}>: ${this.rejects()}`,
          this.data({ node: 'element', outcome: 'rejected', path }),
        );
        return;
      }
      if (qemuNewer(own, this.scope.qemu)) this.qemuFinding(nameRange(el), `<${el.name}>`, own, path);
      if (info.values.size) {
        const text = el.trimmedText();
        const v = text ? sinceIn(info, text, el, driver) : undefined;
        if (newer(v, this.version)) {
          this.push(
            this.rejectRule(),
            textRange(el),
            `${label} does not know <${el.name}> value '${text}'${this.added(v)}: ${this.rejects()}`,
            this.data({ node: 'text', outcome: 'rejected', path, value: text, since: v.since }),
          );
        } else if (qemuNewer(v, this.scope.qemu)) this.qemuFinding(textRange(el), `<${el.name}>${text}</${el.name}>`, v, path, text);
      }
    }
    for (const a of el.attributes) this.attribute(el, a, info);
    for (const c of el.children) {
      if (c.kind !== 'element' || c.name.includes(':')) continue;
      if (c.name === 'metadata' && !el.parent) {
        this.walkOwnOnly(c, info.child(c.name));
        continue;
      }
      this.walk(c, info.child(c.name), info);
    }
  }

  /** checks an element but not what is inside (foreign-namespace metadata) */
  private walkOwnOnly(el: XmlElement, info: PathInfo): void {
    const own = sinceIn(info, undefined, {}, this.g.driver);
    if (newer(own, this.version)) {
      this.push(
        VERSION_DROP.id,
        nameRange(el),
        `${libvirtLabel(this.scope)} does not know <${el.name}>${this.added(own)}: it silently drops it`,
        this.data({ node: 'element', outcome: 'dropped', path: info.path, since: own.since }),
        undefined,
        DROPPED_ELEMENT,
      );
    }
  }

  private attribute(el: XmlElement, a: XmlAttribute, elInfo: PathInfo): void {
    if (a.name.startsWith('xmlns') || a.name.includes(':')) return;
    const label = this.label;
    const info = elInfo.attribute(a.name);
    const path = info.path;
    const own = info.own.length ? sinceIn(info, undefined, el, this.g.driver) : undefined;
    if (newer(own, this.version) && knownForOthers(info, undefined, own, this.version!)) {
      this.otherDriversOnly(VERSION_DROP.id, nameRange(a), `attribute '${a.name}' of <${el.name}>`, own, {
        node: 'attribute',
        outcome: 'driver',
        path,
        value: a.value ?? undefined,
        since: own.since,
      });
      return;
    }
    if (newer(own, this.version)) {
      const shown = a.value !== null ? `${a.name}='${a.value}'` : a.name;
      const lost =
        a.name === 'unit'
          ? `The value is then read in the default unit (KiB), not ${a.value ?? ''}.`
          : `The guest there runs without ${shown}.`;
      this.push(
        VERSION_DROP.id,
        nameRange(a),
        `${label} does not know attribute '${a.name}' of <${el.name}>${this.added(own)}: it silently drops it`,
        this.data({ node: 'attribute', outcome: 'dropped', path, value: a.value ?? undefined, since: own.since }),
        undefined,
        lost,
      );
      return;
    }
    if (qemuNewer(own, this.scope.qemu)) this.qemuFinding(nameRange(a), `attribute '${a.name}' of <${el.name}>`, own, path);
    if (a.value === null) return;
    const v = info.values.size ? sinceIn(info, a.value, el, this.g.driver) : undefined;
    // an architecture the table dates is reported from its fact below
    if (!v && path === '/domain/os/type/@arch') this.arch(a);
    const removed = qemuRemoved(v, this.scope.qemu);
    if (newer(v, this.version)) {
      const outcome = outcomeOnOlder(v);
      const alt = transitionalAlternative(this.g, el, a, this.version!, path, el);
      const data = this.data({ node: 'value', outcome, path, value: a.value, since: v.since });
      if (alt) data.safeAlternative = alt;
      const hint = alt ? `'${alt}' gives the guest the same device there.` : undefined;
      if (knownForOthers(info, a.value, v, this.version!)) {
        this.otherDriversOnly(this.rejectRule(), valueRange(a), `${a.name} '${a.value}'`, v, { ...data, outcome: 'driver' }, hint);
      } else if (outcome === 'unchecked') {
        this.push(
          this.rejectRule(),
          valueRange(a),
          `${label} does not know ${a.name} '${a.value}'${this.added(v)}: QEMU fails to start the guest there`,
          data,
          'warning',
          `libvirt keeps the string without checking it; QEMU refuses it when the guest starts.${hint ? ` ${hint}` : ''}`,
        );
      } else {
        this.push(
          this.rejectRule(),
          valueRange(a),
          `${label} does not know ${a.name} '${a.value}'${this.added(v)}: ${this.rejects()}`,
          data,
          undefined,
          hint,
        );
      }
    } else if (qemuNewer(v, this.scope.qemu)) this.qemuFinding(valueRange(a), `${a.name} '${a.value}'`, v, path, a.value);
    else if (removed)
      this.push(
        this.rejectRule(),
        valueRange(a),
        `${qemuLabel(this.scope)} has no ${a.name} '${a.value}' any more (removed in QEMU ${removed.qemuRemoved}): ${this.rejects()}`,
        this.data({ node: 'value', outcome: 'rejected', path, value: a.value, since: removed.since }),
        undefined,
        'libvirt asks QEMU for its device models at define time.',
      );
    else if (!v && this.knowsOnlyKnownNames) this.closedValue(a, info);
  }

  /** a value outside a closed enum of libvirt 9.0 that the version table does not date either */
  private closedValue(a: XmlAttribute, info: PathInfo): void {
    const path = info.path;
    const known = path === '/domain/devices/controller/@model' ? KNOWN_CONTROLLER_MODELS[a.parent.attr('type') ?? ''] : info.knownValues;
    if (!known || a.value === null || known.has(a.value)) return;
    if (factsFor(path).some((f) => f.kind === 'value' && f.value === a.value)) return;
    this.push(
      this.rejectRule(),
      valueRange(a),
      `${libvirtLabel(this.scope)} does not know ${a.name} '${a.value}' for <${a.parent.name}>: ${this.rejects()}`,
      this.data({ node: 'value', outcome: 'rejected', path, value: a.value }),
    );
  }

  private arch(a: XmlAttribute): void {
    const v = this.version;
    if (!v || a.value === null || KNOWN_ARCHES.has(a.value) || compareVersions(v, KNOWN_NAMES_VERSION) > 0) return;
    this.push(
      this.rejectRule(),
      valueRange(a),
      `${libvirtLabel(this.scope)} does not know architecture '${a.value}': ${this.rejects()}`,
      this.data({ node: 'value', outcome: 'rejected', path: '/domain/os/type/@arch', value: a.value }),
    );
  }

  private qemuFinding(range: Range, what: string, f: VersionFact, path: string, value?: string): void {
    this.push(
      VERSION_QEMU.id,
      range,
      `${qemuLabel(this.scope)} is older than QEMU ${f.qemu}, which ${what} needs: the guest cannot start`,
      this.data({
        node: value === undefined ? (path.includes('/@') ? 'attribute' : 'element') : path.includes('/@') ? 'value' : 'text',
        outcome: 'qemu',
        path,
        value,
        since: f.since,
        qemuSince: f.qemu,
      }),
    );
  }
}

/** the detail of an element the checked libvirt drops */
const DROPPED_ELEMENT = 'Define ignores the element and everything inside it, so the guest there runs without it.';

/** version-table findings of a domain against one libvirt/QEMU pair */
export function factFindings(g: Guest, scope: Scope): Finding[] {
  const out: Finding[] = [];
  if (!scope.libvirt && !scope.qemu) return out;
  new Walker(g, scope, out).walk(g.domain, pathInfo('/domain'));
  return out;
}
