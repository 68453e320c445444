import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import sharp from 'sharp';
import { auditLog, practitionerPhotos, retiredPractitionerPhotos } from '../../data/schema/index.ts';
import { DEMO_PASSWORD } from '../../data/demo/demo-data.ts';
import type { TestClient, TestContext } from '../../server/test-app.ts';
import { staffProfilesFixture, type StaffProfilesFixture } from './staff-profiles.test-helpers.ts';
import { formData, pixel, pngBomb } from '../common/image-upload.test-helpers.ts';

let t: TestContext;
let owner: TestClient;
let tom: TestClient;
let ids: StaffProfilesFixture['ids'];

beforeAll(async () => {
  ({ t, owner, tom, ids } = await staffProfilesFixture());
});
afterAll(() => t.close());

const photoPath = (userId: string) => `/api/v1/clinics/jade-leaf-bath/members/${userId}/photo`;
const practitionerPage = (userId: string) => `/clinics/jade-leaf-bath/practitioners/${userId}`;

const upload = (client: TestClient, userId: string, data: Buffer | string, filename = 'me.png', type = 'image/png') => {
  const form = formData([{ name: 'photo', filename, type, data }]);
  return client.request('PUT', photoPath(userId), form.body, form.headers);
};

/** A portrait whose left half is jade and right half clay, so orientation can be seen. */
async function portrait(format: 'png' | 'jpeg' | 'webp', width = 300, height = 400) {
  const half = await sharp({ create: { width: Math.floor(width / 2), height, channels: 3, background: { r: 180, g: 105, b: 74 } } }).png().toBuffer();
  const image = sharp({ create: { width, height, channels: 3, background: { r: 47, g: 111, b: 94 } } })
    .composite([{ input: half, left: width - Math.floor(width / 2), top: 0 }]);
  return image.toFormat(format).toBuffer();
}

const photoRows = () => t.database.db.select({ hash: practitionerPhotos.hash }).from(practitionerPhotos);
const photoAudits = () => t.database.db.select().from(auditLog).where(like(auditLog.action, 'member.photo%'));

