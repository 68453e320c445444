/**
 * Outcome measures: the clinic's choice of measures per service and when they are asked,
 * the questionnaires sent before a session (answered from the e-mail link or the portal),
 * their scores, and a client's progress for the client and their care team.
 *
 * Answers and scores are health data: only the client, the practitioners who treat them
 * and the owner read them; every read and write is audited with identifiers only
 * (`details.clientId` always set), never an answer, a score or an activity's name.
 */
import { and, asc, eq, gt, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Queryable, Tx } from '../../data/db.ts';
import { bookings, careTeam, clients, clinics, formResponses, outcomeRequests, serviceMeasures, services } from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import type { Config } from '../../server/config.ts';
import { AppError, badRequest, conflict, notFound } from '../../server/errors.ts';
import { notOwnRecord, refused, type Actor, type Requester } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { hashToken, newToken } from '../../server/crypto.ts';
import { canSeeClientContact, canSeeClinicalRecord } from '../../domain/access/access-rules.ts';
import { answersSchemaFor, DEFAULT_INTAKE_FORM, fieldErrors, findQuestion, type Answers, type FormDefinition, type TreatmentCategory } from '../../domain/intake/index.ts';
import {
  applyRule, BUILT_IN_MEASURES, changeFromBaseline, psfsActivities, questionnaireFor, questionnaireTiming, type FacialConcern, type MeasureSchedule,
  type MeasureDefinition, type PersonalContext, type Questionnaire, type QuestionnaireTiming, type ScoreDefinition,
} from '../../domain/outcomes/index.ts';
import { enqueueEmail, type NewEmail } from '../notifications/outbox.repository.ts';
import { renderEmail } from '../notifications/email-template.ts';
import { formatWhen, todayIn } from '../scheduling/clinic-time.ts';
import type { answersBody, serviceMeasuresBody } from './outcomes.schema.ts';
import { clinicMeasure, measuresOfClinic } from './clinic-measures.service.ts';

/** How long after the session an e-mail link still opens the questionnaires. */
const LINK_VALID_AFTER_SESSION_MS = 7 * 86_400_000;
/** Booking statuses that count as sessions. */
const SESSION_STATUSES = ['confirmed', 'arrived', 'completed'] as const;

/** The measures the clinic can ask: Yintang's own, then the licensed instruments it entered. */
export async function catalogue(ctx: AppContext, actor: Actor) {
  const measures = await measuresOfClinic(ctx.database.db, actor.clinicId, { offered: true });
  return {
    measures: Object.values(measures).map((m) => ({
      key: m.key, name: m.name, shortName: m.shortName, description: m.description, citation: m.citation, licence: m.licence, minutes: m.minutes,
      scores: m.scores.map(scoreInfo), licensed: !BUILT_IN_MEASURES[m.key],
    })),
  };
}

const scoreInfo = (s: ScoreDefinition) => ({ id: s.id, label: s.label, min: s.min, max: s.max, higherIsBetter: s.higherIsBetter, mic: s.mic, micSource: s.micSource });

// ---------------------------------------------------------------- settings

async function measuresOf(q: Queryable, clinicId: string, serviceId?: string) {
  return q.select().from(serviceMeasures)
    .where(and(eq(serviceMeasures.clinicId, clinicId), serviceId ? eq(serviceMeasures.serviceId, serviceId) : undefined))
    .orderBy(asc(serviceMeasures.sortOrder), asc(serviceMeasures.measureKey));
}

const scheduleOut = (r: typeof serviceMeasures.$inferSelect) => ({ measureKey: r.measureKey, baseline: r.baseline, everyNSessions: r.everyNSessions, endOfCourse: r.endOfCourse });

/** Every active service with the measures it asks (not health data: any staff may read it). */
export async function getClinicMeasures(ctx: AppContext, actor: Actor) {
  const db = ctx.database.db;
  const [svc, rows] = await Promise.all([
    db.select({ id: services.id, name: services.name }).from(services)
      .where(and(eq(services.clinicId, actor.clinicId), eq(services.active, true))).orderBy(asc(services.sortOrder), asc(services.name)),
    measuresOf(db, actor.clinicId),
  ]);
  return { services: svc.map((s) => ({ serviceId: s.id, serviceName: s.name, measures: rows.filter((r) => r.serviceId === s.id).map(scheduleOut) })) };
}

