import type { z } from 'zod';
import type { plan as planSchema } from '../../../../features/plans/plans.schema.ts';
import { CalendarPlus } from 'lucide-react';
import { formatDate, formatLongDate, formatMoney } from '../../../lib/format.ts';
import { planCare, type PlanCare } from '../../../lib/course-choice.ts';
import { Button } from '../../../components/button.tsx';

export type Plan = z.infer<typeof planSchema>;

/** "every week", "every 2 weeks", "every 10 days". */
export function intervalWords(days: number): string {
  if (days % 7 === 0) return days === 7 ? 'every week' : `every ${days / 7} weeks`;
  return days === 1 ? 'every day' : `every ${days} days`;
}

const STATUS: Record<Plan['status'], { label: string; tone: string }> = {
  proposed: { label: 'Proposed', tone: 'badge-clay' },
  accepted: { label: 'Accepted', tone: '' },
  in_progress: { label: 'In progress', tone: '' },
  completed: { label: 'Completed', tone: 'badge-neutral' },
  withdrawn: { label: 'Withdrawn', tone: 'badge-neutral' },
};
export const PlanStatusBadge = ({ status }: { status: Plan['status'] }) => <span className={`badge ${STATUS[status].tone}`}>{STATUS[status].label}</span>;

const timeOf = (iso: string, timeZone: string) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone }).format(new Date(iso));

/** The plan in plain words: the course, the care beside it, what follows, and the price. */
export function PlanSummary({ plan, forClient = false }: { plan: Plan; forClient?: boolean }) {
  return (
    <dl className="grid gap-x-8 gap-y-4 sm:grid-cols-2">
      <div>
        <dt className="muted">The course</dt>
        <dd>{plan.sessions} × {plan.service.name}, {intervalWords(plan.intervalDays)}, with {plan.practitioner.name}</dd>
      </div>
      <div>
        <dt className="muted">{plan.seriesId ? 'Booked from' : 'Starting'}</dt>
        <dd>{plan.schedule[0] ? formatDate(plan.schedule[0].start) : `${formatDate(plan.firstDate)}, around ${plan.time}`}</dd>
      </div>
      {plan.complementary.length > 0 && (
        <div>
          <dt className="muted">Alongside</dt>
          <dd>{plan.complementary.map((c) => `${c.name}: ${c.sessions} ${c.sessions === 1 ? 'session' : 'sessions'}, ${intervalWords(c.intervalDays)}`).join('; ')}</dd>
        </div>
      )}
      {plan.maintenance && (
        <div>
          <dt className="muted">After the course</dt>
          <dd>One session {intervalWords(plan.maintenance.intervalDays)} to keep the results{plan.maintenance.note ? `. ${plan.maintenance.note}` : ''}</dd>
        </div>
      )}
      <div>
        <dt className="muted">{forClient ? 'Price of the course' : 'Course price'}</dt>
        <dd className="font-semibold tabular-nums">{formatMoney(plan.priceMinor, plan.currency)}</dd>
      </div>
      {plan.explanation && (
        <div className="sm:col-span-2">
          <dt className="muted">{forClient ? `From ${plan.practitioner.name}` : 'What the client reads'}</dt>
          <dd className="whitespace-pre-line">{plan.explanation}</dd>
        </div>
      )}
    </dl>
  );
}

type Care = NonNullable<Plan['progress']>['care'][number];

/** "1 of 3 done, 1 more booked", "2 done", "2 of 2 booked, none done yet", "3 booked (2 planned), none done yet", "none booked yet". */
function careWords(c: Care): string {
  const ahead = c.booked - c.done;
  const done = c.planned !== null ? `${c.done} of ${c.planned} done` : `${c.done} done`;
  if (c.booked === 0) return c.planned !== null ? `0 of ${c.planned} done, none booked yet` : 'none booked yet';
  // Care is recognised by its service, so a client may have booked more than the plan proposed: never "3 of 2".
  const booked = c.planned === null ? `${c.booked}` : c.booked > c.planned ? `${c.booked} booked (${c.planned} planned)` : `${c.booked} of ${c.planned}`;
  // Nothing given yet: say what is booked rather than "0 done".
  if (c.done === 0) return c.planned !== null && c.booked > c.planned ? `${booked}, none done yet` : `${booked} booked, none done yet`;
  return ahead > 0 ? `${done}, ${ahead} more booked` : done;
}

