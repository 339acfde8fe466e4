/** `Domain XML: Compare ABI with Git HEAD`: reads the HEAD version with git (no shell) and reports through the pure service. */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'url';
import { abiDiff } from '../languageservice/abiStability/abiDiff';
import { abiDiffMarkdown } from '../languageservice/abiStability/report';
import { TargetProfile } from '../languageservice/profiles/profile';

export function headVersion(file: string): string {
  const dir = path.dirname(file);
  const top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8' }).trim();
  const rel = path.relative(top, file).split(path.sep).join('/');
  return execFileSync('git', ['show', `HEAD:${rel}`], { cwd: top, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function abiDiffWithHead(doc: TextDocument, profile: TargetProfile): string {
  const name = path.basename(doc.uri);
  if (!doc.uri.startsWith('file:')) return `# ABI comparison\n\n${name} is not a file on disk, so it has no git HEAD version.\n`;
  let old: string;
  try {
    old = headVersion(fileURLToPath(doc.uri));
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    return `# ABI comparison\n\nNo git HEAD version of ${name}: ${(err.stderr || err.message).toString().trim()}\n`;
  }
  return abiDiffMarkdown(abiDiff(old, doc.getText(), profile), `HEAD:${name}`, name);
}
