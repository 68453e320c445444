import { and, asc, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import { aliasedTable } from 'drizzle-orm';
import { DateTime } from 'luxon';
import {
  adverseEvents, bookings, clinics, consultationRecords, formResponses, formVersions, noteAmendments, services, sessionNotes, users,
} from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import type { Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { PdfWriter } from '../common/pdf.ts';
import { addDays, startOfLocalDate, formatWhen } from '../scheduling/clinic-time.ts';
import { describeAnswer, type AnswerValue, type FormDefinition, type Question } from '../../domain/intake/index.ts';
import { ADVERSE_EVENT_KIND_LABELS, ADVERSE_EVENT_SEVERITY_LABELS } from '../../domain/notes/adverse-event-register.ts';
import type { AdverseEventKind, AdverseEventSeverity, NotePoint } from '../../domain/notes/note-kinds.ts';
import { describeNoteField, fieldLabel } from '../../domain/notes/templates.ts';
import { GLOGAU, gradeLabel, scalesFootnote, scalesUsed, WSRS } from '../../domain/notes/clinician-scales.ts';
import { needlesAt, pointFinder, SIDE_LABELS } from '../../domain/protocols/protocols.ts';
import { clinicalClient } from './clinical-access.ts';
import type { RecordExportQuery } from './clinical-record.schema.ts';

/**
 * A client's clinical record as a PDF, for a GP letter or a subject access request: the
 * clinic, the client, their latest health answers, and each signed note of the period with
 * its points, needles, lot, adverse events and amendments. Drafts are not part of the
 * record until signed. For the owner and the practitioners who treat the client; audited.
 */

const author = aliasedTable(users, 'amendment_author');
const clinician = aliasedTable(users, 'note_practitioner');

/**
 * A note's filled-in fields as the template names them, a choice by its label (a Glogau
 * type as "Type III, advanced: wrinkles at rest"), and a footnote citing any clinician-rated
 * scale used.
 */
export function noteFieldsForRecord(template: string, fields: Record<string, string>) {
  const filled = Object.entries(fields).filter(([, v]) => typeof v === 'string' && v.trim() !== '');
  return {
    fields: filled.map(([k, v]) => {
      const { label, text } = describeNoteField(template, k, v);
      return { field: label, text };
    }),
    scalesNote: scalesFootnote(scalesUsed(Object.fromEntries(filled))) || null,
  };
}

const show = (v: unknown): string => (v === null || v === undefined || v === '' ? '(empty)' : typeof v === 'string' ? v : JSON.stringify(v));

export async function gatherClinicalRecord(ctx: AppContext, actor: Actor, clientId: string, query: RecordExportQuery) {
  return ctx.database.transaction(async (tx) => {
    const client = await clinicalClient(tx, actor, clientId);
    const [clinic] = await tx.select().from(clinics).where(eq(clinics.id, actor.clinicId));
    const fromInstant = query.from ? new Date(startOfLocalDate(query.from, actor.timeZone)) : undefined;
    const toInstant = query.to ? new Date(startOfLocalDate(addDays(query.to, 1), actor.timeZone)) : undefined;
    const [consultation] = await tx.select({ glogau: consultationRecords.glogau, foldLeft: consultationRecords.foldLeft, foldRight: consultationRecords.foldRight })
      .from(consultationRecords).where(and(eq(consultationRecords.clinicId, actor.clinicId), eq(consultationRecords.clientId, clientId)));
    const notes = await tx.select({ n: sessionNotes, startsAt: bookings.startsAt, serviceName: services.name, practitionerName: clinician.name })
      .from(sessionNotes)
      .innerJoin(bookings, and(eq(bookings.clinicId, sessionNotes.clinicId), eq(bookings.id, sessionNotes.bookingId)))
      .leftJoin(services, and(eq(services.clinicId, bookings.clinicId), eq(services.id, bookings.serviceId)))
      .leftJoin(clinician, eq(clinician.id, sessionNotes.practitionerId))
      .where(and(eq(sessionNotes.clinicId, actor.clinicId), eq(sessionNotes.clientId, clientId), eq(sessionNotes.status, 'signed'),
        fromInstant ? gte(bookings.startsAt, fromInstant) : undefined, toInstant ? lt(bookings.startsAt, toInstant) : undefined))
      .orderBy(asc(bookings.startsAt));
    const noteIds = notes.map((r) => r.n.id);
    const events = noteIds.length
      ? await tx.select().from(adverseEvents).where(and(eq(adverseEvents.clinicId, actor.clinicId), inArray(adverseEvents.noteId, noteIds))).orderBy(asc(adverseEvents.createdAt))
      : [];
    const amendments = noteIds.length
      ? await tx.select({ a: noteAmendments, authorName: author.name }).from(noteAmendments).leftJoin(author, eq(author.id, noteAmendments.authorId))
        .where(and(eq(noteAmendments.clinicId, actor.clinicId), inArray(noteAmendments.noteId, noteIds))).orderBy(asc(noteAmendments.createdAt))
      : [];
    const [intake] = await tx.select({ r: formResponses, definition: formVersions.definition }).from(formResponses)
      .leftJoin(formVersions, and(eq(formVersions.clinicId, formResponses.clinicId), eq(formVersions.formKey, formResponses.formKey), eq(formVersions.version, formResponses.formVersion)))
      .where(and(eq(formResponses.clinicId, actor.clinicId), eq(formResponses.clientId, clientId), eq(formResponses.formKey, 'intake'), eq(formResponses.status, 'submitted')))
      .orderBy(desc(formResponses.version)).limit(1);
    await recordAudit(tx, actor, {
      action: 'clinical_record.export', entityType: 'clinical_record', entityId: clientId,
      details: { clientId, notes: notes.length, ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}) },
    });
    const questions = ((intake?.definition as FormDefinition | null)?.sections ?? []).flatMap((s) => s.questions);
    return {
      preparedAt: new Date().toISOString(),
      preparedBy: actor.name,
      timeZone: actor.timeZone,
      period: { from: query.from ?? null, to: query.to ?? null },
      clinic: { name: clinic!.name, address: [clinic!.addressLine1, clinic!.town, clinic!.postcode].filter(Boolean).join(', '), phone: clinic!.phone, email: clinic!.email },
      client: { name: client.name, dateOfBirth: client.dateOfBirth, email: client.email, phone: client.phone, since: client.createdAt.toISOString() },
      health: intake ? {
        submittedAt: intake.r.submittedAt?.toISOString() ?? null,
        answers: Object.entries(intake.r.answers).map(([id, value]) => {
          const q = questions.find((x: Question) => x.id === id);
          return { question: q?.label ?? fieldLabel(id), answer: describeAnswer(q, value as AnswerValue) };
        }),
      } : null,
      /** The consultation record's clinician-rated skin scales, when any is rated. */
      consultationScales: consultation && (consultation.glogau || consultation.foldLeft || consultation.foldRight) ? {
        fields: [
          ['Photo-ageing (Glogau type)', gradeLabel(GLOGAU, consultation.glogau) ?? null],
          ['Nasolabial fold, left (WSRS)', gradeLabel(WSRS, consultation.foldLeft) ?? null],
          ['Nasolabial fold, right (WSRS)', gradeLabel(WSRS, consultation.foldRight) ?? null],
        ] as [string, string | null][],
        note: scalesFootnote(scalesUsed(consultation)),
      } : null,
      notes: notes.map(({ n, startsAt, serviceName, practitionerName }) => ({
        id: n.id, sessionAt: startsAt.toISOString(), service: serviceName, practitioner: practitionerName, template: n.template,
        ...noteFieldsForRecord(n.template, n.fields),
        points: n.points as NotePoint[],
        needles: { brand: n.needleBrand, size: n.needleSize, lot: n.needleLot, countIn: n.needlesIn, countOut: n.needlesOut, discrepancy: n.discrepancy },
        signedAt: n.signedAt?.toISOString() ?? null,
        adverseEvents: events.filter((e) => e.noteId === n.id).map((e) => ({
          kind: e.kind as AdverseEventKind, severity: e.severity as AdverseEventSeverity, description: e.description, actionTaken: e.actionTaken, byAmendment: e.amendmentId !== null,
        })),
        amendments: amendments.filter((a) => a.a.noteId === n.id).map(({ a, authorName }) => ({
          at: a.createdAt.toISOString(), by: authorName, reason: a.reason, changes: a.changes.map((c) => ({ field: fieldLabel(c.field), before: show(c.before), after: show(c.after) })),
        })),
      })),
    };
  });
}
export type ClinicalRecord = Awaited<ReturnType<typeof gatherClinicalRecord>>;

