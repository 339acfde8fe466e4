/**
 * The expander's small building blocks that were rewritten for speed keep
 * the semantics of what they replaced: AttrMap behaves like a Map (insertion
 * order, overwrite in place, delete), parseNum reads numbers like strtol with
 * base 0 as the old regular-expression version did.
 */
import * as assert from 'assert';
import { AttrMap, ENode } from '../../../server/src/languageservice/expander/eTree';
import { parseNum } from '../../../server/src/languageservice/expander/addresses';

/** the regular-expression reading parseNum replaced, kept as the reference */
function referenceParseNum(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  let n: number;
  if (/^0x[0-9a-f]+$/i.test(t)) n = parseInt(t.slice(2), 16);
  else if (/^0[0-7]+$/.test(t)) n = parseInt(t, 8);
  else if (/^\d+$/.test(t)) n = parseInt(t, 10);
  else return undefined;
  return Number.isFinite(n) ? n : undefined;
}

describe('expander building blocks', () => {
  it('AttrMap keeps insertion order, overwrites in place and deletes like a Map', () => {
    const a = new AttrMap();
    const m = new Map<string, string>();
    const ops: [string, string, string?][] = [
      ['set', 'type', 'pci'],
      ['set', 'domain', '0x0000'],
      ['set', 'bus', '0x00'],
      ['set', 'type', 'usb'],
      ['delete', 'domain'],
      ['set', 'slot', '0x01'],
      ['delete', 'missing'],
      ['set', 'domain', '0x0001'],
    ];
    for (const [op, k, v] of ops) {
      if (op === 'set') {
        a.set(k, v!);
        m.set(k, v!);
      } else assert.strictEqual(a.delete(k), m.delete(k));
      assert.deepStrictEqual([...a.entries()], [...m.entries()]);
      assert.deepStrictEqual([...a.keys()], [...m.keys()]);
      assert.deepStrictEqual([...a.values()], [...m.values()]);
      assert.deepStrictEqual([...a], [...m]);
      assert.strictEqual(a.size, m.size);
    }
    assert.strictEqual(a.get('type'), 'usb');
    assert.strictEqual(a.has('domain'), true);
    assert.strictEqual(a.get('nope'), undefined);
    assert.strictEqual(a.has('nope'), false);
  });

  it('ENode built from pairs or a record keeps the given order and skips undefined values', () => {
    assert.deepStrictEqual(
      [
        ...new ENode('address', [
          ['type', 'pci'],
          ['bus', '0x01'],
        ]).attrs,
      ],
      [
        ['type', 'pci'],
        ['bus', '0x01'],
      ],
    );
    assert.deepStrictEqual(
      [...new ENode('controller', { type: 'usb', index: '0', model: undefined }).attrs],
      [
        ['type', 'usb'],
        ['index', '0'],
      ],
    );
  });

  it('ENode.walk visits a subtree in document order, including children added while walking', () => {
    const root = new ENode('a');
    const b = root.append(new ENode('b'));
    b.append(new ENode('c'));
    root.append(new ENode('d'));
    const seen: string[] = [];
    for (const n of root.walk()) {
      seen.push(n.name);
      if (n.name === 'd') n.append(new ENode('e'));
    }
    assert.deepStrictEqual(seen, ['a', 'b', 'c', 'd', 'e']);
  });

  it('parseNum reads hex, octal and decimal exactly as the regular-expression reading did', () => {
    const cases = [
      '0',
      '00',
      '07',
      '08',
      '09',
      '0009',
      '010',
      '0x',
      '0x1F',
      '0X1f',
      '0xg',
      '12',
      ' 7 ',
      '',
      ' ',
      '-1',
      '+1',
      '0777',
      '1e3',
      '0.5',
      '0b1',
      '1 2',
      '08a',
      '0x00000000000000000001',
      '99999999999999999999999999',
      '0xffffffffffffffffff',
    ];
    // and a few thousand random strings over the characters that matter
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const chars = '0123456789abcdefxX -+.';
    for (let i = 0; i < 5000; i++) {
      let s = '';
      for (let j = Math.floor(rnd() * 7); j > 0; j--) s += chars[Math.floor(rnd() * chars.length)];
      cases.push(s);
    }
    for (const c of cases) assert.strictEqual(parseNum(c), referenceParseNum(c), JSON.stringify(c));
    assert.strictEqual(parseNum(undefined), undefined);
  });
});