/** "Session 1 of 6" with the next date, a progress bar and every session of the course. */
export function PlanProgress({ plan, timeZone }: { plan: Plan; timeZone: string }) {
  const p = plan.progress;
  if (!p) return null;
  const heading = p.next ? `Session ${p.next.position} of ${p.total}` : p.done >= p.total ? `All ${p.total} sessions done` : `${p.done} of ${p.total} sessions done`;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-lg font-semibold">{heading}</p>
        {p.next && <p className="muted">Next: {formatLongDate(p.next.start, timeZone)}, {timeOf(p.next.start, timeZone)}</p>}
      </div>
      <div className="h-2 overflow-hidden rounded-full bg-jade-50" role="progressbar" aria-label="Sessions of the course done" aria-valuemin={0} aria-valuemax={p.total} aria-valuenow={p.done}>
        <div className="h-full rounded-full bg-jade-600" style={{ width: `${Math.round((p.done / Math.max(1, p.total)) * 100)}%` }} />
      </div>
      {p.care.length > 0 && (
        // Counted apart, so "session 4 of 10" is only ever the course itself.
        <ul aria-label="Care alongside and after the course" className="flex flex-col gap-1.5 rounded-lg bg-jade-50 px-4 py-3 text-sm">
          {p.care.map((c) => (
            <li key={`${c.kind}-${c.name}`} className="flex flex-wrap items-baseline justify-between gap-x-4">
              <span><span className="font-medium">{c.kind === 'maintenance' ? 'Maintenance after the course' : c.name}</span>{c.kind === 'complementary' ? ' (alongside)' : ''}: {careWords(c)}</span>
              {c.next && <span className="muted">Next: {formatLongDate(c.next, timeZone)}, {timeOf(c.next, timeZone)}</span>}
            </li>
          ))}
        </ul>
      )}
      <ol className="grid gap-x-6 gap-y-1 sm:grid-cols-2" aria-label="Sessions of the course">
        {plan.schedule.map((s) => (
          <li key={s.bookingId} className={`flex gap-3 ${s.position === null ? 'muted line-through' : ''}`}>
            <span className="w-8 shrink-0 text-right tabular-nums text-muted">{s.position ?? '–'}</span>
            <span>{formatLongDate(s.start, timeZone)}, {timeOf(s.start, timeZone)}</span>
            {s.status === 'completed' && <span className="sr-only">(done)</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}

/**
 * The care beside the course and after it, each bookable as a course of its own (the same
 * course booking: every date shown first, alternatives for clashes, all in one step).
 */
export function PlanCareBooking({ plan, forClient = false, onBook }: { plan: Plan; forClient?: boolean; onBook: (care: PlanCare) => void }) {
  const care = planCare(plan);
  if (care.length === 0 || plan.status === 'withdrawn' || plan.status === 'proposed') return null;
  return (
    <div className="flex flex-col gap-3 border-t border-line pt-5">
      <h3 className="text-base font-semibold">{forClient ? 'Book the care alongside and after your course' : 'Book the care alongside and after the course'}</h3>
      <ul className="flex flex-col gap-2">
        {care.map((c) => (
          <li key={c.key} className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-line px-4 py-3">
            <span>{c.label}, {intervalWords(Number(c.choice.weeks) * 7)}</span>
            <Button variant="secondary" onClick={() => onBook(c)}><CalendarPlus aria-hidden="true" className="size-4" />Book<span className="sr-only"> {c.label}</span></Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