/** The owner sets the measures a service asks, replacing the earlier choice. */
export async function setServiceMeasures(ctx: AppContext, actor: Actor, serviceId: string, input: z.infer<typeof serviceMeasuresBody>) {
  const known = await measuresOfClinic(ctx.database.db, actor.clinicId, { offered: true });
  const unknown = input.measures.findIndex((m) => !known[m.measureKey]);
  if (unknown >= 0) throw badRequest('Please choose one of the measures offered.', [{ field: `measures.${unknown}.measureKey`, message: 'Not a measure your clinic offers' }]);
  const empty = input.measures.findIndex((m) => !m.baseline && m.everyNSessions === null && !m.endOfCourse);
  if (empty >= 0) throw badRequest('Please say when the measure is asked.', [{ field: `measures.${empty}`, message: 'Choose at least one time to ask it' }]);
  return ctx.database.transaction(async (tx) => {
    const [service] = await tx.select({ id: services.id, name: services.name }).from(services).where(and(eq(services.clinicId, actor.clinicId), eq(services.id, serviceId)));
    if (!service) throw notFound('The service');
    await tx.delete(serviceMeasures).where(and(eq(serviceMeasures.clinicId, actor.clinicId), eq(serviceMeasures.serviceId, serviceId)));
    if (input.measures.length) {
      await tx.insert(serviceMeasures).values(input.measures.map((m, i) => ({
        clinicId: actor.clinicId, serviceId, measureKey: m.measureKey, baseline: m.baseline, everyNSessions: m.everyNSessions, endOfCourse: m.endOfCourse,
        sortOrder: i, updatedBy: actor.userId, updatedAt: new Date(),
      })));
    }
    await recordAudit(tx, actor, { action: 'outcome.settings_update', entityType: 'service', entityId: serviceId, details: { measures: input.measures.map((m) => m.measureKey) } });
    return { serviceId, serviceName: service.name, measures: (await measuresOf(tx, actor.clinicId, serviceId)).map(scheduleOut) };
  });
}

// ---------------------------------------------------------------- asking

type BookingRow = typeof bookings.$inferSelect;

/** Where a booking falls among the client's sessions of its service (cancelled ones do not count). */
export async function sessionPosition(q: Queryable, b: Pick<BookingRow, 'clinicId' | 'id' | 'clientId' | 'serviceId' | 'seriesId' | 'startsAt'>) {
  const [row] = await q.select({
    n: sql<number>`count(*)::int`,
  }).from(bookings).where(and(
    eq(bookings.clinicId, b.clinicId), eq(bookings.clientId, b.clientId!), eq(bookings.serviceId, b.serviceId!), eq(bookings.kind, 'appointment'),
    inArray(bookings.status, SESSION_STATUSES), lte(bookings.startsAt, b.startsAt),
  ));
  let lastOfCourse = false;
  if (b.seriesId) {
    const later = await q.select({ id: bookings.id }).from(bookings).where(and(
      eq(bookings.clinicId, b.clinicId), eq(bookings.seriesId, b.seriesId), inArray(bookings.status, SESSION_STATUSES), gt(bookings.startsAt, b.startsAt),
    )).limit(1);
    lastOfCourse = later.length === 0;
  }
  return { sessionNumber: Math.max(1, row?.n ?? 1), lastOfCourse };
}