describe('practitioner photos', () => {
  let firstUrl = '';

  it('lets the owner upload a photo for a practitioner: resized WebP squares, served for a year under their content hash', async () => {
    const res = await upload(owner, ids.tom, await portrait('png'), 'tom.png');
    expect(res.statusCode).toBe(200);
    const photo = res.json();
    expect(photo.url).toMatch(/^\/media\/practitioners\/[0-9a-f]{32}-480\.webp$/);
    expect(photo.thumbnailUrl).toBe(photo.url.replace('-480.webp', '-160.webp'));
    firstUrl = photo.url;

    const image = await t.client().get(photo.url);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/webp');
    expect(image.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    const etag = image.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]{32}-480"$/);
    const meta = await sharp(image.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 480, height: 480 });
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    const thumb = await t.client().get(photo.thumbnailUrl);
    expect(await sharp(thumb.rawPayload).metadata()).toMatchObject({ format: 'webp', width: 160, height: 160 });

    // A browser revalidating what it holds gets 304, without the bytes.
    const again = await t.client().get(photo.url, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    expect((await t.client().get(photo.url.replace(/[0-9a-f]{32}/, 'f'.repeat(32)))).statusCode).toBe(404);
    expect((await t.client().get('/media/practitioners/not-a-photo.svg')).statusCode).toBe(404);

    const [audit] = await photoAudits();
    expect(audit).toMatchObject({ action: 'member.photo_upload', entityId: ids.tom, actorRole: 'owner' });
    expect(audit!.details).toMatchObject({ hash: photo.url.slice(21, 53), previousHash: null, sourceType: 'png' });
    expect(JSON.stringify(audit).length).toBeLessThan(2000);

    // The staff screens know about it.
    expect((await owner.get(`/api/v1/clinics/jade-leaf-bath/members/${ids.tom}/profile`)).json().photo).toMatchObject({ url: photo.url });
    const members = (await owner.get('/api/v1/clinics/jade-leaf-bath/members')).json().items as { userId: string; photoThumbnailUrl: string | null }[];
    expect(members.find((m) => m.userId === ids.tom)!.photoThumbnailUrl).toBe(photo.thumbnailUrl);
    expect(members.find((m) => m.userId === ids.priya)!.photoThumbnailUrl).toBeNull();
  });

  it('shows the photo on the public pages, in JSON-LD and Open Graph; others keep their initials', async () => {
    const [{ hash }] = (await photoRows()) as [{ hash: string }];
    const page = (await t.client().get(practitionerPage(ids.tom), { accept: 'text/html' })).body;
    expect(page).toContain(`<img src="/media/practitioners/${hash}-480.webp" alt="Photo of Tom Hughes"`);
    expect(page).toContain(`<meta property="og:image" content="http://yintang.test/media/practitioners/${hash}-480.webp"/>`);
    expect(page).toContain('<meta property="og:image:alt" content="Photo of Tom Hughes"/>');
    const person = JSON.parse(/<script type="application\/ld\+json">(\{"@context":"https:\/\/schema.org","@type":"Person".*?)<\/script>/.exec(page)![1]!);
    expect(person.image).toBe(`http://yintang.test/media/practitioners/${hash}-480.webp`);

    const priya = (await t.client().get(practitionerPage(ids.priya), { accept: 'text/html' })).body;
    expect(priya).not.toContain('og:image');
    expect(priya).toContain('class="avatar avatar-lg"');

    const clinic = (await t.client().get('/clinics/jade-leaf-bath', { accept: 'text/html' })).body;
    expect(clinic).toContain(`src="/media/practitioners/${hash}-160.webp"`);
    expect(clinic).toContain(`"name":"Tom Hughes","image":"http://yintang.test/media/practitioners/${hash}-480.webp"`);
    const find = (await t.client().get('/find?where=Bath', { accept: 'text/html' })).body;
    expect(find).toContain(`src="/media/practitioners/${hash}-160.webp"`);
    const directory = (await t.client().get('/api/v1/directory?where=Bath')).json();
    const listed = directory.items.flatMap((i: { practitioners: { id: string; photoUrl: string | null }[] }) => i.practitioners);
    expect(listed.find((p: { id: string }) => p.id === ids.tom).photoUrl).toBe(`http://yintang.test/media/practitioners/${hash}-480.webp`);
    expect(listed.find((p: { id: string }) => p.id === ids.priya).photoUrl).toBeNull();
  });

  it('lets a practitioner replace their own photo, turned upright and without its EXIF (no GPS position)', async () => {
    // Stored sideways (EXIF orientation 6: turn 90° clockwise to view) with a GPS position.
    const sideways = await sharp(await portrait('jpeg', 300, 500))
      .withExif({ IFD0: { Make: 'PhoneCo', Model: 'Camera 1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 22/1 50/1', GPSLongitudeRef: 'W', GPSLongitude: '2/1 21/1 40/1' } })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    expect((await sharp(sideways).metadata()).exif?.length).toBeGreaterThan(0);

    const res = await upload(tom, ids.tom, sideways, 'IMG_0001.JPG', 'image/jpeg');
    expect(res.statusCode).toBe(200);
    expect(res.json().url).not.toBe(firstUrl);
    expect(await photoRows()).toHaveLength(1);
    // Pages cached before the change still show the old photo for a day, then it is gone.
    const old = await t.client().get(firstUrl);
    expect(old.statusCode).toBe(200);
    expect(old.headers['content-type']).toBe('image/webp');
    await t.database.db.update(retiredPractitionerPhotos).set({ retiredAt: new Date(Date.now() - 25 * 3_600_000) });
    expect((await t.client().get(firstUrl)).statusCode).toBe(404);

    const image = (await t.client().get(res.json().url)).rawPayload;
    const meta = await sharp(image).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(image.includes(Buffer.from('PhoneCo'))).toBe(false);
    // Upright: the photo's left half (jade) is now at the top, its right half (clay) below.
    expect((await pixel(image, 240, 40)).g).toBeGreaterThan(90);
    expect((await pixel(image, 240, 440)).r).toBeGreaterThan(150);

    const audits = await photoAudits();
    expect(audits.at(-1)).toMatchObject({ action: 'member.photo_replace', actorRole: 'practitioner', actorUserId: ids.tom });
    expect(audits.at(-1)!.details).toMatchObject({ previousHash: firstUrl.slice(21, 53), sourceType: 'jpeg' });
  });

  it('accepts WebP too', async () => {
    const res = await upload(owner, ids.priya, await portrait('webp'), 'priya.webp', 'image/webp');
    expect(res.statusCode).toBe(200);
    expect((await t.client().get(res.json().thumbnailUrl)).statusCode).toBe(200);
  });

  it('removes a photo: the website shows initials again and the old address is gone', async () => {
    const url = (await owner.get(`/api/v1/clinics/jade-leaf-bath/members/${ids.priya}/profile`)).json().photo.url;
    expect((await owner.delete(photoPath(ids.priya))).statusCode).toBe(200);
    expect((await owner.delete(photoPath(ids.priya))).statusCode).toBe(404);
    expect((await t.client().get(url)).statusCode).toBe(404);
    expect((await owner.get(`/api/v1/clinics/jade-leaf-bath/members/${ids.priya}/profile`)).json().photo).toBeNull();
    const page = (await t.client().get(practitionerPage(ids.priya), { accept: 'text/html' })).body;
    expect(page).not.toContain('/media/practitioners/');
    expect((await photoAudits()).at(-1)).toMatchObject({ action: 'member.photo_remove', entityId: ids.priya });
  });

  it('keeps reception, clients, colleagues, other clinics and strangers out, and writes nothing', async () => {
    const png = await portrait('png');
    const before = { rows: await photoRows(), audits: (await photoAudits()).length };
    const reception = t.client();
    await reception.signIn('reception@jadeleaf.example', DEMO_PASSWORD);
    expect((await upload(reception, ids.tom, png)).statusCode).toBe(403);
    expect((await reception.delete(photoPath(ids.tom))).statusCode).toBe(403);
    const client = t.client();
    await client.signIn('client@jadeleaf.example', DEMO_PASSWORD);
    expect((await upload(client, ids.tom, png)).statusCode).toBe(404);
    // A practitioner manages only their own photo.
    expect((await upload(tom, ids.priya, png)).statusCode).toBe(404);
    expect((await tom.delete(photoPath(ids.priya))).statusCode).toBe(404);
    // Another clinic's owner cannot tell the clinic's staff exist; nor can an owner reach into another clinic.
    const helen = t.client();
    await helen.signIn('owner@willowtree.example', DEMO_PASSWORD);
    expect((await upload(helen, ids.tom, png)).statusCode).toBe(404);
    expect((await helen.delete(photoPath(ids.tom))).statusCode).toBe(404);
    expect((await upload(owner, ids.helen, png)).statusCode).toBe(404);
    expect((await upload(t.client(), ids.tom, png)).statusCode).toBe(401);
    // The address is still validated, though the multipart body is read by the handler.
    const badId = await upload(owner, 'not-a-uuid', png);
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errors[0].field).toBe('params.userId');
    // A cross-site form cannot send the session's CSRF token.
    const form = formData([{ name: 'photo', filename: 'x.png', type: 'image/png', data: png }]);
    const noToken = await owner.request('PUT', photoPath(ids.tom), form.body, { ...form.headers, 'x-csrf-token': 'wrong' });
    expect(noToken.statusCode).toBe(403);

    expect(await photoRows()).toEqual(before.rows);
    expect((await photoAudits()).length).toBe(before.audits);
  });

  it('refuses files that are not a usable JPEG, PNG or WebP photo with problem+json, and writes nothing', async () => {
    const png = await portrait('png');
    const jpeg = await portrait('jpeg');
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><script>alert(document.cookie)</script><rect width="400" height="400"/></svg>';
    const before = { rows: await photoRows(), audits: (await photoAudits()).length };
    const cases: [string, Promise<Awaited<ReturnType<typeof upload>>>, number, string][] = [
      ['text called .png', upload(owner, ids.tom, 'just some text, honestly', 'me.png'), 415, 'unsupported-photo'],
      ['SVG called .png', upload(owner, ids.tom, svg, 'me.png', 'image/png'), 415, 'unsupported-photo'],
      ['SVG as SVG', upload(owner, ids.tom, svg, 'me.svg', 'image/svg+xml'), 415, 'unsupported-photo'],
      ['GIF', upload(owner, ids.tom, await sharp(png).gif().toBuffer(), 'me.gif', 'image/gif'), 415, 'unsupported-photo'],
      ['PNG header, garbage body', upload(owner, ids.tom, Buffer.concat([png.subarray(0, 16), Buffer.alloc(500, 7)])), 422, 'unreadable-photo'],
      ['JPEG cut in half', upload(owner, ids.tom, jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'me.jpg', 'image/jpeg'), 422, 'unreadable-photo'],
      ['PNG signature on a JPEG', upload(owner, ids.tom, Buffer.concat([png.subarray(0, 8), jpeg])), 422, 'unreadable-photo'],
      ['a 30 000 × 30 000 PNG of a few hundred bytes', upload(owner, ids.tom, pngBomb(30_000, 30_000)), 422, 'photo-too-many-pixels'],
      ['too small to look sharp', upload(owner, ids.tom, await portrait('png', 120, 120)), 422, 'photo-too-small'],
      ['over 5 MB', upload(owner, ids.tom, Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)])), 413, 'photo-too-large'],
    ];
    for (const [what, request, status, code] of cases) {
      const res = await request;
      expect(res.statusCode, what).toBe(status);
      expect(res.headers['content-type'], what).toContain('application/problem+json');
      expect(res.json().type, what).toBe(`https://yintang.app/problems/${code}`);
      expect(res.json().detail, what).toBeTruthy();
    }

    const noFile = formData([{ name: 'note', data: 'hello' }]);
    const missing = await owner.request('PUT', photoPath(ids.tom), noFile.body, noFile.headers);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([{ field: 'photo', message: 'Choose a photo to upload' }]);
    const twoFiles = formData([{ name: 'photo', filename: 'a.png', type: 'image/png', data: png }, { name: 'photo', filename: 'b.png', type: 'image/png', data: png }]);
    expect((await owner.request('PUT', photoPath(ids.tom), twoFiles.body, twoFiles.headers)).statusCode).toBe(400);
    const cutShort = formData([{ name: 'photo', filename: 'a.png', type: 'image/png', data: png }]);
    const truncated = await owner.request('PUT', photoPath(ids.tom), cutShort.body.subarray(0, 300), cutShort.headers);
    expect(truncated.statusCode).toBe(400);
    expect(truncated.headers['content-type']).toContain('application/problem+json');
    const json = await owner.request('PUT', photoPath(ids.tom), { photo: 'data:image/png;base64,AAAA' });
    expect(json.statusCode).toBe(415);
    expect(json.headers['content-type']).toContain('application/problem+json');

    expect(await photoRows()).toEqual(before.rows);
    expect((await photoAudits()).length).toBe(before.audits);
    const [stillThere] = await t.database.db.select({ hash: practitionerPhotos.hash }).from(practitionerPhotos)
      .where(and(eq(practitionerPhotos.practitionerId, ids.tom)));
    expect(stillThere).toBeDefined();
  });

  it('describes the upload in the OpenAPI document as a multipart form', async () => {
    const doc = (await t.client().get('/api/openapi.json')).json();
    const put = doc.paths['/api/v1/clinics/{clinicSlug}/members/{userId}/photo'].put;
    expect(Object.keys(put.requestBody.content)).toEqual(['multipart/form-data']);
    expect(put.requestBody.content['multipart/form-data'].schema.properties.photo).toMatchObject({ type: 'string', format: 'binary' });
    expect(put.description).toContain('5 MB');
  });
});
