import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careTeam, clients } from '../../data/schema/index.ts';
import { buildTestApp, type TestClient, type TestContext } from '../../server/test-app.ts';
import { createClinicFixture, localDate, localSlot, type ClinicFixture } from '../booking/booking.test-helpers.ts';

let t: TestContext;
let f: ClinicFixture;
let reception: TestClient;
let clara: string;
let dev: string;
beforeAll(async () => {
  t = await buildTestApp({ BOOKING_PER_IP_PER_HOUR: '1000' });
  f = await createClinicFixture(t, { slug: 'wait-staff' });
  reception = await f.signIn('reception');
  const rows = await t.database.db.insert(clients).values([
    { clinicId: f.clinicId, name: 'Clara Client', email: 'clara@example.com', phone: '+447700900111' },
    { clinicId: f.clinicId, name: 'Dev Other', email: 'dev@example.com' },
  ]).returning({ id: clients.id });
  [clara, dev] = [rows[0]!.id, rows[1]!.id];
  // Pat treats Clara, not Dev.
  await t.database.db.insert(careTeam).values({ clinicId: f.clinicId, clientId: clara, practitionerId: f.practitionerId });
});
afterAll(() => t.close());

const url = (path: string) => `/api/v1/clinics/${f.slug}${path}`;
const day = (weekday: number) => localDate(localSlot(f.timeZone, weekday, '10:00'), f.timeZone);

describe('the waiting list for staff', () => {
  it('lets reception add a client, see how to reach them and when they joined, and remove them', async () => {
    const added = await reception.post(url('/waitlist'), { serviceId: f.services.consultation, date: day(2), practitionerId: f.practitionerId, clientId: clara });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({
      clientName: 'Clara Client', clientEmail: 'clara@example.com', clientPhone: '+447700900111',
      serviceName: 'Free consultation', practitionerName: 'Pat Practitioner', status: 'waiting', lastNotifiedAt: null,
    });
    const joinedAt = Date.parse(added.json().createdAt);
    expect(Math.abs(joinedAt - Date.now())).toBeLessThan(60_000);

    const list = (await reception.get(url('/waitlist'))).json().items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: added.json().id, clientEmail: 'clara@example.com', date: day(2) });

    expect((await reception.delete(url(`/waitlist/${added.json().id}`))).statusCode).toBe(204);
    expect((await reception.get(url('/waitlist'))).json().items).toHaveLength(0);

    // Joining again after leaving puts them at the back of the queue.
    await new Promise((r) => setTimeout(r, 20));
    const again = await reception.post(url('/waitlist'), { serviceId: f.services.consultation, date: day(2), clientId: clara });
    expect(again.json()).toMatchObject({ id: added.json().id, status: 'waiting', practitionerId: null, practitionerName: null });
    expect(Date.parse(again.json().createdAt)).toBeGreaterThan(joinedAt);
  });

  it('shows a practitioner the entries for services they give, with contact details only of clients they treat', async () => {
    // Massage is given by Sam only; a consultation waiting for Sam by name is Sam's too.
    await reception.post(url('/waitlist'), { serviceId: f.services.massage, date: day(3), clientId: dev });
    await reception.post(url('/waitlist'), { serviceId: f.services.consultation, date: day(3), practitionerId: f.secondId, clientId: clara });
    await reception.post(url('/waitlist'), { serviceId: f.services.consultation, date: day(4), clientId: dev });

    const pat = await f.signIn('practitioner');
    const seen = (await pat.get(url('/waitlist'))).json().items as { clientName: string; serviceName: string; date: string; clientEmail: string | null; clientPhone: string | null }[];
    expect(seen.map((e) => [e.clientName, e.serviceName, e.date]).sort()).toEqual([
      ['Clara Client', 'Free consultation', day(2)],
      ['Dev Other', 'Free consultation', day(4)],
    ].sort());
    expect(seen.find((e) => e.clientName === 'Clara Client')).toMatchObject({ clientEmail: 'clara@example.com', clientPhone: '+447700900111' });
    expect(seen.find((e) => e.clientName === 'Dev Other')).toMatchObject({ clientEmail: null, clientPhone: null });

    const all = (await reception.get(url('/waitlist'))).json().items as { id: string; serviceName: string }[];
    const massage = all.find((e) => e.serviceName === 'Sports massage')!;
    expect((await pat.delete(url(`/waitlist/${massage.id}`))).statusCode).toBe(404);
    const sam = await f.signIn('second');
    expect((await sam.get(url('/waitlist'))).json().items).toHaveLength(4);
    expect((await sam.delete(url(`/waitlist/${massage.id}`))).statusCode).toBe(204);
  });

  it('refuses a client of another clinic and keeps the list from clients', async () => {
    expect((await reception.post(url('/waitlist'), { serviceId: f.services.consultation, date: day(2), clientId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(422);
    const other = await createClinicFixture(t, { slug: 'wait-elsewhere' });
    const stranger = await other.signIn('reception');
    expect((await stranger.get(url('/waitlist'))).statusCode).toBe(404);
  });
});
