/** @jsxImportSource preact */
import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import css from './widget.css?inline';
import { servicesGivenBy } from '../../domain/scheduling/practitioner-services.ts';
import { intervalLabel, isCourseable } from '../lib/course-choice.ts';
import { CoursePicker, type CoursePlan } from './course-picker.tsx';
import { WidgetField } from './widget-field.tsx';
import {
  createApi, newIdempotencyKey, WidgetError, type BookingCreated, type CourseBooked, type Practitioner, type Problem, type Service, type SignedInPerson, type Slot, type WidgetApi, type WidgetClinic,
} from './widget-api.ts';
import {
  addDays, formatDuration, formatLongDay, formatPlainDay, formatPrice, formatShortDay, formatTime, formatWhen, groupByDay, partOfDay, todayIn,
} from '../lib/clinic-time.ts';

/**
 * The booking widget: treatment → practitioner (or any qualified one) → a free time in
 * the clinic's local time → name, e-mail and phone → "check your e-mail to confirm".
 * Someone signed in on Yintang's own site books with their account's details instead and
 * is booked in at once (or may choose to give other details).
 *
 * Written with Preact so it stays small (it is loaded only when someone starts booking),
 * and drawn inside a shadow root so its styles never touch the page around it and the
 * page's styles never reach in. It works on Yintang's own clinic pages and, through
 * /widget.js, on a clinic's own website.
 */

export interface WidgetOptions {
  /** The clinic's slug, e.g. `jade-leaf-bath`. */
  clinic: string;
  /** Where Yintang runs (`https://yintang.example`); this page's origin when omitted. */
  origin?: string;
  /** Start with this service chosen (its id or slug). */
  service?: string;
  /**
   * Book with this practitioner (their id), as from their profile: only the services they
   * give are offered and the practitioner step is skipped. Ignored when they give none.
   */
  practitioner?: string;
  /** Move focus into the widget once it has loaded (when someone pressed a button to open it). */
  focus?: boolean;
  /**
   * With `service`: show free times from this local date (`2027-03-03`), that day open,
   * skipping the practitioner step (any qualified practitioner, unless `practitioner`).
   * As the waiting list's e-mail link asks.
   */
  date?: string;
  /** With `date`: offer this local time (`14:30`) first on that day, when it is free. */
  time?: string;
}

const DAYS_PER_PAGE = 14;

type Step = 'service' | 'practitioner' | 'time' | 'details' | 'done';
const STEP_NUMBER: Record<Exclude<Step, 'done'>, number> = { service: 1, practitioner: 2, time: 3, details: 4 };

interface Notice {
  tone: 'error' | 'caution' | 'info';
  text: string;
  action?: { label: string; run: () => void };
}

