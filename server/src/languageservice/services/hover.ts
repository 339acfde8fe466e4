/**
 * Hover on an element, attribute or value of the user's document: what it
 * means, the libvirt version that introduced it, what libvirt fills in there
 * at define time for the active target profile (and why, with the source),
 * and a link to libvirt's documentation.
 */
import { Hover, MarkupKind } from 'vscode-languageserver-types';
import { DomainDocument } from '../domainDocument';
import { Expansion } from '../expander/expand';
import { ENode } from '../expander/eTree';
import { Fill, GENERATED } from '../expander/fill';
import { describeSource } from '../knowledge/source';
import { sinceOf, VersionFact } from '../knowledge/versionFacts';
import { shortVersion } from '../knowledge/versions';
import { elementAt, XmlAttribute, XmlElement } from '../parser/xmlNodes';
import { describeAddress, describeElement } from './describe';

/** the meaning of a path and the documentation section about it */
export type DescribePath = (path: string) => { summary: string; anchor: string } | undefined;

const FORMAT_DOMAIN = 'https://libvirt.org/formatdomain.html';

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
  return `- ${what}: ${markdownInline(f.reason)}.  \n  _Source: ${markdownInline(describeSource(f.source))}_`;
}

/** plain text for Markdown: XML written in it (`<memballoon model="none"/>`) stays visible as code instead of vanishing as HTML */
export function markdownInline(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part) =>
      part.startsWith('`') ? part : part.replace(/<\/?[A-Za-z][^<>]*>/g, (tag) => `\`${tag}\``).replace(/[*_]/g, (c) => `\\${c}`),
    )
    .join('');
}

function sinceLine(fact: VersionFact | undefined, what: string): string | undefined {
  if (!fact) return undefined;
  const extra = [fact.driver && `${fact.driver} driver`, fact.qemu && `QEMU ${fact.qemu}`].filter(Boolean).join(', ');
  return `${what} since libvirt ${fact.since}${extra ? ` (${extra})` : ''}.`;
}

function attrsOf(el: XmlElement): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const a of el.attributes) out['@' + a.name] = a.value ?? undefined;
  return out;
}

export function doHover(doc: DomainDocument, expansion: Expansion | undefined, offset: number, describe?: DescribePath): Hover | null {
  const el = elementAt(doc.xml, offset);
  if (!el) return null;
  // only the start tag is a hover target (not the children's text)
  if (el.startTagEnd >= 0 && offset >= el.startTagEnd) return null;
  const onAttr: XmlAttribute | undefined = el.attributes.find((a) => offset >= a.nameStart && offset <= a.end);
  const onValue = onAttr && onAttr.valueStart >= 0 && offset >= onAttr.valueStart;
  const path = onAttr ? `${el.xpath}/@${onAttr.name}` : el.xpath;
  const sections: string[] = [];

  const title = onAttr ? `\`${onAttr.name}\` of \`<${el.name}>\`` : `\`<${el.name}>\``;
  const meaning = describe?.(path);
  sections.push(`**${title}**${meaning ? ` — ${meaning.summary}` : ''}`);

  const versions = [
    sinceLine(sinceOf(path, undefined, attrsOf(el)), onAttr ? 'Attribute' : 'Element'),
    onValue && onAttr?.value ? sinceLine(sinceOf(path, onAttr.value, attrsOf(el)), `Value \`${onAttr.value}\``) : undefined,
  ].filter(Boolean);
  if (versions.length) sections.push(versions.join(' '));

  const node = expansion && nodeOf(expansion.root, el);
  if (expansion && node) {
    const mine = expansion.fills.filter(
      (f) => f.category !== 'normalised' && (f.node === node || (f.kind === 'element' && f.node.parent === node)),
    );
    const relevant = onAttr ? mine.filter((f) => f.attribute === onAttr.name) : mine;
    if (relevant.length) {
      const v = shortVersion(expansion.profile.libvirt);
      const abi = relevant.some((f) => f.category === 'abi' || f.category === 'address')
        ? '\n\nThese values become part of the guest ABI once recorded; pin them (quick fix) so another libvirt version cannot choose differently.'
        : '';
      const who = /libvirt \d/.test(expansion.profile.label) ? expansion.profile.label : `${expansion.profile.label} (libvirt ${v})`;
      sections.push(`**At define time, ${who}:**\n\n${relevant.map(line).join('\n')}${abi}`);
    }
  }
  if (!meaning && sections.length === 1) return null; // nothing to say beyond the name
  sections.push(`[libvirt documentation](${FORMAT_DOMAIN}${meaning ? `#${meaning.anchor}` : ''})`);
  const range = onAttr ? doc.range(onAttr.nameStart, onAttr.end) : doc.range(el.nameStart, el.nameEnd);
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n') }, range };
}
