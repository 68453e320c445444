import { useEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Ban, ChevronLeft, ChevronRight, DoorClosed, Plus, Repeat } from 'lucide-react';
import { useApi } from '../../lib/use-api.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { addDays, formatLongDay, formatShortDay, formatTime, formatWhen, localDate, localMinutes, mondayOf, todayIn } from '../../lib/clinic-time.ts';
import { RoleGate, STAFF_ROLES } from '../role-gate.tsx';
import { usePageTitle } from '../use-page-title.ts';
import type { ClinicContext } from '../session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Alert } from '../../components/alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { Button } from '../../components/button.tsx';
import { HealthFlagsDialog, ReadinessBadges, readinessWords } from './readiness.tsx';
import { BlockDialog, BookDialog, EntryDialog, MoveDialog, useStaffServices, type Diary, type DiaryEntry, type NewBookingDraft } from './booking/diary-actions.tsx';
import { STATUS, localToInstant } from './booking/booking-format.ts';
import { BookCourseDialog } from './course/book-course-dialog.tsx';
import { DropGhost, DropMoveDialog, useDiaryDrag, type DragState, type DroppedMove } from './booking/diary-drag.tsx';
import { canDrag, dropProblem, freeCellMinutes, pixelsPerMinute } from './booking/diary-drag-rules.ts';

/**
 * The staff diary: a day with a column per practitioner, or a week; practitioners see
 * only their own. Tap a free time to book a client by phone, tap an appointment to mark
 * it arrived, move it or cancel it, drag an appointment to move it, and block time.
 * Times are the clinic's local time.
 */
export function DiaryPage() {
  usePageTitle('Diary');
  return <RoleGate roles={STAFF_ROLES}>{(clinic) => <DiaryScreen clinic={clinic} />}</RoleGate>;
}

type View = 'day' | 'week';

/** Colours telling practitioners apart in the week view (each with AA text on white). */
const PEOPLE_COLOURS = ['border-l-jade-600', 'border-l-clay', 'border-l-[#4b5fa8]', 'border-l-[#8a4f9e]', 'border-l-[#2f7d8c]'];

