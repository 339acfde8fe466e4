/**
 * Inlay hints for what libvirt fills in the same way on every known target
 * (the ABI risks are diagnostics instead, see abiRisk.ts):
 * - after a value libvirt rewrites: `machine='q35'` → `pc-q35-7.2`;
 * - at the end of a start tag whose attributes libvirt fills: `<controller type='usb'` model: qemu-xhci;
 * - after the start tag of an element that gets a child: `<cpu>` + <topology .../>.
 * What is added straight into `<domain>` or `<devices>`, and addresses, are
 * counted by the code lens on those elements instead of one hint each.
 */
import { InlayHint, InlayHintKind, MarkupKind } from 'vscode-languageserver-types';
import { DomainDocument } from '../domainDocument';
import { describeSource } from '../knowledge/source';
import { shortVersion } from '../knowledge/versions';
import { XmlElement } from '../parser/xmlNodes';
import { Ranking, RankedGroup } from './abiRisk';
import { describeElement } from './describe';

/** elements whose added children the code lens counts instead of hints */
const LENS_CONTAINERS = new Set(['domain', 'devices']);

/** the groups shown as hints: stable, on the active target, not addresses, not added straight into a container */
function hintGroups(ranking: Ranking): RankedGroup[] {
  return ranking.groups.filter(
    (g) => !g.disagree && !g.foreign && g.kind !== 'address' && !(g.kind === 'added' && LENS_CONTAINERS.has(g.subject.parent?.name ?? '')),
  );
}

function tooltip(g: RankedGroup, ranking: Ranking): { kind: 'markdown'; value: string } {
  const f = g.fills[0];
  const same = ranking.targets.map((t) => shortVersion(t.libvirt)).join(', ');
  return {
    kind: MarkupKind.Markdown,
    value: `${g.message} (the same on libvirt ${same}).\n\n${f.reason}\n\n*Source:* ${describeSource(f.source)}`,
  };
}

/** the offset just past an element's last attribute (or its name) */
function afterAttributes(el: XmlElement): number {
  const last = el.attributes[el.attributes.length - 1];
  return last ? last.end : el.nameEnd;
}

export function inlayHints(doc: DomainDocument, ranking: Ranking, range?: { start: number; end: number }): InlayHint[] {
  const out: InlayHint[] = [];
  for (const g of hintGroups(ranking)) {
    let offset: number;
    let label: string;
    if (g.kind === 'changed') {
      const el = g.subject.origin;
      const attr = el?.getAttribute(g.fills[0].attribute!);
      offset = attr ? attr.end : g.end;
      label = `→ ${g.fills[0].value}`;
    } else if (g.kind === 'set') {
      const el = g.subject.origin!;
      offset = afterAttributes(el);
      label = g.fills.map((f) => (f.kind === 'attribute' ? `${f.attribute}: ${f.value}` : `text: ${f.value}`)).join(', ');
    } else {
      const parent = g.subject.parent?.origin;
      if (!parent) continue;
      offset = parent.startTagEnd > 0 ? parent.startTagEnd : parent.nameEnd;
      label = g.rule === 'abi-generated' ? `+ <${g.subject.name}> generated at define` : `+ ${describeElement(g.subject)}`;
    }
    if (range && (offset < range.start || offset > range.end)) continue;
    out.push({ position: doc.positionAt(offset), label, kind: InlayHintKind.Type, paddingLeft: true, tooltip: tooltip(g, ranking) });
  }
  return out;
}
