/**
 * Document links: absolute file paths (disk and filesystem sources, firmware,
 * kernel, chardev paths) open the file; the name of each section and device
 * kind opens its part of libvirt's documentation.
 */
import { DocumentLink } from 'vscode-languageserver-types';
import { pathToFileURL } from 'url';
import { DomainDocument } from '../domainDocument';
import { docFor, FORMAT_DOMAIN_URL } from '../knowledge/elementDocs';
import { walkElements, XmlElement } from '../parser/xmlNodes';

/** attributes that hold a host path, per element name */
const PATH_ATTRIBUTES: Record<string, string[]> = { source: ['file', 'dir', 'path', 'socket'], log: ['file'] };
/** elements whose text is a host path */
const PATH_TEXT = new Set(['loader', 'nvram', 'kernel', 'initrd', 'dtb', 'emulator']);

function fileLink(doc: DomainDocument, start: number, end: number, path: string): DocumentLink | undefined {
  if (!path.startsWith('/')) return undefined;
  return { range: doc.range(start, end), target: pathToFileURL(path).href, tooltip: `Open ${path}` };
}

function docLink(doc: DomainDocument, el: XmlElement): DocumentLink | undefined {
  const d = docFor(el.xpath);
  if (!d) return undefined;
  return {
    range: doc.range(el.nameStart, el.nameEnd),
    target: `${FORMAT_DOMAIN_URL}#${d.anchor}`,
    tooltip: `libvirt documentation: ${d.anchor.replace(/-/g, ' ')}`,
  };
}

export function documentLinks(doc: DomainDocument): DocumentLink[] {
  const domain = doc.domain;
  if (!domain) return [];
  const out: DocumentLink[] = [];
  for (const el of walkElements(domain)) {
    // documentation on the sections and device kinds (deeper elements share their section's page)
    if (el.parent === domain || (el.parent?.name === 'devices' && el.parent.parent === domain)) {
      const l = docLink(doc, el);
      if (l) out.push(l);
    }
    for (const name of PATH_ATTRIBUTES[el.name] ?? []) {
      const a = el.getAttribute(name);
      if (!a || a.value === null || a.valueStart < 0) continue;
      const l = fileLink(doc, a.valueStart, a.valueEnd, a.value);
      if (l) out.push(l);
    }
    if (PATH_TEXT.has(el.name)) {
      const t = el.textNode();
      if (!t) continue;
      const raw = doc.text.slice(t.start, t.end);
      const lead = raw.length - raw.trimStart().length;
      const l = fileLink(doc, t.start + lead, t.start + raw.trimEnd().length, raw.trim());
      if (l) out.push(l);
    }
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
