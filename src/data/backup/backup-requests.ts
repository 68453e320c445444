import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { BackupError, writeFileAtomic, type BackupRecord } from './backup-files.ts';

/**
 * While the server runs, it alone may open the embedded database, so `npm run backup`
 * asks it: the command drops a request file into `DATA_DIR/backups/requests`, the server
 * (which looks every two seconds) takes the backup and leaves the answer beside it. Only
 * someone who can write to the data folder can ask, and they could copy the database
 * files anyway: no port, no secret, nothing reachable from the network.
 */
export const REQUESTS_FOLDER = 'requests';

type Answer = { ok: true; record: BackupRecord } | { ok: false; error: string };

const requestFile = (dir: string, id: string) => path.join(dir, REQUESTS_FOLDER, `${id}.request`);
const answerFile = (dir: string, id: string) => path.join(dir, REQUESTS_FOLDER, `${id}.answer`);

/**
 * Asks the running server to back up into `backupsDir` and waits for its answer.
 *
 * @param serverAlive checked while waiting: if the server stops, stop waiting
 */
export async function requestBackupFromServer(
  backupsDir: string,
  options: { serverAlive: () => boolean; timeoutMs?: number; pollMs?: number },
): Promise<BackupRecord> {
  const { timeoutMs = 10 * 60_000, pollMs = 250 } = options;
  mkdirSync(path.join(backupsDir, REQUESTS_FOLDER), { recursive: true });
  const id = `${Date.now()}-${process.pid}`;
  writeFileAtomic(requestFile(backupsDir, id), JSON.stringify({ requestedAt: new Date().toISOString() }));
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const file = answerFile(backupsDir, id);
      if (existsSync(file)) {
        const answer = JSON.parse(readFileSync(file, 'utf8')) as Answer;
        rmSync(file, { force: true });
        if (!answer.ok) throw new BackupError(`The server could not take the backup: ${answer.error}`);
        return answer.record;
      }
      if (!options.serverAlive()) throw new BackupError('The server stopped before it took the backup. Run the backup again.');
      if (Date.now() > deadline) throw new BackupError('The server did not answer the backup request in time. Is it busy or stuck? Look at its log.');
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  } finally {
    rmSync(requestFile(backupsDir, id), { force: true });
  }
}

/** The requests waiting in `backupsDir`, oldest first; answers nobody collected for an hour are cleared away. */
export function pendingBackupRequests(backupsDir: string, now = Date.now()): string[] {
  let names: string[];
  try {
    names = readdirSync(path.join(backupsDir, REQUESTS_FOLDER));
  } catch {
    return [];
  }
  for (const name of names) {
    if (!name.endsWith('.answer')) continue;
    const file = path.join(backupsDir, REQUESTS_FOLDER, name);
    if (now - statSync(file).mtimeMs > 60 * 60_000) rmSync(file, { force: true });
  }
  return names.filter((n) => /^\d+-\d+\.request$/.test(n)).map((n) => n.slice(0, -'.request'.length)).sort();
}

/** Leaves the answer to a request for the command that asked, if it is still waiting. */
export function answerBackupRequest(backupsDir: string, id: string, answer: Answer) {
  if (!existsSync(requestFile(backupsDir, id))) return;
  writeFileAtomic(answerFile(backupsDir, id), JSON.stringify(answer));
  rmSync(requestFile(backupsDir, id), { force: true });
}
