/**
 * Hover: on an element or attribute of the user's document, what libvirt
 * fills in there at define time for the active target profile, why, and
 * where that behaviour is defined.
 */
import { Hover, MarkupKind } from 'vscode-languageserver-types';
import { DomainDocument } from '../domainDocument';
import { Expansion } from '../expander/expand';
import { ENode } from '../expander/eTree';
import { Fill, GENERATED } from '../expander/fill';
import { describeSource } from '../knowledge/source';
import { shortVersion } from '../knowledge/versions';
import { elementAt, XmlElement } from '../parser/xmlNodes';
import { describeAddress, describeElement } from './describe';

function nodeOf(root: ENode, el: XmlElement): ENode | undefined {
  for (const n of root.walk()) if (n.origin === el) return n;
  return undefined;
}

function line(f: Fill): string {
  const what =
    f.kind === 'element'
      ? f.node.name === 'address'
        ? `assigns ${describeAddress(f.node)}`
        : `adds ${describeElement(f.node)}`
      : f.kind === 'attribute'
        ? f.previous !== undefined
          ? `stores \`${f.attribute}='${f.value}'\` (was \`${f.previous}\`)`
          : f.value === GENERATED
            ? `generates \`${f.attribute}\``
            : `sets \`${f.attribute}='${f.value}'\``
        : `sets the text to \`${f.value}\``;
  return `- ${what}: ${f.reason}.  \n  _Source: ${describeSource(f.source)}_`;
}

export function doHover(doc: DomainDocument, expansion: Expansion, offset: number): Hover | null {
  const el = elementAt(doc.xml, offset);
  if (!el) return null;
  // only the start tag is a hover target (not the children's text)
  if (offset > el.startTagEnd && el.startTagEnd >= 0) return null;
  const node = nodeOf(expansion.root, el);
  if (!node) return null;
  const onAttr = el.attributes.find((a) => offset >= a.nameStart && offset <= a.end);
  const mine = expansion.fills.filter((f) => f.category !== 'normalised' && (f.node === node || (f.kind === 'element' && f.node.parent === node)));
  const relevant = onAttr ? mine.filter((f) => f.attribute === onAttr.name) : mine;
  if (!relevant.length) return null;
  const v = shortVersion(expansion.profile.libvirt);
  const head = `**At define time, ${expansion.profile.label} (libvirt ${v})** ${onAttr ? `on \`${onAttr.name}\`` : `on \`<${el.name}>\``}:`;
  const abi = relevant.some((f) => f.category === 'abi' || f.category === 'address')
    ? '\n\nThese values become part of the guest ABI once recorded; pin them (quick fix) so another libvirt version cannot choose differently.'
    : '';
  const range = onAttr ? doc.range(onAttr.nameStart, onAttr.end) : doc.range(el.nameStart, el.nameEnd);
  return { contents: { kind: MarkupKind.Markdown, value: `${head}\n\n${relevant.map(line).join('\n')}${abi}` }, range };
}
