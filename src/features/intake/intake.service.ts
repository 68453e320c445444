/**
 * The health questionnaire (intake): the clinic's form, a client's answers saved as they
 * go and submitted as versions, the practitioner's view with what changed since the last
 * visit, reception's paper forms and answers entered for a client, and locking for a visit.
 *
 * Answers are health data: only the client, the practitioners who treat them and the
 * owner read them (reception sees the status), and every read and write is audited with
 * identifiers and flags only, never an answer.
 */
import { and, eq } from 'drizzle-orm';
import { careTeam, clients, formResponses, users } from '../../data/schema/index.ts';
import type { Queryable, Tx } from '../../data/db.ts';
import type { AppContext } from '../../server/context.ts';
import { AppError, badRequest, conflict, notFound } from '../../server/errors.ts';
import { notOwnRecord, refused, type Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { canSeeClientContact, canSeeClinicalRecord } from '../../domain/access/access-rules.ts';
import { answersSchemaFor, diffAnswers, fieldErrors, type Answers, type FormDefinition, type TreatmentCategory } from '../../domain/intake/index.ts';
import { addDays, startOfLocalDate, todayIn } from '../scheduling/clinic-time.ts';
import {
  categoriesOf, clientAppointment, currentForm, INTAKE_FORM_KEY, nextVersion, nextVisit, previousVisit, responsesOf, splitResponses, type ResponseRow,
} from './intake.repository.ts';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The status anyone on the staff may see (no answers). */
function statusOf(clientId: string, rows: readonly ResponseRow[], now: Date) {
  const { draft, latest } = splitResponses(rows);
  const lockedUntil = latest?.lockedUntil && latest.lockedUntil > now ? latest.lockedUntil : null;
  return {
    clientId,
    status: latest ? 'complete' as const : draft ? 'draft' as const : 'missing' as const,
    version: latest?.version ?? null,
    submittedAt: iso(latest?.submittedAt),
    source: latest?.source ?? null,
    updateInProgress: Boolean(latest && draft && draft.version > latest.version && Object.keys(draft.answers).length > 0),
    draftSavedAt: draft && Object.keys(draft.answers).length > 0 ? draft.updatedAt.toISOString() : null,
    paperReceivedAt: iso(draft?.paperReceivedAt ?? latest?.paperReceivedAt),
    lockedUntil: iso(lockedUntil),
    lockedForBookingId: lockedUntil ? latest!.lockedForBookingId : null,
  };
}

interface FormContext {
  version: number;
  form: FormDefinition;
  categories: TreatmentCategory[];
  today: string;
}

async function formContext(q: Queryable, actor: Actor, clientId: string): Promise<FormContext> {
  const { version, form, created } = await currentForm(q, actor.clinicId, actor.userId);
  if (created) await recordAudit(q, actor, { action: 'intake.form_created', entityType: 'form', entityId: null, details: { formKey: INTAKE_FORM_KEY, version } });
  return { version, form, categories: await categoriesOf(q, actor.clinicId, clientId), today: todayIn(actor.timeZone) };
}

const formOut = (c: FormContext) => ({ formVersion: c.version, definition: c.form as unknown as Record<string, unknown>, categories: c.categories, today: c.today });

/** Validates answers with the one schema the browser uses; refuses with a message per answer. */
function validate(c: FormContext, input: Record<string, unknown>, partial: boolean): Answers {
  const result = answersSchemaFor(c.form, { categories: c.categories, today: c.today }, { partial }).safeParse(input);
  if (!result.success) {
    const errors = fieldErrors(result.error);
    throw badRequest(errors.length === 1 ? 'Please check the highlighted answer.' : `Please check the ${errors.length} highlighted answers.`, errors);
  }
  return result.data;
}

function refuseIfLocked(rows: readonly ResponseRow[], now: Date) {
  const { latest } = splitResponses(rows);
  if (latest?.lockedUntil && latest.lockedUntil > now) {
    throw new AppError(409, 'form-locked', 'Answers locked for your visit',
      'Your practitioner has these answers in front of them for your visit today, so they cannot be changed until the end of the day. Please tell your practitioner about anything new.',
      { lockedUntil: latest.lockedUntil.toISOString() });
  }
}

/**
 * The clinic's current form with the categories asked of a client: the client's own, or
 * (for staff entering answers for a client) that client's. The form is not health data.
 */
export async function getForm(ctx: AppContext, actor: Actor, forClientId: string | undefined) {
  return ctx.database.transaction(async (tx) => {
    let clientId: string;
    if (actor.role === 'client') clientId = ownClientId(actor);
    else if (forClientId) {
      await staffAccess(tx, actor, forClientId, false);
      clientId = forClientId;
    } else throw badRequest('Say which client the form is for.', [{ field: 'clientId', message: 'Required for staff' }]);
    return formOut(await formContext(tx, actor, clientId));
  });
}

function ownClientId(actor: Actor): string {
  if (actor.role !== 'client' || !actor.clientId) throw notFound('Your health questions');
  return actor.clientId;
}

/** Whether the client's own questions are complete (for the portal's reminder card; no answers, so no audit). */
export async function getMyStatus(ctx: AppContext, actor: Actor) {
  const clientId = ownClientId(actor);
  return statusOf(clientId, await responsesOf(ctx.database.db, actor.clinicId, clientId), new Date());
}

/** The client's own answers: the draft to carry on from, or the latest submitted ones. Audited. */
export async function getMine(ctx: AppContext, actor: Actor) {
  const clientId = ownClientId(actor);
  return ctx.database.transaction(async (tx) => {
    const c = await formContext(tx, actor, clientId);
    const rows = await responsesOf(tx, actor.clinicId, clientId);
    const { draft, latest } = splitResponses(rows);
    const current = draft && Object.keys(draft.answers).length > 0 ? draft : latest;
    await recordAudit(tx, actor, { action: 'intake.read', entityType: 'client', entityId: clientId, details: { version: current?.version ?? null, self: true } });
    return { ...statusOf(clientId, rows, new Date()), answers: current?.answers ?? {}, form: formOut(c) };
  });
}

/**
 * Saves the client's answers as they go: the patch (null clears an answer) is merged into
 * the draft, started from the latest submitted answers, and the merged draft is checked
 * with the partial schema (types, dates, unknown ids; not required answers).
 */
export async function saveDraft(ctx: AppContext, actor: Actor, patch: Record<string, unknown>) {
  const clientId = ownClientId(actor);
  const now = new Date();
  return ctx.database.transaction(async (tx) => {
    const c = await formContext(tx, actor, clientId);
    const rows = await responsesOf(tx, actor.clinicId, clientId, true);
    refuseIfLocked(rows, now);
    const { draft, latest } = splitResponses(rows);
    const base = draft && Object.keys(draft.answers).length > 0 ? draft.answers : (latest?.answers ?? {});
    const merged: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete merged[k];
      else merged[k] = v;
    }
    // Only the patch's own problems are the client's to fix now; an old answer still valid stays.
    const answers = validate(c, merged, true);
    const id = await writeDraft(tx, actor, clientId, rows, c.version, answers, now);
    await recordAudit(tx, actor, { action: 'intake.draft_saved', entityType: 'form_response', entityId: id, details: { clientId, questions: Object.keys(patch).length } });
    return statusOf(clientId, await responsesOf(tx, actor.clinicId, clientId), now);
  });
}