/** What a personalised measure is built from: the concerns of the health questions, the PSFS activities named at baseline. */
async function personalContext(q: Queryable, clinicId: string, clientId: string, measure: MeasureDefinition): Promise<PersonalContext | { reuse: Questionnaire }> {
  const measureKey = measure.key;
  if (measure.personalised === 'facial-concerns') {
    // Follow-ups ask about the same concerns as the first questionnaire, so the scores compare.
    const [first] = await q.select({ questionnaire: outcomeRequests.questionnaire }).from(outcomeRequests)
      .where(and(eq(outcomeRequests.clinicId, clinicId), eq(outcomeRequests.clientId, clientId), eq(outcomeRequests.measureKey, measureKey), eq(outcomeRequests.status, 'answered')))
      .orderBy(asc(outcomeRequests.answeredAt)).limit(1);
    if (first) return { reuse: first.questionnaire as unknown as Questionnaire };
    const [intake] = await q.select({ answers: formResponses.answers }).from(formResponses)
      .where(and(eq(formResponses.clinicId, clinicId), eq(formResponses.clientId, clientId), eq(formResponses.status, 'submitted')))
      .orderBy(sql`${formResponses.version} desc`).limit(1);
    const chosen = Array.isArray(intake?.answers.skinConcerns) ? (intake.answers.skinConcerns as unknown[]).filter((v): v is string => typeof v === 'string') : [];
    const question = findQuestion(DEFAULT_INTAKE_FORM, 'skinConcerns');
    const options = question && 'options' in question ? question.options : [];
    const concerns: FacialConcern[] = chosen.filter((v) => v !== 'other').map((value) => ({ value, label: options.find((o) => o.value === value)?.label ?? value }));
    return { concerns };
  }
  if (measure.personalised === 'psfs-activities') {
    const answered = await q.select({ answers: outcomeRequests.answers }).from(outcomeRequests)
      .where(and(eq(outcomeRequests.clinicId, clinicId), eq(outcomeRequests.clientId, clientId), eq(outcomeRequests.measureKey, measureKey), eq(outcomeRequests.status, 'answered')))
      .orderBy(asc(outcomeRequests.answeredAt));
    for (const r of answered) {
      const activities = psfsActivities(r.answers ?? {});
      if (activities.length) return { activities };
    }
  }
  return {};
}

export interface AskFor {
  booking: BookingRow;
  measures: { measureKey: string; timing: QuestionnaireTiming | 'extra' }[];
  sessionNumber: number;
  createdBy: string | null;
  now: Date;
}

/**
 * Creates the questionnaires for one session (each measure at most once per booking) and
 * queues one e-mail with a link to them. Returns the requests created (none when every
 * measure was already asked for the booking).
 */
export async function askForSession(tx: Tx, config: Config, ask: AskFor): Promise<{ id: string; measureKey: string }[]> {
  const b = ask.booking;
  const token = newToken();
  const created: { id: string; measureKey: string }[] = [];
  const registry = await measuresOfClinic(tx, b.clinicId, { offered: true });
  for (const m of ask.measures) {
    const measure = registry[m.measureKey];
    if (!measure) continue;
    const context = await personalContext(tx, b.clinicId, b.clientId!, measure);
    const questionnaire = 'reuse' in context ? context.reuse : questionnaireFor(measure, context);
    const [row] = await tx.insert(outcomeRequests).values({
      clinicId: b.clinicId, clientId: b.clientId!, bookingId: b.id, serviceId: b.serviceId!, measureKey: measure.key, measureVersion: measure.version,
      timing: m.timing, sessionNumber: ask.sessionNumber, questionnaire: questionnaire as unknown as Record<string, unknown>,
      tokenHash: hashToken(token), tokenExpiresAt: new Date(b.startsAt.getTime() + LINK_VALID_AFTER_SESSION_MS), createdBy: ask.createdBy, createdAt: ask.now,
    }).onConflictDoNothing().returning({ id: outcomeRequests.id, measureKey: outcomeRequests.measureKey });
    if (!row) continue;
    created.push(row);
    await recordAudit(tx, null, {
      action: 'outcome.requested', entityType: 'outcome_request', entityId: row.id, clinicId: b.clinicId, actorUserId: ask.createdBy,
      details: { clientId: b.clientId, bookingId: b.id, measureKey: measure.key, timing: m.timing },
    });
  }
  if (!created.length) return created;
  const [facts] = await tx.select({
    clientName: clients.name, clientEmail: clients.email, clinicName: clinics.name, clinicSlug: clinics.slug, timeZone: clinics.timeZone,
  }).from(clients).innerJoin(clinics, eq(clinics.id, clients.clinicId)).where(and(eq(clients.clinicId, b.clinicId), eq(clients.id, b.clientId!)));
  if (facts?.clientEmail) {
    const minutes = created.reduce((sum, c) => sum + registry[c.measureKey]!.minutes, 0);
    await enqueueEmail(tx, questionnaireEmail(config, { ...facts, clinicId: b.clinicId, startsAt: b.startsAt, token, minutes }));
    await tx.update(outcomeRequests).set({ emailedAt: ask.now }).where(and(eq(outcomeRequests.clinicId, b.clinicId), inArray(outcomeRequests.id, created.map((c) => c.id))));
  }
  return created;
}

