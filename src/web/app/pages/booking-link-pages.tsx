import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CentredColumnLayout } from '../layouts/auth-layout.tsx';
import { CalendarCheck, CalendarX, Phone } from 'lucide-react';
import type { z } from 'zod';
import type { ClientBookingView } from '../../../features/booking/booking.schema.ts';
import type { clinicDetail } from '../../../features/clinics/clinics.schema.ts';
import { api, ApiError, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { formatPhone } from '../../lib/format.ts';
import { formatWhen } from '../../lib/clinic-time.ts';
import { usePageTitle } from '../use-page-title.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Loading } from '../../components/loading.tsx';
import { BookingSummary, policyWords } from './booking/booking-card.tsx';
import { SlotPicker, type FreeSlot } from './booking/slot-picker.tsx';
import { useTimeChange } from './booking/use-time-change.ts';
import { cancelPaymentWarning, refundSentence } from '../../../domain/money/booking-payment.ts';

type ClinicDetail = z.infer<typeof clinicDetail>;

/**
 * The pages the booking e-mails link to (confirm, manage, reschedule, cancel). They work
 * without signing in: the secret token in the link is the key to that one booking.
 */
export const BookingLinkLayout = () => <CentredColumnLayout wide footer={false} />;

function useLinkParams() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const clinic = params.get('clinic') ?? '';
  const valid = /^[A-Za-z0-9_-]{20,100}$/.test(token) && /^[a-z0-9-]{3,60}$/.test(clinic);
  const base = valid ? `/clinics/${clinic}/booking-links/${token}` : null;
  return { token, clinic, base, action: params.get('action'), params };
}

function Heading({ children }: { children: ReactNode }) {
  return <h1 tabIndex={-1} className="text-3xl leading-tight sm:text-4xl">{children}</h1>;
}

const BROKEN_LINK = 'This link is incomplete. Please open the link from the e-mail again, or copy the whole address into your browser.';

/** The clinic's phone and e-mail, for "please call us" moments. */
function ContactClinic({ slug, lead = 'To talk to the clinic:' }: { slug: string; lead?: string }) {
  const clinic = useApi<ClinicDetail>(slug ? `/clinics/${slug}` : null);
  if (!clinic.data) return null;
  return (
    <p className="muted mt-5 flex flex-wrap items-center gap-x-2 gap-y-1">
      {lead}
      {clinic.data.phone && (
        <span className="inline-flex items-center gap-1.5">
          <Phone aria-hidden="true" className="size-4 text-jade-700" />
          <a href={`tel:${clinic.data.phone}`}>{formatPhone(clinic.data.phone)}</a>
        </span>
      )}
      <a href={`mailto:${clinic.data.email}`}>{clinic.data.email}</a>
    </p>
  );
}

/** Opening the link in the hold e-mail confirms the booking (it proves the address). */
export function ConfirmBookingPage() {
  usePageTitle('Confirming your booking');
  const { base, token, clinic } = useLinkParams();
  const [booking, setBooking] = useState<ClientBookingView>();
  const [error, setError] = useState<unknown>();
  const sent = useRef(false);

  useEffect(() => {
    if (sent.current || !base) return;
    sent.current = true;
    api.post<ClientBookingView>(`${base}/confirm`).then(setBooking, setError);
  }, [base]);

  if (!base) {
    return <><Heading>We could not open your booking</Heading><Alert tone="error" className="mt-6">{BROKEN_LINK}</Alert></>;
  }
  if (error !== undefined) {
    const taken = error instanceof ApiError && (error.code === 'slot-taken' || error.code === 'booking-cancelled' || error.code === 'booking-past');
    return (
      <>
        <Heading>We could not confirm your booking</Heading>
        <Alert tone="error" className="mt-6">
          {error instanceof ApiError && error.code === 'slot-taken'
            ? 'Sorry: the time was held for you for a limited time, and someone else has booked it since. Please choose another time.'
            : errorMessage(error)}
        </Alert>
        {taken && <p className="mt-5"><a className="btn btn-primary" href={`/clinics/${clinic}/book`}>Choose another time</a></p>}
        <ContactClinic slug={clinic} />
      </>
    );
  }
  if (!booking) return <><Heading>Confirming your booking</Heading><Loading label="One moment while we confirm your booking…" /></>;

  return (
    <>
      <p className="eyebrow">{booking.clinic.name}</p>
      <Heading>{booking.inCourse ? 'Your course is confirmed' : 'Your booking is confirmed'}</Heading>
      <Alert tone="success" className="mt-6">
        {booking.inCourse
          ? 'Thank you. Every session of your course is booked. We have sent one e-mail listing them all, each with a link to change or cancel it, and a calendar file holding every session. Your first session:'
          : 'Thank you. We have sent a confirmation e-mail with an invitation for your calendar, and links to change or cancel.'}
      </Alert>
      <div className="mt-6"><BookingSummary booking={booking} /></div>
      <p className="muted mt-5">{policyWords(booking).text}</p>
      <div className="mt-6 flex flex-wrap gap-3">
        <Link className="btn btn-secondary" to={`/app/bookings/manage?token=${token}&clinic=${clinic}`}>Change or cancel</Link>
        <a className="btn btn-ghost" href={`/app/sign-up?clinic=${encodeURIComponent(clinic)}`}>Create an account to see your bookings</a>
      </div>
    </>
  );
}

