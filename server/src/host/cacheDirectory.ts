/** The user's cache folder for domxml: `$DOMXML_CACHE_DIR`, else `$XDG_CACHE_HOME/domxml`, else `~/.cache/domxml`. */
import * as os from 'os';
import * as path from 'path';

export function cacheDirectory(): string {
  const env = process.env;
  if (env.DOMXML_CACHE_DIR) return env.DOMXML_CACHE_DIR;
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'domxml');
}
