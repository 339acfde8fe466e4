/**
 * Writing a file in place without ever leaving it half-written: the new text
 * goes to a temporary file in the same directory (same file system), gets the
 * original's mode, and is renamed over the original. A symlink is followed
 * only to a target inside the working tree, unless the caller allows any.
 * On any error the original is untouched and the temporary file removed.
 */
import * as fs from 'fs';
import * as path from 'path';

export class SafeWriteError extends Error {}

/** the real file a write to `file` would change, or an error when it is a symlink out of `root` */
export function writeTarget(file: string, root: string, followAnySymlink: boolean): string {
  const st = fs.lstatSync(file);
  if (!st.isSymbolicLink()) return file;
  const real = fs.realpathSync(file);
  const realRoot = fs.realpathSync(root);
  const inside = real === realRoot || real.startsWith(realRoot + path.sep);
  if (!inside && !followAnySymlink)
    throw new SafeWriteError(`${file} is a symlink to ${real}, outside ${realRoot}; not written (--follow-symlinks to allow)`);
  return real;
}

export function writeFileAtomic(target: string, text: string): void {
  const st = fs.statSync(target);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.domxml-${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, text, { mode: st.mode & 0o7777, flag: 'wx' });
    fs.chmodSync(tmp, st.mode & 0o7777);
    fs.renameSync(tmp, target);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // never created
    }
    throw e;
  }
}
