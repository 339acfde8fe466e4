/** Reading documents for the CLI: UTF-8 with or without BOM; `-` is standard input. */
import * as fs from 'fs';

export function readDocument(path: string): string {
  const buf = path === '-' ? fs.readFileSync(0) : fs.readFileSync(path);
  return buf.toString('utf8');
}
