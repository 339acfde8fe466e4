/**
 * Coalesces validation requests: a burst of edits to one document produces
 * one validation of its latest version, run after the current event loop turn.
 */
export class DiagnosticsScheduler {
  private readonly pending = new Map<string, NodeJS.Immediate>();

  constructor(private readonly run: (uri: string) => void) {}

  schedule(uri: string): void {
    this.cancel(uri);
    this.pending.set(
      uri,
      setImmediate(() => {
        this.pending.delete(uri);
        this.run(uri);
      }),
    );
  }

  cancel(uri: string): void {
    const h = this.pending.get(uri);
    if (h) clearImmediate(h);
    this.pending.delete(uri);
  }
}
