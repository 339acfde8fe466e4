/** Reading documents for the CLI: bytes decoded the way libvirt would see them (parser/decode.ts); `-` is standard input. */
import * as fs from 'fs';
import { decodeDomainBytes, Decoded } from '../languageservice/parser/decode';

export function readDomainFile(path: string): Decoded {
  return decodeDomainBytes(path === '-' ? fs.readFileSync(0) : fs.readFileSync(path));
}

export function readDocument(path: string): string {
  return readDomainFile(path).text;
}
