import { useEffect, useId, useState } from 'react';
import type { z } from 'zod';
import type { availabilityResponse } from '../../../../features/scheduling/scheduling.schema.ts';
import { api, errorMessage } from '../../../lib/api-client.ts';
import { addDays, formatLongDay, formatShortDay, formatTime, groupByDay, partOfDay, todayIn } from '../../../lib/clinic-time.ts';
import { Alert } from '../../../components/alert.tsx';
import { Loading } from '../../../components/loading.tsx';
import { Button } from '../../../components/button.tsx';

export type Availability = z.infer<typeof availabilityResponse>;
export type FreeSlot = Availability['slots'][number];

const PAGE_DAYS = 14;

/**
 * Free times of a service, by day, in the clinic's local time: a row of days with free
 * times, then the chosen day's times. Used to move a booking (from the e-mail link, the
 * client portal and the diary).
 */
export function SlotPicker({ slug, serviceId, practitionerId, timeZone, onChoose, refreshKey = 0, skipStart, source }: {
  slug: string;
  serviceId: string;
  practitionerId?: string;
  timeZone: string;
  onChoose: (slot: FreeSlot) => void;
  /** Change to load the times again (e.g. after a slot was taken). */
  refreshKey?: number;
  /** A start not to offer (the booking's current time). */
  skipStart?: string;
  /** Staff moving a booking: the staff free times (`diary/free-times`), with that booking's own time free. Public availability otherwise. */
  source?: { path: 'diary/free-times'; bookingId: string };
}) {
  const [days, setDays] = useState<{ date: string; slots: FreeSlot[] }[]>([]);
  const [until, setUntil] = useState<string>();
  const [day, setDay] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const daysLabel = useId();

  async function load(from: string, append: boolean) {
    const to = addDays(from, PAGE_DAYS - 1);
    setLoading(true);
    setError(undefined);
    try {
      const params = new URLSearchParams({ serviceId, from, to });
      if (practitionerId) params.set('practitionerId', practitionerId);
      if (source) params.set('bookingId', source.bookingId);
      const answer = await api.get<Availability>(`/clinics/${slug}/${source?.path ?? 'availability'}?${params}`);
      const grouped = groupByDay(answer.slots.filter((s) => s.start !== skipStart), timeZone);
      setDays((before) => (append ? [...before, ...grouped] : grouped));
      setUntil(to);
      setDay((current) => (append && current ? current : grouped[0]?.date));
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    setDays([]);
    void load(todayIn(timeZone), false);
  }, [slug, serviceId, practitionerId, timeZone, refreshKey]);

  const chosen = days.find((d) => d.date === day);
  const parts = new Map<string, FreeSlot[]>();
  for (const s of chosen?.slots ?? []) parts.set(partOfDay(s.start, timeZone), [...(parts.get(partOfDay(s.start, timeZone)) ?? []), s]);

  return (
    <div className="flex flex-col gap-4">
      {error !== undefined && <Alert tone="error">{errorMessage(error)}</Alert>}
      {loading && days.length === 0 && <Loading label="Finding free times…" />}
      {!loading && days.length === 0 && error === undefined && (
        <Alert tone="info">There are no free times up to {until ? formatLongDay(until) : 'then'}. Try later dates.</Alert>
      )}
      {days.length > 0 && (
        <div>
          <h3 id={daysLabel} className="text-base font-semibold">Days with free times</h3>
          <ul aria-labelledby={daysLabel} className="mt-2 grid grid-cols-[repeat(auto-fill,minmax(7rem,1fr))] gap-2">
            {days.map((d) => (
              <li key={d.date}>
                <button
                  type="button"
                  aria-pressed={d.date === day}
                  aria-label={`${formatLongDay(d.date)}, ${d.slots.length} ${d.slots.length === 1 ? 'time' : 'times'}`}
                  onClick={() => setDay(d.date)}
                  className={`flex min-h-14 w-full cursor-pointer flex-col items-start rounded-lg border px-3 py-2 text-left ${d.date === day ? 'border-jade-600 bg-jade-600 text-white' : 'border-line bg-white hover:border-jade-600'}`}
                >
                  <span className="font-semibold">{formatShortDay(d.date)}</span>
                  <span className={d.date === day ? 'text-white' : 'muted'}>{d.slots.length} {d.slots.length === 1 ? 'time' : 'times'}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {chosen && (
        <div className="border-t border-line pt-4">
          <h3 className="text-base font-semibold">{formatLongDay(chosen.date)}</h3>
          {[...parts.entries()].map(([part, list]) => (
            <div key={part}>
              <h4 className="muted mt-3 mb-2 font-medium">{part}</h4>
              <ul className="grid grid-cols-[repeat(auto-fill,minmax(5.25rem,1fr))] gap-2">
                {list.map((s) => (
                  <li key={s.start + s.practitionerId}>
                    <button
                      type="button"
                      onClick={() => onChoose(s)}
                      className="min-h-11 w-full cursor-pointer rounded-lg border border-jade-200 bg-jade-50 px-2 font-semibold text-jade-800 tabular-nums hover:border-jade-600 hover:bg-jade-600 hover:text-white"
                    >
                      {formatTime(s.start, timeZone)}<span className="sr-only"> on {formatLongDay(chosen.date)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
      {until && (
        <Button variant="secondary" className="self-start" pending={loading && days.length > 0} onClick={() => void load(addDays(until, 1), true)}>
          Show later dates
        </Button>
      )}
    </div>
  );
}
