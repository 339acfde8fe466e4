/** Shared test helpers: paths, documents, and cursors marked with `|` in text. */
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** the repository root (tests run from out/test) */
export const REPO = path.resolve(__dirname, '..', '..');
export const FIXTURES = path.join(REPO, 'test', 'fixtures');
/** real domain XML written by others, kept outside the repo */
export const SHARED_CORPUS = path.resolve(REPO, '..', 'shared', 'corpus');

export function doc(text: string, uri = 'file:///test/vm.xml'): TextDocument {
  return TextDocument.create(uri, 'xml', 1, text);
}

/** splits `text` at the single `|` marker: returns the text without it and the marker's offset */
export function withCursor(text: string): { text: string; offset: number } {
  const offset = text.indexOf('|');
  if (offset < 0) throw new Error('no | cursor in text');
  return { text: text.slice(0, offset) + text.slice(offset + 1), offset };
}

/** every .xml file below dir (recursively); [] when dir does not exist */
export function xmlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...xmlFiles(p));
    else if (e.name.endsWith('.xml')) out.push(p);
  }
  return out.sort();
}

/** a seeded pseudo-random generator (mulberry32), so that fuzz failures reproduce */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The other versions' verdicts a fixture's first comment gives in brackets,
 * "<!-- rejected by libvirt 9.0: ... [7.0: accepted, 11.3: rejected] (rule ...) -->": version -> rejected
 */
export function bracketVerdicts(text: string): Record<string, boolean> {
  // the bracket follows the verdict and its quoted message, which may itself hold '[', ']' or '>'
  const head = /^<!--\s*(?:rejected|accepted)[^"[]*(?:"[^"]*")?\s*\[([^\]]*)\]/.exec(text);
  const out: Record<string, boolean> = {};
  for (const part of head?.[1].split(',') ?? []) {
    const [v, what] = part.split(':').map((s) => s.trim());
    if (what === 'rejected' || what === 'accepted') out[v] = what === 'rejected';
  }
  return out;
}

/** all a finding or diagnostic tells: its one-line message and its detail (Finding.detail, LSP relatedInformation) */
export function fullText(x: { message: string; detail?: string; relatedInformation?: { message: string }[] }): string {
  return [x.message, x.detail, ...(x.relatedInformation ?? []).map((r) => r.message)].filter(Boolean).join('\n');
}
