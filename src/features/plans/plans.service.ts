import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { bookings, careTeam, clients, clinics, consultationRecords, formResponses, servicePractitioners, services, treatmentPlans, users } from '../../data/schema/index.ts';
import type { Queryable } from '../../data/db.ts';
import type { AppContext } from '../../server/context.ts';
import { nowOf } from '../../server/context.ts';
import { AppError, notFound } from '../../server/errors.ts';
import { notOwnRecord, refused, type Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { canSeeClientContact, canSeeClinicalRecord } from '../../domain/access/access-rules.ts';
import { careProgress, courseProgress, coursePositions, nextPlanStatus, seriesEvery, type PlanAction, type PlanStatus } from '../../domain/plans/treatment-plan.ts';
import { CONSULTATION_FIELDS, prefillFromAnswers, type ChoiceLabels } from '../../domain/plans/consultation.ts';
import { DEFAULT_INTAKE_FORM } from '../../domain/intake/default-intake-form.ts';
import { categoriesOf, INTAKE_FORM_KEY } from '../intake/intake.repository.ts';
import { screenClient } from '../screening/screening.service.ts';
import { todayIn } from '../scheduling/clinic-time.ts';
import { bookCourse, proposeCourse } from '../series/series.service.ts';
import type { bookPlanBody, plan, consultationBody, planBody, planPatch, planProposalBody } from './plans.schema.ts';

type PlanRow = typeof treatmentPlans.$inferSelect;

// ── Access ────────────────────────────────────────────────────────────────────────────

/** The client, with their care team; another clinic's (or no) client is 404. */
async function clientRef(q: Queryable, actor: Actor, clientId: string) {
  const [c] = await q.select({ id: clients.id, name: clients.name }).from(clients).where(and(eq(clients.clinicId, actor.clinicId), eq(clients.id, clientId)));
  if (!c) throw notFound('The client');
  const team = await q.select({ p: careTeam.practitionerId }).from(careTeam).where(and(eq(careTeam.clinicId, actor.clinicId), eq(careTeam.clientId, clientId)));
  return { id: c.id, name: c.name, careTeam: team.map((t) => t.p) };
}

/**
 * Plans (the schedule and progress, the price): the client themself, reception and the
 * owner, and practitioners who treat the client. Anyone else: 404, audited.
 */
async function assertSeesPlans(q: Queryable, actor: Actor, clientId: string, entity: { type: string; id: string }) {
  const c = await clientRef(q, actor, clientId);
  if (!canSeeClientContact(actor, c)) throw notOwnRecord(actor, entity.type, entity.id, entity.type === 'client' ? 'The client' : 'The plan');
  return c;
}

/** Writing plans and the consultation record: the owner and the client's practitioners only (reception and clients: 404). */
async function assertClinical(q: Queryable, actor: Actor, clientId: string, entity: { type: string; id: string }) {
  const c = await clientRef(q, actor, clientId);
  if (actor.role === 'client' || !canSeeClinicalRecord(actor, c)) throw notOwnRecord(actor, entity.type, entity.id, entity.type === 'client' ? 'The client' : 'The plan');
  return c;
}

// ── Reading plans ─────────────────────────────────────────────────────────────────────

async function planRows(q: Queryable, clinicId: string, where: ReturnType<typeof and>) {
  return q.select({
    p: treatmentPlans, serviceName: services.name, durationMin: services.durationMin, practitionerName: users.name, clientName: clients.name,
  }).from(treatmentPlans)
    .innerJoin(services, and(eq(services.clinicId, treatmentPlans.clinicId), eq(services.id, treatmentPlans.serviceId)))
    .innerJoin(clients, and(eq(clients.clinicId, treatmentPlans.clinicId), eq(clients.id, treatmentPlans.clientId)))
    .leftJoin(users, eq(users.id, treatmentPlans.practitionerId))
    .where(and(eq(treatmentPlans.clinicId, clinicId), where))
    .orderBy(desc(treatmentPlans.createdAt));
}

/** The plans with their schedule and progress, derived from the bookings of their series. */
async function views(ctx: AppContext, clinicId: string, rows: Awaited<ReturnType<typeof planRows>>) {
  const seriesIds = rows.map((r) => r.p.seriesId).filter((s): s is string => s !== null);
  const sessions = seriesIds.length === 0 ? [] : await ctx.database.db
    .select({ id: bookings.id, seriesId: bookings.seriesId, startsAt: bookings.startsAt, endsAt: bookings.endsAt, status: bookings.status })
    .from(bookings).where(and(eq(bookings.clinicId, clinicId), inArray(bookings.seriesId, seriesIds))).orderBy(asc(bookings.startsAt));
  // The clients' other bookings, for the care beside and after each booked course (counted apart).
  const booked = rows.filter((r) => r.p.seriesId !== null);
  const careServices = [...new Set(booked.flatMap((r) => [r.p.serviceId, ...r.p.complementary.flatMap((c) => (c.serviceId ? [c.serviceId] : []))]))];
  const careBookings = booked.length === 0 ? [] : await ctx.database.db
    .select({ id: bookings.id, clientId: bookings.clientId, serviceId: bookings.serviceId, seriesId: bookings.seriesId, startsAt: bookings.startsAt, endsAt: bookings.endsAt, status: bookings.status })
    .from(bookings).where(and(eq(bookings.clinicId, clinicId), inArray(bookings.clientId, [...new Set(booked.map((r) => r.p.clientId))]), inArray(bookings.serviceId, careServices)));
  const now = nowOf(ctx);
  return rows.map((r) => {
    const own = sessions.filter((s) => s.seriesId !== null && s.seriesId === r.p.seriesId && s.status !== 'expired')
      .map((s) => ({ id: s.id, start: s.startsAt.getTime(), end: s.endsAt.getTime(), status: s.status }));
    const positions = coursePositions(own);
    const progress = r.p.seriesId ? courseProgress(own, r.p.sessions, now) : null;
    const care = careProgress(r.p, own.filter((s) => positions.has(s.id)),
      careBookings.filter((b) => b.clientId === r.p.clientId).map((b) => ({ id: b.id, serviceId: b.serviceId, seriesId: b.seriesId, start: b.startsAt.getTime(), end: b.endsAt.getTime(), status: b.status })), now);
    return toView(r, {
      progress: progress && {
        ...progress, next: progress.next && { ...progress.next, start: new Date(progress.next.start).toISOString() },
        care: care.map((c) => ({ ...c, next: c.next === null ? null : new Date(c.next).toISOString() })),
      },
      schedule: own.map((s) => ({ bookingId: s.id, start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString(), status: s.status, position: positions.get(s.id) ?? null })),
    });
  });
}

function toView(r: Awaited<ReturnType<typeof planRows>>[number], derived: { progress: unknown; schedule: unknown[] }) {
  const p = r.p;
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: p.id, clientId: p.clientId, clientName: r.clientName, title: p.title, status: p.status as PlanStatus,
    service: { id: p.serviceId, name: r.serviceName, durationMin: r.durationMin },
    practitioner: { id: p.practitionerId, name: r.practitionerName ?? 'A former practitioner' },
    sessions: p.sessions, intervalDays: p.intervalDays, firstDate: p.firstDate, time: p.preferredTime,
    complementary: p.complementary, maintenance: p.maintenance, priceMinor: p.priceMinor, currency: p.currency, explanation: p.explanation,
    seriesId: p.seriesId, createdAt: p.createdAt.toISOString(), acceptedAt: iso(p.acceptedAt), bookedAt: iso(p.bookedAt),
    ...derived,
  } as z.infer<typeof plan>;
}

