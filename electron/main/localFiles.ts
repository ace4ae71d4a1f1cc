import { realpathSync } from 'node:fs';
import path from 'node:path';
import { runsCode } from '../../shared/domain/localFiles';

/**
 * Whether main may hand a local file to the system: only a downloaded attachment (a file in an
 * `attachments/files/<att…>/` folder of a profile inside the app's data folder, links resolved),
 * and opened with a viewer only when it is not a kind that would run code. Core decided the same;
 * this is checked again where the shell is called.
 */
export function isOpenableAttachment(file: string, dataFolder: string, how: 'open' | 'reveal'): boolean {
  let real: string;
  let root: string;
  try {
    real = realpathSync(file);
    root = realpathSync(dataFolder);
  } catch {
    return false;
  }
  const relative = path.relative(root, real);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return false;
  const parts = relative.split(path.sep);
  // profiles/<id>/attachments/files/<att…>/<name>
  const inAttachments = parts.length === 6 && parts[0] === 'profiles' && parts[2] === 'attachments' && parts[3] === 'files' && /^att[A-Za-z0-9]{14}$/.test(parts[4]!);
  if (!inAttachments) return false;
  return how === 'reveal' || !runsCode(path.basename(real));
}
