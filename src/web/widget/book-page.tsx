import { CalendarClock, Clock, MapPin, Phone } from 'lucide-react';
import { PublicLayout } from '../public/public-layout.tsx';
import { ClinicContactList } from '../public/components/clinic-contact-list.tsx';
import { formatPhone } from '../lib/format.ts';
import { formatDuration, formatLongDay, formatPrice } from '../lib/clinic-time.ts';

export interface BookPageClinic {
  slug: string;
  name: string;
  addressLine1: string;
  addressLine2: string | null;
  town: string;
  postcode: string;
  phone: string | null;
  email: string;
}

export interface BookPageService {
  id: string;
  slug?: string;
  name: string;
  description: string;
  durationMin: number;
  priceMinor: number;
  currency: string;
  requiresConsultation: boolean;
  /** Paid by card when booking (only when the clinic takes payment online). */
  payOnline?: { kind: 'deposit' | 'full'; amountMinor: number } | null;
}

/** What the page opens on: a service, and optionally a local date and time to show first. */
export interface BookPreselect {
  serviceId: string;
  date?: string;
  time?: string;
}

/**
 * The island: the page ships this one small script. It shows the "Choose a time" buttons
 * and, only when someone presses one, loads the booking widget and opens it on that
 * treatment. Opened on a service (a link from the waiting list's e-mail), it loads the
 * widget at once, on that service, day and time. Without JavaScript the buttons stay
 * hidden and the page says to call.
 */
function islandScript(moduleUrl: string, clinic: string, practitioner: string | undefined) {
  return `
const buttons = document.querySelectorAll('[data-book-service]');
const list = document.getElementById('book-services');
const host = document.getElementById('booking-widget');
// What the page opens on, written by the server on the widget's place.
const preselect = host.dataset.service ? { serviceId: host.dataset.service, date: host.dataset.date, time: host.dataset.time } : null;
async function open(button, serviceId, extra) {
  for (const b of buttons) b.disabled = true;
  if (button) {
    button.setAttribute('aria-busy', 'true');
    button.querySelector('[data-label]').textContent = 'Opening…';
  }
  try {
    const { mountBookingWidget } = await import(${JSON.stringify(moduleUrl)});
    list.hidden = true;
    host.hidden = false;
    mountBookingWidget(host, { clinic: ${JSON.stringify(clinic)}, service: serviceId, ${practitioner ? `practitioner: ${JSON.stringify(practitioner)}, ` : ''}...extra });
  } catch {
    for (const b of buttons) b.disabled = false;
    if (button) {
      button.removeAttribute('aria-busy');
      button.querySelector('[data-label]').textContent = 'Choose a time';
    }
    document.getElementById('book-load-error').hidden = false;
  }
}
for (const button of buttons) {
  button.hidden = false;
  button.addEventListener('click', () => open(button, button.dataset.bookService, { focus: true }));
}
if (preselect) {
  const button = document.querySelector('[data-book-service="' + preselect.serviceId + '"]');
  void open(button, preselect.serviceId, { date: preselect.date, time: preselect.time });
}`;
}