async function onePlan(ctx: AppContext, actor: Actor, planId: string) {
  const rows = await planRows(ctx.database.db, actor.clinicId, eq(treatmentPlans.id, planId));
  if (rows.length === 0) throw notFound('The plan');
  return rows[0]!;
}

/** A client's plans, newest first (staff: reception, the owner, the client's practitioners). Audited `plan.view`. */
export async function listClientPlans(ctx: AppContext, actor: Actor, clientId: string) {
  await assertSeesPlans(ctx.database.db, actor, clientId, { type: 'client', id: clientId });
  const rows = await planRows(ctx.database.db, actor.clinicId, eq(treatmentPlans.clientId, clientId));
  await recordAudit(ctx.database.db, actor, { action: 'plan.view', entityType: 'treatment_plan', entityId: null, details: { clientId, plans: rows.length } });
  return { timeZone: actor.timeZone, items: await views(ctx, actor.clinicId, rows) };
}

/** The signed-in client's own plans, withdrawn ones left out. */
export async function listMyPlans(ctx: AppContext, actor: Actor) {
  if (!actor.clientId) return { timeZone: actor.timeZone, items: [] };
  const rows = (await planRows(ctx.database.db, actor.clinicId, eq(treatmentPlans.clientId, actor.clientId))).filter((r) => r.p.status !== 'withdrawn');
  if (rows.length > 0) await recordAudit(ctx.database.db, actor, { action: 'plan.view', entityType: 'treatment_plan', entityId: null, details: { clientId: actor.clientId, plans: rows.length } });
  return { timeZone: actor.timeZone, items: await views(ctx, actor.clinicId, rows) };
}

