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

/** a libvirt domain document: of our language, or XML (or plain text) whose root element is <domain> */
export function isDomainDocument(doc: vscode.TextDocument): boolean {
  if (doc.languageId === 'libvirt-domain-xml') return true;
  if (doc.languageId !== 'xml' && doc.languageId !== 'plaintext') return false;
  return DOMAIN_ROOT.test(doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, 200), 0)));
}

export function detectDomainDocuments(): vscode.Disposable {
  vscode.workspace.textDocuments.forEach(consider);
  return vscode.workspace.onDidOpenTextDocument(consider);
}
