/** @jsxImportSource preact */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { WidgetField } from './widget-field.tsx';
import {
  COURSE_INTERVAL_WEEKS, courseProblems, courseProposalBody, intervalLabel, proposalSummary, proposedStarts, type CourseChoice,
} from '../lib/course-choice.ts';
import { addDays, formatShortDay, formatTime, formatWhen, localDate, todayIn } from '../lib/clinic-time.ts';
import { WidgetError, type CourseProposal, type Practitioner, type Problem, type Service, type WidgetApi } from './widget-api.ts';

/** What the visitor settled on: one practitioner and every session's start. */
export interface CoursePlan {
  practitionerId: string;
  weeks: number;
  starts: string[];
}

/** Course lengths offered in the widget (the API takes 2–52; a longer course is arranged with the clinic). */
const SESSION_COUNTS = [2, 3, 4, 5, 6, 8, 10, 12];

/** Half-hour start times from 07:00 to 20:30, written the clinic's way (24-hour). */
const TIMES = Array.from({ length: 28 }, (_, i) => `${String(7 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);

/**
 * The widget's "a course of sessions": how many, how often, from when and at what time;
 * then every proposed date from the server (the same proposal as the diary and the
 * portal), with the nearest free times to choose from where the usual time is taken.
 * Nothing is booked here: `onChoose` hands the dates to the details step.
 */
export function CoursePicker({ api, service, givers, practitionerId, timeZone, onChoose, problem }: {
  api: WidgetApi;
  service: Service;
  /** Practitioners who give the service. */
  givers: Practitioner[];
  /** Chosen already (a course is with one practitioner); null for "any qualified practitioner". */
  practitionerId: string | null;
  timeZone: string;
  onChoose: (plan: CoursePlan) => void;
  /** Why the last attempt to book did not go through (e.g. a session just taken), shown above the dates. */
  problem?: string;
}) {
  const today = todayIn(timeZone);
  const [v, setV] = useState<CourseChoice>({
    serviceId: service.id, practitionerId: practitionerId ?? (givers.length === 1 ? givers[0]!.id : ''),
    count: '6', weeks: '1', firstDate: addDays(today, 7), time: '10:00',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [proposal, setProposal] = useState<CourseProposal>();
  const [chosen, setChosen] = useState<(string | null)[]>([]);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(problem);
  const set = (patch: Partial<CourseChoice>) => { setV({ ...v, ...patch }); setProposal(undefined); };

  async function propose(event: Event) {
    event.preventDefault();
    const found = courseProblems(v);
    if (v.firstDate && v.firstDate < today) found.firstDate = 'Choose a date from today';
    setErrors(found);
    if (Object.keys(found).length) return;
    setLoading(true);
    setFailure(undefined);
    try {
      const p = await api.proposeCourse(courseProposalBody(v));
      setProposal(p);
      setChosen(proposedStarts(p.sessions));
    } catch (error) {
      const p: Problem | undefined = error instanceof WidgetError ? error.problem : undefined;
      const fields: Record<string, string> = {};
      for (const e of p?.errors ?? []) fields[e.field.replace(/^body\./, '')] ??= e.message;
      setErrors(fields);
      setFailure(p?.detail ?? 'Something went wrong. Please try again.');
    } finally {
      setLoading(false);
    }
  }

  const missing = chosen.filter((c) => c === null).length;
  return (
    <div class="yw-course">
      <form class="yw-form" onSubmit={propose} noValidate>
        <div class="yw-grid">
          {practitionerId === null && (
            <Select id="yw-c-who" label="Practitioner" hint="A course is with one practitioner, so that they follow your progress." value={v.practitionerId} error={errors.practitionerId}
              onChange={(x) => set({ practitionerId: x })}>
              <option value="">Choose…</option>
              {givers.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </Select>
          )}
          <Select id="yw-c-count" label="Sessions" value={v.count} error={errors.count} onChange={(x) => set({ count: x })}>
            {SESSION_COUNTS.map((n) => <option key={n} value={String(n)}>{n} sessions</option>)}
          </Select>
          <Select id="yw-c-every" label="How often" value={v.weeks} onChange={(x) => set({ weeks: x })}>
            {COURSE_INTERVAL_WEEKS.map((w) => <option key={w} value={String(w)}>{intervalLabel(w)}</option>)}
          </Select>
          <WidgetField id="yw-c-first" label="First session" error={errors.firstDate}>
            {(control) => <input {...control} type="date" min={today} value={v.firstDate} onInput={(e) => set({ firstDate: (e.currentTarget as HTMLInputElement).value })} />}
          </WidgetField>
          <Select id="yw-c-time" label="Usual time" value={v.time} error={errors.time} onChange={(x) => set({ time: x })}>
            {TIMES.map((t) => <option key={t} value={t}>{t}</option>)}
          </Select>
        </div>
        {!proposal && (
          <button type="submit" class="yw-btn yw-primary yw-submit" disabled={loading} aria-busy={loading || undefined}>
            {loading && <span class="yw-spinner yw-spinner-light" aria-hidden="true" />}
            {loading ? 'Finding the dates…' : 'Show the dates'}
          </button>
        )}
      </form>
      {failure && <div class="yw-notice yw-caution" role="status"><p>{failure}</p></div>}
      {proposal && (
        <div class="yw-course-dates">
          <h3 class="yw-sub" id="yw-dates">Your {proposal.sessions.length} dates</h3>
          <p class="yw-muted" aria-live="polite">{proposalSummary(proposal.sessions)} Times are {timeZone === 'Europe/London' ? 'UK times' : `in ${timeZone}`}.</p>
          <ol class="yw-sessions" aria-labelledby="yw-dates">
            {proposal.sessions.map((s, i) => (
              <li key={s.index} class={`yw-session${s.status === 'available' ? '' : ' yw-session-moved'}`}>
                <div class="yw-session-main">
                  <span class="yw-session-n">Session {i + 1}</span>
                  <span class="yw-session-when">{chosen[i] ? formatWhen(chosen[i]!, timeZone) : 'Choose a time below'}</span>
                  {s.status === 'available' && <span class="yw-badge yw-badge-ok">Free</span>}
                  {s.status === 'moved' && <span class="yw-badge yw-badge-caution">Usual time taken</span>}
                  {s.status === 'unavailable' && <span class="yw-badge yw-badge-caution">Nothing free nearby</span>}
                </div>
                {s.status !== 'available' && (
                  s.alternatives.length === 0 ? (
                    <p class="yw-fine">No free time within a few days of {formatWhen(s.target, timeZone)}. Try another first date or time, or call the clinic.</p>
                  ) : (
                    <fieldset class="yw-alts">
                      <legend class="yw-fine">Instead of {formatShortDay(localDate(s.target, timeZone))}, {formatTime(s.target, timeZone)}:</legend>
                      {s.alternatives.map((a) => (
                        <label key={a.start} class="yw-alt">
                          <input type="radio" name={`yw-session-${i}`} checked={chosen[i] === a.start}
                            onChange={() => setChosen(chosen.map((x, k) => (k === i ? a.start : x)))} />
                          {formatShortDay(localDate(a.start, timeZone))}, {formatTime(a.start, timeZone)}
                        </label>
                      ))}
                    </fieldset>
                  )
                )}
              </li>
            ))}
          </ol>
          <button type="button" class="yw-btn yw-primary yw-submit" disabled={missing > 0}
            onClick={() => onChoose({ practitionerId: v.practitionerId, weeks: Number(v.weeks), starts: chosen as string[] })}>
            Continue with these {proposal.sessions.length} dates
          </button>
          {missing > 0 && <p class="yw-fine">Choose a time for every session to continue.</p>}
          <button type="button" class="yw-link" onClick={() => setProposal(undefined)}>Change the course</button>
        </div>
      )}
    </div>
  );
}

function Select({ id, label, hint, value, error, onChange, children }: {
  id: string; label: string; hint?: string; value: string; error?: string; onChange: (v: string) => void; children: ComponentChildren;
}) {
  return (
    <WidgetField id={id} label={label} hint={hint} error={error}>
      {(control) => <select {...control} value={value} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}>{children}</select>}
    </WidgetField>
  );
}
