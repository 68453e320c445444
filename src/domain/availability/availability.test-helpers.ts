/**
 * Builders and an independent brute-force reference for the availability tests. Not
 * exported from `index.ts`: test support only.
 */

import type {
  AvailabilityInput,
  Instant,
  PractitionerSchedule,
  RoomSchedule,
  ServiceRules,
  Slot,
} from './availability.types';

export const LONDON = 'Europe/London';

/** A 60-minute service on a 15-minute grid with no buffers or notice; override what a test is about. */
export function service(overrides: Partial<ServiceRules> = {}): ServiceRules {
  return { durationMin: 60, slotStepMin: 15, bufferBeforeMin: 0, bufferAfterMin: 0, minimumNoticeMin: 0, ...overrides };
}

/** A London practitioner working Monday to Friday 09:00–17:00 unless told otherwise. */
export function practitioner(overrides: Partial<PractitionerSchedule> = {}): PractitionerSchedule {
  return {
    id: 'p1',
    timeZone: LONDON,
    weeklyHours: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
    ...overrides,
  };
}

/** A London room open Monday to Friday 08:00–20:00 unless told otherwise. */
export function room(id: string, overrides: Partial<RoomSchedule> = {}): RoomSchedule {
  return { id, timeZone: LONDON, weeklyHours: [{ days: [1, 2, 3, 4, 5], start: '08:00', end: '20:00' }], ...overrides };
}

/** Input for one date (Monday 2027-03-01, before the clocks change, so London = UTC) unless told otherwise. */
export function input(overrides: Partial<AvailabilityInput> = {}): AvailabilityInput {
  return {
    now: '2027-02-01T00:00:00Z',
    range: { startDate: '2027-03-01', endDate: '2027-03-01' },
    service: service(),
    practitioners: [practitioner()],
    ...overrides,
  };
}

/** Slot starts as `YYYY-MM-DDTHH:MMZ`, short enough to list in expectations. */
export function utcStarts(slots: readonly Slot[]): string[] {
  return slots.map((s) => new Date(s.start).toISOString().slice(0, 16) + 'Z');
}

const wallFormatters = new Map<string, Intl.DateTimeFormat>();
function wallFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = wallFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallFormatters.set(timeZone, f);
  }
  return f;
}

/** Local wall-clock parts of an instant, straight from `Intl` (independent of the engine's zone code). */
export function wallParts(ms: number, timeZone: string): { date: string; hour: number; minute: number; second: number } {
  const p: Record<string, string> = {};
  for (const part of wallFormatter(timeZone).formatToParts(ms)) p[part.type] = part.value;
  return { date: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour) % 24, minute: Number(p.minute), second: Number(p.second) };
}

/** Slot starts as local wall-clock `HH:MM` in `timeZone`. */
export function wallStarts(slots: readonly Slot[], timeZone: string): string[] {
  return slots.map((s) => {
    const w = wallParts(s.start, timeZone);
    return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
  });
}

const toMs = (i: Instant) => (typeof i === 'number' ? i : typeof i === 'string' ? Date.parse(i) : i.getTime());
const MIN = 60_000;

function offsetMs(timeZone: string, ms: number): number {
  const w = wallParts(ms, timeZone);
  const [y, m, d] = w.date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

/** The spec's rule for a wall-clock time: gap → forward, overlap → first occurrence (the generator's algorithm). */
function localToUtc(timeZone: string, date: string, minutes: number): number {
  const naive = Date.parse(`${date}T00:00:00Z`) + minutes * MIN;
  const off = offsetMs(timeZone, naive - 14 * 60 * MIN);
  let t = naive - off;
  const off2 = offsetMs(timeZone, t);
  if (off2 !== off) {
    const t2 = naive - off2;
    if (offsetMs(timeZone, t2) === off2) t = t2;
  }
  return t;
}

const hm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function workIntervals(e: PractitionerSchedule | RoomSchedule, from: string, to: string) {
  const out: { date: string; s: number; e: number }[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const override = e.overrides?.filter((o) => o.date === date).at(-1);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const list = override ? override.intervals : e.weeklyHours.filter((w) => w.days.includes(weekday));
    for (const iv of list) {
      const s = localToUtc(e.timeZone, date, hm(iv.start));
      const end = localToUtc(e.timeZone, date, hm(iv.end));
      if (end > s) out.push({ date, s, e: end });
    }
  }
  return out;
}

/**
 * The definition, checked minute by minute with `Intl` for every candidate: slow and
 * obviously right. A start is on the grid when its own wall-clock time, counted from
 * the local midnight of its working interval's date, is a multiple of the step — so
 * wall times skipped by a DST change can never appear, and repeated ones appear twice.
 */
export function bruteForceSlots(input: AvailabilityInput): Map<string, number[]> {
  const { service: svc, range } = input;
  const dur = svc.durationMin * MIN;
  const earliest = toMs(input.now) + svc.minimumNoticeMin * MIN;
  const latest = svc.horizonDays === undefined ? Infinity : toMs(input.now) + svc.horizonDays * 86_400_000;
  const blocked = (e: PractitionerSchedule | RoomSchedule) =>
    (e.bookings ?? []).map((b) => [toMs(b.start) - (b.bufferBeforeMin ?? 0) * MIN, toMs(b.end) + (b.bufferAfterMin ?? 0) * MIN] as const);
  const free = (work: { s: number; e: number }[], busy: (readonly [number, number])[], s: number) => {
    const e = s + dur;
    if (!work.some((iv) => iv.s <= s && e <= iv.e)) return false;
    const ps = s - svc.bufferBeforeMin * MIN;
    const pe = e + svc.bufferAfterMin * MIN;
    return !busy.some(([a, b]) => ps < b && a < pe);
  };
  const rooms = new Map((input.rooms ?? []).map((r) => [r.id, { work: workIntervals(r, range.startDate, range.endDate), busy: blocked(r) }]));
  const result = new Map<string, number[]>();
  for (const p of input.practitioners) {
    const work = workIntervals(p, range.startDate, range.endDate);
    const busy = blocked(p);
    const starts = new Set<number>();
    for (const iv of work) {
      const midnight = Date.parse(`${iv.date}T00:00:00Z`);
      for (let s = iv.s; s + dur <= iv.e; s += MIN) {
        const wallMin = (s + offsetMs(p.timeZone, s) - midnight) / MIN;
        if (wallMin % svc.slotStepMin !== 0) continue;
        if (s < earliest || s > latest || !free(work, busy, s)) continue;
        const eligible = p.eligibleRoomIds ?? [];
        if (input.rooms && eligible.length > 0) {
          const anyRoom = eligible.some((id) => {
            const r = rooms.get(id);
            return r !== undefined && free(r.work, r.busy, s);
          });
          if (!anyRoom) continue;
        }
        starts.add(s);
      }
    }
    result.set(String(p.id), [...starts].sort((a, b) => a - b));
  }
  return result;
}

/** The engine's slots grouped like `bruteForceSlots`. */
export function groupStarts(input: AvailabilityInput, slots: readonly Slot[]): Map<string, number[]> {
  const out = new Map<string, number[]>(input.practitioners.map((p) => [String(p.id), []]));
  for (const s of slots) out.get(String(s.practitionerId))?.push(s.start);
  return out;
}
