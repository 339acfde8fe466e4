/**
 * Bytes of a domain file to text, the way libvirt ends up reading them.
 * `virsh define` hands the file to libvirt as a C string parsed by libxml2:
 * - UTF-8 (with or without BOM) is read as is; a byte sequence that is not
 *   UTF-8 makes libxml2 stop ("Input is not proper UTF-8"), probed on
 *   libvirt 9.0: reported at its position;
 * - UTF-16 (a BOM, or `<` followed by NUL) never reaches libxml2 whole: the
 *   first NUL byte ends the string and define fails ("Start tag expected"),
 *   probed on libvirt 9.0. It is decoded so the rest can be checked, with one
 *   error saying to convert the file.
 */
export interface DecodeProblem {
  /** offset in the decoded text */
  offset: number;
  message: string;
}

export interface Decoded {
  text: string;
  problems: DecodeProblem[];
}

const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** offset (in UTF-16 code units of the decoded text) of the first invalid UTF-8 sequence, or -1 */
function firstInvalidUtf8(b: Uint8Array): { byte: number; offset: number } | undefined {
  let units = 0;
  for (let i = 0; i < b.length;) {
    const c = b[i];
    let n: number;
    if (c < 0x80) n = 1;
    else if (c >= 0xc2 && c <= 0xdf) n = 2;
    else if (c >= 0xe0 && c <= 0xef) n = 3;
    else if (c >= 0xf0 && c <= 0xf4) n = 4;
    else return { byte: i, offset: units };
    if (i + n > b.length) return { byte: i, offset: units };
    for (let k = 1; k < n; k++) if ((b[i + k] & 0xc0) !== 0x80) return { byte: i, offset: units };
    if (n === 3) {
      const cp = ((c & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6);
      if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)) return { byte: i, offset: units };
    }
    if (n === 4) {
      const cp = ((c & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12);
      if (cp < 0x10000 || cp > 0x10ffff) return { byte: i, offset: units };
    }
    units += n === 4 ? 2 : 1;
    i += n;
  }
  return undefined;
}

export function decodeDomainBytes(b: Uint8Array): Decoded {
  const le = b[0] === 0xff && b[1] === 0xfe;
  const be = b[0] === 0xfe && b[1] === 0xff;
  const noBomLe = !le && !be && b[0] === 0x3c && b[1] === 0x00;
  const noBomBe = !le && !be && b[0] === 0x00 && b[1] === 0x3c;
  if (le || be || noBomLe || noBomBe) {
    const text = new TextDecoder(le || noBomLe ? 'utf-16le' : 'utf-16be').decode(b);
    return {
      text,
      problems: [
        {
          offset: 0,
          message:
            'The file is UTF-16: virsh define passes it to libvirt as a C string that ends at the first NUL byte, so define fails. Convert it to UTF-8.',
        },
      ],
    };
  }
  const text = utf8.decode(b);
  const bad = firstInvalidUtf8(b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? b.subarray(3) : b);
  if (!bad) return { text, problems: [] };
  const bomUnits = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 1 : 0;
  const bytes = Array.from(
    b.subarray(bad.byte + bomUnits * 3, bad.byte + bomUnits * 3 + 4),
    (x) => `0x${x.toString(16).toUpperCase().padStart(2, '0')}`,
  ).join(' ');
  return {
    text,
    problems: [
      {
        offset: bad.offset + bomUnits,
        message: `Bytes that are not UTF-8 (${bytes}): libvirt's XML parser rejects the document ("Input is not proper UTF-8")`,
      },
    ],
  };
}
