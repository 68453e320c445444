import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import sharp from 'sharp';
import { auditLog, bookings, careTeam, consents, progressPhotos } from '../../data/schema/index.ts';
import { buildTestApp, type TestClient, type TestContext } from '../../server/test-app.ts';
import { addClientWithAccount, createClinicFixture, type ClinicFixture } from '../booking/booking.test-helpers.ts';
import { formData, pixel, plainPhoto, pngBomb, sidewaysPhoto, JADE, CLAY } from './progress-photos.test-helpers.ts';
import { PROGRESS_PHOTO_MAX_BYTES } from '../../domain/photos/progress-photos.ts';

/**
 * Progress photos over HTTP. Fay comes for facial acupuncture; her practitioner (Pat) is
 * on her care team; Bob is another client; Sam is a practitioner who does not treat her;
 * another clinic's owner has no business with her. Dates are fixed and in the past.
 */
let t: TestContext;
let f: ClinicFixture;
let other: ClinicFixture;
let fay: Awaited<ReturnType<typeof addClientWithAccount>>;
let bob: Awaited<ReturnType<typeof addClientWithAccount>>;
let fayClient: TestClient;
let bobClient: TestClient;
let pat: TestClient;
let owner: TestClient;
let session10: string;
const url = (path: string, slug = f.slug) => `/api/v1/clinics/${slug}${path}`;
const photosUrl = (clientId = fay.clientId, slug = f.slug) => url(`/clients/${clientId}/progress-photos`, slug);

interface Upload { file: Buffer | string; filename?: string; type?: string; fields?: Record<string, string> }
function upload(who: TestClient, u: Upload, clientId = fay.clientId, slug = f.slug) {
  const fields = u.fields ?? { stage: 'baseline', view: 'front', takenOn: '2025-03-03' };
  const form = formData([
    ...Object.entries(fields).map(([name, data]) => ({ name, data })),
    { name: 'photo', filename: u.filename ?? 'face.jpg', type: u.type ?? 'image/jpeg', data: u.file },
  ]);
  return who.request('POST', photosUrl(clientId, slug), form.body, form.headers);
}

const photoRows = (clientId = fay.clientId) => t.database.db.select({ id: progressPhotos.id }).from(progressPhotos).where(eq(progressPhotos.clientId, clientId));
const audits = (action: string) => t.database.db.select().from(auditLog).where(and(eq(auditLog.clinicId, f.clinicId), eq(auditLog.action, action)));

async function signPhotoConsent(who: TestClient, clientId: string) {
  const list = await who.get(photosUrl(clientId));
  expect(list.statusCode).toBe(200);
  const { version, textHash } = list.json().consent.current;
  const res = await who.post(url('/me/consents'), { kind: 'photos', version, textHash, typedName: 'Fay Facial', agree: true });
  expect(res.statusCode).toBe(201);
}

beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'photo-clinic' });
  other = await createClinicFixture(t, { slug: 'photo-elsewhere' });
  fay = await addClientWithAccount(t, f, 'Fay Facial', 'fay.photos@example.com');
  bob = await addClientWithAccount(t, f, 'Bob Other', 'bob.photos@example.com');
  await t.database.db.insert(careTeam).values({ clinicId: f.clinicId, clientId: fay.clientId, practitionerId: f.practitionerId });
  // Ten past facial sessions, weekly from Monday 6 January 2025; the tenth is photographed from its note.
  for (let week = 0; week < 10; week++) {
    const startsAt = new Date(Date.UTC(2025, 0, 6 + 7 * week, 10));
    const endsAt = new Date(startsAt.getTime() + 3_600_000);
    const [b] = await t.database.db.insert(bookings).values({
      clinicId: f.clinicId, serviceId: f.services.facial, practitionerId: f.practitionerId, clientId: fay.clientId,
      startsAt, endsAt, blockedStart: startsAt, blockedEnd: endsAt, status: 'completed', source: 'staff', createdAt: new Date(Date.UTC(2024, 11, 1)),
    }).returning({ id: bookings.id });
    session10 = b!.id;
  }
  [fayClient, bobClient, pat, owner] = await Promise.all([fay.signIn(), bob.signIn(), f.signIn('practitioner'), f.signIn('owner')]);
});
afterAll(() => t.close());

