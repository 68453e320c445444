import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { like } from 'drizzle-orm';
import sharp from 'sharp';
import { auditLog, clinicImages } from '../../data/schema/index.ts';
import type { TestClient, TestContext } from '../../server/test-app.ts';
import { staffProfilesFixture } from './staff-profiles.test-helpers.ts';
import { formData, pixel } from '../common/image-upload.test-helpers.ts';
import { DEMO_PASSWORD } from '../../data/demo/demo-data.ts';

let t: TestContext;
let owner: TestClient;
let tom: TestClient;
let ids: { tom: string };

beforeAll(async () => {
  ({ t, owner, tom, ids } = await staffProfilesFixture());
});
afterAll(() => t.close());

const imagePath = (kind: string, slug = 'jade-leaf-bath') => `/api/v1/clinics/${slug}/images/${kind}`;

const upload = (client: TestClient, kind: string, data: Buffer | string, alt?: string, slug?: string) => {
  const form = formData([...(alt === undefined ? [] : [{ name: 'alt', data: alt }]), { name: 'photo', filename: 'clinic.jpg', type: 'image/jpeg', data }]);
  return client.request('PUT', imagePath(kind, slug), form.body, form.headers);
};

/** A landscape photo, jade on the left and clay on the right, with a camera and a GPS position in its EXIF. */
async function premises(width = 800, height = 500) {
  const half = await sharp({ create: { width: width / 2, height, channels: 3, background: { r: 180, g: 105, b: 74 } } }).png().toBuffer();
  return sharp({ create: { width, height, channels: 3, background: { r: 47, g: 111, b: 94 } } })
    .composite([{ input: half, left: width / 2, top: 0 }])
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneCo', Model: 'Camera 1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 22/1 50/1', GPSLongitudeRef: 'W', GPSLongitude: '2/1 21/1 40/1' } })
    .toBuffer();
}

/** A wide logo on a transparent background: it must be fitted, never cropped. */
const wideLogo = () => sharp({ create: { width: 600, height: 200, channels: 4, background: { r: 47, g: 111, b: 94, alpha: 1 } } }).png().toBuffer();

const html = async (url: string) => (await t.client().get(url, { accept: 'text/html' })).body;
const jsonLd = (page: string): Record<string, unknown>[] =>
  [...page.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]!));
const rows = () => t.database.db.select({ kind: clinicImages.kind, hash: clinicImages.hash, alt: clinicImages.alt }).from(clinicImages);
const audits = () => t.database.db.select().from(auditLog).where(like(auditLog.action, 'clinic.image%'));

