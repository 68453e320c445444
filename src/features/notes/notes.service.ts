import { and, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { adverseEvents, clinicAcupoints, clinicProtocols, noteAmendments, sessionNotes } from '../../data/schema/index.ts';
import { DEFAULT_INTAKE_FORM, diffAnswers, type TreatmentCategory } from '../../domain/intake/index.ts';
import type { NoteTemplate, NotePoint } from '../../domain/notes/note-kinds.ts';
import { amendedFields, applyAmendments, plannedNeedles, signProblems, type AmendableNote } from '../../domain/notes/session-note.ts';
import { checkTemplateFields, templateFor } from '../../domain/notes/templates.ts';
import { checkProtocolPoints, pointFinder } from '../../domain/protocols/protocols.ts';
import { screen } from '../../domain/screening/index.ts';
import { notOwnRecord, refused, type Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import type { AppContext } from '../../server/context.ts';
import { AppError, badRequest, notFound, type FieldError } from '../../server/errors.ts';
import { rulesFor } from '../screening/screening.repository.ts';
import { loadNote, loadNoteContext, type NoteContext, type StoredNote } from './notes.repository.ts';
import type { AdverseEventInput, AmendBody, DraftBody, Note, NoteSession } from './notes.schema.ts';

/**
 * Session notes: the clinical record of one appointment. Only the client's care team
 * (the booking's practitioner and practitioners who treat the client) and the owner read
 * a note; reception and other clinics get 404. Only the booking's practitioner writes it.
 * Every read and write is audited with `details.clientId` (identifiers only, never what the
 * note says); an attempt to change a signed note is refused (409) and audited `note.refused`.
 */

const WRITABLE_BOOKINGS = new Set(['confirmed', 'arrived', 'completed']);

/** The booking, checked: the clinic's appointment with a client, readable by the actor. */
async function readable(ctx: AppContext, actor: Actor, bookingId: string): Promise<NoteContext & { clientId: string; practitionerId: string }> {
  const c = await loadNoteContext(ctx.database.db, actor.clinicId, bookingId, actor.userId);
  if (!c || c.kind !== 'appointment' || !c.clientId || !c.practitionerId) throw notFound('The appointment');
  const treats = c.practitionerId === actor.userId || c.onCareTeam || actor.seesAllClients;
  if (actor.role === 'reception' || (actor.role === 'practitioner' && !treats) || (actor.role !== 'owner' && actor.role !== 'practitioner')) {
    throw notOwnRecord(actor, 'session_note', c.note?.id ?? bookingId, 'The note');
  }
  return c as NoteContext & { clientId: string; practitionerId: string };
}

/** Only the appointment's practitioner writes its note (403, audited, for anyone else). */
function writer(actor: Actor, c: NoteContext) {
  if (c.practitionerId !== actor.userId) {
    throw refused(actor, 'Only the practitioner of this appointment writes its note.', { entityType: 'session_note', entityId: c.note?.id ?? c.bookingId });
  }
  if (!WRITABLE_BOOKINGS.has(c.status)) {
    throw new AppError(409, 'booking-not-active', 'Appointment not active', 'Notes are written for confirmed, arrived or completed appointments only.');
  }
}

/** Refuses any change to a signed note, and audits the attempt (outside any transaction, so it stays). */
async function refuseSigned(ctx: AppContext, actor: Actor, c: NoteContext, attempted: string): Promise<never> {
  await recordAudit(ctx.database.db, actor, {
    action: 'note.refused', entityType: 'session_note', entityId: c.note!.id,
    details: { clientId: c.clientId, bookingId: c.bookingId, attempted, reason: 'signed' },
  });
  throw new AppError(409, 'note-signed', 'Note signed', 'This note is signed and locked. To correct it, add an amendment with the reason.');
}

const amendable = (n: StoredNote): AmendableNote => ({
  fields: n.fields, points: n.points, needleBrand: n.needleBrand, needleSize: n.needleSize, needleLot: n.needleLot,
  needlesIn: n.needlesIn, needlesOut: n.needlesOut, discrepancy: n.discrepancy,
});

/** The note as it reads now (amendments applied), shaped for the screen. Point labels from the library (clinic points show their code). */
function noteView(n: StoredNote): Note {
  const find = pointFinder([]);
  const now = applyAmendments(amendable(n), n.amendments);
  const iso = (v: string | null) => (v ? new Date(v).toISOString() : null);
  return {
    id: n.id, bookingId: n.bookingId, template: n.template as NoteTemplate, status: n.status, revision: n.revision,
    fields: now.fields, points: now.points.map((p) => ({ ...p, label: find(p.pointCode)?.label ?? p.pointCode })),
    protocolId: n.protocolId, needleBrand: now.needleBrand, needleSize: now.needleSize, needleLot: now.needleLot,
    needlesIn: now.needlesIn, needlesOut: now.needlesOut, plannedNeedles: plannedNeedles(now.points), discrepancy: now.discrepancy,
    adverseEvents: n.events.map((e) => ({ ...e, kind: e.kind as Note['adverseEvents'][number]['kind'], severity: e.severity as Note['adverseEvents'][number]['severity'] })),
    amendments: n.amendments.map((a) => ({ ...a, createdAt: new Date(a.createdAt).toISOString() })),
    practitionerName: n.practitionerName, updatedAt: new Date(n.updatedAt).toISOString(), signedAt: iso(n.signedAt), signedByName: n.signedByName,
  };
}

/** The client's screening for this appointment: findings with whether each was acknowledged, and how many reviews are open. */
async function screeningOf(q: Queryable, actor: Actor, c: NoteContext) {
  const latest = c.responses[0];
  if (!latest || !c.serviceKind) return { findings: [], reviewOutstanding: 0 };
  const kind = c.serviceKind as TreatmentCategory;
  const rules = await rulesFor(q, actor.clinicId, c.ruleVersion);
  const { findings } = screen({ rules, answers: latest.answers, form: DEFAULT_INTAKE_FORM, treatmentCategory: kind, appointmentDate: c.startsAt.getTime(), timeZone: actor.timeZone });
  const done = new Set(c.decisions.filter((d) => d.serviceKind === kind && (d.decision === 'acknowledged' || d.decision === 'cleared')).map((d) => d.ruleId));
  const out = findings.map((f) => ({ ruleId: f.ruleId, title: f.title, level: f.level, practitionerMessage: f.practitionerMessage, acknowledged: done.has(f.ruleId) }));
  return { findings: out, reviewOutstanding: out.filter((f) => f.level === 'review' && !f.acknowledged).length };
}

/**
 * Opens the note of an appointment: the note (null before the first save), its template,
 * the client's last three other notes, what changed in their health answers and the
 * screening findings, in one read and one audit row (`note.view`).
 */
export async function openNote(ctx: AppContext, actor: Actor, bookingId: string): Promise<NoteSession> {
  const q = ctx.database.db;
  const c = await readable(ctx, actor, bookingId);
  const template = templateFor(c.note?.template ?? c.serviceKind ?? 'traditional');
  const { findings, reviewOutstanding } = await screeningOf(q, actor, c);
  const [latest, before] = c.responses;
  const find = pointFinder([]);
  await recordAudit(q, actor, {
    action: 'note.view', entityType: 'session_note', entityId: c.note?.id ?? null,
    details: { clientId: c.clientId, bookingId, previous: c.previous.length },
  });
  return {
    booking: {
      id: c.bookingId, startsAt: c.startsAt.toISOString(), endsAt: c.endsAt.toISOString(), status: c.status, serviceName: c.serviceName,
      serviceKind: c.serviceKind, clientId: c.clientId, clientName: c.clientName ?? '', practitionerId: c.practitionerId, practitionerName: c.practitionerName,
      timeZone: actor.timeZone,
    },
    template: { template: template.template, title: template.title, needles: template.needles, fields: template.fields.map((f) => ({ ...f, options: f.options ? [...f.options] : undefined })) },
    note: c.note ? noteView(c.note) : null,
    canWrite: c.practitionerId === actor.userId && WRITABLE_BOOKINGS.has(c.status),
    previousNotes: c.previous.map((p) => {
      const now = applyAmendments({ fields: p.fields, points: p.points, needleBrand: null, needleSize: null, needleLot: null, needlesIn: p.needlesIn, needlesOut: p.needlesOut, discrepancy: null }, p.amendments);
      return {
        id: p.id, bookingId: p.bookingId, startsAt: new Date(p.startsAt).toISOString(), serviceName: p.serviceName, template: p.template as NoteTemplate,
        status: p.status, fields: now.fields, points: now.points.map((pt) => ({ ...pt, label: find(pt.pointCode)?.label ?? pt.pointCode })),
        needlesIn: now.needlesIn, needlesOut: now.needlesOut,
        adverseEvents: p.events as NoteSession['previousNotes'][number]['adverseEvents'], amended: p.amendments.length > 0, practitionerName: p.practitionerName,
      };
    }),
    intakeChanges: {
      submittedAt: latest ? new Date(latest.submittedAt).toISOString() : null,
      changes: latest && before ? diffAnswers(before.answers, latest.answers, DEFAULT_INTAKE_FORM).map((ch) => ({ ...ch })) : [],
    },
    findings,
    reviewOutstanding,
  };
}

const clinicCodes = async (q: Queryable, clinicId: string) =>
  (await q.select({ code: clinicAcupoints.code }).from(clinicAcupoints)
    .where(and(eq(clinicAcupoints.clinicId, clinicId), isNull(clinicAcupoints.archivedAt)))).map((r) => r.code);

/** Checks fields against the template and points against the library and the clinic's points: 400 with field errors. */
async function checkedContent(q: Queryable, actor: Actor, template: NoteTemplate, input: { fields?: Record<string, string>; points?: DraftBody['points'] }) {
  const errors: FieldError[] = [];
  if (input.fields) errors.push(...checkTemplateFields(template, input.fields));
  let points: NotePoint[] | undefined;
  if (input.points) {
    if (input.points.length > 0 && !templateFor(template).needles) errors.push({ field: 'points', message: `${templateFor(template).title} notes record no points` });
    const result = checkProtocolPoints(input.points, pointFinder(input.points.length ? await clinicCodes(q, actor.clinicId) : []));
    if (result.ok) points = result.points.map(({ note, ...p }) => (note ? { ...p, note } : p));
    else errors.push(...result.problems);
  }
  if (errors.length) throw badRequest('Some parts of the note need attention.', errors);
  return points;
}

const eventRows = (actor: Actor, c: NoteContext & { clientId: string; practitionerId: string }, noteId: string, events: AdverseEventInput[], amendmentId: string | null = null) =>
  events.map((e) => ({
    clinicId: actor.clinicId, noteId, bookingId: c.bookingId, clientId: c.clientId, practitionerId: c.practitionerId, occurredAt: c.startsAt,
    kind: e.kind, severity: e.severity, description: e.description, actionTaken: e.actionTaken, amendmentId,
  }));

const stale = () => new AppError(409, 'note-stale', 'Changed elsewhere', 'This note was saved from another window since you opened it. Reload to see the latest, then carry on.');

const sameEvents = (a: StoredNote['events'], b: AdverseEventInput[]) =>
  JSON.stringify(a.filter((e) => !e.amendmentId).map((e) => [e.kind, e.severity, e.description, e.actionTaken])) === JSON.stringify(b.map((e) => [e.kind, e.severity, e.description, e.actionTaken]));

/**
 * Saves the draft of an appointment's note, whole (autosave: sending the same draft again
 * changes nothing). The first save creates the note (`note.create`); later ones update it
 * (`note.update`) and replace its adverse events. A signed note is never changed.
 */
export async function saveDraft(ctx: AppContext, actor: Actor, bookingId: string, body: DraftBody): Promise<{ created: boolean; note: Note }> {
  const c = await readable(ctx, actor, bookingId);
  writer(actor, c);
  if (c.note?.status === 'signed') await refuseSigned(ctx, actor, c, 'update');
  const template = (c.note?.template ?? templateFor(c.serviceKind ?? 'traditional').template) as NoteTemplate;
  const fields = Object.fromEntries(Object.entries(body.fields).filter(([, v]) => v !== ''));
  const points = (await checkedContent(ctx.database.db, actor, template, { fields, points: body.points }))!;
  const content = {
    fields, points, protocolId: body.protocolId, needleBrand: body.needleBrand || null, needleSize: body.needleSize || null, needleLot: body.needleLot || null,
    needlesIn: body.needlesIn, needlesOut: body.needlesOut, discrepancy: body.discrepancy,
  };
  const existing = c.note;
  if (existing) {
    const unchanged = amendedFields(amendable(existing), content).length === 0 && existing.protocolId === content.protocolId && sameEvents(existing.events, body.adverseEvents)
      && Object.keys(existing.fields).every((k) => k in fields);
    if (unchanged) {
      // Nothing to write, but the answer carries the note: audited as a read of it.
      await recordAudit(ctx.database.db, actor, {
        action: 'note.update', entityType: 'session_note', entityId: existing.id,
        details: { clientId: c.clientId, bookingId, revision: existing.revision, unchanged: true },
      });
      return { created: false, note: noteView(existing) };
    }
    if (body.baseRevision !== undefined && body.baseRevision !== existing.revision) throw stale();
  }
  const stored = await ctx.database.transaction(async (tx) => {
    if (content.protocolId) {
      const [p] = await tx.select({ id: clinicProtocols.id }).from(clinicProtocols).where(and(eq(clinicProtocols.clinicId, actor.clinicId), eq(clinicProtocols.id, content.protocolId)));
      if (!p) throw badRequest('Some parts of the note need attention.', [{ field: 'protocolId', message: 'Not one of the clinic’s protocols' }]);
    }
    let noteId: string;
    let revision: number;
    if (!existing) {
      const [row] = await tx.insert(sessionNotes).values({
        clinicId: actor.clinicId, bookingId, clientId: c.clientId, practitionerId: c.practitionerId, template, ...content,
      }).onConflictDoNothing().returning({ id: sessionNotes.id, revision: sessionNotes.revision });
      if (!row) throw stale();
      noteId = row.id;
      revision = row.revision;
    } else {
      const [row] = await tx.update(sessionNotes).set({ ...content, revision: existing.revision + 1, updatedAt: new Date() })
        .where(and(eq(sessionNotes.clinicId, actor.clinicId), eq(sessionNotes.id, existing.id), eq(sessionNotes.status, 'draft'), eq(sessionNotes.revision, existing.revision)))
        .returning({ id: sessionNotes.id, revision: sessionNotes.revision });
      if (!row) throw stale();
      noteId = row.id;
      revision = row.revision;
      await tx.delete(adverseEvents).where(and(eq(adverseEvents.clinicId, actor.clinicId), eq(adverseEvents.noteId, noteId), isNull(adverseEvents.amendmentId)));
    }
    if (body.adverseEvents.length) await tx.insert(adverseEvents).values(eventRows(actor, c, noteId, body.adverseEvents));
    await recordAudit(tx, actor, {
      action: existing ? 'note.update' : 'note.create', entityType: 'session_note', entityId: noteId,
      details: { clientId: c.clientId, bookingId, revision },
    });
    if (body.adverseEvents.length && !(existing && sameEvents(existing.events, body.adverseEvents))) {
      await recordAudit(tx, actor, { action: 'adverse_event.record', entityType: 'adverse_event', entityId: null, details: { clientId: c.clientId, noteId, count: body.adverseEvents.length } });
    }
    return (await loadNote(tx, actor.clinicId, bookingId))!;
  });
  return { created: !existing, note: noteView(stored) };
}

/**
 * Signs a draft: refused while a needled session lacks its counts, while the counts differ
 * without a discrepancy record (`needles-unreconciled`), and while a screening finding that
 * asks for review is unacknowledged (`review-outstanding`). A signed note is locked.
 */
export async function signNote(ctx: AppContext, actor: Actor, bookingId: string, body: { baseRevision?: number }): Promise<Note> {
  const c = await readable(ctx, actor, bookingId);
  writer(actor, c);
  if (!c.note) throw new AppError(422, 'note-empty', 'Nothing to sign', 'Write the note before signing it.');
  if (c.note.status === 'signed') await refuseSigned(ctx, actor, c, 'sign');
  if (body.baseRevision !== undefined && body.baseRevision !== c.note.revision) throw stale();
  const { reviewOutstanding } = await screeningOf(ctx.database.db, actor, c);
  const problems = signProblems({ ...c.note, template: c.note.template as NoteTemplate }, reviewOutstanding);
  if (problems.length) {
    const [first] = problems;
    throw new AppError(first!.status, first!.code, 'Not signed yet', first!.detail, { problems: problems.map((p) => ({ code: p.code, detail: p.detail })) });
  }
  const note = c.note;
  const stored = await ctx.database.transaction(async (tx) => {
    const [row] = await tx.update(sessionNotes).set({ status: 'signed', signedAt: new Date(), signedBy: actor.userId, updatedAt: new Date() })
      .where(and(eq(sessionNotes.clinicId, actor.clinicId), eq(sessionNotes.id, note.id), eq(sessionNotes.status, 'draft'), eq(sessionNotes.revision, note.revision)))
      .returning({ id: sessionNotes.id });
    if (!row) throw stale();
    await recordAudit(tx, actor, { action: 'note.sign', entityType: 'session_note', entityId: note.id, details: { clientId: c.clientId, bookingId, revision: note.revision } });
    return (await loadNote(tx, actor.clinicId, bookingId))!;
  });
  return noteView(stored);
}

/**
 * Corrects a signed note: the original stays as signed; the amendment records each changed
 * field before and after, who and why, and any adverse event noticed later. The corrected
 * note must still be reconciled (counts equal, or a discrepancy record).
 */
export async function amendNote(ctx: AppContext, actor: Actor, bookingId: string, body: AmendBody): Promise<Note> {
  const c = await readable(ctx, actor, bookingId);
  writer(actor, c);
  if (!c.note || c.note.status !== 'signed') {
    throw new AppError(409, 'note-not-signed', 'Not signed yet', 'A draft is changed directly; amendments correct signed notes.');
  }
  const note = c.note;
  const template = note.template as NoteTemplate;
  const current = applyAmendments(amendable(note), note.amendments);
  const points = await checkedContent(ctx.database.db, actor, template, { fields: body.fields, points: body.points });
  const { reason, adverseEvents: events = [], ...rest } = body;
  const change: Partial<AmendableNote> = { ...rest, ...(points ? { points } : {}) };
  const changes = amendedFields(current, change);
  if (changes.length === 0 && events.length === 0) throw badRequest('The amendment changes nothing. Change a field or add an adverse event.');
  const after = applyAmendments(current, [{ changes }]);
  const needles = signProblems({ ...after, status: 'draft', template }, 0);
  if (needles.length) throw new AppError(needles[0]!.status, needles[0]!.code, 'Not amended', needles[0]!.detail);
  const stored = await ctx.database.transaction(async (tx) => {
    const [row] = await tx.insert(noteAmendments).values({ clinicId: actor.clinicId, noteId: note.id, authorId: actor.userId, reason, changes }).returning({ id: noteAmendments.id });
    if (events.length) await tx.insert(adverseEvents).values(eventRows(actor, c, note.id, events, row!.id));
    await recordAudit(tx, actor, {
      action: 'note.amend', entityType: 'note_amendment', entityId: row!.id,
      details: { clientId: c.clientId, bookingId, noteId: note.id, fields: changes.map((ch) => ch.field) },
    });
    if (events.length) {
      await recordAudit(tx, actor, { action: 'adverse_event.record', entityType: 'adverse_event', entityId: null, details: { clientId: c.clientId, noteId: note.id, amendmentId: row!.id, count: events.length } });
    }
    return (await loadNote(tx, actor.clinicId, bookingId))!;
  });
  return noteView(stored);
}