async function writeDraft(tx: Tx, actor: Actor, clientId: string, rows: readonly ResponseRow[], formVersion: number, answers: Answers, now: Date): Promise<string> {
  const { draft } = splitResponses(rows);
  if (draft) {
    await tx.update(formResponses).set({ answers: answers as Record<string, unknown>, formVersion, updatedAt: now, enteredBy: actor.userId })
      .where(and(eq(formResponses.clinicId, actor.clinicId), eq(formResponses.id, draft.id)));
    return draft.id;
  }
  const [row] = await tx.insert(formResponses).values({
    clinicId: actor.clinicId, clientId, formKey: INTAKE_FORM_KEY, formVersion, version: nextVersion(rows), status: 'draft',
    answers: answers as Record<string, unknown>, source: 'client', enteredBy: actor.userId, createdAt: now, updatedAt: now,
  }).returning({ id: formResponses.id });
  return row!.id;
}

/**
 * Submits a complete set of answers as a new version (the draft becomes it, or a new row):
 * earlier versions are never changed. Refused whole, with a message per answer, if any
 * answer is wrong or a required one is missing.
 */
async function submit(tx: Tx, actor: Actor, clientId: string, input: Record<string, unknown>, onBehalf: boolean) {
  const now = new Date();
  const c = await formContext(tx, actor, clientId);
  const rows = await responsesOf(tx, actor.clinicId, clientId, true);
  refuseIfLocked(rows, now);
  const answers = validate(c, input, false) as Record<string, unknown>;
  const { draft } = splitResponses(rows);
  const source = !onBehalf ? 'client' as const : draft?.paperReceivedAt ? 'paper' as const : 'staff' as const;
  const values = {
    status: 'submitted' as const, answers, formVersion: c.version, source, enteredBy: actor.userId,
    enteredByStaff: onBehalf ? actor.userId : null, updatedAt: now, submittedAt: now,
  };
  let id: string;
  let version: number;
  if (draft) {
    await tx.update(formResponses).set(values).where(and(eq(formResponses.clinicId, actor.clinicId), eq(formResponses.id, draft.id)));
    ({ id, version } = draft);
  } else {
    version = nextVersion(rows);
    const [row] = await tx.insert(formResponses).values({ ...values, clinicId: actor.clinicId, clientId, formKey: INTAKE_FORM_KEY, version, createdAt: now })
      .returning({ id: formResponses.id });
    id = row!.id;
  }
  await recordAudit(tx, actor, { action: 'intake.submitted', entityType: 'form_response', entityId: id, details: { clientId, version, source, onBehalf } });
  return statusOf(clientId, await responsesOf(tx, actor.clinicId, clientId), now);
}

