import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface DataDirLock {
  release(): void;
}

export class DataDirLockedError extends Error {}

/**
 * PGlite is single-process: two servers writing one data directory would corrupt it. A
 * lock file holding the owner's PID keeps a second process out; a lock left by a process
 * that no longer exists (after SIGKILL or a power cut) is taken over.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = path.join(dataDir, 'yintang.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return {
        release() {
          if (readPid(file) === process.pid) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readPid(file);
      if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
        throw new DataDirLockedError(
          `The embedded database in ${path.resolve(dataDir)} is already in use by another Yintang process (PID ${owner}). ` +
            'Stop that process first, or set DATA_DIR to another folder, or use PostgreSQL (DATABASE_URL) to run several instances.',
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock ${file}`);
}

/**
 * The PID of another live process that holds the data folder (a running server, or a
 * backup or restore under way), if any.
 */
export function dataDirHolder(dataDir: string): number | undefined {
  const owner = readPid(path.join(dataDir, 'yintang.lock'));
  return owner !== undefined && owner !== process.pid && isAlive(owner) ? owner : undefined;
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isFinite(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
