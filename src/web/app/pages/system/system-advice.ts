import type { SystemStatus } from '../../../../features/system/system.schema.ts';

/** One line of the System page: how it stands, in plain words, and what to do. */
export interface SystemItem {
  id: 'database' | 'disk' | 'backup' | 'email' | 'errors';
  title: string;
  tone: 'success' | 'caution' | 'error' | 'info';
  says: string;
  todo?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** "1.2 GB", "350 MB": sizes as people read them (decimal units, as disks are sold). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  return `${Math.max(1, Math.round(bytes / 1e3))} kB`;
}

function age(fromIso: string, now: number): string {
  const days = Math.floor((now - new Date(fromIso).getTime()) / DAY_MS);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}

/**
 * The System page's lines from the server's facts. `when` formats an instant in the
 * clinic's time zone. A backup older than two days, a disk under 1 GB, e-mails that
 * failed: each says what to do.
 */
export function systemAdvice(s: SystemStatus, now: number, when: (iso: string) => string): SystemItem[] {
  const items: SystemItem[] = [];
  const kind = s.database.kind === 'pglite' ? 'the embedded database (on this computer)' : 'PostgreSQL';
  const size = s.database.sizeBytes ? `, ${formatBytes(s.database.sizeBytes)}` : '';
  items.push(s.database.ok
    ? { id: 'database', title: 'Database', tone: 'success', says: `Working: ${kind}${size}.` }
    : { id: 'database', title: 'Database', tone: 'error', says: `Yintang cannot read from or save to ${kind} right now. Clients see a “briefly unavailable” page and nothing they send is saved.`, todo: 'Check that the database server is running; Yintang reconnects by itself, with no restart.' });

  if (s.disk.full) {
    items.push({ id: 'disk', title: 'Disk space', tone: 'error', says: `The disk is full${s.disk.freeBytes !== null ? ` (${formatBytes(s.disk.freeBytes)} free)` : ''}: nothing new can be saved. Looking things up still works.`, todo: 'Free space on the computer that runs Yintang, for example by deleting large files you no longer need or moving old backups elsewhere. Saving works again straight away.' });
  } else if (s.disk.freeBytes === null) {
    items.push({ id: 'disk', title: 'Disk space', tone: 'info', says: 'The database’s disk is on the PostgreSQL server, which watches it; Yintang will say here if it fills.' });
  } else if (s.disk.low) {
    items.push({ id: 'disk', title: 'Disk space', tone: 'caution', says: `${formatBytes(s.disk.freeBytes)} free of ${formatBytes(s.disk.totalBytes ?? 0)}. When the disk fills, nothing new can be saved.`, todo: 'Make room soon: delete files you no longer need, or move old backups to another drive.' });
  } else {
    items.push({ id: 'disk', title: 'Disk space', tone: 'success', says: `${formatBytes(s.disk.freeBytes)} free of ${formatBytes(s.disk.totalBytes ?? 0)}.` });
  }

  const last = s.backup.last;
  if (!last) {
    items.push({ id: 'backup', title: 'Backups', tone: 'caution', says: 'No backup has been taken here yet.', todo: s.backup.automatic ? 'Run “npm run backup” now; Yintang also takes one by itself each day while it runs.' : 'Run “npm run backup” (for example each night from cron), or back PostgreSQL up with your own tools.' });
  } else if (!last.verified) {
    items.push({ id: 'backup', title: 'Backups', tone: 'error', says: `The last backup (${when(last.at)}) was taken but could not be opened again: ${last.problem ?? 'it did not load'}.${s.backup.lastVerifiedAt ? ` The last good one is from ${when(s.backup.lastVerifiedAt)}.` : ''}`, todo: 'Run “npm run backup” again; if it fails again, check the free disk space.' });
  } else {
    const old = now - new Date(last.at).getTime() > 2 * DAY_MS;
    items.push({ id: 'backup', title: 'Backups', tone: old ? 'caution' : 'success', says: `Last backup ${age(last.at, now)} (${when(last.at)}, ${formatBytes(last.bytes)}); it was opened again and checked, so it can be restored.`, ...(old ? { todo: s.backup.automatic ? 'Backups are taken daily while Yintang runs; start it, or run “npm run backup” now.' : 'Run “npm run backup” now, and schedule it daily.' } : {}) });
  }

  const e = s.email;
  if (e.failedLastDay > 0) {
    items.push({ id: 'email', title: 'E-mail', tone: 'error', says: `${e.failedLastDay} e-mail${e.failedLastDay === 1 ? '' : 's'} could not be sent in the last day${e.lastProblem ? `; the mail server said: “${e.lastProblem}”` : ''}.`, todo: 'Check the mail server settings (SMTP_URL) with whoever looks after your Yintang, then tell the clients concerned by phone; the Outbox lists each e-mail.' });
  } else if (e.retrying > 0) {
    items.push({ id: 'email', title: 'E-mail', tone: 'caution', says: `${e.retrying} e-mail${e.retrying === 1 ? ' is' : 's are'} waiting to be tried again${e.lastProblem ? `; the mail server said: “${e.lastProblem}”` : ''}. Each is sent once the mail server takes it.`, todo: 'If this lasts more than an hour, check the mail server.' });
  } else if (!e.smtpConfigured) {
    items.push({ id: 'email', title: 'E-mail', tone: 'info', says: 'No mail server is connected: e-mails are kept in the Outbox instead of being sent.', todo: 'Connect a mail server with the SMTP_URL setting to send them.' });
  } else {
    items.push({ id: 'email', title: 'E-mail', tone: 'success', says: e.queued > 0 ? `Sending; ${e.queued} on the way.` : 'Sending normally; nothing waiting.' });
  }

  items.push(s.lastErrorAt
    ? { id: 'errors', title: 'Errors', tone: now - new Date(s.lastErrorAt).getTime() < DAY_MS ? 'caution' : 'info', says: `The last error was at ${when(s.lastErrorAt)}.`, todo: 'If people tell you something did not work around then, the server’s log has the details.' }
    : { id: 'errors', title: 'Errors', tone: 'success', says: 'No errors since the server started.' });
  return items;
}