/** The e-mail asking for the questionnaires: no measure names, scores or answers (staff read the outbox). */
export function questionnaireEmail(config: Config, d: { clinicId: string; clinicName: string; clinicSlug: string; clientName: string; clientEmail: string; timeZone: string; startsAt: Date; token: string; minutes: number }): NewEmail {
  const url = `${config.publicUrl}/app/questionnaire?clinic=${encodeURIComponent(d.clinicSlug)}&token=${d.token}`;
  return {
    clinicId: d.clinicId,
    to: d.clientEmail,
    subject: `Before your visit on ${formatWhen(d.startsAt.getTime(), d.timeZone)}: how are you doing?`,
    ...renderEmail({
      greeting: d.clientName,
      paragraphs: [
        `Before your visit on ${formatWhen(d.startsAt.getTime(), d.timeZone)}, please answer a few short questions about how you are doing. It takes about ${d.minutes} minute${d.minutes === 1 ? '' : 's'}.`,
        'Your answers help you and your practitioner see how the treatment is going. Only you and the practitioners who treat you can see them.',
      ],
      action: { label: 'Answer the questions', url },
      footer: d.clinicName,
    }),
  };
}

/** Staff ask a measure before a booking now (outside the schedule), e-mailing the link. */
export async function askNow(ctx: AppContext, actor: Actor, bookingId: string, measureKey: string) {
  return ctx.database.transaction(async (tx) => {
    if (!(await clinicMeasure(tx, actor.clinicId, measureKey))) throw badRequest('Please choose one of the measures offered.', [{ field: 'measureKey', message: 'Not a measure your clinic offers' }]);
    const [b] = await tx.select().from(bookings).where(and(eq(bookings.clinicId, actor.clinicId), eq(bookings.id, bookingId), eq(bookings.kind, 'appointment')));
    if (!b || !b.clientId) throw notFound('The booking');
    await staffAccess(tx, actor, b.clientId);
    if (!(SESSION_STATUSES as readonly string[]).includes(b.status)) throw conflict('booking-not-active', 'This booking is not an active session.');
    const position = await sessionPosition(tx, b);
    const schedule = (await measuresOf(tx, actor.clinicId, b.serviceId!)).find((m) => m.measureKey === measureKey);
    const timing = (schedule && questionnaireTiming(schedule, position)) ?? (position.sessionNumber === 1 ? 'baseline' : 'extra');
    const created = await askForSession(tx, ctx.config, { booking: b, measures: [{ measureKey, timing }], sessionNumber: position.sessionNumber, createdBy: actor.userId, now: new Date() });
    if (!created.length) throw conflict('already-asked', 'This measure has already been asked for this session.');
    return { requestId: created[0]!.id, timing, sessionNumber: position.sessionNumber };
  });
}

// ---------------------------------------------------------------- answering

type RequestRow = typeof outcomeRequests.$inferSelect;

async function bookingFacts(q: Queryable, clinicId: string, bookingId: string) {
  const [row] = await q.select({ startsAt: bookings.startsAt, serviceName: services.name, serviceKind: services.kind, clinicName: clinics.name, timeZone: clinics.timeZone })
    .from(bookings).innerJoin(clinics, eq(clinics.id, bookings.clinicId))
    .innerJoin(services, and(eq(services.clinicId, bookings.clinicId), eq(services.id, bookings.serviceId)))
    .where(and(eq(bookings.clinicId, clinicId), eq(bookings.id, bookingId)));
  return row;
}

async function requestsOfBooking(q: Queryable, clinicId: string, bookingId: string, forUpdate = false) {
  const query = q.select().from(outcomeRequests)
    .where(and(eq(outcomeRequests.clinicId, clinicId), eq(outcomeRequests.bookingId, bookingId), inArray(outcomeRequests.status, ['pending', 'answered'])))
    .orderBy(asc(outcomeRequests.createdAt), asc(outcomeRequests.measureKey));
  return forUpdate ? query.for('update') : query;
}

