import { useState } from 'react';
import { CalendarCheck, CalendarClock, CalendarX } from 'lucide-react';
import type { z } from 'zod';
import type { seriesProposal } from '../../../../features/series/series.schema.ts';
import { formatLongDate } from '../../../lib/format.ts';
import { Button } from '../../../components/button.tsx';
import { proposalSummary, proposedStarts } from '../../../lib/course-choice.ts';

export type CourseProposal = z.infer<typeof seriesProposal>;

const timeOf = (iso: string, timeZone: string) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone }).format(new Date(iso));
const when = (iso: string, timeZone: string) => `${formatLongDate(iso, timeZone)}, ${timeOf(iso, timeZone)}`;
const shortWhen = (iso: string, timeZone: string) =>
  `${new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone }).format(new Date(iso))}, ${timeOf(iso, timeZone)}`;

/**
 * Every proposed date of a course, one per session: kept when free; when the usual time is
 * taken, the nearest free times to choose from. One button books them all.
 */
export function CourseDates({ proposal, confirmLabel, pending, onConfirm }: {
  proposal: CourseProposal;
  confirmLabel: string;
  pending: boolean;
  onConfirm: (starts: string[]) => void;
}) {
  const tz = proposal.timeZone;
  const [chosen, setChosen] = useState<(string | null)[]>(() => proposedStarts(proposal.sessions));
  const missing = chosen.filter((c) => c === null).length;
  return (
    <div className="flex flex-col gap-4">
      <p className="muted" aria-live="polite">
        {proposalSummary(proposal.sessions)}
      </p>
      <ol className="flex flex-col divide-y divide-line rounded-lg border border-line" aria-label="Proposed dates">
        {proposal.sessions.map((s, i) => {
          const Icon = s.status === 'available' ? CalendarCheck : s.status === 'moved' ? CalendarClock : CalendarX;
          return (
            <li key={s.index} className="flex flex-col gap-2 px-4 py-3">
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <Icon aria-hidden="true" className={`size-5 shrink-0 ${s.status === 'available' ? 'text-jade-700' : 'text-caution'}`} />
                <span className="w-24 shrink-0 font-medium">Session {i + 1}</span>
                <span className="min-w-0 flex-1">{chosen[i] ? when(chosen[i]!, tz) : <span className="text-caution">Choose a time</span>}</span>
                {s.status === 'moved' && <span className="badge badge-caution">Usual time taken</span>}
                {s.status === 'unavailable' && <span className="badge badge-caution">Nothing free nearby</span>}
              </div>
              {s.status !== 'available' && (
                <fieldset className="ml-8">
                  <legend className="muted text-sm">Instead of {when(s.target, tz)}:</legend>
                  {s.alternatives.length === 0
                    ? <p className="text-sm">No free time within a few days. Call the clinic, or start the course on another date.</p>
                    : (
                      <div className="mt-1.5 flex flex-wrap gap-2">
                        {s.alternatives.map((a) => (
                          <label key={a.start} className={`flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border px-3 ${chosen[i] === a.start ? 'border-jade-600 bg-jade-50' : 'border-line'}`}>
                            <input type="radio" className="accent-jade-700" name={`session-${i}`} checked={chosen[i] === a.start}
                              onChange={() => setChosen((c) => c.map((x, k) => (k === i ? a.start : x)))} />
                            {shortWhen(a.start, tz)}
                          </label>
                        ))}
                      </div>
                    )}
                </fieldset>
              )}
            </li>
          );
        })}
      </ol>
      <div>
        <Button pending={pending} disabled={missing > 0} onClick={() => onConfirm(chosen as string[])}>{confirmLabel}</Button>
        {missing > 0 && <p className="muted mt-2 text-sm">Choose a time for every session to book.</p>}
      </div>
    </div>
  );
}
