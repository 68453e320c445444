import { describe, expect, it } from 'vitest';
import type { SystemStatus } from '../../../../features/system/system.schema.ts';
import { formatBytes, systemAdvice } from './system-advice.ts';

const NOW = Date.parse('2027-03-10T12:00:00Z');
const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

const healthy: SystemStatus = {
  database: { kind: 'pglite', ok: true, sizeBytes: 42_000_000 },
  disk: { freeBytes: 80_000_000_000, totalBytes: 250_000_000_000, full: false, low: false, lastFullAt: null },
  backup: {
    last: { at: '2027-03-10T02:00:00.000Z', bytes: 5_000_000, reason: 'daily', verified: true, verifiedAt: '2027-03-10T02:00:01.000Z', problem: null },
    lastVerifiedAt: '2027-03-10T02:00:00.000Z',
    automatic: true,
  },
  email: { smtpConfigured: true, queued: 0, retrying: 0, failedLastDay: 0, lastProblem: null, lastProblemAt: null },
  lastErrorAt: null,
  checkedAt: '2027-03-10T12:00:00.000Z',
};

const item = (s: SystemStatus, id: string) => systemAdvice(s, NOW, when).find((i) => i.id === id)!;

describe('systemAdvice', () => {
  it('says all is well in plain words when it is', () => {
    const items = systemAdvice(healthy, NOW, when);
    expect(items.map((i) => i.tone)).toEqual(['success', 'success', 'success', 'success', 'success']);
    expect(item(healthy, 'database').says).toBe('Working: the embedded database (on this computer), 42 MB.');
    expect(item(healthy, 'disk').says).toBe('80.0 GB free of 250.0 GB.');
    expect(item(healthy, 'backup').says).toContain('Last backup today');
  });

  it('flags a full disk, with what to do', () => {
    const full = { ...healthy, disk: { ...healthy.disk, freeBytes: 0, full: true, low: true } };
    expect(item(full, 'disk')).toMatchObject({ tone: 'error', says: expect.stringContaining('nothing new can be saved') });
    expect(item(full, 'disk').todo).toContain('Free space');
  });

  it('flags a backup a week old, and one that did not load', () => {
    const old = { ...healthy, backup: { ...healthy.backup, last: { ...healthy.backup.last!, at: '2027-03-03T02:00:00.000Z' } } };
    expect(item(old, 'backup')).toMatchObject({ tone: 'caution', says: expect.stringContaining('7 days ago') });
    const broken = { ...healthy, backup: { ...healthy.backup, last: { ...healthy.backup.last!, verified: false, problem: 'the archive is truncated' } } };
    expect(item(broken, 'backup')).toMatchObject({ tone: 'error', says: expect.stringContaining('the archive is truncated') });
  });

  it('names failed e-mails with the mail server\'s reason, and the last error', () => {
    const failing = { ...healthy, email: { ...healthy.email, failedLastDay: 2, lastProblem: '550 mailbox unavailable' }, lastErrorAt: '2027-03-10T11:00:00.000Z' };
    expect(item(failing, 'email').says).toBe('2 e-mails could not be sent in the last day; the mail server said: “550 mailbox unavailable”.');
    expect(item(failing, 'errors')).toMatchObject({ tone: 'caution', says: 'The last error was at 2027-03-10 11:00.' });
  });

  it('formats sizes as people read them', () => {
    expect([formatBytes(1_500_000_000), formatBytes(350_000_000), formatBytes(2_000)]).toEqual(['1.5 GB', '350 MB', '2 kB']);
  });
});