export async function getPlan(ctx: AppContext, actor: Actor, planId: string) {
  const row = await onePlan(ctx, actor, planId);
  await assertSeesPlans(ctx.database.db, actor, row.p.clientId, { type: 'treatment_plan', id: planId });
  if (actor.role === 'client' && row.p.status === 'withdrawn') throw notFound('The plan');
  await recordAudit(ctx.database.db, actor, { action: 'plan.view', entityType: 'treatment_plan', entityId: planId, details: { clientId: row.p.clientId } });
  return (await views(ctx, actor.clinicId, [row]))[0]!;
}

// ── Writing plans ─────────────────────────────────────────────────────────────────────

const invalid = (field: string, message: string, title = 'Check the plan') =>
  new AppError(422, 'invalid-plan', title, message, { errors: [{ field, message }] });

/** The service exists at the clinic and the practitioner gives it; the interval is one the course booking can follow. */
async function checkCourse(q: Queryable, clinicId: string, v: { serviceId: string; practitionerId: string; intervalDays: number }) {
  const [svc] = await q.select({ id: services.id, name: services.name }).from(services).where(and(eq(services.clinicId, clinicId), eq(services.id, v.serviceId)));
  if (!svc) throw invalid('serviceId', 'There is no such service at this clinic.');
  const [gives] = await q.select({ p: servicePractitioners.practitionerId }).from(servicePractitioners)
    .where(and(eq(servicePractitioners.clinicId, clinicId), eq(servicePractitioners.serviceId, v.serviceId), eq(servicePractitioners.practitionerId, v.practitionerId)));
  if (!gives) throw invalid('practitionerId', 'This practitioner does not give that service.');
  if (v.intervalDays > 12 && v.intervalDays % 7 !== 0) throw invalid('intervalDays', 'Use up to 12 days, or whole weeks.');
  return svc;
}

/** Complementary care named by a service must name one of this clinic's (so the client can book it from the plan). */
async function checkComplementary(q: Queryable, clinicId: string, care: readonly { serviceId: string | null }[] | undefined) {
  for (const [i, c] of (care ?? []).entries()) {
    if (!c.serviceId) continue;
    const [svc] = await q.select({ id: services.id }).from(services).where(and(eq(services.clinicId, clinicId), eq(services.id, c.serviceId)));
    if (!svc) throw invalid(`complementary.${i}.serviceId`, 'There is no such service at this clinic.');
  }
}

