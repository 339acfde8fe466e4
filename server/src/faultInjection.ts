/**
 * Fault injection for the tests of the error boundaries (CLI per file, the
 * server's diagnostics pass): when DOMXML_FAULT_INJECT names the end of a
 * file path or URI, analysing that document throws as a bug of ours would.
 * Without the variable this does nothing.
 */
export function injectFault(name: string): void {
  const victim = process.env.DOMXML_FAULT_INJECT;
  if (victim && name.endsWith(victim)) throw new Error('fault injected by DOMXML_FAULT_INJECT');
}
