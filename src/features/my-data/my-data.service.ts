import { aliasedTable, and, asc, desc, eq, inArray, max, or, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import {
  accountClosureRequests, adverseEvents, aftercareSent, auditLog, bookings, clients, clinics, consents, consentTemplates, formResponses, noteAmendments, reviews,
  outcomeRequests, progressPhotos, recordShares, services, sessionNotes, treatmentPlans, users,
} from '../../data/schema/index.ts';
import { photoLabel } from '../../domain/photos/progress-photos.ts';
import { BUILT_IN_MEASURES } from '../../domain/outcomes/measures.ts';
import { statusWords, type PlanStatus } from '../../domain/plans/treatment-plan.ts';
import { ADVERSE_EVENT_KIND_LABELS, ADVERSE_EVENT_SEVERITY_LABELS } from '../../domain/notes/adverse-event-register.ts';
import type { AdverseEventKind, AdverseEventSeverity, NotePoint } from '../../domain/notes/note-kinds.ts';
import { needlesAt, pointFinder, SIDE_LABELS } from '../../domain/protocols/protocols.ts';
import { describeNoteField, fieldLabel } from '../../domain/notes/templates.ts';
import type { AppContext } from '../../server/context.ts';
import { AppError, notFound } from '../../server/errors.ts';
import type { Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { actionLabel } from '../audit/audit-labels.ts';
import { formatWhen } from '../scheduling/clinic-time.ts';
import { PdfWriter } from '../common/pdf.ts';
import { FORM_LABELS, type ConsentForm } from '../consent/consent-defaults.ts';
import { consentOverview } from '../consent/consent.service.ts';
import { photoAddress, photoMetaColumns } from '../progress-photos/progress-photos.repository.ts';
import type { closureBody, PortalSummary, StaffClosureRequest } from './my-data.schema.ts';

/**
 * A client's own data (UK GDPR): everything the clinic holds about them as JSON and as a
 * readable PDF, and their request to close the account. Clinical records are kept for
 * the legal retention period (8 years after the last visit for adults), then erased.
 */

/** Years the clinic keeps an adult's clinical records after the last visit. */
export const ADULT_RETENTION_YEARS = 8;

const practitioner = aliasedTable(users, 'practitioner');
const find = pointFinder([]);
const actorUser = aliasedTable(users, 'actor_user');

function requireClient(actor: Actor): string {
  if (!actor.clientId) throw notFound('Your client record');
  return actor.clientId;
}

/**
 * Who to name in the client's access log: themselves, or the clinic's staff by name.
 * Anyone else (a refused attempt by another client or another clinic's staff) stays unnamed:
 * their name is their own personal data.
 */
function accessorName(row: { actorUserId: string | null; actorRole: string | null }, who: string | null, actor: Actor): string {
  if (row.actorUserId && row.actorUserId === actor.userId) return 'You';
  if (!row.actorUserId) return 'Yintang';
  const staff = row.actorRole && row.actorRole !== 'client';
  return staff ? (who ?? 'A member of staff') : 'Someone without access';
}

/** Everything held about the client, gathered in one transaction that also audits the export. */
export async function gatherMyData(ctx: AppContext, actor: Actor, format: 'json' | 'pdf') {
  const clientId = requireClient(actor);
  return ctx.database.transaction(async (tx) => {
    const [profile] = await tx.select({ c: clients, clinicName: clinics.name, accountEmail: users.email, accountName: users.name }).from(clients)
      .innerJoin(clinics, eq(clinics.id, clients.clinicId))
      .leftJoin(users, eq(users.id, clients.userId))
      .where(and(eq(clients.clinicId, actor.clinicId), eq(clients.id, clientId)));
    if (!profile) throw notFound('Your client record');
    const visitRows = await tx.select({ b: bookings, serviceName: services.name, practitionerName: practitioner.name }).from(bookings)
      .leftJoin(services, and(eq(services.clinicId, bookings.clinicId), eq(services.id, bookings.serviceId)))
      .leftJoin(practitioner, eq(practitioner.id, bookings.practitionerId))
      .where(and(eq(bookings.clinicId, actor.clinicId), eq(bookings.clientId, clientId))).orderBy(asc(bookings.startsAt));
    const answers = await tx.select().from(formResponses)
      .where(and(eq(formResponses.clinicId, actor.clinicId), eq(formResponses.clientId, clientId))).orderBy(asc(formResponses.formKey), asc(formResponses.version));
    const signed = await tx.select({ c: consents, title: consentTemplates.title }).from(consents)
      .innerJoin(consentTemplates, and(eq(consentTemplates.clinicId, consents.clinicId), eq(consentTemplates.serviceKind, consents.serviceKind), eq(consentTemplates.version, consents.templateVersion)))
      .where(and(eq(consents.clinicId, actor.clinicId), eq(consents.clientId, clientId))).orderBy(asc(consents.signedAt));
    const aftercare = await tx.select({ sentAt: aftercareSent.sentAt, bookingId: aftercareSent.bookingId }).from(aftercareSent)
      .innerJoin(bookings, and(eq(bookings.clinicId, aftercareSent.clinicId), eq(bookings.id, aftercareSent.bookingId)))
      .where(and(eq(aftercareSent.clinicId, actor.clinicId), eq(bookings.clientId, clientId)));
    const myReviews = await tx.select().from(reviews).where(and(eq(reviews.clinicId, actor.clinicId), eq(reviews.clientId, clientId)));
    const closures = await tx.select().from(accountClosureRequests)
      .where(and(eq(accountClosureRequests.clinicId, actor.clinicId), eq(accountClosureRequests.clientId, clientId)));
    // Their signed session notes (drafts are not yet part of the record), with amendments and adverse events.
    const notes = await tx.select({ n: sessionNotes, startsAt: bookings.startsAt, serviceName: services.name, practitionerName: practitioner.name }).from(sessionNotes)
      .innerJoin(bookings, and(eq(bookings.clinicId, sessionNotes.clinicId), eq(bookings.id, sessionNotes.bookingId)))
      .leftJoin(services, and(eq(services.clinicId, bookings.clinicId), eq(services.id, bookings.serviceId)))
      .leftJoin(practitioner, eq(practitioner.id, sessionNotes.practitionerId))
      .where(and(eq(sessionNotes.clinicId, actor.clinicId), eq(sessionNotes.clientId, clientId), eq(sessionNotes.status, 'signed')))
      .orderBy(asc(bookings.startsAt));
    const noteIds = notes.map((r) => r.n.id);
    const events = noteIds.length ? await tx.select().from(adverseEvents)
      .where(and(eq(adverseEvents.clinicId, actor.clinicId), inArray(adverseEvents.noteId, noteIds))).orderBy(asc(adverseEvents.createdAt)) : [];
    const amendments = noteIds.length ? await tx.select({ a: noteAmendments, by: actorUser.name }).from(noteAmendments)
      .leftJoin(actorUser, eq(actorUser.id, noteAmendments.authorId))
      .where(and(eq(noteAmendments.clinicId, actor.clinicId), inArray(noteAmendments.noteId, noteIds))).orderBy(asc(noteAmendments.createdAt)) : [];
    // Their treatment plans, and the outcome questionnaires they answered.
    const plans = await tx.select({ p: treatmentPlans, serviceName: services.name, practitionerName: practitioner.name }).from(treatmentPlans)
      .leftJoin(services, and(eq(services.clinicId, treatmentPlans.clinicId), eq(services.id, treatmentPlans.serviceId)))
      .leftJoin(practitioner, eq(practitioner.id, treatmentPlans.practitionerId))
      .where(and(eq(treatmentPlans.clinicId, actor.clinicId), eq(treatmentPlans.clientId, clientId))).orderBy(asc(treatmentPlans.createdAt));
    const questionnaires = await tx.select().from(outcomeRequests)
      .where(and(eq(outcomeRequests.clinicId, actor.clinicId), eq(outcomeRequests.clientId, clientId), eq(outcomeRequests.status, 'answered')))
      .orderBy(asc(outcomeRequests.answeredAt), asc(outcomeRequests.measureKey));
    // Whom the clinic sent their record to (the FHIR export), with the purpose they agreed to.
    const shares = await tx.select({ s: recordShares, by: actorUser.name }).from(recordShares).leftJoin(actorUser, eq(actorUser.id, recordShares.recordedBy))
      .where(and(eq(recordShares.clinicId, actor.clinicId), eq(recordShares.clientId, clientId))).orderBy(asc(recordShares.createdAt));
    // Their progress photos: the listing only (no bytes), each with the authorised address that serves it to them.
    const photos = await tx.select({ p: photoMetaColumns, uploader: actorUser.name }).from(progressPhotos)
      .leftJoin(actorUser, eq(actorUser.id, progressPhotos.uploadedBy))
      .where(and(eq(progressPhotos.clinicId, actor.clinicId), eq(progressPhotos.clientId, clientId)))
      .orderBy(asc(progressPhotos.takenOn), asc(progressPhotos.createdAt));
    // Who looked at or changed the client's record: audit rows naming the client, or a record of theirs.
    const recordIds = [...visitRows.map((v) => v.b.id), ...signed.map((s) => s.c.id)];
    const access = await tx.select({ a: auditLog, who: actorUser.name }).from(auditLog)
      .leftJoin(actorUser, eq(actorUser.id, auditLog.actorUserId))
      .where(and(eq(auditLog.clinicId, actor.clinicId), or(
        eq(auditLog.entityId, clientId), sql`${auditLog.details}->>'clientId' = ${clientId}`,
        recordIds.length ? inArray(auditLog.entityId, recordIds) : undefined,
      )))
      .orderBy(desc(auditLog.at)).limit(500);
    await recordAudit(tx, actor, { action: 'client.data_exported', entityType: 'client', entityId: clientId, details: { format } });
    // A reading of the photo list, audited as the progress photos page audits it.
    await recordAudit(tx, actor, { action: 'photo.list', entityType: 'client', entityId: clientId, details: { clientId, photos: photos.length, via: 'data_export' } });

    return {
      exportedAt: new Date().toISOString(),
      clinic: { name: profile.clinicName, timeZone: actor.timeZone },
      profile: {
        name: profile.c.name, email: profile.c.email, phone: profile.c.phone, dateOfBirth: profile.c.dateOfBirth, onFileSince: profile.c.createdAt.toISOString(),
        account: profile.accountEmail ? { name: profile.accountName, email: profile.accountEmail } : null,
      },
      appointments: visitRows.map(({ b, serviceName, practitionerName }) => ({
        id: b.id, service: serviceName, practitioner: practitionerName, start: b.startsAt.toISOString(), end: b.endsAt.toISOString(),
        status: b.status, bookedOnline: b.source === 'online', bookedAt: b.createdAt.toISOString(), cancelledAt: b.cancelledAt?.toISOString() ?? null,
      })),
      healthQuestions: answers.map((r) => ({
        form: r.formKey, formVersion: r.formVersion, version: r.version, status: r.status, enteredBy: r.source, answers: r.answers,
        startedAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(), submittedAt: r.submittedAt?.toISOString() ?? null,
      })),
      consents: signed.map(({ c, title }) => ({
        id: c.id, treatment: FORM_LABELS[c.serviceKind as ConsentForm], title, version: c.templateVersion, textSha256: c.textHash, typedName: c.typedName,
        signedAt: c.signedAt.toISOString(), drawnSignature: c.signaturePng ? `data:image/png;base64,${c.signaturePng.toString('base64')}` : null,
        withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
      })),
      aftercareSent: aftercare.map((a) => ({ appointmentId: a.bookingId, sentAt: a.sentAt.toISOString() })),
      reviews: myReviews.map((r) => ({ appointmentId: r.bookingId, rating: r.rating, text: r.body, writtenAt: r.createdAt.toISOString(), hidden: r.hiddenAt !== null })),
      closureRequests: closures.map((c) => ({ status: c.status, requestedAt: c.requestedAt.toISOString(), reason: c.reason, retainUntil: c.retainUntil })),
      sessionNotes: notes.map(({ n, startsAt, serviceName, practitionerName }) => ({
        id: n.id, appointmentId: n.bookingId, session: startsAt.toISOString(), service: serviceName, practitioner: practitionerName, signedAt: n.signedAt?.toISOString() ?? null,
        notes: Object.fromEntries(Object.entries(n.fields).map(([k, v]) => { const d = describeNoteField(n.template, k, v); return [d.label, d.text]; })),
        points: (n.points as NotePoint[]).map((p) => ({ point: find(p.pointCode)?.label ?? p.pointCode, side: SIDE_LABELS[p.side] ?? p.side, needles: needlesAt(p) })),
        needles: { brand: n.needleBrand, size: n.needleSize, lot: n.needleLot, countIn: n.needlesIn, countOut: n.needlesOut },
        amendments: amendments.filter(({ a }) => a.noteId === n.id).map(({ a, by }) => ({
          at: a.createdAt.toISOString(), by: by ?? 'A former member of staff', reason: a.reason,
          changes: a.changes.map((c) => ({ field: fieldLabel(c.field), before: c.before, after: c.after })),
        })),
      })),
      adverseEvents: events.map((e) => ({
        sessionNoteId: e.noteId, occurredAt: e.occurredAt.toISOString(), type: ADVERSE_EVENT_KIND_LABELS[e.kind as AdverseEventKind],
        severity: ADVERSE_EVENT_SEVERITY_LABELS[e.severity as AdverseEventSeverity], description: e.description, actionTaken: e.actionTaken,
      })),
      treatmentPlans: plans.map(({ p, serviceName, practitionerName }) => ({
        id: p.id, title: p.title, service: serviceName, practitioner: practitionerName, sessions: p.sessions, everyDays: p.intervalDays,
        firstDate: p.firstDate, preferredTime: p.preferredTime, alongside: p.complementary, maintenance: p.maintenance,
        price: { minorUnits: p.priceMinor, currency: p.currency }, explanation: p.explanation, status: statusWords(p.status as PlanStatus),
        proposedAt: p.createdAt.toISOString(), acceptedAt: p.acceptedAt?.toISOString() ?? null, bookedAt: p.bookedAt?.toISOString() ?? null,
      })),
      outcomeQuestionnaires: questionnaires.map((q) => ({
        appointmentId: q.bookingId, measure: BUILT_IN_MEASURES[q.measureKey]?.name ?? q.measureKey, session: q.sessionNumber,
        answeredAt: q.answeredAt?.toISOString() ?? null, answers: q.answers, scores: q.scores,
      })),
      progressPhotos: photos.map(({ p, uploader }) => ({
        id: p.id, label: photoLabel(p), stage: p.stage, session: p.sessionNumber, view: p.view, takenOn: p.takenOn, appointmentId: p.bookingId,
        uploadedAt: p.createdAt.toISOString(),
        // Only the client uploads as a client to their own record; staff are named.
        uploadedBy: p.uploadedByRole === 'client' ? 'You' : uploader ?? 'A former member of staff',
        width: p.width, height: p.height,
        // Not embedded (heavy): the full-size JPEG, for the client while signed in; each view is audited.
        imageUrl: photoAddress(actor.clinicSlug, clientId, p.id, 'full'),
      })),
      recordShared: shares.map(({ s: r, by }) => ({
        at: r.createdAt.toISOString(), with: r.recipient, purpose: r.purpose, format: 'FHIR R4', recordedBy: by ?? 'A former member of staff',
      })),
      accessLog: access.map(({ a, who }) => ({ at: a.at.toISOString(), what: actionLabel(a.action), by: accessorName(a, who, actor), role: a.actorRole })),
    };
  });
}
export type MyData = Awaited<ReturnType<typeof gatherMyData>>;

const when = (iso: string | null, tz: string) => (iso ? formatWhen(Date.parse(iso), tz) : 'Not yet');

/** The same data as a readable PDF: headings and short lines, not a dump. */
export async function myDataPdf(data: MyData): Promise<Buffer> {
  const tz = data.clinic.timeZone;
  const w = new PdfWriter(`Your data at ${data.clinic.name}`, data.clinic.name);
  w.title(`Your data at ${data.clinic.name}`, `Prepared for ${data.profile.name} on ${when(data.exportedAt, tz)}. Times are in ${tz}.`);
  w.paragraph('This is everything the clinic holds about you in Yintang. The JSON download holds the same data in a form other software can read.', { muted: true });
  w.heading('Your details', 1).fields([
    ['Name', data.profile.name], ['E-mail', data.profile.email], ['Phone', data.profile.phone], ['Date of birth', data.profile.dateOfBirth],
    ['With the clinic since', when(data.profile.onFileSince, tz)], ['Online account', data.profile.account ? data.profile.account.email : 'None'],
  ]);
  w.heading('Appointments', 1).list(data.appointments.map((a) => `${when(a.start, tz)} · ${a.service ?? 'Appointment'} with ${a.practitioner ?? 'a practitioner'} · ${a.status.replace('_', '-')}`), 'No appointments.');
  w.heading('Health questions', 1);
  if (data.healthQuestions.length === 0) w.paragraph('You have not answered the health questions yet.', { muted: true });
  for (const r of data.healthQuestions) {
    w.heading(`Answers, version ${r.version} (${r.status === 'submitted' ? `sent ${when(r.submittedAt, tz)}` : 'not sent yet'})`, 3);
    w.list(Object.entries(r.answers).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`), 'No answers.');
  }
  w.heading('Your session notes', 1);
  if (data.sessionNotes.length === 0) w.paragraph('No signed session notes.', { muted: true });
  for (const n of data.sessionNotes) {
    w.heading(`${when(n.session, tz)} · ${n.service ?? 'Session'} with ${n.practitioner ?? 'a practitioner'}`, 3);
    w.fields(Object.entries(n.notes).filter(([, v]) => v));
    if (n.points.length) w.list([`Points: ${n.points.map((p) => `${p.point} (${p.side.toLowerCase()}, ${p.needles})`).join('; ')}`]);
    w.fields([['Needles', [n.needles.brand, n.needles.size, n.needles.lot ? `lot ${n.needles.lot}` : null].filter(Boolean).join(', ') || null],
      ['Counted in and out', n.needles.countIn === null ? null : `${n.needles.countIn} in, ${n.needles.countOut ?? '?'} out`]]);
    const events = data.adverseEvents.filter((e) => e.sessionNoteId === n.id);
    if (events.length) w.list(events.map((e) => `${e.type} (${e.severity.toLowerCase()}): ${e.description}${e.actionTaken ? ` Action: ${e.actionTaken}` : ''}`));
    for (const a of n.amendments) {
      w.list([`Amended ${when(a.at, tz)} by ${a.by}: ${a.reason}`, ...a.changes.map((c) => `${c.field}: “${typeof c.before === 'string' ? c.before : JSON.stringify(c.before)}” -> “${typeof c.after === 'string' ? c.after : JSON.stringify(c.after)}”`)]);
    }
  }
  w.heading('Your treatment plans', 1).list(data.treatmentPlans.map((p) => `${p.title} · ${p.sessions} sessions every ${p.everyDays} days from ${p.firstDate} with ${p.practitioner ?? 'a practitioner'} · ${p.status}`), 'None.');
  w.heading('Questionnaires you answered', 1).list(data.outcomeQuestionnaires.map((q) => `${when(q.answeredAt, tz)} · ${q.measure} (session ${q.session}) · ${Object.entries(q.scores ?? {}).map(([k, v]) => `${k} ${v ?? 'not scored'}`).join(', ')}`), 'None.');
  w.heading('Your progress photos', 1).list(data.progressPhotos.map((p) => `${p.takenOn} · ${p.label} · added by ${p.uploadedBy === 'You' ? 'you' : p.uploadedBy}`), 'None.');
  if (data.progressPhotos.length) w.paragraph('The photos themselves are not in this file: open each from My progress, or from its address in the JSON download, while signed in.', { muted: true });
  w.heading('Consent forms you signed', 1).list(data.consents.map((c) => `${c.title} (version ${c.version}) · signed ${when(c.signedAt, tz)} as “${c.typedName}”${c.drawnSignature ? ' with a drawn signature' : ''} · SHA-256 ${c.textSha256.slice(0, 16)}…`), 'None yet.');
  w.heading('Aftercare advice sent', 1).list(data.aftercareSent.map((a) => when(a.sentAt, tz)), 'None yet.');
  w.heading('Reviews you wrote', 1).list(data.reviews.map((r) => `${r.rating}/5 · ${when(r.writtenAt, tz)} · ${r.text}`), 'None.');
  w.heading('Requests to close your account', 1).list(data.closureRequests.map((c) => `${when(c.requestedAt, tz)} · ${c.status}${c.retainUntil ? ` · clinical records kept until ${c.retainUntil}` : ''}`), 'None.');
  w.heading('Your record sent elsewhere, with your agreement', 1).list(data.recordShared.map((r) => `${when(r.at, tz)} · to ${r.with} · for ${r.purpose} · recorded by ${r.recordedBy}`), 'Never.');
  w.heading('Who looked at or changed your record', 1).list(data.accessLog.map((a) => `${when(a.at, tz)} · ${a.by}${a.role && a.by !== 'You' ? ` (${a.role})` : ''} · ${a.what}`), 'Nobody yet.');
  return w.finish();
}

// ---------------------------------------------------------------- closing the account

type ClosureRow = typeof accountClosureRequests.$inferSelect;
const toClosure = (r: ClosureRow) => ({ id: r.id, status: r.status, requestedAt: r.requestedAt.toISOString(), retainUntil: r.retainUntil });

export async function myClosure(ctx: AppContext, actor: Actor) {
  const clientId = requireClient(actor);
  const [row] = await ctx.database.db.select().from(accountClosureRequests)
    .where(and(eq(accountClosureRequests.clinicId, actor.clinicId), eq(accountClosureRequests.clientId, clientId)))
    .orderBy(desc(accountClosureRequests.requestedAt)).limit(1);
  return { current: row ? toClosure(row) : null };
}

/** Records the client's request; clinical records stay until 8 years after their last visit. */
export async function requestClosure(ctx: AppContext, actor: Actor, body: z.infer<typeof closureBody>) {
  const clientId = requireClient(actor);
  return ctx.database.transaction(async (tx) => {
    const [last] = await tx.select({ at: max(bookings.startsAt) }).from(bookings)
      .where(and(eq(bookings.clinicId, actor.clinicId), eq(bookings.clientId, clientId), inArray(bookings.status, ['arrived', 'completed'])));
    const from = last?.at ? DateTime.fromJSDate(last.at) : DateTime.now();
    const retainUntil = from.setZone(actor.timeZone).plus({ years: ADULT_RETENTION_YEARS }).toISODate()!;
    const [row] = await tx.insert(accountClosureRequests).values({ clinicId: actor.clinicId, clientId, requestedBy: actor.userId, reason: body.reason || null, retainUntil })
      .onConflictDoNothing().returning();
    if (!row) throw new AppError(409, 'closure-already-requested', 'Already requested', 'You have already asked to close your account. The clinic will be in touch.');
    await recordAudit(tx, actor, { action: 'client.closure_requested', entityType: 'account_closure_request', entityId: row.id, details: { clientId } });
    return toClosure(row);
  });
}

/** The owner's list of requests to close an account, open ones first. */
export async function listClosureRequests(ctx: AppContext, actor: Actor): Promise<{ items: StaffClosureRequest[] }> {
  const rows = await ctx.database.db.select({ r: accountClosureRequests, name: clients.name, email: clients.email }).from(accountClosureRequests)
    .innerJoin(clients, and(eq(clients.clinicId, accountClosureRequests.clinicId), eq(clients.id, accountClosureRequests.clientId)))
    .where(eq(accountClosureRequests.clinicId, actor.clinicId))
    .orderBy(sql`${accountClosureRequests.status} = 'requested' desc`, desc(accountClosureRequests.requestedAt)).limit(200);
  return { items: rows.map(({ r, name, email }) => ({ ...toClosure(r), clientId: r.clientId, clientName: name, clientEmail: email, reason: r.reason })) };
}

// ---------------------------------------------------------------- the portal's home

/** Status only (no answers, no text): what the client still has to do. */
export async function portalSummary(ctx: AppContext, actor: Actor): Promise<PortalSummary> {
  const clientId = requireClient(actor);
  return ctx.database.transaction(async (tx) => {
    const responses = await tx.select({ status: formResponses.status, submittedAt: formResponses.submittedAt }).from(formResponses)
      .where(and(eq(formResponses.clinicId, actor.clinicId), eq(formResponses.clientId, clientId)))
      .orderBy(desc(formResponses.submittedAt)).limit(50);
    const submitted = responses.find((r) => r.status === 'submitted');
    const overview = await consentOverview(tx, actor.clinicId, clientId);
    const [sent] = await tx.select({ n: sql<number>`count(*)::int` }).from(aftercareSent)
      .innerJoin(bookings, and(eq(bookings.clinicId, aftercareSent.clinicId), eq(bookings.id, aftercareSent.bookingId)))
      .where(and(eq(aftercareSent.clinicId, actor.clinicId), eq(bookings.clientId, clientId)));
    const [open] = await tx.select({ id: accountClosureRequests.id }).from(accountClosureRequests)
      .where(and(eq(accountClosureRequests.clinicId, actor.clinicId), eq(accountClosureRequests.clientId, clientId), eq(accountClosureRequests.status, 'requested')));
    return {
      healthQuestions: {
        status: submitted ? 'submitted' : responses.length ? 'in_progress' : 'to_complete',
        submittedAt: submitted?.submittedAt?.toISOString() ?? null,
      },
      consents: overview.map(({ kind, label, status, needed }) => ({ kind, label, status, needed })),
      aftercareCount: sent?.n ?? 0,
      closureRequested: open !== undefined,
    };
  });
}