async function setOut(q: Queryable, clinicId: string, bookingId: string, rows: RequestRow[]) {
  const facts = await bookingFacts(q, clinicId, bookingId);
  if (!facts) throw notFound('The questionnaire');
  return {
    clinicName: facts.clinicName, bookingId, sessionAt: facts.startsAt.toISOString(), serviceName: facts.serviceName, timeZone: facts.timeZone,
    today: todayIn(facts.timeZone),
    items: rows.map((r) => {
      const qn = r.questionnaire as unknown as Questionnaire;
      return { requestId: r.id, measureKey: r.measureKey, name: qn.name, minutes: qn.minutes, timing: r.timing, status: r.status, form: qn.form as unknown as Record<string, unknown>, anchors: qn.anchors };
    }),
  };
}

/** The booking an e-mail link opens, or 404 (unknown, expired or another clinic's link). */
async function bookingOfToken(q: Queryable, slug: string, token: string, now: Date) {
  const [row] = await q.select({ clinicId: outcomeRequests.clinicId, bookingId: outcomeRequests.bookingId, clientId: outcomeRequests.clientId })
    .from(outcomeRequests).innerJoin(clinics, eq(clinics.id, outcomeRequests.clinicId))
    .where(and(eq(clinics.slug, slug), eq(outcomeRequests.tokenHash, hashToken(token)), gt(outcomeRequests.tokenExpiresAt, now))).limit(1);
  if (!row) throw new AppError(404, 'not-found', 'Link not found', 'This link has expired or is not valid. Please sign in to answer your questions.');
  return row;
}

export async function getByToken(ctx: AppContext, requester: Requester, slug: string, token: string) {
  return ctx.database.transaction(async (tx) => {
    const b = await bookingOfToken(tx, slug, token, new Date());
    const rows = await requestsOfBooking(tx, b.clinicId, b.bookingId);
    await recordAudit(tx, requester, { action: 'outcome.questionnaire_view', entityType: 'booking', entityId: b.bookingId, clinicId: b.clinicId, details: { clientId: b.clientId, via: 'link', requests: rows.length } });
    return setOut(tx, b.clinicId, b.bookingId, rows);
  });
}

export async function answerByToken(ctx: AppContext, requester: Requester, slug: string, token: string, input: z.infer<typeof answersBody>) {
  return ctx.database.transaction(async (tx) => {
    const b = await bookingOfToken(tx, slug, token, new Date());
    return answer(tx, requester, b.clinicId, b.clientId, b.bookingId, input, { via: 'link', userId: null });
  });
}

function ownClientId(actor: Actor): string {
  if (actor.role !== 'client' || !actor.clientId) throw notFound('Your questionnaires');
  return actor.clientId;
}

/** The client's own booking, or 404 (another client's or another clinic's). */
async function ownBooking(q: Queryable, actor: Actor, bookingId: string) {
  const clientId = ownClientId(actor);
  const [b] = await q.select({ clientId: bookings.clientId }).from(bookings).where(and(eq(bookings.clinicId, actor.clinicId), eq(bookings.id, bookingId)));
  if (!b || b.clientId !== clientId) throw notOwnRecord(actor, 'booking', bookingId, 'The questionnaire');
  return clientId;
}

export async function getMineForBooking(ctx: AppContext, actor: Actor, bookingId: string) {
  return ctx.database.transaction(async (tx) => {
    const clientId = await ownBooking(tx, actor, bookingId);
    const rows = await requestsOfBooking(tx, actor.clinicId, bookingId);
    if (!rows.length) throw notFound('The questionnaire');
    await recordAudit(tx, actor, { action: 'outcome.questionnaire_view', entityType: 'booking', entityId: bookingId, details: { clientId, via: 'portal', requests: rows.length } });
    return setOut(tx, actor.clinicId, bookingId, rows);
  });
}

export async function answerMine(ctx: AppContext, actor: Actor, bookingId: string, input: z.infer<typeof answersBody>) {
  return ctx.database.transaction(async (tx) => {
    const clientId = await ownBooking(tx, actor, bookingId);
    return answer(tx, actor, actor.clinicId, clientId, bookingId, input, { via: 'portal', userId: actor.userId });
  });
}

