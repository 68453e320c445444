/**
 * Progress photos (issue 12): taken only under the client's photo consent (a consent form
 * of its own, `photos`, revocable at any time), uploaded by the client or their care team,
 * seen only by them. Photos are health data: every list, view, upload and deletion is
 * audited with identifiers only (never the image, never the file name), and nothing about
 * them is logged.
 *
 * Who may: the client themself, the owner and the practitioners who treat the client (or
 * whom the owner widened): `canSeeClinicalRecord`. Anyone else, reception included, is
 * answered 404 as if the client had no photos, and the refusal is audited.
 */
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { bookings, careTeam, clients, clinics, progressPhotos } from '../../data/schema/index.ts';
import { canSeeClinicalRecord } from '../../domain/access/access-rules.ts';
import { tagProblem } from '../../domain/photos/progress-photos.ts';
import type { AppContext } from '../../server/context.ts';
import { AppError, badRequest, notFound } from '../../server/errors.ts';
import { notOwnRecord, type Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { formStatus, renderConsentText, withdrawForm } from '../consent/consent.service.ts';
import { PHOTO_CONSENT } from '../consent/consent-defaults.ts';
import { enqueueEmail } from '../notifications/outbox.repository.ts';
import { renderEmail } from '../notifications/email-template.ts';
import { localDateOf, todayIn } from '../scheduling/clinic-time.ts';
import { sessionPosition } from '../outcomes/outcomes.service.ts';
import { processProgressPhoto } from './progress-photo-processing.ts';
import { deletePhotos, photoBytesOf, photosOf, toProgressPhoto } from './progress-photos.repository.ts';
import type { ProgressPhoto, ProgressPhotoList, UploadFields } from './progress-photos.schema.ts';

/** The form field that carries the file. */
export const PROGRESS_PHOTO_FIELD = 'photo';

/**
 * The client, if the actor may see their photos; otherwise 404 (audited as a refusal),
 * whether the client is in another clinic, is someone else, or the actor is reception.
 */
async function photoAccess(q: Queryable, actor: Actor, clientId: string) {
  const [client] = await q.select({ id: clients.id, name: clients.name, email: clients.email }).from(clients)
    .where(and(eq(clients.clinicId, actor.clinicId), eq(clients.id, clientId)));
  if (!client) throw notOwnRecord(actor, 'client', clientId, 'The client');
  const team = await q.select({ p: careTeam.practitionerId }).from(careTeam).where(and(eq(careTeam.clinicId, actor.clinicId), eq(careTeam.clientId, clientId)));
  if (!canSeeClinicalRecord(actor, { id: clientId, careTeam: team.map((t) => t.p) })) throw notOwnRecord(actor, 'client', clientId, 'The client');
  return client;
}

const noConsent = (actor: Actor) => new AppError(403, 'photo-consent-required', 'Photo consent needed',
  actor.role === 'client'
    ? 'Please read and agree to the photo consent first. Your photos are kept only while you agree.'
    : 'This client has not agreed to progress photos (or has withdrawn their agreement), so no photo can be added. They can agree on their progress page.');

/** The photo consent as shown on the page: its text, and where the client stands. */
async function consentView(q: Queryable, clinicId: string, clientId: string) {
  const form = await formStatus(q, clinicId, clientId, PHOTO_CONSENT);
  return {
    form,
    view: {
      status: form.status, signedAt: form.signed?.signedAt ?? null,
      current: { version: form.current.version, title: form.current.title, html: renderConsentText(form.current.body), textHash: form.current.textHash },
    },
  };
}

/** A client's photos (without bytes) and their photo consent; audited as one reading of the list. */
export async function listPhotos(ctx: AppContext, actor: Actor, clientId: string): Promise<ProgressPhotoList> {
  return ctx.database.transaction(async (tx) => {
    const client = await photoAccess(tx, actor, clientId);
    const [{ view }, rows] = await Promise.all([consentView(tx, actor.clinicId, clientId), photosOf(tx, actor.clinicId, clientId)]);
    await recordAudit(tx, actor, { action: 'photo.list', entityType: 'client', entityId: clientId, details: { clientId, photos: rows.length } });
    return { clientId, clientName: client.name, timeZone: actor.timeZone, consent: view, photos: rows.map((r) => toProgressPhoto(actor.clinicSlug, r)) };
  });
}

/** One size of one photo; every view is audited (a thumbnail too: it shows the face). */
export async function photoImage(ctx: AppContext, actor: Actor, clientId: string, photoId: string, size: 'full' | 'thumb'): Promise<Buffer> {
  return ctx.database.transaction(async (tx) => {
    await photoAccess(tx, actor, clientId);
    const bytes = await photoBytesOf(tx, actor.clinicId, clientId, photoId, size);
    if (!bytes) throw notFound('The photo');
    await recordAudit(tx, actor, { action: 'photo.view', entityType: 'progress_photo', entityId: photoId, details: { clientId, size } });
    return bytes;
  });
}

/**
 * Adds a photo. Access and consent are checked before the upload is read; the file is
 * checked and re-encoded before anything is written; consent is checked again in the
 * transaction that writes, so a withdrawal in between wins.
 */
export async function uploadPhoto(
  ctx: AppContext, actor: Actor, clientId: string, readUpload: () => Promise<{ file: Buffer; fields: Record<string, string> }>,
  parseFields: (fields: Record<string, string>) => UploadFields,
): Promise<ProgressPhoto> {
  await ctx.database.transaction(async (tx) => {
    await photoAccess(tx, actor, clientId);
    if ((await formStatus(tx, actor.clinicId, clientId, PHOTO_CONSENT)).status !== 'signed') throw noConsent(actor);
  });
  const upload = await readUpload();
  const fields = parseFields(upload.fields);
  const processed = await processProgressPhoto(upload.file);
  return ctx.database.transaction(async (tx) => {
    await photoAccess(tx, actor, clientId);
    const consent = await formStatus(tx, actor.clinicId, clientId, PHOTO_CONSENT);
    if (consent.status !== 'signed' || !consent.signed) throw noConsent(actor);
    const tag = await sessionTag(tx, actor, clientId, fields);
    const [row] = await tx.insert(progressPhotos).values({
      clinicId: actor.clinicId, clientId, bookingId: fields.bookingId ?? null, ...tag, view: fields.view,
      width: processed.width, height: processed.height, image: processed.image, thumbnail: processed.thumbnail,
      consentId: consent.signed.id, uploadedBy: actor.userId, uploadedByRole: actor.role,
    }).returning();
    await recordAudit(tx, actor, {
      action: 'photo.upload', entityType: 'progress_photo', entityId: row!.id,
      details: { clientId, bookingId: row!.bookingId, stage: row!.stage, sessionNumber: row!.sessionNumber, view: row!.view, sourceType: processed.sourceType, sourceBytes: upload.file.length },
    });
    return toProgressPhoto(actor.clinicSlug, row!);
  });
}

/**
 * The stage, session number and day of a new photo. From a session note (a booking of the
 * client): the session's day, and its number in the course unless given. Otherwise the
 * day given (never in the future) or today, in the clinic's time zone.
 */
async function sessionTag(tx: Queryable, actor: Actor, clientId: string, fields: UploadFields) {
  let takenOn = fields.takenOn;
  let sessionNumber = fields.sessionNumber ?? null;
  if (fields.bookingId) {
    const [b] = await tx.select().from(bookings).where(and(eq(bookings.clinicId, actor.clinicId), eq(bookings.id, fields.bookingId), eq(bookings.clientId, clientId)));
    if (!b) throw badRequest('That session is not one of this client’s.', [{ field: 'bookingId', message: 'Not a session of this client' }]);
    takenOn ??= localDateOf(b.startsAt.getTime(), actor.timeZone);
    if (fields.stage === 'session' && sessionNumber === null && b.serviceId) sessionNumber = (await sessionPosition(tx, b)).sessionNumber;
  }
  const today = todayIn(actor.timeZone);
  takenOn ??= today;
  if (takenOn > today) throw badRequest('A photo cannot be dated in the future.', [{ field: 'takenOn', message: 'Choose today or an earlier day' }]);
  const problem = tagProblem({ stage: fields.stage, sessionNumber, view: fields.view });
  if (problem) throw badRequest(problem, [{ field: 'sessionNumber', message: problem }]);
  return { stage: fields.stage, sessionNumber, takenOn };
}

/** Deletes one photo at once (the client, or their care team). */
export async function deletePhoto(ctx: AppContext, actor: Actor, clientId: string, photoId: string) {
  await ctx.database.transaction(async (tx) => {
    await photoAccess(tx, actor, clientId);
    const [deleted] = await deletePhotos(tx, actor.clinicId, clientId, photoId);
    if (!deleted) throw notFound('The photo');
    await recordAudit(tx, actor, { action: 'photo.delete', entityType: 'progress_photo', entityId: photoId, details: { clientId } });
  });
}

/**
 * Withdraws the client's photo consent and deletes every progress photo of theirs in the
 * same transaction, at once. The client may do it themself; their care team records it
 * when the client tells the clinic. Either way the client gets an e-mail saying what
 * happened (no photo in it), and the audit row says how many photos were deleted.
 */
export async function withdrawPhotoConsent(ctx: AppContext, actor: Actor, clientId: string) {
  return ctx.database.transaction(async (tx) => {
    const client = await photoAccess(tx, actor, clientId);
    const withdrawn = await withdrawForm(tx, actor.clinicId, clientId, PHOTO_CONSENT, new Date());
    const removed = await deletePhotos(tx, actor.clinicId, clientId);
    if (!withdrawn && !removed.length) {
      throw new AppError(409, 'no-photo-consent', 'Nothing to withdraw', 'There is no photo consent to withdraw and no photos to delete.');
    }
    await recordAudit(tx, actor, { action: 'photo.consent_withdrawn', entityType: 'client', entityId: clientId, details: { clientId, photosRemoved: removed.length, self: actor.role === 'client' } });
    const photos = removed.length === 1 ? '1 progress photo' : `${removed.length} progress photos`;
    if (client.email) {
      const [clinic] = await tx.select({ name: clinics.name }).from(clinics).where(eq(clinics.id, actor.clinicId));
      await enqueueEmail(tx, {
        clinicId: actor.clinicId, to: client.email, subject: 'Your photo consent is withdrawn',
        ...renderEmail({
          greeting: client.name,
          paragraphs: [
            actor.role === 'client' ? 'You withdrew your consent to progress photos.' : 'As you asked, the clinic recorded that you withdrew your consent to progress photos.',
            removed.length ? `We deleted ${photos} straight away; nobody can see them any more.` : 'There were no photos to delete.',
            'No new progress photos will be taken unless you agree again. Your treatment is not affected.',
          ],
          footer: clinic?.name ?? 'Yintang',
        }),
      });
    }
    return {
      withdrawn: withdrawn > 0,
      photosRemoved: removed.length,
      message: `Photo consent withdrawn. ${removed.length ? `${photos[0]!.toUpperCase()}${photos.slice(1)} deleted` : 'There were no photos to delete'}; ${actor.role === 'client' ? 'we have e-mailed you a note of this' : 'the client has been told by e-mail'}.`,
    };
  });
}
