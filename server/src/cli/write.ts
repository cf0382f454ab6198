// Writing a fixed seed back without ever leaving a half-written or lost file:
// a temporary file in the same folder, flushed to disk, then renamed over the
// original (atomic on POSIX file systems). The original's mode is kept; a
// symlink is followed only when its target stays inside the allowed roots,
// and the link itself is left in place.
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { copyFile, link, lstat, open, readFile, realpath, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isInside } from './files';

export class WriteRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WriteRefused';
  }
}

export interface AtomicWriteOptions {
  /** Real paths the written file must resolve inside. */
  roots: readonly string[];
  /** The bytes the file held when it was read: if it changed since, nothing is written. */
  expected: Uint8Array;
  /** Keep the original as `<file>.bak` (or `.bak.1`, `.bak.2`… when that exists). */
  backup?: boolean;
}

export interface AtomicWriteResult {
  /** The real path written (differs from the argument when it was a symlink). */
  written: string;
  backupPath?: string;
}

const MAX_BACKUPS = 100;

async function keepBackup(real: string): Promise<string> {
  for (let i = 0; i < MAX_BACKUPS; i++) {
    const candidate = i === 0 ? `${real}.bak` : `${real}.bak.${i}`;
    try {
      // A hard link keeps the original inode (content, mode, times) under the
      // new name at no cost; the rename below then detaches the file name from it.
      await link(real, candidate);
      return candidate;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      // File systems without hard links: copy, still never over an existing backup.
      try {
        await copyFile(real, candidate, fsConstants.COPYFILE_EXCL);
        return candidate;
      } catch (copyError) {
        if ((copyError as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw copyError;
      }
    }
  }
  throw new WriteRefused(`has backups .bak through .bak.${MAX_BACKUPS - 1} already: not written; remove old backups first`);
}

async function syncFolder(folder: string): Promise<void> {
  // Makes the rename itself durable; not every platform can open a folder, which is fine.
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* best effort */
  }
}

export async function writeFileAtomically(file: string, data: Uint8Array, options: AtomicWriteOptions): Promise<AtomicWriteResult> {
  const real = await realpath(file);
  if (!options.roots.some((root) => isInside(real, root))) {
    throw new WriteRefused(`resolves to ${real}, outside the folders being fixed (${options.roots.join(', ')}): not writing through a symlink that leaves them`);
  }
  const stat = await lstat(real);
  if (!stat.isFile()) throw new WriteRefused('is not a regular file: not written');
  if ((stat.mode & 0o222) === 0) throw new WriteRefused('is read-only: not written (make it writable first if you mean to change it)');
  if (stat.nlink > 1) {
    throw new WriteRefused(`has ${stat.nlink} hard links; replacing it would split it from the others: not written`);
  }
  const current = await readFile(real);
  if (!current.equals(options.expected)) throw new WriteRefused('changed on disk while it was being fixed: not written; run the command again');

  const folder = dirname(real);
  const temporary = join(folder, `.${basename(real)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let backupPath: string | undefined;
  const handle = await open(temporary, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(data);
      await handle.chmod(stat.mode & 0o7777);
      try {
        await handle.chown(stat.uid, stat.gid);
      } catch {
        /* only the owner's own ids are allowed without privileges; the mode is what matters */
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.backup) backupPath = await keepBackup(real);
    await rename(temporary, real);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder);
  return { written: real, backupPath };
}
