import { describe, expect, it } from 'vitest';
import type { DiaryEntry } from './diary-actions.tsx';
import { canDrag, dropProblem, freeCellMinutes, minutesToTime, pixelsPerMinute, snapToStep } from './diary-drag-rules.ts';

const grid = { from: 8 * 60, to: 18 * 60, ppm: 1.6 };

describe('snapToStep', () => {
  it('rounds the dragged top to the nearest step', () => {
    expect(snapToStep(0, grid, 15, 60)).toBe(480);
    expect(snapToStep(60 * 1.6 + 7 * 1.6, grid, 15, 60)).toBe(540); // 09:07 → 09:00
    expect(snapToStep(60 * 1.6 + 8 * 1.6, grid, 15, 60)).toBe(555); // 09:08 → 09:15
    expect(snapToStep(60 * 1.6 + 8 * 1.6, grid, 5, 60)).toBe(550); // 09:08 → 09:10
  });

  it('keeps the whole entry inside the grid', () => {
    expect(snapToStep(-200, grid, 15, 60)).toBe(480);
    expect(snapToStep(5000, grid, 15, 60)).toBe(17 * 60);
    expect(snapToStep(5000, grid, 20, 50)).toBe(17 * 60);
    expect(snapToStep(0, { ...grid, from: 8 * 60 + 10 }, 15, 30)).toBe(8 * 60 + 15);
  });
});

describe('free cells', () => {
  it('are one step high when that is tall enough to tap, else the smallest multiple that is', () => {
    expect(freeCellMinutes(15, pixelsPerMinute(15))).toBe(15);
    expect(freeCellMinutes(20, pixelsPerMinute(20))).toBe(20);
    expect(freeCellMinutes(30, pixelsPerMinute(30))).toBe(30);
    expect(freeCellMinutes(10, pixelsPerMinute(10))).toBe(10);
    expect(freeCellMinutes(5, pixelsPerMinute(5))).toBe(10);
  });

  it('formats minutes as a wall time', () => {
    expect(minutesToTime(9 * 60 + 5)).toBe('09:05');
    expect(minutesToTime(17 * 60 + 45)).toBe('17:45');
  });
});

describe('dropProblem', () => {
  const at = (hhmm: string) => `2027-03-02T${hhmm}:00.000Z`; // London is on UTC in early March
  const entry = (over: Partial<DiaryEntry> = {}): DiaryEntry => ({
    id: 'e1', kind: 'appointment', status: 'confirmed', start: at('10:00'), end: at('11:00'), blockedStart: at('10:00'), blockedEnd: at('11:15'),
    service: { id: 's', name: 'Traditional acupuncture' }, client: { id: 'c', name: 'Harriet Moss', phone: null }, room: null, note: null,
    lateCancellation: false, source: 'staff', version: 1, flags: [], readiness: null, course: null, undoTo: null, ...over,
  });
  const column = (entries: DiaryEntry[] = []) => ({
    practitionerId: 'tom', name: 'Tom Hughes', entries,
    workingHours: [{ start: at('09:00'), end: at('13:00') }, { start: at('14:00'), end: at('17:00') }],
  });
  const now = Date.parse('2027-03-01T12:00:00Z');
  const problem = (start: string, col = column(), givers?: string[]) => dropProblem(entry(), Date.parse(start), col, 'Europe/London', now, givers);

  it('sees nothing against a free time inside the hours, also overlapping the entry’s own time', () => {
    expect(problem(at('09:00'))).toBeNull();
    expect(problem(at('10:30'), column([entry()]))).toBeNull();
    expect(problem(at('16:00'))).toBeNull();
  });

  it('refuses the past, hours not worked, and a practitioner who does not give the treatment', () => {
    expect(problem('2027-03-01T11:00:00Z')).toBe('That time has passed.');
    expect(problem(at('12:30'))).toBe('Tom Hughes is not working at 12:30 for 60 minutes.');
    expect(problem(at('16:30'))).toMatch(/not working at 16:30/);
    expect(problem(at('09:00'), column(), ['mei'])).toBe('Tom Hughes does not give Traditional acupuncture.');
  });

  it('refuses a clash with another appointment or block, buffers included, but not with a cancelled one', () => {
    const other = entry({ id: 'e2', start: at('15:00'), end: at('15:30'), blockedStart: at('15:00'), blockedEnd: at('15:40'), client: { id: 'd', name: 'Rosa Lindqvist', phone: null } });
    expect(problem(at('14:00'), column([other]))).toBe('Tom Hughes has Rosa Lindqvist at 15:00 then.'); // its 15 minutes' buffer runs into 15:00
    expect(problem(at('15:45'), column([other]))).toBeNull();
    expect(problem(at('14:00'), column([{ ...other, status: 'cancelled' }]))).toBeNull();
    expect(problem(at('14:00'), column([{ ...other, kind: 'block', client: null }]))).toBe('Tom Hughes has blocked time then.');
  });

  it('drags booked and arrived appointments only', () => {
    expect(canDrag(entry())).toBe(true);
    expect(canDrag(entry({ status: 'arrived' }))).toBe(true);
    for (const status of ['held', 'completed', 'cancelled', 'no_show'] as const) expect(canDrag(entry({ status }))).toBe(false);
    expect(canDrag(entry({ kind: 'block' }))).toBe(false);
  });
});