const day = (date: string) => DateTime.fromISO(date).setLocale('en-GB').toFormat('d LLLL yyyy');

/** The record as a readable A4 PDF. */
export async function clinicalRecordPdf(record: ClinicalRecord): Promise<Buffer> {
  const tz = record.timeZone;
  const when = (iso: string | null) => (iso ? formatWhen(Date.parse(iso), tz) : 'Not given');
  const period = record.period.from || record.period.to
    ? `Sessions ${record.period.from ? `from ${day(record.period.from)}` : ''}${record.period.from && record.period.to ? ' ' : ''}${record.period.to ? `to ${day(record.period.to)}` : ''}`
    : 'The whole record';
  const find = pointFinder([]);
  const w = new PdfWriter(`Clinical record: ${record.client.name}`, record.clinic.name);
  w.paragraph([record.clinic.name, record.clinic.address, [record.clinic.phone, record.clinic.email].filter(Boolean).join(' · ')].filter(Boolean).join('\n'), { muted: true, size: 9.5 });
  w.rule();
  w.title(`Clinical record: ${record.client.name}`, `${period}. Prepared by ${record.preparedBy} on ${when(record.preparedAt)}. Times are in ${tz}.`);
  w.paragraph('Confidential health information. Only signed notes are included; corrections made after signing are shown as amendments beside the original.', { muted: true, size: 9.5 });

  w.heading('Client', 1).fields([
    ['Name', record.client.name], ['Date of birth', record.client.dateOfBirth ? day(record.client.dateOfBirth) : null],
    ['E-mail', record.client.email], ['Phone', record.client.phone], ['Client since', when(record.client.since)],
  ]);

  w.heading('Health questions (latest answers)', 1);
  if (!record.health) w.paragraph('No health questions answered.', { muted: true });
  else {
    w.paragraph(`Sent ${when(record.health.submittedAt)}.`, { muted: true, size: 9.5 });
    w.list(record.health.answers.map((a) => `${a.question}: ${a.answer}`), 'No answers.');
  }

  if (record.consultationScales) {
    w.heading('Skin scales (consultation record)', 1).fields(record.consultationScales.fields);
    w.paragraph(`Scales: ${record.consultationScales.note}`, { muted: true, size: 8.5 });
  }

  w.heading(`Session notes (${record.notes.length})`, 1);
  if (record.notes.length === 0) w.paragraph('No signed notes in this period.', { muted: true });
  for (const note of record.notes) {
    w.heading(`${when(note.sessionAt)} · ${note.service ?? 'Session'}`, 2);
    w.paragraph(`${note.practitioner ?? 'Practitioner'} · signed ${when(note.signedAt)}`, { muted: true, size: 9.5 });
    if (note.fields.length) w.fields(note.fields.map((f) => [f.field, f.text]));
    if (note.scalesNote) w.paragraph(`Scales: ${note.scalesNote}`, { muted: true, size: 8.5 });
    if (note.points.length) {
      w.heading('Points', 3).list(note.points.map((p) => {
        const known = find(p.pointCode);
        const n = needlesAt(p);
        return `${known?.label ?? p.pointCode} · ${SIDE_LABELS[p.side] ?? p.side} · ${n} needle${n === 1 ? '' : 's'}${p.note ? ` · ${p.note}` : ''}`;
      }));
    }
    const nd = note.needles;
    w.heading('Needles', 3).fields([
      ['Brand and size', [nd.brand, nd.size].filter(Boolean).join(', ') || null], ['Lot', nd.lot],
      ['Count in / out', nd.countIn === null && nd.countOut === null ? null : `${nd.countIn ?? '?'} in, ${nd.countOut ?? '?'} out`],
      ...(nd.discrepancy ? [['Count difference', `Searched: ${nd.discrepancy.searched}. Found: ${nd.discrepancy.found}. Recovered: ${nd.discrepancy.recovered}.`] as [string, string]] : []),
    ]);
    w.heading('Adverse events', 3).list(note.adverseEvents.map((e) =>
      `${ADVERSE_EVENT_KIND_LABELS[e.kind]} (${ADVERSE_EVENT_SEVERITY_LABELS[e.severity].toLowerCase()})${e.description ? `: ${e.description}` : ''}${e.actionTaken ? ` Action: ${e.actionTaken}` : ''}${e.byAmendment ? ' (added by amendment)' : ''}`), 'None recorded.');
    if (note.amendments.length) {
      w.heading('Amendments', 3).list(note.amendments.flatMap((a) => [
        `${when(a.at)} by ${a.by ?? 'a former member of staff'}. Reason: ${a.reason}`,
        ...a.changes.map((c) => `   ${c.field}: “${c.before}” -> “${c.after}”`),
      ]));
    }
  }
  return w.finish();
}