/** The client's questionnaires still to answer (names and timing only; no answers, so no audit). */
export async function listMine(ctx: AppContext, actor: Actor) {
  const clientId = ownClientId(actor);
  const rows = await ctx.database.db.select({ r: outcomeRequests, startsAt: bookings.startsAt, serviceName: services.name }).from(outcomeRequests)
    .innerJoin(bookings, and(eq(bookings.clinicId, outcomeRequests.clinicId), eq(bookings.id, outcomeRequests.bookingId)))
    .innerJoin(services, and(eq(services.clinicId, outcomeRequests.clinicId), eq(services.id, outcomeRequests.serviceId)))
    .where(and(eq(outcomeRequests.clinicId, actor.clinicId), eq(outcomeRequests.clientId, clientId), eq(outcomeRequests.status, 'pending'),
      gt(outcomeRequests.tokenExpiresAt, new Date()), inArray(bookings.status, SESSION_STATUSES)))
    .orderBy(asc(bookings.startsAt));
  const byBooking = new Map<string, { bookingId: string; sessionAt: string; serviceName: string; measures: string[]; minutes: number }>();
  for (const { r, startsAt, serviceName } of rows) {
    const entry = byBooking.get(r.bookingId) ?? { bookingId: r.bookingId, sessionAt: startsAt.toISOString(), serviceName, measures: [], minutes: 0 };
    const qn = r.questionnaire as unknown as Questionnaire;
    entry.measures.push(qn.name);
    entry.minutes += qn.minutes;
    byBooking.set(r.bookingId, entry);
  }
  return { timeZone: actor.timeZone, pending: [...byBooking.values()] };
}

/**
 * Validates every pending questionnaire of the session with the form engine (the same
 * schema the page uses), scores it and stores answers and scores, all or nothing.
 */
async function answer(tx: Tx, who: Actor | Requester, clinicId: string, clientId: string, bookingId: string, input: z.infer<typeof answersBody>, how: { via: 'link' | 'portal'; userId: string | null }) {
  const rows = await requestsOfBooking(tx, clinicId, bookingId, true);
  const facts = await bookingFacts(tx, clinicId, bookingId);
  if (!rows.length || !facts) throw notFound('The questionnaire');
  const pending = rows.filter((r) => r.status === 'pending');
  if (!pending.length) throw conflict('already-answered', 'These questions have already been answered. Thank you.');
  const errors: { field: string; message: string }[] = [];
  for (const key of Object.keys(input.answers)) {
    if (!pending.some((r) => r.measureKey === key)) errors.push({ field: key, message: rows.some((r) => r.measureKey === key) ? 'Already answered' : 'Not asked for this visit' });
  }
  const today = todayIn(facts.timeZone);
  const results: { row: RequestRow; answers: Answers; scores: Record<string, number | null> }[] = [];
  for (const row of pending) {
    const qn = row.questionnaire as unknown as Questionnaire;
    const parsed = answersSchemaFor(qn.form as FormDefinition, { categories: [facts.serviceKind as TreatmentCategory], today }).safeParse(input.answers[row.measureKey] ?? {});
    if (!parsed.success) {
      errors.push(...fieldErrors(parsed.error).map((e) => ({ field: `${row.measureKey}.${e.field}`, message: e.message })));
      continue;
    }
    results.push({ row, answers: parsed.data, scores: Object.fromEntries(qn.scores.map((s) => [s.id, applyRule(s.rule, parsed.data)])) });
  }
  if (errors.length) throw badRequest(errors.length === 1 ? 'Please check the highlighted answer.' : `Please check the ${errors.length} highlighted answers.`, errors);
  const now = new Date();
  for (const { row, answers, scores } of results) {
    await tx.update(outcomeRequests).set({ status: 'answered', answers: answers as Record<string, unknown>, scores, answeredAt: now, answeredBy: how.userId })
      .where(and(eq(outcomeRequests.clinicId, clinicId), eq(outcomeRequests.id, row.id)));
    await recordAudit(tx, who, { action: 'outcome.answered', entityType: 'outcome_request', entityId: row.id, clinicId, details: { clientId, bookingId, measureKey: row.measureKey, via: how.via } });
  }
  return { answered: results.length, scores: Object.fromEntries(results.map((r) => [r.row.measureKey, r.scores])) };
}

