import { describe, expect, it } from 'vitest';
import { JobPause } from './job-pause.ts';

const failedQuery = (cause: object) => Object.assign(new Error('Failed query: insert into "outbox_emails" values ($1)\nparams: olivia@example.com'), { cause });

describe('JobPause', () => {
  it('logs one line when the job pauses and one when it resumes, never the SQL or its values', () => {
    const lines: { level: string; obj: object; msg: string }[] = [];
    const log = { info: (obj: object, msg: string) => lines.push({ level: 'info', obj, msg }), error: (obj: object, msg: string) => lines.push({ level: 'error', obj, msg }) };
    const pause = new JobPause('outbox', {}, log, () => 1000);
    const full = failedQuery(Object.assign(new Error('could not extend file "base/5/16400": No space left on device'), { code: '53100' }));
    for (let i = 0; i < 30; i++) pause.failed(full);
    const away = failedQuery(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    for (let i = 0; i < 5; i++) pause.failed(away);
    pause.succeeded();
    pause.succeeded();
    expect(lines.map((l) => `${l.level} ${l.msg}`)).toEqual([
      'error outbox paused: disk full; retrying with back-off',
      'error outbox paused: database unavailable; retrying with back-off',
      'info outbox resumed',
    ]);
    const text = JSON.stringify(lines);
    expect(text).not.toContain('insert into');
    expect(text).not.toContain('olivia@example.com');
  });

  it('backs off from the poll interval, doubling up to a minute, and returns to it after a success', () => {
    const pause = new JobPause('outbox', {}, { info: () => {}, error: () => {} }, () => 1000);
    expect(pause.nextDelayMs()).toBe(1000);
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      pause.failed(new Error('PGlite is closed'));
      delays.push(pause.nextDelayMs());
    }
    expect(delays).toEqual([2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    pause.succeeded();
    expect(pause.nextDelayMs()).toBe(1000);
  });
});
