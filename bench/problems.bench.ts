/**
 * How many entries each shared-corpus domain puts in the Problems panel
 * (errors, warnings and information; VS Code lists hints in the editor only),
 * per `domxml.defaults` level, so the effect of ranking fills by risk is a number.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, LanguageSettings } from '../server/src/languageservice/languageService';
import { SHARED_CORPUS } from './documents';

function xmlIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.xml'))
    .map((f) => path.join(dir, f))
    .sort();
}

/** Problems-panel entries (severity 1-3) per document, for the given settings */
export function problemsCounts(files: string[], settings: LanguageSettings): { file: string; count: number }[] {
  const service = getLanguageService({ readFile: (p) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined) });
  service.configure(settings);
  return files.map((file) => {
    const d = TextDocument.create(`file://${file}`, 'xml', 1, fs.readFileSync(file, 'utf8'));
    return { file, count: service.doValidation(d).filter((x) => (x.severity ?? 1) <= 3).length };
  });
}

export function benchProblems(): void {
  const sets = ['virt-install', 'libvirt-tests'].map((s) => ({ name: s, files: xmlIn(path.join(SHARED_CORPUS, s)) }));
  if (!sets.some((s) => s.files.length)) return void console.log(`(no shared corpus at ${SHARED_CORPUS})`);
  for (const level of ['diagnostics', 'inlay'] as const) {
    for (const s of sets) {
      const counts = problemsCounts(s.files, { profile: 'debian-12', defaults: level })
        .map((c) => c.count)
        .sort((a, b) => a - b);
      const median = counts[Math.floor(counts.length / 2)];
      console.log(
        `problems per document, defaults=${level}, ${s.name} (${counts.length}): median ${median}, max ${counts[counts.length - 1]}, total ${counts.reduce((a, b) => a + b, 0)}`,
      );
    }
  }
}