export async function submitMine(ctx: AppContext, actor: Actor, input: Record<string, unknown>) {
  const clientId = ownClientId(actor);
  return ctx.database.transaction((tx) => submit(tx, actor, clientId, input, false));
}

/**
 * The client as staff may see them: 404 for a client not in the clinic, or one a
 * practitioner does not treat (as if there were none); for answers, reception gets 403.
 */
async function staffAccess(q: Queryable, actor: Actor, clientId: string, clinical: boolean) {
  const [client] = await q.select({ id: clients.id }).from(clients).where(and(eq(clients.clinicId, actor.clinicId), eq(clients.id, clientId)));
  if (!client) throw notFound('The client');
  const team = await q.select({ p: careTeam.practitionerId }).from(careTeam).where(and(eq(careTeam.clinicId, actor.clinicId), eq(careTeam.clientId, clientId)));
  const ref = { id: clientId, careTeam: team.map((t) => t.p) };
  if (!canSeeClientContact(actor, ref)) throw notOwnRecord(actor, 'client', clientId, 'The client');
  if (clinical && !canSeeClinicalRecord(actor, ref)) {
    throw refused(actor, 'Reception can see whether the health questions are complete, but not the answers.', { entityType: 'client', entityId: clientId });
  }
}

/** Whether a client's questions are complete, in draft or missing: any staff who may see the client. */
export async function getStatus(ctx: AppContext, actor: Actor, clientId: string) {
  await staffAccess(ctx.database.db, actor, clientId, false);
  return statusOf(clientId, await responsesOf(ctx.database.db, actor.clinicId, clientId), new Date());
}

/**
 * The latest submitted answers for the practitioner or owner, with what changed since the
 * client's previous attended visit (against the version current at that visit). Audited.
 */
