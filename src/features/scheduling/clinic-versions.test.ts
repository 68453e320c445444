import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { clinics } from '../../data/schema/index.ts';
import { buildTestApp, type TestContext } from '../../server/test-app.ts';
import { createClinicFixture, type ClinicFixture } from '../booking/booking.test-helpers.ts';
import { clinicVersions } from './clinic-versions.ts';

let t: TestContext;
let clinic: ClinicFixture;
let other: ClinicFixture;

beforeAll(async () => {
  t = await buildTestApp();
  clinic = await createClinicFixture(t, { slug: 'versioned-clinic' });
  other = await createClinicFixture(t, { slug: 'other-versioned-clinic' });
});
afterAll(() => t.close());

const versionOf = async (slug: string) => (await clinicVersions(t.database).clinic(slug))?.version;

describe('clinic versions', () => {
  it('see every committed change at once: a clinic changed, a clinic that appears at an address or leaves it', async () => {
    const v1 = await versionOf(clinic.slug);
    const network1 = await clinicVersions(t.database).network();
    expect(await versionOf(clinic.slug)).toBe(v1);

    await t.database.db.update(clinics).set({ town: 'Wells' }).where(eq(clinics.slug, clinic.slug));
    const v2 = await versionOf(clinic.slug);
    expect(v2).toBeGreaterThan(v1!);
    const network2 = await clinicVersions(t.database).network();
    expect(network2).not.toBe(network1);

    const otherBefore = await versionOf(other.slug);
    await t.database.db.update(clinics).set({ town: 'Frome' }).where(eq(clinics.slug, other.slug));
    expect(await versionOf(other.slug)).toBeGreaterThan(otherBefore!);

    // An address that is no clinic yet answers null, and the clinic once it exists.
    expect(await clinicVersions(t.database).clinic('not-yet-a-clinic')).toBeNull();
    await t.database.db.update(clinics).set({ slug: 'not-yet-a-clinic' }).where(eq(clinics.slug, other.slug));
    expect(await clinicVersions(t.database).clinic('not-yet-a-clinic')).not.toBeNull();
    expect(await clinicVersions(t.database).clinic(other.slug)).toBeNull();
    await t.database.db.update(clinics).set({ slug: other.slug }).where(eq(clinics.slug, 'not-yet-a-clinic'));
  });

  it('answer requests for several clinics in one read alike, the same as one by one', async () => {
    const [one, two, none] = await Promise.all([clinic.slug, other.slug, 'no-clinic-here'].map((slug) => clinicVersions(t.database).clinic(slug)));
    expect(one).toEqual({ id: clinic.clinicId, version: await versionOf(clinic.slug) });
    expect(two).toEqual({ id: other.clinicId, version: await versionOf(other.slug) });
    expect(none).toBeNull();
  });

  it('on the embedded database, read nothing while no clinic row changed', async () => {
    if (t.database.kind !== 'pglite') return;
    await versionOf(clinic.slug);
    await clinicVersions(t.database).network();
    const execute = vi.spyOn(t.database.db, 'execute');
    try {
      for (let i = 0; i < 5; i++) {
        await versionOf(clinic.slug);
        await clinicVersions(t.database).network();
      }
      expect(execute).not.toHaveBeenCalled();
      // Any commit that touches a clinic row makes the next request read again.
      const counted = t.database.clinicChanges!();
      await t.database.db.update(clinics).set({ town: 'Bath' }).where(eq(clinics.slug, clinic.slug));
      expect(t.database.clinicChanges!()).toBe(counted + 1);
      await versionOf(clinic.slug);
      expect(execute).toHaveBeenCalledTimes(1);
      // A rolled-back change counts for nothing and is not seen.
      const before = await versionOf(clinic.slug);
      await t.database.transaction(async (tx) => {
        await tx.update(clinics).set({ town: 'Bristol' }).where(eq(clinics.slug, clinic.slug));
        throw new Error('roll back');
      }).catch(() => undefined);
      expect(t.database.clinicChanges!()).toBe(counted + 1);
      expect(await versionOf(clinic.slug)).toBe(before);
    } finally {
      execute.mockRestore();
    }
  });
});
