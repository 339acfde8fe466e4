/**
 * Shared plumbing of the define-time and seed checks: the guest, the scope
 * it is checked against, and one way to report.
 */
import { XmlElement } from '../../parser/xmlNodes';
import { Finding, oneLine } from '../../findings';
import { SeverityName } from '../../diagnosticRules';
import { TargetProfile } from '../../profiles/profile';
import { compareVersions } from '../../knowledge/versions';
import { Guest, libvirtLabel, Range } from './guest';
import { VersionFindingData } from './findingData';

const NONE: XmlElement[] = [];

export class CheckContext {
  readonly out: Finding[] = [];

  constructor(
    readonly g: Guest,
    readonly profile: TargetProfile,
    /** the migration floor, when one is set */
    readonly floor: { libvirt?: string; qemu?: string } = {},
  ) {}

  get domain(): XmlElement {
    return this.g.domain;
  }

  private byName: Map<string, XmlElement[]> | undefined;
  private all: XmlElement[] | undefined;

  /** the children of <devices>, optionally only those named `name` (shared lists: do not modify) */
  devices(name?: string): XmlElement[] {
    if (!this.all) {
      // one pass over <devices> for the ~35 checks that each look at some of its children
      this.all = this.domain.child('devices')?.elements() ?? [];
      this.byName = new Map();
      for (const el of this.all) {
        const list = this.byName.get(el.name);
        if (list) list.push(el);
        else this.byName.set(el.name, [el]);
      }
    }
    return name === undefined ? this.all : (this.byName!.get(name) ?? NONE);
  }

  /** true when the target's libvirt is in [since, until) */
  targetIn(since?: string, until?: string): boolean {
    const v = this.profile.libvirt;
    return (!since || compareVersions(v, since) >= 0) && (!until || compareVersions(v, until) < 0);
  }

  get targetLabel(): string {
    return libvirtLabel({ kind: 'target', libvirt: this.profile.libvirt });
  }

  /**
   * a define-time rejection on the target host; libvirt's own words, quoted in
   * the reason as ("..."), go to the finding's detail so the message stays one line
   */
  reject(check: string, range: Range, reason: string, extra: Partial<VersionFindingData> = {}): void {
    const { text, quote } = splitQuote(reason);
    const line = oneLine(`${this.targetLabel} rejects this domain: `, text, quote ? `libvirt's error: "${quote}"` : undefined);
    this.report(
      'define-reject',
      range,
      line.message,
      { scope: 'target', node: 'element', outcome: 'rejected', target: this.profile.libvirt, check, ...extra },
      undefined,
      line.detail,
    );
  }

  report(rule: string, [start, end]: Range, message: string, data: VersionFindingData, severity?: SeverityName, detail?: string): void {
    const f: Finding = { rule, start, end, message, data: data as unknown as Record<string, unknown> };
    if (severity) f.severity = severity;
    if (detail) f.detail = detail;
    this.out.push(f);
  }
}

/**
 * The reason without libvirt's quoted message: `needs X ("libvirt's words")`
 * gives { text: 'needs X', quote: "libvirt's words" }. Only a quote in
 * parentheses counts, wherever it stands; the text keeps what follows it.
 */
export function splitQuote(reason: string): { text: string; quote?: string } {
  const m = /\s*\("((?:[^"]|"(?!\)))*)"\)/.exec(reason);
  if (!m) return { text: reason };
  return { text: (reason.slice(0, m.index) + reason.slice(m.index + m[0].length)).trim(), quote: m[1] };
}