function DiaryScreen({ clinic }: { clinic: ClinicContext }) {
  const [params, setParams] = useSearchParams();
  const view: View = params.get('view') === 'week' ? 'week' : 'day';
  const requestedDate = params.get('date') ?? undefined;
  const who = params.get('practitioner') ?? '';
  const [showCancelled, setShowCancelled] = useState(false);
  const [message, setMessage] = useState<string>();
  const [open, setOpen] = useState<{ entry: DiaryEntry; practitionerId: string }>();
  const [moving, setMoving] = useState<{ entry: DiaryEntry; practitionerId: string }>();
  const [flagsOf, setFlagsOf] = useState<DiaryEntry>();
  const [draft, setDraft] = useState<NewBookingDraft>();
  const [blocking, setBlocking] = useState(false);
  const [course, setCourse] = useState(false);
  const [dropped, setDropped] = useState<DroppedMove>();
  const [notice, setNotice] = useState<string>();
  const services = useStaffServices(clinic.slug);

  const weekStart = requestedDate && view === 'week' ? mondayOf(requestedDate) : requestedDate;
  const query = new URLSearchParams({ days: view === 'week' ? '7' : '1' });
  if (weekStart) query.set('date', weekStart);
  if (who && clinic.role !== 'practitioner') query.set('practitionerId', who);
  const diary = useApi<Diary>(`/clinics/${clinic.slug}/diary?${query}`);
  // The first answer tells us today's date in the clinic; a week view starts on Monday.
  const data = diary.data;
  const timeZone = data?.timeZone ?? 'Europe/London';
  const shownDate = requestedDate ?? data?.startDate ?? todayIn(timeZone);
  useEffect(() => {
    if (view === 'week' && data && !requestedDate && data.startDate !== mondayOf(data.startDate)) {
      setParams((p) => { p.set('date', data.startDate); return p; }, { replace: true });
    }
  }, [view, data, requestedDate, setParams]);

  const go = (changes: Record<string, string | null>) => setParams((p) => {
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') p.delete(k);
      else p.set(k, v);
    }
    return p;
  });
  const step = view === 'week' ? 7 : 1;
  const changed = (text: string) => {
    setMessage(text);
    setNotice(undefined);
    setOpen(undefined);
    setMoving(undefined);
    setDraft(undefined);
    setBlocking(false);
    setDropped(undefined);
    diary.reload();
  };
  // Who may be booked for it (facial: only verified practitioners, unless the clinic turned that off).
  const giversOf = (serviceId: string | undefined) => {
    const s = services.data?.items.find((x) => x.id === serviceId);
    return s && (s.bookablePractitionerIds ?? s.practitionerIds);
  };
  /** An appointment dropped somewhere new: say at once what the diary can see against it, else ask to confirm. */
  const onDrop = (drag: DragState) => {
    const spot = drag.spot;
    if (!data || !spot) return;
    const moved = spot.start !== null && Date.parse(spot.start) !== Date.parse(drag.entry.start);
    if (!moved && spot.practitionerId === drag.fromPractitionerId) return;
    setMessage(undefined);
    const column = data.columns.find((c) => c.practitionerId === spot.practitionerId);
    const problem = spot.start === null ? 'That time does not exist on that day (the clocks change).'
      : column ? dropProblem(drag.entry, Date.parse(spot.start), column, timeZone, Date.now(), giversOf(drag.entry.service?.id)) : 'That practitioner is not in the diary.';
    if (problem || !column || spot.start === null) {
      setNotice(`${drag.entry.client?.name ?? 'The appointment'} was not moved. ${problem}`);
      return;
    }
    setNotice(undefined);
    setDropped({
      entry: drag.entry, fromName: nameOf(drag.fromPractitionerId), toPractitionerId: spot.practitionerId, toName: column.name, start: spot.start,
      otherPractitioner: spot.practitionerId !== drag.fromPractitionerId,
    });
  };

  const heading = view === 'week' && data
    ? `Week of ${formatLongDay(data.startDate).replace(/^\w+ /, '')}`
    : formatLongDay(shownDate);
  const isToday = data ? shownDate === todayIn(timeZone) : false;
  const allColumns = data?.columns ?? [];
  const nameOf = (id: string) => allColumns.find((c) => c.practitionerId === id)?.name ?? '';
  // Everyone who can be chosen in the filter, also while the diary shows only one of them.
  const people = useApi<{ items: { id: string; name: string }[] }>(clinic.role === 'practitioner' ? null : `/clinics/${clinic.slug}/practitioners`);
  const choices = new Map<string, string>();
  for (const c of allColumns) choices.set(c.practitionerId, c.name);
  for (const p of people.data?.items ?? []) choices.set(p.id, p.name);

  return (
    <>
      <PageHeader
        eyebrow={clinic.name}
        title="Diary"
        description={<p>{clinic.role === 'practitioner' ? 'Your appointments' : 'Everyone’s appointments'} in the clinic’s local time. Tap a free time to book a client, or an appointment to change it. Drag an appointment to move it{clinic.role === 'practitioner' ? '' : ' to another time or practitioner'} (on a touch screen, hold it for a moment first).</p>}
        actions={data && (
          <div className="flex flex-wrap gap-3">
            <Button variant="secondary" onClick={() => setCourse(true)}><Repeat aria-hidden="true" className="size-5" />Book a course</Button>
            <Button variant="secondary" onClick={() => setBlocking(true)}><Ban aria-hidden="true" className="size-5" />Block time</Button>
          </div>
        )}
      />

      <div className="mb-5 flex flex-wrap items-end justify-between gap-4">
        <div className="flex flex-wrap items-center gap-2">
          <div role="group" aria-label="View" className="inline-flex rounded-lg border border-line-strong/50 bg-white p-1">
            {(['day', 'week'] as const).map((v) => (
              <button key={v} type="button" aria-pressed={view === v} onClick={() => go({ view: v === 'day' ? null : 'week', date: v === 'week' ? mondayOf(shownDate) : shownDate })}
                className={`min-h-9 cursor-pointer rounded-md px-4 font-medium ${view === v ? 'bg-jade-600 text-white' : 'text-ink hover:bg-jade-50'}`}>
                {v === 'day' ? 'Day' : 'Week'}
              </button>
            ))}
          </div>
          <Button variant="secondary" className="px-3" onClick={() => go({ date: addDays(view === 'week' ? mondayOf(shownDate) : shownDate, -step) })}>
            <ChevronLeft aria-hidden="true" className="size-5" /><span className="sr-only">{view === 'week' ? 'Previous week' : 'Previous day'}</span>
          </Button>
          <Button variant="secondary" onClick={() => go({ date: null })} disabled={isToday && view === 'day'}>Today</Button>
          <Button variant="secondary" className="px-3" onClick={() => go({ date: addDays(view === 'week' ? mondayOf(shownDate) : shownDate, step) })}>
            <ChevronRight aria-hidden="true" className="size-5" /><span className="sr-only">{view === 'week' ? 'Next week' : 'Next day'}</span>
          </Button>
        </div>
        <div className="flex flex-wrap items-end gap-4">
          {clinic.role !== 'practitioner' && data && (
            <div>
              <label htmlFor="diary-who" className="label">Practitioner</label>
              <select id="diary-who" className="input mt-1.5 w-auto min-w-48 cursor-pointer" value={who} onChange={(e) => go({ practitioner: e.target.value })}>
                <option value="">Everyone</option>
                {[...choices.entries()].sort((a, b) => a[1].localeCompare(b[1])).map(([id, name]) => <option key={id} value={id}>{name}</option>)}
              </select>
            </div>
          )}
          <label className="flex min-h-11 cursor-pointer items-center gap-2">
            <input type="checkbox" className="checkbox mt-0" checked={showCancelled} onChange={(e) => setShowCancelled(e.target.checked)} />
            Show cancelled
          </label>
        </div>
      </div>

      <h2 className="mb-3 text-xl" aria-live="polite">{heading}{isToday && view === 'day' ? ' (today)' : ''}</h2>
      {view === 'day' && <p className="-mt-2 mb-3"><Link to={`/app/waitlist?date=${shownDate}`}>Who is waiting for this day</Link></p>}
      {message && <Alert tone="success" className="mb-4">{message}</Alert>}
      <div aria-live="polite">{notice && <Alert tone="caution" className="mb-4">{notice}</Alert>}</div>
      {diary.error !== undefined && <Alert tone="error" className="mb-4">{errorMessage(diary.error)}</Alert>}
      {!data && diary.loading && <Loading label="Loading the diary…" />}
      {data && <RoomsOutOfUse data={data} view={view} onOpen={(entry) => setOpen({ entry, practitionerId: '' })} />}
      {data && data.columns.length === 0 && <Alert tone="info">No practitioners to show. The owner adds practitioners and their hours in the settings.</Alert>}
      {data && data.columns.length > 0 && (
        view === 'day'
          ? <DayGrid data={data} showCancelled={showCancelled} givers={giversOf} onOpen={(entry, practitionerId) => setOpen({ entry, practitionerId })} onFree={setDraft} onDrop={onDrop} />
          : <WeekGrid data={data} showCancelled={showCancelled} givers={giversOf} onOpen={(entry, practitionerId) => setOpen({ entry, practitionerId })} onDay={(date) => go({ view: null, date })} onDrop={onDrop} />
      )}

      {data && (
        <>
          <EntryDialog clinic={clinic} entry={open?.entry} practitionerName={open ? nameOf(open.practitionerId) : ''} timeZone={timeZone} serverNow={data.now}
            onClose={() => setOpen(undefined)} onChanged={changed}
            onMove={(entry) => { setMoving({ entry, practitionerId: open!.practitionerId }); setOpen(undefined); }}
            onReviewFlags={(entry) => { setFlagsOf(entry); setOpen(undefined); }} />
          <HealthFlagsDialog key={flagsOf?.id ?? 'none'} clinic={clinic} entry={flagsOf} onClose={() => setFlagsOf(undefined)} onReviewed={diary.reload} />
          <MoveDialog clinic={clinic} entry={moving?.entry} practitionerId={moving?.practitionerId ?? ''} columns={allColumns} timeZone={timeZone}
            onClose={() => setMoving(undefined)} onMoved={changed} />
          <BookDialog clinic={clinic} draft={draft} columns={allColumns} timeZone={timeZone} onClose={() => setDraft(undefined)} onBooked={changed} />
          <BlockDialog clinic={clinic} open={blocking} columns={allColumns} defaultPractitionerId={who || (clinic.role === 'practitioner' ? allColumns[0]?.practitionerId : undefined)}
            defaultDate={shownDate} timeZone={timeZone} onClose={() => setBlocking(false)} onBlocked={changed} />
          <BookCourseDialog clinic={clinic} open={course} defaultDate={shownDate} defaultPractitionerId={who || (clinic.role === 'practitioner' ? allColumns[0]?.practitionerId : undefined)}
            onClose={() => setCourse(false)} onBooked={(m) => { setCourse(false); changed(m); }} />
          <DropMoveDialog clinic={clinic} move={dropped} timeZone={timeZone} onClose={() => setDropped(undefined)} onMoved={changed} onRefused={diary.reload} />
        </>
      )}
    </>
  );
}