describe('photo consent', () => {
  it('refuses an upload without the client’s photo consent (403, nothing stored), for the client and for their practitioner', async () => {
    const list = await fayClient.get(photosUrl());
    expect(list.statusCode).toBe(200);
    expect(list.json().consent).toMatchObject({ status: 'missing', signedAt: null, current: { version: 1, title: 'Consent to progress photos' } });
    for (const who of [fayClient, pat]) {
      const res = await upload(who, { file: await plainPhoto(400, 400) });
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().type).toContain('photo-consent-required');
    }
    expect(await photoRows()).toHaveLength(0);
  });

  it('is a consent form of its own: signed by the client, shown to their practitioner as signed', async () => {
    await signPhotoConsent(fayClient, fay.clientId);
    expect((await fayClient.get(photosUrl())).json().consent.status).toBe('signed');
    const staff = await pat.get(url(`/clients/${fay.clientId}/consents`));
    expect(staff.json().kinds.find((k: { kind: string }) => k.kind === 'photos')).toMatchObject({ label: 'Progress photos', status: 'signed' });
    // The owner may edit its text like any other consent form.
    expect((await owner.get(url('/consent-templates'))).json().items.map((i: { kind: string }) => i.kind)).toContain('photos');
  });
});

describe('uploading a progress photo', () => {
  let baselineId = '';

  it('turns the photo upright, strips every piece of metadata (GPS too), resizes it and ignores a path-like file name', async () => {
    const res = await upload(fayClient, { file: await sidewaysPhoto('jpeg', 2400, 1800), filename: '../../../etc/passwd.jpg', type: 'text/plain' });
    expect(res.statusCode).toBe(201);
    const photo = res.json();
    baselineId = photo.id;
    expect(photo).toMatchObject({ stage: 'baseline', sessionNumber: null, view: 'front', label: 'Baseline · Front', takenOn: '2025-03-03', uploadedBy: 'client', width: 1200, height: 1600 });
    expect(photo.imageUrl).toBe(url(`/clients/${fay.clientId}/progress-photos/${photo.id}/full`));

    const image = await fayClient.get(photo.imageUrl);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(image.headers['cache-control']).toBe('no-store, private');
    const meta = await sharp(image.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 1200, height: 1600 });
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(image.rawPayload.toString('latin1')).not.toContain('YintangTestCam');
    // Upright: the left half of the sideways pixels (jade) is now the top.
    expect(await pixel(image.rawPayload, 600, 200)).toMatchObject({ r: expect.closeTo(JADE.r, -1), g: expect.closeTo(JADE.g, -1) });
    expect(await pixel(image.rawPayload, 600, 1400)).toMatchObject({ r: expect.closeTo(CLAY.r, -1), g: expect.closeTo(CLAY.g, -1) });

    const thumb = await pat.get(photo.thumbnailUrl);
    expect(thumb.statusCode).toBe(200);
    expect(await sharp(thumb.rawPayload).metadata()).toMatchObject({ width: 300, height: 400 });

    const [audit] = await audits('photo.upload');
    expect(audit!.details).toMatchObject({ clientId: fay.clientId, stage: 'baseline', sourceType: 'jpeg' });
    expect(JSON.stringify(audit!.details)).not.toContain('passwd');
    expect((await audits('photo.view')).map((a) => a.actorRole).sort()).toEqual(['client', 'practitioner']);
  });

  it('tags a photo from a session note with that session’s day and its number in the course', async () => {
    const res = await upload(pat, { file: await plainPhoto(900, 1200, 'png'), type: 'image/png', fields: { stage: 'session', view: 'front', bookingId: session10 } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ stage: 'session', sessionNumber: 10, takenOn: '2025-03-10', label: 'Session 10 · Front', bookingId: session10, uploadedBy: 'staff' });
    const list = (await fayClient.get(photosUrl())).json();
    expect(list.photos.map((p: { id: string }) => p.id)[0]).toBe(baselineId);
    expect(list.photos).toHaveLength(2);
  });

  it('accepts WebP, and refuses a bad tag, a future day and another client’s session with 400', async () => {
    expect((await upload(pat, { file: await plainPhoto(600, 600, 'webp'), fields: { stage: 'session', sessionNumber: '3', view: 'left', takenOn: '2025-01-20' } })).statusCode).toBe(201);
    const before = (await photoRows()).length;
    const noNumber = await upload(pat, { file: await plainPhoto(400, 400), fields: { stage: 'session', view: 'front', takenOn: '2025-03-03' } });
    expect(noNumber.statusCode).toBe(400);
    expect(noNumber.json().errors).toEqual([{ field: 'sessionNumber', message: 'Enter the session number' }]);
    expect((await upload(pat, { file: await plainPhoto(400, 400), fields: { stage: 'baseline', view: 'top', takenOn: '2025-03-03' } })).statusCode).toBe(400);
    expect((await upload(pat, { file: await plainPhoto(400, 400), fields: { stage: 'baseline', view: 'front', takenOn: '2999-01-01' } })).statusCode).toBe(400);
    const bobBooking = await t.database.db.insert(bookings).values({
      clinicId: f.clinicId, serviceId: f.services.facial, practitionerId: f.practitionerId, clientId: bob.clientId, startsAt: new Date(Date.UTC(2025, 0, 7, 10)),
      endsAt: new Date(Date.UTC(2025, 0, 7, 11)), blockedStart: new Date(Date.UTC(2025, 0, 7, 10)), blockedEnd: new Date(Date.UTC(2025, 0, 7, 11)), status: 'completed', source: 'staff',
    }).returning({ id: bookings.id });
    expect((await upload(pat, { file: await plainPhoto(400, 400), fields: { stage: 'session', view: 'front', bookingId: bobBooking[0]!.id } })).statusCode).toBe(400);
    expect(await photoRows()).toHaveLength(before);
  });

  it('refuses a file that is not a photo, a wrong type by content, an oversize file and a decompression bomb; nothing is stored', async () => {
    const before = (await photoRows()).length;
    const cases: { file: Buffer | string; filename?: string; type?: string; status: number; code: string }[] = [
      { file: 'just some text', filename: 'face.jpg', type: 'image/jpeg', status: 415, code: 'unsupported-photo' },
      { file: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', filename: 'face.png', type: 'image/png', status: 415, code: 'unsupported-photo' },
      // A GIF named and declared as a JPEG: the content decides.
      { file: await sharp({ create: { width: 300, height: 300, channels: 3, background: JADE } }).gif().toBuffer(), status: 415, code: 'unsupported-photo' },
      // A JPEG signature on a PNG body: the decoder and the signature disagree.
      { file: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), (await plainPhoto(300, 300, 'png')).subarray(3)]), status: 422, code: 'unreadable-photo' },
      { file: Buffer.alloc(PROGRESS_PHOTO_MAX_BYTES + 1, 0xff), status: 413, code: 'photo-too-large' },
      { file: pngBomb(20_000, 20_000), filename: 'bomb.png', type: 'image/png', status: 422, code: 'photo-too-many-pixels' },
      { file: await plainPhoto(150, 400), status: 422, code: 'photo-too-small' },
    ];
    for (const c of cases) {
      const res = await upload(fayClient, c);
      expect(res.statusCode, c.code).toBe(c.status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().type).toContain(c.code);
    }
    const notMultipart = await fayClient.request('POST', photosUrl(), await plainPhoto(300, 300), { 'content-type': 'image/jpeg' });
    expect(notMultipart.statusCode).toBe(415);
    expect(await photoRows()).toHaveLength(before);
  });
});