export function BookPage({ clinic, services, practitioner, preselect, widgetModule, nonce }: {
  clinic: BookPageClinic;
  services: BookPageService[];
  /** Open on this service (one of `services`), day and time, e.g. from the waiting list's e-mail. */
  preselect?: BookPreselect;
  /** Booking from this practitioner's profile: `services` are already only theirs. */
  practitioner?: { id: string; name: string };
  widgetModule: string | undefined;
  /** This answer's Content-Security-Policy script nonce, which the island script carries. */
  nonce?: string;
}) {
  const chosen = preselect && services.find((s) => s.id === preselect.serviceId);
  const address = [clinic.addressLine1, clinic.addressLine2, clinic.town, clinic.postcode].filter(Boolean).join(', ');
  const call = clinic.phone
    ? <>please call the clinic on <a href={`tel:${clinic.phone}`}>{formatPhone(clinic.phone)}</a> or e-mail <a href={`mailto:${clinic.email}`}>{clinic.email}</a></>
    : <>please e-mail the clinic at <a href={`mailto:${clinic.email}`}>{clinic.email}</a></>;
  return (
    <PublicLayout>
      <div className="mx-auto max-w-3xl py-10 sm:py-14">
        <p className="eyebrow"><a href={`/clinics/${clinic.slug}`}>{clinic.name}</a></p>
        <h1 className="mt-2 text-3xl leading-tight sm:text-4xl">Book an appointment</h1>
        <p className="muted mt-3 flex flex-wrap items-center gap-x-2 gap-y-1">
          <MapPin aria-hidden="true" className="size-5 shrink-0" />
          <span>{address}</span>
        </p>
        {practitioner ? (
          <p className="lead mt-4" data-testid="book-practitioner">
            Booking with <strong>{practitioner.name}</strong>: choose one of their treatments, then a time that suits you.{' '}
            <a href={`/clinics/${clinic.slug}/book`} className="text-base">Book with anyone at {clinic.name}</a>
          </p>
        ) : (
          <p className="lead mt-4">
            Choose a treatment, then a practitioner and a time that suits you. New to facial acupuncture? Start with the free consultation: it is a relaxed conversation, with no needles.
          </p>
        )}

        {chosen && (
          <p className="panel mt-6" data-testid="book-preselected">
            {preselect?.date
              ? <>Free times for <strong>{chosen.name}</strong> from <strong>{formatLongDay(preselect.date)}</strong>{preselect.time ? <>, with <strong>{preselect.time}</strong> first</> : null}.</>
              : <>Free times for <strong>{chosen.name}</strong>.</>}
          </p>
        )}

        <noscript>
          <div className="panel mt-8 flex gap-3">
            <Phone aria-hidden="true" className="mt-1 size-5 shrink-0 text-jade-700" />
            <p>Online booking needs JavaScript, which is turned off in your browser. To book, {call}.</p>
          </div>
        </noscript>
        <p id="book-load-error" hidden role="alert" className="mt-8 rounded-xl border border-danger/30 bg-danger-50 p-4">
          The booking calendar could not be loaded. Please check your connection and try again, or {call}.
        </p>

        <section id="book-services" aria-labelledby="book-treatments" className="mt-8">
          <h2 id="book-treatments" className="text-2xl">{practitioner ? `Treatments with ${practitioner.name}` : 'Treatments'}</h2>
          {services.length === 0 ? (
            <p className="panel mt-4">There are no treatments {practitioner ? `with ${practitioner.name} ` : ''}to book online at the moment. To book, {call}.</p>
          ) : (
            <ul className="mt-4 flex list-none flex-col gap-4 p-0">
              {services.map((s) => (
                <li key={s.id} className="card flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between sm:gap-6">
                  <div className="min-w-0">
                    <h3 className="text-lg">{s.name}</h3>
                    <p className="muted mt-0.5 flex flex-wrap items-center gap-x-3 gap-y-1">
                      <span className="inline-flex items-center gap-1.5"><Clock aria-hidden="true" className="size-4 shrink-0" />{formatDuration(s.durationMin)}</span>
                      <span className="font-semibold text-ink tabular-nums">{formatPrice(s.priceMinor, s.currency)}</span>
                    </p>
                    {s.description && <p className="mt-2">{s.description}</p>}
                    {s.requiresConsultation && <p className="muted mt-2">Booked after a consultation with us.</p>}
                    {s.payOnline && (
                      <p className="muted mt-2">
                        {s.payOnline.kind === 'deposit'
                          ? <>A deposit of {formatPrice(s.payOnline.amountMinor, s.currency)} is paid by card when you book; the rest at the clinic.</>
                          : <>Paid by card when you book.</>}
                      </p>
                    )}
                  </div>
                  {widgetModule && (
                    <button type="button" hidden data-book-service={s.id} className="btn btn-primary shrink-0 self-start">
                      <CalendarClock aria-hidden="true" className="size-5" />
                      <span data-label="">Choose a time</span>
                      <span className="sr-only"> for {s.name}</span>
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>

        <div id="booking-widget" hidden className="mt-8" data-service={chosen?.id} data-date={chosen && preselect?.date} data-time={chosen && preselect?.time} />

        <section aria-labelledby="book-help" className="mt-10 border-t border-line pt-6">
          <h2 id="book-help" className="text-xl">Rather talk to someone?</h2>
          <div className="mt-3"><ClinicContactList phone={clinic.phone} email={clinic.email} /></div>
        </section>
      </div>
      {widgetModule && <script type="module" nonce={nonce} dangerouslySetInnerHTML={{ __html: islandScript(widgetModule, clinic.slug, practitioner?.id) }} />}
    </PublicLayout>
  );
}