/** The hours the grid spans: the working hours and entries of the dates shown, 08:00 to 18:00 at least. */
function useSpan(data: Diary) {
  return useMemo(() => {
    let from = 8 * 60;
    let to = 18 * 60;
    for (const c of data.columns) {
      for (const r of [...c.workingHours, ...c.entries.map((e) => ({ start: e.blockedStart, end: e.blockedEnd }))]) {
        from = Math.min(from, localMinutes(r.start, data.timeZone));
        const end = localMinutes(r.end, data.timeZone);
        to = Math.max(to, end === 0 ? 24 * 60 : end);
      }
    }
    return { from: Math.floor(from / 60) * 60, to: Math.min(24 * 60, Math.ceil(to / 60) * 60) };
  }, [data]);
}

const visible = (e: DiaryEntry, showCancelled: boolean) => showCancelled || (e.status !== 'cancelled' && e.status !== 'expired');

function entryLabel(e: DiaryEntry, timeZone: string) {
  const time = `${formatTime(e.start, timeZone)} to ${formatTime(e.end, timeZone)}`;
  if (e.kind === 'block') return `${time}, blocked${e.note ? `: ${e.note}` : ''}`;
  const ready = e.status === 'cancelled' ? '' : readinessWords(e.readiness);
  const course = e.course ? `, session ${e.course.position} of ${e.course.total}` : '';
  return `${time}, ${e.client?.name ?? 'client'}, ${e.service?.name ?? ''}${course}, ${STATUS[e.status].label}${ready ? `, ${ready}` : ''}`;
}