/** A practitioner of the client, or the owner, proposes a plan. Audited `plan.create`. */
export async function createPlan(ctx: AppContext, actor: Actor, clientId: string, body: z.infer<typeof planBody>) {
  return ctx.database.transaction(async (tx) => {
    await assertClinical(tx, actor, clientId, { type: 'client', id: clientId });
    const svc = await checkCourse(tx, actor.clinicId, body);
    await checkComplementary(tx, actor.clinicId, body.complementary);
    const [clinic] = await tx.select({ currency: clinics.currency }).from(clinics).where(eq(clinics.id, actor.clinicId));
    const [row] = await tx.insert(treatmentPlans).values({
      clinicId: actor.clinicId, clientId, practitionerId: body.practitionerId, serviceId: body.serviceId,
      title: body.title ?? `${svc.name}: a course of ${body.sessions}`, sessions: body.sessions, intervalDays: body.intervalDays,
      firstDate: body.firstDate, preferredTime: body.time, complementary: body.complementary, maintenance: body.maintenance,
      priceMinor: body.priceMinor, currency: clinic!.currency, explanation: body.explanation, createdBy: actor.userId,
    }).returning({ id: treatmentPlans.id });
    await recordAudit(tx, actor, {
      action: 'plan.create', entityType: 'treatment_plan', entityId: row!.id,
      details: { clientId, serviceId: body.serviceId, practitionerId: body.practitionerId, sessions: body.sessions },
    });
    return row!.id;
  }).then((id) => getPlanQuiet(ctx, actor, id));
}

async function getPlanQuiet(ctx: AppContext, actor: Actor, planId: string) {
  return (await views(ctx, actor.clinicId, [await onePlan(ctx, actor, planId)]))[0]!;
}

const statusConflict = (reason: string) => new AppError(409, 'plan-status', 'The plan cannot change now', reason);

/** Changes a proposed plan (the practitioner of the client, or the owner). Audited `plan.update` with the fields changed. */
export async function updatePlan(ctx: AppContext, actor: Actor, planId: string, patch: z.infer<typeof planPatch>) {
  const row = await onePlan(ctx, actor, planId);
  await assertClinical(ctx.database.db, actor, row.p.clientId, { type: 'treatment_plan', id: planId });
  const move = nextPlanStatus(row.p.status as PlanStatus, 'edit', 'staff');
  if (!move.ok) throw statusConflict(move.reason);
  const merged = { serviceId: patch.serviceId ?? row.p.serviceId, practitionerId: patch.practitionerId ?? row.p.practitionerId, intervalDays: patch.intervalDays ?? row.p.intervalDays };
  await checkCourse(ctx.database.db, actor.clinicId, merged);
  await checkComplementary(ctx.database.db, actor.clinicId, patch.complementary);
  const fields = Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined);
  await ctx.database.transaction(async (tx) => {
    const updated = await tx.update(treatmentPlans).set({
      ...merged,
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.sessions !== undefined ? { sessions: patch.sessions } : {}),
      ...(patch.firstDate !== undefined ? { firstDate: patch.firstDate } : {}),
      ...(patch.time !== undefined ? { preferredTime: patch.time } : {}),
      ...(patch.complementary !== undefined ? { complementary: patch.complementary } : {}),
      ...(patch.maintenance !== undefined ? { maintenance: patch.maintenance } : {}),
      ...(patch.priceMinor !== undefined ? { priceMinor: patch.priceMinor } : {}),
      ...(patch.explanation !== undefined ? { explanation: patch.explanation } : {}),
      updatedAt: new Date(),
    }).where(and(eq(treatmentPlans.clinicId, actor.clinicId), eq(treatmentPlans.id, planId), eq(treatmentPlans.status, 'proposed'))).returning({ id: treatmentPlans.id });
    if (updated.length === 0) throw statusConflict('The plan changed meanwhile; reload it.');
    await recordAudit(tx, actor, { action: 'plan.update', entityType: 'treatment_plan', entityId: planId, details: { clientId: row.p.clientId, fields } });
  });
  return getPlanQuiet(ctx, actor, planId);
}

/** Moves the status, only from the status it was read in (a concurrent change is a 409). */
async function moveStatus(tx: Queryable, actor: Actor, row: PlanRow, action: PlanAction, set: Partial<typeof treatmentPlans.$inferInsert> = {}) {
  const move = nextPlanStatus(row.status as PlanStatus, action, actor.role === 'client' ? 'client' : 'staff');
  if (!move.ok) throw statusConflict(move.reason);
  const updated = await tx.update(treatmentPlans).set({ status: move.status, updatedAt: new Date(), ...set })
    .where(and(eq(treatmentPlans.clinicId, actor.clinicId), eq(treatmentPlans.id, row.id), eq(treatmentPlans.status, row.status))).returning({ id: treatmentPlans.id });
  if (updated.length === 0) throw statusConflict('The plan changed meanwhile; reload it.');
  await recordAudit(tx, actor, { action: `plan.${action}`, entityType: 'treatment_plan', entityId: row.id, details: { clientId: row.clientId, from: row.status, to: move.status } });
}