describe('clinic photo and logo', () => {
  let photoUrl = '';

  it('lets the owner upload a photo: 4:3 WebP without EXIF or GPS, served for a year under its content hash', async () => {
    const source = await premises();
    expect((await sharp(source).metadata()).exif?.length).toBeGreaterThan(0);
    const res = await upload(owner, 'photo', source, '  The treatment room, with a couch by the window  ');
    expect(res.statusCode).toBe(200);
    const photo = res.json();
    expect(photo.url).toMatch(/^\/media\/clinics\/[0-9a-f]{32}-480\.webp$/);
    expect(photo.thumbnailUrl).toBe(photo.url.replace('-480.webp', '-160.webp'));
    expect(photo.alt).toBe('The treatment room, with a couch by the window');
    photoUrl = photo.url;

    const image = await t.client().get(photo.url);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/webp');
    expect(image.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const meta = await sharp(image.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 480, height: 360 });
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    // Cropped, not squeezed: both halves are still there, left jade and right clay.
    expect((await pixel(image.rawPayload, 20, 180)).g).toBeGreaterThan(90);
    expect((await pixel(image.rawPayload, 460, 180)).r).toBeGreaterThan(150);
    expect(await sharp((await t.client().get(photo.thumbnailUrl)).rawPayload).metadata()).toMatchObject({ width: 160, height: 120 });
    expect((await t.client().get(photo.url, { 'if-none-match': image.headers.etag as string })).statusCode).toBe(304);
    expect((await t.client().get(photo.url.replace(/[0-9a-f]{32}/, 'f'.repeat(32)))).statusCode).toBe(404);

    const [audit] = await audits();
    expect(audit).toMatchObject({ action: 'clinic.image_upload', entityType: 'clinic', actorRole: 'owner' });
    expect(audit!.details).toMatchObject({ kind: 'photo', hash: photo.url.slice(15, 47), previousHash: null, sourceType: 'jpeg' });
    expect((await owner.get('/api/v1/clinics/jade-leaf-bath/images')).json()).toMatchObject({ photo: { url: photo.url, alt: photo.alt }, logo: null });
  });

  it('shows the photo with the owner’s words on the clinic page and the directory card, and names it in the JSON-LD', async () => {
    const page = await html('/clinics/jade-leaf-bath');
    expect(page).toContain(`<img src="${photoUrl}" alt="The treatment room, with a couch by the window" width="480" height="360"`);
    expect(page).toContain(`<meta property="og:image" content="http://yintang.test${photoUrl}"/>`);
    const [business] = jsonLd(page);
    expect(business).toMatchObject({ '@type': 'MedicalBusiness', image: `http://yintang.test${photoUrl}` });
    expect(business).not.toHaveProperty('logo');
    const directory = await html('/find');
    expect(directory).toContain(`src="${photoUrl.replace('-480', '-160')}" alt="The treatment room, with a couch by the window" width="160" height="120"`);
    // Another clinic without a photo keeps its drawing and no image.
    const [willow] = jsonLd(await html('/clinics/willow-harrogate'));
    expect(willow).not.toHaveProperty('image');
  });

  it('fits a logo into a white square uncropped, names it by the clinic by default, and puts it in the JSON-LD', async () => {
    const res = await upload(owner, 'logo', await wideLogo());
    expect(res.statusCode).toBe(200);
    expect(res.json().alt).toBe('Jade Leaf Acupuncture logo');
    const image = (await t.client().get(res.json().url)).rawPayload;
    expect(await sharp(image).metadata()).toMatchObject({ width: 480, height: 480 });
    // Above and below the logo is white; its middle is the logo's jade.
    expect(await pixel(image, 240, 10)).toEqual({ r: 255, g: 255, b: 255 });
    expect((await pixel(image, 240, 240)).g).toBeGreaterThan(90);
    const page = await html('/clinics/jade-leaf-bath');
    expect(page).toContain('alt="Jade Leaf Acupuncture logo"');
    expect(jsonLd(page)[0]).toMatchObject({ logo: `http://yintang.test${res.json().url}` });
  });

  it('keeps a practitioner’s photo in their Person JSON-LD as image', async () => {
    const form = formData([{ name: 'photo', filename: 'tom.jpg', type: 'image/jpeg', data: await premises(400, 400) }]);
    const res = await owner.request('PUT', `/api/v1/clinics/jade-leaf-bath/members/${ids.tom}/photo`, form.body, form.headers);
    expect(res.statusCode).toBe(200);
    const [person] = jsonLd(await html(`/clinics/jade-leaf-bath/practitioners/${ids.tom}`));
    expect(person).toMatchObject({ '@type': 'Person', image: `http://yintang.test${res.json().url}` });
  });

  it('refuses a photo without a description, a file that is not a photo, a practitioner and another clinic’s owner, writing nothing', async () => {
    const before = await rows();
    const auditsBefore = (await audits()).length;
    const noAlt = await upload(owner, 'photo', await premises());
    expect(noAlt.statusCode).toBe(400);
    expect(noAlt.headers['content-type']).toContain('application/problem+json');
    expect(noAlt.json().errors).toEqual([{ field: 'alt', message: 'Describe the photo in a few words' }]);
    expect((await upload(owner, 'photo', await premises(), 'x'.repeat(201))).statusCode).toBe(400);
    const svg = await upload(owner, 'photo', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'A drawing');
    expect(svg.statusCode).toBe(415);
    expect((await upload(tom, 'photo', await premises(), 'By Tom')).statusCode).toBe(403);
    const helen = t.client();
    await helen.signIn('owner@willowtree.example', DEMO_PASSWORD);
    // Not a member there: the clinic answers as if the record did not exist, like every staff route.
    expect((await upload(helen, 'photo', await premises(), 'Not ours', 'jade-leaf-bath')).statusCode).toBe(404);
    expect((await helen.request('DELETE', imagePath('photo'))).statusCode).toBe(404);
    expect((await owner.request('PUT', imagePath('banner'), 'x', { 'content-type': 'text/plain' })).statusCode).toBe(400);
    expect(await rows()).toEqual(before);
    expect((await audits()).length).toBe(auditsBefore);
  });

  it('keeps a replaced photo at its old address for a day, for pages cached before the change', async () => {
    const res = await upload(owner, 'photo', await premises(900, 600), 'The treatment room, with a couch by the window');
    expect(res.statusCode).toBe(200);
    expect(res.json().url).not.toBe(photoUrl);
    expect((await t.client().get(photoUrl)).statusCode).toBe(200);
    expect(await html('/clinics/jade-leaf-bath')).toContain(res.json().url);
    photoUrl = res.json().url;
  });

  it('lets the owner change the description and remove the photo; the page and JSON-LD follow', async () => {
    const patched = await owner.request('PATCH', imagePath('photo'), { alt: 'The waiting room' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ url: photoUrl, alt: 'The waiting room' });
    expect(await html('/clinics/jade-leaf-bath')).toContain('alt="The waiting room"');
    expect((await owner.request('PATCH', imagePath('photo'), { alt: '' })).statusCode).toBe(400);

    expect((await owner.request('DELETE', imagePath('photo'))).statusCode).toBe(200);
    expect((await owner.request('DELETE', imagePath('photo'))).statusCode).toBe(404);
    expect((await owner.request('PATCH', imagePath('photo'), { alt: 'Gone' })).statusCode).toBe(404);
    const page = await html('/clinics/jade-leaf-bath');
    expect(page).not.toContain(photoUrl);
    expect(jsonLd(page)[0]).not.toHaveProperty('image');
    expect((await t.client().get(photoUrl)).statusCode).toBe(404);
    expect((await audits()).map((a) => a.action)).toEqual(['clinic.image_upload', 'clinic.image_upload', 'clinic.image_replace', 'clinic.image_alt', 'clinic.image_remove']);
  });
});
