import { and, asc, desc, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { bookings, formResponses, formVersions, services } from '../../data/schema/index.ts';
import { DEFAULT_INTAKE_FORM, formDefinitionSchema, TREATMENT_CATEGORIES, type FormDefinition, type TreatmentCategory } from '../../domain/intake/index.ts';

/** The key of the health questionnaire among a clinic's forms. */
export const INTAKE_FORM_KEY = 'intake';

export type ResponseRow = typeof formResponses.$inferSelect;

// Versions never change, so a parsed form is kept per clinic and version: the answers
// schema builds its per-question schemas once per form object.
const parsedForms = new Map<string, FormDefinition>();

/**
 * The clinic's current intake form, creating version 1 (the default form) on first use.
 * Two first uses at once both try to insert; the primary key keeps one.
 */
export async function currentForm(q: Queryable, clinicId: string, userId: string | null): Promise<{ version: number; form: FormDefinition; created: boolean }> {
  let created = false;
  let [row] = await q.select({ version: formVersions.version, definition: formVersions.definition }).from(formVersions)
    .where(and(eq(formVersions.clinicId, clinicId), eq(formVersions.formKey, INTAKE_FORM_KEY)))
    .orderBy(desc(formVersions.version)).limit(1);
  if (!row) {
    const inserted = await q.insert(formVersions)
      .values({ clinicId, formKey: INTAKE_FORM_KEY, version: 1, definition: DEFAULT_INTAKE_FORM as unknown as Record<string, unknown>, createdBy: userId })
      .onConflictDoNothing().returning({ version: formVersions.version });
    created = inserted.length > 0;
    row = { version: 1, definition: DEFAULT_INTAKE_FORM as unknown as Record<string, unknown> };
  }
  const key = `${clinicId}:${row.version}`;
  let form = parsedForms.get(key);
  if (!form) {
    form = formDefinitionSchema.parse(row.definition);
    parsedForms.set(key, form);
  }
  return { version: row.version, form, created };
}

/**
 * The treatment categories a client answers for: the kinds of the services they are
 * booked for (any booking not cancelled). A consultation comes before the treatments that
 * require one, so it also asks their questions. A client with no booking sees every section.
 */
export async function categoriesOf(q: Queryable, clinicId: string, clientId: string): Promise<TreatmentCategory[]> {
  const booked = await q.selectDistinct({ kind: services.kind }).from(bookings)
    .innerJoin(services, and(eq(services.clinicId, bookings.clinicId), eq(services.id, bookings.serviceId)))
    .where(and(eq(bookings.clinicId, clinicId), eq(bookings.clientId, clientId), eq(bookings.kind, 'appointment'), ne(bookings.status, 'cancelled')));
  const kinds = new Set<TreatmentCategory>(booked.map((b) => b.kind));
  if (kinds.size === 0) return [...TREATMENT_CATEGORIES];
  if (kinds.has('consultation')) {
    const after = await q.selectDistinct({ kind: services.kind }).from(services)
      .where(and(eq(services.clinicId, clinicId), eq(services.requiresConsultation, true)));
    for (const a of after) kinds.add(a.kind);
  }
  return TREATMENT_CATEGORIES.filter((c) => kinds.has(c));
}

/** Every response of the client to the intake form, newest version first. */
export async function responsesOf(q: Queryable, clinicId: string, clientId: string, forUpdate = false): Promise<ResponseRow[]> {
  const query = q.select().from(formResponses)
    .where(and(eq(formResponses.clinicId, clinicId), eq(formResponses.clientId, clientId), eq(formResponses.formKey, INTAKE_FORM_KEY)))
    .orderBy(desc(formResponses.version));
  return forUpdate ? query.for('update') : query;
}

/** The draft and the latest submitted version among a client's responses. */
export function splitResponses(rows: readonly ResponseRow[]) {
  return { draft: rows.find((r) => r.status === 'draft'), latest: rows.find((r) => r.status === 'submitted') };
}

/** The client's most recent attended appointment that started before `now`. */
export async function previousVisit(q: Queryable, clinicId: string, clientId: string, now: Date) {
  const [row] = await q.select({ id: bookings.id, startsAt: bookings.startsAt, endsAt: bookings.endsAt }).from(bookings)
    .where(and(
      eq(bookings.clinicId, clinicId), eq(bookings.clientId, clientId), eq(bookings.kind, 'appointment'),
      inArray(bookings.status, ['arrived', 'completed']), lt(bookings.startsAt, now),
    ))
    .orderBy(desc(bookings.startsAt)).limit(1);
  return row;
}

/** The client's current or next appointment (the visit a practitioner may lock the answers for). */
export async function nextVisit(q: Queryable, clinicId: string, clientId: string, now: Date) {
  const [row] = await q.select({ id: bookings.id, startsAt: bookings.startsAt }).from(bookings)
    .where(and(
      eq(bookings.clinicId, clinicId), eq(bookings.clientId, clientId), eq(bookings.kind, 'appointment'),
      inArray(bookings.status, ['confirmed', 'arrived']), gt(bookings.endsAt, now),
    ))
    .orderBy(asc(bookings.startsAt)).limit(1);
  return row;
}

/** One appointment of the client (for locking the form for that visit). */
export async function clientAppointment(q: Queryable, clinicId: string, clientId: string, bookingId: string) {
  const [row] = await q.select({ id: bookings.id, startsAt: bookings.startsAt }).from(bookings)
    .where(and(eq(bookings.clinicId, clinicId), eq(bookings.id, bookingId), eq(bookings.clientId, clientId), eq(bookings.kind, 'appointment')));
  return row;
}

/** The next version number for a client's responses. */
export function nextVersion(rows: readonly ResponseRow[]): number {
  return (rows[0]?.version ?? 0) + 1;
}

/** Whether the client has a complete (submitted) health questionnaire at the clinic: for the booking e-mails. */
export const intakeCompleteSql = (clinicId: unknown, clientId: unknown) =>
  sql<boolean>`exists (select 1 from ${formResponses} where ${formResponses.clinicId} = ${clinicId} and ${formResponses.clientId} = ${clientId} and ${formResponses.formKey} = ${INTAKE_FORM_KEY} and ${formResponses.status} = 'submitted')`;
