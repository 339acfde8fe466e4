/**
 * A parsed text document plus what the services need to know about it:
 * whether its root is a libvirt `<domain>`, and offset <-> position mapping.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Position, Range } from 'vscode-languageserver-types';
import { parseXml } from './parser/xmlParser';
import { XmlDocument, XmlElement } from './parser/xmlNodes';
import type { Expansion } from './expander/expand';
import type { TargetProfile } from './profiles/profile';
import type { Ranking } from './services/abiRisk';

export class DomainDocument {
  readonly xml: XmlDocument;
  /** the language service's expansion of this parse, for the profile it was made for */
  expansion: { profile: TargetProfile; expansion: Expansion } | undefined = undefined;
  /** the fills ranked by risk against the other known targets, for the expansion it was made from */
  ranking: { key: string; active: Expansion; ranking: Ranking } | undefined = undefined;

  constructor(readonly textDocument: TextDocument) {
    this.xml = parseXml(textDocument.getText());
  }

  /** the `<domain>` root element, when the document is a domain */
  get domain(): XmlElement | undefined {
    const r = this.xml.root;
    return r && r.name === 'domain' ? r : undefined;
  }

  get isDomain(): boolean {
    return this.domain !== undefined;
  }

  get text(): string {
    return this.xml.text;
  }

  positionAt(offset: number): Position {
    return this.textDocument.positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.textDocument.offsetAt(position);
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

/**
 * Keeps the last parse of the few most recently used documents, so that
 * diagnostics, hover, completion and code actions on the same version share
 * one parse. A parse (tree plus expansion) of a typical domain holds about
 * 0.2 MB, so the cache is small: a document that falls out is parsed again
 * on its next request, which takes under a millisecond (issue #16: server
 * heap with 20 documents open went from 25.0 to 20.5 MB with 4 entries).
 */
export class DomainDocumentCache {
  private readonly entries = new Map<string, { version: number; doc: DomainDocument }>();

  constructor(private readonly maxEntries = 4) {}

  get(textDocument: TextDocument): DomainDocument {
    const hit = this.entries.get(textDocument.uri);
    if (hit && hit.version === textDocument.version && hit.doc.textDocument === textDocument) {
      // Most recently used last: the oldest key is the one evicted.
      this.entries.delete(textDocument.uri);
      this.entries.set(textDocument.uri, hit);
      return hit.doc;
    }
    const doc = new DomainDocument(textDocument);
    this.entries.delete(textDocument.uri);
    this.entries.set(textDocument.uri, { version: textDocument.version, doc });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return doc;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }
}