/** Staff complete a course in progress or withdraw a plan. */
export async function setPlanStatus(ctx: AppContext, actor: Actor, planId: string, action: 'complete' | 'withdraw') {
  const row = await onePlan(ctx, actor, planId);
  await assertClinical(ctx.database.db, actor, row.p.clientId, { type: 'treatment_plan', id: planId });
  await ctx.database.transaction((tx) => moveStatus(tx, actor, row.p, action, { closedAt: new Date() }));
  return getPlanQuiet(ctx, actor, planId);
}

/** The client accepts their proposed plan. */
export async function acceptPlan(ctx: AppContext, actor: Actor, planId: string) {
  const row = await onePlan(ctx, actor, planId);
  if (actor.role !== 'client' || actor.clientId !== row.p.clientId) {
    if (actor.clientId !== row.p.clientId && actor.role === 'client') throw notOwnRecord(actor, 'treatment_plan', planId, 'The plan');
    throw refused(actor, 'Only the client accepts their plan.', { entityType: 'treatment_plan', entityId: planId });
  }
  await ctx.database.transaction((tx) => moveStatus(tx, actor, row.p, 'accept', { acceptedAt: new Date() }));
  return getPlanQuiet(ctx, actor, planId);
}

/** Who books the course: the client themself, or staff for the client. */
async function bookingSide(ctx: AppContext, actor: Actor, row: PlanRow) {
  if (actor.role === 'client') {
    if (actor.clientId !== row.clientId) throw notOwnRecord(actor, 'treatment_plan', row.id, 'The plan');
    return { clientId: undefined };
  }
  await assertSeesPlans(ctx.database.db, actor, row.clientId, { type: 'treatment_plan', id: row.id });
  return { clientId: row.clientId };
}

/** The proposed dates of the plan's course (with alternatives for clashes); nothing is booked. */
export async function proposePlanDates(ctx: AppContext, actor: Actor, planId: string, body: z.infer<typeof planProposalBody>) {
  const row = await onePlan(ctx, actor, planId);
  const side = await bookingSide(ctx, actor, row.p);
  const p = row.p;
  return proposeCourse(ctx, actor, actor.clinicSlug, {
    serviceId: p.serviceId, practitionerId: p.practitionerId, ...side, count: p.sessions, every: seriesEvery(p.intervalDays),
    firstDate: body.firstDate ?? (p.firstDate < todayIn(actor.timeZone, nowOf(ctx)) ? todayIn(actor.timeZone, nowOf(ctx)) : p.firstDate), time: body.time ?? p.preferredTime,
  });
}

/**
 * Books the whole course of a plan in one step through the series booking (all sessions
 * or none) and links the series to the plan, in the same transaction. The client may book
 * a proposed plan (booking accepts it); staff book once the client has accepted.
 */
export async function bookPlan(ctx: AppContext, actor: Actor, planId: string, body: z.infer<typeof bookPlanBody>) {
  const row = await onePlan(ctx, actor, planId);
  const side = await bookingSide(ctx, actor, row.p);
  const move = nextPlanStatus(row.p.status as PlanStatus, 'book', actor.role === 'client' ? 'client' : 'staff');
  if (!move.ok) throw statusConflict(move.reason);
  if (body.starts.length !== row.p.sessions) {
    throw new AppError(422, 'sessions-count', 'One start for each session', `The plan has ${row.p.sessions} sessions: choose a time for each.`, { errors: [{ field: 'starts', message: `Give ${row.p.sessions} starts` }] });
  }
  const booked = await bookCourse(ctx, actor, actor.clinicSlug, {
    serviceId: row.p.serviceId, practitionerId: row.p.practitionerId, ...side, starts: body.starts,
  }, async (tx, seriesId) => {
    const now = new Date();
    await moveStatus(tx, actor, row.p, 'book', { seriesId, bookedAt: now, acceptedAt: row.p.acceptedAt ?? now });
  });
  return { seriesId: booked.seriesId, plan: await getPlanQuiet(ctx, actor, planId) };
}

