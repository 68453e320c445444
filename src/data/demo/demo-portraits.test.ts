import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, practitionerPhotos } from '../schema/index.ts';
import { buildTestApp, type TestContext } from '../../server/test-app.ts';
import { seedDemo } from './demo-data.ts';
import { DEMO_PORTRAITS, seedDemoPortraits } from './demo-portraits.ts';

let t: TestContext;
beforeAll(async () => {
  t = await buildTestApp();
  await seedDemo(t.database);
});
afterAll(() => t.close());

describe('seedDemoPortraits', () => {
  it('uploads an illustrated portrait for each demo practitioner through the photo path, audited as the owner’s upload, once', async () => {
    const ctx = { database: t.database, config: t.config };
    expect(await seedDemoPortraits(ctx)).toBe(Object.keys(DEMO_PORTRAITS).length);
    const photos = await t.database.db.select({ hash: practitionerPhotos.hash }).from(practitionerPhotos);
    expect(photos).toHaveLength(6);
    const uploads = await t.database.db.select({ details: auditLog.details }).from(auditLog).where(eq(auditLog.action, 'member.photo_upload'));
    expect(uploads).toHaveLength(6);
    expect(uploads.every((u) => (u.details as { sourceType: string }).sourceType === 'png')).toBe(true);
    // A second run finds every portrait in place and changes nothing.
    expect(await seedDemoPortraits(ctx)).toBe(0);
  });

  it('shows the portraits on the public pages as WebP from the media path', async () => {
    const res = await t.client().get('/clinics/jade-leaf-bath', { accept: 'text/html' });
    const thumbs = [...res.body.matchAll(/src="(\/media\/practitioners\/[0-9a-f]{32}-160\.webp)"/g)].map((m) => m[1]!);
    expect(thumbs.length).toBeGreaterThanOrEqual(3);
    const image = await t.client().get(thumbs[0]!);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/webp');
  });
});
