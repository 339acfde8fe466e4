/**
 * The parse cache shares one parse per document version and evicts the least
 * recently used document, not the least recently opened one.
 */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DomainDocumentCache } from '../../server/src/languageservice/domainDocument';

const xml = (name: string) => `<domain type='qemu'><name>${name}</name><memory>1024</memory></domain>`;
const open = (i: number, version = 1) => TextDocument.create(`file:///d${i}.xml`, 'libvirt-domain-xml', version, xml(`d${i}`));

describe('DomainDocumentCache', () => {
  it('returns the same parse for the same document version and a new one after an edit', () => {
    const cache = new DomainDocumentCache(4);
    const v1 = open(1);
    const first = cache.get(v1);
    assert.strictEqual(cache.get(v1), first);
    const v2 = TextDocument.update(v1, [{ text: xml('renamed') }], 2);
    const second = cache.get(v2);
    assert.notStrictEqual(second, first);
    assert.strictEqual(second.textDocument.getText(), xml('renamed'));
  });

  it('evicts the least recently used document once it holds more than its limit', () => {
    const cache = new DomainDocumentCache(2);
    const [a, b, c] = [open(1), open(2), open(3)];
    const parsedA = cache.get(a);
    const parsedB = cache.get(b);
    assert.strictEqual(cache.get(a), parsedA, 'a touched again: b is now the oldest');
    cache.get(c);
    assert.strictEqual(cache.get(a), parsedA, 'a was kept');
    assert.notStrictEqual(cache.get(b), parsedB, 'b was evicted and parsed again');
  });

  it('forgets a closed document', () => {
    const cache = new DomainDocumentCache(4);
    const a = open(1);
    const parsed = cache.get(a);
    cache.forget(a.uri);
    assert.notStrictEqual(cache.get(a), parsed);
  });
});
