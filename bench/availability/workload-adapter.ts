/**
 * Maps the engine-neutral benchmark workload (shape: /work/shared/workloads/availability.md,
 * version 1) onto the engine's input types, and the engine's slots back onto the
 * comparison object whose sha256 is the contract. Shared by the benchmark and the tests.
 */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type {
  AvailabilityInput,
  PractitionerSchedule,
  RoomSchedule,
  Slot,
} from '../../src/domain/availability/availability.types';

interface WorkloadInterval {
  start: string;
  end: string;
}
interface WorkloadBooking {
  id: string;
  start: string;
  end: string;
  bufferBeforeMin: number;
  bufferAfterMin: number;
  roomId?: string;
}
interface WorkloadEntity {
  timeZone: string;
  weeklyHours: { days: number[]; start: string; end: string }[];
  overrides: { date: string; intervals: WorkloadInterval[] }[];
  bookings: WorkloadBooking[];
}

/** The workload JSON as the generator writes it. */
export interface Workload {
  version: 1;
  generator: { name: string; options: Record<string, unknown> };
  now: string;
  bookerTimeZone: string;
  range: { startDate: string; endDate: string };
  service: {
    id: number;
    durationMin: number;
    slotStepMin: number;
    bufferBeforeMin: number;
    bufferAfterMin: number;
    minimumNoticeMin: number;
  };
  bankHolidays: string[];
  rooms?: (WorkloadEntity & { id: string })[];
  practitioners: (WorkloadEntity & { id: number; eligibleRoomIds: string[] })[];
}

/** Comparison format: practitioner id → sorted `YYYY-MM-DDTHH:MM:SSZ` starts, keys ascending. */
export type SlotComparison = Record<string, string[]>;

/** Folder holding the committed workloads and the generator. */
export const WORKLOAD_DIR = fileURLToPath(new URL('.', import.meta.url));

/** The generator copied beside the workloads, so tests can run its oracle without ../shared. */
export const GENERATOR_PATH = fileURLToPath(new URL('./availability-workload-gen.mjs', import.meta.url));

/** Reference scenarios: committed workload file, generator arguments, expected slot count and hash. */
export const REFERENCE_SCENARIOS = [
  {
    name: 'A',
    file: 'workload-a.json',
    args: [] as string[],
    slots: 7327,
    sha256: '565a282f649fbe1f49da26af67ac152ba7200acaaadacd61e11c5cfed20e907a',
  },
  {
    name: 'A60',
    file: 'workload-a60.json',
    args: ['--step', '60'],
    slots: 2411,
    sha256: '317eb0aba04ab913d1ae9531ccf4e618ac811b60a376fad771f5f310dcca0831',
  },
  {
    name: 'B',
    file: 'workload-b.json',
    args: ['--rooms', '10'],
    slots: 755,
    sha256: '1aa30d09b7dae1535c92e1a0482a9e8b3004a41d06a0b191336378bcf9de208c',
  },
] as const;

/** Reads a committed workload from `bench/availability/`. */
export function loadWorkload(file: string): Workload {
  return JSON.parse(readFileSync(new URL(`./${file}`, import.meta.url), 'utf8')) as Workload;
}

/**
 * The engine input for a workload. Instants become epoch milliseconds up front, as the
 * server's row mapping would (pg gives `Date`s), so timings measure the engine alone.
 */
export function workloadToInput(w: Workload): AvailabilityInput {
  const bookings = (list: WorkloadBooking[]) =>
    list.map((b) => ({
      id: b.id,
      start: Date.parse(b.start),
      end: Date.parse(b.end),
      bufferBeforeMin: b.bufferBeforeMin,
      bufferAfterMin: b.bufferAfterMin,
      ...(b.roomId === undefined ? {} : { roomId: b.roomId }),
    }));
  const practitioners: PractitionerSchedule[] = w.practitioners.map((p) => ({
    id: p.id,
    timeZone: p.timeZone,
    weeklyHours: p.weeklyHours,
    overrides: p.overrides,
    bookings: bookings(p.bookings),
    eligibleRoomIds: p.eligibleRoomIds,
  }));
  const rooms: RoomSchedule[] | undefined = w.rooms?.map((r) => ({
    id: r.id,
    timeZone: r.timeZone,
    weeklyHours: r.weeklyHours,
    overrides: r.overrides,
    bookings: bookings(r.bookings),
  }));
  return {
    now: Date.parse(w.now),
    range: w.range,
    service: {
      durationMin: w.service.durationMin,
      slotStepMin: w.service.slotStepMin,
      bufferBeforeMin: w.service.bufferBeforeMin,
      bufferAfterMin: w.service.bufferAfterMin,
      minimumNoticeMin: w.service.minimumNoticeMin,
    },
    practitioners,
    ...(rooms ? { rooms } : {}),
  };
}

/** `2027-03-01T09:00:00Z`: the oracle's format, without milliseconds. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Groups slots per practitioner in the oracle's comparison format; every practitioner gets a key. */
export function toComparison(practitionerIds: readonly (string | number)[], slots: readonly Slot[]): SlotComparison {
  const ids = [...practitionerIds].sort((a, b) => Number(a) - Number(b));
  const out: SlotComparison = {};
  for (const id of ids) out[String(id)] = [];
  for (const s of slots) out[String(s.practitionerId)]?.push(isoSeconds(s.start));
  for (const id of ids) out[String(id)]?.sort();
  return out;
}

/** sha256 of `JSON.stringify(comparison)`, the reference hash format. */
export function comparisonHash(comparison: SlotComparison): string {
  return createHash('sha256').update(JSON.stringify(comparison)).digest('hex');
}
