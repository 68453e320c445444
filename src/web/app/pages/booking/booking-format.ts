import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { bookingStatus } from '../../../../features/booking/booking.schema.ts';

export type BookingStatus = z.infer<typeof bookingStatus>;

/** What each status is called on screen, and the badge it wears. */
export const STATUS: Record<BookingStatus, { label: string; badge: string }> = {
  held: { label: 'Awaiting confirmation', badge: 'badge badge-caution' },
  confirmed: { label: 'Booked', badge: 'badge' },
  arrived: { label: 'Arrived', badge: 'badge badge-clay' },
  completed: { label: 'Completed', badge: 'badge badge-neutral' },
  cancelled: { label: 'Cancelled', badge: 'badge badge-neutral' },
  no_show: { label: 'No-show', badge: 'badge badge-danger' },
  expired: { label: 'Hold ran out', badge: 'badge badge-neutral' },
};

/** A clinic-local date and wall time (`2027-03-03`, `09:30`) as a UTC instant; null if that time does not exist there. */
export function localToInstant(date: string, time: string, timeZone: string): string | null {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone: timeZone });
  if (!dt.isValid) return null;
  // A wall time skipped by the clocks going forward comes back shifted: refuse it.
  if (dt.toFormat('HH:mm') !== time) return null;
  return dt.toUTC().toISO({ suppressMilliseconds: true });
}

/** "24 hours" / "1 hour" / "30 minutes". */
export function hoursWords(hours: number): string {
  if (hours >= 1 && Number.isInteger(hours)) return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  const min = Math.round(hours * 60);
  return `${min} minutes`;
}
