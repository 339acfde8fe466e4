/**
 * Content-based detection: a plain-text document whose root element is
 * `<domain>` gets the domain-XML language. Documents VS Code already treats
 * as `xml` keep that language (the XML extension keeps them; our server
 * serves `xml` documents too).
 */
import * as vscode from 'vscode';

const DOMAIN_ROOT = /^(\uFEFF)?\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<domain[\s>/]/;

function consider(doc: vscode.TextDocument): void {
  if (doc.languageId !== 'plaintext') return;
  const head = doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, 200), 0));
  if (DOMAIN_ROOT.test(head)) void vscode.languages.setTextDocumentLanguage(doc, 'libvirt-domain-xml');
}

export function detectDomainDocuments(): vscode.Disposable {
  vscode.workspace.textDocuments.forEach(consider);
  return vscode.workspace.onDidOpenTextDocument(consider);
}