describe('who may see the photos', () => {
  it('answers 404 to another client, a practitioner who does not treat her, reception and another clinic, and audits the refusals', async () => {
    const { photos } = (await fayClient.get(photosUrl())).json();
    const photo = photos[0];
    const [sam, reception, elsewhere] = await Promise.all([f.signIn('second'), f.signIn('reception'), other.signIn('owner')]);
    for (const who of [bobClient, sam, reception]) {
      expect((await who.get(photosUrl())).statusCode).toBe(404);
      expect((await who.get(photo.imageUrl)).statusCode).toBe(404);
      expect((await who.get(photo.thumbnailUrl)).statusCode).toBe(404);
      expect((await upload(who, { file: await plainPhoto(400, 400) })).statusCode).toBe(404);
      expect((await who.delete(url(`/clients/${fay.clientId}/progress-photos/${photo.id}`))).statusCode).toBe(404);
      expect((await who.post(url(`/clients/${fay.clientId}/photo-consent/withdraw`))).statusCode).toBe(404);
    }
    // Another clinic: its own address with Fay's id, and Fay's clinic's address.
    expect((await elsewhere.get(photosUrl(fay.clientId, other.slug))).statusCode).toBe(404);
    expect((await elsewhere.get(photo.imageUrl.replace(f.slug, other.slug))).statusCode).toBe(404);
    expect((await elsewhere.get(photo.imageUrl)).statusCode).toBe(404);
    // Nobody signed in.
    expect((await t.client().get(photo.imageUrl)).statusCode).toBe(401);
    // Bob's own list is empty and a photo of Fay's is not found under Bob's address.
    expect((await bobClient.get(photosUrl(bob.clientId))).json().photos).toEqual([]);
    expect((await bobClient.get(url(`/clients/${bob.clientId}/progress-photos/${photo.id}/full`))).statusCode).toBe(404);
    expect((await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.entityId, fay.clientId)))).length).toBeGreaterThanOrEqual(15);
    expect(await photoRows()).toHaveLength(photos.length);
  });

  it('lets the care team delete one photo at once', async () => {
    const { photos } = (await pat.get(photosUrl())).json();
    const last = photos[photos.length - 1];
    expect((await pat.delete(url(`/clients/${fay.clientId}/progress-photos/${last.id}`))).statusCode).toBe(200);
    expect((await pat.get(last.imageUrl)).statusCode).toBe(404);
    expect(await audits('photo.delete')).toHaveLength(1);
  });
});