// ---------------------------------------------------------------- progress

/**
 * Staff who may read a client's scores: the owner and the practitioners who treat the
 * client. A client not in the clinic, or one a practitioner does not treat: 404; reception: 403.
 */
export async function staffAccess(q: Queryable, actor: Actor, clientId: string) {
  const [client] = await q.select({ id: clients.id }).from(clients).where(and(eq(clients.clinicId, actor.clinicId), eq(clients.id, clientId)));
  if (!client) throw notFound('The client');
  const team = await q.select({ p: careTeam.practitionerId }).from(careTeam).where(and(eq(careTeam.clinicId, actor.clinicId), eq(careTeam.clientId, clientId)));
  const ref = { id: clientId, careTeam: team.map((t) => t.p) };
  if (!canSeeClientContact(actor, ref)) throw notOwnRecord(actor, 'client', clientId, 'The client');
  if (!canSeeClinicalRecord(actor, ref)) throw refused(actor, 'Reception cannot see questionnaire answers or scores.', { entityType: 'client', entityId: clientId });
}

async function progressOf(q: Queryable, clinicId: string, clientId: string) {
  const [clinic] = await q.select({ timeZone: clinics.timeZone }).from(clinics).where(eq(clinics.id, clinicId));
  const rows = await q.select({ r: outcomeRequests, startsAt: bookings.startsAt }).from(outcomeRequests)
    .innerJoin(bookings, and(eq(bookings.clinicId, outcomeRequests.clinicId), eq(bookings.id, outcomeRequests.bookingId)))
    .where(and(eq(outcomeRequests.clinicId, clinicId), eq(outcomeRequests.clientId, clientId), eq(outcomeRequests.status, 'answered'), isNotNull(outcomeRequests.scores)))
    .orderBy(asc(bookings.startsAt), asc(outcomeRequests.answeredAt));
  const keys = [...new Set(rows.map((x) => x.r.measureKey))];
  return {
    clientId,
    timeZone: clinic?.timeZone ?? 'UTC',
    measures: keys.map((key) => {
      const mine = rows.filter((x) => x.r.measureKey === key);
      const latestQn = mine[mine.length - 1]!.r.questionnaire as unknown as Questionnaire;
      const measure = BUILT_IN_MEASURES[key];
      return {
        measureKey: key, name: latestQn.name, shortName: measure?.shortName ?? latestQn.name,
        scores: latestQn.scores.map((s) => {
          const points = mine.filter((x) => typeof x.r.scores?.[s.id] === 'number').map((x) => ({
            requestId: x.r.id, bookingId: x.r.bookingId, sessionAt: x.startsAt.toISOString(), answeredAt: x.r.answeredAt!.toISOString(),
            sessionNumber: x.r.sessionNumber, timing: x.r.timing, value: x.r.scores![s.id] as number,
          }));
          const baseline = points[0]?.value ?? null;
          const latest = points.length > 1 ? points[points.length - 1]!.value : null;
          return { ...scoreInfo(s), points, baseline, latest, change: baseline !== null && latest !== null ? changeFromBaseline(s, baseline, latest) : null };
        }),
      };
    }),
  };
}

export async function myProgress(ctx: AppContext, actor: Actor) {
  const clientId = ownClientId(actor);
  return ctx.database.transaction(async (tx) => {
    const out = await progressOf(tx, actor.clinicId, clientId);
    await recordAudit(tx, actor, { action: 'outcome.view', entityType: 'client', entityId: clientId, details: { clientId, self: true, measures: out.measures.length } });
    return out;
  });
}

export async function clientProgress(ctx: AppContext, actor: Actor, clientId: string) {
  return ctx.database.transaction(async (tx) => {
    await staffAccess(tx, actor, clientId);
    const out = await progressOf(tx, actor.clinicId, clientId);
    await recordAudit(tx, actor, { action: 'outcome.view', entityType: 'client', entityId: clientId, details: { clientId, self: false, measures: out.measures.length } });
    return out;
  });
}

export type { MeasureSchedule };
