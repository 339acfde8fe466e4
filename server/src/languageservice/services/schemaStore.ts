/**
 * libvirt's RelaxNG schema, loaded once per folder and shared by every
 * document. Where no schema is found, the store remembers why, so the server
 * can say so once and every other feature keeps working.
 */
import { loadRelaxNg, RelaxNgSchema } from '../schema';

export const DEFAULT_SCHEMA_DIRECTORY = '/usr/share/libvirt/schemas';

export interface SchemaState {
  directory: string;
  schema?: RelaxNgSchema;
  /** why there is no schema */
  error?: string;
  loadMs?: number;
}

/** loaded schemas, shared by every service in the process (a schema is read-only once loaded) */
const LOADED = new Map<string, SchemaState>();

/** drops a folder's loaded schema (its files changed); the next get() loads it again */
export function forgetSchema(directory: string): void {
  LOADED.delete(directory);
}

export class SchemaStore {
  private state: SchemaState | undefined;

  constructor(private readonly readFile: ((path: string) => string | undefined) | undefined) {}

  get(directory = DEFAULT_SCHEMA_DIRECTORY): SchemaState {
    if (this.state && this.state.directory === directory) return this.state;
    const shared = LOADED.get(directory);
    if (shared && this.readFile) return (this.state = shared);
    const entry = `${directory.replace(/\/+$/, '')}/domain.rng`;
    const read = this.readFile;
    if (!read) return (this.state = { directory, error: 'this host gives the language service no file access' });
    if (read(entry) === undefined)
      return (this.state = {
        directory,
        error: `no ${entry}: install libvirt's schemas (Debian package libvirt0) or set domxml.schemaDirectory`,
      });
    const t = Date.now();
    try {
      const schema = loadRelaxNg(entry, (p) => {
        const text = read(p);
        if (text === undefined) throw new Error(`cannot read ${p}`);
        return text;
      });
      this.state = { directory, schema, loadMs: Date.now() - t };
      LOADED.set(directory, this.state);
    } catch (e) {
      this.state = { directory, error: `cannot load ${entry}: ${e instanceof Error ? e.message : String(e)}` };
    }
    return this.state;
  }
}