describe('withdrawing photo consent', () => {
  it('deletes every photo at once, tells the client by e-mail, and refuses new uploads', async () => {
    const { photos } = (await fayClient.get(photosUrl())).json();
    expect(photos.length).toBe(2);
    const res = await fayClient.post(url(`/clients/${fay.clientId}/photo-consent/withdraw`));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ withdrawn: true, photosRemoved: 2 });
    expect(res.json().message).toContain('2 progress photos deleted');
    expect(await photoRows()).toHaveLength(0);
    for (const p of photos) expect((await pat.get(p.imageUrl)).statusCode).toBe(404);
    const list = (await fayClient.get(photosUrl())).json();
    expect(list).toMatchObject({ photos: [], consent: { status: 'missing' } });
    // The signature is kept, marked withdrawn: the record that consent was given, and when it ended.
    const [signature] = await t.database.db.select().from(consents).where(and(eq(consents.clientId, fay.clientId), eq(consents.serviceKind, 'photos')));
    expect(signature!.withdrawnAt).toBeInstanceOf(Date);
    const [mail] = (await t.emailsTo('fay.photos@example.com')).filter((m) => m.subject === 'Your photo consent is withdrawn');
    expect(mail!.text).toContain('We deleted 2 progress photos straight away');
    const [audit] = await audits('photo.consent_withdrawn');
    expect(audit!.details).toMatchObject({ clientId: fay.clientId, photosRemoved: 2, self: true });
    expect((await upload(pat, { file: await plainPhoto(400, 400) })).statusCode).toBe(403);
    expect((await fayClient.post(url(`/clients/${fay.clientId}/photo-consent/withdraw`))).statusCode).toBe(409);
  });

  it('can be recorded by the practitioner when the client tells the clinic; the client is told by e-mail', async () => {
    await signPhotoConsent(fayClient, fay.clientId);
    expect((await upload(pat, { file: await plainPhoto(400, 400) })).statusCode).toBe(201);
    const res = await pat.post(url(`/clients/${fay.clientId}/photo-consent/withdraw`));
    expect(res.json()).toMatchObject({ withdrawn: true, photosRemoved: 1 });
    const mails = (await t.emailsTo('fay.photos@example.com')).filter((m) => m.subject === 'Your photo consent is withdrawn');
    expect(mails.some((m) => m.text.includes('the clinic recorded that you withdrew') && m.text.includes('We deleted 1 progress photo straight away'))).toBe(true);
    expect(await photoRows()).toHaveLength(0);
    expect((await t.database.db.select().from(auditLog).where(like(auditLog.action, 'photo.%'))).every((a) => !JSON.stringify(a.details).includes('.jpg'))).toBe(true);
  });
});