// ── Consultation record ───────────────────────────────────────────────────────────────

const choiceLabels = (questionId: string): ChoiceLabels => {
  for (const section of DEFAULT_INTAKE_FORM.sections) {
    for (const q of section.questions) {
      if (q.id === questionId && 'options' in q) return Object.fromEntries(q.options.map((o) => [o.value, o.label]));
    }
  }
  return {};
};
const LABELS = { skinConcerns: choiceLabels('skinConcerns'), kneeSince: choiceLabels('kneeSince') };

/**
 * The consultation record of a client (the owner and the client's practitioners; reception
 * 404): the saved record, or concerns and goals from the health answers until first saved;
 * the current screening findings with their decisions; the proposed plan. Audited `consultation.view`.
 */
export async function getConsultation(ctx: AppContext, actor: Actor, clientId: string) {
  const q = ctx.database.db;
  await assertClinical(q, actor, clientId, { type: 'consultation_record', id: clientId });
  const [record] = await q.select().from(consultationRecords).where(and(eq(consultationRecords.clinicId, actor.clinicId), eq(consultationRecords.clientId, clientId)));
  const [latest] = await q.select({ answers: formResponses.answers }).from(formResponses)
    .where(and(eq(formResponses.clinicId, actor.clinicId), eq(formResponses.clientId, clientId), eq(formResponses.formKey, INTAKE_FORM_KEY), eq(formResponses.status, 'submitted')))
    .orderBy(desc(formResponses.version)).limit(1);
  const fromAnswers = prefillFromAnswers(latest?.answers ?? null, LABELS);
  const today = todayIn(actor.timeZone, nowOf(ctx));
  const findings = [];
  if (latest) {
    for (const kind of await categoriesOf(q, actor.clinicId, clientId)) {
      const s = await screenClient(q, { id: actor.clinicId, timeZone: actor.timeZone }, clientId, kind, today);
      const decided = new Map(s.decisions.map((d) => [d.ruleId, d.decision]));
      for (const f of s.findings) {
        findings.push({ serviceKind: kind, ruleId: f.ruleId, title: f.title, level: f.level, practitionerMessage: f.practitionerMessage ?? null, decision: decided.get(f.ruleId) ?? null });
      }
    }
  }
  await recordAudit(q, actor, { action: 'consultation.view', entityType: 'consultation_record', entityId: clientId, details: { clientId, findings: findings.length } });
  return {
    clientId,
    concerns: record?.concerns ?? fromAnswers.concerns, goals: record?.goals ?? fromAnswers.goals,
    pattern: record?.pattern ?? '', tongue: record?.tongue ?? '', pulse: record?.pulse ?? '', skin: record?.skin ?? '',
    glogau: record?.glogau ?? '', foldLeft: record?.foldLeft ?? '', foldRight: record?.foldRight ?? '',
    planId: record?.planId ?? null, revision: record?.revision ?? 0, updatedAt: record?.updatedAt.toISOString() ?? null,
    fromAnswers, findings,
  };
}