type Mode = 'view' | 'cancel' | 'reschedule';

/** The "manage my booking" page: see it, move it to another free time, or cancel it. */
export function ManageBookingPage() {
  const { base, clinic, action } = useLinkParams();
  const booking = useApi<ClientBookingView>(base);
  const [mode, setMode] = useState<Mode>(action === 'cancel' ? 'cancel' : action === 'reschedule' ? 'reschedule' : 'view');
  const [done, setDone] = useState<{ kind: 'cancelled' | 'moved'; booking: ClientBookingView }>();
  usePageTitle(done?.kind === 'cancelled' ? 'Booking cancelled' : 'Your booking');

  if (!base) return <><Heading>We could not open your booking</Heading><Alert tone="error" className="mt-6">{BROKEN_LINK}</Alert></>;
  if (booking.error !== undefined) {
    return <><Heading>We could not open your booking</Heading><Alert tone="error" className="mt-6">{errorMessage(booking.error)}</Alert><ContactClinic slug={clinic} /></>;
  }
  if (!booking.data) return <><Heading>Your booking</Heading><Loading label="Loading your booking…" /></>;

  if (done) {
    return (
      <>
        <p className="eyebrow">{done.booking.clinic.name}</p>
        <Heading>{done.kind === 'cancelled' ? 'Your booking is cancelled' : 'Your booking has moved'}</Heading>
        <Alert tone="success" className="mt-6">
          {done.kind === 'cancelled'
            ? done.booking.lateCancellation
              ? 'It is cancelled and recorded as a late cancellation, as it was within the notice period. We have e-mailed you to confirm.'
              : 'It is cancelled, and we have e-mailed you to confirm. Thank you for letting us know.'
            : `It is now on ${formatWhen(done.booking.start, done.booking.timeZone)}. We have e-mailed you an updated calendar invitation.`}
        </Alert>
        {done.kind === 'cancelled' && done.booking.payment && <p className="mt-4">{refundSentence(done.booking.payment)}</p>}
        <div className="mt-6"><BookingSummary booking={done.booking} /></div>
        {done.kind === 'cancelled' && (
          <p className="mt-6"><a className="btn btn-secondary" href={`/clinics/${done.booking.clinic.slug}/book`}>Make a new booking</a></p>
        )}
      </>
    );
  }

  return (
    <ManageBooking
      base={base}
      booking={booking.data}
      mode={mode}
      setMode={setMode}
      onDone={setDone}
      reload={booking.reload}
    />
  );
}