function entryTone(e: DiaryEntry) {
  if (e.kind === 'block') return 'border-line-strong/60 bg-[repeating-linear-gradient(135deg,#f3efe7_0_6px,#ebe6dc_6px_12px)] text-ink';
  switch (e.status) {
    case 'held': return 'border-dashed border-caution/60 bg-caution-50 text-ink';
    case 'arrived': return 'border-clay/50 bg-clay-50 text-ink';
    case 'completed': return 'border-line bg-sand text-ink';
    case 'no_show': return 'border-danger/40 bg-danger-50 text-ink';
    case 'cancelled': case 'expired': return 'border-line bg-white text-muted line-through';
    default: return 'border-jade-300 bg-jade-50 text-ink';
  }
}

/** The part of an entry (a room out of use can span days) that falls on a local date, or null. */
function partOn(e: DiaryEntry, date: string, tz: string): { start: string; end: string } | null {
  const dayStart = localToInstant(date, '00:00', tz) ?? `${date}T00:00:00Z`;
  const dayEnd = localToInstant(addDays(date, 1), '00:00', tz) ?? `${addDays(date, 1)}T00:00:00Z`;
  const start = Math.max(Date.parse(e.start), Date.parse(dayStart));
  const end = Math.min(Date.parse(e.end), Date.parse(dayEnd));
  return end > start ? { start: new Date(start).toISOString(), end: new Date(end).toISOString() } : null;
}

/** Where a part of a day sits in the grid's span: its top and height in pixels (cut to the span). */
function placeInSpan(part: { start: string; end: string }, span: { from: number; to: number }, ppm: number, tz: string) {
  const top = Math.max(span.from, localMinutes(part.start, tz));
  const bottom = Math.min(span.to, top + (Date.parse(part.end) - Date.parse(part.start)) / 60_000 - Math.max(0, span.from - localMinutes(part.start, tz)));
  return { top: (top - span.from) * ppm, height: Math.max(0, (bottom - top) * ppm) };
}

const roomBlockLabel = (e: DiaryEntry, tz: string) => `${e.room?.name ?? 'A room'} out of use, ${formatTime(e.start, tz)} to ${formatTime(e.end, tz)}${e.note ? `: ${e.note}` : ''}`;
const ROOM_BLOCK_TONE = 'border-line-strong/60 bg-[repeating-linear-gradient(135deg,#eef0f4_0_6px,#e2e5ec_6px_12px)] text-ink';