interface Details {
  name: string;
  email: string;
  phone: string;
  /** A gift voucher paying (part of) what is paid online; only asked when the service asks for payment. */
  voucher: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function Widget({ api, options }: { api: WidgetApi; options: WidgetOptions }) {
  const origin = options.origin ?? '';
  const [clinic, setClinic] = useState<WidgetClinic>();
  const [services, setServices] = useState<Service[]>([]);
  const [practitioners, setPractitioners] = useState<Practitioner[]>([]);
  const [loadProblem, setLoadProblem] = useState<Problem>();

  const [step, setStep] = useState<Step>('service');
  const [serviceId, setServiceId] = useState<string>();
  const [practitionerId, setPractitionerId] = useState<string | null>(null);
  const [days, setDays] = useState<{ date: string; slots: Slot[] }[]>([]);
  const [searchedTo, setSearchedTo] = useState<string>();
  const [slotsLoading, setSlotsLoading] = useState(false);
  const [day, setDay] = useState<string>();
  const [slot, setSlot] = useState<Slot>();
  const [notice, setNotice] = useState<Notice>();
  const [details, setDetails] = useState<Details>({ name: '', email: '', phone: '', voucher: '' });
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<keyof Details, string>>>({});
  const [redirecting, setRedirecting] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  /** From the signed-in client's health answers: the earliest date offered, or to call the clinic instead. */
  const [screening, setScreening] = useState<{ earliestDate: string | null; callClinic: boolean }>();
  const [booked, setBooked] = useState<BookingCreated>();
  /** One visit, or a course of sessions (for a treatment that is given as a course). */
  const [mode, setMode] = useState<'one' | 'course'>('one');
  const [course, setCourse] = useState<CoursePlan>();
  const [courseBooked, setCourseBooked] = useState<CourseBooked>();
  /** Why the course could not be booked as chosen (e.g. a session just taken), shown with its dates again. */
  const [courseProblem, setCourseProblem] = useState<string>();
  /** Signed in on this site (with a confirmed address), and whether to book as them. */
  const [me, setMe] = useState<SignedInPerson | null>(null);
  const [asMe, setAsMe] = useState(true);
  const signedIn = me && asMe ? me : undefined;
  const idempotencyKey = useRef(newIdempotencyKey());
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  /** The day and time asked for when opened (kept until the visitor picks another treatment). */
  const [wantedDay, setWantedDay] = useState(() => (options.service && options.date && /^\d{4}-\d{2}-\d{2}$/.test(options.date) ? { date: options.date, time: options.time } : undefined));

  /** The practitioner asked for, while the visitor keeps to them. */
  const [withPractitioner, setWithPractitioner] = useState<string | undefined>(options.practitioner);
  const theirs = useMemo(() => servicesGivenBy(services, withPractitioner), [services, withPractitioner]);
  /** Kept only while they give something bookable here. */
  const fixedPractitioner = withPractitioner && theirs.length > 0 ? withPractitioner : undefined;
  const offered = fixedPractitioner ? theirs : services;
  const service = services.find((s) => s.id === serviceId);
  const timeZone = clinic?.timeZone ?? 'Europe/London';
  const nameOf = (id: string | null | undefined) => practitioners.find((p) => p.id === id)?.name;
  const qualified = useMemo(() => (service ? practitioners.filter((p) => service.practitionerIds.includes(p.id)) : []), [service, practitioners]);
  const consultation = services.find((s) => s.kind === 'consultation' && !s.requiresConsultation);

  // Load the clinic, its services and practitioners once.
  useEffect(() => {
    // The clinic first: on a website the clinic has not listed, the browser would refuse
    // the booking calls (CORS) and all a visitor would see is "no connection".
    api.clinic().then((c) => {
      if (!c.siteAllowed) throw new WidgetError(siteNotAllowed(c));
      return Promise.all([c, api.services(), api.practitioners(), api.session()]);
    }).then(([c, s, p, person]) => {
      setClinic(c);
      setServices(s.items);
      setPractitioners(p.items);
      setMe(person);
      const wanted = options.service && s.items.find((x) => x.id === options.service || x.slug === options.service);
      const giver = options.practitioner && wanted && wanted.practitionerIds.includes(options.practitioner) ? options.practitioner : undefined;
      if (wanted) {
        chooseService(wanted, s.items, person !== null, giver);
        // A day asked for: straight to its times, with whoever is qualified.
        if (wantedDay && !giver) choosePractitioner(null);
      } else {
        setWantedDay(undefined);
      }
    }, (error: unknown) => setLoadProblem(problemOf(error)));
  }, []);

  // After each step change, start screen readers and keyboards at the new step's heading.
  useEffect(() => {
    if (firstRender.current && !options.focus) {
      firstRender.current = false;
      return;
    }
    if (!clinic) return;
    firstRender.current = false;
    heading.current?.focus();
  }, [step, clinic, options.focus]);

  function chooseService(s: Service, all = services, knownPerson = me !== null, giver = fixedPractitioner) {
    setServiceId(s.id);
    setSlot(undefined);
    setMode('one');
    setCourse(undefined);
    setCourseProblem(undefined);
    if (s.requiresConsultation) {
      const c = all.find((x) => x.kind === 'consultation' && !x.requiresConsultation);
      setNotice({
        tone: 'caution',
        text: `${s.name} needs a consultation with us before the first session, so that your practitioner knows your health and your goals. ` +
          (c ? `If you have not had one yet, please book “${c.name}” first.` : 'If you have not had one yet, please call the clinic to arrange it.') +
          (knownPerson ? '' : ' If you have, sign in to book.'),
        action: c ? { label: `Book “${c.name}” instead`, run: () => chooseService(c, all) } : undefined,
      });
    } else {
      setNotice(undefined);
    }
    if (giver && s.practitionerIds.includes(giver)) {
      choosePractitioner(giver);
      return;
    }
    setPractitionerId(null);
    setStep('practitioner');
  }

  async function loadSlots(from: string, append: boolean, keepNotice = false) {
    if (!serviceId) return;
    let to = addDays(from, DAYS_PER_PAGE - 1);
    setSlotsLoading(true);
    if (!keepNotice) setNotice(undefined);
    try {
      let answer = await api.availability({ serviceId, practitionerId: practitionerId ?? undefined, from, to }, me);
      // A waiting period after the whole fortnight: start the calendar at its earliest date.
      const earliest = answer.screening?.earliestDate;
      if (!append && earliest && earliest > to) {
        from = earliest;
        to = addDays(from, DAYS_PER_PAGE - 1);
        answer = await api.availability({ serviceId, practitionerId: practitionerId ?? undefined, from, to }, me);
      }
      setScreening(answer.screening);
      const grouped = groupByDay(answer.slots, answer.timeZone);
      setDays((before) => (append ? [...before, ...grouped] : grouped));
      setSearchedTo(to);
      if (!append || !day) setDay(grouped.find((d) => d.date === wantedDay?.date)?.date ?? grouped[0]?.date);
    } catch (error) {
      setNotice({ tone: 'error', text: problemOf(error).detail });
    } finally {
      setSlotsLoading(false);
    }
  }

  function choosePractitioner(id: string | null) {
    setPractitionerId(id);
    setScreening(undefined);
    setSlot(undefined);
    setDays([]);
    setDay(undefined);
    setStep('time');
  }

  // Entering the time step loads the first fortnight.
  useEffect(() => {
    if (step === 'time' && days.length === 0 && !slotsLoading && clinic) {
      const today = todayIn(timeZone);
      void loadSlots(wantedDay && wantedDay.date > today ? wantedDay.date : today, false, true);
    }
  }, [step, practitionerId, serviceId, clinic]);

  function chooseCourse(plan: CoursePlan) {
    setCourse(plan);
    setCourseProblem(undefined);
    idempotencyKey.current = newIdempotencyKey();
    setNotice(undefined);
    setStep('details');
  }

  function chooseSlot(s: Slot) {
    setSlot(s);
    idempotencyKey.current = newIdempotencyKey();
    setNotice(undefined);
    setStep('details');
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (!service || !(slot || course) || submitting) return;
    if (!signedIn) {
      const errors: Partial<Record<keyof Details, string>> = {};
      if (!details.name.trim()) errors.name = 'Enter your name';
      if (!EMAIL.test(details.email.trim())) errors.email = 'Enter an e-mail address such as name@example.com';
      setFieldErrors(errors);
      if (Object.keys(errors).length) {
        setNotice({ tone: 'error', text: 'Please check the highlighted fields.' });
        return;
      }
    }
    setSubmitting(true);
    setNotice(undefined);
    // Signed in: the server books with the account's details.
    const client = signedIn ? {} : { client: { name: details.name.trim(), email: details.email.trim(), ...(details.phone.trim() ? { phone: details.phone.trim() } : {}) } };
    try {
      if (course) {
        setCourseBooked(await api.bookCourse({ serviceId: service.id, practitionerId: course.practitionerId, starts: course.starts, ...client }, idempotencyKey.current, signedIn));
        setStep('done');
        return;
      }
      const created = await api.book({
        serviceId: service.id,
        practitionerId,
        start: slot!.start,
        ...client,
        ...(service.payOnline && details.voucher.trim() ? { voucherCode: details.voucher.trim() } : {}),
      }, idempotencyKey.current, signedIn);
      // The slot is held: Stripe's page takes the card, then sends the client back to the clinic's booking page.
      if (created.payment?.checkoutUrl) {
        setRedirecting(true);
        window.location.assign(created.payment.checkoutUrl);
        return;
      }
      setBooked(created);
      setStep('done');
    } catch (error) {
      handleBookingProblem(problemOf(error), signedIn !== undefined);
    } finally {
      setSubmitting(false);
    }
  }

  function handleBookingProblem(p: Problem, wasSignedIn: boolean) {
    if (wasSignedIn && (p.status === 400 || p.status === 401 || p.status === 403)) {
      // The session ended (signed out in another tab, or timed out): book as a visitor.
      setMe(null);
      setNotice({ tone: 'caution', text: 'You are no longer signed in. Please enter your details to book, or sign in again.' });
      return;
    }
    if (p.code === 'screening-refer') {
      setScreening({ earliestDate: null, callClinic: true });
      setNotice(undefined);
      setSlot(undefined);
      setDays([]);
      setStep('time');
      return;
    }
    if (p.code === 'screening-wait') {
      setNotice({ tone: 'caution', text: p.detail });
      setSlot(undefined);
      setDays([]);
      setStep('time');
      return;
    }
    if (course && (p.status === 409 || p.status === 422) && (p.index !== undefined || p.code === 'slot-not-offered' || p.code === 'slot-taken')) {
      const taken = p.index !== undefined ? course.starts[p.index] : undefined;
      setCourseProblem(taken
        ? `Sorry, session ${p.index! + 1} (${formatWhen(taken, timeZone)}) is no longer free. Please look at the dates again; nothing has been booked.`
        : `${p.detail} Please look at the dates again; nothing has been booked.`);
      setCourse(undefined);
      setStep('time');
      return;
    }
    if (p.errors.some((e) => e.field === 'voucherCode') || p.code === 'voucher-balance') {
      setFieldErrors({ voucher: p.detail });
      setNotice({ tone: 'error', text: 'Please check the voucher code, or leave it empty to pay by card.' });
      return;
    }
    if (p.status === 409) {
      const when = slot ? formatTime(slot.start, timeZone) : 'that time';
      setNotice({ tone: 'caution', text: `Sorry, someone booked ${when} a moment before you. Here are the times that are still free.` });
      setSlot(undefined);
      setDays([]);
      setStep('time');
      return;
    }
    if (p.code === 'consultation-required') {
      const c = services.find((s) => s.id === p.consultationServiceId) ?? consultation;
      setNotice({ tone: 'caution', text: p.detail, action: c ? { label: `Book “${c.name}” instead`, run: () => chooseService(c) } : undefined });
      return;
    }
    if (p.code === 'slot-not-offered') {
      setNotice({ tone: 'caution', text: `${p.detail} Please choose another time.` });
      setSlot(undefined);
      setDays([]);
      setStep('time');
      return;
    }
    if (p.status === 429) {
      setNotice({ tone: 'error', text: `We have had several bookings from you in a short time. ${p.detail}${clinic?.phone ? ` You can also call the clinic on ${ukPhone(clinic.phone)}.` : ''}` });
      return;
    }
    if (p.errors.length) {
      const mapped: Partial<Record<keyof Details, string>> = {};
      for (const e of p.errors) {
        const field = e.field.replace(/^body\./, '').replace(/^client\./, '');
        if (field === 'name' || field === 'email' || field === 'phone') mapped[field] ??= e.message;
      }
      if (Object.keys(mapped).length) {
        setFieldErrors(mapped);
        setNotice({ tone: 'error', text: 'Please check the highlighted fields.' });
        return;
      }
    }
    setNotice({ tone: 'error', text: p.detail, action: p.code === 'new-clients-only' ? { label: 'Choose another treatment', run: () => { setNotice(undefined); setStep('service'); } } : undefined });
  }

  const title = clinic ? `Book at ${clinic.name}` : 'Book an appointment';

  if (loadProblem) {
    return (
      <section class="yw-card" aria-label="Book an appointment">
        <div class="yw-notice yw-error" role="alert">
          {loadProblem.detail}
          {loadProblem.link && <> <a href={loadProblem.link.href}>{loadProblem.link.text}</a></>}
        </div>
      </section>
    );
  }
  if (!clinic) {
    return (
      <section class="yw-card" aria-label="Book an appointment">
        <p class="yw-loading" role="status"><span class="yw-spinner" aria-hidden="true" />Loading the booking calendar…</p>
      </section>
    );
  }

  const stepLabel = step !== 'done' ? <p class="yw-step">Step {STEP_NUMBER[step]} of 4</p> : null;
  const noticeBox = notice && (
    <div class={`yw-notice yw-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
      <p>{notice.text}</p>
      {notice.action && <button type="button" class="yw-btn yw-secondary yw-notice-action" onClick={notice.action.run}>{notice.action.label}</button>}
    </div>
  );
  const back = (to: Step, label = 'Back') => (
    <button type="button" class="yw-link" onClick={() => { setNotice(undefined); setStep(to); }}>
      <span aria-hidden="true">← </span>{label}
    </button>
  );

  return (
    <section class="yw-card" aria-label={title}>
      <p class="yw-eyebrow">{title}</p>

      {step === 'service' && (
        <>
          {stepLabel}
          <h2 tabIndex={-1} ref={heading}>Choose a treatment</h2>
          {fixedPractitioner && (
            <p class="yw-muted">
              With {nameOf(fixedPractitioner)}.{' '}
              <button type="button" class="yw-link" onClick={() => setWithPractitioner(undefined)}>Show every treatment</button>
            </p>
          )}
          {noticeBox}
          {offered.length === 0 ? (
            <p class="yw-muted">{clinic.name} has no treatments to book online at the moment.{clinic.phone && <> Please call <a href={`tel:${clinic.phone}`}>{ukPhone(clinic.phone)}</a>.</>}</p>
          ) : (
            <ul class="yw-options">
              {offered.map((s) => (
                <li key={s.id}>
                  <button type="button" class="yw-option" onClick={() => { setWantedDay(undefined); chooseService(s); }} aria-describedby={`yw-s-${s.id}`}>
                    <span class="yw-option-main">
                      <span class="yw-option-title">{s.name}</span>
                      <span class="yw-price">{formatPrice(s.priceMinor, s.currency)}</span>
                    </span>
                    <span id={`yw-s-${s.id}`} class="yw-muted">
                      {formatDuration(s.durationMin)}
                      {s.requiresConsultation && ' · after a consultation'}
                      {s.newClientsOnly && ' · for new clients'}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}

      {step === 'practitioner' && service && (
        <>
          {back('service', 'Change treatment')}
          {stepLabel}
          <h2 tabIndex={-1} ref={heading}>Choose a practitioner</h2>
          <p class="yw-muted">For {service.name.charAt(0).toLowerCase() + service.name.slice(1)}, {formatDuration(service.durationMin)}.</p>
          {noticeBox}
          <ul class="yw-options">
            <li>
              <button type="button" class="yw-option" onClick={() => choosePractitioner(null)}>
                <span class="yw-option-title">Any qualified practitioner</span>
                <span class="yw-muted">The earliest times with whoever gives this treatment</span>
              </button>
            </li>
            {qualified.map((p) => (
              <li key={p.id}>
                <button type="button" class="yw-option" onClick={() => choosePractitioner(p.id)}>
                  <span class="yw-option-title">{p.name}</span>
                  {(p.title || p.yearsExperience) && (
                    <span class="yw-muted">{[p.title, p.yearsExperience ? `${p.yearsExperience} years’ experience` : null].filter(Boolean).join(' · ')}</span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}

      {step === 'time' && service && (
        <>
          {back('practitioner', 'Change practitioner')}
          {stepLabel}
          <h2 tabIndex={-1} ref={heading}>{mode === 'course' ? 'Choose your dates' : 'Choose a time'}</h2>
          <p class="yw-muted">
            {service.name} with {practitionerId ? nameOf(practitionerId) : 'any qualified practitioner'}. Times are {zoneWords(timeZone)}.
          </p>
          {/* A treatment paid online when booked is booked a session at a time (the server refuses a course of it: course-needs-payment). */}
          {isCourseable(service) && !service.payOnline && !screening?.callClinic && (
            <div class="yw-mode" role="group" aria-label="One session or a course">
              <button type="button" class="yw-mode-btn" aria-pressed={mode === 'one'} onClick={() => { setMode('one'); setCourseProblem(undefined); }}>
                <span class="yw-option-title">One session</span>
                <span class="yw-mode-hint">Choose a day and time</span>
              </button>
              <button type="button" class="yw-mode-btn" aria-pressed={mode === 'course'} onClick={() => { setMode('course'); setNotice(undefined); }}>
                <span class="yw-option-title">A course of sessions</span>
                <span class="yw-mode-hint">Most people book a course, for example 6 a week apart</span>
              </button>
            </div>
          )}
          {screening?.callClinic ? (
            <div class="yw-notice yw-info yw-call" role="status">
              <p class="yw-call-title">Please call us to book this</p>
              <p>
                From your health answers, we would like to talk with you before you book “{service.name}”.
                {' '}This is not a judgement about your health: a short call lets us find what suits you.
              </p>
              {clinic.phone
                ? <p>Call {clinic.name} on <a class="yw-call-phone" href={`tel:${clinic.phone}`}>{ukPhone(clinic.phone)}</a>{clinic.email ? <>, or e-mail <a href={`mailto:${clinic.email}`}>{clinic.email}</a></> : null}.</p>
                : <p>E-mail {clinic.name} at <a href={`mailto:${clinic.email}`}>{clinic.email}</a>.</p>}
            </div>
          ) : mode === 'course' ? (
            <>
              {noticeBox}
              <CoursePicker key={courseProblem ?? 'course'} api={api} service={service} givers={qualified} practitionerId={practitionerId} timeZone={timeZone}
                onChoose={chooseCourse} problem={courseProblem} />
            </>
          ) : (
          <>
          {noticeBox}
          {screening?.earliestDate && (
            <p class="yw-notice yw-info" role="status">
              From your health answers, the earliest date we can offer is {formatLongDay(screening.earliestDate)}. These are the free times from then.
            </p>
          )}
          {slotsLoading && days.length === 0 && <p class="yw-loading" role="status"><span class="yw-spinner" aria-hidden="true" />Finding free times…</p>}
          {!slotsLoading && days.length === 0 && !notice && (
            <p class="yw-notice yw-info" role="status">There are no free times up to {searchedTo ? formatPlainDay(searchedTo) : 'then'}{practitionerId ? ` with ${nameOf(practitionerId)}` : ''}. Try later dates{practitionerId ? ' or any qualified practitioner' : ''}.</p>
          )}
          {days.length > 0 && (
            <>
              <h3 class="yw-sub" id="yw-days">Days with free times</h3>
              <ul class="yw-days" aria-labelledby="yw-days">
                {days.map((d) => (
                  <li key={d.date}>
                    <button type="button" class="yw-day" aria-pressed={d.date === day} onClick={() => setDay(d.date)} aria-label={`${formatLongDay(d.date)}, ${d.slots.length} ${d.slots.length === 1 ? 'time' : 'times'}`}>
                      <span class="yw-day-name">{formatShortDay(d.date)}</span>
                      <span class="yw-day-count">{d.slots.length} {d.slots.length === 1 ? 'time' : 'times'}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          {day && days.find((d) => d.date === day) && (
            <SlotsOfDay date={day} slots={days.find((d) => d.date === day)!.slots} timeZone={timeZone} onChoose={chooseSlot}
              first={wantedDay?.date === day ? wantedDay.time : undefined} />
          )}
          {searchedTo && (
            <button type="button" class="yw-btn yw-secondary yw-more" disabled={slotsLoading} onClick={() => loadSlots(addDays(searchedTo, 1), true)}>
              {slotsLoading ? 'Looking…' : 'Show later dates'}
            </button>
          )}
          </>
          )}
        </>
      )}

      {step === 'details' && service && (slot || course) && (
        <form class="yw-form" onSubmit={submit} noValidate>
          {back('time', course ? 'Change dates' : 'Change time')}
          {stepLabel}
          <h2 tabIndex={-1} ref={heading}>Your details</h2>
          {course
            ? <CourseSummary service={service} practitioner={nameOf(course.practitionerId)} starts={course.starts} weeks={course.weeks} timeZone={timeZone} />
            : <Summary service={service} practitioner={practitionerId ? nameOf(practitionerId) : 'Any qualified practitioner'} start={slot!.start} timeZone={timeZone} />}
          {noticeBox}
          {signedIn ? (
            <div class="yw-notice yw-info">
              <p>
                You are signed in as <strong>{signedIn.name}</strong> ({signedIn.email}). We will book with these details
                {/* Paid online, the booking waits for the payment (said just below): "straight away" would not be true. */}
                {service.payOnline && !course ? '.' : ` and confirm your ${course ? 'course' : 'booking'} straight away.`}
              </p>
              <button type="button" class="yw-link" onClick={() => { setAsMe(false); setNotice(undefined); }}>Book with other details</button>
            </div>
          ) : (
            <>
              {me && (
                <p class="yw-muted">
                  Booking for yourself? <button type="button" class="yw-link yw-inline" onClick={() => { setAsMe(true); setFieldErrors({}); setNotice(undefined); }}>Book as {me.name}</button>
                </p>
              )}
              <Field id="yw-name" label="Full name" value={details.name} error={fieldErrors.name} autoComplete="name"
                onInput={(v) => setDetails({ ...details, name: v })} />
              <Field id="yw-email" label="E-mail address" type="email" value={details.email} error={fieldErrors.email} autoComplete="email"
                hint="We send the confirmation here." onInput={(v) => setDetails({ ...details, email: v })} />
              <Field id="yw-phone" label="Phone (optional)" type="tel" value={details.phone} error={fieldErrors.phone} autoComplete="tel"
                hint="In case the clinic needs to reach you on the day." onInput={(v) => setDetails({ ...details, phone: v })} />
            </>
          )}
          {service.payOnline && !course && (
            <>
              {/* One span: the notice lays out its children as separate rows. */}
              <p class="yw-notice yw-info"><span>
                {service.payOnline.kind === 'deposit'
                  ? <>A deposit of <strong>{formatPrice(service.payOnline.amountMinor, service.currency)}</strong> is paid now by card on Stripe’s secure page; the rest ({formatPrice(service.priceMinor - service.payOnline.amountMinor, service.currency)}) at the clinic.</>
                  : <>The price, <strong>{formatPrice(service.payOnline.amountMinor, service.currency)}</strong>, is paid now by card on Stripe’s secure page.</>}
                {' '}Your booking is confirmed when the payment arrives.
              </span></p>
              <Field id="yw-voucher" label="Gift voucher code (optional)" value={details.voucher} error={fieldErrors.voucher} autoComplete="off"
                hint="The voucher pays what it can; the card pays the rest." onInput={(v) => setDetails({ ...details, voucher: v })} />
            </>
          )}
          <button type="submit" class="yw-btn yw-primary yw-submit" disabled={submitting || redirecting} aria-busy={submitting || redirecting || undefined}>
            {(submitting || redirecting) && <span class="yw-spinner yw-spinner-light" aria-hidden="true" />}
            {redirecting ? 'Opening the payment page…' : submitting ? 'Booking…' : course ? `Book all ${course.starts.length} sessions` : service.payOnline ? 'Book and pay' : 'Book this time'}
          </button>
          <p class="yw-fine">We use your details only to arrange your {course ? 'appointments' : 'appointment'} with {clinic.name}.</p>
        </form>
      )}

      {step === 'done' && courseBooked && course && service && (
        <>
          <h2 tabIndex={-1} ref={heading}>{courseBooked.holdExpiresAt ? 'Check your e-mail to confirm your course' : 'Your course is booked'}</h2>
          <div class="yw-notice yw-info" role="status">
            {courseBooked.holdExpiresAt ? (
              <p>
                We have sent an e-mail to <strong>{details.email.trim()}</strong>. Please open the link in it within {minutesUntil(courseBooked.holdExpiresAt)} minutes
                (by {formatTime(courseBooked.holdExpiresAt, timeZone)}) to confirm all {courseBooked.bookings.length} sessions. We are holding the times for you until then.
              </p>
            ) : (
              <p>We have sent the dates to your e-mail, with a calendar file holding every session.</p>
            )}
          </div>
          {!courseBooked.holdExpiresAt && signedIn && <p><a href={`${origin}/app`}>See them in My appointments</a></p>}
          <CourseSummary service={service} practitioner={nameOf(course.practitionerId)} starts={courseBooked.bookings.map((b) => b.start)} weeks={course.weeks} timeZone={timeZone} />
          <p class="yw-muted">No e-mail after a few minutes? Check your spam folder{clinic.phone ? <>, or call the clinic on <a href={`tel:${clinic.phone}`}>{ukPhone(clinic.phone)}</a></> : ''}.</p>
          <button type="button" class="yw-link" onClick={() => { setCourseBooked(undefined); setCourse(undefined); setMode('one'); setNotice(undefined); setStep('service'); }}>Make another booking</button>
        </>
      )}

      {step === 'done' && booked && service && (
        <>
          <h2 tabIndex={-1} ref={heading}>{booked.status === 'held' ? 'Check your e-mail to confirm' : 'You are booked in'}</h2>
          <div class="yw-notice yw-info" role="status">
            {booked.status === 'held' ? (
              <p>
                We have sent an e-mail to <strong>{details.email.trim()}</strong>. Please open the link in it
                {booked.holdExpiresAt ? ` within ${minutesUntil(booked.holdExpiresAt)} minutes (by ${formatTime(booked.holdExpiresAt, timeZone)})` : ''} to confirm
                your booking. We are holding the time for you until then.
              </p>
            ) : (
              <p>
                {booked.payment ? `Paid with your gift voucher (${formatPrice(booked.payment.voucherMinor, booked.payment.currency)}). ` : ''}
                We have sent the details to your e-mail, with an invitation for your calendar.
              </p>
            )}
          </div>
          {booked.status !== 'held' && signedIn && <p><a href={`${origin}/app`}>See it in My appointments</a></p>}
          <Summary service={service} practitioner={nameOf(booked.practitionerId) ?? 'Your practitioner'} start={booked.start} timeZone={timeZone} />
          <p class="yw-muted">No e-mail after a few minutes? Check your spam folder{clinic.phone ? <>, or call the clinic on <a href={`tel:${clinic.phone}`}>{ukPhone(clinic.phone)}</a></> : ''}.</p>
          <button type="button" class="yw-link" onClick={() => { setBooked(undefined); setSlot(undefined); setDays([]); setNotice(undefined); setStep('service'); }}>Make another booking</button>
        </>
      )}
      {origin !== '' && step !== 'done' && <p class="yw-fine">Online booking by <a href={`${origin}/clinics/${clinic.slug}`} target="_blank" rel="noopener">Yintang</a></p>}
    </section>
  );
}

/** A day's free times by part of the day; `first` (a local time, e.g. one that has just come free) on top when it is among them. */
function SlotsOfDay({ date, slots, timeZone, onChoose, first }: { date: string; slots: Slot[]; timeZone: string; onChoose: (s: Slot) => void; first?: string }) {
  const top = first ? slots.find((s) => formatTime(s.start, timeZone) === first) : undefined;
  const parts = new Map<string, Slot[]>();
  for (const s of slots) {
    if (s === top) continue;
    const part = partOfDay(s.start, timeZone);
    parts.set(part, [...(parts.get(part) ?? []), s]);
  }
  return (
    <div class="yw-slots">
      <h3 class="yw-sub">{formatLongDay(date)}</h3>
      {top && (
        <div>
          <h4 class="yw-part">Just come free</h4>
          <ul class="yw-times">
            <li>
              <button type="button" class="yw-time" onClick={() => onChoose(top)}>
                {formatTime(top.start, timeZone)}<span class="yw-sr"> on {formatLongDay(date)}</span>
              </button>
            </li>
          </ul>
        </div>
      )}
      {[...parts.entries()].map(([part, list]) => (
        <div key={part}>
          <h4 class="yw-part">{part}</h4>
          <ul class="yw-times">
            {list.map((s) => (
              <li key={s.start}>
                <button type="button" class="yw-time" onClick={() => onChoose(s)}>
                  {formatTime(s.start, timeZone)}<span class="yw-sr"> on {formatLongDay(date)}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

function Summary({ service, practitioner, start, timeZone }: { service: Service; practitioner: string | undefined; start: string; timeZone: string }) {
  return (
    <dl class="yw-summary">
      <div><dt>Treatment</dt><dd>{service.name} ({formatDuration(service.durationMin)})</dd></div>
      <div><dt>With</dt><dd>{practitioner}</dd></div>
      <div><dt>When</dt><dd>{formatWhen(start, timeZone)}</dd></div>
      <div><dt>Price</dt><dd>{formatPrice(service.priceMinor, service.currency)}{service.priceMinor === 0 ? '' : !service.payOnline ? ', paid at the clinic'
        : service.payOnline.kind === 'deposit' ? `: ${formatPrice(service.payOnline.amountMinor, service.currency)} deposit by card when booking, the rest at the clinic` : ', paid by card when booking'}</dd></div>
    </dl>
  );
}

/** A course: the treatment, who gives it, how often, every date, and the price per session and in all. */
function CourseSummary({ service, practitioner, starts, weeks, timeZone }: { service: Service; practitioner: string | undefined; starts: string[]; weeks: number; timeZone: string }) {
  return (
    <dl class="yw-summary">
      <div><dt>Treatment</dt><dd>{service.name} ({formatDuration(service.durationMin)})</dd></div>
      <div><dt>With</dt><dd>{practitioner}</dd></div>
      <div><dt>Course</dt><dd>{starts.length} sessions, {intervalLabel(weeks).toLowerCase()}</dd></div>
      <div>
        <dt>Dates</dt>
        <dd><ol class="yw-date-list">{starts.map((s) => <li key={s}>{formatWhen(s, timeZone)}</li>)}</ol></dd>
      </div>
      <div>
        <dt>Price</dt>
        <dd>
          {formatPrice(service.priceMinor, service.currency)} a session
          {service.priceMinor > 0 ? `, ${formatPrice(service.priceMinor * starts.length, service.currency)} in all, paid at the clinic` : ''}
        </dd>
      </div>
    </dl>
  );
}

function Field({ id, label, hint, error, value, onInput, type = 'text', autoComplete }: {
  id: string; label: string; hint?: string; error?: string; value: string; onInput: (v: string) => void; type?: 'text' | 'email' | 'tel'; autoComplete?: string;
}) {
  return (
    <WidgetField id={id} label={label} hint={hint} error={error}>
      {(control) => <input {...control} type={type as 'text'} value={value} autoComplete={autoComplete} onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)} />}
    </WidgetField>
  );
}

const minutesUntil = (iso: string) => Math.max(1, Math.round((Date.parse(iso) - Date.now()) / 60_000));

/** What a visitor reads on a website the clinic has not set up for online booking. */
function siteNotAllowed(c: WidgetClinic): Problem {
  const call = c.phone ? ` or call ${ukPhone(c.phone)}` : '';
  return {
    status: 0, code: 'site-not-allowed', title: 'Booking is not set up on this website', errors: [],
    detail: `This website is not set up to take bookings for ${c.name}. You can book on the clinic’s own booking page${call}.`,
    link: { href: c.bookingPageUrl, text: `Book at ${c.name}` },
  };
}

function problemOf(error: unknown): Problem {
  if (error instanceof WidgetError) return error.problem;
  return { status: 0, code: 'unexpected', title: 'Something went wrong', detail: 'Something went wrong. Please try again.', errors: [] };
}

/** +441225000111 → 01225 000111, as people in the UK write it. */
function ukPhone(e164: string): string {
  if (!e164.startsWith('+44')) return e164;
  const n = '0' + e164.slice(3);
  if (n.length !== 11) return n;
  return n.startsWith('02') ? `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}` : `${n.slice(0, 5)} ${n.slice(5)}`;
}

function zoneWords(timeZone: string) {
  return timeZone === 'Europe/London' ? 'UK times' : `in the clinic’s local time (${timeZone.replace(/_/g, ' ')})`;
}

/**
 * Draws the widget into `host` (inside a shadow root) and returns a way to remove it.
 * Used by /widget.js on clinics' websites and by the booking page of each clinic.
 */
export function mountBookingWidget(host: HTMLElement, options: WidgetOptions) {
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  shadow.replaceChildren();
  const root = document.createElement('div');
  root.className = 'yw';
  // A constructed stylesheet: Content-Security-Policy does not govern it, so the widget
  // keeps its looks under a strict style-src (Yintang's own pages, clinics' sites that
  // have one), where an inline <style> element would be refused.
  if ('adoptedStyleSheets' in shadow && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
    shadow.append(root);
  } else {
    const style = document.createElement('style');
    style.textContent = css;
    shadow.append(style, root);
  }
  const api = createApi(options.origin ?? window.location.origin, options.clinic);
  render(<Widget api={api} options={options} />, root);
  return { unmount: () => render(null, root) };
}