function ManageBooking({ base, booking, mode, setMode, onDone, reload }: {
  base: string;
  booking: ClientBookingView;
  mode: Mode;
  setMode: (m: Mode) => void;
  onDone: (d: { kind: 'cancelled' | 'moved'; booking: ClientBookingView }) => void;
  reload: () => void;
}) {
  const policy = policyWords(booking);
  const upcoming = Date.parse(booking.start) > Date.now();
  const { choice, setChoice, busy, error, refreshKey, run } = useTimeChange();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (mode !== 'view') heading.current?.focus();
  }, [mode]);

  const cancel = () => run(async () => onDone({ kind: 'cancelled', booking: await api.post<ClientBookingView>(`${base}/cancel`) }), { move: false, onError: reload });
  const move = (slot: FreeSlot) => run(async () => onDone({ kind: 'moved', booking: await api.post<ClientBookingView>(`${base}/reschedule`, { start: slot.start }) }), { move: true });

  return (
    <>
      <p className="eyebrow">{booking.clinic.name}</p>
      <Heading>Your booking</Heading>
      <div className="mt-6"><BookingSummary booking={booking} /></div>

      {booking.status === 'held' && (
        <Alert tone="caution" className="mt-6">This booking is waiting for you to confirm your e-mail address. Please use the “Confirm my booking” link in the first e-mail we sent.</Alert>
      )}
      {(booking.canCancel || booking.canReschedule) && <p className={`mt-5 ${policy.late ? 'font-medium text-caution' : 'muted'}`}>{policy.text}</p>}
      {!upcoming && <p className="muted mt-5">This appointment has passed.</p>}
      {error && <Alert tone="error" className="mt-6">{error}</Alert>}

      {mode === 'view' && (booking.canCancel || booking.canReschedule) && (
        <div className="mt-6 flex flex-wrap gap-3">
          {booking.canReschedule && <Button variant="primary" onClick={() => setMode('reschedule')}><CalendarCheck aria-hidden="true" className="size-5" />Choose a new time</Button>}
          {booking.canCancel && <Button variant="danger" onClick={() => setMode('cancel')}><CalendarX aria-hidden="true" className="size-5" />Cancel this booking</Button>}
        </div>
      )}
      {mode === 'reschedule' && !booking.canReschedule && booking.canCancel && (
        <Alert tone="info" className="mt-6">It is too close to the appointment to move it online. Please call the clinic, or cancel it (it will be recorded as late).</Alert>
      )}

      {mode === 'cancel' && booking.canCancel && (
        <section aria-labelledby="cancel-heading" className="panel mt-6">
          <h2 id="cancel-heading" ref={heading} tabIndex={-1} className="text-xl">Cancel this booking?</h2>
          <p className="mt-2">{policy.late ? 'This cancellation will be recorded as late.' : 'The time will be offered to other clients.'}</p>
          {cancelPaymentWarning(booking.paidOnline, policy.late) && <p className={`mt-2 ${policy.late ? 'font-medium text-caution' : ''}`}>{cancelPaymentWarning(booking.paidOnline, policy.late)}</p>}
          <div className="mt-5 flex flex-wrap gap-3">
            <Button variant="danger" pending={busy} onClick={() => void cancel()}>Yes, cancel my booking</Button>
            <Button variant="secondary" onClick={() => setMode('view')} disabled={busy}>Keep my booking</Button>
          </div>
        </section>
      )}

      {mode === 'reschedule' && booking.canReschedule && (
        <section aria-labelledby="move-heading" className="panel mt-6">
          <h2 id="move-heading" ref={heading} tabIndex={-1} className="text-xl">Choose a new time</h2>
          <p className="muted mt-1">With {booking.practitioner.name}. Times are {booking.timeZone === 'Europe/London' ? 'UK times' : `in the clinic’s local time (${booking.timeZone})`}.</p>
          {choice ? (
            <div className="mt-5">
              <p>Move your booking to <strong>{formatWhen(choice.start, booking.timeZone)}</strong>?</p>
              <div className="mt-4 flex flex-wrap gap-3">
                <Button pending={busy} onClick={() => void move(choice)}>Move my booking</Button>
                <Button variant="secondary" disabled={busy} onClick={() => setChoice(undefined)}>Choose another time</Button>
              </div>
            </div>
          ) : (
            <div className="mt-5">
              <SlotPicker slug={booking.clinic.slug} serviceId={booking.service.id} practitionerId={booking.practitioner.id} timeZone={booking.timeZone}
                onChoose={setChoice} refreshKey={refreshKey} skipStart={booking.start} />
            </div>
          )}
          <Button variant="ghost" className="mt-4" onClick={() => { setChoice(undefined); setMode('view'); }}>Keep the current time</Button>
        </section>
      )}
      <ContactClinic slug={booking.clinic.slug} lead="Questions? Contact the clinic:" />
    </>
  );
}