/** Rooms out of use in the dates shown (a room blocked with no practitioner), as a list above the grid. */
function RoomsOutOfUse({ data, view, onOpen }: { data: Diary; view: View; onOpen: (e: DiaryEntry) => void }) {
  if (data.roomBlocks.length === 0) return null;
  const tz = data.timeZone;
  const when = (e: DiaryEntry) => {
    const day = localDate(e.start, tz);
    // A block ending at midnight ends on its own day.
    if (day !== localDate(Date.parse(e.end) - 1, tz)) return `${formatWhen(e.start, tz)} to ${formatWhen(e.end, tz)}`;
    const hours = `${formatTime(e.start, tz)} to ${formatTime(e.end, tz)}`;
    return view === 'day' && day === data.startDate ? hours : `${formatLongDay(day)}, ${hours}`;
  };
  return (
    <section aria-labelledby="rooms-out-of-use" className="mb-4 rounded-xl border border-line bg-white px-4 py-3">
      <h3 id="rooms-out-of-use" className="flex items-center gap-2 text-base font-semibold"><DoorClosed aria-hidden="true" className="size-5 text-muted" />Rooms out of use</h3>
      <ul className="mt-1 flex flex-col gap-1">
        {data.roomBlocks.map((e) => (
          <li key={e.id}>
            <button type="button" onClick={() => onOpen(e)} className="min-h-11 cursor-pointer text-left text-jade-700 underline decoration-jade-300 underline-offset-4 hover:text-jade-800">
              <span className="font-medium">{e.room?.name ?? 'A room'}</span>: {when(e)}{e.note ? ` (${e.note})` : ''}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

type Drag = ReturnType<typeof useDiaryDrag>;

/** An appointment or block in the grid: opens on a click, and an appointment that can move can also be dragged. */
function EntryButton({ e, practitionerId, drag, onOpen, className, style, label, children }: {
  e: DiaryEntry;
  practitionerId: string;
  drag: Drag;
  onOpen: (e: DiaryEntry, practitionerId: string) => void;
  className: string;
  style: CSSProperties;
  label: string;
  children: ReactNode;
}) {
  const draggable = canDrag(e);
  const dragged = drag.drag?.entry.id === e.id;
  return (
    <button type="button" aria-label={label} style={{ ...style, WebkitTouchCallout: 'none' } as CSSProperties}
      onPointerDown={draggable ? (event) => drag.start(event, e, practitionerId) : undefined}
      onClick={() => { if (!drag.endsDrag()) onOpen(e, practitionerId); }}
      className={`${className} ${draggable ? 'cursor-grab touch-manipulation select-none active:cursor-grabbing' : 'cursor-pointer'} ${dragged ? 'opacity-40' : ''}`}>
      {children}
    </button>
  );
}

/** One day, a column per practitioner, and a column of rooms out of use when there are any. */
function DayGrid({ data, showCancelled, givers, onOpen, onFree, onDrop }: {
  data: Diary;
  showCancelled: boolean;
  givers: (serviceId: string | undefined) => readonly string[] | undefined;
  onOpen: (e: DiaryEntry, practitionerId: string) => void;
  onFree: (d: NewBookingDraft) => void;
  onDrop: (drag: DragState) => void;
}) {
  const tz = data.timeZone;
  const span = useSpan(data);
  const stepMin = data.slotStepMin;
  const ppm = pixelsPerMinute(stepMin);
  const cell = freeCellMinutes(stepMin, ppm);
  const height = (span.to - span.from) * ppm;
  const y = (iso: string) => (localMinutes(iso, tz) - span.from) * ppm;
  const hours = [];
  for (let m = span.from; m < span.to; m += 60) hours.push(m);
  // The server's clock (or this device's, if it has moved on since the diary loaded): no free time before it.
  const now = Math.max(Date.now(), Date.parse(data.now));
  const date = data.startDate;
  const scroller = useRef<HTMLDivElement>(null);
  const drag = useDiaryDrag({ grid: { ...span, ppm }, stepMin, timeZone: tz, scroller, onDrop });
  const rooms = layOut(data.roomBlocks.flatMap((e) => {
    const part = partOn(e, date, tz);
    return part ? [{ ...part, entry: e }] : [];
  }));

  return (
    <div ref={scroller} className="panel overflow-x-auto p-0 sm:p-0">
      <div className="grid min-w-fit" style={{ gridTemplateColumns: `3.5rem repeat(${data.columns.length}, minmax(9.5rem, 1fr))${rooms.length ? ' minmax(8rem, 0.7fr)' : ''}` } as CSSProperties}>
        <div className="sticky left-0 z-20 border-b border-line bg-white" />
        {data.columns.map((c) => (
          <div key={c.practitionerId} className="border-b border-l border-line px-3 py-3">
            <h3 className="text-base leading-tight font-semibold">{c.name}</h3>
            <p className="muted text-sm">{c.workingHours.length ? c.workingHours.map((w) => `${formatTime(w.start, tz)}–${formatTime(w.end, tz)}`).join(', ') : 'Not working'}</p>
          </div>
        ))}
        {rooms.length > 0 && (
          <div className="border-b border-l border-line px-3 py-3">
            <h3 className="text-base leading-tight font-semibold">Rooms</h3>
            <p className="muted text-sm">Out of use</p>
          </div>
        )}

        <div className="sticky left-0 z-10 bg-white" style={{ height }} aria-hidden="true">
          {hours.map((m) => (
            <span key={m} className="muted absolute right-2 -translate-y-1/2 text-sm tabular-nums" style={{ top: (m - span.from) * ppm }}>
              {m > span.from ? `${String(m / 60).padStart(2, '0')}:00` : ''}
            </span>
          ))}
        </div>
        {data.columns.map((c) => {
          const entries = c.entries.filter((e) => visible(e, showCancelled));
          const busy = c.entries.filter((e) => visible(e, false));
          const free: string[] = [];
          for (const w of c.workingHours) {
            // Free times start on the grid of the cell, counted from the hour.
            const skip = (cell - (localMinutes(w.start, tz) % cell)) % cell;
            for (let t = Date.parse(w.start) + skip * 60_000; t + cell * 60_000 <= Date.parse(w.end); t += cell * 60_000) {
              const end = t + cell * 60_000;
              // A time that has begun is past: booking it would be refused.
              if (t <= now) continue;
              if (busy.some((e) => Date.parse(e.blockedStart) < end && Date.parse(e.blockedEnd) > t)) continue;
              free.push(new Date(t).toISOString());
            }
          }
          const ghost = drag.drag?.spot?.start && drag.drag.spot.practitionerId === c.practitionerId && drag.drag.spot.date === date ? drag.drag : null;
          return (
            <div key={c.practitionerId} ref={drag.dropColumn({ date, practitionerId: c.practitionerId })} role="group" aria-label={`${c.name}’s day`}
              className="relative border-l border-line bg-sand/70" style={{ height }}>
              {c.workingHours.map((w) => (
                <div key={w.start} className="absolute inset-x-0 bg-white/90" style={{ top: y(w.start), height: Math.max(0, (Date.parse(w.end) - Date.parse(w.start)) / 60_000 * ppm) }} />
              ))}
              <HourLines ppm={ppm} />
              {date === todayIn(tz) && <NowLine y={y} tz={tz} span={span} />}
              {free.map((start) => (
                <button key={start} type="button" onClick={() => onFree({ practitionerId: c.practitionerId, date, time: formatTime(start, tz) })}
                  className="group absolute inset-x-1 cursor-pointer rounded-md text-left text-sm text-transparent hover:bg-jade-50 hover:text-jade-800 focus-visible:bg-jade-50 focus-visible:text-jade-800"
                  style={{ top: y(start) + 1, height: cell * ppm - 2 }}>
                  <span className="inline-flex items-center gap-1 px-2"><Plus aria-hidden="true" className="size-4" />{formatTime(start, tz)}</span>
                  <span className="sr-only"> free: book with {c.name}</span>
                </button>
              ))}
              {entries.map((e) => {
                const top = y(e.start);
                const h = Math.max(22, (Date.parse(e.end) - Date.parse(e.start)) / 60_000 * ppm - 2);
                const after = (Date.parse(e.blockedEnd) - Date.parse(e.end)) / 60_000 * ppm;
                return (
                  <div key={e.id}>
                    {after > 0 && e.kind === 'appointment' && visible(e, false) && (
                      <div aria-hidden="true" className="absolute inset-x-1 rounded-b-md bg-[repeating-linear-gradient(135deg,transparent_0_4px,rgb(148_193_171/0.35)_4px_8px)]" style={{ top: top + h, height: after }} />
                    )}
                    <EntryButton e={e} practitionerId={c.practitionerId} drag={drag} onOpen={onOpen} label={entryLabel(e, tz)} style={{ top: top + 1, height: h }}
                      className={`absolute inset-x-1 z-10 overflow-hidden rounded-md border px-2 py-1 text-left text-sm leading-snug shadow-xs hover:shadow-md ${entryTone(e)}`}>
                      <span className="block font-semibold tabular-nums">{formatTime(e.start, tz)}–{formatTime(e.end, tz)}</span>
                      <span className="block truncate font-medium">{e.kind === 'block' ? `Blocked${e.note ? `: ${e.note}` : ''}` : e.client?.name}</span>
                      {e.kind === 'appointment' && <span className="block truncate">{e.service?.name}{e.course && <span className="ml-1.5 rounded bg-white/70 px-1 text-xs font-semibold tabular-nums" title="Session of the course">{e.course.position} of {e.course.total}</span>}</span>}
                      {e.kind === 'block' && e.room && <span className="block truncate">{e.room.name}</span>}
                      {e.status !== 'confirmed' && e.kind === 'appointment' && <span className="block truncate italic">{STATUS[e.status].label}</span>}
                      {e.kind === 'appointment' && e.status !== 'cancelled' && <ReadinessBadges readiness={e.readiness} small className="mt-1" />}
                    </EntryButton>
                  </div>
                );
              })}
              {ghost && (
                <DropGhost drag={ghost} timeZone={tz} top={y(ghost.spot!.start!) + 1} height={(Date.parse(ghost.entry.end) - Date.parse(ghost.entry.start)) / 60_000 * ppm - 2}
                  problem={dropProblem(ghost.entry, Date.parse(ghost.spot!.start!), c, tz, now, givers(ghost.entry.service?.id))} />
              )}
            </div>
          );
        })}
        {rooms.length > 0 && (
          <div role="group" aria-label="Rooms out of use" className="relative border-l border-line bg-white" style={{ height }}>
            <HourLines ppm={ppm} />
            {rooms.map(({ item, lane, lanes }) => {
              const { top, height: h } = placeInSpan(item, span, ppm, tz);
              if (h <= 0) return null;
              return (
                <button key={item.entry.id} type="button" onClick={() => onOpen(item.entry, '')} aria-label={roomBlockLabel(item.entry, tz)}
                  className={`absolute z-10 cursor-pointer overflow-hidden rounded-md border px-2 py-1 text-left text-sm leading-snug hover:shadow-md ${ROOM_BLOCK_TONE}`}
                  style={{ top: top + 1, height: Math.max(22, h - 2), left: `calc(${(lane / lanes) * 100}% + 4px)`, width: `calc(${100 / lanes}% - 8px)` }}>
                  <span className="block truncate font-semibold">{item.entry.room?.name}</span>
                  <span className="block tabular-nums">{formatTime(item.entry.start, tz)}–{formatTime(item.entry.end, tz)}</span>
                  {item.entry.note && <span className="block truncate">{item.entry.note}</span>}
                </button>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}

/**
 * Places overlapping entries side by side (as calendars do): each cluster of entries that
 * overlap in time shares the width, each entry in the first lane that is free.
 */
function layOut<T extends { start: string; end: string }>(items: T[]): { item: T; lane: number; lanes: number }[] {
  const sorted = [...items].sort((a, b) => a.start.localeCompare(b.start) || b.end.localeCompare(a.end));
  const out: { item: T; lane: number; lanes: number }[] = [];
  let cluster: { item: T; lane: number; lanes: number }[] = [];
  let clusterEnd = '';
  const close = () => {
    const lanes = Math.max(1, ...cluster.map((c) => c.lane + 1));
    for (const c of cluster) c.lanes = lanes;
    out.push(...cluster);
    cluster = [];
  };
  for (const item of sorted) {
    if (cluster.length && item.start >= clusterEnd) close();
    const laneEnds: string[] = [];
    for (const c of cluster) laneEnds[c.lane] = laneEnds[c.lane] && laneEnds[c.lane]! > c.item.end ? laneEnds[c.lane]! : c.item.end;
    let lane = 0;
    while (laneEnds[lane] !== undefined && laneEnds[lane]! > item.start) lane++;
    cluster.push({ item, lane, lanes: 1 });
    clusterEnd = clusterEnd > item.end ? clusterEnd : item.end;
  }
  if (cluster.length) close();
  return out;
}

/** Seven days; everyone's appointments in each day, told apart by colour when several people are shown, and rooms out of use. */
function WeekGrid({ data, showCancelled, givers, onOpen, onDay, onDrop }: {
  data: Diary;
  showCancelled: boolean;
  givers: (serviceId: string | undefined) => readonly string[] | undefined;
  onOpen: (e: DiaryEntry, practitionerId: string) => void;
  onDay: (date: string) => void;
  onDrop: (drag: DragState) => void;
}) {
  const tz = data.timeZone;
  const span = useSpan(data);
  const ppm = 1.4;
  const height = (span.to - span.from) * ppm;
  const dates = Array.from({ length: 7 }, (_, i) => addDays(data.startDate, i));
  const y = (iso: string) => (localMinutes(iso, tz) - span.from) * ppm;
  const hours = [];
  for (let m = span.from; m < span.to; m += 60) hours.push(m);
  const today = todayIn(tz);
  const now = Date.now();
  const many = data.columns.length > 1;
  const colourOf = new Map(data.columns.map((c, i) => [c.practitionerId, PEOPLE_COLOURS[i % PEOPLE_COLOURS.length]!]));
  const all = data.columns.flatMap((c) => c.entries.filter((e) => visible(e, showCancelled)).map((e) => ({ ...e, practitionerId: c.practitionerId, practitioner: c.name, entry: e })));
  const working = data.columns.flatMap((c) => c.workingHours);
  const scroller = useRef<HTMLDivElement>(null);
  const drag = useDiaryDrag({ grid: { ...span, ppm }, stepMin: data.slotStepMin, timeZone: tz, scroller, onDrop });

  return (
    <>
      {many && (
        <ul className="mb-3 flex flex-wrap gap-x-5 gap-y-1" aria-label="Practitioners">
          {data.columns.map((c) => (
            <li key={c.practitionerId} className={`border-l-4 pl-2 ${colourOf.get(c.practitionerId)}`}>{c.name}</li>
          ))}
        </ul>
      )}
      <div ref={scroller} className="panel overflow-x-auto p-0 sm:p-0">
        <div className="grid min-w-fit" style={{ gridTemplateColumns: '3.5rem repeat(7, minmax(6.75rem, 1fr))' }}>
          <div className="sticky left-0 z-20 border-b border-line bg-white" />
          {dates.map((d) => (
            <div key={d} className={`relative border-b border-l border-line px-2 py-2 ${d === today ? 'bg-jade-50' : ''}`}>
              <button type="button" onClick={() => onDay(d)} className="cursor-pointer rounded text-left font-semibold text-jade-700 underline decoration-jade-300 underline-offset-4 hover:text-jade-800">
                {formatShortDay(d)}<span className="sr-only">: open the day</span>
              </button>
              {d === today && <span className="muted block text-sm">Today</span>}
            </div>
          ))}
          <div className="sticky left-0 z-10 bg-white" style={{ height }} aria-hidden="true">
            {hours.map((m) => (
              <span key={m} className="muted absolute right-2 -translate-y-1/2 text-sm tabular-nums" style={{ top: (m - span.from) * ppm }}>
                {m > span.from ? `${String(m / 60).padStart(2, '0')}:00` : ''}
              </span>
            ))}
          </div>
          {dates.map((d) => {
            const ghost = drag.drag?.spot?.start && drag.drag.spot.date === d ? drag.drag : null;
            const ghostColumn = ghost && data.columns.find((c) => c.practitionerId === ghost.spot!.practitionerId);
            const rooms = data.roomBlocks.flatMap((e) => {
              const part = partOn(e, d, tz);
              return part ? [{ ...part, practitionerId: '', practitioner: '', entry: e }] : [];
            });
            return (
              <div key={d} ref={drag.dropColumn({ date: d, practitionerId: null })} role="group" aria-label={formatLongDay(d)} className="relative border-l border-line bg-sand/70" style={{ height }}>
                {working.filter((w) => localDate(w.start, tz) === d).map((w, i) => (
                  <div key={i} className="absolute inset-x-0 bg-white/90" style={{ top: y(w.start), height: (Date.parse(w.end) - Date.parse(w.start)) / 60_000 * ppm }} />
                ))}
                <HourLines ppm={ppm} />
                {d === today && <NowLine y={y} tz={tz} span={span} />}
                {layOut([...all.filter((e) => localDate(e.start, tz) === d), ...rooms]).map(({ item, lane, lanes }) => {
                  const e = item.entry;
                  const place = { left: `calc(${(lane / lanes) * 100}% + 2px)`, width: `calc(${100 / lanes}% - 4px)` };
                  if (!item.practitionerId) {
                    // A room out of use, drawn across the day it falls on.
                    const { top, height: h } = placeInSpan(item, span, ppm, tz);
                    if (h <= 0) return null;
                    return (
                      <button key={e.id} type="button" onClick={() => onOpen(e, '')} aria-label={roomBlockLabel(e, tz)}
                        className={`absolute z-10 cursor-pointer overflow-hidden rounded border px-1.5 text-left text-sm leading-tight hover:shadow-md ${ROOM_BLOCK_TONE}`}
                        style={{ top: top + 1, height: Math.max(20, h - 2), ...place }}>
                        <span className="block truncate font-semibold">{e.room?.name}</span>
                        <span className="block truncate">Out of use</span>
                      </button>
                    );
                  }
                  return (
                    <EntryButton key={e.id} e={e} practitionerId={item.practitionerId} drag={drag} onOpen={onOpen} label={`${item.practitioner}: ${entryLabel(e, tz)}`}
                      className={`absolute z-10 overflow-hidden rounded border px-1.5 text-left text-sm leading-tight hover:shadow-md ${entryTone(e)} ${many ? `border-l-4 ${colourOf.get(item.practitionerId)}` : ''}`}
                      style={{ top: y(e.start) + 1, height: Math.max(20, (Date.parse(e.end) - Date.parse(e.start)) / 60_000 * ppm - 2), ...place }}>
                      <span className="block font-semibold tabular-nums">{formatTime(e.start, tz)}</span>
                      <span className="block truncate">{e.kind === 'block' ? 'Blocked' : e.client?.name}</span>
                      {e.course && <span className="block truncate text-xs tabular-nums">{e.course.position} of {e.course.total}</span>}
                      {e.kind === 'appointment' && e.status !== 'cancelled' && (e.readiness?.reviewOutstanding ?? 0) > 0 && <span className="badge badge-caution px-1 py-0 text-xs leading-4">To review</span>}
                    </EntryButton>
                  );
                })}
                {ghost && ghostColumn && (
                  <DropGhost drag={ghost} timeZone={tz} top={y(ghost.spot!.start!) + 1} height={Math.max(20, (Date.parse(ghost.entry.end) - Date.parse(ghost.entry.start)) / 60_000 * ppm - 2)}
                    problem={dropProblem(ghost.entry, Date.parse(ghost.spot!.start!), ghostColumn, tz, now, givers(ghost.entry.service?.id))} />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}

/** Hour lines drawn over the working hours, passing clicks through. */
function HourLines({ ppm }: { ppm: number }) {
  return (
    <div aria-hidden="true" className="pointer-events-none absolute inset-0"
      style={{ backgroundImage: `repeating-linear-gradient(to bottom, transparent 0, transparent ${60 * ppm - 1}px, var(--color-line) ${60 * ppm - 1}px, var(--color-line) ${60 * ppm}px)` }} />
  );
}

/** A thin line at the current time, on today's column. */
function NowLine({ y, tz, span }: { y: (iso: string) => number; tz: string; span: { from: number; to: number } }) {
  const now = new Date().toISOString();
  const m = localMinutes(now, tz);
  if (m < span.from || m > span.to) return null;
  return (
    <div aria-hidden="true" className="pointer-events-none absolute inset-x-0 z-20 border-t-2 border-clay" style={{ top: y(now) }}>
      <span className="absolute -top-[5px] -left-[4px] size-2 rounded-full bg-clay" />
    </div>
  );
}