/** Saves the consultation record; `revision` must be the one read (409 `stale-record` otherwise). Audited with the fields changed, never their text. */
export async function saveConsultation(ctx: AppContext, actor: Actor, clientId: string, body: z.infer<typeof consultationBody>) {
  await ctx.database.transaction(async (tx) => {
    await assertClinical(tx, actor, clientId, { type: 'consultation_record', id: clientId });
    if (body.planId) {
      const [p] = await tx.select({ id: treatmentPlans.id }).from(treatmentPlans)
        .where(and(eq(treatmentPlans.clinicId, actor.clinicId), eq(treatmentPlans.id, body.planId), eq(treatmentPlans.clientId, clientId)));
      if (!p) throw new AppError(422, 'unknown-plan', 'Unknown plan', 'That plan is not one of this client’s.', { errors: [{ field: 'planId', message: 'Not this client’s plan' }] });
    }
    const [current] = await tx.select().from(consultationRecords)
      .where(and(eq(consultationRecords.clinicId, actor.clinicId), eq(consultationRecords.clientId, clientId))).for('update');
    if ((current?.revision ?? 0) !== body.revision) {
      throw new AppError(409, 'stale-record', 'Changed meanwhile', 'Someone saved this consultation record after you opened it. Reload it to see their changes.');
    }
    const values: Record<string, string | null> = {};
    for (const f of CONSULTATION_FIELDS) if (body[f] !== undefined) values[f] = body[f]!;
    if (body.planId !== undefined) values.planId = body.planId;
    const changed = Object.keys(values).filter((k) => (current as Record<string, unknown> | undefined)?.[k] !== values[k]);
    if (current) {
      await tx.update(consultationRecords).set({ ...values, revision: current.revision + 1, updatedAt: new Date(), updatedBy: actor.userId })
        .where(and(eq(consultationRecords.clinicId, actor.clinicId), eq(consultationRecords.clientId, clientId)));
    } else {
      await tx.insert(consultationRecords).values({ clinicId: actor.clinicId, clientId, ...values, updatedBy: actor.userId });
    }
    await recordAudit(tx, actor, { action: 'consultation.update', entityType: 'consultation_record', entityId: clientId, details: { clientId, fields: changed, revision: (current?.revision ?? 0) + 1 } });
  });
  return getConsultationQuiet(ctx, actor, clientId);
}

async function getConsultationQuiet(ctx: AppContext, actor: Actor, clientId: string) {
  // The saved record is returned to its writer; the read is part of the write's audit row.
  const [record] = await ctx.database.db.select().from(consultationRecords).where(and(eq(consultationRecords.clinicId, actor.clinicId), eq(consultationRecords.clientId, clientId)));
  return { ...(await getConsultationBody(record!)), clientId };
}

const getConsultationBody = async (r: typeof consultationRecords.$inferSelect) => ({
  concerns: r.concerns, goals: r.goals, pattern: r.pattern, tongue: r.tongue, pulse: r.pulse, skin: r.skin,
  glogau: r.glogau, foldLeft: r.foldLeft, foldRight: r.foldRight, planId: r.planId, revision: r.revision,
  updatedAt: r.updatedAt.toISOString(), fromAnswers: { concerns: '', goals: '' }, findings: [],
});

// ── Course places for the diary ───────────────────────────────────────────────────────

/**
 * "4 of 10" for every booking of the given series: its place among the sessions that hold
 * one, out of the plan's sessions (or, for a course booked without a plan, the sessions
 * booked). Two queries for any number of series.
 */
export async function coursePlacesOf(q: Queryable, clinicId: string, seriesIds: readonly string[]): Promise<Map<string, { position: number; total: number }>> {
  const out = new Map<string, { position: number; total: number }>();
  if (seriesIds.length === 0) return out;
  const [rows, planned] = await Promise.all([
    q.select({ id: bookings.id, seriesId: bookings.seriesId, startsAt: bookings.startsAt, status: bookings.status }).from(bookings)
      .where(and(eq(bookings.clinicId, clinicId), inArray(bookings.seriesId, [...seriesIds]))),
    q.select({ seriesId: treatmentPlans.seriesId, sessions: treatmentPlans.sessions }).from(treatmentPlans)
      .where(and(eq(treatmentPlans.clinicId, clinicId), inArray(treatmentPlans.seriesId, [...seriesIds]))),
  ]);
  for (const seriesId of seriesIds) {
    const positions = coursePositions(rows.filter((r) => r.seriesId === seriesId).map((r) => ({ id: r.id, start: r.startsAt.getTime(), status: r.status })));
    const total = Math.max(planned.find((p) => p.seriesId === seriesId)?.sessions ?? 0, positions.size);
    for (const [id, position] of positions) out.set(id, { position, total });
  }
  return out;
}
