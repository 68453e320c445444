import { describe, expect, it } from 'vitest';
import { classifyDatabaseFault, diskFullNow, noteFault, noteWriteSucceeded, safeErrorSummary } from './db-faults.ts';

/** An error shaped as Drizzle raises it: its message holds the SQL, the driver's error is the cause. */
const wrapped = (cause: object) => Object.assign(new Error('Failed query: insert into "bookings" values ($1)\nparams: secret-value'), { cause });
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'ERROR' });

describe('classifyDatabaseFault', () => {
  it.each([
    ['PostgreSQL shutting down (57P01)', wrapped(pgError('57P01', 'terminating connection due to administrator command')), 'unavailable'],
    ['PostgreSQL starting up (57P03)', pgError('57P03', 'the database system is starting up'), 'unavailable'],
    ['too many connections (53300)', pgError('53300', 'sorry, too many clients already'), 'unavailable'],
    ['nothing listening', wrapped(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })), 'unavailable'],
    ['both addresses refused', new AggregateError([Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })]), 'unavailable'],
    ['the line broke', wrapped(new Error('Connection terminated unexpectedly')), 'unavailable'],
    ['the pool is exhausted', new Error('timeout exceeded when trying to connect'), 'unavailable'],
    ['the embedded database is closed', wrapped(new Error('PGlite is closed')), 'unavailable'],
    ['PostgreSQL disk full (53100)', wrapped(pgError('53100', 'could not extend file "base/1/2": No space left on device')), 'disk-full'],
    ['ENOSPC from the file system', Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }), 'disk-full'],
  ] as const)('%s is %s', (_name, error, fault) => {
    expect(classifyDatabaseFault(error)).toBe(fault);
  });

  it.each([
    ['a slot taken (23P01)', wrapped(pgError('23P01', 'conflicting key value violates exclusion constraint'))],
    ['a bug', new TypeError('x is undefined')],
    ['SQL that merely mentions a connection', new Error('Failed query: select \'connection terminated\'')],
  ])('%s is no fault', (_name, error) => {
    expect(classifyDatabaseFault(error)).toBeUndefined();
  });
});

describe('safeErrorSummary', () => {
  it('gives the driver\'s message and code, never the SQL or its parameters', () => {
    const summary = safeErrorSummary(wrapped(pgError('53100', 'could not extend file: No space left on device')));
    expect(summary).toEqual({ message: 'could not extend file: No space left on device', code: '53100' });
    expect(JSON.stringify(summary)).not.toContain('secret-value');
    expect(safeErrorSummary(new Error('Failed query: select 1'))).toEqual({ message: 'a database query failed' });
  });
});

describe('the disk-full state', () => {
  it('holds from a refused write until the next write that goes through', () => {
    const database = {};
    expect(diskFullNow(database)).toBe(false);
    noteFault(database, 'disk-full', new Date('2027-03-01T10:00:00Z'));
    expect(diskFullNow(database)).toBe(true);
    noteWriteSucceeded(database, new Date('2027-03-01T10:05:00Z'));
    expect(diskFullNow(database)).toBe(false);
    noteFault(database, 'disk-full', new Date('2027-03-01T10:06:00Z'));
    expect(diskFullNow(database)).toBe(true);
  });
});
