import { useState } from 'react';
import { Link } from 'react-router';
import { CalendarCheck, CalendarDays, CalendarPlus, CalendarX, Hourglass, MessageSquareText } from 'lucide-react';
import type { z } from 'zod';
import type { ClientBookingView } from '../../../features/booking/booking.schema.ts';
import type { waitlistList } from '../../../features/waitlist/waitlist.schema.ts';
import type { reviewableBooking } from '../../../features/reviews/reviews.schema.ts';
import type { publicServiceList } from '../../../features/scheduling/scheduling.schema.ts';
import { api, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { addDays, formatLongDay, formatWhen, todayIn } from '../../lib/clinic-time.ts';
import type { ClinicContext } from '../session.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { Loading } from '../../components/loading.tsx';
import { SelectField } from '../../components/field.tsx';
import { BookingSummary, policyWords } from './booking/booking-card.tsx';
import { SlotPicker } from './booking/slot-picker.tsx';
import { useTimeChange } from './booking/use-time-change.ts';
import { DateField } from '../../components/date-field.tsx';
import { cancelPaymentWarning, refundSentence } from '../../../domain/money/booking-payment.ts';

type WaitlistList = z.infer<typeof waitlistList>;
type Reviewable = z.infer<typeof reviewableBooking>;
type ServiceList = z.infer<typeof publicServiceList>;

/** The client portal's home: upcoming and past appointments, with reschedule and cancel within the policy, and the waiting list. */
export function MyAppointments({ clinic }: { clinic: ClinicContext }) {
  const list = useApi<{ items: ClientBookingView[] }>(`/clinics/${clinic.slug}/me/bookings`);
  const reviewable = useApi<{ items: Reviewable[] }>(`/clinics/${clinic.slug}/me/reviewable-bookings`);
  const reviewed = new Set((reviewable.data?.items ?? []).filter((r) => r.reviewed).map((r) => r.bookingId));
  const [message, setMessage] = useState<string>();
  const now = Date.now();
  const items = list.data?.items ?? [];
  const upcoming = items.filter((b) => Date.parse(b.end) > now && b.status !== 'cancelled' && b.status !== 'expired');
  const past = items.filter((b) => !upcoming.includes(b) && b.status !== 'expired').reverse();

  return (
    <div className="flex flex-col gap-10">
      <section aria-labelledby="upcoming-heading">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="upcoming-heading" className="text-xl">Upcoming</h2>
          <a className="btn btn-primary" href={`/clinics/${clinic.slug}/book`}><CalendarPlus aria-hidden="true" className="size-5" />Book an appointment</a>
        </div>
        {message && <Alert tone="success" className="mt-4">{message}</Alert>}
        {list.error !== undefined && <Alert tone="error" className="mt-4">{errorMessage(list.error)}</Alert>}
        {!list.data && list.loading && <Loading label="Loading your appointments…" />}
        {list.data && upcoming.length === 0 && (
          <div className="mt-4">
            <EmptyState icon={CalendarDays} title="No upcoming appointments">
              <p>When you book, your appointments appear here, and you can move or cancel them.</p>
            </EmptyState>
          </div>
        )}
        <ul className="mt-4 flex flex-col gap-4">
          {upcoming.map((b) => (
            <li key={b.id}><UpcomingBooking clinic={clinic} booking={b} onChanged={(text) => { setMessage(text); list.reload(); }} /></li>
          ))}
        </ul>
      </section>

      <Waitlist clinic={clinic} />

      {past.length > 0 && (
        <section aria-labelledby="past-heading">
          <h2 id="past-heading" className="text-xl">Past and cancelled</h2>
          <ul className="mt-4 flex flex-col gap-3">
            {past.map((b) => (
              <li key={b.id}>
                <BookingSummary booking={b} headingLevel={3}>
                  {b.status === 'completed' && reviewed.has(b.id) && <p className="muted mt-4">You have reviewed this visit. Thank you.</p>}
                  {b.status === 'completed' && !reviewed.has(b.id) && (
                    <p className="mt-4">
                      <Link className="btn btn-secondary" to={`/app/reviews/new?booking=${b.id}&clinic=${encodeURIComponent(clinic.slug)}`}>
                        <MessageSquareText aria-hidden="true" className="size-5" />Leave a review<span className="sr-only"> of {b.service.name}</span>
                      </Link>
                    </p>
                  )}
                </BookingSummary>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function UpcomingBooking({ clinic, booking, onChanged }: { clinic: ClinicContext; booking: ClientBookingView; onChanged: (text: string) => void }) {
  const [mode, setMode] = useState<'view' | 'cancel' | 'move'>('view');
  const { choice, setChoice, busy, error, refreshKey, run } = useTimeChange();
  const policy = policyWords(booking);

  const act = (work: () => Promise<ClientBookingView>, text: (b: ClientBookingView) => string) =>
    run(async () => {
      const changed = await work();
      // Close the panel at once: the confirmation must not stay clickable after the move.
      setChoice(undefined);
      setMode('view');
      onChanged(text(changed));
    }, { move: mode === 'move' });

  return (
    <BookingSummary booking={booking} headingLevel={3}>
      {(booking.canCancel || booking.canReschedule) && <p className={`mt-4 ${policy.late ? 'font-medium text-caution' : 'muted'}`}>{policy.text}</p>}
      {error && <Alert tone="error" className="mt-4">{error}</Alert>}
      {mode === 'view' && (
        <div className="mt-4 flex flex-wrap gap-3">
          {booking.canReschedule && <Button variant="secondary" onClick={() => setMode('move')}><CalendarCheck aria-hidden="true" className="size-5" />Change time</Button>}
          {booking.canCancel && <Button variant="danger" onClick={() => setMode('cancel')}><CalendarX aria-hidden="true" className="size-5" />Cancel</Button>}
        </div>
      )}
      {mode === 'cancel' && (
        <div className="mt-4 rounded-lg border border-danger/30 bg-danger-50 p-4">
          <p className="font-medium">Cancel this appointment?{policy.late ? ' It will be recorded as a late cancellation.' : ''}</p>
          {cancelPaymentWarning(booking.paidOnline, policy.late) && <p className={`mt-1 ${policy.late ? 'font-medium text-caution' : ''}`}>{cancelPaymentWarning(booking.paidOnline, policy.late)}</p>}
          <div className="mt-3 flex flex-wrap gap-3">
            <Button variant="danger" pending={busy}
              onClick={() => void act(() => api.post(`/clinics/${clinic.slug}/bookings/${booking.id}/cancel`, {}), (b) => `Your ${booking.service.name.toLowerCase()} on ${formatWhen(b.start, b.timeZone)} is cancelled${b.lateCancellation ? ' (recorded as late)' : ''}. ${b.payment ? `${refundSentence(b.payment)} ` : ''}We have e-mailed you to confirm.`)}>
              Yes, cancel it
            </Button>
            <Button variant="secondary" disabled={busy} onClick={() => setMode('view')}>Keep it</Button>
          </div>
        </div>
      )}
      {mode === 'move' && (
        <div className="mt-5 border-t border-line pt-5">
          <h4 className="text-lg font-semibold">Choose a new time</h4>
          {choice ? (
            <div className="mt-3">
              <p>Move to <strong>{formatWhen(choice.start, booking.timeZone)}</strong>?</p>
              <div className="mt-3 flex flex-wrap gap-3">
                <Button pending={busy} onClick={() => void act(() => api.post(`/clinics/${clinic.slug}/bookings/${booking.id}/reschedule`, { start: choice.start }),
                  (b) => `Your appointment has moved to ${formatWhen(b.start, b.timeZone)}. We have e-mailed you an updated calendar invitation.`)}>Move appointment</Button>
                <Button variant="secondary" disabled={busy} onClick={() => setChoice(undefined)}>Choose another time</Button>
              </div>
            </div>
          ) : (
            <div className="mt-3">
              <SlotPicker slug={clinic.slug} serviceId={booking.service.id} practitionerId={booking.practitioner.id} timeZone={booking.timeZone}
                onChoose={setChoice} refreshKey={refreshKey} skipStart={booking.start} />
            </div>
          )}
          <Button variant="ghost" className="mt-3" onClick={() => { setChoice(undefined); setMode('view'); }}>Keep the current time</Button>
        </div>
      )}
    </BookingSummary>
  );
}

/** Join the waiting list for a day: when a time frees up, the clinic e-mails everyone waiting, and the first to book gets it. */
function Waitlist({ clinic }: { clinic: ClinicContext }) {
  const entries = useApi<WaitlistList>(`/clinics/${clinic.slug}/waitlist`);
  const services = useApi<ServiceList>(`/clinics/${clinic.slug}/services`);
  const [serviceId, setServiceId] = useState('');
  const [date, setDate] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const waiting = (entries.data?.items ?? []).filter((e) => e.status === 'waiting');
  const today = todayIn('Europe/London');

  async function join(event: React.FormEvent) {
    event.preventDefault();
    if (!serviceId || !date) {
      setError('Choose a treatment and a day.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/clinics/${clinic.slug}/waitlist`, { serviceId, date });
      setDate('');
      entries.reload();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="waitlist-heading" className="panel">
      <h2 id="waitlist-heading" className="flex items-center gap-2 text-xl"><Hourglass aria-hidden="true" className="size-5 text-jade-700" />Waiting list</h2>
      <p className="muted mt-1">No time that suits you? Wait for a day: if a time frees up that day, we e-mail you, and the first person to book it gets it.</p>
      {waiting.length > 0 && (
        <ul className="mt-4 flex flex-col gap-2">
          {waiting.map((w) => (
            <li key={w.id} className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-sand px-4 py-2">
              <span>{w.serviceName}, {formatLongDay(w.date)}</span>
              <Button variant="ghost" onClick={() => void api.delete(`/clinics/${clinic.slug}/waitlist/${w.id}`).then(entries.reload, (e: unknown) => setError(errorMessage(e)))}>
                Leave<span className="sr-only"> the waiting list for {formatLongDay(w.date)}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={join} noValidate className="mt-4 grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-end">
        <SelectField label="Treatment" value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
          <option value="">Choose…</option>
          {(services.data?.items ?? []).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </SelectField>
        <DateField label="Day" min={today} max={addDays(today, 365)} value={date} onValueChange={setDate} />
        <Button type="submit" variant="secondary" pending={busy}>Join the waiting list</Button>
      </form>
      {error && <Alert tone="error" className="mt-4">{error}</Alert>}
    </section>
  );
}
