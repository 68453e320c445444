import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import {
  bookings, clinics, consents, consentTemplates, formResponses, formVersions, outcomeRequests, recordShares, services, sessionNotes, users,
} from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import type { Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { describeAnswer, type AnswerValue, type FormDefinition, type Question } from '../../domain/intake/index.ts';
import type { Questionnaire } from '../../domain/outcomes/measures.ts';
import type { NotePoint } from '../../domain/notes/note-kinds.ts';
import { clientBundle, type FhirExportInput } from '../../domain/fhir/client-bundle.ts';
import { clinicalClient } from './clinical-access.ts';
import { fieldLabel } from '../../domain/notes/templates.ts';
import type { FhirExportBody } from './clinical-record.schema.ts';

/**
 * A client's record as a FHIR R4 Bundle, for a referral or a move to another clinic. The
 * owner or a practitioner who treats the client records to whom and why, and that the
 * client agreed; that share is stored (record_shares), becomes a Consent in the Bundle and
 * is audited in the same transaction. Reception, other practitioners and other clinics get
 * 404 as for the PDF. Only signed notes are part of the record.
 */
export async function exportClientFhir(ctx: AppContext, actor: Actor, clientId: string, body: FhirExportBody) {
  return ctx.database.transaction(async (tx) => {
    const client = await clinicalClient(tx, actor, clientId);
    const mine = (t: { clinicId: AnyPgColumn; clientId: AnyPgColumn }) => and(eq(t.clinicId, actor.clinicId), eq(t.clientId, clientId));
    const [clinic] = await tx.select().from(clinics).where(eq(clinics.id, actor.clinicId));
    const visits = await tx.select({ b: bookings, serviceName: services.name }).from(bookings)
      .leftJoin(services, and(eq(services.clinicId, bookings.clinicId), eq(services.id, bookings.serviceId)))
      .where(and(mine(bookings), eq(bookings.kind, 'appointment'))).orderBy(asc(bookings.startsAt));
    const notes = await tx.select().from(sessionNotes).where(and(mine(sessionNotes), eq(sessionNotes.status, 'signed')));
    const [intake] = await tx.select({ r: formResponses, definition: formVersions.definition }).from(formResponses)
      .leftJoin(formVersions, and(eq(formVersions.clinicId, formResponses.clinicId), eq(formVersions.formKey, formResponses.formKey), eq(formVersions.version, formResponses.formVersion)))
      .where(and(mine(formResponses), eq(formResponses.formKey, 'intake'), eq(formResponses.status, 'submitted')))
      .orderBy(desc(formResponses.version)).limit(1);
    const outcomes = await tx.select().from(outcomeRequests).where(and(mine(outcomeRequests), eq(outcomeRequests.status, 'answered'))).orderBy(asc(outcomeRequests.answeredAt));
    const signed = await tx.select({ c: consents, title: consentTemplates.title }).from(consents)
      .innerJoin(consentTemplates, and(eq(consentTemplates.clinicId, consents.clinicId), eq(consentTemplates.serviceKind, consents.serviceKind), eq(consentTemplates.version, consents.templateVersion)))
      .where(mine(consents)).orderBy(asc(consents.signedAt));
    const practitionerIds = [...new Set([...visits.map((v) => v.b.practitionerId), ...notes.map((n) => n.practitionerId)].filter((id): id is string => !!id))];
    const practitioners = practitionerIds.length ? await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, practitionerIds)) : [];

    const [share] = await tx.insert(recordShares).values({ clinicId: actor.clinicId, clientId, recipient: body.recipient, purpose: body.purpose, recordedBy: actor.userId }).returning();
    const byBooking = new Map(visits.map((v) => [v.b.id, v]));
    const questions = ((intake?.definition as FormDefinition | null)?.sections ?? []).flatMap((s) => s.questions);
    const iso = (d: Date) => d.toISOString();
    const input: FhirExportInput = {
      shareId: share!.id,
      exportedAt: iso(share!.createdAt),
      clinic: { id: clinic!.id, name: clinic!.name, address: [clinic!.addressLine1, clinic!.town, clinic!.postcode].filter(Boolean).join(', ') || null, phone: clinic!.phone, email: clinic!.email },
      client: { id: client.id, name: client.name, email: client.email, phone: client.phone, dateOfBirth: client.dateOfBirth },
      practitioners,
      appointments: visits.map(({ b, serviceName }) => ({
        id: b.id, serviceName, practitionerId: b.practitionerId!, startsAt: iso(b.startsAt), endsAt: iso(b.endsAt), status: b.status, createdAt: iso(b.createdAt),
      })),
      sessions: notes.flatMap((n) => {
        const visit = byBooking.get(n.bookingId);
        if (!visit) return [];
        return [{
          noteId: n.id, bookingId: n.bookingId, practitionerId: n.practitionerId, startsAt: iso(visit.b.startsAt), endsAt: iso(visit.b.endsAt), serviceName: visit.serviceName,
          points: n.points as NotePoint[],
          needles: { brand: n.needleBrand, size: n.needleSize, lot: n.needleLot, countIn: n.needlesIn, countOut: n.needlesOut },
        }];
      }).sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
      intake: intake ? {
        id: intake.r.id,
        submittedAt: intake.r.submittedAt ? iso(intake.r.submittedAt) : null,
        answers: Object.entries(intake.r.answers).flatMap(([id, value]) => {
          const q = questions.find((x: Question) => x.id === id);
          const display = describeAnswer(q, value as AnswerValue);
          return display === 'Not answered' ? [] : [{ linkId: id, text: q?.label ?? fieldLabel(id), kind: q?.kind ?? null, value, display }];
        }),
      } : null,
      outcomes: outcomes.map((o) => {
        const questionnaire = o.questionnaire as unknown as Questionnaire;
        return {
          requestId: o.id, bookingId: o.bookingId, measureKey: o.measureKey, measureName: questionnaire.name ?? o.measureKey, answeredAt: iso(o.answeredAt!),
          scores: (questionnaire.scores ?? []).map((s) => ({ id: s.id, label: s.label, value: o.scores?.[s.id] ?? null })),
        };
      }),
      treatmentConsents: signed.map(({ c, title }) => ({
        id: c.id, title, version: c.templateVersion, textHash: c.textHash, signedAt: iso(c.signedAt), withdrawnAt: c.withdrawnAt ? iso(c.withdrawnAt) : null,
      })),
      share: { recipient: share!.recipient, purpose: share!.purpose, recordedAt: iso(share!.createdAt), recordedBy: { id: actor.userId, name: actor.name } },
    };
    const bundle = clientBundle(input);
    // Identifiers and counts only: who receives it and why are in record_shares, not the log.
    await recordAudit(tx, actor, {
      action: 'clinical_record.fhir_export', entityType: 'clinical_record', entityId: clientId,
      details: { clientId, shareId: share!.id, resources: bundle.entry.length },
    });
    return { bundle, clientName: client.name };
  });
}