export async function getForStaff(ctx: AppContext, actor: Actor, clientId: string) {
  const now = new Date();
  return ctx.database.transaction(async (tx) => {
    await staffAccess(tx, actor, clientId, true);
    const c = await formContext(tx, actor, clientId);
    const rows = await responsesOf(tx, actor.clinicId, clientId);
    const { latest } = splitResponses(rows);
    let sinceLastVisit = null;
    const visit = latest ? await previousVisit(tx, actor.clinicId, clientId, now) : undefined;
    if (latest && visit) {
      const baseline = rows.find((r) => r.status === 'submitted' && r.submittedAt! <= visit.endsAt);
      sinceLastVisit = {
        visitAt: visit.startsAt.toISOString(),
        baselineVersion: baseline?.version ?? null,
        changes: diffAnswers((baseline?.answers ?? {}) as Answers, latest.answers as Answers, c.form),
      };
    }
    let enteredByName: string | null = null;
    if (latest?.enteredByStaff) {
      const [u] = await tx.select({ name: users.name }).from(users).where(eq(users.id, latest.enteredByStaff));
      enteredByName = u?.name ?? null;
    }
    const upcoming = await nextVisit(tx, actor.clinicId, clientId, now);
    await recordAudit(tx, actor, { action: 'intake.read', entityType: 'client', entityId: clientId, details: { version: latest?.version ?? null } });
    return {
      ...statusOf(clientId, rows, now), answers: latest?.answers ?? null, form: formOut(c), enteredByName, sinceLastVisit,
      nextVisit: upcoming ? { bookingId: upcoming.id, startsAt: upcoming.startsAt.toISOString() } : null,
    };
  });
}

/** Reception (or any staff) records a paper form received; the answers may be entered later. Audited. */
export async function recordPaperReceived(ctx: AppContext, actor: Actor, clientId: string) {
  const now = new Date();
  return ctx.database.transaction(async (tx) => {
    await staffAccess(tx, actor, clientId, false);
    const { version } = await currentForm(tx, actor.clinicId, actor.userId);
    const rows = await responsesOf(tx, actor.clinicId, clientId, true);
    const { draft } = splitResponses(rows);
    let id: string;
    if (draft) {
      await tx.update(formResponses).set({ paperReceivedAt: now, paperReceivedBy: actor.userId, updatedAt: now })
        .where(and(eq(formResponses.clinicId, actor.clinicId), eq(formResponses.id, draft.id)));
      id = draft.id;
    } else {
      const [row] = await tx.insert(formResponses).values({
        clinicId: actor.clinicId, clientId, formKey: INTAKE_FORM_KEY, formVersion: version, version: nextVersion(rows), status: 'draft',
        source: 'paper', paperReceivedAt: now, paperReceivedBy: actor.userId, createdAt: now, updatedAt: now,
      }).returning({ id: formResponses.id });
      id = row!.id;
    }
    await recordAudit(tx, actor, { action: 'intake.paper_received', entityType: 'form_response', entityId: id, details: { clientId } });
    return statusOf(clientId, await responsesOf(tx, actor.clinicId, clientId), now);
  });
}

/** Staff enter the answers on the client's behalf (from a paper form or by phone): recorded as such. */
export async function submitOnBehalf(ctx: AppContext, actor: Actor, clientId: string, input: Record<string, unknown>) {
  return ctx.database.transaction(async (tx) => {
    await staffAccess(tx, actor, clientId, false);
    return submit(tx, actor, clientId, input, true);
  });
}

/**
 * A practitioner locks the latest answers for a visit: nobody changes them until the end
 * of the clinic's day of that visit (then 409 `form-locked`). Audited.
 */
export async function lockForVisit(ctx: AppContext, actor: Actor, clientId: string, bookingId: string) {
  const now = new Date();
  return ctx.database.transaction(async (tx) => {
    await staffAccess(tx, actor, clientId, true);
    const visit = await clientAppointment(tx, actor.clinicId, clientId, bookingId);
    if (!visit) throw notFound('The appointment');
    const rows = await responsesOf(tx, actor.clinicId, clientId, true);
    const { latest } = splitResponses(rows);
    if (!latest) throw conflict('intake-missing', 'There are no submitted answers to lock yet.');
    const day = todayIn(actor.timeZone, visit.startsAt.getTime());
    const lockedUntil = new Date(startOfLocalDate(addDays(day, 1), actor.timeZone));
    await tx.update(formResponses).set({ lockedAt: now, lockedBy: actor.userId, lockedForBookingId: bookingId, lockedUntil })
      .where(and(eq(formResponses.clinicId, actor.clinicId), eq(formResponses.id, latest.id)));
    await recordAudit(tx, actor, { action: 'intake.locked', entityType: 'form_response', entityId: latest.id, details: { clientId, bookingId, version: latest.version } });
    return statusOf(clientId, await responsesOf(tx, actor.clinicId, clientId), now);
  });
}
